"""The store: an embedded DuckDB database, Parquet files and an Excel workbook, each written atomically.

Every file is first written under a temporary name in its target folder, then renamed over the old one, so a
failed or interrupted run leaves the previous store whole (or none), never half a database. The Parquet folder is
written as a whole under a temporary name and swapped in.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from .schema import BY_NAME, STORE_SCHEMA, TABLE_NAMES, TABLES, arrow_schema

EXCEL_MAX_ROWS = 1_048_576 - 1  # one header row
EXCEL_MAX_CHARS = 32_767


def _temp_beside(path: Path, suffix: str = "") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=f"{suffix}.tmp")
    os.close(fd)
    return Path(tmp)


def _publish(tmp: Path, path: Path) -> None:
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


# ---------------------------------------------------------------------------------------------------------- DuckDB


def write_duckdb(tables: dict, path: Path) -> Path:
    """Create every table (typed as in ``schema.TABLES``, with column comments) in a new database file."""
    import duckdb

    path = Path(path)
    tmp = _temp_beside(path)
    tmp.unlink()  # DuckDB wants to create the file itself
    try:
        con = duckdb.connect(str(tmp))
        try:
            con.execute(ddl())
            for spec in TABLES:
                con.register("_rows", tables[spec.name])
                con.execute(f'INSERT INTO "{spec.name}" SELECT * FROM _rows')
                con.unregister("_rows")
            con.execute("CHECKPOINT")
        finally:
            con.close()
        Path(f"{tmp}.wal").unlink(missing_ok=True)
        Path(f"{path}.wal").unlink(missing_ok=True)  # a stale log of the old file must not be replayed on the new one
        _publish(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        Path(f"{tmp}.wal").unlink(missing_ok=True)
        raise
    return path


def _sql(text: str) -> str:
    return text.replace("'", "''")


def ddl() -> str:
    """The SQL that creates the store's tables, typed and commented (``SELECT * FROM duckdb_columns()`` shows the
    comments)."""
    statements = []
    for spec in TABLES:
        cols = ", ".join(f'"{c.name}" {c.type}' for c in spec.columns)
        statements.append(f'CREATE TABLE "{spec.name}" ({cols});')
        statements.append(f"COMMENT ON TABLE \"{spec.name}\" IS '{_sql(spec.doc)}';")
        statements += [f"COMMENT ON COLUMN \"{spec.name}\".\"{c.name}\" IS '{_sql(c.doc)}';" for c in spec.columns]
    statements.append("CREATE TABLE _xxgk (key VARCHAR, value VARCHAR);")
    statements.append(f"INSERT INTO _xxgk VALUES ('schema', '{STORE_SCHEMA}');")
    return "\n".join(statements)


def read_duckdb(path: Path) -> dict:
    import duckdb

    con = duckdb.connect(str(path), read_only=True)
    try:
        out = {}
        for name in TABLE_NAMES:
            table = con.sql(f'SELECT * FROM "{name}"').to_arrow_table()
            out[name] = table.cast(arrow_schema(name))  # list fields come back named differently
        return out
    finally:
        con.close()


# --------------------------------------------------------------------------------------------------------- Parquet


def write_parquet(tables: dict, folder: Path) -> Path:
    """``<folder>/<table>.parquet`` for each table; the folder is replaced as a whole."""
    import pyarrow.parquet as pq

    folder = Path(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}.", suffix=".tmp"))
    try:
        for name in TABLE_NAMES:
            pq.write_table(tables[name], tmp / f"{name}.parquet")
        os.chmod(tmp, 0o755)
        old = None
        if folder.exists():
            old = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}.", suffix=".old"))
            os.rmdir(old)
            os.replace(folder, old)
        os.replace(tmp, folder)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return folder


def read_parquet(folder: Path) -> dict:
    import pyarrow.parquet as pq

    return {name: pq.read_table(Path(folder) / f"{name}.parquet").cast(arrow_schema(name)) for name in TABLE_NAMES}


# ----------------------------------------------------------------------------------------------------------- Excel

FINDING_COLUMNS = ("report_id", "agency", "year", "template", "rule", "status", "severity", "message_zh",
                   "message_en", "cells", "origin", "fingerprint", "review_decision", "review_comment")
ERROR_COLUMNS = ("report_id", "path", "code", "reason", "hint", "fatal")


def write_excel(panel: list[dict], findings: list[dict], errors: list[dict], path: Path) -> Path:
    """A workbook for spreadsheet users: ``panel`` (one row per report), ``findings`` (fail and uncertain ones;
    every finding is in the store), ``errors`` and ``columns`` (what each column means)."""
    from openpyxl import Workbook

    from .panel import columns as panel_columns

    path = Path(path)
    book = Workbook(write_only=True)
    notes = []
    described = panel_columns()
    _sheet(book, "panel", [c[0] for c in described], panel, notes, widths={"agency": 28, "agency_normalised": 28})
    actionable = [f for f in findings if f.get("status") in ("fail", "uncertain")]
    _sheet(book, "findings", FINDING_COLUMNS, actionable, notes,
           widths={"agency": 28, "message_zh": 80, "message_en": 80, "fingerprint": 18})
    _sheet(book, "errors", ERROR_COLUMNS, errors, notes, widths={"path": 40, "reason": 80})
    about = book.create_sheet("columns")
    about.append(["sheet", "column", "中文", "meaning"])
    for name, zh, en in described:
        about.append(["panel", name, zh if zh != name else "", en if en != name else _report_doc(name)])
    for name in FINDING_COLUMNS:
        about.append(["findings", name, "", _doc("findings", name)])
    for name in ERROR_COLUMNS:
        about.append(["errors", name, "", _doc("errors", name)])
    about.append(["findings", "", "", "only fail and uncertain findings; all findings are in xxgk.duckdb and "
                                      "parquet/findings.parquet"])
    for note in notes:
        about.append(["", "", "", note])
    tmp = _temp_beside(path, ".xlsx")
    try:
        book.save(tmp)
        _publish(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def _doc(table: str, column: str) -> str:
    return next((c.doc for c in BY_NAME[table].columns if c.name == column), "")


def _report_doc(column: str) -> str:
    return _doc("reports", column) or _doc("findings", column)


def _sheet(book, title: str, columns, rows: list[dict], notes: list[str], widths: dict | None = None) -> None:
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(title)
    for index, name in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = (widths or {}).get(name, max(10, len(name) + 2))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(len(rows), 1) + 1}"
    sheet.append(list(columns))
    for row in rows[:EXCEL_MAX_ROWS]:
        sheet.append([_cell(row.get(c)) for c in columns])
    if len(rows) > EXCEL_MAX_ROWS:
        notes.append(f"sheet {title}: {len(rows) - EXCEL_MAX_ROWS} rows left out (Excel's limit); see the store")


def _cell(value):
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if value is None:
        return None
    if isinstance(value, float) and value != value:  # NaN
        return None
    if isinstance(value, (list, tuple)):
        value = ", ".join(map(str, value))
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)[:EXCEL_MAX_CHARS]
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):  # numpy scalars
        return value.item()
    return value
