"""Crawled pages (corpus/009..019_pingtan_*.txt, 101..108_*.txt): cleanup, sections and flattened tables.

Every expected cell below was worked out by hand from the printed digit run in the corpus file; the comment next to
it says how. "Printable" readings are the cuts of a run that respect the print (no leading zero except a lone 0,
a space or a sign starts a new cell, decimals and 元 stay in one cell).
"""
from __future__ import annotations

import re
from decimal import Decimal

import pytest

from nlp.ingest import crawled, ingest
from nlp.ingest.normalise import normalise
from nlp.structure.meta import read_meta
from nlp.structure.sections import find_sections
from nlp.tables import facts_for, flattened
from nlp.tables.templates import load_template

from .conftest import CORPUS

CRAWLED = sorted(p.name for p in CORPUS.glob("*.txt") if p.name[:3] != "000")
_ARTEFACTS = ("<!--[if !supportLists]-->", "<!--[endif]-->")


@pytest.fixture(scope="module")
def docs():
    cache = {}

    def get(name):
        if name not in cache:
            cache[name] = ingest(next(CORPUS.glob(f"{name}*.txt")))
        return cache[name]

    return get


@pytest.fixture(scope="module")
def facts(docs):
    cache = {}

    def get(name, template):
        if name not in cache:
            found, notes = flattened.recover(docs(name), template)
            cache[name] = ({f.id: f for f in found}, notes)
        return cache[name][0]

    return get


def cells(by_id, row_id, columns):
    return [by_id[f"{row_id}.{c}"].value for c in columns]


T3 = ["natural_person", "commercial_enterprise", "research_institution", "public_welfare_org", "legal_service_org",
      "other_org", "total"]
T4 = ["upheld", "corrected", "other", "pending", "total"]


# --------------------------------------------------------------------------- cleanup


def test_every_crawled_file_is_recognised():
    assert len(CRAWLED) == 18  # 009–017, 019 and 101–108
    for name in CRAWLED:
        assert crawled.looks_crawled(normalise((CORPUS / name).read_text("utf-8"))), name
    assert not crawled.looks_crawled(normalise((CORPUS / "000_dongying_gjj_2018.txt").read_text("utf-8")))


@pytest.mark.parametrize("name", CRAWLED)
def test_cleanup_keeps_every_character_of_the_body(name, docs):
    """The cleaned body without the inserted line breaks is the original body minus the page chrome before it
    (当前位置 … 相关链接： -->), 附件下载 after it and the Word list comments: nothing else is dropped or changed."""
    raw = normalise((CORPUS / name).read_text("utf-8"))
    body = raw.split("==================== 正文 ====================", 1)[1]
    for artefact in _ARTEFACTS:
        body = body.replace(artefact, "")
    text = docs(name[:-4]).text
    header, cleaned = text.split("\n\n", 1)
    kept = cleaned.replace("\n", "")
    assert kept.strip() and kept in body
    before, after = body.split(kept, 1)
    assert re.fullmatch(r"\s*(?:当前位置：.*相关链接： -->)?\s*", before), before
    assert after.strip() in ("", "附件下载")
    # the crawler header keeps what meta.py reads, and only that
    lines = header.split("\n")
    assert lines[0].startswith("标题: ") and lines[1].startswith("发布时间: ") and len(lines) == 2
    assert "<!--" not in text and "原文链接" not in text


def test_line_breaks_go_before_headings_and_rows(docs):
    lines = docs("014").text.split("\n")
    assert "一、总体情况" in lines and "六、其他需要报告的事项" in lines
    assert "一、本年新收政府信息公开申请数量640020470" in lines
    # the row number glued to the previous run starts the next line: "…00000002.其他…" → "…0000000" / "2.其他…"
    assert "2.其他法律行政法规禁止公开0000000" in lines
    assert "1.本机关不掌握相关政府信息220000325" in lines


def test_sections_and_meta_of_014(docs):
    doc = docs("014")
    spans = [(t.offset, t.end) for t in doc.tables]
    sections = find_sections(doc.text, spans)
    assert [s.key for s in sections] == ["overview", "active", "applications", "review_litigation", "problems",
                                        "other"]
    assert sections[3].heading == "四、政府信息公开行政复议、行政诉讼情况"  # not the table row 四、结转下年度继续办理
    meta = read_meta(doc)
    assert (meta.year, meta.published, meta.template) == (2021, "2022-02-08", "v2021")


def test_flattened_tables_are_registered_as_tables(docs):
    tables = docs("014").tables
    assert [t.origin for t in tables] == ["flattened"] * 3  # 表二, 表三, 表四
    t3 = tables[1]
    assert t3.cells[1].text == "一、本年新收政府信息公开申请数量640020470"


# --------------------------------------------------------------------------- 表三 and 表四


