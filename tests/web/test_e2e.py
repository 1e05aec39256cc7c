"""End to end in a real headless Chromium: a coordinator's whole session with the web app.

Upload a sample whose function column has a header nobody could recognise, fix that column on
the mapping page, look at the issues and the analysis, form groups with the live progress bar,
move a person (select and drag and drop) and watch the score change, pin, re-solve around the
pin, download the workbook and open it, switch to Dutch. Each step leaves a screenshot in
``out/screenshots/`` for a person to review.

Playwright drives Debian's chromium (``/usr/bin/chromium``; ``.ci/run`` installs it). Without
it the test is skipped locally, and fails in CI (``INTERVISIE_E2E_REQUIRED=1``).
"""

from __future__ import annotations

import os
import re
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tests.web.conftest import live_server
from web.app import WebConfig, create_app

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "samples" / "intake_40.xlsx"
SHOTS = ROOT / "out" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
UNRECOGNISABLE = "Wat staat er op je visitekaartje?"

pytestmark = pytest.mark.slow


def _chromium_or_skip() -> str:
    if Path(CHROMIUM).exists():
        return CHROMIUM
    if os.environ.get("INTERVISIE_E2E_REQUIRED") == "1":
        pytest.fail(f"chromium not found at {CHROMIUM}; .ci/run installs it with apt-get")
    pytest.skip("chromium is not installed (apt-get install chromium)")


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    """The app served by uvicorn on a free local port, in a thread of this process."""
    folder = tmp_path_factory.mktemp("web")
    config = WebConfig(data_dir=folder, db_url=f"sqlite:///{folder / 'store.db'}")
    with live_server(create_app(config)) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    executable = _chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def intake_with_odd_header(tmp_path) -> Path:
    """intake_40 with its function column under a header the vocabulary cannot place."""
    book = openpyxl.load_workbook(SAMPLE)
    sheet = book.active
    cell = next(c for row in sheet.iter_rows(max_row=10) for c in row if c.value == "Functie")
    cell.value = UNRECOGNISABLE
    path = tmp_path / "intake_visitekaartje.xlsx"
    book.save(path)
    return path


# The page's predicates are written as functions: a bare expression would be run through
# eval(), which the app's Content-Security-Policy (rightly) forbids.


def shot(page, name: str) -> None:
    """The whole page as ``out/screenshots/<name>.png``.

    The viewport is stretched to the page's height rather than using ``full_page=True``:
    after a full-page capture Chromium ignored the next click on a submit button.
    """
    SHOTS.mkdir(parents=True, exist_ok=True)
    viewport = page.viewport_size
    height = page.evaluate("document.documentElement.scrollHeight")
    page.set_viewport_size({"width": viewport["width"], "height": max(height, viewport["height"])})
    page.screenshot(path=str(SHOTS / f"{name}.png"))
    page.set_viewport_size(viewport)


def total_score(page) -> int:
    return int(page.locator("#total-score").inner_text())


def group_of(page, pid: str) -> str:
    return (
        page.locator(f"#p-{pid}").locator("xpath=ancestor::article[1]").get_attribute("data-group")
    )


def watched_page(context) -> tuple[Any, list[str]]:
    """A new page whose script errors, and inline scripts or styles blocked by the
    Content-Security-Policy (console errors), are collected in the list returned with it."""
    page = context.new_page()
    page.set_default_timeout(30_000)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and errors.append(message.text),
    )
    return page, errors


def form_groups_in_dutch(page, server: str, time_limit_s: int) -> None:
    """Upload the sample in Dutch and form groups from the settings page."""
    page.goto(server + "/?lang=nl")
    page.set_input_files("#file-input", str(SAMPLE))
    page.click("button[type=submit].primary")
    page.wait_for_url(re.compile(r"/mapping$"))
    page.click("a.step:has-text('Instellingen')")
    page.fill("input[name=time_limit_s]", str(time_limit_s))
    page.click("#solve")
    wait_for_groups(page)


def wait_for_groups(page) -> None:
    """Follow the progress page until the solve ends and the cards are shown."""
    page.wait_for_url(re.compile(r"/groups$"), timeout=120_000)
    page.wait_for_selector("#total-score")


