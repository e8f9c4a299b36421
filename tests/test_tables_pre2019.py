"""The pre-2019 statistics table of the seed report, read cell by cell.

Expected values were read by hand from corpus/000_dongying_gjj_2018.txt (the 统计表 at the end of the file).
"""
from decimal import Decimal

import pytest

from nlp.ingest import ingest
from nlp.tables.labels import clean_label, similarity
from nlp.tables.statistics import align, find_columns, to_facts
from nlp.tables.templates import load_template
from nlp.tables.values import parse_cell

from .conftest import CORPUS

# (cell id, value as printed in the table, unit column)
PRINTED = [
    ("p.active.total", 244, "条"),
    ("p.active.normative_disclosed", 0, "条"),
    ("p.active.normative_issued", 0, "件"),
    ("p.active.ch.website", 244, "条"),
    ("p.active.ch.wechat", 8, "条"),
    ("p.active.ch.other", 12, "条"),
    ("p.resp.interpret_docs", 15, "篇"),
    ("p.app.recv.total", 1, "件"),
    ("p.app.recv.online", 1, "件"),
    ("p.app.closed.total", 1, "件"),
    ("p.app.closed.on_time", 1, "件"),
    ("p.app.reply.total", 1, "件"),
    ("p.app.reply.not_this_agency", 1, "件"),
    ("p.org.units", 1, "个"),
    ("p.org.access_points", 6, "个"),
    ("p.org.staff.total", 2, "人"),
    ("p.org.staff.parttime", 2, "人"),
    ("p.org.budget", Decimal(5), "万元"),
    ("p.train.meetings", 4, "次"),
    ("p.train.classes", 1, "次"),
    ("p.train.trainees", 9, "人次"),
]
BLANK = ["p.active.ch.gazette", "p.active.ch.weibo", "p.resp.hotspots", "p.app.recv.in_person",
         "p.app.closed.extended", "p.app.reply.refused.total", "p.review.total", "p.lit.other",
         "p.complaint.total", "p.archive.electronic", "p.org.staff.fulltime"]


@pytest.fixture(scope="module")
def facts():
    doc = ingest(CORPUS / "000_dongying_gjj_2018.txt")
    return {f.id: f for f in to_facts(doc.tables[0], 0, load_template("pre2019"))}, doc


def test_every_template_row_is_found(facts):
    by_id, _ = facts
    assert set(by_id) == set(load_template("pre2019").ids)
    assert len(by_id) == 64


@pytest.mark.parametrize("cell_id,value,unit", PRINTED)
def test_printed_values(facts, cell_id, value, unit):
    fact = facts[0][cell_id]
    assert fact.value == value and type(fact.value) is type(value)
    assert fact.unit == unit
    assert fact.semantic == ("zero" if value == 0 else "number")
    assert fact.confidence == 1.0


@pytest.mark.parametrize("cell_id", BLANK)
def test_blank_is_not_zero(facts, cell_id):
    fact = facts[0][cell_id]
    assert fact.value is None and fact.semantic == "blank" and fact.raw == ""


def test_provenance_points_at_the_printed_cell(facts):
    by_id, doc = facts
    for fact in by_id.values():
        if fact.raw:
            offset = fact.provenance["offset"]
            assert doc.text[offset:offset + len(fact.raw)] == fact.raw
    assert by_id["p.active.total"].label == "（一）主动公开政府信息数"


def test_repeated_labels_resolve_by_position(facts):
    """（三）其他情形数 is printed under 四 (review), 五 (lawsuits) and 六 (complaints): three distinct rows."""
    by_id, _ = facts
    rows = {by_id[i].provenance["row"] for i in ("p.review.other", "p.lit.other", "p.complaint.other")}
    assert len(rows) == 3
    assert by_id["p.review.other"].provenance["row"] < by_id["p.lit.other"].provenance["row"] < by_id["p.complaint.other"].provenance["row"]


def test_header_columns(facts):
    _, doc = facts
    columns = find_columns(doc.tables[0])
    assert (columns.label, columns.unit, columns.value, columns.cumulative) == (0, 1, 2, None)


@pytest.mark.parametrize("raw,value,semantic,unit", [
    ("", None, "blank", None), ("0", 0, "zero", None), ("—", None, "na", None), ("/", None, "na", None),
    ("无", None, "na", None), ("251000元", 251000, "number", "元"), ("+2", 2, "number", None),
    ("-1", -1, "number", None), ("0.35", Decimal("0.35"), "number", None), ("1,234", 1234, "number", None),
    ("4，529", 4529, "number", None), ("18，651.06", Decimal("18651.06"), "number", None),  # Chinese comma
    ("见附件", None, "text", None), ("4，52", None, "text", None),
])
def test_cell_values(raw, value, semantic, unit):
    parsed = parse_cell(raw)
    assert (parsed.value, parsed.semantic, parsed.unit) == (value, semantic, unit)


def test_label_variants_match():
    """Label variants of the kind the manifest lists: inner spaces, numbering, a typo, 其中 prefixes."""
    assert clean_label("（一） 主动公开政府信息数") == "主动公开政府信息数"
    assert clean_label("其中：主动公开规范性文件数") == "主动公开规范性文件数"
    assert similarity("2. 政府网站公开政府 信息数", "政府网站公开政府信息数") == 1.0
    assert similarity("行政法复议数量", "行政复议数量") >= 0.75
    assert similarity("政府网站公开政府信息数", "政务微博公开政府信息数") < 1.0


def test_alignment_prefers_order():
    template = load_template("pre2019")
    labels = ["行政复议数量", "（三）其他情形数", "行政诉讼数量", "（三）其他情形数"]
    ids = [template.rows[i].id for i, _ in align(labels, template)]
    assert ids == ["p.review.total", "p.review.other", "p.lit.total", "p.lit.other"]
