"""Comparisons across reports (nlp.compare): text reuse on the real 平潭 reports, robust z-scores, consistency scores,
charts whose font covers every label, the corpus report (index.html / index.md) written by ``xxgk scan``, and
``xxgk compare A B``.

One scan of a subset of corpus/ (plus an empty file) is shared by the module; the CLI scan runs on the same output
folder, so it reads nothing again and only adds the corpus report.

The reuse bounds come from reading the texts (corpus/):
- 101 (平潭综合实验区 2011) and 102 (平潭县人民政府 2011) are the same report under two names: a character diff of the
  two texts without whitespace differs only where the agency name is swapped (综合实验区 ↔ 县人民政府, 区 ↔ 县, 区管委会
  ↔ 县政府), in the address line and in the page chrome of 101. Each swap breaks the 5-character shingles around it
  (under ten characters), some twenty-five swaps: well over 85% of each report's running text is reused.
- 200 (2024) → 201 (2025): the introduction (title line, 来源/时间 line, "本报告根据《条例》（国务院令第711号）…
  （国办公开办函〔2021〕30号）等文件要求编制。本报告共分6个部分…统计期限为…") is carried over word for word apart
  from the dates (≈285 of ≈1,700 running-text characters in 2024, ≈17%; ≈19% of 2025's ≈1,520). The opening
  sentence (¶2) is reworded (paragraph Jaccard 0.32), the five （一）–（五） paragraphs and the problems section are
  rewritten. So each side's share lies between 10% and 30%.
- 204 (2023) → 200 (2024): of the 2023 introduction only its first part survives (title, 来源 line, "本报告根据《条例》
  （国务院令第711号…〔2021〕30号）等文件要求"); 2023's "…汇总…编制而成", its e-mail, address and telephone lines are gone
  in 2024, and every other paragraph is new. About 170 characters of ≈2,100 / ≈1,700: between 3% and 20%.
"""
from __future__ import annotations

import json
import re
import shutil
import warnings
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest
from typer.testing import CliRunner

import nlp
import nlp.compare
from nlp.cli import app
from nlp.compare import fonts
from nlp.compare.consistency import report_scores
from nlp.compare.panel import NO_SPREAD, NOT_ENOUGH, OUTLIER_Z, robust_z
from nlp.compare.reuse import find_reuse

from .conftest import CORPUS

SUBSET = ("101_pingtan_2011.txt", "102_pingtanxian_2011.txt", "204_pingtan_2023.html", "200_pingtan_2024.html",
          "017_pingtan_2024.txt", "201_pingtan_2025.html", "002_huaian_hongzequ_2024.pdf")
runner = CliRunner()


@pytest.fixture(scope="module")
def scanned(tmp_path_factory):
    """(input folder, output folder, Corpus): the subset and an empty file, scanned in-process."""
    base = tmp_path_factory.mktemp("compare")
    folder = base / "in"
    folder.mkdir()
    for name in SUBSET:
        shutil.copy(CORPUS / name, folder / name)
    (folder / "empty.txt").write_bytes(b"")
    out = base / "out"
    corpus = nlp.scan(folder, out=out, workers=1)
    return folder, out, corpus


@pytest.fixture(scope="module")
def reuse(scanned):
    return find_reuse(scanned[2])


@pytest.fixture(scope="module")
def cli_scan(scanned):
    """``xxgk scan`` on the same input and output: everything from the cache, then the corpus report."""
    folder, out, _ = scanned
    result = runner.invoke(app, ["scan", str(folder), "--out", str(out), "--workers", "1"])
    return result


@pytest.fixture(scope="module")
def analysis(scanned):
    return nlp.compare.analyse(scanned[2], charts=True)


def _pair(reuse, a, b) -> dict:
    rows = reuse.pairs[((reuse.pairs.report_a == a) & (reuse.pairs.report_b == b))
                       | ((reuse.pairs.report_a == b) & (reuse.pairs.report_b == a))].to_dict("records")
    assert len(rows) == 1, (a, b, reuse.pairs[["report_a", "report_b"]].values.tolist())
    row = rows[0]
    if row["report_a"] != a:  # orient as asked
        row = {**row, "share_a": row["share_b"], "share_b": row["share_a"]}
    return row


