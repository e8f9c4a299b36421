"""Two reports side by side (``xxgk compare A B``): the indicators, the tables cell by cell with the differences
marked, the texts with the passages one reuses from the other marked, and the findings of both.

    >>> c = nlp.compare.compare("corpus/200_pingtan_2024.html", "corpus/201_pingtan_2025.html")
    >>> c.share_a, c.share_b              # share of A's running text found in B, and of B's found in A
    >>> c.cells[c.cells.status == "different"]
    >>> c.write("reports_out")            # compare_<A>_vs_<B>.html and .md

A and B are report files (any supported format; an xxgk output page ``<id>.html`` / ``<id>.json`` stands for the
report it was made from), read with ``nlp.scan`` (so the cache applies, and the cross-year rules run when A and B are
consecutive years of one agency); or report ids of a ``corpus`` you pass.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .panel import MEASURES


class CompareError(Exception):
    """A report that could not be read (``errors`` lists why)."""

    def __init__(self, message: str, errors: list[dict]):
        super().__init__(message)
        self.errors = errors


@dataclass
class Comparison:
    a: dict
    b: dict
    relation: str
    indicator_rows: list[dict]
    cells: object  # DataFrame: cell_id, label, raw_a, raw_b, value_a, value_b, status, mark
    reuse: object  # reuse.Reuse over the two reports
    findings_a: list[dict]
    findings_b: list[dict]
    text_a: list[list[tuple[str, bool]]] = field(default_factory=list)
    text_b: list[list[tuple[str, bool]]] = field(default_factory=list)
    note: str = ""

    @property
    def share_a(self) -> float | None:
        """Share of A's running text (characters) found in B."""
        return self._share("a")

    @property
    def share_b(self) -> float | None:
        return self._share("b")

    def _share(self, side: str) -> float | None:
        pairs = self.reuse.pairs
        if not len(pairs):
            return 0.0 if self.reuse.reports["chars"].sum() else None
        row = pairs.iloc[0]
        mine = self.a["id"] if side == "a" else self.b["id"]
        return float(row["share_a"] if row["report_a"] == mine else row["share_b"])

    @property
    def cell_rows(self) -> list[dict]:
        return self.cells.to_dict("records")

    @property
    def cells_compared(self) -> int:
        """Cells that both reports have."""
        return int(self.cells["status"].isin(("same", "different")).sum())

    @property
    def cells_differ(self) -> int:
        return int((self.cells["status"] == "different").sum())

    @property
    def passage_rows(self) -> list[dict]:
        out = []
        for r in self.reuse.passages.to_dict("records"):
            flip = r["report_a"] != self.a["id"]
            side_a, side_b = ("b", "a") if flip else ("a", "b")
            out.append({"text_a": r[f"text_{side_a}"], "marks_a": r[f"marks_{side_a}"], "text_b": r[f"text_{side_b}"],
                        "marks_b": r[f"marks_{side_b}"], "para_a": r[f"paragraph_{side_a}"],
                        "para_b": r[f"paragraph_{side_b}"], "jaccard": f"{r['jaccard']:.2f}"})
        return out

    def name(self) -> str:
        return f"compare_{self.a['id']}_vs_{self.b['id']}"

    def to_html(self) -> str:
        from ..render.corpus import compare_html

        return compare_html(self)

    def to_markdown(self) -> str:
        from ..render.corpus import compare_markdown

        return compare_markdown(self)

    def write(self, out) -> dict[str, Path]:
        """``out/compare_<A>_vs_<B>.html`` and ``.md``, written atomically."""
        from ..render import write_atomic

        out = Path(out)
        paths = {"html": out / f"{self.name()}.html", "md": out / f"{self.name()}.md"}
        write_atomic(paths["html"], self.to_html())
        write_atomic(paths["md"], self.to_markdown())
        return paths


