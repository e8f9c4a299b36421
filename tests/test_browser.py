"""The HTML reports in a real browser: headless Chromium (Debian's ``chromium``) driven by Selenium through Debian's
``chromedriver``, and the ``--screenshots`` option of ``xxgk check`` and ``xxgk scan``.

Selenium rather than Playwright: Debian ships ``chromedriver`` from the same source and version as ``chromium``
(they cannot drift apart), Selenium is one pure-Python wheel that downloads nothing when given both paths, and
chromedriver's browser log gives the console errors, failed loads and uncaught exceptions directly. Playwright's
Python package carries its own Node.js driver, pinned to its own Chromium revision.

Checked on each page: it loads with no console error (the browser log at level SEVERE: console.error, uncaught
exceptions, resources that failed to load), every image (the charts) is loaded (``naturalWidth > 0``) and the charts
are displayed, and, on the corpus report ``index.html``, the findings table sorts when a header is clicked and
filters when text is typed. The tests skip only when Chromium or chromedriver is not installed (``.ci/run``
installs them).
"""
from __future__ import annotations

import shutil
import struct
import subprocess
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nlp.cli import app
from nlp.render.screenshot import FLAGS

from .conftest import CORPUS, ROOT

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
CHROMEDRIVER = shutil.which("chromedriver") or ("/usr/bin/chromedriver" if Path("/usr/bin/chromedriver").exists()
                                                else None)
NO_BROWSER = ("chromium is not installed (need /usr/bin/chromium and /usr/bin/chromedriver: apt-get install "
              "chromium chromium-driver; .ci/run installs them)")
needs_browser = pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason=NO_BROWSER)

SEED = CORPUS / "000_dongying_gjj_2018.txt"
CORPUS_RENDERER = ROOT / "nlp" / "render" / "corpus.py"
CORPUS_TEMPLATE = ROOT / "nlp" / "render" / "templates" / "corpus.html.j2"
runner = CliRunner()


# ---------------------------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.TemporaryDirectory(prefix="xxgk-selenium-", ignore_cleanup_errors=True)
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM  # with both paths given, Selenium Manager is not run: nothing is downloaded
    for flag in (*FLAGS, f"--user-data-dir={profile.name}", "--window-size=1280,1000"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER, log_output=subprocess.DEVNULL), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        profile.cleanup()


@pytest.fixture(scope="module")
def report_page(tmp_path_factory):
    """The seed report's HTML page, written by ``xxgk check``."""
    out = tmp_path_factory.mktemp("check")
    result = runner.invoke(app, ["check", str(SEED), "--out", str(out), "--format", "html", "--quiet"])
    assert result.exit_code == 0, result.output
    return out / "000_dongying_gjj_2018.html"


@pytest.fixture(scope="module")
def index_page(tmp_path_factory):
    """The corpus report ``index.html``, written by ``xxgk scan corpus/``."""
    missing = [str(p.relative_to(ROOT)) for p in (CORPUS_RENDERER, CORPUS_TEMPLATE) if not p.exists()]
    if missing:
        pytest.skip(f"the corpus report is not built yet: {', '.join(missing)} missing, so xxgk scan writes no "
                    "index.html")
    out = tmp_path_factory.mktemp("scan")
    result = runner.invoke(app, ["scan", str(CORPUS), "--out", str(out), "--workers", "2"])
    assert result.exit_code == 0, result.output
    index = out / "index.html"
    assert index.exists(), f"xxgk scan wrote no index.html: {result.output}"
    return index


# ---------------------------------------------------------------------------------------------- helpers


def open_page(driver, path: Path) -> list[dict]:
    """Load ``path`` and return the console errors (browser log entries at level SEVERE) seen while loading."""
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get_log("browser")  # drop what earlier pages left
    driver.get(path.resolve().as_uri())
    WebDriverWait(driver, 30).until(lambda d: d.execute_script("return document.readyState") == "complete")
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


IMAGES_JS = """
const out = [];
for (const img of document.images) {
  img.loading = 'eager';
  img.scrollIntoView();
  const r = img.getBoundingClientRect();
  out.push({src: img.src.slice(0, 60), complete: img.complete, natural: img.naturalWidth,
            width: r.width, height: r.height, visible: img.getClientRects().length > 0});
}
window.scrollTo(0, 0);
return out;
"""


def images(driver) -> list[dict]:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 20).until(lambda d: d.execute_script(
        "for (const i of document.images) { i.loading = 'eager'; i.scrollIntoView(); }"
        "return Array.from(document.images).every(i => i.complete);"))
    return driver.execute_script(IMAGES_JS)


