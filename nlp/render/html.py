"""A self-contained HTML page for one report: findings first with their evidence, then the table and the claims."""
from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader

from .view import ORDER, STATUS_LABEL, grids, involved_cells, quotes, where


@cache
def _env() -> Environment:
    env = Environment(loader=PackageLoader("nlp.render", "templates"), autoescape=True,  # report text is data
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["where"] = where
    return env


def to_html(data: dict, text: str | None = None) -> str:
    involved = involved_cells(data)
    groups = [(s, STATUS_LABEL[s], [f for f in data["findings"] if f["status"] == s]) for s in ORDER]
    titles = _titles()
    return _env().get_template("report.html.j2").render(data=data, groups=groups, involved=involved, quotes=quotes,
                                                         titles=titles, grids=grids(data))


def _titles() -> dict[str, str]:
    from ..checks.catalogue import load_rules

    return {r.id: f"{r.title_zh} / {r.title_en}" for r in load_rules()}
