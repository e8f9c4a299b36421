"""Cross-year rules (X1–X4, XC-1) and agency identity, on the real reports of one agency over several years.

Every expectation below was worked out by reading the reports (corpus/, see corpus/manifest.csv); what was read
where is said next to each test. Where a cell is not read today, or a break is needed that the corpus does not
have, the test takes a real report's dict and changes one or two cells, saying so and which quirk it mirrors.
"""
from __future__ import annotations

import copy
import json

import pytest

import nlp
from nlp.checks.catalogue import get_rule, load_rules
from nlp.checks.context import Context
from nlp.checks.crossyear import PAIR_KINDS, crossyear_findings, parse_term
from nlp.checks.engine import expand, run_checks
from nlp.corpus.identity import agency_key, identity, load_overrides, match
from nlp.tables.forms import load_form

from .conftest import CORPUS

COLUMNS = ["natural_person", "commercial_enterprise", "research_institution", "public_welfare_org",
           "legal_service_org", "other_org", "total"]
PINGTAN = ["101_pingtan_2011.txt", "103_pingtan_2012.txt", "105_pingtan_2013.txt", "107_pingtan_2014.txt",
           "108_pingtan_2015.txt", "009_pingtan_2016.txt", "010_pingtan_2017.txt", "011_pingtan_2018.txt",
           "012_pingtan_2019.txt", "013_pingtan_2020.txt", "014_pingtan_2021.txt", "015_pingtan_2022.txt",
           "016_pingtan_2023.txt", "017_pingtan_2024.txt", "019_pingtan_2025.txt",
           "204_pingtan_2023.html", "200_pingtan_2024.html", "201_pingtan_2025.html"]
PINGTANXIAN = ["102_pingtanxian_2011.txt", "104_pingtanxian_2012.txt", "106_pingtanxian_2013.txt"]
HONGZE = ["001_huaian_hongzequ_2023.pdf", "002_huaian_hongzequ_2024.pdf"]


@pytest.fixture(scope="module")
def reports() -> dict[str, dict]:
    """Every report of the two agencies with several years, as the JSON a scan writes (read once)."""
    out = {}
    for name in PINGTAN + PINGTANXIAN + HONGZE:
        data = nlp.read(CORPUS / name).to_dict()
        out[data["id"]] = json.loads(json.dumps(data, default=str))  # exactly what reports_out/<id>.json holds
    return out


def _by(findings: list[dict], rule: str, cell: str | None = None) -> list[dict]:
    out = [f for f in findings if f["rule"] == rule]
    if cell is not None:
        out = [f for f in out if any(e["kind"] == "cell" and e["id"] == cell for e in f["evidence"])]
    return out


def _status(findings, rule, cell=None) -> list[str]:
    return [f["status"] for f in _by(findings, rule, cell)]


def _set(report: dict, cell: str, raw: str, **changes) -> dict:
    """A copy of a report dict with one cell changed (raw as printed, value parsed, the rest as given)."""
    report = copy.deepcopy(report)
    fact = next(f for f in report["facts"] if f["id"] == cell)
    value = None if raw.strip() == "" else (int(raw) if raw.lstrip("-").isdigit() else raw)
    fact.update(raw=raw, value=value, semantic="blank" if value is None else ("zero" if value == 0 else "number"),
                confidence=1.0, candidates=None)
    fact.update(changes)
    return report


# --------------------------------------------------------------------------- identity


