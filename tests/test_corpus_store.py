"""Corpus scans: per-file isolation, the content-hash cache (re-runs, changed files, resumption), the store
(DuckDB, Parquet, Excel) checked against a report read by hand, ``Corpus.from_store``, and ``xxgk scan``.

One real scan of a subset of corpus/ (plus two broken files) is shared by the module; tests that change things
work on a copy of its input and output folders, so they hit the cache instead of reading the files again.
"""
from __future__ import annotations

import json
import multiprocessing
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import nlp
from nlp.cli import app
from nlp.corpus import hooks
from nlp.corpus import run as run_module
from nlp.corpus import work as work_module
from nlp.corpus.schema import TABLES

from .conftest import CORPUS, ROOT

SUBSET = ("000_dongying_gjj_2018.txt", "001_huaian_hongzequ_2023.pdf", "014_pingtan_2021.txt",
          "100_shanghai_szfbgt_2019.html", "300_shanghai_kewei_2024.md")
SEED = "000_dongying_gjj_2018"
runner = CliRunner()
_READ_ENTRY = work_module.read_entry
_PRODUCERS = hooks.producers


@pytest.fixture(autouse=True)
def no_cross_report(monkeypatch):
    """The cross-report producers (cross-year rules, another module's work) are replaced by none here, so that these
    tests pin the scan itself; test_cross_report_* put a fake one in."""
    monkeypatch.setattr(hooks, "producers", lambda: [])