def _marked(text: str, marks: str) -> str:
    return "".join(text[a:b] for a, b in json.loads(marks))


# ------------------------------------------------------------------------------------------------ text reuse


def test_2011_reports_under_two_names_are_near_identical(reuse):
    pair = _pair(reuse, "101_pingtan_2011", "102_pingtanxian_2011")
    assert pair["relation"] == "cross_agency"  # two agency keys: the identity rules keep 平潭县 and 实验区 apart
    assert pair["share_a"] >= 0.85 and pair["share_b"] >= 0.85
    assert pair["passages"] >= 8  # every running-text paragraph has its twin
    row = reuse.reports.set_index("report_id").loc["102_pingtanxian_2011"]
    assert row["top_source"] == "101_pingtan_2011" and row["reuse_share"] >= 0.85


def test_reuse_between_2024_and_2025_is_the_carried_over_introduction(reuse):
    pair = _pair(reuse, "200_pingtan_2024", "201_pingtan_2025")
    assert pair["relation"] == "cross_year" and pair["consecutive"]
    assert 0.10 <= pair["share_a"] <= 0.30 and 0.10 <= pair["share_b"] <= 0.30
    passages = reuse.between("200_pingtan_2024", "201_pingtan_2025").to_dict("records")
    intro = [p for p in passages if p["paragraph_a"] == 0 and p["paragraph_b"] == 0]
    assert intro and intro[0]["jaccard"] >= 0.8
    assert "国办公开办函〔2021〕30号" in _marked(intro[0]["text_b"], intro[0]["marks_b"])
    later = reuse.reports.set_index("report_id").loc["201_pingtan_2025"]
    assert later["prev_report"] in ("200_pingtan_2024", "017_pingtan_2024") and 0.10 <= later["prev_share"] <= 0.30


def test_reuse_between_2023_and_2024_is_found_and_small(reuse):
    pair = _pair(reuse, "204_pingtan_2023", "200_pingtan_2024")
    assert pair["consecutive"] and 0.03 <= pair["share_a"] <= 0.20 and 0.03 <= pair["share_b"] <= 0.20
    passage = reuse.between("204_pingtan_2023", "200_pingtan_2024").to_dict("records")[0]
    marked = _marked(passage["text_a"], passage["marks_a"])
    assert "国办公开办函" in marked and "通讯地址" not in marked  # the 2023-only contact lines are not reuse


def test_two_files_of_one_report_are_copies_not_reuse(reuse):
    pair = _pair(reuse, "017_pingtan_2024", "200_pingtan_2024")  # crawled text and HTML page of the 2024 report
    assert pair["relation"] == "same_year" and pair["share_a"] >= 0.9
    row = reuse.reports.set_index("report_id").loc["200_pingtan_2024"]
    assert "017_pingtan_2024" in row["copies"] and row["reuse_share"] < 0.5


def test_reuse_is_deterministic_and_the_same_for_a_pair_alone(scanned, reuse):
    again = find_reuse(scanned[2])
    pd.testing.assert_frame_equal(again.passages, reuse.passages)
    pd.testing.assert_frame_equal(again.pairs, reuse.pairs)
    alone = scanned[2].compare("200_pingtan_2024", "201_pingtan_2025")
    pair = _pair(reuse, "200_pingtan_2024", "201_pingtan_2025")
    assert (alone.share_a, alone.share_b) == (pair["share_a"], pair["share_b"])


# ------------------------------------------------------------------------------------------------ panel, scores


def test_robust_z_needs_three_reports():
    assert robust_z([0.4, 0.6]) == ([None, None], NOT_ENOUGH)
    assert robust_z([0.4, None, None]) == ([None, None, None], NOT_ENOUGH)
    zs, status = robust_z([10.0, 11.0, 12.0, 13.0, 100.0])  # median 12, MAD median(2, 1, 0, 1, 88) = 1
    assert status == "ok" and zs[2] == 0.0 and zs[4] == pytest.approx(88 / 1.4826) and zs[4] > OUTLIER_Z
    assert robust_z([5.0, 5.0, 5.0, 7.0]) == ([0.0, 0.0, 0.0, None], NO_SPREAD)


def test_outliers_say_not_enough_data_for_small_groups(analysis):
    table = analysis.outliers
    assert len(table) and table["n"].max() < 3  # no level × year group of this subset has 3 agencies
    assert set(table["status"]) == {NOT_ENOUGH} and table["z"].isna().all() and not table["outlier"].any()


