"""The rule catalogue: every rule is data (nlp/data/rules/*.toml), loaded and validated here."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

BASES = ("stated", "structural", "soft")
SEVERITIES = ("error", "warning", "info")
REQUIRED = ("id", "version", "kind", "basis", "severity", "title_zh", "title_en", "rationale", "example")


@dataclass(frozen=True)
class Rule:
    id: str
    version: int
    kind: str
    basis: str
    severity: str
    title_zh: str
    title_en: str
    rationale: str
    example: str
    family: str
    templates: tuple[str, ...]
    params: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    def applies_to(self, template: str) -> bool:
        return "*" in self.templates or template in self.templates


class CatalogueError(ValueError):
    pass


def _rule(entry: dict, family: str, templates: tuple[str, ...], source: str) -> Rule:
    missing = [k for k in REQUIRED if k not in entry]
    if missing:
        raise CatalogueError(f"{source}: rule {entry.get('id', '?')} lacks {', '.join(missing)}")
    if entry["basis"] not in BASES:
        raise CatalogueError(f"{source}: rule {entry['id']} basis must be one of {BASES}")
    if entry["severity"] not in SEVERITIES:
        raise CatalogueError(f"{source}: rule {entry['id']} severity must be one of {SEVERITIES}")
    params = {k: v for k, v in entry.items() if k not in REQUIRED and k != "templates"}
    templates = tuple(entry.get("templates", templates))  # a rule may narrow its family's templates
    return Rule(**{k: entry[k] for k in REQUIRED}, family=family, templates=templates, params=params)


@cache
def load_rules() -> tuple[Rule, ...]:
    """All rules of all families, in file order; ids are unique across the catalogue."""
    rules: list[Rule] = []
    folder = resources.files("nlp.data.rules")
    for source in sorted(folder.iterdir(), key=lambda p: p.name):
        if not source.name.endswith(".toml"):
            continue
        data = tomllib.loads(source.read_text("utf-8"))
        templates = tuple(data.get("templates", ["*"]))
        rules += [_rule(e, data["family"], templates, source.name) for e in data.get("rule", [])]
    seen: set[str] = set()
    for rule in rules:
        if rule.id in seen:
            raise CatalogueError(f"rule id {rule.id} is defined twice")
        seen.add(rule.id)
    return tuple(rules)


def get_rule(rule_id: str) -> Rule:
    for rule in load_rules():
        if rule.id.lower() == rule_id.lower():
            return rule
    raise KeyError(rule_id)