# The findings table: a table whose id or class says "finding", else the table with the most body rows.
FIND_TABLE_JS = """
const tables = Array.from(document.querySelectorAll('table'));
const rows = t => (t.tBodies.length ? Array.from(t.tBodies).flatMap(b => Array.from(b.rows)) : Array.from(t.rows));
const named = tables.filter(t => /finding/i.test((t.id || '') + ' ' + (t.className || '')));
const pool = named.length ? named : tables;
pool.sort((a, b) => rows(b).length - rows(a).length);
const table = pool[0] || null;
if (table) table.setAttribute('data-xxgk-test', 'findings');
return table ? rows(table).length : -1;
"""

# Body rows of the marked table that are shown, with the text of column ``arguments[0]`` (-1: the whole row).
ROWS_JS = """
const t = document.querySelector('table[data-xxgk-test=findings]');
const body = t.tBodies.length ? Array.from(t.tBodies).flatMap(b => Array.from(b.rows)) : Array.from(t.rows).slice(1);
const col = arguments[0];
return body.filter(r => r.getClientRects().length > 0 && getComputedStyle(r).display !== 'none')
           .map(r => (col < 0 ? r.innerText : (r.cells[col] ? r.cells[col].innerText : '')).trim());
"""

# Is the list sorted (ascending or descending) by numbers, by the Chinese collation or by code points?
SORTED_JS = """
const v = arguments[0].filter(x => x !== '');
if (v.length < 2) return false;
const num = x => parseFloat(x.replace(/[,%\\s]/g, ''));
const numeric = v.every(x => !isNaN(num(x)));
const cmps = numeric ? [(a, b) => num(a) - num(b)]
                     : [(a, b) => a.localeCompare(b, 'zh'), (a, b) => a.localeCompare(b), (a, b) => a < b ? -1 : a > b ? 1 : 0];
for (const cmp of cmps) {
  let up = true, down = true;
  for (let i = 1; i < v.length; i++) { const c = cmp(v[i - 1], v[i]); if (c > 0) up = false; if (c < 0) down = false; }
  if (up || down) return true;
}
return false;
"""


def headers(driver):
    from selenium.webdriver.common.by import By

    table = driver.find_element(By.CSS_SELECTOR, "table[data-xxgk-test=findings]")
    cells = table.find_elements(By.CSS_SELECTOR, "thead th")
    return cells or table.find_elements(By.CSS_SELECTOR, "tr:first-child th")


# ---------------------------------------------------------------------------------------------- the per-report page


@needs_browser
def test_report_page_loads_without_console_errors(browser, report_page):
    from selenium.webdriver.common.by import By

    errors = open_page(browser, report_page)
    assert errors == [], errors
    assert "东营市住房公积金管理中心" in browser.title
    assert browser.find_element(By.TAG_NAME, "h1").is_displayed()
    findings = browser.find_elements(By.CSS_SELECTOR, ".finding.uncertain")
    assert len(findings) == 2 and all(f.is_displayed() for f in findings)  # uncertain findings first, unfolded
    assert all(i["natural"] > 0 for i in images(browser))  # any image on the page is loaded


@needs_browser
def test_a_broken_page_is_caught(browser, tmp_path):
    """The console check is not vacuous: a script error and a missing image are reported."""
    page = tmp_path / "broken.html"
    page.write_text("<!DOCTYPE html><html><body><img src='nope.png'><script>undefinedFunction();</script>"
                    "</body></html>", encoding="utf-8")
    messages = " ".join(e["message"] for e in open_page(browser, page))
    assert "undefinedFunction" in messages and "nope.png" in messages
    assert [i["natural"] for i in images(browser)] == [0]


# ---------------------------------------------------------------------------------------------- the corpus report


@needs_browser
def test_index_loads_without_console_errors_and_shows_its_charts(browser, index_page):
    errors = open_page(browser, index_page)
    assert errors == [], errors
    shown = images(browser)
    assert shown, "the corpus report has no chart (img element)"
    broken = [i for i in shown if not (i["complete"] and i["natural"] > 0)]
    assert broken == [], broken
    assert any(i["visible"] and i["width"] > 100 and i["height"] > 50 for i in shown), shown


@needs_browser
def test_index_links_to_every_report_page(browser, index_page):
    open_page(browser, index_page)
    hrefs = browser.execute_script("return Array.from(document.links).map(a => a.getAttribute('href'))")
    pages = {h.split("#")[0] for h in hrefs if h and h.split("#")[0].endswith(".html") and "://" not in h}
    assert len(pages) >= 20
    assert [p for p in pages if not (index_page.parent / p).exists()] == []