def test_panel_keeps_one_file_per_agency_and_year(analysis):
    panel = analysis.panel
    rows = panel[(panel.agency_key == "平潭综合实验区") & (panel.year == 2024)]
    assert len(rows) == 1 and set([rows.iloc[0]["report_id"], rows.iloc[0]["also"]]) == {
        "200_pingtan_2024", "017_pingtan_2024"}
    assert panel.groupby(["agency_key", "year"]).size().max() == 1


def test_consistency_score_formula():
    reports = pd.DataFrame({"report_id": ["r"], "agency": ["某某区人民政府"], "agency_normalised": ["某某区人民政府"],
                            "level": ["county"], "year": [2024]})
    findings = pd.DataFrame({
        "report_id": ["r"] * 6,
        "status": ["fail", "uncertain", "pass", "pass", "not_assessable", "fail"],
        "severity": ["error", "warning", "info", "info", "error", "warning"],
        "review_decision": [None, None, None, None, None, "dismissed"]})
    row = report_scores(SimpleNamespace(reports_frame=reports, findings=findings)).iloc[0]
    # assessed = 3 (fail, error) + 2 (uncertain, warning) + 1 + 1 (passes) + 2 (dismissed fail → pass) = 9
    # penalty = 3 + ½·2 = 4; not_assessable does not count
    assert (row["weight"], row["penalty"], row["score"]) == (9.0, 4.0, round(100 * (1 - 4 / 9), 1))
    assert row["checks"] == 6 and row["not_assessable"] == 1


# ------------------------------------------------------------------------------------------------ charts


def _cmap(path: str, index: int) -> set[int]:
    from fontTools.ttLib import TTFont

    font = TTFont(path, fontNumber=index if path.lower().endswith((".ttc", ".otc")) else -1, lazy=True)
    try:
        return set(font.getBestCmap())
    finally:
        font.close()


def test_charts_font_covers_every_label(analysis):
    from matplotlib import font_manager

    assert fonts.package_font() and any(e.fname == fonts.package_font() for e in font_manager.fontManager.ttflist)
    cjk = fonts.cjk_font()
    latin = font_manager.findfont(font_manager.FontProperties(family=fonts.LATIN), fallback_to_default=False)
    covered = _cmap(str(getattr(latin, "path", latin)), 0) | _cmap(cjk.path, cjk.index)
    assert {c.name for c in analysis.charts} == {"panel", "consistency", "reuse", "similarity"}
    labels = [label for chart in analysis.charts for label in chart.labels]
    assert any("平潭综合实验区" in label for label in labels)  # Chinese is really drawn, not only numbers
    missing = {ch for label in labels for ch in label if not ch.isspace() and ord(ch) not in covered}
    assert missing == set()
    for chart in analysis.charts:
        assert chart.png[:8] == b"\x89PNG\r\n\x1a\n" and len(chart.png) > 10_000


def test_charts_emit_no_missing_glyph_warning(analysis):
    from nlp.compare import charts

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        chart = charts.reuse_chart(analysis.reuse.reports, keep=list(analysis.panel["report_id"]))
    assert not [w for w in caught if "missing from" in str(w.message)]
    assert any("平潭" in label for label in chart.labels)
    assert fonts.safe("平潭\ue000区") == "平潭?区"  # a character no font has never reaches matplotlib


# ------------------------------------------------------------------------------------------------ the corpus report


def test_scan_writes_the_corpus_report(scanned, cli_scan):
    folder, out, corpus = scanned
    assert cli_scan.exit_code == 1, cli_scan.output  # the empty file failed; the report is written all the same
    assert "corpus report →" in cli_scan.output
    html = (out / "index.html").read_text("utf-8")
    ids = [Path(name).stem for name in SUBSET]
    for rid in ids:
        assert f'href="{rid}.html"' in html and (out / f"{rid}.html").exists()
    assert re.search(r'<table class="[^"]*\bsortable\b[^"]*\bfilterable\b[^"]*" id="findings-table"', html)
    assert '<input type="search" id="finding-filter"' in html and '<select id="finding-status">' in html
    assert 'addEventListener("click"' in html and 'addEventListener("input"' in html
    assert html.count('<img src="data:image/png;base64,') == 4
    assert not re.search(r'<(script|link|img)[^>]+(src|href)="(https?:)?//', html)  # nothing from the network
    assert "empty.txt" in html and "<mark>" in html and "not enough data" in html
    markdown = (out / "index.md").read_text("utf-8")
    assert markdown.startswith("# xxgk 语料对比报告") and "empty.txt" in markdown
    for name in ("panel", "consistency", "reuse", "similarity"):
        assert f"(charts/{name}.png)" in markdown and (out / "charts" / f"{name}.png").stat().st_size > 10_000
    assert "[200_pingtan_2024](200_pingtan_2024.html)" in markdown