def move_first_member(page) -> tuple[str, str, str, str]:
    """Move the first member to another group with its select and wait for the new score;
    returns (pid, their group before, the group now, the total score before)."""
    pid = page.locator("li.member").first.get_attribute("data-pid")
    origin = group_of(page, pid)
    target = next(
        g
        for g in page.locator("article.group").evaluate_all("cs => cs.map(c => c.dataset.group)")
        if g and g != origin
    )
    before = total_score(page)
    page.locator(f'select[data-pid="{pid}"]').select_option(target)
    page.wait_for_function(
        f"() => document.getElementById('total-score').textContent != '{before}'"
    )
    assert group_of(page, pid) == target
    return pid, origin, target, before


def test_a_coordinator_forms_adjusts_and_downloads_groups(
    server, browser, intake_with_odd_header, tmp_path
):
    context = browser.new_context(viewport={"width": 1300, "height": 900}, accept_downloads=True)
    page, errors = watched_page(context)

    # 1. upload (the page says nothing leaves the machine)
    page.goto(server + "/")
    assert "nothing is sent anywhere" in page.inner_text("footer")
    page.set_input_files("#file-input", str(intake_with_odd_header))
    shot(page, "01_upload")
    page.click("button[type=submit].primary")

    # 2. column mapping: the odd header is not used; fix it
    page.wait_for_url(re.compile(r"/mapping$"))
    select = page.locator(f'select[data-header="{UNRECOGNISABLE}"]')
    assert select.input_value() == ""
    shot(page, "02_mapping_unrecognised")
    select.select_option("function")
    page.click("#apply-mapping")
    page.wait_for_url(re.compile(r"/mapping$"))
    assert page.locator(f'select[data-header="{UNRECOGNISABLE}"]').input_value() == "function"
    assert "40 participants" in page.inner_text("#read-summary")
    shot(page, "03_mapping_fixed")

    # 3. issues, 4. analysis: the fixed column feeds the function families
    page.click("a.step:has-text('Issues')")
    page.wait_for_selector("h1")
    shot(page, "04_issues")
    page.click("a.step:has-text('Analysis')")
    page.wait_for_selector("table.families")
    assert page.locator("table.families tbody tr").count() >= 3
    page.wait_for_function(
        "() => [...document.querySelectorAll('.charts img')]"
        ".every(i => i.complete && i.naturalWidth)"
    )
    shot(page, "05_analysis")

    # 5. settings and solve with a live progress bar
    page.click("a.step:has-text('Settings')")
    page.fill("input[name=time_limit_s]", "4")
    shot(page, "06_settings")
    page.click("#solve")
    page.wait_for_selector("#job")
    page.wait_for_function("() => document.getElementById('job-best').textContent.trim() !== '–'")
    shot(page, "07_solving")
    wait_for_groups(page)
    assert page.inner_text("#hard-violations").startswith("0 ")
    shot(page, "08_groups")

    # 6. move a person with the select: the score changes without a page load
    pid, origin, _, before = move_first_member(page)
    after_select = total_score(page)
    assert after_select != before
    shot(page, "09_moved_with_select")

    # 7. and back by drag and drop
    page.locator(f"#p-{pid} .name").drag_to(
        page.locator(f'article.group[data-group="{origin}"] h2')
    )
    page.wait_for_function(
        f"() => document.getElementById('total-score').textContent != '{after_select}'"
    )
    assert group_of(page, pid) == origin
    assert total_score(page) == before
    shot(page, "10_moved_back_by_drag_and_drop")

    # 8. pin them, move someone else away, re-solve around the pin
    page.locator(f'input[type=checkbox][data-pid="{pid}"]').check()
    page.wait_for_load_state("networkidle")
    page.click("#resolve")
    page.wait_for_selector("#job")
    wait_for_groups(page)
    assert group_of(page, pid) == origin
    assert page.locator(f'input[type=checkbox][data-pid="{pid}"]').is_checked()
    shot(page, "11_resolved_around_pin")

    # 9. why is this person here?
    page.locator(f"#p-{pid} a.why").click()
    page.wait_for_selector("#explain")
    assert page.locator("#explain tbody tr").count() >= 1
    shot(page, "12_explain")
    page.go_back()

    # 10. download the workbook and open it
    with page.expect_download() as download_info:
        page.click("#download-workbook")
    saved = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(saved)
    book = openpyxl.load_workbook(saved)
    text = "\n".join(
        str(cell)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if cell is not None
    )
    first_name = page.locator("li.member .name").first.inner_text()
    assert first_name in text

    # 11. Dutch
    page.click(".lang a:has-text('NL')")
    page.wait_for_selector("h1:has-text('Groepen')")
    assert "Totale score" in page.inner_text("#totals")
    shot(page, "13_groups_in_dutch")

    # 12. at phone width, in Dutch and in English
    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, "14_groups_phone_nl")
    page.click("a.step:has-text('Instellingen')")
    page.wait_for_selector("#settings-form")
    shot(page, "15_settings_phone_nl")
    page.click(".lang a:has-text('EN')")
    page.wait_for_selector("#settings-form")
    page.click("a.step:has-text('Analysis')")
    page.wait_for_selector("table.families")
    shot(page, "16_analysis_phone_en")

    assert errors == [], errors
    context.close()


