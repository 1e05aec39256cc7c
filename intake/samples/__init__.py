"""Realistic synthetic intake files: the product's demo data and the test bed of the readers.

Why built backwards: a sample is only useful to test group forming if groups *can* be formed.
So the generator first plans "witness" groups (5-8 people of one function family, one region,
one shared meeting moment, everyone's travel limit covering the farthest group mate, nobody
from the same team, no manager with their own staff), then builds organisations, teams and
reporting lines around them, and only then writes the answers the way coordinators and forms
write them, with a measured dose of mess. The ``truth`` frame records what was meant, so tests
can check what the readers recover. All people and organisations are fictional; place names and
postcodes come from GeoNames (CC BY 4.0).

The package exports what the CLI, the benchmarks and the tests use.
"""

from intake.samples.files import (
    STANDARD_SAMPLES,
    generate_sample,
    write_sample,
    write_standard_samples,
)
from intake.samples.reference import known_place, known_postcode
from intake.samples.spec import (
    MESS_KINDS,
    PLANTED,
    UNRESOLVABLE_LOCATION_MESS,
    SampleSpec,
)
from moments import MOMENTS

__all__ = [
    "MESS_KINDS",
    "MOMENTS",
    "PLANTED",
    "STANDARD_SAMPLES",
    "UNRESOLVABLE_LOCATION_MESS",
    "SampleSpec",
    "generate_sample",
    "known_place",
    "known_postcode",
    "write_sample",
    "write_standard_samples",
]
