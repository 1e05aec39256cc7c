"""The programme plan at scale: facilitator assignment and meeting calendars.

``python -m bench.planning [--groups 150 30] [--facilitators 40] [--meetings 7] [--time-limit 60]``

A synthetic programme (seeded): groups of 6 at venues around 12 Dutch and Belgian cities, each
with a meeting moment, the weekdays all members can make (2 to 5) and members' countries;
facilitators spread over the same cities with 3 to 5 groups a year, their own days and moments,
a travel limit and one or two unavailable periods; public holidays from the ``holidays``
package. The whole plan (``planning.plan.make_plan``, the code behind ``intervisie plan``) runs
once at ``--time-limit`` seconds. Reported: wall time, groups with a facilitator, groups with a
calendar, and per stage (assignment, calendar) the CP-SAT status, cost, lower bound and gap.
Results go to ``bench/results/planning_<groups>.json``.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from datetime import date, timedelta
from pathlib import Path

from intake.weekdays import WEEKDAYS
from planning.model import Facilitator, Place, PlanGroup
from planning.periods import Period
from planning.plan import make_plan
from planning.settings import MOMENTS, PlanSettings

RESULTS = Path(__file__).parent / "results"
CITIES = (
    ("Utrecht", 52.0908, 5.1222, "NL"), ("Amsterdam", 52.3728, 4.8936, "NL"),
    ("Rotterdam", 51.9225, 4.4792, "NL"), ("Zwolle", 52.5125, 6.0944, "NL"),
    ("Eindhoven", 51.4408, 5.4778, "NL"), ("Groningen", 53.2192, 6.5667, "NL"),
    ("Apeldoorn", 52.21, 5.9694, "NL"), ("Amersfoort", 52.155, 5.3875, "NL"),
    ("Den Haag", 52.0767, 4.2986, "NL"), ("Nijmegen", 51.8425, 5.8528, "NL"),
    ("Antwerpen", 51.2199, 4.4035, "BE"), ("Gent", 51.0536, 3.7253, "BE"),
)  # fmt: skip
START = date(2027, 1, 11)


def _near(rng: random.Random, city) -> Place:
    name, lat, lon, _ = city
    return Place(name, lat + rng.uniform(-0.08, 0.08), lon + rng.uniform(-0.1, 0.1))


def synthetic(n_groups: int, n_facilitators: int, seed: int):
    """Groups and facilitators of a programme; sized so that every group can be covered."""
    rng = random.Random(seed)
    groups = []
    for g in range(1, n_groups + 1):
        city = CITIES[g % len(CITIES)]
        days = tuple(sorted(rng.sample(WEEKDAYS[:5], rng.randint(2, 5)), key=WEEKDAYS.index))
        groups.append(
            PlanGroup(
                group=g,
                pids=tuple(f"R{g:03d}{i}" for i in range(6)),
                names=tuple(f"Member {g}.{i}" for i in range(6)),
                moment=rng.choice(("morning", "morning", "afternoon", "late_afternoon", "evening")),
                venue=_near(rng, city),
                weekdays=days,
                countries=(city[3],),
                organisations=frozenset({f"org{rng.randint(0, 30)}"}),
                emails=frozenset(),
                families=frozenset({f"family{rng.randint(0, 9)}"}),
                experience=tuple(rng.randint(0, 2) for _ in range(6)),
            )
        )
    facilitators = []
    for i in range(n_facilitators):
        city = CITIES[i % len(CITIES)]
        away = []
        for _ in range(rng.randint(1, 2)):
            first = START + timedelta(days=rng.randint(0, 330))
            away.append(Period(first, first + timedelta(days=rng.randint(5, 20))))
        facilitators.append(
            Facilitator(
                fid=f"F{i + 2:04d}",
                source_row=i + 2,
                name=f"Facilitator {i + 1}",
                home=_near(rng, city),
                families=(f"family{rng.randint(0, 9)}",),
                capacity=rng.randint(3, 5),
                weekdays=tuple(
                    sorted(rng.sample(WEEKDAYS[:5], rng.randint(3, 5)), key=WEEKDAYS.index)
                ),
                moments=tuple(m for m in MOMENTS if rng.random() < 0.8),
                unavailable=tuple(away),
                max_travel_km=float(rng.choice((60, 80, 100, 150))),
                organisation=f"org{rng.randint(31, 60)}",
            )
        )
    return groups, facilitators


def run(n_groups: int, n_facilitators: int, meetings: int, time_limit: float, seed: int):
    groups, facilitators = synthetic(n_groups, n_facilitators, seed)
    settings = PlanSettings(meetings=meetings, time_limit_s=time_limit)
    began = time.perf_counter()
    plan = make_plan(
        groups, facilitators, settings, start=START, end=date(2027, 12, 31), seed=seed, workers=2
    )
    wall = time.perf_counter() - began
    stages = {
        name: {
            "status": figures.status,
            "cost": figures.objective,
            "bound": figures.bound,
            "gap": round(figures.gap, 6),
            "solve_time_s": round(figures.time_s, 2),
        }
        for name, figures in (("assignment", plan.assignment), ("calendar", plan.calendar))
    }
    return {
        "groups": n_groups,
        "facilitators": n_facilitators,
        "capacity": sum(f.capacity for f in facilitators),
        "meetings_per_group": meetings,
        "time_limit_s": time_limit,
        "seed": seed,
        "wall_s": round(wall, 2),
        "with_facilitator": sum(1 for g in plan.groups if g.facilitator),
        "with_calendar": sum(1 for g in plan.groups if g.meetings),
        "meetings": sum(len(g.meetings) for g in plan.groups),
        **stages,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--groups", type=int, nargs="+", default=[150, 30])
    parser.add_argument("--facilitators", type=int, default=40)
    parser.add_argument("--meetings", type=int, default=7)
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    RESULTS.mkdir(exist_ok=True)
    for n in args.groups:
        facilitators = args.facilitators if n > 30 else max(8, args.facilitators * n // 150)
        figures = run(n, facilitators, args.meetings, args.time_limit, args.seed)
        path = RESULTS / f"planning_{n}.json"
        path.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
        print(json.dumps(figures))


if __name__ == "__main__":
    main()