def test_a_bad_upload_is_explained_on_the_page(server, browser, tmp_path):
    fake = tmp_path / "deelnemers.xlsx"
    fake.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    page = browser.new_page()
    page.goto(server + "/?lang=nl")
    page.set_input_files("#file-input", str(fake))
    page.click("button[type=submit].primary")
    page.wait_for_selector("#refused")
    message = page.inner_text("#refused")
    assert "deelnemers.xlsx" in message
    shot(page, "00_bad_upload_refused")
    page.close()


FACILITATORS = ROOT / "data" / "samples" / "plan" / "facilitators_12.xlsx"


def test_a_coordinator_plans_the_programme_in_dutch(server, browser, tmp_path):
    """Upload -> groups -> plan -> download, in Dutch: the facilitator list, the programme,
    a refused move (a public holiday, with the reason), a swap, planning again around it, and
    the workbook with the plan sheets and the calendars; NL and EN, and at phone width."""
    context = browser.new_context(
        viewport={"width": 1300, "height": 900}, accept_downloads=True, locale="nl-NL"
    )
    page, errors = watched_page(context)
    form_groups_in_dutch(page, server, time_limit_s=4)

    # the Plan step: upload the facilitator list, choose the programme, plan
    page.click("a.step:has-text('Planning')")
    page.wait_for_selector("h1:has-text('Programmaplanning')")
    page.set_input_files("#facilitators-input", str(FACILITATORS))
    page.click("#upload-facilitators")
    page.wait_for_selector("#list-summary")
    assert "begeleiders ingelezen" in page.inner_text("#list-summary")
    # blocked periods: the example file from the page's link, uploaded back, never planned in
    with page.expect_download() as download_info:
        page.click("#blocked-example")
    example = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(example)
    page.set_input_files("#blocked-input", str(example))
    page.click("#upload-blocked")
    page.wait_for_selector("#blocked-periods")
    assert "3 geblokkeerde periode(s) ingelezen" in page.inner_text("#blocked-summary")
    assert "maandag 19 juli 2027" in page.inner_text("#blocked-periods")
    page.select_option("#blocked-level", "hard")
    page.fill("input[name=start]", "2027-01-11")
    page.fill("input[name=meetings]", "6")
    shot(page, "20_plan_list_and_programme_nl")
    page.click("#plan-button")
    page.wait_for_url(re.compile(r"/plan$|/plan#result$"), timeout=120_000)
    page.wait_for_selector("#group-calendars")
    assert "hebben een begeleider" in page.inner_text("#plan-summary")
    assert page.inner_text("#blocked-count").startswith("0 bijeenkomst(en)")
    days = page.locator("li.meeting").evaluate_all("ms => ms.map(m => m.dataset.day)")
    assert days and not [d for d in days if "2027-02-15" <= d <= "2027-02-19" or d >= "2027-12-24"]
    assert page.locator("#facilitator-calendars article").count() >= 1
    shot(page, "21_plan_calendars_nl")

    # move a planned group's second meeting onto Easter Monday: refused, with the reason
    card = page.locator("article.plan-group:has(ol.meetings li:nth-child(3))").first
    group = card.get_attribute("data-group")
    second = card.locator("li.meeting").nth(1)
    before = second.get_attribute("data-day")
    second.locator("summary").click()
    second.locator("input[name=day]").fill("2027-03-29")
    second.locator("button").click()
    page.wait_for_selector("#outcome")
    assert "Niet gedaan" in page.inner_text("#outcome")
    assert "feestdag" in page.inner_text("#outcome")
    card = page.locator(f"#g-{group}")
    assert card.locator("li.meeting").nth(1).get_attribute("data-day") == before
    shot(page, "22_plan_move_refused_nl")

    # swap to another facilitator, planning the group's dates again for them: kept (then
    # pinned, and the dates follow) or refused with the reason; unfitting ones are listed last
    select = card.locator("select[name=fid]")
    current = select.input_value()
    labels = select.locator("option").evaluate_all("os => os.map(o => o.textContent)")
    fitting = [label for label in labels if "past niet" not in label]
    assert labels[: len(fitting)] == fitting
    options = select.locator("option").evaluate_all("os => os.map(o => o.value)")
    kept = False
    for fid in (o for o in options if o != current):
        page.locator(f"#g-{group} select[name=fid]").select_option(fid)
        page.locator(f"#g-{group} form.swap input[name=replan]").check()
        page.locator(f"#g-{group} form.swap button").click()
        page.wait_for_url(re.compile(r"/plan(#outcome|#result)?$"), timeout=120_000)
        page.wait_for_selector("#group-calendars")
        if page.locator(f"#g-{group} .who .badge:has-text('vast')").count():
            assert "heeft nu" in page.inner_text("#outcome")  # said after the re-plan too
            kept = True
            break
        assert "Niet gedaan" in page.inner_text("#outcome")
        assert page.locator("#outcome li").count() >= 1  # the reason, in words
    assert kept
    assert page.locator(f"#g-{group} .facilitator").inner_text() != ""
    shot(page, "23_plan_swapped_nl")

    # plan again around what was fixed: the swapped facilitator stays
    chosen = page.locator(f"#g-{group} .facilitator").inner_text()
    page.click("#replan")
    page.wait_for_url(re.compile(r"/plan(#result)?$"), timeout=120_000)
    page.wait_for_selector("#group-calendars")
    assert page.locator(f"#g-{group} .facilitator").inner_text() == chosen

    # download the workbook (with the plan sheets) and the calendars
    with page.expect_download() as download_info:
        page.click("#download-plan")
    saved = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(saved)
    book = openpyxl.load_workbook(saved)
    assert {"Planning", "Begeleiders"} <= set(book.sheetnames)
    assert chosen in [c for row in book["Planning"].iter_rows(values_only=True) for c in row]
    with page.expect_download() as download_info:
        page.click("#download-calendars")
    archive = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(archive)
    names = zipfile.ZipFile(archive).namelist()
    assert f"groep_{int(group):02d}.ics" in names

    # phone width, Dutch and English
    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, "24_plan_phone_nl")
    page.click(".lang a:has-text('EN')")
    page.wait_for_selector("h1:has-text('Programme plan')")
    assert "have a facilitator" in page.inner_text("#plan-summary")
    shot(page, "25_plan_phone_en")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width} px wide on a 390 px phone"
    page.set_viewport_size({"width": 1300, "height": 900})
    shot(page, "26_plan_calendars_en")
    assert errors == [], errors
    context.close()