def source_of(path) -> Path:
    """The report file behind ``path``: ``path`` itself, or, for an xxgk output (``<id>.json`` of schema
    xxgk.report/1, or ``<id>.html`` / ``<id>.md`` with that JSON beside it), the source file the JSON names."""
    path = Path(path)
    suffix = path.suffix.lower()
    candidate = path if suffix == ".json" else path.with_suffix(".json") if suffix in (".html", ".md") else None
    if candidate is None or not candidate.is_file():
        return path
    try:
        data = json.loads(candidate.read_text("utf-8"))
    except (OSError, ValueError):
        return path
    if not isinstance(data, dict) or not str(data.get("schema", "")).startswith("xxgk.report/"):
        return path
    if suffix != ".json" and data.get("id") != path.stem:
        return path
    source = (data.get("source") or {}).get("path")
    for base in (Path.cwd(), candidate.parent):
        if source and (base / source).is_file():
            return base / source
    return path


def _read_two(a, b, cache=True, workers: int | None = 1):
    from .. import scan

    paths = [source_of(a), source_of(b)]
    for path in paths:
        if not path.exists():
            raise FileNotFoundError(f"{path}: no such file")
        if path.is_dir():
            raise ValueError(f"{path}: a folder; compare takes two report files")
    if paths[0].resolve() == paths[1].resolve():
        raise ValueError(f"A and B are the same file ({paths[0]})")
    corpus = scan(paths, out=None, workers=workers, cache=cache)
    frame = corpus.reports_frame
    ids = []
    for path in paths:
        hit = frame[frame["path"] == str(path)]
        if not len(hit):
            raise CompareError(f"{path}: could not be read", [e for e in corpus.errors if e.get("path") == str(path)]
                               or corpus.errors)
        ids.append(hit["report_id"].iloc[0])
    return corpus, ids[0], ids[1]


def _subset(frame, ids):
    return frame[frame["report_id"].isin(ids)]


def _meta(row: dict, key: str) -> dict:
    import pandas as pd

    return {"id": row["report_id"], "path": row.get("path"), "agency": row.get("agency"), "agency_key": key,
            "year": None if pd.isna(row.get("year")) else int(row["year"]), "template": row.get("template"),
            "format": row.get("format"), "level": row.get("level")}


def _same(fa: dict | None, fb: dict | None) -> bool:
    import math

    def value(f):
        if f is None:
            return None
        v = f.get("value")
        try:
            v = float(v)
            return None if math.isnan(v) else v
        except (TypeError, ValueError):
            return None

    va, vb = value(fa), value(fb)
    if va is not None and vb is not None:
        return va == vb
    def raw(f):
        return "".join(str(f.get("raw") or "").split())

    return (fa.get("semantic"), raw(fa)) == (fb.get("semantic"), raw(fb))


def _printed(fact: dict | None) -> str:
    """The cell as printed; a blank cell says so (it is never 0)."""
    if fact is None:
        return ""
    return fact.get("raw") if fact.get("raw") not in (None, "") else "（空 blank）"


def _cells(facts, a: str, b: str):
    import pandas as pd

    from ..render.corpus import fmt

    rows_a = facts[facts["report_id"] == a].to_dict("records")
    rows_b = facts[facts["report_id"] == b].to_dict("records")
    by_a = {r["cell_id"]: r for r in rows_a}
    by_b = {r["cell_id"]: r for r in rows_b}
    order = [r["cell_id"] for r in rows_a] + [r["cell_id"] for r in rows_b if r["cell_id"] not in by_a]
    records = []
    for cell in dict.fromkeys(order):
        fa, fb = by_a.get(cell), by_b.get(cell)
        if fa is None:
            status, mark = "only_b", "B only"
        elif fb is None:
            status, mark = "only_a", "A only"
        elif _same(fa, fb):
            status, mark = "same", ""
        else:
            status, mark = "different", "≠"
        label = (fa or fb).get("label") or ""
        va, vb = _number(fa), _number(fb)
        records.append({"cell_id": cell, "label": label, "raw_a": _printed(fa), "raw_b": _printed(fb),
                        "value_a": va, "value_b": vb, "status": status, "mark": mark,
                        "diff": fmt(vb - va) if status == "different" and va is not None and vb is not None else ""})
    return pd.DataFrame(records, columns=["cell_id", "label", "raw_a", "raw_b", "value_a", "value_b", "status",
                                          "mark", "diff"])


def _number(fact: dict | None) -> float | None:
    from .panel import _value

    return None if fact is None else _value(fact.get("value"))


