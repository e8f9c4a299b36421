"""The ``xxgk`` command. Each command parses its arguments and calls the Python API; only this module prints.

    xxgk check corpus/000_dongying_gjj_2018.txt          # one report → reports_out/<id>.json|md|html
    xxgk scan corpus/                                     # every report in a folder, with a progress bar
    xxgk compare corpus/200_pingtan_2024.html corpus/201_pingtan_2025.html   # two reports side by side
    xxgk rules                                            # the rule catalogue; `xxgk rules P1` explains one

Exit codes: 0 all files processed (findings are not errors), 1 some files failed, 2 usage error.
"""
from __future__ import annotations

from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.table import Table

from . import __version__

EPILOG = """\b
Examples:
  xxgk check corpus/000_dongying_gjj_2018.txt        one report -> reports_out/<id>.json|md|html
  xxgk scan corpus/ --out reports_out/               a folder, recursively, with a progress bar
  xxgk rules                                         the rule catalogue; `xxgk rules NT-1` explains one
  xxgk review <fingerprint> -d dismissed -c "…"      record a reviewer's decision
  xxgk compare A B                                   two reports side by side (tables, reused text, findings)

\b
Statuses: fail = a definite contradiction; uncertain = a disagreement that a different scope,
a blank cell, an approximate figure or an uncertain reading could explain (the reason is given);
pass; not_assessable = nothing to compare. Blank cells are never read as zero.
Exit codes: 0 all files processed (findings are not errors), 1 some files failed, 2 usage error.
Docs: docs/report-json.md (the JSON contract), docs/rules.md, docs/errors.md."""

app = typer.Typer(
    help="Audit Chinese government information-disclosure annual reports (政府信息公开工作年度报告): "
    "table arithmetic, text against tables, text against itself, timeliness. Offline and deterministic.",
    epilog=EPILOG,
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
console = Console()
err = Console(stderr=True)
DEFAULT_OUT = Path("reports_out")


class Format(str, Enum):
    json = "json"
    md = "md"
    html = "html"
    all = "all"


def _formats(fmt: Format) -> tuple[str, ...]:
    return ("json", "md", "html") if fmt == Format.all else (fmt.value,)


@contextmanager
def _usage_errors():
    """A missing path (E100) or a bad argument or review file (E300) is a usage error: exit code 2."""
    try:
        yield
    except FileNotFoundError as error:
        err.print(f"[E100] {error}")
        raise typer.Exit(2)
    except (ValueError, ImportError) as error:
        err.print(f"[E300] {error}")
        raise typer.Exit(2)


def _version(value: bool):
    if value:
        console.print(f"xxgk {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version and exit."),
):
    """xxgk: every finding traced to the exact sentence and table cell."""


