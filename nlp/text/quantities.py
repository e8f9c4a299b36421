"""Quantities (and dates) in running Chinese text: "共受理申请 1 件", "近 8 万人", "答复率 100%", "五期".

How it works, in two regex passes per text (no segmentation, no per-call jieba):

1. **Mask.** One regex finds every span whose digits are *not* a quantity: dates and years, phone numbers,
   labelled codes (邮编：257091), hotlines (12345热线), document numbers (〔2019〕60号), ordinals and list markers
   (第一, 一是, （一）, 1.), fractions, URLs, e-mails, ASCII tokens (5G, APP2.0), page markers (— 1 —) and fixed
   words from ``number_idioms.txt`` (进一步, 十分重视, 一次办好, 四位一体). Those spans are overwritten with NUL in a
   copy of the text, so offsets stay the same and the second pass cannot see them.
2. **Read.** One regex reads ``[approx] number [range] [余/多] [万/亿] [余/多] [measure word] [以上/左右 …]`` on the
   masked copy; small Python checks then decide (see ``_quantity``).

Decisions (the conventions callers rely on):

* ``value`` is normalised: 3.3 万个 → 33000 (unit 个); 六成 → 60 and 百分之九十五点五 → 95.5 (unit "%").
  Money stays in its printed unit, never converted: 2.5亿元 → 2.5 (unit 亿元), 5 万元 → 5 (unit 万元), 380 元 → 380.
* ``low``/``high`` give the interval the true value lies in; None means open on that side.
  - exact number: low = high = value;
  - rounded number — a scale word (万, 亿, 千, or a Chinese numeral ending in 万/亿) or a percentage: ± half a unit of
    the last printed digit, because that is all the printed precision says (3.3万 → 32500…33500; 410万 → 4095000…
    4105000; 17.46% → 17.455…17.465; 六成 → 55…65; 2.5亿元 → 2.45…2.55 in 亿元);
  - an approximation word overrides the rounding: 余/多/以上/超过/超/逾/至少 → low = value, high None;
    近/不足/不到/以下/以内/不超过 → low None, high = value; 约/大约/左右/上下 → both None;
  - a range ("3-5 个", "3至5个", 三四个) → value = low bound, low = 3, high = 5, approx "范围".
* ``approx`` is the word as printed (近, 约, 余, 多, 超, 突破, 以上, 以内, 左右 …; ``approx_words.txt`` gives each its
  bound), or "范围" for a range, or None.
* Chinese numerals count only with a measure word after them (五期, 两次, 一百二十三件). A lone 一 or 零 + measure
  word counts only as a complement: after a Chinese word and before punctuation or the end ("召开专题会议一次。"
  yes; "一个受委托银行", "一期工程", "开展了一次培训", "“一窗、一次”办好" no), because before a noun 一 + measure word
  is an article ("a/one"), not a reported figure. Measure words marked "one" in ``measure_words.txt`` (名) are
  the exception: "明确一名分管领导" counts. Slogans that pass these rules (最多跑一次, 四位一体) are in
  ``number_idioms.txt``.
* Arabic numbers count with or without a measure word (unit None: "粉丝数 54373", "总浏览量为 536 万"), except
  years (2019) with neither unit nor approximation word, numbers before an address/name word (122 号, 10 楼,
  70 周年; ``not_unit_suffixes.txt``), and all masked spans. 5-digit 12xxx numbers are hotlines unless a measure
  word follows (12345 件 is a count).
* Not handled: negative numbers, fractions (三分之一: masked, not read), mixed "3万5千", ASCII units (5km),
  "30分钟内" (内 alone is not read as a bound), Chinese numerals before a noun without a measure word (两大主题).
"""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from importlib import resources

import cn2an

from ..model import Quantity
from .regex import alternation, guarded, union
from .sentences import outside

__all__ = ["find_quantities", "find_dates", "parse_number"]

# --------------------------------------------------------------------------- lexicons (nlp/data/lexicon/*.txt)