def test_a_coordinator_keeps_two_versions_compares_them_and_forms_the_next_round_in_dutch(
    server, browser, tmp_path
):
    """In Dutch: form groups, save them as a version of a new programme, move someone, save
    again, compare the two side by side, then form the next round from a new intake."""
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    page, errors = watched_page(context)
    form_groups_in_dutch(page, server, time_limit_s=3)

    # save the line-up as version "eerste" of a new programme
    page.fill("#save-version-form input[name=programme]", "Noord")
    page.fill("#save-version-form input[name=name]", "eerste")
    page.click("#save-version")
    page.wait_for_selector("#origin:has-text('Bewaard als versie')")

    # move someone, save again
    pid, origin, target, _ = move_first_member(page)
    name = page.locator(f"#p-{pid} .name").inner_text()
    assert page.locator("#save-version-form input[name=programme]").input_value() == "Noord"
    page.fill("#save-version-form input[name=name]", "tweede")
    page.click("#save-version")
    page.wait_for_selector("#origin:has-text('tweede')")
    shot(page, "30_programme_saved_again_nl")

    # the programme: one round, two versions; compare them
    page.click("#origin a")
    page.wait_for_selector("#programme")
    assert "Ronde 1" in page.inner_text("#programme")
    assert page.locator("table.versions tbody tr").count() == 2
    shot(page, "31_programme_nl")
    page.click("#compare")
    page.wait_for_selector("#comparison")
    assert page.inner_text("#moved-count") == "Verplaatst: 1"
    moved = page.inner_text("#moved")
    assert name in moved and origin in moved and target in moved
    assert "Groepen behouden" in page.inner_text("#compare-totals")
    shot(page, "32_compare_nl")
    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, "33_compare_phone_nl")
    page.click(".lang a:has-text('EN')")
    page.wait_for_selector("#comparison")
    assert "Groups kept" in page.inner_text("#compare-totals")
    shot(page, "34_compare_phone_en")
    page.click(".lang a:has-text('NL')")
    page.set_viewport_size({"width": 1300, "height": 900})

    # the next round from a new intake (three people left), stable
    page.click("#back-to-programme")
    page.wait_for_selector("#next-round-form")
    round_two = _round_two(tmp_path)
    page.set_input_files("#next-round-file", str(round_two))
    page.fill("#next-round-form input[name=time_limit_s]", "3")
    page.click("#form-next-round")
    page.wait_for_url(re.compile(r"/round$"), timeout=120_000)
    assert "doorlopende paren behouden" in page.inner_text("#kept-pairs")
    assert page.locator("#dropouts tbody tr").count() == 3
    shot(page, "35_next_round_nl")
    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, "36_next_round_phone_nl")
    page.click(".lang a:has-text('EN')")  # English from here: the groups page
    page.wait_for_selector("h1:has-text('Groups')")
    page.click("#origin a")
    page.wait_for_selector("#programme")
    assert "Round 2" in page.inner_text("#programme")
    shot(page, "37_programme_phone_en")
    assert errors == [], errors
    context.close()


