"""Agency identity across years and renames: which reports speak for the same body.

``agency_key(meta)`` turns a report's agency name into a key shared by every name of the same body:

- form only (the same body, the same name): whitespace, full-width forms and parenthesised abbreviations
  (``上海市科学技术委员会（市科委）``) are dropped;
- a leading province or prefecture-level city is dropped when what follows is itself a full county-level name
  (``淮安市洪泽区人民政府`` → ``洪泽区人民政府``; ``江苏省淮安市洪泽区人民政府`` → ``洪泽区人民政府``), because reports print
  the prefix in one year and not in the next. The dropped prefixes are kept (``province``, ``city``) so that
  two different 鼓楼区 (南京市 / 福州市) are never merged;
- aliases of one body (the match is not *exact*, see ``Match``): a zone and its 管委会 (``平潭综合实验区管委会`` →
  ``平潭综合实验区``), a bare county-level region name and its government (``洪泽区`` → ``洪泽区人民政府``);
- an override file (``agency_overrides.csv`` with columns ``name,key``, or ``agency_overrides.toml``) settles what
  rules cannot: two names of one body after a reorganisation, or two bodies that the rules would merge.

Nothing else is merged: ``平潭县人民政府`` and ``平潭综合实验区`` stay apart unless an override says otherwise.
See docs/agency-identity.md.
"""
from __future__ import annotations

import csv
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

OVERRIDE_FILES = ("agency_overrides.csv", "agency_overrides.toml")

_PAREN = re.compile(r"[（(][^（）()]*[）)]")
_HAN = r"\u4e00-\u9fff"
_PROVINCE = re.compile(rf"^(?:[{_HAN}]{{2,3}}省|[{_HAN}]{{2,9}}?自治区)")  # 北京市 etc. are read as cities
_CITY = re.compile(rf"^[{_HAN}]{{2,9}}?(?:市|自治州|地区|盟)")
# a county-level unit with a proper name of at least two characters: 洪泽区, 浦东新区, 昆山市, 平潭县, 鄂温克族自治旗
_COUNTY = re.compile(rf"^[{_HAN}]{{2,7}}?(?:自治县|自治旗|区|县|旗|市)")
# words that make a "区" a zone or a part of town rather than a district with its own government
_NOT_COUNTY = ("开发", "高新", "园", "保税", "示范", "试验", "实验", "合作", "产业", "工业", "景区", "片区", "功能",
               "管理", "城区", "市区", "郊区", "矿区", "新城")
_GOVERNMENT = "人民政府"
_ZONE_SUFFIXES = ("党工委管委会", "管理委员会", "管委会")


@dataclass(frozen=True)
class Identity:
    """How one report's agency name was keyed."""

    name: str  # the name after form normalisation (what the report prints, minus whitespace and abbreviations)
    key: str
    province: str = ""  # the prefixes that were dropped, kept to tell same-named districts apart
    city: str = ""
    steps: tuple[str, ...] = field(default=())  # what was done beyond form: "prefix", "alias:…", "override"

    @property
    def aliased(self) -> bool:
        return any(s != "prefix" for s in self.steps)


@dataclass(frozen=True)
class Match:
    """Two identities with the same key. ``exact``: the same name up to form and a dropped regional prefix."""

    exact: bool
    reason_zh: str
    reason_en: str