def test_t3_row_total_chose_the_split(facts):
    """640020470 = 64|0|0|2|0|4|70: total 70 = 64+0+0+2+0+4; no other cut into 7 printable cells adds up
    (with total "470" the other six would be 6|4|0|0|2|0 = 12; with "70", 6|40|0|2|0|4 = 52, 6|4|0|0|20|4 = 34).
    T3-3 chose it, so a T3-3 check on this row is not independent."""
    by_id = facts("014", "v2021")
    assert cells(by_id, "t3.new_received", T3) == [64, 0, 0, 2, 0, 4, 70]
    fact = by_id["t3.new_received.total"]
    assert fact.provenance["constraints"] == ["T3-3"]
    assert fact.confidence == 1.0 and fact.candidates is None


def test_t3_unique_by_print_alone(facts):
    """1000001 = 1|0|0|0|0|0|1: seven digits for seven cells, one cut; T3-3 (1 = 1) is then checked independently."""
    by_id = facts("014", "v2021")
    assert cells(by_id, "t3.res.denied.internal_affairs", T3) == [1, 0, 0, 0, 0, 0, 1]
    assert by_id["t3.res.denied.internal_affairs.total"].provenance["constraints"] == []
    assert by_id["t3.res.denied.internal_affairs.total"].provenance["printable_readings"] == 1


def test_t3_column_identity_chose_the_split(facts):
    """220000325: T3-3 leaves 22|0|0|0|0|3|25 and 2|20|0|0|0|3|25 (2+20+3 = 25). 表三's results total
    (（七）总计 630020469 = 63|0|0|2|0|4|69) has 0 in the 商业企业 column, so 20 there breaks T3-2: the first."""
    by_id = facts("014", "v2021")
    assert cells(by_id, "t3.res.total", T3) == [63, 0, 0, 2, 0, 4, 69]
    assert cells(by_id, "t3.res.unable.not_held", T3) == [22, 0, 0, 0, 0, 3, 25]
    assert by_id["t3.res.unable.not_held.total"].provenance["constraints"] == ["T3-3", "T3-2"]


def test_t3_spaces_are_cell_boundaries(facts):
    """012 prints "230 000023": the space ends a cell. Printable: 23|0 + 0|0|0|0|23, 2|30 + 0|0|0|0|23,
    230 + 0|0|0|0|2|3; only the first adds up (23 = 23)."""
    by_id = facts("012", "v2019")
    assert cells(by_id, "t3.new_received", T3) == [23, 0, 0, 0, 0, 0, 23]
    assert by_id["t3.new_received.total"].provenance["printable_readings"] == 3
    # "（七）总计23 0 00 0 023" and the v2019 one-row （六）其他处理 "0 0 0 0 0 00"
    assert cells(by_id, "t3.res.total", T3) == [23, 0, 0, 0, 0, 0, 23]
    assert cells(by_id, "t3.res.other", T3) == [0] * 7


def test_t3_balances_on_the_recovered_cells(facts):
    """T3-1 by hand on 014: 64+0 = 63+1 (自然人), 70+0 = 69+1 (总计)."""
    by_id = facts("014", "v2021")
    for c in T3:
        assert (by_id[f"t3.new_received.{c}"].value + by_id[f"t3.carried_over.{c}"].value
                == by_id[f"t3.res.total.{c}"].value + by_id[f"t3.carry_forward.{c}"].value)


def test_t4_group_totals(facts):
    """10203120001200000 (17 digits, 15 cells) = 1|0|2|0|3 (3 = 1+0+2+0), 12|0|0|0|12, 0|0|0|0|0; T4-1 chose it."""
    by_id = facts("014", "v2021")
    assert cells(by_id, "t4.review", T4) == [1, 0, 2, 0, 3]
    assert cells(by_id, "t4.lit_direct", T4) == [12, 0, 0, 0, 12]
    assert cells(by_id, "t4.lit_after_review", T4) == [0, 0, 0, 0, 0]
    assert by_id["t4.review.total"].provenance["constraints"] == ["T4-1"]
    # 015 prints 表四 space separated: "0 1 1 0 2 1 0 0 0 1 0 0 0 0 0", one reading, nothing chosen by a rule
    by_id = facts("015", "v2021")
    assert cells(by_id, "t4.review", T4) == [0, 1, 1, 0, 2]
    assert by_id["t4.review.total"].provenance["constraints"] == []


# --------------------------------------------------------------------------- 表二


