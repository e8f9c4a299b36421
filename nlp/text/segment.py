"""Word segmentation: jieba with the domain dictionary, or rjieba as a faster engine that gives the same tokens.

    >>> from nlp.text.segment import cut, tokenize
    >>> cut("依申请公开的政府信息")
    ['依申请公开', '的', '政府信息']
    >>> tokenize("12345 政务服务热线")
    [Token(text='12345政务服务热线', start=0, end=12)]

Decisions:

* **One dictionary, loaded once per process, into our own tokenizer.** jieba's default dictionary plus
  ``nlp/data/lexicon/jieba_user.txt`` and the names of ``entity_patterns.jsonl`` (agencies, regions). The words go
  into a private ``jieba.Tokenizer`` (and ``rjieba.Jieba``), never into the global ``jieba.dt``, so other users of
  jieba in the process are not affected. Loading costs ~0.7 s (jieba) or ~0.1 s (rjieba), the first time only.
* **HMM off by default.** jieba's HMM guesses unknown words; with it off, jieba and rjieba give identical tokens
  (``tests/test_text_pipeline.py`` checks it on every report in corpus/), and the domain dictionary decides.
* **Spaces and line wraps are taken out before cutting**: spaces between a digit and a Chinese character
  ("12345 政务服务热线", "2018 年", "共 3 件") and a single line break between two Chinese characters (text from
  PDFs wraps lines inside words: "行政复\\n议"). ``tokenize`` maps every token back to the original text: ``start``
  and ``end`` are offsets in the text as given, so ``text[start:end]`` may contain the removed space; ``text`` is
  the token as it was cut.
* **Engine selection**: the ``segmenter`` argument, else the ``XXGK_SEGMENTER`` environment variable, else
  ``"jieba"`` (the reference). ``"rjieba"`` is ~20× faster; it is an optional package (``pip install rjieba``).
"""
from __future__ import annotations

import json
import logging
import os
import re
import warnings
from functools import cache
from importlib import resources
from typing import Callable, NamedTuple

__all__ = ["SEGMENTERS", "ENV_VAR", "Token", "cut", "tokenize", "normalise", "resolve", "user_words", "import_jieba",
           "jieba_tokenizer", "rjieba_tokenizer"]

SEGMENTERS = ("jieba", "rjieba")
ENV_VAR = "XXGK_SEGMENTER"
_TAGS = {"AGENCY": "nt", "REGION": "ns", "HOTLINE": "nz"}  # entity label → jieba part-of-speech tag
# jieba cuts runs of these characters only (its re_han_default): a name with other characters (中国（上海）…) can never
# be one token, so it is not added
_CUTTABLE = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]+")

_CJK = "\u3400-\u4dbf\u4e00-\u9fff"
# spaces between digits and Chinese, and line wraps inside Chinese. Every branch starts with the space or line break
# itself (the lookbehind comes after it) so that the engine scans for those two characters only.
_JOIN = re.compile(rf" (?<=[0-9] ) *(?=[{_CJK}])"     # 3 件
                   rf"| (?<=[{_CJK}] ) *(?=[0-9])"    # 共 3
                   rf"| (?<=[{_CJK}] ) *\n *(?=[{_CJK}])|\n(?<=[{_CJK}]\n) *(?=[{_CJK}])")  # 政府\n信息


class Token(NamedTuple):
    text: str  # as cut (spaces and wraps taken out)
    start: int  # offsets in the original text
    end: int


class UserWord(NamedTuple):
    word: str
    freq: int | None
    tag: str | None


# --------------------------------------------------------------------------- the dictionary


def _lexicon(name: str) -> str:
    return resources.files("nlp.data.lexicon").joinpath(name).read_text("utf-8")


@cache
def user_words() -> tuple[UserWord, ...]:
    """The domain dictionary: jieba_user.txt, then the names of entity_patterns.jsonl (duplicates once)."""
    words: dict[str, UserWord] = {}
    for line in _lexicon("jieba_user.txt").splitlines():
        parts = line.split()
        if not parts or parts[0].startswith("#"):
            continue
        freq = next((int(p) for p in parts[1:] if p.isdigit()), None)
        tag = next((p for p in parts[1:] if not p.isdigit()), None)
        words.setdefault(parts[0], UserWord(parts[0], freq, tag))
    for line in _lexicon("entity_patterns.jsonl").splitlines():
        if line.strip():
            pattern = json.loads(line)
            if isinstance(pattern["pattern"], str) and _CUTTABLE.fullmatch(pattern["pattern"]):
                words.setdefault(pattern["pattern"], UserWord(pattern["pattern"], None, _TAGS.get(pattern["label"])))
    return tuple(words.values())


