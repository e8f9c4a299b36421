"""A printed table cell → (value, semantic, unit). The printed text is never changed; it stays in ``Fact.raw``.

Blank, zero, dash, slash and 无 are kept apart (``semantic``): a blank cell is not a zero.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

_NA = {"—", "——", "-", "--", "－", "/", "／", "无", "\\", "×", "x", "X", "/ ", "－－"}
_NUMBER = re.compile(r"^(?P<sign>[+-]?)\s*(?P<digits>\d{1,3}(?:[,，]\d{3})+|\d+)(?P<frac>\.\d+)?\s*(?P<unit>万元|元|亿元|件|条|个|人次|人|次|篇)?$")


@dataclass(frozen=True)
class CellValue:
    value: int | Decimal | None
    semantic: str  # number | zero | blank | na | text
    unit: str | None = None


def parse_cell(raw: str) -> CellValue:
    text = raw.strip().replace(" ", "")
    if not text:
        return CellValue(None, "blank")
    if text in _NA:
        return CellValue(None, "na")
    match = _NUMBER.match(text)
    if not match:
        return CellValue(None, "text")
    digits = match["digits"].replace(",", "").replace("，", "")  # 4，529: a Chinese comma between thousands
    try:
        value: int | Decimal = Decimal(digits + (match["frac"] or ""))
    except InvalidOperation:  # pragma: no cover - the regex admits only digits
        return CellValue(None, "text")
    if match["sign"] == "-":
        value = -value
    if not match["frac"]:
        value = int(value)
    return CellValue(value, "zero" if value == 0 else "number", match["unit"])