def test_agency_keys_of_the_real_reports(reports):
    """Titles as printed: 洪泽区人民政府 (2023) and 淮安市洪泽区人民政府 (2024); 平潭综合实验区, 平潭综合实验区管委会 (2014)
    and 平潭县人民政府 (2011–2013, a separate series under its own name)."""
    meta = {rid: r["meta"] for rid, r in reports.items()}
    assert agency_key(meta["001_huaian_hongzequ_2023"]) == agency_key(meta["002_huaian_hongzequ_2024"]) == "洪泽区人民政府"
    hongze = match(identity(meta["001_huaian_hongzequ_2023"]), identity(meta["002_huaian_hongzequ_2024"]))
    assert hongze is not None and hongze.exact  # only the city prefix differs
    assert agency_key(meta["107_pingtan_2014"]) == agency_key(meta["108_pingtan_2015"]) == "平潭综合实验区"
    guanweihui = match(identity(meta["107_pingtan_2014"]), identity(meta["108_pingtan_2015"]))
    assert guanweihui is not None and not guanweihui.exact  # 管委会 is an alias, not the same name
    assert agency_key(meta["102_pingtanxian_2011"]) == "平潭县人民政府" != agency_key(meta["101_pingtan_2011"])
    assert match(identity(meta["102_pingtanxian_2011"]), identity(meta["101_pingtan_2011"])) is None


@pytest.mark.parametrize("a, b, same, exact", [
    ("江苏省淮安市洪泽区人民政府", "洪泽区人民政府", True, True),
    ("平潭综合实验区管理委员会", "平潭综合实验区", True, False),
    ("洪泽区", "洪泽区人民政府", True, False),
    ("南京市鼓楼区人民政府", "福州市鼓楼区人民政府", False, False),  # same district name, two cities
    ("淮安市市场监督管理局", "市场监督管理局", False, False),  # a department keeps its city
    ("上海市人民政府办公厅", "人民政府办公厅", False, False),
    ("上海市科学技术委员会（市科委）", "上海市科学技术委员会", True, True),
    ("淮安市经济技术开发区管委会", "经济技术开发区", False, False),  # a zone is not a county: the prefix stays
])
def test_agency_names(a, b, same, exact):
    found = match(identity({"agency": a}), identity({"agency": b}))
    assert (found is not None) == same
    if same:
        assert found.exact == exact


def test_override_files(tmp_path):
    (tmp_path / "agency_overrides.csv").write_text("name,key\n平潭县人民政府,平潭综合实验区\n", encoding="utf-8")
    assert load_overrides(tmp_path) == {"平潭县人民政府": "平潭综合实验区"}
    assert agency_key({"agency": "平潭县人民政府"}, load_overrides(tmp_path)) == "平潭综合实验区"
    toml = tmp_path / "ids.toml"
    toml.write_text('[[agency]]\nname = "平潭县 人民政府"\nkey = "平潭综合实验区"\n\n[names]\n"鼓楼区人民政府" = "福州市鼓楼区"\n',
                    encoding="utf-8")
    loaded = load_overrides(toml)
    assert loaded == {"平潭县人民政府": "平潭综合实验区", "鼓楼区人民政府": "福州市鼓楼区"}
    # an override may name a key the rules produce: every name with that key follows it
    assert agency_key({"agency": "南京市鼓楼区人民政府"}, loaded) == "福州市鼓楼区"
    (tmp_path / "empty").mkdir()
    assert load_overrides(tmp_path / "empty") == {}  # a folder without an override file: no overrides
    bad = tmp_path / "bad.csv"
    bad.write_text("agency,id\nx,y\n", encoding="utf-8")
    with pytest.raises(ValueError, match="name"):
        load_overrides(bad)


# --------------------------------------------------------------------------- the catalogue


def test_chain_rules_name_cells_of_their_templates():
    """A typo in a cell id would make a chain silently never run."""
    for rule in (r for r in load_rules() if r.kind == "chain"):
        for expanded in expand(rule):
            terms = [parse_term(t) for t in expanded.params["left"] + expanded.params["right"]]
            for term in terms:
                templates = expanded.templates if term.offset == 0 else expanded.params["prev_templates"]
                assert any(term.cell in load_form(t).cell_ids() for t in templates), (rule.id, term)