def test_t2_ambiguous_row_keeps_every_candidate(facts):
    """014 行政规范性文件 "693665" into 本年制发|本年废止|现行有效: no zero in the run, so any 2 of the 5 gaps:
    C(5,2) = 10 cuts, and 表二 has no identity between its columns. All stay; no value is picked."""
    by_id = facts("014", "v2021")
    issued = by_id["t2.a1.normative.issued"]
    assert issued.value is None and issued.semantic == "ambiguous"
    assert issued.candidates == [6, 69, 693, 6936]
    assert by_id["t2.a1.normative.in_force"].candidates == [3665, 665, 65, 5]
    assert sorted(by_id["t2.a1.normative.repealed"].candidates) == [3, 6, 9, 36, 66, 93, 366, 936, 9366]
    readings = issued.provenance["row_readings"]
    assert len(readings) == 10 and ["69", "36", "65"] in readings and ["6", "9", "3665"] in readings
    assert issued.confidence < 1 and "Missing constraint" in issued.reason and "表二" in issued.reason
    # the same row's neighbours are certain: 规章 "000" = 0|0|0, 行政许可 "2293" one cell
    assert cells(by_id, "t2.a1.regulation", ["issued", "repealed", "in_force"]) == [0, 0, 0]
    assert by_id["t2.a5.licensing.decisions"].value == 2293


def test_t2_negative_delta(facts):
    """013 行政处罚 "2648-18538" (上一年项目数量|本年增/减|处理决定数量): the sign starts 本年增/减, so 2648 is the
    previous year's count in every reading. Printable: 2648 | -1|8538, -18|538, -185|38, -1853|8, and 2|648,
    26|48, 264|8 with -18538 as a count of decisions, which T2-1 rules out (counts are not negative)."""
    by_id = facts("013", "v2019")
    assert by_id["t2v19.a6.penalty.prev_items"].value == 2648
    assert by_id["t2v19.a6.penalty.prev_items"].confidence == 1.0
    delta = by_id["t2v19.a6.penalty.delta"]
    assert delta.semantic == "ambiguous" and delta.candidates == [-1, -18, -185, -1853]
    assert by_id["t2v19.a6.penalty.decisions"].candidates == [8538, 538, 38, 8]
    assert delta.provenance["printable_readings"] == 7 and delta.provenance["readings"] == 4
    assert delta.provenance["constraints"] == ["T2-1"]
    # 行政事业性收费 "35-15": two pieces for two cells, one reading: 35 | -15
    assert by_id["t2v19.a8.admin_fee.prev_items"].value == 35
    assert by_id["t2v19.a8.admin_fee.delta"].value == -15


def test_t2_amount_in_yuan(facts):
    """013 政府集中采购 "39573802895.90元" (采购项目数量|采购总金额): the cut falls in the integer part, 10 gaps,
    one of which would start the amount with 0 (…8|02895…): 9 readings, each amount keeps its 元 and decimals."""
    by_id = facts("013", "v2019")
    amount = by_id["t2v19.a9.central_procurement.amount"]
    assert amount.unit == "元" and len(amount.candidates) == 9
    assert Decimal("73802895.90") in amount.candidates and Decimal("2895.90") in amount.candidates
    assert all(isinstance(v, Decimal) for v in amount.candidates)
    assert 395 in by_id["t2v19.a9.central_procurement.projects"].candidates


def test_t2_wan_yuan_decimal(facts):
    """014 行政事业性收费 "24252.311082" is one cell of 本年收费金额（单位：万元）."""
    fee = facts("014", "v2021")["t2.a8.admin_fee.amount_wan_yuan"]
    assert fee.value == Decimal("24252.311082") and fee.unit == "万元" and fee.confidence == 1.0


# --------------------------------------------------------------------------- the old statistics table (2011–2018)


def test_pre2019_running_total_constraint(facts):
    """009 主动公开文件数 "346085376" (2016年度|历年累计): printable cuts 3|46085376, 34|6085376, 346|085376 (leading
    zero: no), 3460|85376, 34608|5376, … ; "历年累计 ≥ 本年度" removes those from 34608|5376 on, 3 stay."""
    by_id = facts("009", "pre2019")
    year, total = by_id["p.active.total"], by_id["p.active.total.cumulative"]
    assert year.candidates == [3, 34, 3460] and total.candidates == [46085376, 6085376, 85376]
    assert year.provenance["constraints"] == ["P-cumulative"] and year.unit == "条"
    assert by_id["p.app.recv.total"].value == 0 and by_id["p.app.recv.total.cumulative"].value == 0


def test_pre2019_running_total_decides(facts):
    """106 对申请的答复数 "324": 3|24 or 32|4; a running total below the year's count is impossible: 3|24."""
    by_id = facts("106", "pre2019")
    assert (by_id["p.app.reply.total"].value, by_id["p.app.reply.total.cumulative"].value) == (3, 24)
    assert by_id["p.app.reply.total"].provenance["constraints"] == ["P-cumulative"]
    # "018": 01|8 has a leading zero, so 0|18 by the print alone
    assert (by_id["p.app.recv.in_person"].value, by_id["p.app.recv.in_person.cumulative"].value) == (0, 18)


