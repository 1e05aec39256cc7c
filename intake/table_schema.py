"""The participant table's columns and their types, listed once.

The intake builds the table in this column order (``docs/participant_table.md`` documents each
column; a test keeps the two equal), and the workbook's hidden sheet and the store read a saved
table back with these types. ``optimiser`` reads the columns it needs by name and never imports
``intake``.
"""

from __future__ import annotations

TABLE_COLUMNS: tuple[str, ...] = (
    "pid",
    "source_row",
    "name",
    "email",
    "function",
    "organisation",
    "team",
    "level",
    "manager",
    "manager_pid",
    "learn_give",
    "learning_goals",
    "learning_style",
    "time_budget_h_per_month",
    "meeting_moments",
    "meeting_days",
    "location",
    "place",
    "country",
    "lat",
    "lon",
    "max_travel_km",
    "online",
    "experience",
    "avoid",
    "avoid_pids",
    "facilitator_wish",
    "remarks",
    "submitted_at",
)

LIST_COLUMNS: tuple[str, ...] = ("meeting_moments", "meeting_days", "avoid_pids")  # tuples
INTEGER_COLUMNS: tuple[str, ...] = ("level", "experience")  # nullable integers
FLOAT_COLUMNS: tuple[str, ...] = ("time_budget_h_per_month", "lat", "lon", "max_travel_km")