def test_the_per_report_engine_leaves_cross_year_rules_alone(reports):
    """Run on one report, the engine evaluates nothing of X1–X4/XC-1 (they need two years)."""
    rules = tuple(r for r in load_rules() if r.kind in PAIR_KINDS)
    assert {r.id for r in rules} == {"X1", "X2", "X3", "X4", "XC-1"}
    report = nlp.read(CORPUS / "002_huaian_hongzequ_2024.pdf")
    assert not [f for f in report.findings if f.rule in {r.id for r in rules}]
    ctx = Context(meta=report.meta, text=report.document.text, facts={f.id: f for f in report.facts})
    assert run_checks(ctx, rules) == []


# --------------------------------------------------------------------------- 洪泽区 2023 → 2024


def test_hongze_2024_continues_2023(reports):
    """Read in the PDFs: 2023 四、结转下年度继续办理 0 0 0 0 0 0 0, 2024 二、上年结转 0 0 0 0 0 0 0 (X1 holds in all seven
    columns); 行政规范性文件 2023 现行有效 5, 2024 制发 3 废止 0 现行有效 8 = 5 + 3 − 0; 规章 0 throughout (X2 holds)."""
    out = crossyear_findings([reports["001_huaian_hongzequ_2023"], reports["002_huaian_hongzequ_2024"]])
    assert out["001_huaian_hongzequ_2023"] == []  # nothing before 2023 in the corpus
    found = out["002_huaian_hongzequ_2024"]
    for c in COLUMNS:
        assert _status(found, "X1", f"t3.carried_over.{c}") == ["pass"], c
    assert _status(found, "X2", "t2.a1.normative.in_force") == ["pass"]
    assert _status(found, "X2", "t2.a1.regulation.in_force") == ["pass"]
    assert {f["status"] for f in found} == {"pass"}
    x2 = _by(found, "X2", "t2.a1.normative.in_force")[0]
    assert "5" in x2["message"]["zh"] and "8" in x2["message"]["zh"]
    cells = [e for e in x2["evidence"] if e["kind"] == "cell"]
    # every cell names the report and the year it comes from
    assert {(e["report"], e["year"]) for e in cells} == {("001_huaian_hongzequ_2023", 2023), ("002_huaian_hongzequ_2024", 2024)}


def test_a_carry_over_the_previous_report_did_not_carry_forward_fails(reports):
    """Changed copy: 2024 上年结转 自然人 and 总计 printed 2 instead of 0 (as if two requests were carried over that
    2023 did not carry forward). Exact agency match, every cell read for certain → fail in those two columns only."""
    later = _set(reports["002_huaian_hongzequ_2024"], "t3.carried_over.natural_person", "2")
    later = _set(later, "t3.carried_over.total", "2")
    found = crossyear_findings([reports["001_huaian_hongzequ_2023"], later])["002_huaian_hongzequ_2024"]
    assert _status(found, "X1", "t3.carried_over.natural_person") == ["fail"]
    assert _status(found, "X1", "t3.carried_over.total") == ["fail"]
    assert _status(found, "X1", "t3.carried_over.other_org") == ["pass"]
    failing = _by(found, "X1", "t3.carried_over.total")[0]
    assert failing["severity"] == "error" and "2023年" in failing["message"]["zh"] and "2024年" in failing["message"]["zh"]


def test_a_break_with_an_uncertain_reading_is_uncertain(reports):
    """The same change, but the 2024 cell read with confidence 0.5 (as a flattened digit run with two splits)."""
    later = _set(reports["002_huaian_hongzequ_2024"], "t3.carried_over.total", "2", confidence=0.5,
                 reason="two ways to split the run")
    found = crossyear_findings([reports["001_huaian_hongzequ_2023"], later])["002_huaian_hongzequ_2024"]
    [finding] = _by(found, "X1", "t3.carried_over.total")
    assert finding["status"] == "uncertain" and "识别不确定" in finding["message"]["zh"]


