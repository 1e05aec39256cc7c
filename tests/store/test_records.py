"""Keeping intakes and line-up versions, and reading them back as the product uses them."""

from __future__ import annotations

import pandas as pd
import pytest

from store import Store, StoreError
from store.db import default_url


def _same_values(a: pd.Series, b: pd.Series) -> bool:
    """Equal cell by cell, missing values equal to each other."""

    def missing(value: object) -> bool:
        return not isinstance(value, tuple) and bool(pd.isna(value))

    return all(
        (missing(x) and missing(y)) or (not missing(x) and not missing(y) and x == y)
        for x, y in zip(a, b, strict=True)
    )


def test_an_intake_comes_back_as_the_table_it_was(store, intake_40):
    intake_id = store.save_intake("North", intake_40, "0" * 64)
    table = store.intake_table(intake_id)
    original = intake_40.table
    assert list(table.columns) == list(original.columns)
    assert list(table.index) == list(original.index)
    for column in original.columns:
        assert _same_values(table[column], original[column]), column


def test_issues_and_rows_set_aside_are_kept_with_the_file_fingerprint(store, intake_40):
    from sqlalchemy import func, select

    from store.models import ExcludedRow, Intake, IntakeIssue

    intake_id = store.save_intake("North", intake_40, "ab" * 32)
    with store.session() as s:
        record = s.get(Intake, intake_id)
        assert (record.file_name, record.file_sha256) == ("intake_40.xlsx", "ab" * 32)
        assert record.n_rows == intake_40.n_rows
        issues = s.scalar(select(func.count()).select_from(IntakeIssue))
        excluded = s.scalar(select(func.count()).select_from(ExcludedRow))
    assert issues == len(intake_40.issues)
    assert excluded == len(intake_40.excluded)


def test_a_version_keeps_groups_pins_settings_and_scores(store, intake_40, lineup_40):
    groups, report = lineup_40
    intake_id = store.save_intake("North", intake_40, "0" * 64)
    pinned = {next(iter(groups))}
    version_id = store.save_version(
        intake_id,
        "draft 1",
        groups,
        report,
        settings_toml="min_size = 5\n",
        made_by="intervisie form intake_40.xlsx",
        pinned=pinned,
        seed=3,
        status="feasible",
    )
    stored = store.load_version(version_id)
    assert stored.groups == groups
    assert stored.pinned == pinned
    assert (stored.settings_toml, stored.seed) == ("min_size = 5\n", 3)
    assert stored.scores == report.per_rule
    assert stored.info.objective == report.objective
    assert stored.info.made_by == "intervisie form intake_40.xlsx"
    assert {int(g) for g in stored.group_scores} == {g.group for g in report.groups}
    assert stored.group_scores["1"]["score"] == report.groups[0].score
    assert store.find_version("North").id == version_id
    assert store.find_version("North", "draft 1").id == version_id


def test_version_names_are_unique_within_a_round(store, intake_40, lineup_40):
    groups, report = lineup_40
    intake_id = store.save_intake("North", intake_40, "0" * 64)
    store.save_version(intake_id, "a", groups, report, settings_toml="", made_by="t")
    with pytest.raises(StoreError, match="already has a version named 'a'"):
        store.save_version(intake_id, "a", groups, report, settings_toml="", made_by="t")


def test_rounds_are_numbered_in_order_and_each_has_its_own_line_up(store, intake_40, lineup_40):
    groups, report = lineup_40
    for name in ("spring", "autumn"):
        intake_id = store.save_intake("North", intake_40, "0" * 64)
        store.save_version(intake_id, name, groups, report, settings_toml="", made_by="t")
    assert store.round_numbers("North") == [1, 2]
    assert [v.info.name for v in store.round_lineups("North")] == ["spring", "autumn"]
    assert [v.round for v in store.versions("North")] == [1, 2]


def test_unknown_programme_and_version_are_named_in_the_message(store):
    with pytest.raises(StoreError, match="no programme 'South'"):
        store.versions("South")
    store.create_programme("South")
    with pytest.raises(StoreError, match="has no version"):
        store.find_version("South")
    with pytest.raises(StoreError, match="exists already"):
        store.create_programme("South")


def test_default_store_is_a_sqlite_file_in_the_user_data_dir(monkeypatch, tmp_path):
    monkeypatch.delenv("INTERVISIE_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_url() == f"sqlite:///{tmp_path / 'intervisie' / 'intervisie.db'}"
    monkeypatch.setenv("INTERVISIE_DB", f"sqlite:///{tmp_path / 'chosen.db'}")
    opened = Store()
    assert (tmp_path / "chosen.db").exists()
    opened.close()


def test_a_bad_url_is_a_store_error_without_the_password():
    with pytest.raises(StoreError) as caught:
        Store("postgresql+psycopg://someone:secret@127.0.0.1:1/nothing")
    assert "secret" not in str(caught.value)
