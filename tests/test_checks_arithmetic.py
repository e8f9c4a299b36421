"""Table arithmetic on the seed report's real table, and on copies of it with one cell changed.

The changed copies mirror quirks real reports have: a blank part that may hold the difference, a part larger than
its total, a total left blank while its parts are filled, a cell read with less than full confidence.
"""
import dataclasses

import pytest

from nlp.checks.catalogue import get_rule
from nlp.checks.context import Context
from nlp.checks.engine import run_checks
from nlp.ingest import ingest
from nlp.model import Meta
from nlp.tables.statistics import to_facts
from nlp.tables.templates import load_template
from nlp.tables.values import parse_cell

from .conftest import CORPUS


@pytest.fixture()
def facts():
    doc = ingest(CORPUS / "000_dongying_gjj_2018.txt")
    return {f.id: f for f in to_facts(doc.tables[0], 0, load_template("pre2019"))}


def _ctx(facts):
    return Context(meta=Meta(agency="东营市住房公积金管理中心", year=2018, template="pre2019"), text="", facts=facts)


def _with(facts, cell_id, raw, **changes):
    parsed = parse_cell(raw)
    facts = dict(facts)
    facts[cell_id] = dataclasses.replace(facts[cell_id], raw=raw, value=parsed.value, semantic=parsed.semantic, **changes)
    return facts


def _status(facts, rule_id):
    rule = get_rule(rule_id)
    found = run_checks(_ctx(facts), (rule,))
    return [f.status for f in found], found


def test_seed_table_identities(facts):
    """Read by hand: 收到 1 = 网络 1; 办结 1 = 按时 1; 答复 1 = 不属于本机关 1; 人员 2 = 兼职 2."""
    for rule_id in ("P1", "P2", "P3", "P9"):
        assert _status(facts, rule_id)[0] == ["pass"], rule_id
    for rule_id in ("P4", "P5", "P6", "P7", "P8"):  # all blank in the seed: nothing to check
        assert _status(facts, rule_id)[0] == ["not_assessable"], rule_id


def test_channels_do_not_have_to_sum_to_the_total(facts):
    """244 in all, 244 + 8 + 12 = 264 on the channels: not an error (one item, several channels), P11 passes."""
    statuses, _ = _status(facts, "P11")
    # gazette and weibo are blank: nothing to compare, said as such; website 244, wechat 8, other 12 ≤ 244
    assert statuses == ["not_assessable", "pass", "not_assessable", "pass", "pass"]


def test_blank_part_may_hold_the_difference(facts):
    changed = _with(facts, "p.app.recv.total", "3")
    statuses, found = _status(changed, "P1")
    assert statuses == ["uncertain"]
    assert "空白不等于零" in found[0].message["zh"]


def test_parts_exceeding_the_total_fail(facts):
    changed = _with(facts, "p.app.recv.fax", "2")  # 1 (online) + 2 (fax) > 1
    assert _status(changed, "P1")[0] == ["fail"]


def test_no_blank_part_and_a_difference_fails(facts):
    changed = _with(facts, "p.org.staff.fulltime", "1")  # 2 ≠ 1 + 2
    statuses, found = _status(changed, "P9")
    assert statuses == ["fail"]
    assert "3" in found[0].message["zh"] and "2" in found[0].message["zh"]


def test_total_blank_with_filled_parts_is_uncertain(facts):
    changed = _with(facts, "p.review.upheld", "1")
    assert _status(changed, "P5")[0] == ["uncertain"]


def test_uncertain_reading_never_fails(facts):
    changed = _with(facts, "p.app.recv.fax", "2", confidence=0.5, reason="two splits of a flattened row fit")
    statuses, found = _status(changed, "P1")
    assert statuses == ["uncertain"]
    assert "two splits" in found[0].message["zh"]


def test_non_negative_whole_numbers(facts):
    assert _status(facts, "P13")[0] == ["pass"]
    assert _status(_with(facts, "p.app.recv.total", "-1"), "P13")[0] == ["fail"]
    assert _status(_with(facts, "p.app.recv.total", "1.5"), "P13")[0] == ["fail"]
    assert _status(_with(facts, "p.org.budget", "5.5"), "P13")[0] == ["pass"]  # 万元 may be a decimal


def test_fingerprint_changes_only_with_the_values_involved(facts):
    before = {f.rule: f.fingerprint for f in run_checks(_ctx(facts), (get_rule("P1"), get_rule("P9")))}
    again = {f.rule: f.fingerprint for f in run_checks(_ctx(facts), (get_rule("P1"), get_rule("P9")))}
    assert before == again
    changed = _with(facts, "p.org.staff.fulltime", "1")
    after = {f.rule: f.fingerprint for f in run_checks(_ctx(changed), (get_rule("P1"), get_rule("P9")))}
    assert after["P1"] == before["P1"] and after["P9"] != before["P9"]


# --------------------------------------------------------------------------- NN-4 shares (constructed sentences)


def _share_findings(text: str) -> list:
    from nlp.checks.context import Context
    from nlp.checks.engine import run_checks
    from nlp.model import Meta
    from nlp.text.claims import extract_claims

    ctx = Context(meta=Meta(year=2023, template="v2021"), text=text, facts={}, claims=extract_claims(text))
    return [f for f in run_checks(ctx) if f.rule == "NN-4"]


def test_shares_confirmed_by_the_run_make_the_odd_one_fail():
    findings = _share_findings("全年共受理申请200件。予以公开80件，占40%；不予公开30件，占15%；无法提供60件，占35%；"
                               "不予处理30件，占15%。")
    fails = [f for f in findings if f.status == "fail"]
    assert len(fails) == 1 and "60件" in fails[0].message["zh"] and "30.00%" in fails[0].message["zh"]
    assert [f.status for f in findings].count("pass") == 1


def test_a_share_cut_off_at_its_last_digit_agrees():
    # 35 / 805 = 4.3478…%: printed 4.34% (cut off) or 4.35% (rounded), both agree; 4.36% does not
    for printed, status in (("4.34", "pass"), ("4.35", "pass")):
        findings = _share_findings(f"答复申请805件。不予公开35件，占{printed}%；无法提供265件，占32.9%；不予处理158件，占19.6%。")
        assert {f.status for f in findings} == {status}, printed


def test_an_unconfirmed_whole_is_uncertain_and_an_unknown_one_silent():
    lone = _share_findings("共收到申请50件。其中网上申请20件，占50%；当面申请15件，占30%。")
    assert sorted(f.status for f in lone) == ["pass", "uncertain"]  # 15/50 = 30% confirms 50 once only
    assert _share_findings("网上申请20件，占50%。") == []  # no earlier figure: the whole is unknown


def test_parts_whose_shares_make_100_percent_must_add_up_to_the_whole():
    """Mirrors 103 平潭 2012 ("1913条。其中…1397条，占73%。…534条，占27%。"): each share agrees with the whole
    after rounding or cutting off, the shares add up to 100 %, but the parts do not add up to the whole."""
    odd = _share_findings("全年主动公开信息1000条。其中，区直部门公开600条，占60%。乡镇公开404条，占40%。")
    assert [f.status for f in odd if "合计" in f.message["zh"]] == ["uncertain"]
    assert "600条 + 404条 = 1004" in next(f.message["zh"] for f in odd if "合计" in f.message["zh"])
    even = _share_findings("全年主动公开信息1000条。其中，区直部门公开596条，占60%。乡镇公开404条，占40%。")
    assert all(f.status == "pass" for f in even) and not any("合计" in f.message["zh"] for f in even)