def test_a_break_across_an_alias_is_uncertain(reports):
    """The same change, but the 2023 report printed as "洪泽区" (a bare region name: an alias of 洪泽区人民政府, not
    the same name). A reorganisation could explain the break, so it is not called a contradiction."""
    earlier = copy.deepcopy(reports["001_huaian_hongzequ_2023"])
    earlier["meta"]["agency"] = earlier["meta"]["agency_normalised"] = "洪泽区"
    later = _set(reports["002_huaian_hongzequ_2024"], "t3.carried_over.total", "2")
    found = crossyear_findings([earlier, later])["002_huaian_hongzequ_2024"]
    [finding] = _by(found, "X1", "t3.carried_over.total")
    assert finding["status"] == "uncertain" and "别名" in finding["message"]["zh"]


def test_a_name_without_its_city_among_namesakes_is_not_exact(reports):
    """Changed copies: the 洪泽区 pair renamed into 鼓楼区 — 2023 printed as 南京市鼓楼区人民政府 and again as
    福州市鼓楼区人民政府 (two namesakes), 2024 as plain 鼓楼区人民政府 with a break in 上年结转 总计. Which 鼓楼区 the 2024
    report continues cannot be told from its name: uncertain, never fail; the two 2023 reports are never paired."""
    nanjing, fuzhou = copy.deepcopy(reports["001_huaian_hongzequ_2023"]), copy.deepcopy(reports["001_huaian_hongzequ_2023"])
    nanjing["id"], fuzhou["id"] = "nanjing_2023", "fuzhou_2023"
    nanjing["meta"]["agency"] = nanjing["meta"]["agency_normalised"] = "南京市鼓楼区人民政府"
    fuzhou["meta"]["agency"] = fuzhou["meta"]["agency_normalised"] = "福州市鼓楼区人民政府"
    later = _set(reports["002_huaian_hongzequ_2024"], "t3.carried_over.total", "2")
    later["meta"]["agency"] = later["meta"]["agency_normalised"] = "鼓楼区人民政府"
    found = crossyear_findings([nanjing, fuzhou, later])
    [finding] = _by(found["002_huaian_hongzequ_2024"], "X1", "t3.carried_over.total")
    assert finding["status"] == "uncertain" and "同名" in finding["message"]["zh"]
    assert found["nanjing_2023"] == [] and found["fuzhou_2023"] == []


def test_blank_is_not_zero_across_years(reports):
    """Changed copy mirroring Shanghai 2019's blank 总计 cells: 2024 上年结转 总计 left blank. Against 2023's 0 it
    can only be an empty 0: pass (said as such); against a 2023 carry-forward of 3 the blank may hold the 3: uncertain."""
    later = _set(reports["002_huaian_hongzequ_2024"], "t3.carried_over.total", "")
    found = crossyear_findings([reports["001_huaian_hongzequ_2023"], later])["002_huaian_hongzequ_2024"]
    [finding] = _by(found, "X1", "t3.carried_over.total")
    assert finding["status"] == "pass" and "未填写" in finding["message"]["zh"]
    earlier = _set(reports["001_huaian_hongzequ_2023"], "t3.carry_forward.total", "3")
    found = crossyear_findings([earlier, later])["002_huaian_hongzequ_2024"]
    [finding] = _by(found, "X1", "t3.carried_over.total")
    assert finding["status"] == "uncertain" and "空白不等于零" in finding["message"]["zh"]


def test_fingerprints_are_stable_and_change_with_a_value(reports):
    pair = [reports["001_huaian_hongzequ_2023"], reports["002_huaian_hongzequ_2024"]]
    first = crossyear_findings(pair)["002_huaian_hongzequ_2024"]
    again = crossyear_findings(copy.deepcopy(pair))["002_huaian_hongzequ_2024"]
    assert [f["fingerprint"] for f in first] == [f["fingerprint"] for f in again]
    changed = crossyear_findings([pair[0], _set(pair[1], "t3.carried_over.total", "2")])["002_huaian_hongzequ_2024"]
    differ = [a["rule"] + ":" + a["evidence"][0]["id"] for a, b in zip(first, changed) if a["fingerprint"] != b["fingerprint"]]
    assert differ == ["X1:t3.carried_over.total"]