def _indicators(panel, a: str, b: str) -> list[dict]:
    from ..render.corpus import fmt
    from .panel import _value

    row_a = panel[panel["report_id"] == a].to_dict("records")[0]
    row_b = panel[panel["report_id"] == b].to_dict("records")[0]
    out = []
    for m in MEASURES:
        va, vb = _value(row_a.get(m.name)), _value(row_b.get(m.name))
        diff = (vb - va) if va is not None and vb is not None else None
        out.append({"name": m.name, "zh": m.zh, "en": m.en, "a": fmt(va, m.percent), "b": fmt(vb, m.percent),
                    "diff": "" if diff is None else (f"{100 * diff:+.1f} pt" if m.percent else fmt(diff)),
                    "differs": (va is None) != (vb is None) or (diff is not None and abs(diff) > 1e-12)})
    return out


def _findings(findings, report_id: str) -> list[dict]:
    from ..render.corpus import STATUS_ORDER, missing

    rows = findings[findings["report_id"] == report_id].to_dict("records")
    rows.sort(key=lambda f: (STATUS_ORDER.get(f["status"], 9), f["finding_no"]))
    return [{"status": f["status"], "rule": f["rule"], "severity": f["severity"], "message": f["message_zh"] or "",
             "en": f["message_en"] or "", "origin": f.get("origin") or "report", "fingerprint": f["fingerprint"],
             "review": "" if missing(f.get("review_decision")) else f["review_decision"]} for f in rows]


def _text(paragraphs, report_id: str, spans: list[tuple[int, int]]) -> list[list[tuple[str, bool]]]:
    from ..render.corpus import missing, pieces

    out = []
    rows = paragraphs[paragraphs["report_id"] == report_id].sort_values("paragraph_no").to_dict("records")
    for row in rows:
        text = row["text"] if isinstance(row["text"], str) else ""
        if missing(row["span_start"]):
            out.append([(text, False)])
            continue
        start = int(row["span_start"])
        marks = [[max(a, start) - start, min(b, start + len(text)) - start] for a, b in spans
                 if a < start + len(text) and b > start]
        out.append(pieces(text, marks))
    return out


def compare(a, b, corpus=None, overrides=None, cache=True, workers: int | None = 1) -> Comparison:
    """Compare report ``a`` with report ``b`` (files, or report ids of ``corpus``). Raises FileNotFoundError,
    ValueError (same file, a folder, an unknown id) or ``CompareError`` (a report could not be read)."""
    from .panel import derive, with_keys
    from .reuse import _relation, find_reuse

    if corpus is None:
        corpus, id_a, id_b = _read_two(a, b, cache=cache, workers=workers)
    else:
        id_a, id_b = str(a), str(b)
        known = set(corpus.reports_frame["report_id"])
        for rid in (id_a, id_b):
            if rid not in known:
                raise ValueError(f"{rid}: no such report in the corpus")
        if id_a == id_b:
            raise ValueError(f"A and B are the same report ({id_a})")
    ids = [id_a, id_b]
    reports = with_keys(_subset(corpus.reports_frame, ids), overrides)
    meta = {r["report_id"]: _meta(r, r["agency_key"]) for r in reports.to_dict("records")}
    reuse = find_reuse(paragraphs=_subset(corpus.paragraphs, ids), reports=_subset(corpus.reports_frame, ids),
                       overrides=overrides)
    panel = derive(with_keys(_subset(corpus.panel, ids), overrides))
    note = ""
    if meta[id_a]["template"] != meta[id_b]["template"]:
        note = (f"A 使用 {meta[id_a]['template']} 模板，B 使用 {meta[id_b]['template']}：仅比较编号相同的单元格；上方指标跨模板可比。"
                f" A follows the {meta[id_a]['template']} template and B the {meta[id_b]['template']} one: cells are "
                "compared where their ids coincide; the indicators above compare across templates.")
    return Comparison(
        a=meta[id_a], b=meta[id_b], relation=_relation(meta[id_a], meta[id_b]),
        indicator_rows=_indicators(panel, id_a, id_b), cells=_cells(corpus.facts, id_a, id_b), reuse=reuse,
        findings_a=_findings(corpus.findings, id_a), findings_b=_findings(corpus.findings, id_b),
        text_a=_text(corpus.paragraphs, id_a, reuse.spans(id_a, id_b)),
        text_b=_text(corpus.paragraphs, id_b, reuse.spans(id_b, id_a)), note=note)
