"""A self-contained HTML page for one report: findings first with their evidence, then the table and the claims."""
from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, select_autoescape

from .view import ORDER, STATUS_LABEL, where


@cache
def _env() -> Environment:
    env = Environment(loader=PackageLoader("nlp.render", "templates"), autoescape=select_autoescape(["html"]),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["where"] = where
    return env


def _split(item: dict) -> tuple[str, str, str]:
    """A claim's sentence cut around its number, for highlighting."""
    s0 = item["sentence_span"][0]
    a, b = item["span"][0] - s0, item["span"][1] - s0
    sentence = item["sentence"]
    return sentence[:a], sentence[a:b], sentence[b:]


def to_html(data: dict, text: str | None = None) -> str:
    involved: dict[str, str] = {}
    for finding in data["findings"]:
        for item in finding["evidence"]:
            if item["kind"] == "cell" and finding["status"] in ("fail", "uncertain"):
                if involved.get(item["id"]) != "fail":
                    involved[item["id"]] = finding["status"]
    groups = [(s, STATUS_LABEL[s], [f for f in data["findings"] if f["status"] == s]) for s in ORDER]
    return _env().get_template("report.html.j2").render(data=data, groups=groups, involved=involved, split=_split)