# --------------------------------------------------------------------------- 平潭综合实验区 2019 → 2025


def test_pingtan_html_2023_2024_2025(reports):
    """Read in the HTML tables (and the same runs in the crawled text): 行政规范性文件 制发 | 废止 | 现行有效
    2023 77 | 132 | 470 ("77132470"), 2024 62 | 33 | 440 ("6233440"), 2025 58 | 45 | 546 ("5845546"); 规章 0 | 0 | 0.
    2024: 470 + 62 − 33 = 499 but 440 in force: 59 fewer — documents lapsing by their validity term (失效 without 废止)
    would explain it (the 2023 report itself speaks of a 全面清理): uncertain. 2025: 440 + 58 − 45 = 453 but 546:
    93 more than any lapse could leave — a real break between the two reports: fail (severity warning, soft rule).
    X1: 上年结转 is 0 in every column of 2024 and 2025, as 结转下年度 of 2023 and 2024 (2025 carries 4 + 2 = 6 forward)."""
    html = [reports[i] for i in ("204_pingtan_2023", "200_pingtan_2024", "201_pingtan_2025")]
    out = crossyear_findings(html)
    for rid in ("200_pingtan_2024", "201_pingtan_2025"):
        assert _status(out[rid], "X1") == ["pass"] * 7, rid
        assert _status(out[rid], "X2", "t2.a1.regulation.in_force") == ["pass"], rid
    [shortfall] = _by(out["200_pingtan_2024"], "X2", "t2.a1.normative.in_force")
    assert shortfall["status"] == "uncertain" and "499" in shortfall["message"]["zh"] and "失效" in shortfall["message"]["zh"]
    [excess] = _by(out["201_pingtan_2025"], "X2", "t2.a1.normative.in_force")
    assert excess["status"] == "fail" and excess["severity"] == "warning"
    assert "453" in excess["message"]["zh"] and "546" in excess["message"]["zh"]
    assert {(e["report"], e["raw"]) for e in excess["evidence"]} == {
        ("200_pingtan_2024", "440"), ("201_pingtan_2025", "546"), ("201_pingtan_2025", "58"), ("201_pingtan_2025", "45")}


def test_pingtan_crawled_text_chain(reports):
    """The crawled texts 2019–2025: 表三's rows are recovered uniquely, 表二's 行政规范性文件 runs are not.
    X1, read in the runs: 结转下年度 2019 "0 0 00 00 0", 2020 "0 0 00 00 0", 2021 "1000001" (自然人 1, 总计 1), 2022 "0000000",
    2023 "0000000", 2024 "0000000"; 上年结转 2020 "0000000", 2021 "0000000", 2022 "1000001", 2023–2025 "0000000":
    the chain holds every year. X2 (2022–2025 from the text alone): "8855698", "77132470", "6233440", "5845546"
    can each be cut several ways, so X2 is uncertain — never a failure — for 行政规范性文件, and passes for 规章 (000)."""
    txt = [reports[i] for i in ("012_pingtan_2019", "013_pingtan_2020", "014_pingtan_2021", "015_pingtan_2022",
                                "016_pingtan_2023", "017_pingtan_2024", "019_pingtan_2025")]
    out = crossyear_findings(txt)
    for rid in ("013_pingtan_2020", "014_pingtan_2021", "015_pingtan_2022", "016_pingtan_2023", "017_pingtan_2024",
                "019_pingtan_2025"):
        assert _status(out[rid], "X1") == ["pass"] * 7, rid
    natural = _by(out["015_pingtan_2022"], "X1", "t3.carried_over.natural_person")[0]
    assert {e["raw"] for e in natural["evidence"]} == {"1"}
    for rid in ("015_pingtan_2022", "016_pingtan_2023", "017_pingtan_2024", "019_pingtan_2025"):
        assert _status(out[rid], "X2", "t2.a1.normative.in_force") == ["uncertain"], rid
        assert _status(out[rid], "X2", "t2.a1.regulation.in_force") == ["pass"], rid
        assert "拆分不唯一" in _by(out[rid], "X2", "t2.a1.normative.in_force")[0]["message"]["zh"]
    assert "014_pingtan_2021" in out and not _by(out["014_pingtan_2021"], "X2")  # 2021 ← 2020: X5, no valid link