def test_rescan_keeps_the_corpus_report(scanned, cli_scan):
    folder, out, _ = scanned
    before = (out / "index.html").stat().st_mtime_ns
    result = runner.invoke(app, ["scan", str(folder), "--out", str(out), "--workers", "1"])
    assert result.exit_code == 1 and "(unchanged)" in result.output
    assert (out / "index.html").stat().st_mtime_ns == before
    assert (out / "index.md").read_text("utf-8").startswith("# xxgk 语料对比报告")  # not the scan's plain list


def test_corpus_report_api_mirrors_the_cli(scanned, cli_scan, tmp_path):
    _, out, corpus = scanned
    written = corpus.report(tmp_path)  # no per-report pages there: the ids are listed without links
    assert written["html"] == tmp_path / "index.html" and not written["skipped"]
    html = written["html"].read_text("utf-8")
    assert "200_pingtan_2024" in html and 'href="200_pingtan_2024.html"' not in html


# ------------------------------------------------------------------------------------------------ xxgk compare


@pytest.fixture
def cached(scanned, monkeypatch):
    monkeypatch.setenv("XXGK_CACHE_DIR", str(scanned[1] / ".cache"))  # the module scan's entries: nothing re-read
    return scanned[0]


def test_cli_compare_writes_both_reports_side_by_side(cached, tmp_path):
    a, b = cached / "200_pingtan_2024.html", cached / "201_pingtan_2025.html"
    result = runner.invoke(app, ["compare", str(a), str(b), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert "200_pingtan_2024" in said and "201_pingtan_2025" in said and "cross_year" in said
    assert re.search(r"reuse: \d+\.\d% of A's running text is in B", said)
    html = (tmp_path / "compare_200_pingtan_2024_vs_201_pingtan_2025.html").read_text("utf-8")
    assert 'class="num differs"' in html and "<mark>" in html and "国办公开办函" in html
    assert html.count('data-status="different"') >= 10  # 218 → 154 applications and many more cells
    assert "X2" in html  # the cross-year finding of 2025 against 2024 is among the findings of B
    md = (tmp_path / "compare_200_pingtan_2024_vs_201_pingtan_2025.md").read_text("utf-8")
    assert "t3.new_received.total" in md and "**" in md  # cells listed; reused text in bold


def test_cli_compare_exit_codes(cached, tmp_path):
    good = cached / "201_pingtan_2025.html"
    assert runner.invoke(app, ["compare", str(tmp_path / "nope.txt"), str(good)]).exit_code == 2
    same = runner.invoke(app, ["compare", str(good), str(good), "--out", str(tmp_path)])
    assert same.exit_code == 2 and "E300" in same.output
    assert runner.invoke(app, ["compare", str(good)]).exit_code == 2
    empty = runner.invoke(app, ["compare", str(cached / "empty.txt"), str(good), "--out", str(tmp_path)])
    assert empty.exit_code == 1 and "E101" in empty.output
    assert not list(tmp_path.glob("compare_*"))


def test_compare_api_and_output_pages(cached, scanned, tmp_path):
    _, out, _ = scanned
    c = nlp.compare.compare(out / "101_pingtan_2011.json", cached / "102_pingtanxian_2011.txt")  # a page stands
    assert c.a["id"] == "101_pingtan_2011" and c.relation == "cross_agency"  # for its source report
    assert c.share_a >= 0.85 and c.share_b >= 0.85 and c.cells_compared > 0
    paths = c.write(tmp_path)
    assert paths["html"].exists() and paths["md"].read_text("utf-8").startswith("# 报告对照")