# --------------------------------------------------------------------------- engines (loaded once, lazily)


def import_jieba():
    """``import jieba`` quietly: no pkg_resources deprecation warning, no INFO lines on stderr."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)
        warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=DeprecationWarning)
        warnings.filterwarnings("ignore", message="Deprecated call to `pkg_resources", category=DeprecationWarning)
        import jieba
    jieba.setLogLevel(logging.WARNING)
    return jieba


@cache
def jieba_tokenizer():
    """Our ``jieba.Tokenizer`` with the domain dictionary (jieba's own cache file speeds up later processes)."""
    jieba = import_jieba()
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for word in user_words():
        tokenizer.add_word(word.word, word.freq, word.tag)
    return tokenizer


@cache
def rjieba_tokenizer():
    """Our ``rjieba.Jieba`` with the same words, frequencies and tags (same suggest_freq rule as jieba)."""
    try:
        import rjieba
    except ImportError as exc:  # optional engine
        raise ImportError(
            "[xxgk] the rjieba segmenter needs the rjieba package: pip install rjieba "
            f"(or use segmenter='jieba' / unset {ENV_VAR})"
        ) from exc
    tokenizer = rjieba.Jieba()
    for word in user_words():
        tokenizer.add_word(word.word, word.freq, word.tag)
    return tokenizer


def resolve(segmenter: str | None = None) -> str:
    """The engine to use: the argument, else $XXGK_SEGMENTER, else "jieba"."""
    name = (segmenter or os.environ.get(ENV_VAR) or "jieba").strip().lower()
    if name not in SEGMENTERS:
        raise ValueError(f"[xxgk] unknown segmenter {name!r}: use one of {', '.join(SEGMENTERS)} "
                         f"(argument segmenter= or environment variable {ENV_VAR})")
    return name


def _engine(segmenter: str | None, hmm: bool) -> Callable[[str], list[str]]:
    if resolve(segmenter) == "rjieba":
        rj = rjieba_tokenizer()
        return lambda text: rj.cut(text, hmm)
    jb = jieba_tokenizer()
    return lambda text: jb.lcut(text, HMM=hmm)


# --------------------------------------------------------------------------- normalisation with an offset map


def normalise(text: str) -> tuple[str, list[int], list[int]]:
    """The text as cut, and where characters were taken out.

    Returns ``(cut_text, positions, removed)``: ``positions[i]`` is the index in ``cut_text`` of the first
    character after the i-th removal, ``removed[i]`` the number of characters removed up to and including it.
    """
    positions: list[int] = []
    removed: list[int] = []
    total = 0
    pieces: list[str] = []
    last = 0
    for m in _JOIN.finditer(text):
        pieces.append(text[last:m.start()])
        total += m.end() - m.start()
        positions.append(m.end() - total)
        removed.append(total)
        last = m.end()
    if not positions:
        return text, positions, removed
    pieces.append(text[last:])
    return "".join(pieces), positions, removed


# --------------------------------------------------------------------------- API


def cut(text: str, segmenter: str | None = None, hmm: bool = False) -> list[str]:
    """The tokens of ``text`` (as cut: spaces between digits and Chinese and line wraps taken out)."""
    return _engine(segmenter, hmm)(normalise(text)[0])


def tokenize(text: str, segmenter: str | None = None, hmm: bool = False) -> list[Token]:
    """Tokens with their offsets in ``text`` (``text[start:end]`` is the token as printed, spaces included)."""
    cut_text, positions, removed = normalise(text)
    words = _engine(segmenter, hmm)(cut_text)
    out = []
    at = 0
    if not positions:
        for word in words:
            out.append(Token(word, at, at + len(word)))
            at += len(word)
        return out
    i, n, shift = 0, len(positions), 0  # removals before the current token, walked once
    for word in words:
        last = at + len(word) - 1
        while i < n and positions[i] <= at:
            shift = removed[i]
            i += 1
        start = at + shift
        while i < n and positions[i] <= last:  # removals inside the token ("12345 政务服务热线")
            shift = removed[i]
            i += 1
        out.append(Token(word, start, last + shift + 1))
        at = last + 1
    return out
