"""Every comparison of a corpus at once (``analyse``), and the corpus report written from it (``corpus_report``).

    >>> corpus = nlp.scan("corpus/", out="reports_out")
    >>> result = nlp.compare.analyse(corpus)          # DataFrames: panel, rankings, outliers, scores, reuse, …
    >>> nlp.compare.corpus_report(corpus, "reports_out")   # index.html (self-contained) + index.md + charts/*.png

``xxgk scan`` calls ``corpus_report`` after writing the store. The report is written again only when what it is
made from changed: the store (its size and modification time: the scan rewrites it whenever a report, a finding
or a reviewer's decision changes), the per-report pages it links to, the agency override file and the xxgk code;
that key is kept in ``index.html`` itself (``<meta name="xxgk-input">``).
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

INDEX_HTML = "index.html"
INDEX_MD = "index.md"
CHARTS = "charts"
MARKDOWN_COPY = ".index.md"  # in charts/: the twin, to put back when the scan's plain index.md replaced it
_KEY = re.compile(r'<meta name="xxgk-input" content="([0-9a-f]{64})">')
_MD_KEY = re.compile(r"<!-- xxgk-input: ([0-9a-f]{64}) -->")


@dataclass
class Analysis:
    """The comparisons of one corpus (pandas DataFrames; see each module for the columns)."""

    reports: object  # reports_frame with agency_key
    panel: object  # panel.agency_year_panel
    rankings: object
    distributions: object
    outliers: object
    report_scores: object
    agency_scores: object
    reuse: object  # reuse.Reuse
    keywords: object
    points: object
    neighbours: object
    findings: object
    errors: list = field(default_factory=list)
    charts: list = field(default_factory=list)  # charts.Chart, filled by with_charts()

    def with_charts(self) -> "Analysis":
        from . import charts

        self.charts = [charts.panel_chart(self.panel),
                       charts.consistency_chart(self.report_scores, self.agency_scores),
                       charts.reuse_chart(self.reuse.reports, keep=list(self.panel["report_id"])),
                       charts.similarity_chart(self.points)]
        return self


def analyse(corpus, overrides=None, charts: bool = False) -> Analysis:
    """Run every comparison on ``corpus`` (``overrides``: agency overrides, as for ``identity.load_overrides``)."""
    from collections.abc import Mapping

    from ..corpus.identity import load_overrides
    from . import consistency, keywords, panel, reuse
    from .panel import with_keys

    if overrides is not None and not isinstance(overrides, Mapping):
        overrides = load_overrides(overrides)
    table = panel.agency_year_panel(corpus, overrides)
    scores = consistency.report_scores(corpus, overrides)
    points, neighbours = keywords.similarity_map(corpus, overrides)
    result = Analysis(reports=with_keys(corpus.reports_frame, overrides), panel=table,
                      rankings=panel.rankings(table), distributions=panel.distributions(table),
                      outliers=panel.outliers(table), report_scores=scores,
                      agency_scores=consistency.agency_scores(scores),
                      reuse=reuse.find_reuse(corpus, overrides=overrides),
                      keywords=keywords.distinctive_keywords(corpus, overrides, panel=table), points=points,
                      neighbours=neighbours, findings=corpus.findings, errors=list(corpus.errors))
    return result.with_charts() if charts else result


# ---------------------------------------------------------------------------------------------- the corpus report


def _input_key(corpus, out: Path, overrides_path) -> str | None:
    """What the report is made from, or None when that cannot be told cheaply (no store on disk: always redo)."""
    from ..corpus.cache import engine_digest

    store = getattr(corpus, "store_path", None)
    if store is None or not Path(store).exists():
        return None
    stat = Path(store).stat()
    ids = [row["id"] for row in corpus.rows]
    pages = [[rid, [s for s in ("html", "md", "json") if (out / f"{rid}.{s}").exists()]] for rid in ids]
    override = hashlib.sha256(Path(overrides_path).read_bytes()).hexdigest() if overrides_path else None
    text = json.dumps([engine_digest(), stat.st_size, stat.st_mtime_ns, pages, override,
                       [e.get("path") for e in corpus.errors]], ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def _current_key(out: Path) -> str | None:
    try:
        with (out / INDEX_HTML).open(encoding="utf-8") as handle:
            head = handle.read(4096)
    except OSError:
        return None
    match = _KEY.search(head)
    return match.group(1) if match else None


def _markdown_key(path: Path) -> str | None:
    try:
        match = _MD_KEY.search(path.read_text("utf-8"))
    except OSError:
        return None
    return match.group(1) if match else None


def _restore_markdown(out: Path, key: str) -> bool:
    """Whether index.md is the twin of the current index.html, putting it back from ``charts/.index.md`` when
    something else wrote index.md since (``nlp.scan`` writes a plain list of the reports under that name)."""
    from ..render import write_atomic

    if _markdown_key(out / INDEX_MD) == key:
        return True
    copy = out / CHARTS / MARKDOWN_COPY
    if _markdown_key(copy) != key:
        return False
    write_atomic(out / INDEX_MD, copy.read_text("utf-8"))
    return True


def corpus_report(corpus, out, overrides=None, cache: bool = True) -> dict[str, Path]:
    """Write ``out/index.html`` (one self-contained page: summary, panel, rankings, charts, reuse pairs, findings
    table sortable and filterable), its Markdown twin ``out/index.md`` and ``out/charts/*.png``.

    ``overrides``: the agency override file or mapping (default: ``agency_overrides.csv``/``.toml`` in ``out``).
    With ``cache``, nothing is redone when the inputs are those of the report already in ``out``.
    Returns ``{"html": …, "md": …, "charts": [...]}`` and sets ``"skipped": True`` when nothing was redone.
    """
    from ..corpus.hooks import find_overrides

    out = Path(out)
    if overrides is None:
        overrides = find_overrides([out])
    overrides_path = overrides if isinstance(overrides, (str, Path)) else None
    key = _input_key(corpus, out, overrides_path) if cache else None
    chart_dir = out / CHARTS
    if key is not None and key == _current_key(out) and _restore_markdown(out, key):
        return {"html": out / INDEX_HTML, "md": out / INDEX_MD, "charts": sorted(chart_dir.glob("*.png")),
                "skipped": True}

    from ..render import write_atomic
    from ..render.corpus import corpus_html, corpus_markdown

    result = analyse(corpus, overrides, charts=True)
    pages = {}
    for rid in result.reports["report_id"]:
        found = next((f"{rid}.{s}" for s in ("html", "md", "json") if (out / f"{rid}.{s}").exists()), None)
        pages[rid] = found
    saved = [chart.save(chart_dir) for chart in result.charts]
    html = corpus_html(result, pages, key=key)
    markdown = corpus_markdown(result, pages, charts_folder=CHARTS)
    if key:
        markdown += f"\n<!-- xxgk-input: {key} -->\n"
        write_atomic(chart_dir / MARKDOWN_COPY, markdown)
    write_atomic(out / INDEX_MD, markdown)
    write_atomic(out / INDEX_HTML, html)  # last: its key says the rest is done
    return {"html": out / INDEX_HTML, "md": out / INDEX_MD, "charts": saved, "skipped": False}


def report_after_scan(corpus, out, paths, cache: bool = True):
    """A scan's last step, shared by ``xxgk scan`` and ``nlp.scan(out=…)``: the corpus report (index.html, index.md,
    charts/), redone only when its inputs changed. Returns (what was written, None) or (None, the problem): a
    failure here never loses the scan's other outputs."""
    from ..corpus.hooks import find_overrides

    try:
        overrides = find_overrides([Path(out), *(Path(p) for p in paths if Path(p).is_dir())])
        return corpus_report(corpus, out, overrides=overrides, cache=cache), None
    except Exception as error:  # noqa: BLE001 - reported like a file that failed
        return None, f"{type(error).__name__}: {error}"
