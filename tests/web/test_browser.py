"""The web page in a real browser: Debian's chromium driven by Playwright, against a real server.

A person uploads a shipped case's intake workbook and downloads the documents, which must equal
``docpipe render`` byte for byte; uploads a broken workbook and reads the problems by sheet and cell;
uploads a batch with one broken case and watches the progress page turn into the summary.

Playwright cannot download its own browser here, so it drives /usr/bin/chromium (``apt-get install
chromium``; .ci/run installs it). Without it, or without the playwright package, the module is skipped
with the reason printed. One browser and one server serve the whole module, to keep it fast.

``DOCPIPE_SCREENSHOTS=1`` also writes docs/web-<page>.png for the README (and turns on first-page
pictures, which need LibreOffice); a normal run leaves the repository alone.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import pytest
from click.testing import CliRunner

from docpipe.cli import main
from tests.conftest import INPUTS, REPO
from tests.web.conftest import batch_root, loopback_config, serving, zip_folder

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOTS = os.environ.get("DOCPIPE_SCREENSHOTS") == "1"
CASE = "halsnaes-boern-og-unge"


def skip(reason: str) -> NoReturn:
    print(f"skipping the browser tests: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.is_file():
        skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip("the playwright package is not installed (pip install playwright)")
    pytest.importorskip("uvicorn", reason="docpipe serve needs uvicorn")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``docpipe serve``'s app under uvicorn in a thread, on a free loopback port."""
    pytest.importorskip("uvicorn", reason="docpipe serve needs uvicorn")
    from docpipe.web.app import create_app
    from docpipe.web.uploads import UploadStore

    app = create_app(store=UploadStore(tmp_path_factory.mktemp("uploads")), with_previews=SCREENSHOTS, jobs=2)
    with serving(loopback_config(app)) as address:
        yield address


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(accept_downloads=True, locale="da-DK", viewport={"width": 1100, "height": 800})
    context.set_default_timeout(120_000)
    yield context.new_page()
    context.close()


def screenshot(page: Page, name: str) -> None:
    """docs/web-<name>.png, only when asked for (DOCPIPE_SCREENSHOTS=1)."""
    if SCREENSHOTS:
        page.wait_for_load_state("load")  # the first-page pictures
        page.screenshot(path=str(REPO / "docs" / f"web-{name}.png"), full_page=True)


def cli(*args: object) -> None:
    result = CliRunner().invoke(main, [str(arg) for arg in args])
    assert result.exit_code == 0, result.output


def broken_workbook(target: Path) -> Path:
    """The shipped case as an intake workbook with every e-mail address made invalid."""
    import openpyxl

    cli("intake", "export", INPUTS / CASE, target)
    book = openpyxl.load_workbook(target)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z]+", cell.value):
                    cell.value = "ikke-en-mail"
    book.save(target)
    return target


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def assert_accessible(page: Page) -> None:
    """axe-core (bundled by axe-playwright-python) finds no violation of WCAG 2.2 AA or best practice."""
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:
        skip("axe-playwright-python is not installed (pip install axe-playwright-python)")
    found = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}}).response["violations"]
    assert not found, [(rule["id"], rule["impact"], [node["target"] for node in rule["nodes"]]) for rule in found]


def upload(page: Page, site: str, file: Path) -> None:
    page.goto(f"{site}/")
    page.set_input_files("#file", str(file))
    page.click("button[type=submit]")


def downloaded_zip(page: Page) -> dict[str, bytes]:
    """Click "Hent alle dokumenter som zip" and read the downloaded zip."""
    with page.expect_download() as download:
        page.click("text=Hent alle dokumenter som zip")
    with zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes())) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def files_under(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*"))
            if path.is_file() and path.name != "manifest.json"}


def test_a_workbook_gives_the_documents_of_docpipe_render(page: Page, site: str, tmp_path: Path) -> None:
    workbook = tmp_path / "halsnaes.xlsx"
    cli("intake", "export", INPUTS / CASE, workbook)
    cli("render", workbook, "--out", tmp_path / "render")
    expected = files_under(tmp_path / "render")
    page.goto(f"{site}/")
    assert page.locator("h1").inner_text() == "Tjek en sag og dan dokumenterne"
    assert page.locator("#working").is_hidden()
    assert_accessible(page)
    screenshot(page, "start")
    page.set_input_files("#file", str(workbook))
    page.evaluate("document.querySelector('form.upload').addEventListener('submit', e => e.preventDefault())")
    page.click("button[type=submit]")  # held back, to see what the person sees while the server works
    assert page.locator("#working").is_visible() and page.locator("button[type=submit]").is_disabled()
    assert "Tjekker sagen og danner dokumenterne" in page.locator("#working").inner_text()
    upload(page, site, workbook)
    page.wait_for_selector("ul.documents")
    assert page.locator("h1").inner_text() == "Dokumenterne fra halsnaes.xlsx"
    assert "Alle sager er gyldige" in page.locator("main").inner_text()
    shown = sorted(page.locator("ul.documents a").all_inner_texts())
    assert shown == sorted(name.split("/")[-1] for name in expected)
    assert_accessible(page)
    screenshot(page, "results")
    got = downloaded_zip(page)
    assert "manifest.json" in got
    del got["manifest.json"]
    assert got == expected