def _round_two(folder: Path) -> Path:
    """intake_40 without its last three people: the next round's intake."""
    book = openpyxl.load_workbook(SAMPLE)
    sheet = book.active
    sheet.delete_rows(sheet.max_row - 2, 3)
    path = folder / "intake_ronde2.xlsx"
    book.save(path)
    return path


def test_moves_are_undone_and_a_resolve_lists_and_explains_them_in_dutch_and_english(
    server, browser
):
    """A move and its undo, a pin and a re-solve whose moves are listed with their reasons,
    undo and redo of the re-solve, and the "why?" page: in Dutch, then in English, and at
    phone width."""
    context = browser.new_context(viewport={"width": 1300, "height": 900}, locale="nl-NL")
    page, errors = watched_page(context)
    form_groups_in_dutch(page, server, time_limit_s=4)
    assert page.locator("#undo").is_enabled()  # the solve itself can be undone

    # a move with the select, then undo: the person is back and the score as it was
    pid, origin, target, before = move_first_member(page)
    page.click("#undo")
    page.wait_for_selector("#total-score")
    assert group_of(page, pid) == origin
    assert total_score(page) == before
    assert page.locator("#redo").is_enabled()
    shot(page, "40_undone_move_nl")

    # move them again, pin them there and re-solve: the moves are listed with reasons
    page.locator(f'select[data-pid="{pid}"]').select_option(target)
    page.wait_for_function(  # the cards are drawn again: the person is in their new group
        f"() => document.getElementById('p-{pid}')?.closest('article')?.dataset.group === "
        f"'{target}'"
    )
    page.wait_for_load_state("networkidle")
    page.locator(f'input[type=checkbox][data-pid="{pid}"]').check()
    page.wait_for_load_state("networkidle")
    moved = {
        p: group_of(page, p)
        for p in page.locator("li.member").evaluate_all("ms => ms.map(m => m.dataset.pid)")
    }
    page.click("#resolve")
    page.wait_for_selector("#job")
    wait_for_groups(page)
    assert group_of(page, pid) == target
    section = page.locator("#moves")
    assert "Wat het herberekenen veranderde" in section.inner_text()
    listed = section.locator("li").evaluate_all("ls => ls.map(l => l.dataset.pid)")
    changed = [p for p, g in moved.items() if group_of(page, p) != g]
    assert sorted(listed) == sorted(changed)
    assert len(changed) < len(moved) // 4  # the rest kept their group
    for reason in section.locator(".reason").all_inner_texts():
        assert reason and not re.search(r"\(R\d{4}\)|[a-z]_[a-z]", reason)
    shot(page, "41_resolved_moves_nl")

    # why is this person in this group?
    page.locator(f"#p-{pid} a.why").click()
    page.wait_for_selector("#why")
    text = page.inner_text("#why")
    assert f"Wat groep {target}" in text
    assert "Andere groepen, de beste eerst" in text
    assert not re.search(r"\(R\d{4}\)|late_afternoon|[a-z]_[a-z]", text)
    kinds = page.locator("#explain tbody tr").evaluate_all("rs => rs.map(r => r.className)")
    assert kinds and set(kinds) <= {"alt-better", "alt-same", "alt-worse", "alt-breaks"}
    shot(page, "42_explain_nl")
    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, "43_explain_phone_nl")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the explain page is {width} px wide on a 390 px phone"
    page.set_viewport_size({"width": 1300, "height": 900})

    # English: undo the re-solve (its list goes), redo it (the list is back), explain again
    page.click("a.step:has-text('Groepen')")
    page.wait_for_selector("#total-score")
    page.click(".lang a:has-text('EN')")
    page.wait_for_selector("h1:has-text('Groups')")
    assert "What the re-solve changed" in page.inner_text("#moves")
    page.click("#undo")
    page.wait_for_selector("#total-score")
    assert page.locator("#moves").count() == 0
    assert (
        group_of(page, pid) == target
        and page.locator(f'input[type=checkbox][data-pid="{pid}"]').is_checked()
    )
    page.click("#redo")
    page.wait_for_selector("#moves")
    shot(page, "44_redone_resolve_en")
    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, "45_groups_moves_phone_en")
    page.set_viewport_size({"width": 1300, "height": 900})
    page.locator(f"#p-{pid} a.why").click()
    page.wait_for_selector("#why")
    text = page.inner_text("#why")
    assert f"What group {target} gives" in text and "Other groups, best first" in text
    assert not re.search(r"\(R\d{4}\)|late_afternoon|[a-z]_[a-z]", text)
    shot(page, "46_explain_en")
    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, "47_explain_phone_en")
    assert errors == [], errors
    context.close()


