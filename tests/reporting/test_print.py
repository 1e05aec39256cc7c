"""The workbook as a coordinator prints it: LibreOffice turns it into a PDF, and every group
sheet is one page, the Contacts sheet one page per group, the Overview one page wide.

Needs LibreOffice (``soffice``) and poppler's ``pdftotext``; CI installs both and sets
``INTERVISIE_PRINT_REQUIRED=1`` so that their absence fails instead of skipping.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from tests.budget import work

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")
if not (SOFFICE and PDFTOTEXT):
    if os.environ.get("INTERVISIE_PRINT_REQUIRED"):
        raise RuntimeError("the print test needs LibreOffice (soffice) and pdftotext")
    pytest.skip("LibreOffice or pdftotext not installed", allow_module_level=True)


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> tuple[list[str], int]:
    """The pages of the printed workbook of a 40-person run, and the number of groups."""
    folder = tmp_path_factory.mktemp("print")
    out = folder / "groups.xlsx"
    result = CliRunner().invoke(
        app,
        ["form", str(SAMPLES / "intake_40.xlsx"), "-o", str(out), *work(1), "--json"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.stderr
    groups = len(json.loads(result.stdout)["groups"])
    profile = (folder / "lo-profile").as_uri()  # its own profile: no clash with a running one
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(folder), str(out)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    text = subprocess.run(
        [PDFTOTEXT, "-layout", str(out.with_suffix(".pdf")), "-"],
        check=True, capture_output=True, text=True, timeout=60,
    ).stdout  # fmt: skip
    return text.split("\f"), groups


def test_each_group_sheet_prints_on_one_page(printed):
    pages, groups = printed
    with_verdict = [i for i, page in enumerate(pages) if "Verdict: " in page]
    assert len(with_verdict) == groups
    assert with_verdict == list(range(with_verdict[0], with_verdict[0] + groups))
    for number, index in enumerate(with_verdict, start=1):
        assert f"Group {number} ·" in pages[index]
    # the page after the last group sheet is the first contact page, not a spill-over
    assert "paste into Outlook" in pages[with_verdict[-1] + 1]


def test_the_contacts_sheet_prints_one_page_per_group(printed):
    pages, groups = printed
    contact_pages = [page for page in pages if "paste into Outlook" in page]
    assert len(contact_pages) == groups
    for number, page in enumerate(contact_pages, start=1):
        assert page.count("paste into Outlook") == 1 and f"Group {number} ·" in page


def test_the_overview_fits_the_page_width(printed):
    pages, _ = printed
    overview = pages[: next(i for i, page in enumerate(pages) if "Verdict: " in page)]
    assert overview
    for page in overview:  # every column on every page: the first and the last header
        assert "Verdict" in page and "Score" in page