def test_the_best_read_copy_of_last_year_is_used(reports):
    """2024 and 2023 are in the corpus twice (crawled text and HTML). The 2024 text's X2 compares with 2023's HTML
    (470 read for certain), not with the ambiguous run "77132470" of the 2023 text."""
    out = crossyear_findings([reports[i] for i in ("016_pingtan_2023", "204_pingtan_2023", "017_pingtan_2024")])
    [finding] = _by(out["017_pingtan_2024"], "X2", "t2.a1.normative.in_force")
    assert ("204_pingtan_2023", "470") in {(e["report"], e["raw"]) for e in finding["evidence"]}
    assert finding["status"] == "uncertain"  # the 2024 text's own run "6233440" is still ambiguous


def test_pingtan_2019_2020_published_totals(reports):
    """X4, read in the crawled texts: 规章 2019 "000" = 0 | 0 | 0 and 2020 "007" = 0 | 0 | 7 (a cell has no leading
    zero, so both runs split one way only): the 2020 对外公开总数量 7 cannot be 2019's 0 plus 0 newly published — fail.
    规范性文件 "898989" and "7777166" split several ways (89 | 89 | 89 and 77 | 77 | 166 would fit): uncertain.
    X3: every 2019 row of 第二十条第（五）（六）（八）项 is ambiguous ("3960181", "350", …): uncertain, with the reading
    that would fit named (行政处罚 2648 = 2648 + 0, 行政事业性收费 35 = 35 + 0)."""
    out = crossyear_findings([reports["012_pingtan_2019"], reports["013_pingtan_2020"]])["013_pingtan_2020"]
    assert _status(out, "X4", "t2v19.a1.regulation.total_public") == ["fail"]
    assert _status(out, "X4", "t2v19.a1.normative.total_public") == ["uncertain"]
    assert _status(out, "X3") == ["uncertain"] * 5
    fee = _by(out, "X3", "t2v19.a8.admin_fee.prev_items")[0]
    assert "prev_items=35" in fee["message"]["zh"] and "delta=0" in fee["message"]["zh"]


def test_x3_on_certain_readings(reports):
    """Changed copy: the 2019 行政事业性收费 run "350" given as two certain cells 35 | 0 (as the HTML copy would print
    them; the crawled text alone cannot decide). 2020 prints 上一年项目数量 35 (and 本年增/减 -15): 35 + 0 = 35, pass.
    With the 2019 本年增/减 changed to -2 (a signed value, as 2020's "-15"), 35 − 2 ≠ 35: fail."""
    earlier = _set(reports["012_pingtan_2019"], "t2v19.a8.admin_fee.prev_items", "35")
    earlier = _set(earlier, "t2v19.a8.admin_fee.delta", "0")
    found = crossyear_findings([earlier, reports["013_pingtan_2020"]])["013_pingtan_2020"]
    assert _status(found, "X3", "t2v19.a8.admin_fee.prev_items") == ["pass"]
    earlier = _set(earlier, "t2v19.a8.admin_fee.delta", "-2")
    found = crossyear_findings([earlier, reports["013_pingtan_2020"]])["013_pingtan_2020"]
    assert _status(found, "X3", "t2v19.a8.admin_fee.prev_items") == ["fail"]


# --------------------------------------------------------------------------- 历年累计 before 2019