def test_pre2019_glued_row_numbers(facts):
    """102 "其中：1.网站公开条41815092.政府公报公开条77": the 2 before "." is the next row's number."""
    by_id = facts("102", "pre2019")
    website = by_id["p.active.ch.website"]
    assert website.provenance["run_text"] == "4181509"
    assert (by_id["p.active.ch.gazette"].value, by_id["p.active.ch.gazette.cumulative"].value) == (7, 7)


def test_pre2019_space_separated_and_missing_cell(facts):
    by_id = facts("101", "pre2019")  # "主动公开信息数 条 425 1516": spaces separate the cells
    assert (by_id["p.active.total"].value, by_id["p.active.total.cumulative"].value) == (425, 1516)
    by_id = facts("105", "pre2019")  # "2、政府公报公开 条 0": one value for two cells; which is empty is unknown
    gazette = by_id["p.active.ch.gazette"]
    assert gazette.semantic == "ambiguous" and gazette.candidates == [0, None]
    assert by_id["p.active.ch.gazette.cumulative"].candidates == [None, 0]


def test_pre2019_rows_outside_the_catalogue(facts):
    """信函、传真申请数 is two catalogue rows in one: kept under p.extra with its printed label, not read as 信函."""
    by_id = facts("009", "pre2019")
    extra = [f for f in by_id.values() if f.id.startswith("p.extra.") and "信函" in f.label]
    assert [f.label for f in extra] == ["3、信函、传真申请数", "3、信函、传真申请数"]
    assert extra[1].id == extra[0].id + ".cumulative"
    assert "p.app.recv.letter" not in by_id
    assert flattened.old_row_ids(["行政法复议数"], load_template("pre2019"))[0][0] == "p.review.total"


def test_facts_for_falls_back_to_flattened_in_pre2019(docs):
    found, notes = facts_for(docs("011"), "pre2019")
    assert {f.id for f in found} >= {"p.active.total", "p.active.total.cumulative", "p.lit.total"}


# --------------------------------------------------------------------------- provenance and uncertainty


@pytest.mark.parametrize("name,template", [("012", "v2019"), ("014", "v2021"), ("009", "pre2019"), ("101", "pre2019")])
def test_provenance_points_at_the_digit_run(name, template, docs, facts):
    doc = docs(name)
    for fact in facts(name, template).values():
        a, b = fact.provenance["run"]
        assert doc.text[a:b] == fact.provenance["run_text"]
        if fact.provenance["cell"]:
            start, end = fact.provenance["cell"]
            assert doc.text[start:end] == fact.raw and fact.provenance["offset"] == start and a <= start < end <= b
        if fact.semantic == "ambiguous":
            assert fact.raw == fact.provenance["run_text"] and fact.provenance["offset"] == a


# (cells recovered, cells whose value stays ambiguous) per file. Ambiguous rows: 表二 rows without a zero or a
# sign to pin the cut (012: 7 rows, 013: 6 rows, from 2021 on 行政规范性文件 only); in the old tables the rows whose
# two values leave more than one cut with 历年累计 ≥ 本年度.
UNCERTAIN = {
    "009": ("pre2019", 32, 4), "010": ("pre2019", 30, 4), "011": ("pre2019", 30, 4),
    "012": ("v2019", 198, 19), "013": ("v2019", 198, 16),
    "014": ("v2021", 200, 3), "015": ("v2021", 200, 3), "016": ("v2021", 200, 3), "017": ("v2021", 200, 3),
    "019": ("v2021", 200, 3),
    "101": ("pre2019", 34, 0), "102": ("pre2019", 34, 4), "103": ("pre2019", 32, 0), "104": ("pre2019", 34, 12),
    "105": ("pre2019", 32, 2), "106": ("pre2019", 34, 4), "107": ("pre2019", 32, 0), "108": ("pre2019", 32, 4),
}


@pytest.mark.parametrize("name", sorted(UNCERTAIN))
def test_share_of_uncertain_cells(name, facts):
    template, n_cells, n_uncertain = UNCERTAIN[name]
    by_id = facts(name, template)
    uncertain = [f for f in by_id.values() if f.confidence < 1.0]
    assert (len(by_id), len(uncertain)) == (n_cells, n_uncertain)
    assert all(f.semantic == "ambiguous" and f.reason for f in uncertain)
    assert flattened.uncertain_share(list(by_id.values())) == round(n_uncertain / n_cells, 4)


def test_row_numbers_continue_the_list():
    assert crawled.numbering_digits("00000002", 2) == 1
    assert crawled.numbering_digits("3460853762", 2) == 1
    assert crawled.numbering_digits("418 1509 2", 2) == 1
    assert crawled.numbering_digits("000012", 12) == 2
