"""Completeness and form rules (CP-1–3, FE-1, YR-1–3) on the real reports, and on copies with one marked change.

Expectations come from reading the reports (corpus/, corpus/manifest.csv); what was read is said at each test.
A changed copy keeps the real report's text and facts and alters one passage, naming the defect it mirrors.
"""
from __future__ import annotations

import dataclasses
from collections import Counter

import pytest

import nlp
from nlp.checks.catalogue import get_rule, load_rules
from nlp.checks.context import Context
from nlp.checks.engine import run_checks

from .conftest import CORPUS, table_four_page

MINE = ("CP-1", "CP-2", "CP-3", "FE-1", "YR-1", "YR-2", "YR-3")


@pytest.fixture(scope="module")
def read():
    cache = {}

    def get(name: str):
        if name not in cache:
            cache[name] = nlp.read(CORPUS / name)
        return cache[name]

    return get


def _mine(report) -> Counter:
    return Counter((f.rule, f.status) for f in report.findings if f.rule in MINE)


def _ctx(report, text: str | None = None, **meta) -> Context:
    return Context(meta=dataclasses.replace(report.meta, **meta), text=report.document.text if text is None else text,
                   facts={f.id: f for f in report.facts})


def _run(ctx: Context, rule_id: str):
    return run_checks(ctx, (get_rule(rule_id),))


def _statuses(ctx, rule_id) -> list[str]:
    return [f.status for f in _run(ctx, rule_id)]


def _replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


# --------------------------------------------------------------------------- the real reports


@pytest.mark.parametrize("name", ["001_huaian_hongzequ_2023.pdf", "002_huaian_hongzequ_2024.pdf",
                                  "200_pingtan_2024.html", "201_pingtan_2025.html", "017_pingtan_2024.txt"])
def test_well_formed_2021_reports_pass(read, name):
    """Read: the six numbered parts (一、总体情况 … 六、其他需要报告的事项), 表二/三/四 filled, a 五 part of several
    sentences, the period 1月1日–12月31日 of the report's year, 一 and 六 opening with the report's year, and 六 saying
    no 信息处理费 was collected beside 表二's 行政事业性收费 in 万元 (a different charge): nothing fails, nothing is
    uncertain."""
    counts = _mine(read(name))
    assert {status for _, status in counts} == {"pass"}, counts
    assert counts[("CP-1", "pass")] == 6 and counts[("CP-2", "pass")] == 3 and counts[("CP-3", "pass")] == 1
    assert counts[("YR-1", "pass")] == 1 and counts[("YR-3", "pass")] == 2


def test_information_fee_is_not_the_administrative_fee(read):
    """平潭 2024 (HTML): 六 "2024年，无收取信息处理费情况。"; 表二 行政事业性收费 18651.06 (万元). Not a contradiction:
    FE-1 passes and says why. 2025: 表三 （六）2 counts 2 requests dropped because a fee notice went unpaid — notices
    sent, nothing collected, as 六 says: a second pass."""
    [fee] = [f for f in read("200_pingtan_2024.html").findings if f.rule == "FE-1"]
    assert fee.status == "pass" and "不是同一收费" in fee.message["zh"]
    assert {e.get("id") for e in fee.evidence if e["kind"] == "cell"} == {"t2.a8.admin_fee.amount_wan_yuan"}
    statuses = sorted(f.message["zh"][:6] + f.status for f in read("201_pingtan_2025.html").findings if f.rule == "FE-1")
    assert len(statuses) == 2 and all(s.endswith("pass") for s in statuses)


def test_hongze_zero_yuan_sentence(read):
    """洪泽区 2023: 六 "全年收取政府信息公开信息处理费 0 元" is a statement that nothing was charged (0 元), read as such."""
    [fee] = [f for f in read("001_huaian_hongzequ_2023.pdf").findings if f.rule == "FE-1"]
    assert fee.status == "pass" and "7730.28" in fee.message["zh"]


