"""Text reuse: near-duplicate passages across the years of one agency and across agencies (MinHash + LSH).

**Passages.** The paragraphs of ``Corpus.paragraphs`` that are running text: rows read as part of a table
(``in_table``) are skipped, and so are paragraphs shorter than ``MIN_CHARS`` (30) characters (headings, "本年度无收费"
lines), which every report shares by the template.

**Comparison form.** Whitespace is dropped and every digit becomes ``#``: a passage whose words are reused with this
year's figures ("2024年…共收到申请218件" → "2025年…共收到申请154件") is reuse. Characters are counted in this form.

**Near-duplicates.** Reports rarely copy a paragraph whole: they keep some sentences and rewrite others. So the
unit compared is the sentence (cut after 。！？；, shorter than ``MIN_UNIT_CHARS`` = 20 characters joined to the
next; longer than ``MAX_UNIT_CHARS`` = 300 cut in windows). Each unit is a set of character ``K``-shingles (K = 5),
sketched with ``datasketch.MinHash`` (128 permutations, seed 1, scheme affine32: deterministic); ``MinHashLSH`` at a
Jaccard threshold of ``LSH_THRESHOLD`` (0.3) proposes candidate pairs, and a pair is kept when the exact Jaccard
similarity of the two shingle sets is ≥ ``MIN_JACCARD`` (0.5), or the shorter unit lies mostly inside the longer
one (containment ≥ ``MIN_CONTAINMENT``, 0.8). Passage pairs (paragraph beside paragraph) are the paragraphs holding
at least one kept unit pair; their ``jaccard`` is that of the whole paragraphs.

**Reused characters.** In a kept unit pair (u, v), a character of u is reused from v when a shingle of u covering
it also occurs in v. The reused characters of report A from report B are the union over all kept pairs between
them; ``share = reused characters / characters of A's passages`` (``pairs``: ``share_a``, ``share_b``). Per report
(``reports``): ``reuse_share`` counts the characters found in a report of the same or an earlier year (text that
was already there: the later report is the one that repeats), ``shared_share`` those found in any other report.
Both leave out the other files of the same agency and year (``same_year``: the crawled text and the HTML page of
one report, or a revised version), which are listed as ``copies``. ``prev_share``: the share reused from the
agency's previous report (its closest earlier year).

**Relations** (agency keys from ``nlp.corpus.identity``): ``cross_year`` (same agency, other year), ``same_year``
(same agency and year: another file of the same report), ``cross_agency``.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

K = 5
NUM_PERM = 128
SEED = 1
SCHEME = "affine32"
LSH_THRESHOLD = 0.3
MIN_JACCARD = 0.5
MIN_CONTAINMENT = 0.8
MIN_CHARS = 30
MIN_UNIT_CHARS = 20
MAX_UNIT_CHARS = 300
MAX_CANDIDATES = 200  # per passage: a boilerplate passage in thousands of reports is verified against the first 200

RELATIONS = {"cross_year": ("同一机构跨年度", "same agency, another year"),
             "same_year": ("同一机构同年度（同一报告的另一文件）", "same agency and year (another file of the report)"),
             "cross_agency": ("不同机构", "another agency")}
_SENTENCE_END = re.compile(r"[。！？!?；;]+")


@dataclass
class Passage:
    """A paragraph of running text, in comparison form; reuse is marked on it."""

    key: str
    report_id: str
    paragraph_no: int
    start: int  # offset in the report's normalised text
    end: int
    text: str
    section: str | None = None
    norm: str = ""
    pos: list[int] = field(default_factory=list)  # index in norm -> offset in text
    shingles: list[str] = field(default_factory=list)
    shingle_set: frozenset = frozenset()


@dataclass
class Unit:
    """A sentence (or a few short ones together) of a passage: what MinHash and LSH compare."""

    key: str
    passage: Passage
    offset: int  # where the unit starts in passage.norm
    norm: str
    shingles: list[str] = field(default_factory=list)
    shingle_set: frozenset = frozenset()

    @property
    def report_id(self) -> str:
        return self.passage.report_id


def comparison_form(text: str) -> tuple[str, list[int]]:
    """(text without whitespace, digits as '#'; for each of its characters the offset in ``text``)."""
    chars, pos = [], []
    for i, ch in enumerate(text):
        if ch.isspace() or ch in "\u200b\u200c\u200d\ufeff":
            continue
        chars.append("#" if ch.isdigit() else ch)
        pos.append(i)
    return "".join(chars), pos


def _shingles(norm: str) -> list[str]:
    return [norm[i:i + K] for i in range(len(norm) - K + 1)]


def _unit_spans(norm: str) -> list[tuple[int, int]]:
    """Sentences of a passage (in its comparison form), short ones joined to the next, long ones cut."""
    ends = [m.end() for m in _SENTENCE_END.finditer(norm)]
    if not ends or ends[-1] != len(norm):
        ends.append(len(norm))
    spans, start = [], 0
    for end in ends:
        if end - start >= MIN_UNIT_CHARS:
            spans.append((start, end))
            start = end
    if start < len(norm):
        if spans:
            spans[-1] = (spans[-1][0], len(norm))
        else:
            spans.append((start, len(norm)))
    out = []
    for a, b in spans:  # a "sentence" of hundreds of characters (no punctuation): windows of MAX_UNIT_CHARS
        while b - a > MAX_UNIT_CHARS + MIN_UNIT_CHARS:
            out.append((a, a + MAX_UNIT_CHARS))
            a += MAX_UNIT_CHARS
        out.append((a, b))
    return out


def passages(paragraphs) -> list[Passage]:
    """The passages of a ``paragraphs`` frame (``Corpus.paragraphs``; columns report_id, paragraph_no, span_start,
    in_table, text, section), in report and paragraph order: table rows and short paragraphs left out."""
    import pandas as pd

    out = []
    frame = paragraphs.sort_values(["report_id", "paragraph_no"], kind="mergesort")
    for row in frame.itertuples(index=False):
        text = row.text if isinstance(row.text, str) else ""
        if not text or (not pd.isna(row.in_table) and bool(row.in_table)):
            continue
        norm, pos = comparison_form(text)
        if len(norm) < MIN_CHARS:
            continue
        start = 0 if pd.isna(row.span_start) else int(row.span_start)
        shingles = _shingles(norm)
        out.append(Passage(key=f"{row.report_id}#{int(row.paragraph_no)}", report_id=row.report_id,
                           paragraph_no=int(row.paragraph_no), start=start, end=start + len(text), text=text,
                           section=row.section if isinstance(row.section, str) else None, norm=norm, pos=pos,
                           shingles=shingles, shingle_set=frozenset(shingles)))
    return out


def units(items: list[Passage]) -> list[Unit]:
    out = []
    for p in items:
        for n, (a, b) in enumerate(_unit_spans(p.norm)):
            norm = p.norm[a:b]
            if len(norm) < K:
                continue
            shingles = _shingles(norm)
            out.append(Unit(key=f"{p.key}.{n}", passage=p, offset=a, norm=norm, shingles=shingles,
                            shingle_set=frozenset(shingles)))
    return out


def _coverage(u: Unit, other: frozenset) -> int:
    """Bit mask over u.passage.norm: the characters of u covered by a shingle of u that occurs in ``other``."""
    mask = 0
    run = (1 << K) - 1
    for i, shingle in enumerate(u.shingles):
        if shingle in other:
            mask |= run << (u.offset + i)
    return mask


def _intervals(p: Passage, mask: int) -> list[list[int]]:
    """Covered characters as [start, end) offsets in p.text (runs of covered characters, whitespace bridged)."""
    out: list[list[int]] = []
    i = 0
    while mask >> i:
        if not (mask >> i) & 1:
            i += 1
            continue
        j = i
        while (mask >> j) & 1:
            j += 1
        a, b = p.pos[i], p.pos[j - 1] + 1
        if out and not p.text[out[-1][1]:a].strip():
            out[-1][1] = b
        else:
            out.append([a, b])
        i = j
    return out


@dataclass
class Reuse:
    """The result of ``find_reuse``: DataFrames ``passages`` (kept passage pairs), ``pairs`` (report pairs) and
    ``reports`` (one row per report), and the masks needed to mark reused text."""

    passages: object
    pairs: object
    reports: object
    params: dict
    _units: dict = field(default_factory=dict, repr=False)  # key -> Passage
    _cover: dict = field(default_factory=dict, repr=False)  # (report, other report) -> {passage key: mask}

    def between(self, a: str, b: str):
        """The passage pairs of reports ``a`` and ``b`` (either order), as rows of ``passages``."""
        p = self.passages
        return p[((p.report_a == a) & (p.report_b == b)) | ((p.report_a == b) & (p.report_b == a))]

    def spans(self, report_id: str, other: str | None = None) -> list[tuple[int, int]]:
        """[start, end) offsets in ``report_id``'s text of the characters reused from ``other`` (or from any
        report, copies of the same report included), merged."""
        masks: dict[str, int] = {}
        for (rid, oid), cover in self._cover.items():
            if rid == report_id and (other is None or oid == other):
                for key, mask in cover.items():
                    masks[key] = masks.get(key, 0) | mask
        out = []
        for key, mask in masks.items():
            p = self._units[key]
            out += [(p.start + a, p.start + b) for a, b in _intervals(p, mask)]
        out.sort()
        merged: list[list[int]] = []
        for a, b in out:
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        return [(a, b) for a, b in merged]


def _minhashes(items: list[Unit]):
    from datasketch import MinHash

    return MinHash.bulk([[s.encode("utf-8") for s in u.shingles] for u in items], num_perm=NUM_PERM, seed=SEED,
                        scheme=SCHEME)


def _relation(a: dict, b: dict) -> str:
    if a["agency_key"] and a["agency_key"] == b["agency_key"]:
        return "same_year" if a["year"] == b["year"] else "cross_year"
    return "cross_agency"


def _jaccard(a: frozenset, b: frozenset) -> tuple[float, float]:
    """(Jaccard similarity, containment of the smaller set in the larger)."""
    inter = len(a & b)
    if not inter:
        return 0.0, 0.0
    return inter / len(a | b), inter / min(len(a), len(b))


def find_reuse(corpus=None, paragraphs=None, reports=None, overrides=None) -> Reuse:
    """Near-duplicate passages between the reports of ``corpus`` (or of the ``paragraphs`` and ``reports`` frames
    given directly: ``reports`` needs report_id, agency, agency_normalised, year)."""
    import pandas as pd
    from datasketch import MinHashLSH

    from .panel import with_keys

    paragraphs = corpus.paragraphs if paragraphs is None else paragraphs
    reports = with_keys(corpus.reports_frame if reports is None else reports, overrides)
    info = {r["report_id"]: {"agency": r["agency"], "agency_key": r["agency_key"],
                             "year": None if pd.isna(r["year"]) else int(r["year"])}
            for r in reports.to_dict("records")}
    items = [p for p in passages(paragraphs) if p.report_id in info]
    by_passage = {p.key: p for p in items}
    pieces = units(items)
    by_unit = {u.key: u for u in pieces}
    chars: dict[str, int] = {rid: 0 for rid in info}
    counts: dict[str, int] = {rid: 0 for rid in info}
    for p in items:
        chars[p.report_id] += len(p.norm)
        counts[p.report_id] += 1

    # ------------------------------------------------------------------ near-duplicate units (sentences)
    cover: dict[tuple[str, str], dict[str, int]] = {}  # (report, other) -> {passage key: mask}
    linked: dict[tuple[str, str], list] = {}  # (passage key, passage key) -> [mask of the first, of the second]
    if pieces:
        hashes = _minhashes(pieces)
        lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
        with lsh.insertion_session() as session:
            for u, m in zip(pieces, hashes):
                session.insert(u.key, m, check_duplication=False)
        for u, m in zip(pieces, hashes):
            candidates = sorted(k for k in lsh.query(m) if k > u.key and by_unit[k].report_id != u.report_id)
            for k in candidates[:MAX_CANDIDATES]:
                v = by_unit[k]
                jaccard, containment = _jaccard(u.shingle_set, v.shingle_set)
                if jaccard < MIN_JACCARD and containment < MIN_CONTAINMENT:
                    continue
                mask_u, mask_v = _coverage(u, v.shingle_set), _coverage(v, u.shingle_set)
                for x, y, mask, passage in ((u.report_id, v.report_id, mask_u, u.passage),
                                            (v.report_id, u.report_id, mask_v, v.passage)):
                    slot = cover.setdefault((x, y), {})
                    slot[passage.key] = slot.get(passage.key, 0) | mask
                pair = linked.setdefault((u.passage.key, v.passage.key), [0, 0, 0])
                pair[0] |= mask_u
                pair[1] |= mask_v
                pair[2] += 1

    # ------------------------------------------------------------------ passage pairs, earlier report first
    def order_key(p: Passage):
        return (info[p.report_id]["year"] or 0, p.report_id, p.paragraph_no)

    rows = []
    for (ka, kb), (ma, mb, n_units) in linked.items():
        a, b = by_passage[ka], by_passage[kb]
        if order_key(b) < order_key(a):
            a, b, ma, mb = b, a, mb, ma
        ia, ib = info[a.report_id], info[b.report_id]
        jaccard, containment = _jaccard(a.shingle_set, b.shingle_set)
        rows.append({"report_a": a.report_id, "report_b": b.report_id, "relation": _relation(ia, ib),
                     "agency_a": ia["agency"], "agency_b": ib["agency"], "year_a": ia["year"], "year_b": ib["year"],
                     "paragraph_a": a.paragraph_no, "paragraph_b": b.paragraph_no, "section_a": a.section,
                     "section_b": b.section, "start_a": a.start, "end_a": a.end, "start_b": b.start, "end_b": b.end,
                     "sentences": n_units, "jaccard": round(jaccard, 4), "containment": round(containment, 4),
                     "reused_a": ma.bit_count(), "reused_b": mb.bit_count(), "chars_a": len(a.norm),
                     "chars_b": len(b.norm), "text_a": a.text, "text_b": b.text,
                     "marks_a": json.dumps(_intervals(a, ma)), "marks_b": json.dumps(_intervals(b, mb))})
    passage_cols = ["report_a", "report_b", "relation", "agency_a", "agency_b", "year_a", "year_b", "paragraph_a",
                    "paragraph_b", "section_a", "section_b", "start_a", "end_a", "start_b", "end_b", "sentences",
                    "jaccard", "containment", "reused_a", "reused_b", "chars_a", "chars_b", "text_a", "text_b",
                    "marks_a", "marks_b"]
    passage_frame = pd.DataFrame(rows, columns=passage_cols)
    if len(passage_frame):
        passage_frame = passage_frame.sort_values(["year_a", "report_a", "year_b", "report_b", "paragraph_a",
                                                   "paragraph_b"], kind="mergesort")
    passage_frame = passage_frame.reset_index(drop=True)
    for column in ("year_a", "year_b"):
        passage_frame[column] = passage_frame[column].astype("Int64")

    # ------------------------------------------------------------------ report pairs
    def reused(rid: str, oid: str) -> int:
        return sum(m.bit_count() for m in cover.get((rid, oid), {}).values())

    pair_rows = []
    done = set()
    for (x, y) in sorted(cover):
        a, b = sorted((x, y), key=lambda r: (info[r]["year"] or 0, r))
        if (a, b) in done:
            continue
        done.add((a, b))
        ra, rb = reused(a, b), reused(b, a)
        n = int(((passage_frame.report_a == a) & (passage_frame.report_b == b)).sum())
        relation = _relation(info[a], info[b])
        gap = (info[b]["year"] - info[a]["year"]) if info[a]["year"] is not None and info[b]["year"] is not None \
            else None
        pair_rows.append({"report_a": a, "report_b": b, "relation": relation,
                          "consecutive": relation == "cross_year" and gap == 1,
                          "agency_a": info[a]["agency"], "agency_b": info[b]["agency"], "year_a": info[a]["year"],
                          "year_b": info[b]["year"], "passages": n, "reused_a": ra, "chars_a": chars[a],
                          "share_a": round(ra / chars[a], 4) if chars[a] else None, "reused_b": rb,
                          "chars_b": chars[b], "share_b": round(rb / chars[b], 4) if chars[b] else None})
    pair_cols = ["report_a", "report_b", "relation", "consecutive", "agency_a", "agency_b", "year_a", "year_b",
                 "passages",
                 "reused_a", "chars_a", "share_a", "reused_b", "chars_b", "share_b"]
    pair_frame = pd.DataFrame(pair_rows, columns=pair_cols)
    for column in ("year_a", "year_b"):
        pair_frame[column] = pair_frame[column].astype("Int64")

    # ------------------------------------------------------------------ one row per report
    def prior(me: dict, other: dict) -> bool:  # the other report is not later (unknown years count as not later)
        return me["year"] is None or other["year"] is None or other["year"] <= me["year"]

    report_rows = []
    for rid in sorted(info, key=lambda r: (info[r]["agency_key"], info[r]["year"] or 0, r)):
        me = info[rid]
        buckets: dict[str, dict[str, int]] = {"prior": {}, "cross_year": {}, "cross_agency": {}, "shared": {}}
        sources = []
        copies = []
        total = chars[rid]
        for (x, y), slot in sorted(cover.items()):
            if x != rid:
                continue
            relation = _relation(me, info[y])
            share = sum(m.bit_count() for m in slot.values()) / total if total else 0.0
            if relation == "same_year":
                copies.append(f"{y} ({share:.0%})")
                continue
            names = ["shared"]
            if prior(me, info[y]):
                names += ["prior", relation]
                sources.append((share, y, relation))
            for name in names:
                target = buckets[name]
                for key, mask in slot.items():
                    target[key] = target.get(key, 0) | mask

        def share_of(name: str) -> float | None:
            return round(sum(m.bit_count() for m in buckets[name].values()) / total, 4) if total else None

        top = max(sources, key=lambda s: (s[0], info[s[1]]["year"] or 0, s[1]), default=None)
        earlier = [r for r in info if info[r]["agency_key"] == me["agency_key"] and me["year"] is not None
                   and info[r]["year"] is not None and info[r]["year"] < me["year"]]
        prev_year = max((info[r]["year"] for r in earlier), default=None)
        prev = [(reused(rid, r) / total if total else 0.0, r) for r in sorted(earlier) if info[r]["year"] == prev_year]
        best_prev = max(prev, key=lambda s: (s[0], s[1]), default=None)
        report_rows.append({
            "report_id": rid, "agency": me["agency"], "agency_key": me["agency_key"], "year": me["year"],
            "passages": counts[rid], "chars": total,
            "reused_chars": sum(m.bit_count() for m in buckets["prior"].values()), "reuse_share": share_of("prior"),
            "cross_year_share": share_of("cross_year"), "cross_agency_share": share_of("cross_agency"),
            "shared_share": share_of("shared"),
            "top_source": top[1] if top else None, "top_source_share": round(top[0], 4) if top else None,
            "top_relation": top[2] if top else None, "prev_report": best_prev[1] if best_prev else None,
            "prev_year": prev_year, "prev_share": round(best_prev[0], 4) if best_prev else None,
            "copies": ", ".join(copies) or None})
    report_cols = ["report_id", "agency", "agency_key", "year", "passages", "chars", "reused_chars", "reuse_share",
                   "cross_year_share", "cross_agency_share", "shared_share", "top_source", "top_source_share",
                   "top_relation", "prev_report", "prev_year", "prev_share", "copies"]
    report_frame = pd.DataFrame(report_rows, columns=report_cols)
    for column in ("year", "prev_year"):
        report_frame[column] = report_frame[column].astype("Int64")
    params = {"k": K, "num_perm": NUM_PERM, "seed": SEED, "scheme": SCHEME, "lsh_threshold": LSH_THRESHOLD,
              "min_jaccard": MIN_JACCARD, "min_containment": MIN_CONTAINMENT, "min_chars": MIN_CHARS,
              "min_unit_chars": MIN_UNIT_CHARS, "max_unit_chars": MAX_UNIT_CHARS}
    return Reuse(passages=passage_frame, pairs=pair_frame, reports=report_frame, params=params,
                 _units=by_passage, _cover=cover)