def test_a_broken_workbook_shows_its_problems_by_sheet_and_cell(page: Page, site: str, tmp_path: Path) -> None:
    upload(page, site, broken_workbook(tmp_path / "brudt.xlsx"))
    page.wait_for_selector("table.problems")
    assert page.locator("h1").inner_text() == "Fejl i brudt.xlsx"
    assert "der er ikke dannet nogen dokumenter" in page.locator("main").inner_text()
    headers = page.locator("table.problems th").all_inner_texts()
    assert headers[-3:] == ["Sted", "Felt", "Fejl"]
    rows = page.locator("table.problems tbody tr")
    places = [rows.nth(index).locator("td").nth(-3).inner_text() for index in range(rows.count())]
    assert places and all(re.fullmatch(r"[A-Za-zÆØÅæøå]+![A-Z]+\d+", place) for place in places), places
    assert "e-mail" in rows.first.inner_text()
    assert page.locator("a", has_text="Hent alle dokumenter").count() == 0
    assert_accessible(page)
    screenshot(page, "problems")


def test_a_batch_with_one_broken_case_shows_progress_then_the_summary(page: Page, site: str, tmp_path: Path) -> None:
    root = batch_root(tmp_path)
    broken_workbook(root / "brudt.xlsx")
    reference = shutil.copytree(root, tmp_path / "reference")  # what `docpipe batch` makes of the valid cases
    (reference / "brudt.xlsx").unlink()
    cli("batch", reference, "--out", tmp_path / "batch", "--jobs", "2")
    archive = tmp_path / "kommuner.zip"
    archive.write_bytes(zip_folder(root))
    page.route("**/progress", lambda route: route.abort())  # the page stays put while axe reads it
    upload(page, site, archive)
    page.wait_for_url(re.compile(r"/jobs/[A-Za-z0-9_-]{32,}$"))
    progress = page.locator(".progress .count")
    progress.wait_for()
    assert re.fullmatch(r"[0-3] af 3 sager færdige.*", progress.inner_text(), re.S), progress.inner_text()
    assert page.locator("#progress").get_attribute("aria-live") == "polite"
    assert_accessible(page)
    page.unroute("**/progress")  # from here the page may load the summary at any moment
    if SCREENSHOTS:  # a picture with some cases done says more than "0 af 3"; the pictures take seconds
        page.locator(".progress .count", has_text=re.compile(r"[1-3] af 3")).wait_for()
        screenshot(page, "batch-progress")
    page.wait_for_selector("table.summary")
    assert_accessible(page)
    rows = page.locator("table.summary tbody tr")
    statuses = {rows.nth(index).locator("td").first.inner_text(): rows.nth(index).locator("td").nth(1).inner_text()
                for index in range(rows.count())}
    assert statuses == {"brudt": "ugyldig", "halsnaes-boern-og-unge": "ok", "nordsjaellands-politi-tryghed": "ok"}
    assert "1 af 3 sager kunne ikke dannes" in page.locator("main").inner_text()
    problems = page.locator("section.case", has=page.locator("h2", has_text="brudt")).locator("table.problems")
    assert re.fullmatch(r"[A-Za-zÆØÅæøå]+![A-Z]+\d+", problems.locator("tbody tr td code").first.inner_text())
    screenshot(page, "batch-summary")
    got = downloaded_zip(page)
    del got["manifest.json"]
    assert got == files_under(tmp_path / "batch")


def test_the_pages_fit_a_phone(browser: Browser, site: str, tmp_path: Path) -> None:
    """A 390 px screen: the problems and summary tables scroll inside their box; the page never does."""
    context = browser.new_context(locale="da-DK", viewport={"width": 390, "height": 844})
    context.set_default_timeout(120_000)
    phone = context.new_page()
    try:
        phone.goto(f"{site}/")
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
        upload(phone, site, broken_workbook(tmp_path / "brudt.xlsx"))
        phone.wait_for_selector("table.problems")
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
        box = phone.locator(".table-scroll").first
        assert box.get_attribute("tabindex") == "0"  # a keyboard can scroll it too
    finally:
        context.close()


def test_the_error_and_login_pages_are_accessible(page: Page, site: str, tmp_path: Path) -> None:
    page.goto(f"{site}/jobs/{'x' * 32}")
    assert page.locator("h1").inner_text() == "Kørslen findes ikke"
    assert_accessible(page)
    from docpipe.web.app import create_app
    from docpipe.web.uploads import UploadStore

    app = create_app(store=UploadStore(tmp_path / "data"), with_previews=False, token="hemmelig")
    with serving(loopback_config(app)) as guarded:
        page.goto(f"{guarded}/")
        assert page.locator("h1").inner_text() == "Log ind"
        assert_accessible(page)
        page.fill("#token", "forkert")
        page.click("button[type=submit]")
        assert "ikke rigtigt" in page.locator("main").inner_text()
        assert_accessible(page)
        page.fill("#token", "hemmelig")
        page.click("button[type=submit]")
        assert page.locator("h1").inner_text() == "Tjek en sag og dan dokumenterne"
