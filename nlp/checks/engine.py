"""One small engine: for each rule that applies to the report's template, call its kind's function."""
from __future__ import annotations

from ..model import Finding
from . import arithmetic
from .catalogue import Rule, load_rules
from .context import Context

KINDS = {
    "sum": arithmetic.check_sum,
    "at_most": arithmetic.check_at_most,
    "equal": arithmetic.check_equal,
    "non_negative": arithmetic.check_non_negative,
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
        findings += check(rule, ctx)
    return findings


from . import narrative  # noqa: E402,F401  (registers the narrative kinds; it imports ``register`` from here)