def test_pingtan_running_totals(reports):
    """The 本年度 | 历年累计 columns, read in the crawled texts:
    2011 主动公开信息数 425 | 1516, 网站公开 418 | 1509, 政府公报公开 7 | 7 (space separated, unique);
    2012 739 | 4359, 739 | 4359, 0 | 0: 1516 + 739 = 2255 ≠ 4359, 1509 + 739 = 2248 ≠ 4359, and the gazette's running
    total falls from 7 to 0 — three fails;
    2013 72804 | 76424 (twice): 4359 + 72804 = 77163 ≠ 76424 — two fails; 政府公报公开 prints one cell "0" (manifest:
    "one row with a missing cell"), so which column it is stays open: uncertain;
    2014 (平潭综合实验区管委会, an alias): 76424 + 2543 = 78967 — passes;
    2015 "294981916": 2949 | 81916 would continue 78967, but the run splits several ways: uncertain;
    2016: 受理依申请公开信息总数 2015 "01" = 0 | 1 → 2016 "00" = 0 | 0: the running total of requests falls from 1 to 0,
    and so do 信函、传真申请数, 对申请的答复总数 and 同意公开答复数 (each "01" → "00") — four fails;
    2017 "212210037": no split continues 2016's total (the count restarts at 10037 under the natural reading 2122 |
    10037): uncertain, saying that no reading fits; 2018: 10037 + 2069 = 12106 under one reading: uncertain."""
    out = crossyear_findings([reports[i.rsplit(".", 1)[0]] for i in PINGTAN[:8]])
    fails = {(rid, f["evidence"][0]["id"]) for rid, fs in out.items() for f in fs if f["status"] == "fail"}
    assert fails == {
        ("103_pingtan_2012", "p.active.total.cumulative"), ("103_pingtan_2012", "p.active.ch.website.cumulative"),
        ("103_pingtan_2012", "p.active.ch.gazette.cumulative"),
        ("105_pingtan_2013", "p.active.total.cumulative"), ("105_pingtan_2013", "p.active.ch.website.cumulative"),
        ("009_pingtan_2016", "p.app.recv.total.cumulative"), ("009_pingtan_2016", "p.app.reply.total.cumulative"),
        ("009_pingtan_2016", "p.app.reply.granted.cumulative"), ("009_pingtan_2016", "p.extra.951350a3.cumulative"),
    }
    assert all(f["severity"] == "warning" for fs in out.values() for f in fs if f["status"] == "fail")
    assert _status(out["105_pingtan_2013"], "XC-1", "p.active.ch.gazette.cumulative") == ["uncertain"]
    assert _status(out["107_pingtan_2014"], "XC-1", "p.active.total.cumulative") == ["pass"]
    assert _status(out["108_pingtan_2015"], "XC-1", "p.active.total.cumulative") == ["uncertain"]
    [restart] = _by(out["010_pingtan_2017"], "XC-1", "p.active.total.cumulative")
    assert restart["status"] == "uncertain" and "均不使其成立" in restart["message"]["zh"]
    assert _status(out["011_pingtan_2018"], "XC-1", "p.active.total.cumulative") == ["uncertain"]
    assert out["101_pingtan_2011"] == []


def test_a_running_total_break_across_the_guanweihui_alias_is_uncertain(reports):
    """Changed copy: the 2014 report (printed under 平潭综合实验区管委会) with 历年累计 78968 instead of 78967. The break
    is real arithmetic, but the 2013 report is 平潭综合实验区's: an alias match, so uncertain."""
    later = _set(reports["107_pingtan_2014"], "p.active.total.cumulative", "78968")
    found = crossyear_findings([reports["105_pingtan_2013"], later])["107_pingtan_2014"]
    [finding] = _by(found, "XC-1", "p.active.total.cumulative")
    assert finding["status"] == "uncertain" and "管委会" in finding["message"]["zh"]


