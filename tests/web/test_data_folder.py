"""The data folder holds personal data: private to this user (folders 0700, files 0600), never
a shared folder, and a link or someone else's folder is refused."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

import pytest

from tests.web.conftest import AppFactory, Solved
from web.app import WebConfig, create_app
from web.sessions import SessionStore, UnsafeDataFolder, default_data_dir


def _modes(root: Path) -> dict[str, int]:
    return {
        str(path.relative_to(root)): stat.S_IMODE(path.lstat().st_mode)
        for path in [root, *root.rglob("*")]
    }


def test_every_folder_is_0700_and_every_file_0600_after_a_whole_session(solved: Solved):
    client, url = solved.client, solved.url
    assert client.get(f"{url}/charts/level.png").status_code == 200
    assert client.get(f"{url}/download/workbook").status_code == 200
    assert client.get(f"{url}/download/report").status_code == 200
    root = solved.app.state.sessions.folder.parent

    modes = _modes(root)

    files = {p for p in modes if (root / p).is_file()}
    assert any("upload/" in p for p in files)  # the upload itself
    assert any(p.endswith(".png") for p in files) and any(p.endswith(".html") for p in files)
    assert {p: m for p, m in modes.items() if p in files and m != 0o600} == {}
    assert {p: m for p, m in modes.items() if p not in files and m != 0o700} == {}


def test_a_loose_data_folder_of_ours_is_made_private(tmp_path: Path):
    loose = tmp_path / "web"
    loose.mkdir(mode=0o755)
    loose.chmod(0o755)

    SessionStore(loose)

    assert stat.S_IMODE(loose.stat().st_mode) == 0o700


def test_a_data_folder_that_is_a_link_is_refused(tmp_path: Path):
    real = tmp_path / "real"
    real.mkdir()
    link = tmp_path / "web"
    link.symlink_to(real)

    with pytest.raises(UnsafeDataFolder, match="is a link"):
        create_app(WebConfig(data_dir=link))
    assert list(real.iterdir()) == []


def test_a_sessions_folder_that_is_a_link_is_refused_and_its_target_kept(tmp_path: Path):
    data_dir, elsewhere = tmp_path / "web", tmp_path / "elsewhere"
    data_dir.mkdir()
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("not ours")
    (data_dir / "sessions").symlink_to(elsewhere)

    with pytest.raises(UnsafeDataFolder, match="is a link"):
        SessionStore(data_dir)
    assert (elsewhere / "keep.txt").read_text() == "not ours"


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a folder to another user needs root")
def test_a_data_folder_owned_by_someone_else_is_refused(tmp_path: Path):
    foreign = tmp_path / "web"
    foreign.mkdir()
    os.chown(foreign, 65534, 65534)  # nobody

    with pytest.raises(UnsafeDataFolder, match="another user"):
        SessionStore(foreign)


def test_the_default_data_folder_is_the_users_own_not_the_shared_temp(monkeypatch, tmp_path):
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert default_data_dir() == tmp_path / "cache" / "intervisie" / "web"
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    assert default_data_dir() == tmp_path / "intervisie-web"
    assert not str(WebConfig().data_dir).startswith(tempfile.gettempdir() + "/intervisie")


def test_an_app_on_a_fresh_folder_makes_it_private(make_app: AppFactory, tmp_path: Path):
    app, _ = make_app(data_dir=tmp_path / "a" / "web")
    assert stat.S_IMODE((tmp_path / "a" / "web").stat().st_mode) == 0o700
    assert stat.S_IMODE(app.state.sessions.folder.stat().st_mode) == 0o700
