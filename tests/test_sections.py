"""Canonical sections from the report's headings (nlp/structure/sections.py).

The corpus numbers its headings 一、 二、 … (tests/test_seed_report.py, tests/test_flattened.py check those reports).
The cases below are constructed from the same six headings of the 2021 format numbered as other agencies print
them: 第一部分, 1., Markdown "## " headings and **bold** lines from Word conversions, and 一． with a full-width dot.
"""
from __future__ import annotations

import pytest

from nlp.structure.sections import find_sections

TITLES = ["总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况", "政府信息公开行政复议、行政诉讼情况",
          "存在的主要问题及改进情况", "其他需要报告的事项"]
KEYS = ["overview", "active", "applications", "review_litigation", "problems", "other"]
CN = "一二三四五六"


def _report(headings: list[str], body: str = "本部分正文，共计10件。\n（一）加强组织领导。\n（二）完善制度建设。\n") -> str:
    return "某某局2022年政府信息公开工作年度报告\n" + "".join(f"{h}\n{body}" for h in headings)


@pytest.mark.parametrize("style", [
    lambda i, t: f"{CN[i]}、{t}",
    lambda i, t: f"{CN[i]}．{t}",
    lambda i, t: f"第{CN[i]}部分 {t}",
    lambda i, t: f"{i + 1}.{t}",
    lambda i, t: f"## {CN[i]}、{t}",
    lambda i, t: f"**{CN[i]}、{t}**",
], ids=["一、", "一．", "第一部分", "1.", "markdown", "bold"])
def test_numbering_styles(style):
    text = _report([style(i, t) for i, t in enumerate(TITLES)])
    sections = find_sections(text)
    assert [s.key for s in sections] == KEYS
    assert [text[s.start:s.end].strip().splitlines()[0].strip("*# ") for s in sections] == \
        [style(i, t).strip("*# ") for i, t in enumerate(TITLES)]


def test_numbered_items_inside_sections_are_not_headings():
    """1. 2. items under 一、 二、 headings stay inside their section (the Chinese numbering wins)."""
    body = "本部分正文。\n1.加强组织领导，共计10件。\n2.完善制度建设。\n"
    sections = find_sections(_report([f"{CN[i]}、{t}" for i, t in enumerate(TITLES)], body))
    assert [s.heading for s in sections] == [f"{CN[i]}、{t}" for i, t in enumerate(TITLES)]