def test_pingtanxian_is_its_own_series(reports):
    """平潭县人民政府 2011–2013: running totals that continue (政府公报公开 7 + 0 = 7, 电子邮件申请数 3 + 3 = 6,
    网上申请数 0 + 4 = 4) pass; the run-together rows ("20263542", "2121", …) are uncertain. Never mixed with
    平潭综合实验区 unless an override says so."""
    out = crossyear_findings([reports[i.rsplit(".", 1)[0]] for i in PINGTAN[:3] + PINGTANXIAN])
    xian = out["104_pingtanxian_2012"] + out["106_pingtanxian_2013"]
    assert "fail" not in {f["status"] for f in xian}
    assert _status(out["106_pingtanxian_2013"], "XC-1", "p.active.ch.gazette.cumulative") == ["pass"]
    assert _status(out["106_pingtanxian_2013"], "XC-1", "p.app.recv.online.cumulative") == ["pass"]
    assert {e["report"] for f in xian for e in f["evidence"]} <= {"102_pingtanxian_2011", "104_pingtanxian_2012",
                                                                  "106_pingtanxian_2013"}
    # An override merging the two bodies puts both series under one key; each report is still compared with its
    # own name's predecessor first (an exact match), so the 县 series keeps its results and nothing new fails.
    merged = crossyear_findings([reports[i.rsplit(".", 1)[0]] for i in PINGTAN[:3] + PINGTANXIAN],
                                overrides={"平潭县人民政府": "平潭综合实验区"})
    for rid in ("104_pingtanxian_2012", "106_pingtanxian_2013"):
        assert [f["status"] for f in merged[rid]] == [f["status"] for f in out[rid]], rid
    assert _status(merged["106_pingtanxian_2013"], "XC-1", "p.active.ch.gazette.cumulative") == ["pass"]


# --------------------------------------------------------------------------- the whole corpus


def test_no_false_alarms_on_the_real_corpus(reports):
    """All reports of both agencies at once (duplicates of a year included). The only failures are the breaks
    verified by reading above: 平潭 2025 X2 (HTML), 2020 X4 规章, and the 历年累计 breaks of 2012, 2013 and 2016."""
    out = crossyear_findings(list(reports.values()))
    assert set(out) == set(reports)
    fails = sorted((rid, f["rule"], f["evidence"][0]["id"]) for rid, fs in out.items() for f in fs if f["status"] == "fail")
    assert fails == sorted([
        ("201_pingtan_2025", "X2", "t2.a1.normative.in_force"),
        ("013_pingtan_2020", "X4", "t2v19.a1.regulation.total_public"),
        ("103_pingtan_2012", "XC-1", "p.active.total.cumulative"),
        ("103_pingtan_2012", "XC-1", "p.active.ch.website.cumulative"),
        ("103_pingtan_2012", "XC-1", "p.active.ch.gazette.cumulative"),
        ("105_pingtan_2013", "XC-1", "p.active.total.cumulative"),
        ("105_pingtan_2013", "XC-1", "p.active.ch.website.cumulative"),
        ("009_pingtan_2016", "XC-1", "p.app.recv.total.cumulative"),
        ("009_pingtan_2016", "XC-1", "p.app.reply.total.cumulative"),
        ("009_pingtan_2016", "XC-1", "p.app.reply.granted.cumulative"),
        ("009_pingtan_2016", "XC-1", "p.extra.951350a3.cumulative"),
    ])
    for fs in out.values():
        for f in fs:
            assert set(f) >= {"rule", "status", "severity", "message", "evidence", "fingerprint"}
            assert f["message"]["zh"] and f["message"]["en"] and len(f["fingerprint"]) == 16
            assert all("report" in e and "year" in e for e in f["evidence"] if e["kind"] == "cell")


def test_reports_without_a_year_or_a_predecessor(reports):
    lone = copy.deepcopy(reports["002_huaian_hongzequ_2024"])
    lone["meta"]["year"] = None
    assert crossyear_findings([reports["001_huaian_hongzequ_2023"], lone]) == {
        "001_huaian_hongzequ_2023": [], "002_huaian_hongzequ_2024": []}
    assert crossyear_findings([]) == {}


def test_rule_docs_are_in_the_catalogue():
    for rule_id in ("X1", "X2", "X3", "X4", "XC-1"):
        rule = get_rule(rule_id)
        assert rule.family == "crossyear" and rule.example and len(rule.rationale) > 100
