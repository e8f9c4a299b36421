"""The rule catalogue is valid data, every rule is documented, and docs/rules.md matches it."""
import pytest
from typer.testing import CliRunner

from nlp.checks import docs
from nlp.checks.catalogue import BASES, SEVERITIES, load_rules
from nlp.checks.engine import KINDS
from nlp.cli import app
from nlp.tables.templates import load_template

from .conftest import ROOT


def test_docs_are_generated_from_the_catalogue():
    assert (ROOT / "docs" / "rules.md").read_text("utf-8") == docs.render(), \
        "docs/rules.md is stale: run `python -m nlp.checks.docs > docs/rules.md`"


@pytest.mark.parametrize("rule", load_rules(), ids=lambda r: r.id)
def test_rule_is_complete(rule):
    assert rule.kind in KINDS
    assert rule.basis in BASES and rule.severity in SEVERITIES
    assert rule.title_zh and rule.title_en and len(rule.rationale) > 30 and rule.example


@pytest.mark.parametrize("rule", [r for r in load_rules() if r.kind in ("sum", "at_most", "equal")], ids=lambda r: r.id)
def test_rule_cells_exist_in_their_template(rule):
    """A typo in a cell id would silently turn a rule into 'not assessable'."""
    ids = set()
    for template in rule.templates:
        ids |= set(load_template(template).ids)
    cells = [rule.params["total"], *rule.params["parts"]] if rule.kind == "sum" else \
        [c for pair in rule.params["pairs"] for c in pair]
    assert set(cells) <= ids


def test_cli_lists_and_explains_rules():
    runner = CliRunner()
    listing = runner.invoke(app, ["rules"])
    assert listing.exit_code == 0
    for rule in load_rules():
        assert rule.id in listing.output
    one = runner.invoke(app, ["rules", "p11"])
    assert one.exit_code == 0 and "244" in one.output
    missing = runner.invoke(app, ["rules", "NOPE-1"])
    assert missing.exit_code == 2
