"""Report metadata from the title: agency, region, level, body, year.

The corpus reports are checked against corpus/manifest.csv in tests/test_manifest.py. The titles below are
constructed: they follow naming patterns of real agencies that the corpus does not have (central ministries,
街道办事处, a year written in Chinese numerals, "…办公室关于2021年…", the year before the agency), each the quirk
named in its case.
"""
from __future__ import annotations

import pytest

from nlp.ingest import ingest
from nlp.structure.meta import read_meta

BODY = "\n本报告根据《中华人民共和国政府信息公开条例》编制。\n一、总体情况\n本年度共主动公开政府信息120条。\n"


@pytest.mark.parametrize("title, agency, region, level, body, year", [
    ("北京市朝阳区人民政府2022年政府信息公开工作年度报告", "北京市朝阳区人民政府", "北京市朝阳区", "county", "government", 2022),
    # central agencies: no region in the name
    ("国家统计局2021年政府信息公开工作年度报告", "国家统计局", None, "national", "department", 2021),
    ("中国证券监督管理委员会2019年政府信息公开工作年度报告", "中国证券监督管理委员会", None, "national", "department", 2019),
    # 街道办事处 is the township's government
    ("南京市玄武区梅园新村街道办事处2023年政府信息公开工作年度报告", "南京市玄武区梅园新村街道办事处", "南京市玄武区梅园新村街道",
     "township", "government", 2023),
    # "关于" between the agency and the year is not part of the name
    ("广州市天河区人民政府办公室关于2021年政府信息公开工作年度报告", "广州市天河区人民政府办公室", "广州市天河区", "county",
     "government_office", 2021),
    # the year first; 苏州市, not 苏州 (州 is also a region ending)
    ("2022年度苏州市生态环境局政府信息公开工作年度报告", "苏州市生态环境局", "苏州市", "city", "department", 2022),
    # a year in Chinese numerals
    ("四川省成都市武侯区教育局二〇二〇年政府信息公开工作年度报告", "四川省成都市武侯区教育局", "四川省成都市武侯区", "county",
     "department", 2020),
    # 年报 for 年度报告
    ("杭州市西湖区三墩镇人民政府2024年政府信息公开年报", "杭州市西湖区三墩镇人民政府", "杭州市西湖区三墩镇", "township",
     "government", 2024),
])
def test_title(tmp_path, title, agency, region, level, body, year):
    path = tmp_path / "report.txt"
    path.write_text(title + BODY, "utf-8")
    meta = read_meta(ingest(path))
    assert (meta.agency, meta.region, meta.level, meta.body, meta.year) == (agency, region, level, body, year)
