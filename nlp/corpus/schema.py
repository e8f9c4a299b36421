"""The store's tables: every column with its type and meaning. The single source of the store's schema.

DuckDB tables, Parquet files, the ``Corpus`` DataFrames and ``docs/store.md`` all follow ``TABLES``; a test checks
that the documentation names every column. Change a column's meaning only with a bump of ``STORE_SCHEMA``.
"""
from __future__ import annotations

from dataclasses import dataclass

STORE_SCHEMA = "xxgk.store/1"


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # DuckDB type: VARCHAR, INTEGER, BIGINT, DOUBLE, BOOLEAN, DATE, VARCHAR[]
    doc: str


@dataclass(frozen=True)
class TableSpec:
    name: str
    doc: str
    columns: tuple[Column, ...]

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


def _c(name: str, type_: str, doc: str) -> Column:
    return Column(name, type_, doc)


# The columns every per-item table repeats, so that a researcher can filter without a join.
_REPORT_KEYS = (
    _c("report_id", "VARCHAR", "the report's id: the file name without its suffix (made unique within a scan)"),
    _c("agency", "VARCHAR", "the agency as printed in the report's title"),
    _c("year", "INTEGER", "the report year (the year reported on, not the publication year)"),
    _c("template", "VARCHAR", "pre2019 | v2019 | v2021 | none: the national table format the report follows"),
)
_SPAN = (
    _c("span_start", "BIGINT", "start offset in the report's normalised text (docs/report-json.md)"),
    _c("span_end", "BIGINT", "end offset (exclusive) in the report's normalised text"),
)

