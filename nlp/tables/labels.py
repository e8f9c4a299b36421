"""Printed row labels → template rows, tolerant of numbering, spaces, punctuation and small typos."""
from __future__ import annotations

import re
from difflib import SequenceMatcher

# numbering printed before a label: 一、 （一） (一) 1. 1、 ① 其中：
_NUMBERING = re.compile(
    r"^\s*(?:其中\s*[:：]?\s*)?"
    r"(?:[（(]\s*[一二三四五六七八九十\d]+\s*[）)]|[一二三四五六七八九十]+\s*[、.．]|\d+\s*[.、．]|[①-⑳])?"
    r"\s*(?:其中\s*[:：]?)?\s*"
)
_NOISE = re.compile(r"[\s　:：,，、。.．;；\"“”'‘’]")
_BRACKETS = str.maketrans({"（": "(", "）": ")", "《": "<", "》": ">", "〔": "[", "〕": "]"})


def clean_label(label: str) -> str:
    """The comparable core of a label: numbering, spaces and punctuation removed, brackets unified."""
    return _NOISE.sub("", _NUMBERING.sub("", label, count=1)).translate(_BRACKETS)


def similarity(printed: str, template_label: str) -> float:
    """1.0 for the same core; a containment of a long core scores 0.9; otherwise difflib's ratio."""
    a, b = clean_label(printed), clean_label(template_label)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    if len(b) >= 6 and (a.startswith(b) or b.startswith(a)) and min(len(a), len(b)) >= 6:
        return 0.9
    return SequenceMatcher(None, a, b, autojunk=False).ratio()