# everything wider than the screen that no scrolling box holds: a page that breaks on a phone
_OVERFLOWING = """() => { const width = document.documentElement.clientWidth; const wide = [];
  for (const e of document.querySelectorAll('body *')) {
    const box = e.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 1) continue;
    let p = e.parentElement, held = false;
    while (p && !held) { held = ['auto', 'scroll'].includes(getComputedStyle(p).overflowX);
                         p = p.parentElement; }
    if (!held) wide.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : ''));
  }
  return wide; }"""


def test_the_first_steps_fit_a_phone_in_dutch(server, browser):
    """Columns, issues and analysis at 390 px: long column headers in the issue filter and
    the four-column tables once ran 40-130 px off the screen."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page, errors = watched_page(context)
    page.goto(server + "/?lang=nl")
    page.set_input_files("#file-input", str(ROOT / "data" / "samples" / "msforms_nl_60.xlsx"))
    page.click("button[type=submit].primary")
    page.wait_for_url(re.compile(r"/mapping$"))
    session = page.url.removesuffix("/mapping")
    for step in ("mapping", "issues", "analysis"):
        page.goto(f"{session}/{step}")
        assert page.evaluate(_OVERFLOWING) == [], step
        shot(page, f"50_{step}_phone_nl")
    assert errors == [], errors
    context.close()