def _make_input(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for name in SUBSET:
        shutil.copy(CORPUS / name, folder / name)
    (folder / "broken").mkdir()
    (folder / "broken" / "empty.txt").write_bytes(b"")
    (folder / "broken" / "junk.pdf").write_bytes(b"\x00\x01 not a pdf at all")
    return folder


@pytest.fixture(scope="module")
def scanned(tmp_path_factory):
    """(input folder, output folder, Corpus) of one scan (worker processes: test_a_worker_that_dies_…, the CLI)."""
    base = tmp_path_factory.mktemp("scan")
    folder = _make_input(base / "in")
    out = base / "out"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(hooks, "producers", lambda: [])
        patch.chdir(base)  # relative paths, as on a command line: copies of in/ and out/ elsewhere stay valid
        corpus = nlp.scan("in", out="out", workers=1)  # in-process: later tests reuse the loaded pipeline
    return folder, out, corpus


@pytest.fixture
def copy(scanned, tmp_path, monkeypatch):
    """A private copy of the scanned input and output (cache included), as relative paths in the current folder."""
    folder, out, _ = scanned
    shutil.copytree(folder, tmp_path / "in")
    shutil.copytree(out, tmp_path / "out")
    monkeypatch.chdir(tmp_path)
    return Path("in"), Path("out")


@pytest.fixture
def reads(monkeypatch):
    """Record every file actually read (the cache missed); scans must run with workers=1 to be seen here."""
    seen: list[str] = []
    real = work_module.read_entry

    def counting(path, timeout=None):
        seen.append(Path(path).name)
        return real(path, timeout)

    monkeypatch.setattr(work_module, "read_entry", counting)
    return seen


def _mtimes(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in folder.iterdir() if p.is_file()}


# ------------------------------------------------------------------------------------------------ the scan


def test_bad_files_become_error_rows_and_the_rest_goes_on(scanned):
    _, out, corpus = scanned
    assert corpus.stats["files"] == 7 and corpus.stats["reports"] == 5 and corpus.stats["failed"] == 2
    codes = {Path(e["path"]).name: e["code"] for e in corpus.errors}
    assert codes == {"empty.txt": "E101", "junk.pdf": "E104"}
    assert sorted(r["id"] for r in corpus.reports) == sorted(Path(n).stem for n in SUBSET)
    for name in SUBSET:
        for suffix in ("json", "md", "html"):
            assert (out / f"{Path(name).stem}.{suffix}").stat().st_size > 1000
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    assert len(summary["reports"]) == 5 and {Path(e["path"]).name for e in summary["errors"]} == set(codes)
    assert "junk.pdf" in (out / "index.md").read_text("utf-8")


def test_store_tables_hold_the_values_of_the_seed_report(scanned):
    import duckdb

    _, out, _ = scanned
    con = duckdb.connect(str(out / "xxgk.duckdb"), read_only=True)
    try:
        tables = {row[0] for row in con.sql("SELECT table_name FROM duckdb_tables()").fetchall()}
        assert {t.name for t in TABLES} <= tables
        for spec in TABLES:  # the columns and their order are the documented ones
            columns = [r[0] for r in con.sql(f'DESCRIBE "{spec.name}"').fetchall()]
            assert columns == spec.names, spec.name
        fact = con.sql("SELECT agency, year, template, value, value_exact, raw, semantic, unit FROM facts "
                       f"WHERE report_id = '{SEED}' AND cell_id = 'p.active.total'").fetchall()
        assert fact == [("东营市住房公积金管理中心", 2018, "pre2019", 244.0, "244", "244", "number", "条")]
        blank = con.sql(f"SELECT value, semantic FROM facts WHERE report_id = '{SEED}' "
                        "AND cell_id = 'p.app.reply.granted'").fetchall()
        assert blank == [(None, "blank")]  # blank is never zero
        seed = json.loads((out / f"{SEED}.json").read_text("utf-8"))
        report = con.sql(f"SELECT year, template, published, facts, findings_uncertain FROM reports "
                         f"WHERE report_id = '{SEED}'").fetchall()
        assert [tuple(map(str, r)) for r in report] == [
            ("2018", "pre2019", "2019-01-31", str(len(seed["facts"])), str(seed["stats"]["findings"]["uncertain"]))]
        claim = con.sql(f"SELECT value, unit FROM claims WHERE report_id = '{SEED}' AND value = 33427").fetchall()
        assert claim == [(33427.0, "人次")]
        by_status = dict(con.sql(f"SELECT status, count(*) FROM findings WHERE report_id = '{SEED}' "
                                 "GROUP BY status").fetchall())
        assert by_status == {k: v for k, v in seed["stats"]["findings"].items() if v}
        rows = con.sql(f"SELECT fingerprint FROM findings WHERE report_id = '{SEED}'").fetchall()
        fingerprints = {r[0] for r in rows}
        assert fingerprints == {f["fingerprint"] for f in seed["findings"]}
        text = seed["source"]["characters"]
        paragraphs = con.sql(f"SELECT span_start, span_end, characters, text FROM paragraphs "
                             f"WHERE report_id = '{SEED}' ORDER BY paragraph_no").fetchall()
        assert len(paragraphs) > 10 and all(0 <= a < b <= text and b - a == n == len(t) for a, b, n, t in paragraphs)
        assert any("住房公积金" in t for *_, t in paragraphs)
        errors = dict(con.sql("SELECT path, code FROM errors WHERE fatal").fetchall())
        assert sorted(Path(p).name for p in errors) == ["empty.txt", "junk.pdf"]
    finally:
        con.close()


def test_crawled_text_is_cut_into_paragraphs_at_sections_and_numbered_heads(scanned):
    _, _, corpus = scanned
    paragraphs = corpus.paragraphs[corpus.paragraphs.report_id == "014_pingtan_2021"]
    starts = [t[:7] for t in paragraphs.text]
    assert "（一）主动公开" in starts and "（二）依申请公" in starts
    assert paragraphs.in_table.any() and not paragraphs.in_table.all()
    assert set(paragraphs.section.dropna()) >= {"overview", "applications", "problems"}


def test_parquet_files_are_readable_by_pandas(scanned):
    import pandas as pd

    _, out, corpus = scanned
    for spec in TABLES:
        frame = pd.read_parquet(out / "parquet" / f"{spec.name}.parquet")
        assert list(frame.columns) == spec.names
        assert len(frame) == len(corpus.tables()[spec.name])
    facts = pd.read_parquet(out / "parquet" / "facts.parquet")
    assert facts.query(f"report_id == '{SEED}' and cell_id == 'p.active.total'").value.tolist() == [244.0]


def test_excel_workbook_has_the_panel_and_the_findings(scanned):
    import openpyxl

    _, out, corpus = scanned
    book = openpyxl.load_workbook(out / "xxgk.xlsx", read_only=True)
    try:
        assert book.sheetnames == ["panel", "findings", "errors", "columns"]
        rows = list(book["panel"].iter_rows(values_only=True))
        header, body = rows[0], {r[0]: dict(zip(rows[0], r)) for r in rows[1:]}
        for column in ("agency", "year", "template", "applications_new", "processed", "granted", "partial",
                       "denied", "unable", "review_total", "litigation_total", "admin_fees_wan_yuan"):
            assert column in header
        assert len(body) == 5
        seed = body[SEED]
        assert (seed["agency"], seed["year"], seed["active_disclosed"], seed["applications_new"]) == \
            ("东营市住房公积金管理中心", 2018, 244, 1)
        assert seed["granted"] is None  # a blank cell: no value, not 0
        findings = list(book["findings"].iter_rows(values_only=True))
        assert findings[0][:6] == ("report_id", "agency", "year", "template", "rule", "status")
        expected = corpus.findings[corpus.findings.status.isin(["fail", "uncertain"])]
        assert len(findings) - 1 == len(expected) and {r[5] for r in findings[1:]} <= {"fail", "uncertain"}
        assert {Path(r[1]).name for r in list(book["errors"].iter_rows(values_only=True))[1:] if r[5]} == \
            {"empty.txt", "junk.pdf"}
    finally:
        book.close()


def test_panel_follows_the_facts(scanned):
    import pandas as pd

    _, _, corpus = scanned
    report = "100_shanghai_szfbgt_2019"
    panel = corpus.panel.set_index("report_id")
    facts = corpus.facts.set_index(["report_id", "cell_id"]).value
    row = panel.loc[report]
    assert row.applications_new == facts[report, "t3.new_received.total"] > 0
    assert row.processed == facts[report, "t3.res.total.total"] > 0
    assert row.review_total == facts[report, "t4.review.total"]
    lit = [facts[report, f"t4.{group}.total"] for group in ("lit_direct", "lit_after_review")]
    if any(pd.isna(v) for v in lit):
        assert pd.isna(row.litigation_total)  # a blank part leaves the sum empty: blank is not zero
    else:
        assert row.litigation_total == sum(lit)
    assert pd.isna(row.active_disclosed)  # no such row in the 2019 format


def test_corpus_frames_have_the_store_columns(scanned):
    _, _, corpus = scanned
    frames = {"reports": corpus.reports_frame, "facts": corpus.facts, "claims": corpus.claims,
              "findings": corpus.findings, "entities": corpus.entities, "keywords": corpus.keywords,
              "paragraphs": corpus.paragraphs, "errors": corpus.errors_frame}
    for spec in TABLES:
        assert list(frames[spec.name].columns) == spec.names
    assert str(corpus.facts.year.dtype) == "Int32"
    seed = next(r for r in corpus.reports if r["id"] == SEED)
    assert seed["schema"] == "xxgk.report/1" and len(corpus.facts[corpus.facts.report_id == SEED]) == len(seed["facts"])


def test_from_store_round_trip(scanned):
    import pandas.testing as pdt

    _, out, corpus = scanned
    for where in (out / "xxgk.duckdb", out / "parquet", out):
        back = nlp.Corpus.from_store(where)
        for name in ("reports_frame", "facts", "claims", "findings", "paragraphs", "errors_frame", "panel"):
            pdt.assert_frame_equal(getattr(back, name), getattr(corpus, name), obj=f"{where.name}: {name}")
        assert len(back) == 5 and sorted(Path(e["path"]).name for e in back.errors) == ["empty.txt", "junk.pdf"]
    back = nlp.Corpus.from_store(out / "xxgk.duckdb")
    assert {r["id"]: r for r in back.reports}[SEED] == {r["id"]: r for r in corpus.reports}[SEED]
    with pytest.raises(FileNotFoundError):
        nlp.Corpus.from_store(out / "nothing-here")


# ------------------------------------------------------------------------------------------------ the cache


def test_rescan_uses_the_cache_and_rewrites_nothing(copy, reads):
    folder, out = copy
    before = _mtimes(out)
    corpus = nlp.scan(folder, out=out, workers=1)
    assert reads == []  # not one file read again
    assert corpus.stats["cached"] == 7 and corpus.stats["read"] == 0 and corpus.stats["rendered"] == 0
    after = _mtimes(out)
    unchanged = {n for n in before if n.endswith((".html", ".md", ".xlsx", ".duckdb")) or n == f"{SEED}.json"}
    assert {n: after[n] for n in unchanged} == {n: before[n] for n in unchanged}
    assert len(corpus.errors) == 2 and len(corpus.facts) > 0  # the cached errors, and the store read back


def test_a_changed_file_is_read_again_alone(copy, reads):
    folder, out = copy
    before = _mtimes(out)
    seed = folder / f"{SEED}.txt"
    seed.write_text(seed.read_text("utf-8").replace("2. 兼职人员数\t人\t2", "2. 兼职人员数\t人\t3"), "utf-8")
    corpus = nlp.scan(folder, out=out, workers=1)
    assert reads == [f"{SEED}.txt"]
    assert corpus.stats["read"] == 1 and corpus.stats["rendered"] == 1
    after = _mtimes(out)
    assert after[f"{SEED}.json"] != before[f"{SEED}.json"]
    others = [f"{Path(n).stem}.html" for n in SUBSET if not n.startswith(SEED)]
    assert {n: after[n] for n in others} == {n: before[n] for n in others}
    assert after["xxgk.duckdb"] != before["xxgk.duckdb"]  # the store follows
    staff = corpus.facts.query(f"report_id == '{SEED}' and cell_id == 'p.org.staff.parttime'").value.tolist()
    assert staff == [3.0]


def test_a_changed_engine_invalidates_every_entry(copy, reads, monkeypatch):
    folder, out = copy
    for name in SUBSET[1:]:
        (folder / name).unlink()  # keep the test fast: the seed and the broken files
    monkeypatch.setattr(run_module, "engine_digest", lambda: "another engine")
    nlp.scan(folder, out=out, workers=1)
    assert sorted(reads) == sorted([f"{SEED}.txt", "empty.txt", "junk.pdf"])


def test_the_engine_digest_covers_rules_templates_and_lexicons(tmp_path):
    from nlp.corpus.cache import PACKAGE_ROOT, tree_digest

    shutil.copytree(PACKAGE_ROOT / "data" / "rules", tmp_path / "rules")
    first = tree_digest(tmp_path)
    rule = next((tmp_path / "rules").glob("*.toml"))
    rule.write_text(rule.read_text("utf-8") + "\n# tolerance changed\n", "utf-8")
    assert tree_digest(tmp_path) != first
    (tmp_path / "rules" / "__pycache__").mkdir()
    (tmp_path / "rules" / "__pycache__" / "x.pyc").write_bytes(b"bytecode")
    assert tree_digest(tmp_path) == tree_digest(tmp_path)


def test_an_interrupted_scan_resumes_where_it_stopped(tmp_path, reads, monkeypatch):
    folder = _make_input(tmp_path / "in")
    for name in ("001_huaian_hongzequ_2023.pdf", "100_shanghai_szfbgt_2019.html"):
        (folder / name).unlink()
    real = work_module.read_entry
    done: list[str] = []

    def interrupted(path, timeout=None):
        if len(done) == 3:
            raise KeyboardInterrupt
        done.append(Path(path).name)
        return real(path, timeout)

    monkeypatch.setattr(work_module, "read_entry", interrupted)
    with pytest.raises(KeyboardInterrupt):
        nlp.scan(folder, out=tmp_path / "out", workers=1)
    assert not (tmp_path / "out" / "xxgk.duckdb").exists()
    monkeypatch.setattr(work_module, "read_entry", real)
    seen: list[str] = []
    monkeypatch.setattr(work_module, "read_entry", lambda path, timeout=None: (seen.append(Path(path).name),
                                                                              real(path, timeout))[1])
    corpus = nlp.scan(folder, out=tmp_path / "out", workers=1)
    assert corpus.stats["cached"] == 3 and sorted(seen + done) == sorted(p.name for p in folder.rglob("*.*"))
    assert corpus.stats["reports"] == 3 and corpus.stats["failed"] == 2


def test_no_cache_reads_everything_and_keeps_no_cache(copy, reads):
    folder, out = copy
    shutil.rmtree(out / ".cache")
    for name in SUBSET[1:]:
        (folder / name).unlink()
    corpus = nlp.scan(folder, out=out, workers=1, cache=False)
    assert len(reads) == 3 and corpus.stats["cached"] == 0
    assert not (out / ".cache").exists()


def test_reviews_reach_the_store_and_only_their_report_is_rewritten(copy):
    from nlp.review import FILENAME, record

    folder, out = copy
    seed = json.loads((out / f"{SEED}.json").read_text("utf-8"))
    target = next(f for f in seed["findings"] if f["status"] == "uncertain")
    record(out / FILENAME, target["fingerprint"], "dismissed", "口径不同")
    corpus = nlp.scan(folder, out=out, workers=1)
    assert corpus.stats["read"] == 0 and corpus.stats["rendered"] == 1
    row = corpus.findings.query(f"fingerprint == '{target['fingerprint']}'")
    assert row.review_decision.tolist() == ["dismissed"] and row.review_comment.tolist() == ["口径不同"]
    again = json.loads((out / f"{SEED}.json").read_text("utf-8"))
    assert [f["review"]["decision"] for f in again["findings"] if f.get("review")] == ["dismissed"]


def test_the_cross_year_rules_are_called_when_they_exist():
    import importlib.util

    expected = ["crossyear"] if importlib.util.find_spec("nlp.checks.crossyear") else []
    assert [origin for origin, _ in _PRODUCERS()] == expected


def test_cross_report_findings_are_merged_and_cached(copy, monkeypatch):
    folder, out = copy
    calls = []

    def fake(reports, overrides=None):
        calls.append(sorted(r["id"] for r in reports))
        return {SEED: [{"rule": "CY-TEST", "status": "fail", "severity": "error",
                        "message": {"zh": "与上年不衔接", "en": "breaks last year's chain"},
                        "evidence": [{"kind": "cell", "id": "p.active.total", "label": "（一）主动公开政府信息数",
                                      "value": 244, "raw": "244", "semantic": "number", "unit": "条",
                                      "provenance": {"table": 0, "row": 2, "col": 2}, "confidence": 1.0}],
                        "fingerprint": "cy0000000000test", "review": None}]}

    monkeypatch.setattr(hooks, "producers", lambda: [("crossyear", fake)])
    corpus = nlp.scan(folder, out=out, workers=1)
    assert calls == [sorted(Path(n).stem for n in SUBSET)]
    row = corpus.findings.query("rule == 'CY-TEST'")
    assert row.origin.tolist() == ["crossyear"] and row.report_id.tolist() == [SEED]
    assert list(row.cells.iloc[0]) == ["p.active.total"]
    seed = json.loads((out / f"{SEED}.json").read_text("utf-8"))
    assert seed["findings"][-1]["rule"] == "CY-TEST" and seed["stats"]["findings"]["fail"] >= 1
    assert corpus.reports_frame.set_index("report_id").findings_fail[SEED] == seed["stats"]["findings"]["fail"]
    again = nlp.scan(folder, out=out, workers=1)
    assert len(calls) == 1 and again.stats["rendered"] == 0  # cached by the set of reports


def test_a_failing_cross_report_hook_does_not_lose_the_scan(copy, monkeypatch):
    folder, out = copy

    def broken(reports, overrides=None):
        raise RuntimeError("bug")

    monkeypatch.setattr(hooks, "producers", lambda: [("crossyear", broken)])
    corpus = nlp.scan(folder, out=out, workers=1)
    assert corpus.stats["reports"] == 5 and any("cross-report" in e["reason"] for e in corpus.errors)


def test_a_report_whose_pages_fail_stays_in_the_store_and_is_tried_again(copy, monkeypatch):
    folder, out = copy
    real = work_module.render_outputs

    def failing(report, text, out_dir, formats):
        if report["id"] == SEED:
            raise RuntimeError("template bug")
        return real(report, text, out_dir, formats)

    record = json.loads((out / ".cache" / "manifest.json").read_text("utf-8"))
    record["reports"][SEED]["base"] = "stale"  # as if its inputs had changed
    (out / ".cache" / "manifest.json").write_text(json.dumps(record), "utf-8")
    monkeypatch.setattr(work_module, "render_outputs", failing)
    corpus = nlp.scan(folder, out=out, workers=1)
    problem = [e for e in corpus.errors if "template bug" in e["reason"]]
    assert len(problem) == 1 and problem[0]["code"] == "E999"
    assert SEED in set(corpus.reports_frame.report_id)  # its data are still in the store
    assert not corpus.errors_frame.query("code == 'E999'").fatal.any()
    monkeypatch.setattr(work_module, "render_outputs", real)
    again = nlp.scan(folder, out=out, workers=1)
    assert again.stats["rendered"] == 1 and len(again.errors) == 2


def test_same_file_name_in_two_folders_gets_two_ids(tmp_path):
    for sub in ("a", "b"):
        (tmp_path / "in" / sub).mkdir(parents=True)
        shutil.copy(CORPUS / f"{SEED}.txt", tmp_path / "in" / sub / f"{SEED}.txt")
    corpus = nlp.scan(tmp_path / "in", out=tmp_path / "out", workers=1, formats=("json",))
    ids = [r["id"] for r in corpus.reports]
    assert len(set(ids)) == 2 and all(i.startswith(SEED + "-") for i in ids)
    assert corpus.stats["read"] == 1 and corpus.stats["cached"] == 1  # the same bytes are read once
    assert all((tmp_path / "out" / f"{i}.json").exists() for i in ids)


def _crash_on_pingtan(path, timeout=None):
    """A worker function (picklable: defined at module level) that dies on one file."""
    if path.endswith("014_pingtan_2021.txt"):
        os._exit(3)  # what a segfault in a native library looks like from outside
    return _READ_ENTRY(path, timeout)


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork", reason="the crash is injected through fork")
def test_a_worker_that_dies_takes_only_its_file_down(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("000_dongying_gjj_2018.txt", "014_pingtan_2021.txt", "300_shanghai_kewei_2024.md"):
        shutil.copy(CORPUS / name, folder / name)
    monkeypatch.setattr(work_module, "read_entry", _crash_on_pingtan)
    corpus = nlp.scan(folder, out=tmp_path / "out", workers=2, store=False, formats=())
    assert corpus.stats["reports"] == 2
    assert [(Path(e["path"]).name, e["code"]) for e in corpus.errors] == [("014_pingtan_2021.txt", "E999")]


def test_a_failed_store_write_leaves_the_old_store_whole(scanned, tmp_path):
    from nlp.corpus.store import write_duckdb

    _, out, corpus = scanned
    target = tmp_path / "xxgk.duckdb"
    shutil.copy(out / "xxgk.duckdb", target)
    before = target.read_bytes()
    broken = dict(corpus.tables())
    del broken["paragraphs"]
    with pytest.raises(KeyError):
        write_duckdb(broken, target)
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["xxgk.duckdb"]  # no temporary file left behind


def test_scan_api_without_an_output_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XXGK_CACHE_DIR", str(tmp_path / "cache"))
    corpus = nlp.scan(str(CORPUS / f"{SEED}.txt"))
    assert [r["id"] for r in corpus.reports] == [SEED] and corpus.stats["read"] == 1
    assert (tmp_path / "cache" / "entries").is_dir()
    assert nlp.scan(CORPUS / f"{SEED}.txt").stats["cached"] == 1
    assert repr(corpus) == "<Corpus: 1 reports, 0 files failed>"


# ------------------------------------------------------------------------------------------------ the CLI


def test_cli_scan_exit_codes(copy, tmp_path):
    folder, out = copy
    result = runner.invoke(app, ["scan", str(folder), "--out", str(out), "--workers", "1"])
    assert result.exit_code == 1, result.output
    assert "junk.pdf" in result.output and "empty.txt" in result.output
    assert "5 reports read, 2 failed (7 files from the cache, 0 read now)" in " ".join(result.output.split())
    for name in ("empty.txt", "junk.pdf"):
        (folder / "broken" / name).unlink()
    result = runner.invoke(app, ["scan", str(folder), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert runner.invoke(app, ["scan", str(tmp_path / "nope"), "--out", str(out)]).exit_code == 2
    assert runner.invoke(app, ["scan", str(folder), "--workers", "0"]).exit_code == 2
    (out / "review.csv").write_text("fingerprint,report,rule,decision,comment,date\nabc,,,maybe,,\n", "utf-8")
    bad = runner.invoke(app, ["scan", str(folder), "--out", str(out)])
    assert bad.exit_code == 2 and "E300" in bad.output


def test_cli_no_cache(copy):
    folder, out = copy
    result = runner.invoke(app, ["scan", str(folder), "--out", str(out), "--workers", "1", "--no-cache",
                                 "--format", "json"])
    assert result.exit_code == 1
    assert "(0 files from the cache, 7 read now)" in " ".join(result.output.split())


def test_store_docs_name_every_table_and_column():
    doc = (ROOT / "docs" / "store.md").read_text("utf-8")
    for spec in TABLES:
        assert f"### `{spec.name}`" in doc
        section = doc.split(f"### `{spec.name}`", 1)[1].split("### ", 1)[0]
        for column in spec.columns:
            assert f"| `{column.name}` | {column.type} |" in section, (spec.name, column.name)


def test_a_file_that_reads_too_long_is_given_up_and_tried_again_next_run(tmp_path):
    """E107: the limit stops a file that keeps the reader busy (here: any PDF, with a limit of 10 ms); the error
    is not cached, so a run with a sensible limit reads the file."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("001_huaian_hongzequ_2023.pdf", "000_dongying_gjj_2018.txt"):
        shutil.copy(CORPUS / name, folder / name)
    out = tmp_path / "out"
    first = run_module.scan([folder], out=out, workers=1, timeout=0.01, formats=("json",), store=False)
    assert [e["code"] for e in first.errors] == ["E107"] * len(first.errors) and first.errors
    assert "longer than 0.01 s" in first.errors[0]["reason"]
    second = run_module.scan([folder], out=out, workers=1, formats=("json",), store=False)
    assert second.errors == [] and second.stats["read"] == len(first.errors)


def test_the_time_limit_needs_the_main_thread(tmp_path):
    """Off the main thread (a Dask worker's thread) there is no SIGALRM: the file is read without a limit."""
    import threading

    from nlp.corpus.work import read_entry

    result = {}
    thread = threading.Thread(target=lambda: result.update(entry=read_entry(str(CORPUS / "000_dongying_gjj_2018.txt"),
                                                                             0.000001)))
    thread.start()
    thread.join()
    assert result["entry"][0] is True
