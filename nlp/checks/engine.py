"""One small engine: for each rule that applies to the report's template, call its kind's function."""
from __future__ import annotations

import dataclasses

from ..model import Finding
from . import arithmetic
from .catalogue import Rule, load_rules
from .context import Context

KINDS = {
    "sum": arithmetic.check_sum,
    "at_most": arithmetic.check_at_most,
    "equal": arithmetic.check_equal,
    "non_negative": arithmetic.check_non_negative,
    "balance": arithmetic.check_balance,
}


def register(kind: str):
    """Decorator adding a rule kind (a function ``(rule, ctx) -> list[Finding]``)."""

    def wrap(func):
        KINDS[kind] = func
        return func

    return wrap


def run_checks(ctx: Context, rules: tuple[Rule, ...] | None = None) -> list[Finding]:
    findings: list[Finding] = []
    for rule in rules if rules is not None else load_rules():
        if not rule.applies_to(ctx.meta.template):
            continue
        try:
            check = KINDS[rule.kind]
        except KeyError:
            raise ValueError(f"rule {rule.id}: unknown kind '{rule.kind}' (known: {', '.join(sorted(KINDS))})") from None
        for expanded in expand(rule):
            findings += check(expanded, ctx)
    return findings


def expand(rule: Rule) -> list[Rule]:
    """A rule with ``each = {name = [values]}`` becomes one rule per value, "{name}" filled in its parameters."""
    each = rule.params.get("each")
    if not each:
        return [rule]
    (name, values), = each.items()
    return [dataclasses.replace(rule, params=_fill(rule.params, name, value)) for value in values]


def _fill(params, name: str, value: str):
    if isinstance(params, str):
        return params.replace("{" + name + "}", value)
    if isinstance(params, list):
        return [_fill(p, name, value) for p in params]
    if isinstance(params, dict):
        return {k: _fill(v, name, value) for k, v in params.items() if k != "each"}
    return params


from . import narrative  # noqa: E402,F401  (registers the narrative kinds; it imports ``register`` from here)
from . import completeness, crossyear  # noqa: E402,F401  (completeness and cross-year kinds)
