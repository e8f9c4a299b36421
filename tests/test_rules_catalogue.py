"""The rule catalogue is valid data, every rule is documented, and docs/rules.md matches it."""
import pytest
from typer.testing import CliRunner

from nlp.checks import docs
from nlp.checks.catalogue import BASES, SEVERITIES, load_rules
from nlp.checks.engine import KINDS, expand
from nlp.cli import app
from nlp.tables.forms import load_form
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


def _template_ids(template: str) -> set[str]:
    if template == "pre2019":
        return set(load_template(template).ids)
    return set(load_form(template).cell_ids())


def _cells(rule) -> list[str]:
    if rule.kind == "sum":
        return [rule.params["total"], *rule.params["parts"], *(c for g in rule.params.get("one_of", []) for c in g)]
    if rule.kind == "balance":
        return rule.params["left"] + rule.params["right"]
    return [c for pair in rule.params["pairs"] for c in pair]


@pytest.mark.parametrize("rule", [r for r in load_rules() if r.kind in ("sum", "balance", "at_most", "equal")],
                         ids=lambda r: r.id)
def test_rule_cells_exist_in_their_template(rule):
    """A typo in a cell id would silently turn a rule into 'not assessable'. Every cell of every expansion must
    exist in at least one of the rule's templates (表三's （六） rows differ between 2019 and 2021)."""
    ids = set().union(*(_template_ids(t) for t in rule.templates))
    for expanded in expand(rule):
        assert set(_cells(expanded)) <= ids, expanded.params


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


def test_cell_id_docs_are_generated_from_the_templates():
    from nlp.tables import docs as table_docs

    assert (ROOT / "docs" / "cell-ids.md").read_text("utf-8") == table_docs.render(), \
        "docs/cell-ids.md is stale: run `python -m nlp.tables.docs > docs/cell-ids.md`"