def _rows(name: str) -> list[list[str]]:
    """Non-comment lines of a lexicon file, split on whitespace."""
    text = resources.files("nlp.data.lexicon").joinpath(name).read_text("utf-8")
    return [line.split() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


_MEASURE: dict[str, str] = {row[0]: row[1] for row in _rows("measure_words.txt")}
_ONE_BEFORE_NOUN = {row[0] for row in _rows("measure_words.txt") if row[2:] == ["one"]}
_BLOCKERS: list[str] = [row[0] for row in _rows("unit_blockers.txt")]
_IDIOMS: list[str] = [row[0] for row in _rows("number_idioms.txt")]
_NOT_UNIT: list[str] = [row[0] for row in _rows("not_unit_suffixes.txt")]
# word -> (position, bound, characters that must not come right before a "pre" word)
_APPROX: dict[str, tuple[str, str, str]] = {
    row[0]: (row[1], row[2], row[3] if len(row) > 3 else "") for row in _rows("approx_words.txt")
}
_HOTLINE: dict[str, list[str]] = {row[0].rstrip(":"): row[1:] for row in _rows("hotlines.txt")}

# --------------------------------------------------------------------------- regex pieces

_CN_DIGIT = "〇零一二两三四五六七八九"
_CN_ALL = _CN_DIGIT + "十百千万亿"
_CN_VALUES = {ch: i for i, ch in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_S = r"[ \t]*(?:\n[ \t]*){0,2}"  # spaces, and up to two line breaks (PDF text wraps "共 3\n\n项")
_AR = r"(?<![\d.])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?!\d)"
# a Chinese numeral starts with a digit or 十 (so 百姓, 千方百计, 万一 never start one)
_CN = rf"(?<![{_CN_ALL}])[{_CN_DIGIT}十][{_CN_ALL}]*(?:点[{_CN_DIGIT}]+)?"
_SCALE = r"(?:万亿|千万|百万|亿|万|千(?![米克瓦]))"
_SCALES = {"万": 4, "亿": 8, "千": 3, "百万": 6, "千万": 7, "万亿": 12}
_RANGE_SEP = r"[-~～—–－至到]"
_UNIT = alternation(_MEASURE)
_PRE, _MID, _POST = (alternation(w for w, (p, _, _) in _APPROX.items() if p == pos) for pos in ("pre", "mid", "post"))

_QTY_SOURCE = rf"""
    (?:(?P<pre>{_PRE}){_S})?
    (?:
        (?P<pct>百分之{_S}(?P<pnum>{_AR}|{_CN}|百))
      | (?P<n>(?P<num>{_AR}|{_CN})
           (?:(?:{_S}(?P<scale1>{_SCALE}))?(?:{_S}(?P<pct1>%))?{_S}(?P<sep>{_RANGE_SEP}){_S}(?P<num2>{_AR}|{_CN})
           (?={_S}(?:{_MID}{_S})?(?:{_SCALE}|{_UNIT}|成)))?)  # a range needs a measure word: 0546-8338125 is not one
    )
    (?:{_S}(?P<mid1>{_MID}))?
    (?:{_S}(?P<scale>{_SCALE}))?
    (?:{_S}(?P<mid2>{_MID}))?
    (?:{_S}(?P<unit>{_UNIT}|成))?
    (?:{_S}(?P<post>{_POST}))?
"""
_QTY = guarded(_QTY_SOURCE, re.X | re.A)
_BLOCKER = re.compile(alternation(_BLOCKERS))
_NOT_UNIT_AFTER = re.compile(_S + alternation(_NOT_UNIT))

_YEAR = r"(?:1[89]|20)\d{2}"
# 规划（2021-2035） is a span of years, 2000-3000 元 is a range of money
_NO_UNIT_AFTER = rf"(?![\d.])(?!{_S}(?:{_UNIT}|{_SCALE}|{_MID}))"
# One kind per named group; the first kind that matches at a position wins. Possessive runs (++, *+) where giving
# characters back could never lead to a match: a digit run is then scanned once, not once per shorter length.
_DATES = {
    "ymd": rf"(?<![\d.])(?P<y1>{_YEAR}){_S}年{_S}(?P<m1>\d{{1,2}}){_S}月(?:{_S}(?P<d1>\d{{1,2}}){_S}[日号])?",
    "dots": r"(?<![\d.])(?P<y2>" + _YEAR + r")(?P<sep2>[-./])(?P<m2>\d{1,2})(?P=sep2)(?P<d2>\d{1,2})(?![\d.])",
    "yrange": rf"(?<![\d.])(?P<y3>{_YEAR})(?={_S}{_RANGE_SEP}{_S}{_YEAR}(?:{_S}学?年|{_NO_UNIT_AFTER}))",
    "year": rf"(?<![\d.])(?P<y4>{_YEAR}){_S}学?年度?",
    "yend": rf"(?<=(?:19|20)\d\d[-~～—–－至到])(?P<y6>{_YEAR}){_NO_UNIT_AFTER}",
    "cyear": rf"(?<![{_CN_ALL}○])(?P<y5>[〇○零一二三四五六七八九]{{4}})年"
             r"(?:(?P<m5>[一二三四五六七八九十]{1,2})月(?:(?P<d5>[一二三四五六七八九十]{1,3})[日号])?)?",
    "cmd": rf"(?<![{_CN_ALL}])(?P<m9>[一二三四五六七八九十]{{1,2}})月(?P<d9>[一二三四五六七八九十]{{1,3}})[日号]",
    "mrange": rf"(?<![\d.])(?P<m6>\d{{1,2}}){_S}{_RANGE_SEP}{_S}(?=\d{{1,2}}{_S}月)",
    "md": rf"(?<![\d.])(?P<m7>\d{{1,2}}){_S}月(?:{_S}(?P<d7>\d{{1,2}}){_S}[日号])?(?:份)?",
    "day": rf"(?:(?<=[至到~～—–、和及-])|(?<=[至到~～—–、和及-][ ]))(?P<d8>\d{{1,2}}){_S}日(?![内前后以起])",
}
_YEAR_RE = re.compile(_YEAR, re.A)
_YEAR_ONLY = re.compile(rf"(?P<year>(?P<y4>{_YEAR}){_S}学?年度?)", re.A)  # what is left of "2019年13月"
_SERVICE = "|".join(_HOTLINE["numbers"])
_SERVICE_CONTEXT = alternation(_HOTLINE["context"])
_LABELS = alternation(  # labels before codes; PDF text may space them out ("邮 编：350400")
    "联系电话 咨询电话 监督电话 投诉电话 电话 传真 手机 邮编 邮政编码 热线 QQ qq 账号 编号 代码".split(), gap="[ \t]*"
)
_MASK_KINDS = {
    "url": r"(?:https?://|www\.)[A-Za-z0-9\-._~:/?#@!$&'*+,;=%]+",
    "email": r"[A-Za-z0-9._%+\-]++@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}",
    "ascii": r"[0-9_\-./]*+[A-Za-z][A-Za-z0-9_\-./]*",  # a run of these characters with a letter in it
    "docno": rf"[〔\[［【(（]{_S}{_YEAR}{_S}[〕\]］】)）]{_S}第?{_S}\d+{_S}号",
    "label": rf"{_LABELS}(?:号码)?{_S}(?:[:：]{_S}[\d()（）]+(?:[-—– ]+[\d()（）]+)*|\d{{7,}})",
    "phone": rf"(?<![\d.])(?:[(（]0\d{{2,3}}[)）]{_S}\d{{7,8}}|0\d{{2,3}}[-—–]\d{{7,8}}(?:[-—–]\d{{1,4}})?"
             rf"|400[-—–]?\d{{3}}[-—–]?\d{{4}}|1[3-9]\d{{9}}(?![\d.])(?!{_S}[元万亿]))(?!\d)",
    "time": r"(?<![\d.])\d{1,2}:\d{2}(?::\d{2})?(?!\d)",
    **_DATES,
    "hotline": rf"(?<![\d.])12\d{{3}}(?![\d.,]){_NO_UNIT_AFTER}",
    "service": rf"(?<![\d.])(?:{_SERVICE})(?![\d.])(?={_S}{_SERVICE_CONTEXT})",
    "ordinal": rf"第{_S}[（(]?{_S}(?:[{_CN_ALL}]+|\d+)",
    "enum": rf"(?<![{_CN_ALL}])[一二三四五六七八九十]{{1,3}}(?:是|要|、)",
    "bracket": rf"[（(【\[]{_S}(?:[{_CN_ALL}]+|\d{{1,3}}){_S}[）)】\]]",
    "listno": r"(?<![\d.])\d{1,2}[.、](?!\d)",
    # (?<!\d): no kind ends inside a digit run, so a fraction starts at its first digit; saves rescanning the run
    "fraction": rf"(?:[一二三四五六七八九十两]++|(?<!\d)\d++){_S}分之{_S}(?:[{_CN_ALL}]+|\d+(?:\.\d+)?)",
    "page": r"(?<![^\n \t])[—–-]+[ \t]*\d{1,4}[ \t]*[—–-]+(?=[ \t]*(?:\n|$))",
    "idiom": rf"(?<![{_CN_ALL}\d]){alternation(_IDIOMS, gap=_S)}(?!钟)",
}
_MASK = union(_MASK_KINDS)
_MASK_CHAR = "\x00"

# --------------------------------------------------------------------------- numbers


@lru_cache(maxsize=4096)
def _cn2an(s: str) -> Decimal | None:
    """cn2an on an isolated Chinese numeral; None when cn2an rejects it."""
    try:
        result = cn2an.cn2an(s, "normal")
    except Exception:  # cn2an signals bad input with assorted exception types; a rejection is all we need
        return None
    return Decimal(str(result))


def _cn_number(s: str) -> Decimal | None:
    """A Chinese numeral as a count: digit-by-digit strings (二二, 一九) are names or years, not counts."""
    if len(s) > 1 and not any(ch in "十百千万亿点" for ch in s):
        return None
    return _cn2an(s)


_AR_FULL = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?", re.A)


def parse_number(s: str) -> Decimal | None:
    """A bare numeral → Decimal: "1,234", "-3", "96.17", "3.3万", "一百二十三", "二〇一八", "九十八点五", "两千".

    Returns None for anything else (units, words, empty). Chinese numerals go through cn2an.
    """
    s = unicodedata.normalize("NFKC", s).strip()
    if not s:
        return None
    scale = 0
    for word, exponent in sorted(_SCALES.items(), key=lambda kv: -len(kv[0])):
        if s.endswith(word) and len(s) > len(word) and s[-len(word) - 1].isdigit():
            s, scale = s[: -len(word)].rstrip(), exponent
            break
    if _AR_FULL.fullmatch(s):
        try:
            return _tidy(Decimal(s.replace(",", "")).scaleb(scale))
        except InvalidOperation:
            return None
    if scale == 0 and all(ch in _CN_ALL + "点" for ch in s):
        value = _cn2an(s)
        return None if value is None else _tidy(value)
    return None


def _tidy(value: Decimal) -> Decimal:
    """Integral values without exponent or trailing zeros (33000, not 3.30E+4); others normalised (95.5)."""
    if value == value.to_integral_value():
        return Decimal(int(value))
    return value.normalize()


def _decimals(numeral: str) -> int:
    for mark in (".", "点"):
        if mark in numeral:
            return len(numeral) - numeral.index(mark) - 1
    return 0


class _Num:
    """One printed numeral: its value, how many decimals it shows, and a scale word it carries (八万 → 8, 万)."""

    __slots__ = ("value", "decimals", "scale", "chinese")

    def __init__(self, value: Decimal, decimals: int, scale: str | None, chinese: bool):
        self.value, self.decimals, self.scale, self.chinese = value, decimals, scale, chinese


def _read_numeral(s: str) -> _Num | None:
    if s[0].isdigit():
        return _Num(Decimal(s.replace(",", "")), _decimals(s), None, False)
    if s == "百":  # 百分之百
        return _Num(Decimal(100), 0, None, True)
    # a numeral ending in a scale word is "mantissa + scale", like Arabic 8 万 (rounded to the printed digits)
    if len(s) > 1 and s[-1] in "万亿" and not any(ch in "万亿" for ch in s[:-1]):
        mantissa = _cn_number(s[:-1])
        if mantissa is not None:
            return _Num(mantissa, _decimals(s[:-1]), s[-1], True)
    value = _cn_number(s)
    return None if value is None else _Num(value, _decimals(s), None, True)


def _pair(s: str) -> tuple[Decimal, Decimal] | None:
    """三四 / 两三 / 一两 — two neighbouring digits mean "three or four", a range."""
    if len(s) == 2 and s[0] in _CN_VALUES and s[1] in _CN_VALUES:
        a, b = _CN_VALUES[s[0]], _CN_VALUES[s[1]]
        if b == a + 1 and a > 0:
            return Decimal(a), Decimal(b)
    return None


# --------------------------------------------------------------------------- masking and dates


def _masked(text: str, skip: tuple[tuple[int, int], ...] = ()) -> tuple[str, tuple[re.Match, ...]]:
    """The text with every non-quantity span outside ``skip`` overwritten (same length), and the date matches."""
    return _masked_parts(text, tuple(outside(skip, len(text))))


@lru_cache(maxsize=4)  # find_quantities and find_dates on the same text and tables share one masking pass
def _masked_parts(text: str, parts: tuple[tuple[int, int], ...]) -> tuple[str, tuple[re.Match, ...]]:
    spans, dates = [], []
    for a, b in parts:  # a table is not read: nothing is found in it and nothing runs into it
        pos = a
        while pos is not None:
            resume, pos = pos, None
            for m in _MASK.finditer(text, resume, b):
                if m.lastgroup in _DATES and _date_value(m) is None:
                    # "2019年13月": keep the year if there is one, and read the rest again (or from the next character)
                    year = _YEAR_ONLY.match(text, m.start(), b)
                    if year is not None:
                        dates.append(year)
                        spans.append(year.span())
                    pos = m.start() + 1 if year is None else year.end()
                    break
                if m.lastgroup in _DATES:
                    dates.append(m)
                spans.append(m.span())
    if not spans:
        return text, tuple(dates)
    pieces, last = [], 0
    for start, end in spans:
        pieces.append(text[last:start])
        pieces.append(_MASK_CHAR * (end - start))
        last = end
    pieces.append(text[last:])
    return "".join(pieces), tuple(dates)


def _date_value(m: re.Match) -> str | None:
    """ISO form of a date match: 2019-01-31, 2019-01, 2019, --01-31 (no year), --01 (month), ---31 (day)."""
    g = m.groupdict().get
    kind = m.lastgroup
    if kind in ("ymd", "dots"):
        i = "1" if kind == "ymd" else "2"
        return _iso(g("y" + i), g("m" + i), g("d" + i))
    if kind in ("yrange", "yend", "year"):
        return g("y3") or g("y6") or g("y4")
    if kind in ("cyear", "cmd"):
        names = ("y5", "m5", "d5") if kind == "cyear" else (None, "m9", "d9")
        printed = [g(name) if name else None for name in names]
        # 二○一二年: the white circle ○ stands in for 〇 in many older reports
        values = [p and _cn2an(p.replace("○", "〇")) for p in printed]
        if any(p and v is None for p, v in zip(printed, values)):
            return None
        return _iso(*(v if v is None else str(v) for v in values))
    if kind in ("mrange", "md"):
        return _iso(None, g("m6") or g("m7"), g("d7"))
    if kind == "day":
        day = int(g("d8"))
        return f"---{day:02d}" if 1 <= day <= 31 else None
    return None


def _iso(year: str | None, month: str | None, day: str | None) -> str | None:
    if month is not None and not 1 <= int(month) <= 12:
        return None
    if day is not None and not 1 <= int(day) <= 31:
        return None
    parts = [year or "-"]
    if month is not None:
        parts.append(f"{int(month):02d}")
    if day is not None:
        parts.append(f"{int(day):02d}")
    return "-".join(parts)


def find_dates(text: str, skip: tuple[tuple[int, int], ...] = ()) -> list[tuple[int, int, str]]:
    """Dates and years in the text (outside the ``skip`` spans) as (start, end, value), in order; these are never
    quantities.

    ``value`` is ISO 8601 where it can be: "2019-01-31", "2019-01", "2019" (a year or 年度), "--01-11" (month and
    day, no year), "--01" (a month), "---31" (a day after 至/到/-: "1月1日至31日"). Year ranges (2019-2020学年) give
    one entry per year. Spans may include inner spaces ("2019 年 1 月 31 日").
    """
    out = []
    for m in _masked(text, skip)[1]:
        value = _date_value(m)
        if value is not None:
            start = m.start("d8") if m.lastgroup == "day" else m.start()
            end = m.end("m6") if m.lastgroup == "mrange" else m.end()
            out.append((start, end, value))
    return out


# --------------------------------------------------------------------------- quantities


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or ch == "〇"


def _last_end(m: re.Match, names: tuple[str, ...]) -> int:
    """End of the last of ``names`` that matched (the span when later parts are dropped)."""
    return max(m.end(name) for name in names if m.start(name) >= 0)


def _bounds(value: Decimal, half: Decimal | None, bound: str | None) -> tuple[Decimal | None, Decimal | None]:
    if bound == "lower":
        return value, None
    if bound == "upper":
        return None, value
    if bound == "open":
        return None, None
    if half is None:
        return value, value
    return _tidy(value - half), _tidy(value + half)


def _quantity(m: re.Match, text: str) -> Quantity | None:
    """Decide on one regex match: drop the parts the context rules out, compute value, unit, kind and bounds."""
    g = m.group
    start, end = m.start(), m.end()
    pre = g("pre")
    if pre and m.start() > 0 and text[m.start() - 1] in _APPROX[pre][2]:  # 最近 3 天, 预约 5 次: not approximate
        pre, start = None, m.start("pct" if g("pct") else "n")

    unit, post, mids = g("unit"), g("post"), [w for w in (g("mid1"), g("mid2")) if w]
    if unit:
        blocked = _BLOCKER.match(text, m.start("unit"))
        if blocked and blocked.end() - m.start("unit") > len(unit):  # 3 条例, 六部分, 四成员
            unit, post = None, None
            end = _last_end(m, ("pct", "n", "mid1", "scale", "mid2"))
    if "多" in mids and not unit and not g("scale"):  # 多 is an approximation only before a measure word
        return None
    numeral = g("pnum") or g("num")
    chinese = not numeral[0].isdigit()

    # --- when is it not a quantity at all
    if g("pct") is None:
        if chinese and not unit:
            return None  # a bare Chinese numeral (一步, 十三五, 二十大)
        if chinese and unit == "年":
            return None  # 三年行动计划, 一年来: names; Chinese years are dates
        if numeral in ("一", "零") and not g("sep") and not _lone_one_counts(text, start, end, unit):
            return None  # 一个受委托银行, 一期工程, “一窗、一次”: 一 is an article or part of a slogan here
        if not unit and not g("scale") and not g("sep"):
            if _NOT_UNIT_AFTER.match(text, m.end("n")):
                return None  # 122 号, 10 楼, 70 后
            if _YEAR_RE.fullmatch(numeral) and not (pre or mids or post):
                return None  # a year printed without 年 (table headers, titles); "超 2000" is still a count

    return _build(m, text, start, end, pre, mids, unit, post, numeral)


def _lone_one_counts(text: str, start: int, end: int, unit: str) -> bool:
    """一次 / 零件 count only as a complement: after a word ("会议一次") and before punctuation or the end.

    Measure words marked "one" in measure_words.txt (名) count before a noun too ("明确一名分管领导").
    """
    after_ok = unit in _ONE_BEFORE_NOUN or end >= len(text) or not (_is_cjk(text[end]) or text[end].isalnum())
    return after_ok and start > 0 and _is_cjk(text[start - 1])


def _build(m, text, start, end, pre, mids, unit, post, numeral) -> Quantity | None:
    g = m.group
    pair = _pair(numeral) if not numeral[0].isdigit() else None
    first = _Num(pair[0], 0, None, True) if pair else _read_numeral(numeral)
    if first is None:
        return None
    scale = g("scale") or first.scale or g("scale1")
    kind = _MEASURE.get(unit, "count") if unit else "count"
    factor = Decimal(1).scaleb(_SCALES[scale]) if scale else Decimal(1)
    rounded = scale is not None

    out_unit = unit
    if g("pct") is not None or unit == "%" or g("pct1"):
        kind, out_unit, rounded = "percent", "%", True
    elif unit == "成":
        kind, out_unit, rounded, factor = "percent", "%", True, Decimal(10)
    if kind == "money":  # kept in the printed unit: 2.5亿元 is 2.5 亿元
        out_unit, factor = (scale or "") + unit, Decimal(1)

    value = _tidy(first.value * factor)
    half = Decimal(1).scaleb(-first.decimals) * factor / 2 if rounded else None

    # --- ranges: 3-5 个, 三至五个, 三四个
    high_end = None
    if pair:
        high_end = pair[1] * factor
    elif g("num2"):
        second = _read_numeral(g("num2"))
        if second is None or second.chinese != first.chinese:
            return None
        second_factor = Decimal(1).scaleb(_SCALES[second.scale]) if second.scale and kind != "money" else factor
        high_end = second.value * second_factor
    if high_end is not None:
        if high_end <= value:
            return None
        return Quantity(text[start:end], start, end, value, out_unit, kind, "范围", value, _tidy(high_end))

    approx = pre or (mids[0] if mids else None) or post
    bound = _APPROX[approx][1] if approx else None
    low, high = _bounds(value, half, bound)
    return Quantity(text[start:end], start, end, value, out_unit, kind, approx, low, high)


def find_quantities(text: str, skip: tuple[tuple[int, int], ...] = ()) -> list[Quantity]:
    """Every quantity in running Chinese text, in order and non-overlapping (conventions: see the module doc).

    Text inside the ``skip`` spans (tables) is not read, and a quantity does not run into
    one: deciding on each of a table's numbers costs more than the rest of the text.
    """
    masked, _ = _masked(text, skip)
    out = []
    for a, b in outside(skip, len(text)):
        for m in _QTY.finditer(masked, a, b):
            quantity = _quantity(m, text)
            if quantity is not None:
                out.append(quantity)
    return out