def test_markdown_copies_missing_the_problems_heading(read):
    """上海市科委 2024 and 上海市人民政府办公厅 2025 (Markdown converted from PDF): the heading of the problems part is not
    in the copy (manifest: "the heading of part 四 is missing"); its content is, under （一）主要问题 / （二）2025 年工作中
    存在的主要问题. Uncertain, never fail. 上海 2025's 表二 has no grid in the copy: its lines "行政许可 0", "行政处罚 0",
    "行政强制 0", "行政事业性收费 0" (lines 85-92 of the file) are read from the text (W205), its garbled 第二十条第（一）项
    block is not: filled, as far as it was read."""
    kewei = [f for f in read("300_shanghai_kewei_2024.md").findings if f.rule == "CP-1" and f.status != "pass"]
    assert [(f.status, f.message["zh"][:30]) for f in kewei] == [("uncertain", "未见“存在的主要问题及改进情况”的部分标题，只见小标题“主要")]
    office = read("301_shanghai_szfbgt_2025.md")
    assert [f.status for f in office.findings if f.rule == "CP-1" and f.status != "pass"] == ["uncertain"]
    assert sorted(f.status for f in office.findings if f.rule == "CP-2") == ["pass", "pass", "pass"]
    assert {f.id: f.raw for f in office.facts if f.id.startswith("t2.")} == {
        "t2.a5.licensing.decisions": "0", "t2.a6.penalty.decisions": "0", "t2.a6.coercion.decisions": "0",
        "t2.a8.admin_fee.amount_wan_yuan": "0"}
    assert "fail" not in {f.status for f in office.findings if f.rule in MINE}


def test_2011_layout_without_a_fee_part(read):
    """平潭综合实验区 2011 (2008 条例 era): 概述 / 主动公开 / 依申请公开 / 问题及改进, no part on 收费及减免 and no word on
    fees anywhere (grep 费: only 专项经费); 复议 is covered inside 三 ("未收到有关政府信息公开行政复议申请"). The layout was
    allowed: the missing fee content is uncertain with severity info, the rest passes; no national table before 2014."""
    report = read("101_pingtan_2011.txt")
    cp1 = [(f.status, f.severity) for f in report.findings if f.rule == "CP-1"]
    assert sorted(cp1) == [("pass", "info")] * 4 + [("uncertain", "info")]
    assert not [f for f in report.findings if f.rule == "CP-2"]
    assert "fail" not in {f.status for f in report.findings if f.rule in MINE}


def test_unfilled_statistics_period(read):
    """平潭县人民政府 2013: "本报告所列数据的统计期限自至。" (manifest: unfilled placeholder). YR-2 fails (info); YR-1
    cannot compare years (not assessable)."""
    report = read("106_pingtanxian_2013.txt")
    assert [(f.status, f.severity) for f in report.findings if f.rule == "YR-2"] == [("fail", "info")]
    assert [f.status for f in report.findings if f.rule == "YR-1"] == ["not_assessable"]


def test_period_with_one_year_for_both_ends(read):
    """上海市人民政府办公厅 2019: "统计期限从2019年1月1日到12月31日止" — one year printed, read for both ends."""
    assert [f.status for f in read("100_shanghai_szfbgt_2019.html").findings if f.rule == "YR-1"] == ["pass"]


def test_dongying_keeps_its_counts(read):
    """The seed report (2018, pre2019): its own 十 parts cover every content; CP/FE/YR add no fail and no uncertain
    (the CLI test counts 0 fail / 3 uncertain for it)."""
    counts = _mine(read("000_dongying_gjj_2018.txt"))
    assert {status for _, status in counts} == {"pass"} and counts[("CP-1", "pass")] == 5


def test_no_false_alarms_on_the_real_corpus(read):
    """Every real report: the only fail is 平潭县 2013's unfilled period; the uncertain findings are the missing fee
    content of 2011–2013 and 2017–2018 (checked by grep: no sentence on 收费/费用 for applications) and the two
    Markdown copies' missing problems heading."""
    names = sorted(p.name for p in CORPUS.iterdir() if p.suffix in (".txt", ".pdf", ".html", ".md"))
    fails, uncertain = [], []
    for name in names:
        for f in read(name).findings:
            if f.rule in MINE and f.status == "fail":
                fails.append((name, f.rule))
            if f.rule in MINE and f.status == "uncertain":
                uncertain.append((name, f.rule, f.severity))
    assert fails == [("106_pingtanxian_2013.txt", "YR-2")]
    old = {"010_pingtan_2017.txt", "011_pingtan_2018.txt", "101_pingtan_2011.txt", "102_pingtanxian_2011.txt",
           "103_pingtan_2012.txt", "104_pingtanxian_2012.txt", "105_pingtan_2013.txt", "106_pingtanxian_2013.txt"}
    assert sorted(uncertain) == sorted([(n, "CP-1", "info") for n in old]
                                       + [("300_shanghai_kewei_2024.md", "CP-1", "warning"),
                                          ("301_shanghai_szfbgt_2025.md", "CP-1", "warning")])


# --------------------------------------------------------------------------- changed copies


