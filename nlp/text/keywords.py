"""Keywords of a report: TF-IDF against the corpus, and jieba's TextRank.

    >>> from nlp.text.keywords import keywords
    >>> [k["term"] for k in keywords(text, k=5)]          # TF-IDF with the shipped corpus IDF (fast, no refit)
    >>> keywords(text, k=10, method="textrank")            # jieba.analyse TextRank (part-of-speech tagging: slow)

**TF-IDF.** Terms are our segmentation's tokens (``nlp.text.segment.cut``: jieba, HMM off, domain dictionary) minus
single characters, numbers, numeral words (一是, 两个) and the boilerplate stop list
``nlp/data/lexicon/keyword_stopwords.txt``. The IDF was fitted once with scikit-learn's ``TfidfVectorizer`` on the
reports in corpus/ and saved with its vocabulary as ``nlp/data/lexicon/idf_corpus.json``, so extracting keywords
from one report needs neither a refit nor scikit-learn: score = (1 + ln tf) × idf, exactly what
``TfidfVectorizer(sublinear_tf=True, smooth_idf=True, norm=None).transform`` gives for terms in the vocabulary
(tests check it). A term the corpus never had gets the IDF of a document frequency of 0 (``default_idf``): it is
distinctive by definition.

Refit after changing the corpus, the domain dictionary or the stop list::

    python -m nlp.text.keywords --fit corpus/            # writes nlp/data/lexicon/idf_corpus.json
    python -m nlp.text.keywords --fit DIR --out FILE     # another corpus, another file

**TextRank.** ``jieba.analyse.TextRank`` on our tokenizer (so the domain dictionary applies), with the stop list
added and nouns, place and organisation names, verbal nouns and other proper nouns kept (ns n vn nt nz; no plain
verbs: they are mostly boilerplate). It tags parts of speech with jieba.posseg (~30 k characters/s), so it is not
part of ``nlp.read``; call it when you want it.
"""
from __future__ import annotations

import argparse
import json
import math
import re
import sys
import warnings
from collections import Counter
from functools import cache, lru_cache
from heapq import nsmallest
from importlib import resources
from pathlib import Path

from . import segment

__all__ = ["keywords", "tfidf", "textrank", "terms", "tokenizer", "stopwords", "idf_table", "fit", "METHODS"]

METHODS = ("tfidf", "textrank", "both")
IDF_FILE = "idf_corpus.json"
TEXTRANK_POS = ("ns", "n", "vn", "nt", "nz")
_CJK = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")
_NUMERAL_START = re.compile("[0-9〇零一二两三四五六七八九十百千万亿第]")


# --------------------------------------------------------------------------- terms


@cache
def stopwords() -> frozenset[str]:
    text = resources.files("nlp.data.lexicon").joinpath("keyword_stopwords.txt").read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1 << 16)
def is_term(token: str) -> bool:
    """A token that can be a keyword: two characters or more, Chinese, not boilerplate, and not a number or a
    numeral word (一是, 万条, 二月, 第一) unless the domain dictionary has it (一次办好, 12345热线)."""
    if len(token) < 2 or token in stopwords() or _CJK.search(token) is None:
        return False
    return not _NUMERAL_START.match(token) or token in _domain_words()


@cache
def _domain_words() -> frozenset[str]:
    return frozenset(w.word for w in segment.user_words())


def terms(tokens: list[str]) -> list[str]:
    return [t for t in tokens if is_term(t)]


def tokenizer(text: str) -> list[str]:
    """The tokenizer the IDF was fitted with (pass it to ``TfidfVectorizer(tokenizer=…)``)."""
    return terms(segment.cut(text))


# --------------------------------------------------------------------------- TF-IDF with the corpus IDF


@cache
def idf_table(path: str | None = None) -> dict:
    """The fitted IDF (``idf_corpus.json`` shipped with xxgk, or ``path``)."""
    if path is None:
        text = resources.files("nlp.data.lexicon").joinpath(IDF_FILE).read_text("utf-8")
    else:
        text = Path(path).read_text("utf-8")
    return json.loads(text)


def tfidf(text: str | None = None, k: int = 20, tokens: list[str] | None = None) -> list[dict]:
    """The ``k`` terms with the highest (1 + ln tf) × idf; pass ``tokens`` (from ``segment.cut``) to skip cutting."""
    counts = Counter(segment.cut(text) if tokens is None else tokens)  # count first: far fewer distinct tokens
    weights = _weights(counts)
    scored = [(-(1.0 + math.log(n)) * w, term) for term, n in counts.items() if (w := weights[term])]
    return [{"term": term, "score": round(-score, 4), "method": "tfidf"} for score, term in nsmallest(k, scored)]


