"""A whole sample: generate the sheet and its truth, and write it as a deterministic file."""

from __future__ import annotations

import csv
import io
import math
import random
import zipfile
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.xml.functions import tostring

from intake.samples.layout import _layout
from intake.samples.phrasing import _Row, _Writer
from intake.samples.population import _Generator
from intake.samples.spec import (
    FIRST_SUBMISSION,
    FIXED_FILE_TIME,
    MESS_KINDS,
    PLANTED,
    SHEET_NAMES,
    SUBMISSION_WINDOW_DAYS,
    SampleSpec,
)


def _submission_time(rng: random.Random) -> datetime:
    """When someone fills in the form: a day in the intake window, mostly office hours."""
    day = FIRST_SUBMISSION + timedelta(days=rng.randrange(SUBMISSION_WINDOW_DAYS))
    hour = rng.choices(range(7, 23), weights=[2, 5, 6, 6, 5, 6, 6, 5, 5, 4, 3, 2, 3, 3, 2, 1])[0]
    return day.replace(hour=hour, minute=rng.randrange(60), second=rng.randrange(60))


def _mess_plan(spec: SampleSpec, rng: random.Random) -> list[str]:
    """Which kinds of mess this sample gets: round(n * mess) rows, one kind per row, at most
    one per person (a duplicate adds a row, so a very messy sample has fewer people)."""
    kinds = list(MESS_KINDS)
    rng.shuffle(kinds)
    plan = [kinds[i % len(kinds)] for i in range(round(spec.n * spec.mess))]
    planted = len(PLANTED) if spec.plant_problems else 0
    while plan and len(plan) > spec.n - plan.count("duplicate") - planted:
        plan.pop()
    return plan


def generate_sample(spec: SampleSpec) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A synthetic intake sheet and the truth behind every row (same order, same length).

    ``sheet`` holds exactly the headers and cell values written to the file (timestamps as
    datetimes; the csv writer formats them as the form would). ``truth`` holds per row:
    person_id (shared by a duplicate submission), family, function_canonical, organisation,
    team, manager_person_id, level, lat, lon, is_duplicate, planted, and also mess (the kind of
    mess applied to the row, or None), moments, max_travel_km (inf = no limit), goal_theme,
    region, country and witness_group (the planned group of 5-8 proving the clean rows can
    form groups; None for planted people).
    """
    gen = _Generator(spec)
    mess_kinds = _mess_plan(spec, gen.rng)
    n_duplicates = mess_kinds.count("duplicate")
    n_core = spec.n - n_duplicates - (len(PLANTED) if spec.plant_problems else 0)
    gen.plan_witness_groups(n_core)
    gen.build_teams()
    gen.place_leaders()
    if spec.plant_problems:
        gen.add_planted_problems()
    gen.name_everyone()
    gen.link_managers()

    writer = _Writer(gen)
    order = list(gen.people)
    gen.rng.shuffle(order)
    moments = sorted(_submission_time(gen.rng) for _ in order)
    rows = [writer.answers(person, t) for person, t in zip(order, moments, strict=True)]
    clean_rows = [r for r in rows if r.person.planted is None]
    for row, kind in zip(gen.rng.sample(clean_rows, len(mess_kinds)), mess_kinds, strict=True):
        extra = writer.mess_up(row, kind, gen.people)
        if extra is not row:
            rows.append(extra)
    rows.sort(key=lambda r: r.submitted)
    sheet = _layout(rows, writer, spec)
    return sheet, _truth(rows, gen)


def _truth(rows: list[_Row], gen: _Generator) -> pd.DataFrame:
    def pid(idx: int | None) -> str | None:
        return None if idx is None else f"P{idx + 1:05d}"

    records = [
        {
            "person_id": pid(r.person.idx), "family": r.person.family,
            "function_canonical": r.person.function_canonical,
            "organisation": r.person.organisation, "team": r.person.team,
            "manager_person_id": pid(r.person.manager_idx), "level": r.person.level,
            "lat": r.person.lat, "lon": r.person.lon, "is_duplicate": r.is_duplicate,
            "planted": r.person.planted, "mess": r.mess, "moments": r.moments,
            "max_travel_km": r.person.travel_km, "goal_theme": r.goal_theme,
            "region": r.person.region, "country": r.person.country,
            "witness_group": r.person.group,
        }
        for r in rows
    ]
    truth = pd.DataFrame(records)
    truth["level"] = truth["level"].astype("Int64")
    truth["witness_group"] = truth["witness_group"].astype("Int64")
    for column in ("manager_person_id", "planted", "mess"):
        truth[column] = truth[column].astype(object).where(truth[column].notna(), None)
    return truth


def _format_timestamp(value: datetime, spec: SampleSpec) -> str:
    """A timestamp as the form's csv download writes it."""
    if spec.lang == "nl":
        return f"{value.day}-{value.month}-{value.year} {value:%H:%M:%S}"
    return value.strftime("%Y/%m/%d %I:%M:%S %p") + " CET"


