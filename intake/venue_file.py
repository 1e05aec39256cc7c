"""The coordinator's own meeting places: a small sheet with a name and a postcode, place or
lat/lon per row, read like an intake (any of the intake's file types) and checked the same way:
every problem names the file, the row as the spreadsheet shows it and the column.

Headers are matched case-insensitively in Dutch or English: name/naam/locatie, postcode,
place/plaats/woonplaats/adres, lat/latitude/breedtegraad, lon/lng/longitude/lengtegraad.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from intake.geo import default_geocoder
from intake.issues import Issue, Severity
from intake.reading import read_table

_NAME = ("name", "naam", "locatie", "location", "venue")
_POSTCODE = ("postcode", "postal code", "zip")
_PLACE = ("place", "plaats", "woonplaats", "city", "stad", "adres", "address")
_LAT = ("lat", "latitude", "breedtegraad")
_LON = ("lon", "lng", "long", "longitude", "lengtegraad")
MAX_VENUES_ROWS = 1000  # the solver's meeting-place choice holds at most this many (max_venues)


@dataclass(frozen=True)
class VenueRow:
    """One meeting place as the coordinator listed it."""

    name: str
    lat: float
    lon: float
    row: int  # the spreadsheet row


@dataclass(frozen=True)
class VenueList:
    """The usable venues and what was wrong with the others (an error per row left out)."""

    venues: tuple[VenueRow, ...]
    issues: tuple[Issue, ...]

    @property
    def ok(self) -> bool:
        """No row was left out and there is at least one venue."""
        return bool(self.venues) and not any(i.severity == Severity.ERROR for i in self.issues)


def _find(headers: list[str], names: tuple[str, ...]) -> int | None:
    folded = [h.strip().casefold() for h in headers]
    return next((folded.index(n) for n in names if n in folded), None)


def _error(file: str, code: str, en: str, nl: str, row: int | None = None, column=None) -> Issue:
    return Issue(Severity.ERROR, code, en, nl, file=file, row=row, column=column)


def read_venues(path: Path, file_name: str | None = None) -> VenueList:
    """The venues in ``path``; raises IntakeFileError when the file cannot be read at all."""
    file = file_name or Path(path).name
    raw, _ = read_table(Path(path), max_rows=MAX_VENUES_ROWS)
    headers = list(raw.headers)
    name_at = _find(headers, _NAME)
    lat_at, lon_at = _find(headers, _LAT), _find(headers, _LON)
    where_at = [i for i in (_find(headers, _POSTCODE), _find(headers, _PLACE)) if i is not None]
    if (lat_at is None or lon_at is None) and not where_at:
        return VenueList(
            (),
            (
                _error(
                    file,
                    "venue_columns",
                    "The venues file needs a column postcode or place (or lat and lon), "
                    f"besides name; found: {', '.join(headers)}.",
                    "Het locatiebestand heeft een kolom postcode of plaats nodig (of lat en "
                    f"lon), naast naam; gevonden: {', '.join(headers)}.",
                ),
            ),
        )
    geocoder = default_geocoder()
    venues: list[VenueRow] = []
    issues: list[Issue] = []
    for row in raw.rows:
        cells = row.cells
        text = [str(c).strip() if c is not None else "" for c in cells]
        name = text[name_at] if name_at is not None else ""
        if lat_at is not None and lon_at is not None and (text[lat_at] or text[lon_at]):
            try:
                lat = float(text[lat_at].replace(",", "."))
                lon = float(text[lon_at].replace(",", "."))
            except ValueError:
                lat = lon = None
            if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
                column = headers[lat_at]
                issues.append(
                    _error(
                        file,
                        "venue_coordinates",
                        f"lat/lon {text[lat_at]!r}, {text[lon_at]!r} are not coordinates "
                        "(write decimal degrees such as 52.09, 5.12); this venue is left out.",
                        f"lat/lon {text[lat_at]!r}, {text[lon_at]!r} zijn geen coördinaten "
                        "(schrijf decimale graden zoals 52.09, 5.12); deze locatie is weggelaten.",
                        row.row,
                        column,
                    )
                )
                continue
            venues.append(VenueRow(name or f"{lat:.3f}, {lon:.3f}", lat, lon, row.row))
            continue
        given = [(i, text[i]) for i in where_at if text[i]]
        if not given:
            if any(text):
                issues.append(
                    _error(
                        file,
                        "venue_without_place",
                        f"venue {name!r} has no postcode or place; it is left out.",
                        f"locatie {name!r} heeft geen postcode of plaats; ze is weggelaten.",
                        row.row,
                        headers[where_at[0]],
                    )
                )
            continue
        match = geocoder.locate(given[0][1], place_hint=given[1][1] if len(given) > 1 else None)
        if match.lat is None or match.lon is None:
            quoted = ", ".join(value for _, value in given)
            issues.append(
                _error(
                    file,
                    "venue_unknown_place",
                    f"cannot find {quoted!r} (NL or BE postcode or place); this venue is left out.",
                    f"kan {quoted!r} niet vinden (postcode of plaats in NL of BE); deze locatie "
                    "is weggelaten.",
                    row.row,
                    headers[given[0][0]],
                )
            )
            continue
        venues.append(VenueRow(name or match.place or given[0][1], match.lat, match.lon, row.row))
    if not venues and not issues:
        issues.append(
            _error(
                file,
                "venue_empty",
                "The venues file lists no venue.",
                "Het locatiebestand noemt geen locatie.",
            )
        )
    return VenueList(tuple(venues), tuple(issues))
