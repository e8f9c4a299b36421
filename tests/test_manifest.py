"""Every real report in corpus/ is read without an exception, with the year, template and agency that
corpus/manifest.csv records for it (the manifest was written from the published reports, not by this program)."""
import csv
import re

import pytest

import nlp

from .conftest import CORPUS

ROWS = list(csv.DictReader((CORPUS / "manifest.csv").read_text("utf-8").splitlines()))


def test_the_manifest_lists_every_report():
    files = {p.name for p in CORPUS.iterdir() if p.name != "manifest.csv"}
    assert files == {row["file"] for row in ROWS}


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r["file"])
def test_report_metadata_matches_the_manifest(row):
    report = nlp.read(CORPUS / row["file"])
    assert report.meta.year == int(row["year"])
    assert report.meta.template == row["template"]
    # the agency as printed in the title; the manifest may give the full name with the printed short form in
    # parentheses ("上海市科学技术委员会（市科委）" for a report titled "上海市科委 …")
    short = re.search(r"（(.+)）", row["agency"])
    assert report.meta.agency == row["agency"] or (short and report.meta.agency.endswith(short.group(1)))
    if row["template"] != "none":
        assert report.facts, "a report with a statistics template yields table facts"
