"""Charts of a corpus (matplotlib, Agg, no pyplot state): panel indicators by agency and year, consistency scores,
reuse shares, the similarity map. Each is a ``Chart``: PNG bytes, the texts drawn on it (so that a test can check
the font covers them), and a data URI for embedding in a self-contained HTML page.

Chinese is drawn with the font of ``nlp.compare.fonts`` (``rc()``); every label goes through ``fonts.safe``.
"""
from __future__ import annotations

import base64
import io
from dataclasses import dataclass, field
from pathlib import Path

from . import fonts

MAX_AGENCIES = 8  # lines / colours per chart; the rest are left out and the title says so
MAX_BARS = 40
DPI = 110


@dataclass
class Chart:
    name: str
    title: str
    png: bytes
    labels: list[str] = field(default_factory=list)  # every text drawn (titles, ticks, legends, annotations)

    def data_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")

    def save(self, folder) -> Path:
        """Write ``<folder>/<name>.png`` (under a temporary name, then renamed)."""
        path = Path(folder) / f"{self.name}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_bytes(self.png)
        tmp.replace(path)
        return path


def _figure(width: float, height: float):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=DPI, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def _finish(fig, name: str, title: str) -> Chart:
    from matplotlib.text import Text

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})  # no version stamp: same input, same bytes
    labels = sorted({t.get_text() for t in fig.findobj(Text) if t.get_text() and t.get_visible()})
    return Chart(name=name, title=title, png=buffer.getvalue(), labels=labels)


def _render(name: str, title: str, draw) -> Chart:
    import matplotlib

    with matplotlib.rc_context(fonts.rc()):
        fig = draw()
        return _finish(fig, name, title)


def _bars_figure(rows: int, base: float, per_row: float):
    """A 10-inch-wide figure for ``rows`` horizontal bars (at least 3 rows high) and its axes."""
    fig = _figure(10, base + per_row * max(3, rows))
    return fig, fig.subplots()


def _empty(ax, message: str) -> None:
    ax.text(0.5, 0.5, fonts.safe(message), ha="center", va="center", transform=ax.transAxes, color="#667085")
    ax.set_xticks([])
    ax.set_yticks([])


def _top_agencies(frame, n: int = MAX_AGENCIES) -> list[str]:
    counts = frame.groupby("agency_key").size().sort_values(ascending=False, kind="mergesort")
    ranked = sorted(counts.index, key=lambda k: (-counts[k], k))
    return ranked[:n]


PANEL_MEASURES = ("applications_new", "disclosure_rate", "refusal_share", "unable_share", "review_total",
                  "litigation_total")


def panel_chart(panel) -> Chart:
    """Small multiples: one panel indicator per plot, one line per agency across years."""
    from .panel import MEASURE, _value

    agencies = _top_agencies(panel)
    left_out = panel["agency_key"].nunique() - len(agencies)
    title = "主要指标（按机构、年度） Main indicators by agency and year"
    if left_out > 0:
        title += f" — 另有 {left_out} 个机构未画出 ({left_out} more agencies not drawn)"

    def draw():
        fig = _figure(11, 6.2)
        axes = fig.subplots(2, 3).ravel()
        palette = [f"C{i}" for i in range(10)]
        for ax, name in zip(axes, PANEL_MEASURES):
            measure = MEASURE[name]
            drawn = False
            for colour, key in zip(palette, agencies):
                rows = panel[panel["agency_key"] == key].sort_values("year")
                points = [(int(y), _value(v)) for y, v in zip(rows["year"], rows[name])
                          if _value(v) is not None and not _isna(y)]
                if not points:
                    continue
                xs, ys = _with_gaps(points, 100.0 if measure.percent else 1.0)
                ax.plot(xs, ys, marker="o", color=colour, label=fonts.safe(key), linewidth=1.5, markersize=4)
                drawn = True
            ax.set_title(fonts.safe(f"{measure.zh}{' (%)' if measure.percent else ''}"), fontsize=10)
            if not drawn:
                _empty(ax, "无数据 no data")
            else:
                ax.grid(alpha=0.3)
                ax.xaxis.get_major_locator().set_params(integer=True)
        handles, labels = [], []
        for ax in axes:
            for h, l in zip(*ax.get_legend_handles_labels()):
                if l not in labels:
                    handles.append(h)
                    labels.append(l)
        if handles:
            fig.legend(handles, labels, loc="outside lower center", ncol=min(4, len(labels)), fontsize=9)
        fig.suptitle(fonts.safe(title), fontsize=11)
        return fig

    return _render("panel", title, draw)


def _with_gaps(points: list[tuple[int, float]], scale: float) -> tuple[list, list]:
    """x and y lists with a NaN between two years that are not consecutive: a line never bridges a missing year."""
    xs, ys = [], []
    for year, value in points:
        if xs and year - xs[-1] > 1:
            xs.append(year - 0.5)
            ys.append(float("nan"))
        xs.append(year)
        ys.append(value * scale)
    return xs, ys


