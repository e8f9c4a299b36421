"""``Corpus``: the reports of a scan as dicts and as the store's tables (pandas DataFrames), loaded on demand.

    >>> corpus = nlp.scan("corpus/", out="reports_out")
    >>> corpus.facts.query("cell_id == 'p.active.total'")[["agency", "year", "value"]]
    >>> corpus.panel                      # one row per report, main indicators
    >>> nlp.Corpus.from_store("reports_out/xxgk.duckdb").findings

Nothing is loaded until asked for: after an unchanged re-scan, ``.facts`` reads the store that is already on disk,
and ``.reports`` reads the cached report dicts.
"""
from __future__ import annotations

import json
from functools import cached_property
from pathlib import Path

from .schema import TABLE_NAMES


class Corpus:
    def __init__(self, sources=None, errors=None, rows=None, tables=None, reports=None, folder=None):
        self._sources = list(sources or [])
        self.errors: list[dict] = list(errors or [])  # files that could not be read (and cross-report failures)
        self._rows = rows
        self._tables = tables
        self._reports = reports
        self._folder = Path(folder) if folder else None  # where per-report JSON files may be found (from_store)
        self.store_path: Path | None = None  # an up-to-date store of exactly these reports, when one exists
        self.stats: dict = {}

    # ------------------------------------------------------------------ reports

    @property
    def reports(self) -> list[dict]:
        """Every report read, as its ``xxgk.report/1`` dict (cross-report findings merged, reviews attached)."""
        if self._reports is None:
            if self._sources:
                self._reports = [s.load()[0] for s in self._sources]
            else:
                self._reports = [self._stored_report(r) for r in self.tables()["reports"].to_pylist()]
        return self._reports

    def _stored_report(self, row: dict) -> dict:
        if self._folder is not None:
            path = self._folder / f"{row['report_id']}.json"
            if path.exists():
                return json.loads(path.read_text("utf-8"))
        meta = {k: row.get(k) for k in ("agency", "agency_normalised", "region", "level", "body", "year",
                                        "template")}
        meta["published"] = row["published"].isoformat() if row.get("published") else None
        return {"schema": row.get("schema_version"), "generator": row.get("generator"), "id": row["report_id"],
                "source": {"path": row.get("path"), "sha256": row.get("sha256"), "format": row.get("format"),
                           "characters": row.get("characters")}, "meta": meta, "partial": True}

    def __len__(self) -> int:
        return len(self._sources) if self._sources else self.tables()["reports"].num_rows

    def __repr__(self) -> str:
        return f"<Corpus: {len(self)} reports, {len(self.errors)} files failed>"

    @property
    def rows(self) -> list[dict]:
        """One summary row per report (as in summary.json): id, path, agency, year, template and the counts."""
        if self._rows is None:
            self._rows = [{"id": r["id"], "path": (r.get("source") or {}).get("path"),
                           "agency": (r.get("meta") or {}).get("agency"), "year": (r.get("meta") or {}).get("year"),
                           "template": (r.get("meta") or {}).get("template"), **(r.get("stats") or {})}
                          for r in self.reports]
        return self._rows

    # ------------------------------------------------------------------ tables

    def tables(self) -> dict:
        """``{name: pyarrow.Table}`` for every store table (schema.TABLES)."""
        if self._tables is None:
            if self.store_path is not None and self.store_path.exists():
                from .store import read_duckdb

                self._tables = read_duckdb(self.store_path)
            else:
                self._tables = self._build()
        return self._tables

    def _build(self) -> dict:
        from .frames import TableBuilder

        builder = TableBuilder()
        for src in self._sources:  # one report at a time: the rows stay, the dicts go
            report, text, paragraphs = src.load()
            builder.add(report, text, paragraphs)
        if not self._sources and self._reports:
            for report in self._reports:
                builder.add(report)
        read = {s.path: s.id for s in self._sources}
        for error in self.errors:  # not fatal: a report whose pages could not be written, a cross-report failure
            path = error.get("path") or ""
            builder.add_error(read.get(path) or _id_of(error), error, fatal=bool(path) and path not in read)
        return builder.tables()

    def _frame(self, name: str):
        from .frames import to_pandas

        return to_pandas(self.tables()[name])

    @cached_property
    def reports_frame(self):
        return self._frame("reports")

    @cached_property
    def facts(self):
        return self._frame("facts")

    @cached_property
    def claims(self):
        return self._frame("claims")

    @cached_property
    def findings(self):
        return self._frame("findings")

    @cached_property
    def entities(self):
        return self._frame("entities")

    @cached_property
    def keywords(self):
        return self._frame("keywords")

    @cached_property
    def paragraphs(self):
        return self._frame("paragraphs")

    @cached_property
    def errors_frame(self):
        return self._frame("errors")

    def panel_rows(self) -> list[dict]:
        from .panel import panel_rows

        tables = self.tables()
        return panel_rows(tables["reports"].to_pylist(), tables["facts"].to_pylist())

    @cached_property
    def panel(self):
        """One row per report: agency, year, template and the main indicators (``nlp.corpus.panel``)."""
        import pandas as pd

        from .panel import columns

        return pd.DataFrame(self.panel_rows(), columns=[c[0] for c in columns()])

    # ------------------------------------------------------------------ comparisons (nlp.compare)

    def analyse(self, overrides=None, charts: bool = False):
        """Every comparison as DataFrames: panel, rankings, outliers, consistency scores, reuse, keywords, map
        (``nlp.compare.analyse``)."""
        from ..compare.analysis import analyse

        return analyse(self, overrides=overrides, charts=charts)

    def report(self, out, overrides=None, cache: bool = True) -> dict:
        """Write the corpus report ``out/index.html`` (+ ``index.md``, ``charts/``), as ``xxgk scan`` does last
        (``nlp.compare.corpus_report``)."""
        from ..compare.analysis import corpus_report

        return corpus_report(self, out, overrides=overrides, cache=cache)

    def compare(self, a: str, b: str, overrides=None):
        """Two reports of this corpus side by side, by report id (``nlp.compare.compare``; ``.write(out)``)."""
        from ..compare.pair import compare

        return compare(a, b, corpus=self, overrides=overrides)

    # ------------------------------------------------------------------ writing

    def to_duckdb(self, path) -> Path:
        from .store import write_duckdb

        return write_duckdb(self.tables(), Path(path))

    def to_parquet(self, folder) -> Path:
        from .store import write_parquet

        return write_parquet(self.tables(), Path(folder))

    def to_excel(self, path) -> Path:
        from .store import write_excel

        tables = self.tables()
        return write_excel(self.panel_rows(), tables["findings"].to_pylist(), tables["errors"].to_pylist(), Path(path))

    def write_store(self, out) -> dict[str, Path]:
        """xxgk.duckdb, parquet/ and xxgk.xlsx in ``out``, each written atomically."""
        out = Path(out)
        return {"duckdb": self.to_duckdb(out / "xxgk.duckdb"), "parquet": self.to_parquet(out / "parquet"),
                "excel": self.to_excel(out / "xxgk.xlsx")}

    # ------------------------------------------------------------------ reading a store back

    @classmethod
    def from_store(cls, path) -> "Corpus":
        """A corpus from a store: ``xxgk.duckdb``, a Parquet folder, or the output folder holding either."""
        from .store import read_duckdb, read_parquet

        path = Path(path)
        if path.is_dir() and (path / "xxgk.duckdb").exists():
            path = path / "xxgk.duckdb"
        elif path.is_dir() and (path / "parquet" / "reports.parquet").exists():
            path = path / "parquet"
        if path.is_file():
            tables, folder = read_duckdb(path), path.parent
        elif path.is_dir() and all((path / f"{n}.parquet").exists() for n in TABLE_NAMES):
            tables, folder = read_parquet(path), path.parent
        else:
            raise FileNotFoundError(f"{path}: no xxgk store (xxgk.duckdb or a folder of Parquet files)")
        errors = [{k: r[k] for k in ("path", "code", "reason", "hint")}
                  for r in tables["errors"].to_pylist() if r["fatal"]]
        corpus = cls(errors=errors, tables=tables, folder=folder)
        corpus.store_path = path if path.is_file() else None
        return corpus


def _id_of(error: dict) -> str:
    return Path(error.get("path") or "").stem