def test_problems_part_reduced_to_wu(read):
    """洪泽区 2024 with its 五 part replaced by "无。" (the defect 30号 calls 敷衍塞责): fail; by one short sentence: uncertain."""
    report = read("002_huaian_hongzequ_2024.pdf")
    text = report.document.text
    start = text.index("五、存在的主要问题及改进情况")
    end = text.index("六、其他需要报告的事项")
    emptied = text[:start] + "五、存在的主要问题及改进情况\n无。\n" + text[end:]
    assert _statuses(_ctx(report, emptied), "CP-3") == ["fail"]
    inline = text[:start] + "五、存在的主要问题及改进情况：无\n" + text[end:]
    assert _statuses(_ctx(report, inline), "CP-3") == ["fail"]
    short = text[:start] + "五、存在的主要问题及改进情况\n本年度工作总体平稳，未发现突出问题。\n" + text[end:]
    assert _statuses(_ctx(report, short), "CP-3") == ["uncertain"]
    assert _statuses(_ctx(report), "CP-3") == ["pass"]


def test_missing_part_depends_on_the_year(read):
    """洪泽区 2024 without its 六 part (heading and sentence removed): fail for a 2024 report; the same text dated 2019
    (format only encouraged) is uncertain; dated 2015 the old contents apply and 其他 is not among them."""
    report = read("002_huaian_hongzequ_2024.pdf")
    text = report.document.text
    cut = text[:text.index("六、其他需要报告的事项")]
    statuses = dict(zip(get_rule("CP-1").params["required"], _statuses(_ctx(report, cut), "CP-1")))
    assert statuses["other"] == "fail" and list(statuses.values()).count("pass") == 5
    assert _statuses(_ctx(report, cut, year=2019), "CP-1")[-1] == "uncertain"
    assert "fail" not in _statuses(_ctx(report, cut, year=2015), "CP-1")


def test_statistics_period_of_another_year(read):
    """洪泽区 2024 whose period sentence still says 2023 (last year's preamble reused): fail; when the report's year
    was not read from its title, uncertain."""
    report = read("002_huaian_hongzequ_2024.pdf")
    stale = _replace_once(report.document.text, "统计期限自 2024 年 1 月 1 日起至 2024 年 12 月 31 日止",
                          "统计期限自 2023 年 1 月 1 日起至 2023 年 12 月 31 日止")
    [finding] = _run(_ctx(report, stale), "YR-1")
    assert finding.status == "fail" and "2023" in finding.message["zh"]
    assert any(e.get("role") == "period" and "2023" in e["sentence"] for e in finding.evidence)
    assert _statuses(_ctx(report, stale, evidence={}), "YR-1") == ["uncertain"]
    spans = _replace_once(report.document.text, "统计期限自 2024 年 1 月 1 日起至 2024 年 12 月 31 日止",
                          "统计期限自 2023 年 12 月 1 日起至 2024 年 11 月 30 日止")
    assert _statuses(_ctx(report, spans), "YR-1") == ["uncertain"]


def test_part_opening_with_last_year(read):
    """平潭 2024 (HTML) whose 六 still opens "2023年，无收取信息处理费情况" (last year's sentence): uncertain (info)."""
    report = read("200_pingtan_2024.html")
    stale = _replace_once(report.document.text, "2024年，无收取信息处理费情况", "2023年，无收取信息处理费情况")
    found = _run(_ctx(report, stale), "YR-3")
    assert sorted((f.status, f.severity) for f in found) == [("pass", "info"), ("uncertain", "info")]


def test_fee_contradictions(read):
    """洪泽区 2024 with a sentence added to 二 saying the agency has no 行政事业性收费, while 表二 prints 7545 万元: fail.
    With 六 changed to say one request was charged 380 元 while a sentence added to 三 says no 信息处理费 was charged:
    fail. The two sentences naming different years: uncertain."""
    report = read("002_huaian_hongzequ_2024.pdf")
    text = report.document.text
    added = _replace_once(text, "二、主动公开政府信息情况\n", "二、主动公开政府信息情况\n本机关无行政事业性收费项目。\n")
    [finding] = _run(_ctx(report, added), "FE-1")
    assert finding.status == "fail" and "7545" in finding.message["zh"]
    charged = _replace_once(text, "全年收取政府信息公开信息处理费 0 元", "有 1 件政府信息公开申请收取信息处理费 380 元")
    both = _replace_once(charged, "三、收到和处理政府信息公开申请情况\n",
                         "三、收到和处理政府信息公开申请情况\n2024 年本机关未收取信息处理费。\n")
    assert "fail" in _statuses(_ctx(report, both), "FE-1")
    other_year = _replace_once(charged, "三、收到和处理政府信息公开申请情况\n",
                               "三、收到和处理政府信息公开申请情况\n2023 年本机关未收取信息处理费。\n")
    assert "uncertain" in _statuses(_ctx(report, other_year), "FE-1")
    assert "fail" not in _statuses(_ctx(report, other_year), "FE-1")
    # a price list beside "未收取" is not a contradiction (old reports print their 收费标准)
    price = _replace_once(text, "三、收到和处理政府信息公开申请情况\n",
                          "三、收到和处理政府信息公开申请情况\n依申请提供政府信息收取复制费，每页 0.5 元。\n"
                          "2024 年本机关未收取信息处理费。\n")
    assert "fail" not in _statuses(_ctx(report, price), "FE-1")


