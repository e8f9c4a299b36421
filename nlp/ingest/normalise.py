"""Text normalisation shared by every reader.

Only what cannot change a value: full-width ASCII (digits, letters, %, +, -, @ …) becomes ASCII one character for
one character, Kangxi radicals become the ideographs they stand for (⼀ → 一), exotic spaces become plain spaces,
invisible characters go. Chinese punctuation is kept as printed,
so quotes in findings read like the source.
"""
from __future__ import annotations

import re
import unicodedata

# U+FF01..U+FF5E are the full-width forms of U+0021..U+007E; U+3000 is the ideographic space.
_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF10, 0xFF1A)}  # ０-９
_WIDTH.update({cp: cp - 0xFEE0 for cp in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ
_WIDTH.update({cp: cp - 0xFEE0 for cp in range(0xFF41, 0xFF5B)})  # ａ-ｚ
_WIDTH.update({ord(c): ord(c) - 0xFEE0 for c in "％＋－．＠＿／"})
_WIDTH.update({0x3000: 0x20, 0x00A0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x2009: 0x20})
_INVISIBLE = dict.fromkeys([0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD])
# Kangxi radicals (U+2F00..U+2FD5), and the two CJK radicals with a compatibility form (⺟, ⻟), that PDF exporters
# (WPS above all) put in the text layer instead of the ideograph they look like: "⼀" for 一, "⼈" for 人. Each
# stands for exactly one ideograph, which is what a reader sees.
_RADICALS = {cp: ord(unicodedata.normalize("NFKC", chr(cp))) for cp in [*range(0x2F00, 0x2FD6), *range(0x2E80, 0x2EF4)]
             if len(unicodedata.normalize("NFKC", chr(cp))) == 1 and unicodedata.normalize("NFKC", chr(cp)) != chr(cp)}
_TABLE = {**_WIDTH, **_INVISIBLE, **_RADICALS}

_CRLF = re.compile(r"\r\n?")


def normalise(text: str) -> str:
    """Normalise widths, spaces, invisible characters and line ends (see module doc)."""
    return _CRLF.sub("\n", text).translate(_TABLE)


def decode(data: bytes, declared: str | None = None) -> str:
    """Decode bytes as UTF-8 (with or without BOM), else the declared charset, else GB18030 (a superset of GBK)."""
    for encoding in ("utf-8-sig", declared):
        if not encoding:
            continue
        if encoding.lower().replace("-", "") in ("gbk", "gb2312"):
            encoding = "gb18030"
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("gb18030")  # strict: raises UnicodeDecodeError when it is not Chinese text either