_WEIGHTS: dict[str, float] = {}  # token → its IDF if it is a term, else 0.0: one plain lookup per token
_WEIGHTS_MAX = 1 << 18  # a long scan meets ever new numbers and names: start afresh past this many


def _weights(tokens) -> dict[str, float]:
    """``_WEIGHTS`` with every one of ``tokens`` in it."""
    missing = [t for t in tokens if t not in _WEIGHTS]
    if missing:
        if len(_WEIGHTS) + len(missing) > _WEIGHTS_MAX:
            _WEIGHTS.clear()
            missing = list(tokens)
        table = idf_table()
        idf, default = table["idf"], table["default_idf"]
        _WEIGHTS.update((t, idf.get(t, default) if is_term(t) else 0.0) for t in missing)
    return _WEIGHTS


# --------------------------------------------------------------------------- TextRank (jieba.analyse)


@cache
def _textrank_engine():
    jieba = segment.import_jieba()
    with warnings.catch_warnings():
        # jieba.analyse builds a default TF-IDF at import that reads its idf.txt with open(…).read() and never
        # closes the file; CPython closes it at once, with a ResourceWarning that is not ours to fix.
        warnings.simplefilter("ignore", ResourceWarning)
        import jieba.analyse
        import jieba.posseg
    engine = jieba.analyse.TextRank()
    engine.tokenizer = engine.postokenizer = jieba.posseg.POSTokenizer(segment.jieba_tokenizer())
    engine.stop_words = set(engine.stop_words) | stopwords()
    return engine


def textrank(text: str, k: int = 20) -> list[dict]:
    """jieba's TextRank over nouns and names (see the module doc); scores are jieba's (the best is 1.0)."""
    ranked = _textrank_engine().textrank(text, topK=k * 2, withWeight=True, allowPOS=TEXTRANK_POS)
    out = [{"term": term, "score": round(score, 4), "method": "textrank"} for term, score in ranked if is_term(term)]
    return out[:k]


# --------------------------------------------------------------------------- API


def keywords(text: str, k: int = 20, method: str = "tfidf", tokens: list[str] | None = None) -> list[dict]:
    """Keywords of ``text`` as dicts (term, score, method): ``tfidf`` (default, fast), ``textrank`` or ``both``."""
    if method not in METHODS:
        raise ValueError(f"[xxgk] unknown keyword method {method!r}: use one of {', '.join(METHODS)}")
    out = []
    if method in ("tfidf", "both"):
        out += tfidf(text, k, tokens)
    if method in ("textrank", "both"):
        out += textrank(text, k)
    return out


# --------------------------------------------------------------------------- fitting (scikit-learn)


def _corpus_texts(folder: Path) -> dict[str, str]:
    from ..ingest import SUPPORTED, ingest

    return {p.name: ingest(p).text for p in sorted(folder.iterdir()) if p.suffix.lower() in SUPPORTED}


def fit(texts: dict[str, str]) -> dict:
    """Fit scikit-learn's TfidfVectorizer (our tokenizer) on ``texts`` (name → text); the table to save."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(tokenizer=tokenizer, token_pattern=None, lowercase=False, sublinear_tf=True,
                                 smooth_idf=True, norm=None)
    vectorizer.fit(list(texts.values()))
    n = len(texts)
    idf = dict(zip(vectorizer.get_feature_names_out().tolist(), vectorizer.idf_.tolist()))
    return {
        "schema": "xxgk.idf/1",
        "documents": n,
        "files": sorted(texts),
        "tokenizer": "nlp.text.keywords.tokenizer (jieba, HMM off, domain dictionary; stop list applied)",
        "vectorizer": "TfidfVectorizer(sublinear_tf=True, smooth_idf=True, norm=None)",
        "default_idf": round(math.log((1 + n) / 1) + 1, 6),  # smooth idf of a term in no document
        "idf": {term: round(value, 6) for term, value in sorted(idf.items())},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m nlp.text.keywords", description="Fit the corpus IDF.")
    parser.add_argument("--fit", type=Path, required=True, metavar="DIR",
                        help="folder of reports (txt md html pdf docx)")
    parser.add_argument("--out", type=Path, default=None, help=f"output file (default: nlp/data/lexicon/{IDF_FILE})")
    args = parser.parse_args(argv)
    out = args.out or Path(str(resources.files("nlp.data.lexicon").joinpath(IDF_FILE)))
    texts = _corpus_texts(args.fit)
    if not texts:
        parser.error(f"no reports in {args.fit}")
    table = fit(texts)
    table["files"] = [f"{args.fit.name}/{name}" for name in table["files"]]
    out.write_text(json.dumps(table, ensure_ascii=False, indent=0) + "\n", "utf-8")
    print(f"{out}: {len(table['idf'])} terms from {table['documents']} reports")
    return 0


if __name__ == "__main__":
    sys.exit(main())