def _isna(value) -> bool:
    import pandas as pd

    return bool(pd.isna(value))


def consistency_chart(report_scores, agency_scores) -> Chart:
    """Agencies' pooled consistency scores (bars) with each report's score (dots), lowest first."""
    title = "一致性得分（100 = 全部通过） Consistency score (100 = every assessable check passed)"
    scored = agency_scores.dropna(subset=["score"]).sort_values(["score", "agency_key"], kind="mergesort")
    scored = scored.head(MAX_BARS)

    def draw():
        fig, ax = _bars_figure(len(scored), 0.6, 0.42)
        if scored.empty:
            _empty(ax, "没有可评估的检查 nothing assessable")
            return fig
        keys = list(scored["agency_key"])[::-1]
        ax.barh(range(len(keys)), list(scored["score"])[::-1], color="#84adea", label=fonts.safe("机构 agency"))
        for i, key in enumerate(keys):
            rows = report_scores[(report_scores["agency_key"] == key) & report_scores["score"].notna()]
            ax.scatter(rows["score"], [i] * len(rows), color="#1d2939", s=14, zorder=3,
                       label=fonts.safe("单份报告 report") if i == 0 else None)
        ax.set_yticks(range(len(keys)), [fonts.safe(k) for k in keys])
        return _finish_percent_bars(fig, ax, "得分 score", title, ncol=2)

    return _render("consistency", title, draw)


def _finish_percent_bars(fig, ax, xlabel: str, title: str, ncol: int):
    """The common frame of the horizontal 0-100 bar charts: axis, grid, legend below, title."""
    ax.set_xlim(0, 100)
    ax.set_xlabel(fonts.safe(xlabel))
    ax.grid(axis="x", alpha=0.3)
    fig.legend(loc="outside lower center", fontsize=8, ncol=ncol)
    ax.set_title(fonts.safe(title), fontsize=10)
    return fig


def reuse_chart(reuse_reports, keep=None) -> Chart:
    """Per report: share of its text found in earlier (or same-year) reports, and in its agency's previous report."""
    title = "文本重复率 Text reuse: share of a report's text found in earlier reports"
    frame = reuse_reports if keep is None else reuse_reports[reuse_reports["report_id"].isin(set(keep))]
    frame = frame.dropna(subset=["reuse_share"])
    if len(frame) > MAX_BARS:
        frame = frame.sort_values(["reuse_share", "report_id"], ascending=[False, True], kind="mergesort")
        frame = frame.head(MAX_BARS)
    frame = frame.sort_values(["agency_key", "year", "report_id"], kind="mergesort")

    def draw():
        import numpy as np

        fig, ax = _bars_figure(len(frame), 0.8, 0.34)
        if frame.empty:
            _empty(ax, "没有正文段落 no running text")
            return fig
        labels = [fonts.safe(f"{a} {'' if _isna(y) else int(y)}") for a, y in zip(frame["agency"], frame["year"])]
        y = np.arange(len(frame))[::-1]
        ax.barh(y + 0.2, 100 * frame["reuse_share"].astype(float), height=0.4, color="#f79009",
                label=fonts.safe("来自更早或同年的任一报告 from any earlier or same-year report"))
        prev = frame["prev_share"].astype(float).fillna(0)
        ax.barh(y - 0.2, 100 * prev, height=0.4, color="#2e90fa",
                label=fonts.safe("来自本机关上一年报告 from the agency's previous report"))
        ax.set_yticks(y, labels, fontsize=8)
        return _finish_percent_bars(fig, ax, "占正文字符 % of running-text characters", title, ncol=1)

    return _render("reuse", title, draw)


def similarity_chart(points) -> Chart:
    """The reports on the 2-D projection of their TF-IDF vectors, coloured by agency, labelled by year."""
    title = "报告相似度图（TF-IDF + PCA） Similarity map of the reports"
    agencies = _top_agencies(points) if len(points) else []

    def draw():
        fig = _figure(9, 6.5)
        ax = fig.subplots()
        if points.empty:
            _empty(ax, "没有正文 no text")
            return fig
        for i, key in enumerate(agencies):
            rows = points[points["agency_key"] == key]
            ax.scatter(rows["x"], rows["y"], s=36, color=f"C{i % 10}", label=fonts.safe(key), alpha=0.85)
        rest = points[~points["agency_key"].isin(agencies)]
        if len(rest):
            ax.scatter(rest["x"], rest["y"], s=24, color="#98a2b3", label=fonts.safe("其他机构 other agencies"))
        for x, y, year in zip(points["x"], points["y"], points["year"]):
            if not _isna(year):
                ax.annotate(str(int(year)), (x, y), textcoords="offset points", xytext=(4, 3), fontsize=7,
                            color="#475467")
        ax.set_xlabel(fonts.safe("主成分 1 component 1"))
        ax.set_ylabel(fonts.safe("主成分 2 component 2"))
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8, loc="best")
        ax.set_title(fonts.safe(title), fontsize=10)
        return fig

    return _render("similarity", title, draw)
