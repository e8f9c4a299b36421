"""docs/rules.md, generated from the catalogue (``python -m nlp.checks.docs > docs/rules.md``; a test keeps it fresh)."""
from __future__ import annotations

from .catalogue import load_rules

HEADER = """# Rule catalogue

Generated from `nlp/data/rules/*.toml` by `python -m nlp.checks.docs > docs/rules.md`; do not edit by hand
(`tests/test_rules_catalogue.py` fails when this page and the catalogue drift apart). `xxgk rules ID` prints the same.

## How a rule is written
Each rule is one `[[rule]]` entry in a family file: `id` (stable; part of every finding's fingerprint), `version`
(bumped when the rule's meaning changes), `kind` (the engine function that evaluates it), `basis` (`stated` in the
template, `structural`, or `soft`), `severity` (`error`, `warning`, `info`; passing checks are reported as `info`),
`title_zh`, `title_en`, `rationale`, `example`, and the kind's parameters (`total`/`parts` for `sum`, `pairs` for
`at_most` and `equal`, …). Statuses: `fail` (a definite contradiction), `uncertain` (a disagreement that a
different scope, a blank cell, an approximate figure or an uncertain reading could explain — the reason is given),
`pass`, `not_assessable` (nothing to compare).

Blank cells are never read as zero: a blank part is an unknown non-negative number, so a sum whose filled parts fall
short of the total is `uncertain`, and one whose filled parts exceed it is `fail`.
"""


def render() -> str:
    out = [HEADER]
    family = None
    for rule in load_rules():
        if rule.family != family:
            family = rule.family
            out.append(f"\n## Family `{family}`\n")
        out.append(f"### {rule.id} — {rule.title_zh}\n")
        out.append(f"*{rule.title_en}*\n")
        out.append(f"- version {rule.version} · kind `{rule.kind}` · basis `{rule.basis}` · severity `{rule.severity}` "
                   f"· templates {', '.join(f'`{t}`' for t in rule.templates)}")
        for key, value in rule.params.items():
            out.append(f"- {key}: {_show(value)}")
        out.append("")
        out.append("**Rationale.** " + " ".join(rule.rationale.split()))
        out.append("")
        out.append("**Example.** " + " ".join(rule.example.split()))
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _show(value) -> str:
    if isinstance(value, list):
        return ", ".join(_show(v) for v in value)
    return f"`{value}`"


if __name__ == "__main__":  # pragma: no cover
    print(render(), end="")