@needs_browser
def test_index_findings_table_sorts_when_a_header_is_clicked(browser, index_page):
    open_page(browser, index_page)
    n = browser.execute_script(FIND_TABLE_JS)
    assert n > 20, "no findings table"
    sorted_by = None
    for column, header in enumerate(headers(browser)):
        before = browser.execute_script(ROWS_JS, column)
        if len(set(before)) < 2:
            continue
        header.click()
        after = browser.execute_script(ROWS_JS, column)
        if after != before and browser.execute_script(SORTED_JS, after):
            sorted_by = (column, header.text, after)
            break
    assert sorted_by, "clicking the headers of the findings table never sorted it"
    column, name, first = sorted_by
    assert sorted(first) == sorted(browser.execute_script(ROWS_JS, column))  # the same rows, reordered
    headers(browser)[column].click()  # a second click sorts the other way (or keeps it sorted)
    again = browser.execute_script(ROWS_JS, column)
    assert browser.execute_script(SORTED_JS, again), f"column {name!r} is not sorted after a second click"
    assert sorted(again) == sorted(first)


@needs_browser
def test_index_findings_table_filters_when_text_is_typed(browser, index_page):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    open_page(browser, index_page)
    browser.execute_script(FIND_TABLE_JS)
    everything = browser.execute_script(ROWS_JS, -1)
    # a word that some rows have and others not: a rule id from the rows (the text of the row's rule cell varies)
    word = next((w for row in everything for w in row.split()
                 if 2 <= len(w) <= 12 and 0 < sum(w in r for r in everything) < len(everything) / 2), None)
    assert word, "no word to filter by"
    inputs = [i for i in browser.find_elements(By.CSS_SELECTOR, "input[type=search], input[type=text], "
                                                                 "input:not([type])") if i.is_displayed()]
    assert inputs, "no text box to filter with"
    for box in inputs:
        box.click()
        box.send_keys(word)
        try:
            WebDriverWait(browser, 5).until(lambda d: len(d.execute_script(ROWS_JS, -1)) < len(everything))
        except Exception:  # noqa: BLE001 - this box filters something else: try the next one
            box.send_keys(Keys.CONTROL, "a")
            box.send_keys(Keys.DELETE)
            continue
        shown = browser.execute_script(ROWS_JS, -1)
        assert 0 < len(shown) < len(everything)
        assert all(word.lower() in row.lower() for row in shown), (word, shown[:3])
        box.send_keys(Keys.CONTROL, "a")
        box.send_keys(Keys.DELETE)
        WebDriverWait(browser, 5).until(lambda d: len(d.execute_script(ROWS_JS, -1)) == len(everything))
        return
    pytest.fail(f"typing {word!r} in the page's text boxes never filtered the findings table")


# ---------------------------------------------------------------------------------------------- screenshots


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


@needs_browser
def test_check_screenshots(tmp_path):
    result = runner.invoke(app, ["check", str(SEED), "--out", str(tmp_path), "--screenshots"])
    assert result.exit_code == 0, result.output
    png = tmp_path / "screenshots" / "000_dongying_gjj_2018.png"
    assert png_size(png) == (1280, 2000)
    assert png.stat().st_size > 20_000  # a page, not a blank window
    assert "1 screenshot(s)" in result.output


@needs_browser
def test_scan_screenshots_every_page(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("000_dongying_gjj_2018.txt", "300_shanghai_kewei_2024.md"):
        shutil.copy(CORPUS / name, folder / name)
    out = tmp_path / "out"
    result = runner.invoke(app, ["scan", str(folder), "--out", str(out), "--workers", "2", "--screenshots"])
    assert result.exit_code == 0, result.output
    pages = sorted(p.stem for p in out.glob("*.html"))
    shots = sorted(p.stem for p in (out / "screenshots").glob("*.png"))
    assert shots == pages and {"000_dongying_gjj_2018", "300_shanghai_kewei_2024"} <= set(shots)
    if CORPUS_RENDERER.exists() and CORPUS_TEMPLATE.exists():
        assert "index" in shots  # the corpus report too
    first = (out / "screenshots" / "000_dongying_gjj_2018.png").stat().st_mtime_ns
    result = runner.invoke(app, ["scan", str(folder), "--out", str(out), "--workers", "2", "--screenshots"])
    assert result.exit_code == 0, result.output
    assert (out / "screenshots" / "000_dongying_gjj_2018.png").stat().st_mtime_ns == first  # unchanged: kept


def test_screenshots_without_chromium_say_what_is_missing(tmp_path, monkeypatch):
    monkeypatch.setenv("XXGK_CHROMIUM", str(tmp_path / "no-chromium"))
    result = runner.invoke(app, ["check", str(SEED), "--out", str(tmp_path), "--screenshots", "--quiet"])
    assert result.exit_code == 0, result.output
    said = result.output.replace("\n", "")  # rich wraps long lines
    assert "screenshots skipped" in said and "no-chromium" in said and "chromium-driver" in said
    assert not (tmp_path / "screenshots").exists()
