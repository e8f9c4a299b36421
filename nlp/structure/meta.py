"""Report metadata: agency, region, level, year, publication date, template — each with the text it came from."""
from __future__ import annotations

import re

from ..model import Document, Meta

_TITLE = re.compile(
    r"(?P<pre>[\u4e00-\u9fff（）()]{0,40}?)(?P<year>(?:19|20)\d{2}|[一二][〇○零一二三四五六七八九]{3})年(?:度)?"
    r"(?P<mid>[\u4e00-\u9fff（）()]{0,40}?)政府信息公开(?:工作)?(?:年度)?(?:工作)?(?:情况)?(?:报告|年报)"
)
_CN_DIGITS = str.maketrans("〇○零一二三四五六七八九", "001123456789")
# printed between the agency and the year: "…人民政府办公室关于2021年政府信息公开工作年度报告"
_BEFORE_YEAR = re.compile(r"(?:关于|的)$")
# central agencies: no region in the name (国家统计局, 中国证券监督管理委员会, 国务院办公厅)
_NATIONAL = ("国务院", "国家", "中国", "中华人民共和国", "全国")
_HEADER_DATE = re.compile(r"(?:发布时间|发布日期|成文日期|公开日期|日期)\s*[:：]\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})")
_LINE_DATE = re.compile(r"^[ \t]*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日[ \t]*$", re.M)
# 州 only where no 市 follows: 苏州市 is the region, not 苏州
_REGION = re.compile(r"^(?:[\u4e00-\u9fff]{1,12}?(?:自治区|省|自治州|市|盟|州(?!市)|地区|区|县|旗|镇|乡|街道))+")
_MUNICIPALITIES = ("北京市", "上海市", "天津市", "重庆市")
# structure words that identify a template (checked on the whole text, tables included)
_V2021 = ("本年制发件数", "本年废止件数", "现行有效件数", "申请人无正当理由逾期不补正")
_V2019 = ("本年新制作数量", "本年新公开数量", "对外公开总数量", "采购项目数量")
_T3 = ("本年新收政府信息公开申请数量", "上年结转政府信息公开申请数量")
_PRE2019 = ("收到申请数", "申请办结数", "主动公开政府信息数", "申请答复数")
# the local statistics tables of 2008-2018 reports (指标名称 | 计量单位 | 本年度 | 历年累计): same family, read as pre2019
_LOCAL_TABLE = (("指标名称", "计量单位"), ("本年度", "历年累计"), ("受理依申请公开",), ("主动公开信息数",), ("主动公开文件数",))


def read_meta(doc: Document) -> Meta:
    meta = Meta()
    head = re.sub(r"\s+", "", doc.text[:3000])
    title = _TITLE.search(head)
    if title:
        mid = title["mid"].lstrip("度")
        agency = mid or _BEFORE_YEAR.sub("", title["pre"])
        agency = re.sub(r"^(?:标题|正文|附件\d*)", "", agency)
        meta.agency = agency or None
        meta.year = int(title["year"].translate(_CN_DIGITS))  # 二〇二〇 → 2020
        meta.evidence["title"] = title.group(0)
    if meta.agency:
        meta.agency_normalised = re.sub(r"[（(][^）)]*[）)]", "", meta.agency)
        meta.region, meta.level, meta.body = _region_level(meta.agency_normalised)
    meta.published, meta.evidence["published"] = _published(doc.text, meta.year)
    meta.template, meta.evidence["template"] = detect_template(doc.text, meta.year)
    return meta


def _region_level(agency: str) -> tuple[str | None, str | None, str]:
    match = _REGION.match(agency)
    region = match.group(0) if match else None
    # a 管委会 of a region (平潭综合实验区管委会) governs it; 中国证券监督管理委员会 is a department
    governs = ("人民政府", "街道办事处") + (("管委会", "管理委员会", "实验区") if region else ())
    body = "government" if agency.endswith(governs) else "department"
    if agency.endswith(("人民政府办公厅", "人民政府办公室", "政府办")):
        body = "government_office"
    if region is None:
        return None, ("national" if agency.startswith(_NATIONAL) else None), body
    if region in _MUNICIPALITIES or region.endswith(("省", "自治区")):
        level = "province"
    elif region.endswith(("镇", "乡", "街道")):
        level = "township"
    elif region.endswith(("区", "县", "旗")):
        level = "county"
    else:
        level = "city"
    return region, level, body


def _published(text: str, year: int | None) -> tuple[str | None, str]:
    header = _HEADER_DATE.search(text[:3000])
    if header:
        return _iso(*header.groups()), header.group(0)
    dates = [m for m in _LINE_DATE.finditer(text) if year is None or int(m[1]) >= year]
    if dates:
        last = dates[-1]
        return _iso(last[1], last[2], last[3]), last.group(0).strip()
    return None, ""


def _iso(y: str, m: str, d: str) -> str:
    return f"{int(y):04d}-{int(m):02d}-{int(d):02d}"


def detect_template(text: str, year: int | None) -> tuple[str, str]:
    """The template from the structure printed in the report; the year decides only when the structure is silent."""
    compact = re.sub(r"\s+", "", text)
    if any(w in compact for w in _T3):
        if any(w in compact for w in _V2021):
            return "v2021", "表三 and 表二 labels of the 2021 format"
        if any(w in compact for w in _V2019):
            return "v2019", "表三 and 表二 labels of the 2019 format"
        return ("v2021" if (year or 0) >= 2021 else "v2019"), "表三 labels; year decides between 2019 and 2021"
    if sum(w in compact for w in _PRE2019) >= 2:
        return "pre2019", "labels of the pre-2019 statistics table"
    if (year or 0) <= 2018 and any(all(w in compact for w in words) for words in _LOCAL_TABLE):
        return "pre2019", "a local statistics table of the pre-2019 family (指标名称/本年度/历年累计)"
    if year and year >= 2021:
        return "v2021", "no table recognised; year ≥ 2021"
    if year and year >= 2019:
        return "v2019", "no table recognised; year 2019-2020"
    return "none", "no statistics table recognised"