def test_tables_missing_or_empty(read):
    """洪泽区 2024 with every 表三 cell blank (a table printed but left empty): fail. Without any table facts and
    without the table's labels in the text: fail for 2024, uncertain for 2019. Labels present but cells not read
    (crawled text before its tables were recovered): not assessable, never 'empty'."""
    report = read("002_huaian_hongzequ_2024.pdf")
    blank = {i: (dataclasses.replace(f, value=None, raw="", semantic="blank") if i.startswith("t3.") else f)
             for i, f in ((f.id, f) for f in report.facts)}
    ctx = Context(meta=report.meta, text=report.document.text, facts=blank)
    assert _statuses(ctx, "CP-2") == ["pass", "fail", "pass"]
    text = report.document.text
    no_t4 = text[:text.index("四、政府信息公开行政复议、行政诉讼情况")] + text[text.index("五、存在的主要问题及改进情况"):]
    facts = {f.id: f for f in report.facts if not f.id.startswith("t4.")}
    assert _statuses(Context(meta=report.meta, text=no_t4, facts=facts), "CP-2")[-1] == "fail"
    trial = dataclasses.replace(report.meta, year=2019)
    assert _statuses(Context(meta=trial, text=no_t4, facts=facts), "CP-2")[-1] == "uncertain"
    unread = {f.id: f for f in report.facts if not f.id.startswith("t3.")}
    assert _statuses(Context(meta=report.meta, text=text, facts=unread), "CP-2")[1] == "not_assessable"


def test_rules_are_documented():
    ids = {r.id for r in load_rules() if r.family == "completeness"}
    assert ids == set(MINE)
    for rule_id in ids:
        rule = get_rule(rule_id)
        assert rule.example and len(rule.rationale) > 100


def test_a_table_published_as_a_picture_is_uncertain_not_missing(tmp_path):
    """corpus/200_pingtan_2024.html with each statistics table replaced by an <img> (as sites that post scans of
    the tables do): the tables cannot be read, which is not the same as leaving them out."""
    import re

    import nlp

    page = (CORPUS / "200_pingtan_2024.html").read_text("utf-8")
    for name, replacement in (("pictures.html", '<p><img src="biao.png" width="600"></p>'), ("none.html", "")):
        (tmp_path / name).write_text(re.sub(r"<table.*?</table>", replacement, page, flags=re.S), "utf-8")
    with_pictures, without = nlp.read(tmp_path / "pictures.html"), nlp.read(tmp_path / "none.html")
    assert len(with_pictures.document.images) == 3 and with_pictures.stats()["images"] == 3
    assert not without.document.images
    statuses = {f.message["zh"][:6]: f.status for f in with_pictures.findings if f.rule == "CP-2"}
    assert list(statuses.values()) == ["uncertain"] * 3, statuses
    assert [f.status for f in without.findings if f.rule == "CP-2"] == ["fail"] * 3


def test_icons_are_not_pictures_of_tables(tmp_path):
    import nlp

    page = (CORPUS / "200_pingtan_2024.html").read_text("utf-8")
    icon = '<img src="print.gif" width="16" height="16">'
    (tmp_path / "icons.html").write_text(page.replace("</table>", "</table>" + icon), "utf-8")
    assert nlp.read(tmp_path / "icons.html").document.images == []


def test_a_table_filled_with_dashes_is_filled_not_empty(tmp_path):
    """表四 printed with "—" in every cell (no review, no lawsuit: a common way to fill it in) is not "printed but
    left empty"; its sums cannot be checked ("—" is not zero), and the message says the cells are marked, not
    blank. Constructed on the 2021 表四 layout."""
    report = nlp.read(table_four_page(tmp_path, ["—"] * 15))
    assert len([f for f in report.facts if f.id.startswith("t4.") and f.semantic == "na"]) == 15
    t4 = next(f for f in report.findings if f.rule == "CP-2" and "表四" in f.message["zh"])
    assert t4.status == "pass" and "15 个标为" in t4.message["zh"]
    sums = [f for f in report.findings if f.rule == "T4-1"]
    assert sums and all(f.status == "not_assessable" and "标为" in f.message["zh"] for f in sums)