def _csv_cell(value: Any, spec: SampleSpec) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, datetime):
        return _format_timestamp(value, spec)
    return str(value)


def _title(spec: SampleSpec) -> str | None:
    """A hand sheet's title row, if this coordinator puts one above the header."""
    if spec.style != "hand" or random.Random(spec.seed).random() >= 0.6:
        return None
    return "Intake intervisie 2026 — regio Utrecht" if spec.lang == "nl" else (
        "Intervision intake 2026 — Utrecht region"
    )


def write_sample(spec: SampleSpec, path: Path) -> Path:
    """Write the sample as .xlsx or .csv (Google Forms csv: comma; hand csv: semicolon, BOM)."""
    path = Path(path)
    sheet, _ = generate_sample(spec)
    title = _title(spec)
    if path.suffix.lower() == ".csv":
        _write_csv(sheet, spec, title, path)
    elif path.suffix.lower() == ".xlsx":
        _write_xlsx(sheet, spec, title, path)
    else:
        raise ValueError(f"write_sample writes .xlsx or .csv, not {path.suffix!r}")
    return path


def _write_csv(sheet: pd.DataFrame, spec: SampleSpec, title: str | None, path: Path) -> None:
    hand = spec.style == "hand"
    buffer = io.StringIO()
    out = csv.writer(buffer, delimiter=";" if hand else ",", lineterminator="\r\n")
    width = len(sheet.columns)
    if title:
        out.writerow([title] + [""] * (width - 1))
        out.writerow([""] * width)
    out.writerow(list(sheet.columns))
    for values in sheet.itertuples(index=False):
        out.writerow([_csv_cell(v, spec) for v in values])
    encoding = "utf-8-sig" if hand or spec.style == "msforms" else "utf-8"
    path.write_bytes(buffer.getvalue().encode(encoding))


def _write_xlsx(sheet: pd.DataFrame, spec: SampleSpec, title: str | None, path: Path) -> None:
    workbook = Workbook()
    ws = workbook.active
    ws.title = SHEET_NAMES[(spec.style, spec.lang)]
    if title:
        ws.append([title])
        ws["A1"].font = Font(bold=True, size=14)
        ws.append([])
    ws.append(list(sheet.columns))
    header_row = ws.max_row
    if spec.style == "hand":
        for cell in ws[header_row]:
            cell.font = Font(bold=True)
    for values in sheet.itertuples(index=False):
        ws.append([None if _is_missing(v) else v for v in values])
    if spec.style == "msforms":
        for column in ws.iter_cols(min_col=2, max_col=3, min_row=header_row + 1):
            for cell in column:
                cell.number_format = "m/d/yy h:mm:ss"
    workbook.properties.creator = "intervisie samples"
    workbook.properties.created = FIXED_FILE_TIME
    buffer = io.BytesIO()
    workbook.save(buffer)
    workbook.properties.modified = FIXED_FILE_TIME
    path.write_bytes(_restamp_zip(buffer.getvalue(), tostring(workbook.properties.to_tree())))


def _is_missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _restamp_zip(data: bytes, core_xml: bytes) -> bytes:
    """Rewrite an xlsx with fixed entry times and properties, so equal content = equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(
        out, "w", zipfile.ZIP_DEFLATED
    ) as target:
        for info in source.infolist():
            content = core_xml if info.filename == "docProps/core.xml" else source.read(info)
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_FILE_TIME.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, content)
    return out.getvalue()


STANDARD_SAMPLES: tuple[tuple[str, SampleSpec], ...] = (
    ("intake_40.xlsx", SampleSpec(n=40, seed=1)),
    ("intake_40.csv", SampleSpec(n=40, seed=1)),
    ("intake_150.xlsx", SampleSpec(n=150, seed=1)),
    ("intake_150.csv", SampleSpec(n=150, seed=1)),
    ("intake_2000.xlsx", SampleSpec(n=2000, seed=1)),
    ("intake_2000.csv", SampleSpec(n=2000, seed=1)),
    ("msforms_nl_60.xlsx", SampleSpec(n=60, seed=2, style="msforms", lang="nl")),
    ("msforms_en_60.xlsx", SampleSpec(n=60, seed=3, style="msforms", lang="en")),
    ("gforms_nl_80.csv", SampleSpec(n=80, seed=4, style="gforms", lang="nl")),
    ("gforms_en_80.xlsx", SampleSpec(n=80, seed=5, style="gforms", lang="en")),
    ("intake_problems_60.xlsx", SampleSpec(n=60, seed=6, mess=0.0, plant_problems=True)),
)


def write_standard_samples(folder: Path) -> list[Path]:
    """Write the committed sample set (see ``data/samples/README.md``) into ``folder``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    return [write_sample(spec, folder / name) for name, spec in STANDARD_SAMPLES]