TABLES: tuple[TableSpec, ...] = (
    TableSpec("reports", "One row per report that was read (files that could not be read are in `errors`).", (
        _c("report_id", "VARCHAR", "the report's id: the file name without its suffix (made unique within a scan)"),
        _c("path", "VARCHAR", "the file as given to the scan"),
        _c("sha256", "VARCHAR", "SHA-256 of the file's bytes"),
        _c("format", "VARCHAR", "txt | md | html | pdf | docx (from the content, not the suffix)"),
        _c("characters", "BIGINT", "length of the normalised text"),
        _c("agency", "VARCHAR", "the agency as printed in the title"),
        _c("agency_normalised", "VARCHAR", "the agency with parenthesised abbreviations removed"),
        _c("region", "VARCHAR", "the region the agency belongs to, as read from its name"),
        _c("level", "VARCHAR", "national | province | city | county | township"),
        _c("body", "VARCHAR", "government | government_office | department"),
        _c("year", "INTEGER", "the report year"),
        _c("published", "DATE", "publication date, when the report prints one"),
        _c("template", "VARCHAR", "pre2019 | v2019 | v2021 | none"),
        _c("facts", "INTEGER", "template cells read (rows in `facts`)"),
        _c("facts_filled", "INTEGER", "cells that are not blank"),
        _c("facts_uncertain", "INTEGER", "cells read with confidence < 1"),
        _c("uncertain_share", "DOUBLE", "facts_uncertain / facts"),
        _c("claims", "INTEGER", "quantities found in the text (rows in `claims`)"),
        _c("findings_fail", "INTEGER", "findings with status fail"),
        _c("findings_uncertain", "INTEGER", "findings with status uncertain"),
        _c("findings_pass", "INTEGER", "findings with status pass"),
        _c("findings_not_assessable", "INTEGER", "findings with status not_assessable"),
        _c("notes", "INTEGER", "notes on what could not be read (the report's errors[]; rows in `errors`)"),
        _c("generator", "VARCHAR", "the xxgk version that read the report"),
        _c("schema_version", "VARCHAR", "the report JSON schema (xxgk.report/1)"),
    )),
    TableSpec("facts", "One row per template cell of each report (docs/report-json.md `facts[]`).", (
        *_REPORT_KEYS,
        _c("cell_id", "VARCHAR", "canonical cell id (spec/TEMPLATES.md §8), e.g. p.active.total, t3.res.total.total"),
        _c("label", "VARCHAR", "the row label as printed"),
        _c("value", "DOUBLE", "the value as a number; NULL when blank, n/a, text or unreadable"),
        _c("value_exact", "VARCHAR", "the value exactly as in the JSON (integer or decimal string); no rounding"),
        _c("raw", "VARCHAR", "the cell text as printed, never altered"),
        _c("semantic", "VARCHAR", "number | zero | blank | na | text (blank is never zero)"),
        _c("unit", "VARCHAR", "unit of the cell (条, 件, 万元 …), when known"),
        _c("confidence", "DOUBLE", "1.0, or less when the reading was not unique"),
        _c("reason", "VARCHAR", "why confidence < 1"),
        _c("candidates", "VARCHAR", "JSON list of the other readings, when there were several"),
        _c("source", "VARCHAR", "how the cell was read (provenance.source: grid, flattened …), when recorded"),
        _c("table_index", "INTEGER", "index of the source table in the document"),
        _c("row_index", "INTEGER", "row of the cell in its source table"),
        _c("col_index", "INTEGER", "column of the cell in its source table"),
        _c("page", "INTEGER", "page number (PDF), else NULL"),
        _c("char_offset", "BIGINT", "where the cell's text starts in the normalised text, when known"),
        _c("provenance", "VARCHAR", "the full provenance object as JSON"),
    )),
    TableSpec("claims", "One row per quantity found in the report's text, in context "
              "(docs/report-json.md `claims[]`).", (
        *_REPORT_KEYS,
        _c("claim_no", "INTEGER", "position of the claim in the report (0-based)"),
        _c("text", "VARCHAR", "the quantity as printed, e.g. 33427 人次"),
        _c("value", "DOUBLE", "its value as a number"),
        _c("value_exact", "VARCHAR", "its value exactly as in the JSON"),
        _c("unit", "VARCHAR", "measure word or unit"),
        _c("kind", "VARCHAR", "count | percent | money | measure"),
        _c("approx", "VARCHAR", "the approximation word (近, 约, 余, 超 …), when any"),
        _c("low", "DOUBLE", "lower bound implied by the approximation"),
        _c("high", "DOUBLE", "upper bound implied by the approximation"),
        _c("subject", "VARCHAR", "the phrase the quantity measures"),
        _c("qualifiers", "VARCHAR[]", "共计, 累计, 其中, 新增, 同比 …"),
        _c("scope", "VARCHAR[]", "scope words (本机关, 代表区政府, 全区, 备案 …)"),
        _c("time_scope", "VARCHAR", "the period the sentence speaks of"),
        _c("time_inherited", "BOOLEAN", "true when the period comes from an earlier sentence"),
        _c("section", "VARCHAR", "canonical section of the report"),
        *_SPAN,
        _c("sentence", "VARCHAR", "the sentence holding the quantity"),
        _c("cell_id", "VARCHAR", "the best-scoring linked template cell, when any"),
        _c("link_score", "DOUBLE", "score of that link"),
        _c("links", "VARCHAR", "all candidate links as JSON"),
    )),
    TableSpec("findings", "One row per finding of each report, cross-year findings included (docs/report-json.md "
              "`findings[]`).", (
        *_REPORT_KEYS,
        _c("finding_no", "INTEGER", "position of the finding in the report (0-based)"),
        _c("rule", "VARCHAR", "rule id (`xxgk rules ID` explains it)"),
        _c("status", "VARCHAR", "fail | uncertain | pass | not_assessable"),
        _c("severity", "VARCHAR", "error | warning | info"),
        _c("message_zh", "VARCHAR", "the message in Chinese"),
        _c("message_en", "VARCHAR", "the message in English"),
        _c("fingerprint", "VARCHAR", "stable id of the finding across runs (the key of review.csv)"),
        _c("cells", "VARCHAR[]", "ids of the cells in the evidence"),
        _c("evidence", "VARCHAR", "the evidence (cells and claims with values and positions) as JSON"),
        _c("origin", "VARCHAR", "report (rules within the report) | crossyear (rules against the agency's other "
                                "years)"),
        _c("review_decision", "VARCHAR", "confirmed | dismissed, when a reviewer recorded one in review.csv"),
        _c("review_comment", "VARCHAR", "the reviewer's comment"),
        _c("review_date", "VARCHAR", "the date of the decision"),
    )),
    TableSpec("entities", "One row per named entity found in the text (agencies, regions, 《titles》, document "
              "numbers, hotlines, URLs, dates).", (
        *_REPORT_KEYS,
        _c("entity_no", "INTEGER", "position of the entity in the report (0-based)"),
        _c("text", "VARCHAR", "the entity as printed"),
        _c("label", "VARCHAR", "its type"),
        *_SPAN,
        _c("data", "VARCHAR", "the whole entity object as JSON"),
    )),
    TableSpec("keywords", "One row per keyword of each report.", (
        *_REPORT_KEYS,
        _c("rank", "INTEGER", "rank within the report (0 = first)"),
        _c("term", "VARCHAR", "the keyword"),
        _c("score", "DOUBLE", "its weight"),
        _c("method", "VARCHAR", "how it was scored (tfidf, textrank …), when recorded"),
        _c("data", "VARCHAR", "the whole keyword object as JSON"),
    )),
    TableSpec("paragraphs", "One row per paragraph of each report's normalised text (the unit for text reuse).", (
        *_REPORT_KEYS,
        _c("paragraph_no", "INTEGER", "position of the paragraph in the report (0-based)"),
        _c("section", "VARCHAR", "canonical section the paragraph starts in; NULL before the first section"),
        *_SPAN,
        _c("characters", "INTEGER", "length of the paragraph"),
        _c("in_table", "BOOLEAN", "true when most of the paragraph lies inside a table read from the text"),
        _c("text", "VARCHAR", "the paragraph"),
    )),
    TableSpec("errors", "One row per file that could not be read (fatal), per note on a report that was read (its "
              "`errors[]`), and per later problem (outputs that could not be written, cross-report rules that "
              "failed).", (
        _c("report_id", "VARCHAR", "the report id the file would have had"),
        _c("path", "VARCHAR", "the file"),
        _c("code", "VARCHAR", "coded reason (docs/errors.md): E1xx files that could not be read, W2xx notes"),
        _c("reason", "VARCHAR", "what went wrong"),
        _c("hint", "VARCHAR", "what to do next"),
        _c("fatal", "BOOLEAN", "true when the file could not be read at all"),
    )),
)

BY_NAME = {t.name: t for t in TABLES}
TABLE_NAMES = tuple(t.name for t in TABLES)


def arrow_schema(table: str):
    """The pyarrow schema of a table (imported lazily: the scan itself does not need pyarrow)."""
    import pyarrow as pa

    types = {"VARCHAR": pa.string(), "INTEGER": pa.int32(), "BIGINT": pa.int64(), "DOUBLE": pa.float64(),
             "BOOLEAN": pa.bool_(), "DATE": pa.date32(), "VARCHAR[]": pa.list_(pa.string())}
    return pa.schema([pa.field(c.name, types[c.type]) for c in BY_NAME[table].columns])


def markdown() -> str:
    """The tables as Markdown (the body of docs/store.md)."""
    lines = []
    for spec in TABLES:
        lines += [f"### `{spec.name}`", "", spec.doc, "", "| column | type | meaning |", "|---|---|---|"]
        lines += [f"| `{c.name}` | {c.type} | {c.doc} |" for c in spec.columns]
        lines.append("")
    return "\n".join(lines)