def normalise_name(name: str | None) -> str:
    """Form only: NFKC, no whitespace or zero-width characters, no parenthesised abbreviations."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKC", name)
    text = re.sub(r"[\s\u200b-\u200f\ufeff]+", "", text)
    return _PAREN.sub("", text)


def _meta_name(meta: Any) -> str:
    get = meta.get if isinstance(meta, Mapping) else (lambda k, d=None: getattr(meta, k, d))
    return normalise_name(get("agency_normalised") or get("agency") or "")


def _is_county(text: str) -> str | None:
    """The county-level name at the start of ``text``, when it is a full one."""
    match = _COUNTY.match(text)
    if not match:
        return None
    name = match.group(0)
    if any(word in name for word in _NOT_COUNTY):
        return None
    return name


def _strip_prefix(name: str) -> tuple[str, str, str]:
    """(name without a leading province and city, the dropped province, the dropped city) — only when a full
    county-level name follows what is dropped."""
    province_name = city_name = ""
    rest = name
    province = _PROVINCE.match(rest)
    if province:
        candidate = rest[province.end():]
        city = _CITY.match(candidate)
        if _is_county(candidate) or (city and _is_county(candidate[city.end():])):
            province_name, rest = province.group(0), candidate
    city = _CITY.match(rest)
    if city and _is_county(rest[city.end():]):
        city_name, rest = city.group(0), rest[city.end():]
    return rest, province_name, city_name


def identity(meta: Any, overrides: Mapping[str, str] | None = None) -> Identity:
    """The identity of a report's agency (``meta``: the report JSON's ``meta`` dict, or a ``Meta``)."""
    name = _meta_name(meta)
    overrides = overrides or {}
    if name in overrides:
        return Identity(name=name, key=overrides[name], steps=("override",))
    key, province, city = _strip_prefix(name)
    steps: list[str] = ["prefix"] if province or city else []
    for suffix in _ZONE_SUFFIXES:
        if key.endswith(suffix) and key[: -len(suffix)].endswith("区"):
            key = key[: -len(suffix)]
            steps.append(f"alias:{suffix}")
            break
    else:
        if key and _is_county(key) == key:
            key += _GOVERNMENT  # a bare county-level region name: the report of its government
            steps.append(f"alias:{_GOVERNMENT}")
    if key in overrides:  # an override may also name the key a rule produced
        return Identity(name=name, key=overrides[key], province=province, city=city, steps=(*steps, "override"))
    return Identity(name=name, key=key, province=province, city=city, steps=tuple(steps))


def agency_key(meta: Any, overrides: Mapping[str, str] | None = None) -> str:
    """The key grouping one agency's reports across years (see the module docstring)."""
    return identity(meta, overrides).key


def match(a: Identity, b: Identity) -> Match | None:
    """Whether two identities are the same agency, and how sure that is; None when they are not."""
    if a.key != b.key or not a.key:
        return None
    if (a.city and b.city and a.city != b.city) or (a.province and b.province and a.province != b.province):
        return None  # 南京市鼓楼区 and 福州市鼓楼区
    if a.name == b.name:
        return Match(True, f"机构名称相同（{a.name}）", f"same agency name ({a.name})")
    if not a.aliased and not b.aliased:
        return Match(True, f"机构名称仅差地区前缀（{a.name} / {b.name}）",
                     f"the names differ only by a regional prefix ({a.name} / {b.name})")
    how = [s for s in (*a.steps, *b.steps) if s != "prefix"]
    if "override" in how:
        return Match(False, f"“{a.name}”与“{b.name}”依覆盖文件视为同一机构，不是名称本身相同",
                     f"'{a.name}' and '{b.name}' are the same agency by an override, not by name")
    return Match(False, f"“{a.name}”与“{b.name}”按别名规则视为同一机构（{'、'.join(s.split(':', 1)[-1] for s in how)}）",
                 f"'{a.name}' and '{b.name}' are taken as one agency by an alias rule ({', '.join(how)})")


def load_overrides(source: str | Path | Mapping[str, str] | None) -> dict[str, str]:
    """Overrides from a mapping, a CSV/TOML file, or a folder holding ``agency_overrides.csv``/``.toml``.

    CSV: a header ``name,key`` and one row per name. TOML: ``[[agency]]`` tables with ``name`` and ``key``, or a
    ``[names]`` table mapping name to key. Names are compared after form normalisation. A missing folder file is
    not an error (no overrides); a named file that does not exist is.
    """
    if source is None:
        return {}
    if isinstance(source, Mapping):
        return {normalise_name(k): v.strip() for k, v in source.items() if normalise_name(k) and v.strip()}
    path = Path(source)
    if path.is_dir():
        found = [path / n for n in OVERRIDE_FILES if (path / n).exists()]
        out: dict[str, str] = {}
        for file in found:
            out.update(load_overrides(file))
        return out
    if path.suffix.lower() == ".toml":
        data = tomllib.loads(path.read_text("utf-8"))
        pairs = [(e["name"], e["key"]) for e in data.get("agency", [])] + list(data.get("names", {}).items())
        return load_overrides(dict(pairs))
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = {"name", "key"} - set(reader.fieldnames or ())
        if missing:
            raise ValueError(f"{path}: columns {', '.join(sorted(missing))} are missing (expected name,key)")
        return load_overrides({row["name"]: row["key"] or "" for row in reader if row.get("name")})