@app.command()
def check(
    file: Path = typer.Argument(..., help="A report file: .txt, .md, .html, .pdf or .docx."),
    format: Format = typer.Option(Format.all, "--format", "-f", help="Which outputs to write."),
    out: Path = typer.Option(DEFAULT_OUT, "--out", "-o", help="Folder for the outputs."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print nothing but errors."),
    screenshots: bool = typer.Option(False, "--screenshots", help="Also save a PNG of the HTML page in "
                                     "OUT/screenshots/ (headless Chromium; skipped with a message without it)."),
):
    """Audit one report and write its JSON, Markdown and HTML reports.

    \b
    Example:
      xxgk check corpus/000_dongying_gjj_2018.txt --format html --out reports_out/
    """
    from .errors import XxgkError
    from .pipeline import read
    from .render import write_report

    if not file.exists():
        err.print(f"[E100] {file}: no such file")
        raise typer.Exit(2)
    try:
        report = read(file)
    except XxgkError as error:
        err.print(error.message)
        raise typer.Exit(1)
    _apply_reviews(report, out)
    written = write_report(report, out, _formats(format))
    if not quiet:
        _print_report(report)
        for path in written:
            console.print(f"wrote {path}")
    if screenshots:
        _screenshots([p for p in written if p.suffix == ".html"], out, quiet=quiet)


def _apply_reviews(report, out: Path) -> None:
    from .review import FILENAME, apply_reviews, load_reviews

    try:
        apply_reviews(report, load_reviews(out / FILENAME))
    except ValueError as error:
        err.print(f"[E300] {error}")
        raise typer.Exit(2)


def _screenshots(pages: List[Path], out: Path, workers: int = 2, quiet: bool = False) -> None:
    """``--screenshots``: a PNG of each HTML page in OUT/screenshots/; never changes the exit code."""
    from .render.screenshot import BrowserMissing, screenshot_pages

    pages = [p for p in pages if p.exists()]
    if not pages:
        err.print("screenshots: no HTML page was written (use --format html or all)")
        return
    try:
        done, problems = screenshot_pages(pages, out / "screenshots", workers=min(max(workers, 1), 4))
    except BrowserMissing as error:
        err.print(f"screenshots skipped: {error}")
        return
    for problem in problems:
        err.print(f"[yellow]screenshot failed[/]: {problem}")
    if not quiet:
        console.print(f"{len(done)} screenshot(s) → {out / 'screenshots'}/")


def _print_report(report) -> None:
    meta = report.meta
    stats = report.stats()
    console.print(f"[bold]{meta.agency or report.id}[/] {meta.year or ''} · template {meta.template} · "
                  f"published {meta.published or '—'}")
    console.print(f"{stats['facts']} table facts ({stats['facts_uncertain']} read with confidence < 1, "
                  f"{stats['uncertain_share']:.1%}; {stats['facts_ambiguous']} with several possible readings), "
                  f"{stats['claims']} claims in the text")
    table = Table("status", "rule", "message", show_lines=False)
    colours = {"fail": "red", "uncertain": "yellow", "pass": "green", "not_assessable": "dim"}
    for status in ("fail", "uncertain"):
        for f in report.findings:
            if f.status == status:
                table.add_row(f"[{colours[status]}]{status}[/]", f.rule, f.message["zh"])
    if table.row_count:
        console.print(table)
    c = report.counts()
    console.print(f"[red]{c['fail']} fail[/] · [yellow]{c['uncertain']} uncertain[/] · [green]{c['pass']} pass[/] · "
                  f"{c['not_assessable']} not assessable")


@app.command()
def scan(
    paths: List[Path] = typer.Argument(..., help="Folders (searched recursively) and/or report files."),
    out: Path = typer.Option(DEFAULT_OUT, "--out", "-o", help="Folder for the outputs."),
    format: Format = typer.Option(Format.all, "--format", "-f", help="Which per-report outputs to write."),
    workers: Optional[int] = typer.Option(None, "--workers", "-w", min=1, help="Worker processes (default: all cores)."),
    cluster: Optional[str] = typer.Option(None, "--cluster", help="Read and write on a Dask cluster instead: the "
                                          "scheduler's address (tcp://host:8786), or 'local'. Needs xxgk[cluster] "
                                          "and a file system the workers share (docs/cluster.md)."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Read every file again (ignore and do not write the "
                                  "cache in OUT/.cache)."),
    timeout: float = typer.Option(300, "--timeout", min=0, help="Give up reading one file after this many seconds "
                                  "(error E107, tried again next run); 0: no limit."),
    screenshots: bool = typer.Option(False, "--screenshots", help="Also save a PNG of every HTML page (per report and "
                                     "index.html) in OUT/screenshots/ (headless Chromium; skipped without it)."),
):
    """Audit every report under the given folders; a bad file is reported and skipped.

    Writes one JSON/Markdown/HTML report per file, summary.json, the store: xxgk.duckdb, parquet/<table>.parquet
    and xxgk.xlsx (docs/store.md), and the corpus report: index.html (self-contained: panel, rankings, charts,
    reuse, findings) with its Markdown twin index.md and charts/*.png (docs/corpus-report.md). Results are cached
    by content in OUT/.cache: a re-run reads only new or changed files, and an interrupted scan resumes where it
    stopped.

    \b
    Examples:
      xxgk scan corpus/ --out reports_out/
      xxgk scan /shared/reports --out /shared/out --cluster tcp://scheduler:8786
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    from .corpus import scan as run_scan

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
               TimeElapsedColumn(), TimeRemainingColumn())
    with Progress(*columns, console=err, transient=False) as progress:
        task = progress.add_task("reading reports", total=None, rate="")
        tasks = [task]

        def finish() -> None:  # a phase without a count is shown as done when the next one starts
            if progress.tasks[tasks[-1]].total is None:
                progress.update(tasks[-1], total=1, completed=1)

        def show(event) -> None:
            progress.console.print(f"[red]error[/] [{event.error['code']}] {event.path}: {event.error['reason']}")

        def on_event(event) -> None:
            if event.kind == "start":
                progress.update(task, total=event.total)
            elif event.kind == "file":
                if not event.ok:
                    show(event)
                progress.advance(task)
                state = progress.tasks[task]
                progress.update(task, rate=f"{state.completed / max(state.elapsed or 0, 1e-9):.1f} files/s")
            elif event.kind == "phase" and event.phase == "outputs":
                finish()
                tasks.append(progress.add_task("writing reports", total=event.total, rate=""))
            elif event.kind == "output":
                if not event.ok:
                    show(event)
                progress.advance(tasks[-1])
            elif event.kind == "phase":
                finish()
                tasks.append(progress.add_task({"store": "writing the store (DuckDB, Parquet, Excel)",
                                                "cross-report": "cross-report rules"}.get(event.phase, event.phase),
                                               total=None, rate=""))

        try:
            with _usage_errors():
                corpus = run_scan(paths, out=out, workers=workers, cache=not no_cache, formats=_formats(format),
                                  progress=on_event, cluster=cluster, timeout=timeout or None)
        except KeyboardInterrupt:
            err.print("interrupted: the files read so far are cached; run the same command again to resume")
            raise typer.Exit(130)
        finish()
        report_task = progress.add_task("corpus report (index.html, index.md, charts)", total=None, rate="")
        written_report, report_problem = _corpus_report(corpus, out, paths, cache=not no_cache)
        progress.update(report_task, total=1, completed=1)
    rows, failed, stats = corpus.rows, corpus.errors, corpus.stats
    totals = {k: sum((r.get("findings") or {}).get(k, 0) for r in rows) for k in ("fail", "uncertain", "pass")}
    console.print(f"{len(rows)} reports read, {len(failed)} failed ({stats['cached']} files from the cache, "
                  f"{stats['read']} read now) · findings: {totals['fail']} fail, {totals['uncertain']} uncertain, "
                  f"{totals['pass']} pass · {stats['seconds']:.1f} s → {out}/ (xxgk.duckdb, parquet/, xxgk.xlsx)")
    if report_problem:
        err.print(f"[E999] the corpus report could not be written: {report_problem}")
    else:
        console.print(f"corpus report → {written_report['html']}, {written_report['md'].name}, "
                      f"{CHARTS_FOLDER}/{' (unchanged)' if written_report.get('skipped') else ''}")
    if screenshots:
        _screenshots([out / f"{r['id']}.html" for r in rows] + [out / "index.html"], out, workers or 2)
    if failed:
        for error in failed[:20]:
            err.print(f"failed: [{error['code']}] {error['path']}: {error['reason']}")
        if len(failed) > 20:
            err.print(f"… and {len(failed) - 20} more: see {out / 'summary.json'}")
        raise typer.Exit(1)
    if report_problem:
        raise typer.Exit(1)


CHARTS_FOLDER = "charts"


def _corpus_report(corpus, out: Path, paths: List[Path], cache: bool = True):
    from .compare.analysis import report_after_scan

    return report_after_scan(corpus, out, paths, cache=cache)


@app.command()
def compare(
    a: Path = typer.Argument(..., metavar="A", help="Report A: a report file (.txt .md .html .pdf .docx), or an "
                             "xxgk page <id>.html / <id>.json (the report it was made from is used)."),
    b: Path = typer.Argument(..., metavar="B", help="Report B, likewise."),
    out: Path = typer.Option(DEFAULT_OUT, "--out", "-o", help="Folder for compare_<A>_vs_<B>.html and .md."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Read both files again (ignore the cache)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print nothing but errors."),
):
    """Two reports side by side: indicators, tables cell by cell with the differences marked, the texts with the
    passages one repeats from the other marked, and the findings of both (one HTML page and its Markdown twin).

    \b
    Example:
      xxgk compare corpus/200_pingtan_2024.html corpus/201_pingtan_2025.html --out reports_out/
    """
    from .compare.pair import CompareError
    from .compare.pair import compare as compare_reports

    try:
        with _usage_errors():
            result = compare_reports(a, b, cache=not no_cache)
    except CompareError as error:
        for problem in error.errors or [{"code": "E999", "path": "", "reason": str(error)}]:
            err.print(f"[{problem.get('code')}] {problem.get('path')}: {problem.get('reason')}")
        raise typer.Exit(1)
    written = result.write(out)
    if quiet:
        return
    share = lambda v: "—" if v is None else f"{v:.1%}"  # noqa: E731
    count = lambda items, status: sum(1 for f in items if f["status"] == status)  # noqa: E731
    console.print(f"A {result.a['id']} ({result.a['agency']} {result.a['year'] or ''}) ↔ B {result.b['id']} "
                  f"({result.b['agency']} {result.b['year'] or ''}) · {result.relation}")
    console.print(f"cells: {result.cells_differ} of {result.cells_compared} differ · reuse: {share(result.share_a)} "
                  f"of A's running text is in B, {share(result.share_b)} of B's in A · findings: A "
                  f"{count(result.findings_a, 'fail')} fail / {count(result.findings_a, 'uncertain')} uncertain, B "
                  f"{count(result.findings_b, 'fail')} fail / {count(result.findings_b, 'uncertain')} uncertain")
    for path in written.values():
        console.print(f"wrote {path}")


@app.command()
def review(
    fingerprint: str = typer.Argument(..., help="The finding's fingerprint (in the JSON, Markdown and HTML reports)."),
    decision: str = typer.Option(..., "--decision", "-d", help="confirmed or dismissed."),
    comment: str = typer.Option("", "--comment", "-c", help="Why."),
    out: Path = typer.Option(DEFAULT_OUT, "--out", "-o", help="The output folder holding review.csv."),
):
    """Record a reviewer's decision on a finding; later runs show it next to the finding.

    \b
    Example:
      xxgk review 3f0c9a1b2c3d4e5f --decision dismissed --comment "口径不同：含转办电话"
    """
    from .review import DECISIONS, FILENAME, record

    if decision not in DECISIONS:
        err.print(f"[E300] --decision must be one of {', '.join(DECISIONS)}")
        raise typer.Exit(2)
    record(out / FILENAME, fingerprint, decision, comment)
    console.print(f"recorded {decision} for {fingerprint} in {out / FILENAME}")


@app.command()
def rules(rule_id: Optional[str] = typer.Argument(None, help="A rule id (e.g. P1, NT-1) to explain.")):
    """List the rule catalogue, or explain one rule.

    \b
    Example:
      xxgk rules NT-1
    """
    from .checks.catalogue import get_rule, load_rules

    if rule_id:
        try:
            rule = get_rule(rule_id)
        except KeyError:
            err.print(f"[E200] no rule '{rule_id}'; `xxgk rules` lists them")
            raise typer.Exit(2)
        console.print(f"[bold]{rule.id}[/] (v{rule.version}) {rule.title_zh} — {rule.title_en}")
        console.print(f"family {rule.family} · kind {rule.kind} · basis {rule.basis} · severity {rule.severity} · "
                      f"templates {', '.join(rule.templates)}")
        console.print(rule.rationale)
        console.print(f"Example: {rule.example}")
        return
    table = Table("id", "family", "severity", "title")
    for rule in load_rules():
        table.add_row(rule.id, rule.family, rule.severity, f"{rule.title_zh} / {rule.title_en}")
    console.print(table)


def main():
    app()
