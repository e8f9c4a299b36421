"""HTML, PDF and DOCX readers on the real corpus files and on broken inputs.

Expected cell values were read by hand from the sources: for HTML from the raw markup of each file, for the two
PDFs from the rendered pages (pages 2-4, table 表三 starting on page 3 and continuing on page 4, 表四 on page 4).
Broken and synthetic inputs are generated in tmp_path; nothing binary is committed.
"""
from __future__ import annotations

import hashlib
import io
import random
import zipfile
from pathlib import Path

import pytest

from nlp.errors import BrokenFile, EmptyFile, NotAReport, NoTextLayer, XxgkError
from nlp.ingest import ingest
from nlp.ingest.docx import read_docx
from nlp.ingest.html import read_html
from nlp.ingest.pdf import read_pdf
from nlp.model import Document, Table

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
HEADINGS_2021 = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
]
# Text of the site around the report on the 2xx_pingtan pages: menus, header links, share/print/download widgets.
PINGTAN_CHROME = [
    "省人大", "闽政通APP", "长者模式", "无障碍浏览", "当前位置", "扫一扫在手机上查看当前页面", "附件下载",
    "文件下载", "相关链接", "版权所有", "网站标识码", "QQ空间", "文字解读", "图片解读", "福州市政府网站", "历史搜索",
]


@pytest.fixture(scope="module")
def docs() -> dict[str, Document]:
    cache: dict[str, Document] = {}

    def get(name: str) -> Document:
        if name not in cache:
            cache[name] = ingest(CORPUS / name)
        return cache[name]

    return get


def cell(table: Table, row: int, col: int) -> str:
    """The text of the cell starting at (row, col)."""
    found = [c for c in table.cells if c.row == row and c.col == col]
    assert found, f"no cell starts at ({row}, {col})"
    return found[0].text


def column(table: Table, col: int) -> list[str]:
    return [c.text for c in sorted(table.cells, key=lambda c: c.row) if c.col == col]


def row_values(table: Table, row: int) -> list[str]:
    return [c.text for c in sorted(table.cells, key=lambda c: c.col) if c.row == row]


def rows_by_label(doc: Document, label: str) -> list[str]:
    """The cells right of the first cell reading ``label``, in the same row."""
    for table in doc.tables:
        for c in table.cells:
            if c.text == label:
                return [x.text for x in sorted(table.cells, key=lambda x: x.col) if x.row == c.row and x.col > c.col]
    raise AssertionError(label)


def find_table(doc: Document, text: str) -> Table:
    """The first table having a cell with exactly ``text``."""
    for table in doc.tables:
        if any(c.text == text for c in table.cells):
            return table
    raise AssertionError(f"no table with a cell {text!r}")


def assert_layout(doc: Document) -> None:
    """Every table's lines in the text are its grid as TSV; every cell's offset points at its text."""
    for table in doc.tables:
        lines = doc.text[table.offset : table.end].split("\n")
        assert len(lines) == table.n_rows
        for c in table.cells:
            assert lines[c.row].split("\t")[c.col] == c.text
            assert doc.text[c.offset : c.offset + len(c.text)] == c.text
    offsets = [t.offset for t in doc.tables]
    assert offsets == sorted(offsets)


# --------------------------------------------------------------------------- HTML, real files


def test_shanghai_2019_fragment(docs):
    doc = docs("100_shanghai_szfbgt_2019.html")
    assert doc.format == "html" and len(doc.sha256) == 64
    assert doc.text.startswith("2019年上海市人民政府办公厅政府信息公开工作年度报告\n")
    for heading in ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                    "四、政府信息公开行政复议、行政诉讼情况", "六、其他需要报告的事项"]:
        assert f"\n{heading}\n" in doc.text
    assert len(doc.tables) == 3
    assert_layout(doc)


def test_shanghai_2019_tables(docs):
    doc = docs("100_shanghai_szfbgt_2019.html")
    table3 = find_table(doc, "申请人情况")
    # 表三 header: the note spans 3 rows x 3 columns, 申请人情况 7 columns, 自然人 and 总计 2 rows each
    head = {c.text: (c.row, c.col, c.rowspan, c.colspan) for c in table3.cells if c.row < 3}
    assert head["申请人情况"] == (0, 3, 1, 7)
    assert head["自然人"] == (1, 3, 2, 1)
    assert head["法人或其他组织"] == (1, 4, 1, 5)
    assert head["总计"] == (1, 9, 2, 1)
    assert head["商业企业"] == (2, 4, 1, 1)
    results = [c for c in table3.cells if c.text == "三、本年度办理结果"][0]
    assert (results.col, results.rowspan) == (0, 20)  # 2019 format: （六）其他处理 is one row
    # 总计 column as printed: 859 and 18, blank on the result rows (blank is not zero), 805, 72
    totals = column(table3, 9)
    assert [t for t in totals if t] == ["总计", "859", "18", "805", "72"]
    assert totals.count("") == 19  # the other 19 of the 20 result rows
    assert row_values(table3, 3) == ["一、本年新收政府信息公开申请数量", "821", "35", "", "", "2", "1", "859"]
    # rows below the rowspan start at the real grid column (1), as a browser lays them out
    assert cell(table3, 6, 1) == "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    assert cell(table3, 7, 2) == "1.属于国家秘密"
    table4 = find_table(doc, "行政复议")
    assert row_values(table4, 3) == ["5", "", "", "2", "7", "8", "", "", "1", "9", "", "", "", "", ""]
    # <br /> inside a header between CJK characters disappears: 本年新<br />制作数量
    assert cell(doc.tables[0], 1, 1) == "本年新制作数量"


# values read in the raw HTML: 表三 本年新收 row, 本机关不掌握 row and 总计 row; 表四 data row
PINGTAN = {
    "200_pingtan_2024.html": (
        "平潭综合实验区2024年度政府信息公开工作年度报告",
        ["217", "1", "0", "0", "0", "0", "218"], ["75", "0", "0", "0", "0", "0", "75"],
        ["217", "1", "0", "0", "0", "0", "218"], "2 1 3 1 7 0 0 0 0 0 13 2 4 0 19",
    ),
    "201_pingtan_2025.html": (
        "平潭综合实验区2025年度政府信息公开工作年度报告",
        ["151", "3", "0", "0", "0", "0", "154"], ["49", "1", "0", "0", "0", "0", "50"],
        ["147", "1", "0", "0", "0", "0", "148"], "25 3 8 0 36 3 3 0 0 6 3 0 0 0 3",
    ),
    "204_pingtan_2023.html": (
        "平潭综合实验区2023年度政府信息公开工作年度报告",
        ["80", "1", "0", "0", "0", "0", "81"], ["31", "0", "0", "0", "0", "0", "31"],
        ["80", "1", "0", "0", "0", "0", "81"], "1 1 0 0 2 4 0 0 1 5 1 0 1 0 2",
    ),
}


@pytest.mark.parametrize("name", sorted(PINGTAN))
def test_pingtan_full_pages(docs, name):
    title, new, not_held, total, review = PINGTAN[name]
    doc = docs(name)
    assert doc.text.split("\n")[0] == title  # the report's own title, not the <title> with the site name
    assert doc.text.split("\n")[1].startswith("来源：平潭综合实验区管委会办公室 时间：")  # publication line kept
    for heading in HEADINGS_2021:
        assert f"\n{heading}" in doc.text
    for chrome in PINGTAN_CHROME:
        assert chrome not in doc.text, chrome
    assert doc.text.rstrip().endswith("无收取信息处理费情况。")
    assert len(doc.tables) == 3
    assert_layout(doc)

    table3 = find_table(doc, "申请人情况")
    assert row_values(table3, 3)[1:] == new
    assert [c.text for c in table3.cells if c.text == "三、本年度办理结果"] == ["三、本年度办理结果"]
    results = [c for c in table3.cells if c.text == "三、本年度办理结果"][0]
    assert (results.row, results.col, results.rowspan) == (5, 0, 22)  # 2021 format, the 22-row label
    other = [c for c in table3.cells if c.text == "（六）其他处理"][0]
    assert (other.col, other.rowspan) == (1, 3)
    assert rows_by_label(doc, "1.本机关不掌握相关政府信息") == not_held
    assert rows_by_label(doc, "（七）总计") == total

    table4 = find_table(doc, "行政复议")
    assert " ".join(row_values(table4, 3)) == review
    assert cell(table4, 1, 0) == "结果维持"  # 结果<br/>维持
    assert cell(table4, 2, 9) == "总计"


# --------------------------------------------------------------------------- PDF, real files

# Read on the rendered pages: 001 p.3-4 / 002 p.3-4.
PDFS = {
    "001_huaian_hongzequ_2023.pdf": {
        "title": ["洪泽区人民政府", "2023 年政府信息公开工作年度报告"],
        "permit": "550",  # 表二 第二十条第（五）项 行政许可, p.2
        "fee": "7730.28",  # 表二 第二十条第（八）项 行政事业性收费 (万元), p.3
        "new": ["21", "0", "0", "0", "0", "0", "21"],  # 表三 一、本年新收, p.3
        "not_held": ["10", "0", "0", "0", "0", "0", "10"],  # 表三 （四）1.本机关不掌握相关政府信息, p.3
        "total": ["21", "0", "0", "0", "0", "0", "21"],  # 表三 （七）总计, p.4
        "review": "10 1 0 0 0 0 0 0 0 0 5 0 0 0 0",  # 表四 data row, p.4
    },
    "002_huaian_hongzequ_2024.pdf": {
        "title": ["淮安市洪泽区人民政府", "2024 年政府信息公开工作年度报告"],
        "permit": "9487",
        "fee": "7545",
        "new": ["95", "0", "0", "0", "0", "0", "95"],
        "not_held": ["31", "0", "0", "0", "0", "0", "31"],
        "total": ["", "95", "0", "0", "0", "0", "0", "95"],  # 002 prints an empty cell after （七）总计
        "review": "1 1 0 0 2 1 0 0 0 1 2 0 1 0 3",
    },
}


@pytest.mark.parametrize("name", sorted(PDFS))
def test_pdf_text(docs, name):
    doc = docs(name)
    expected = PDFS[name]
    lines = doc.text.split("\n")
    assert lines[:2] == expected["title"]
    for heading in HEADINGS_2021:
        assert heading in lines
    assert [n for n, _ in doc.page_starts] == [1, 2, 3, 4, 5]
    starts = [s for _, s in doc.page_starts]
    assert starts == sorted(starts) and starts[0] == 0
    # page numbers ("- 3 -") are gone; nothing from the tables leaks into the narrative column by column
    assert not any(line.strip(" -").isdigit() for line in lines)
    narrative = "\n".join(line for line in lines if "\t" not in line)
    assert "21 0 0 0 0 0 21" not in narrative and "本年新收政府信息公开申请数量" not in narrative
    # wrapped lines are glued back into paragraphs, also across the page 1/2 break
    assert "执行“分级审核、先审后发”程序" in doc.text
    assert_layout(doc)


@pytest.mark.parametrize("name", sorted(PDFS))
def test_pdf_tables(docs, name):
    doc = docs(name)
    expected = PDFS[name]
    assert rows_by_label(doc, "行政许可") == [expected["permit"]]
    assert rows_by_label(doc, "行政事业性收费") == [expected["fee"]]
    assert rows_by_label(doc, "一、本年新收政府信息公开申请数量") == expected["new"]
    assert rows_by_label(doc, "1.本机关不掌握相关政府信息") == expected["not_held"]
    assert rows_by_label(doc, "（七）总计") == expected["total"]
    table4 = find_table(doc, "复议后起诉")
    assert " ".join(row_values(table4, 3)) == expected["review"]
    assert table4.page == 4

    # 表三 breaks across pages 3 and 4: two tables, each with its page
    table3 = find_table(doc, "申请人情况")
    assert table3.page == 3
    continued = find_table(doc, "（七）总计")
    assert continued.page == 4 and continued is not table3
    # header layout from the ruling lines
    head = {c.text: (c.row, c.col, c.rowspan, c.colspan) for c in table3.cells if c.row < 3}
    assert head["申请人情况"] == (0, 3, 1, 7)
    assert head["自然人"] == (1, 3, 2, 1)
    assert head["法人或其他组织"] == (1, 4, 1, 5)
    assert head["总计"] == (1, 9, 2, 1)
    assert head["社会公益组织"] == (2, 6, 1, 1)  # printed on three lines: 社会/公益/组织
    assert head["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"] == (0, 0, 3, 3)
    # the vertical label printed one character per line comes back whole, spanning the result rows on this page
    label = [c for c in table3.cells if c.text == "三、本年度办理结果"][0]
    assert (label.row, label.col) == (5, 0) and label.rowspan >= 11


def test_pdf_table_cut_by_page_break_keeps_its_first_row(docs):
    # 001 p.3 starts inside 表二: the row 信息内容 | 本年处理决定数量 has no top rule on the page
    doc = docs("001_huaian_hongzequ_2023.pdf")
    table = [t for t in doc.tables if t.page == 3][0]
    assert row_values(table, 0) == ["信息内容", "本年处理决定数量"]


# --------------------------------------------------------------------------- synthetic PDFs (reportlab)


def _canvas():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    return buffer, canvas.Canvas


def _pdf_bytes(draw, **options) -> bytes:
    buffer, Canvas = _canvas()
    c = Canvas(buffer, pagesize=(595, 842), **options)
    draw(c)
    c.save()
    return buffer.getvalue()


def test_pdf_without_text_layer(tmp_path):
    def draw(c):
        c.rect(100, 400, 300, 200, stroke=1, fill=0)  # a scanned page would be an image: no characters at all
        c.showPage()

    path = tmp_path / "scan.pdf"
    path.write_bytes(_pdf_bytes(draw))
    with pytest.raises(NoTextLayer) as error:
        ingest(path)
    assert error.value.path == str(path) and "OCR" in error.value.reason


def test_pdf_page_numbers_ruled_table_and_boxed_note(tmp_path):
    def draw(c):
        c.setFont("STSong-Light", 12)
        c.drawString(72, 760, "某区2023年政府信息公开工作年度报告")
        # a 3x3 ruled table whose first row is one cell spanning all columns
        xs, ys = [72, 200, 300, 400], [700, 680, 660, 640]
        for y in ys:
            c.line(xs[0], y, xs[-1], y)
        for x in xs:
            c.line(x, ys[0] if x in (xs[0], xs[-1]) else ys[1], x, ys[-1])
        c.drawString(180, 686, "第二十条第（一）项")
        for i, text in enumerate(["信息内容", "本年制发件数", "现行有效件数"]):
            c.drawString(xs[i] + 4, 666, text)
        for i, text in enumerate(["规章", "3", "12"]):
            c.drawString(xs[i] + 4, 646, text)
        c.drawString(280, 40, "- 1 -")
        c.showPage()
        c.setFont("STSong-Light", 12)
        c.rect(72, 640, 400, 60)  # a ruled frame around a note: one cell, not a table
        c.drawString(80, 680, "注：本表数据统计期限为2023年1月1日至12月31日。")
        c.drawString(80, 660, "数据来源：区政务公开办公室。")
        c.drawString(270, 40, "第 2 页")
        c.showPage()
        c.setFont("STSong-Light", 12)
        c.drawString(72, 760, "六、其他需要报告的事项")
        c.drawString(290, 40, "3")
        c.showPage()

    path = tmp_path / "ruled.pdf"
    path.write_bytes(_pdf_bytes(draw))
    doc = ingest(path)
    assert doc.text.split("\n") == [
        "某区2023年政府信息公开工作年度报告",
        "第二十条第（一）项\t\t",
        "信息内容\t本年制发件数\t现行有效件数",
        "规章\t3\t12",
        "注：本表数据统计期限为2023年1月1日至12月31日。",  # the framed note stays in the narrative
        "数据来源：区政务公开办公室。",
        "六、其他需要报告的事项",  # "- 1 -", "第 2 页" and the bare "3" are gone
    ]
    assert [n for n, _ in doc.page_starts] == [1, 2, 3]
    assert doc.page_starts[1][1] == doc.text.index("注：") and doc.page_starts[2][1] == doc.text.index("六、")
    (table,) = doc.tables
    assert (table.page, table.cells[0].text, table.cells[0].colspan) == (1, "第二十条第（一）项", 3)
    assert_layout(doc)


# --------------------------------------------------------------------------- broken inputs


def _one_error(path: Path, kind: type[XxgkError], reader=None) -> XxgkError:
    with pytest.raises(kind) as error:
        if reader is None:
            ingest(path)
        else:
            data = path.read_bytes()
            reader(str(path), data, hashlib.sha256(data).hexdigest())
    assert error.value.path == str(path)
    assert str(path) in str(error.value)
    return error.value


def test_truncated_pdf(tmp_path):
    path = tmp_path / "truncated.pdf"
    path.write_bytes((CORPUS / "001_huaian_hongzequ_2023.pdf").read_bytes()[:2048])
    assert "truncated" in _one_error(path, BrokenFile).reason


def test_encrypted_pdf(tmp_path):
    def draw(c):
        c.setFont("STSong-Light", 12)
        c.drawString(72, 700, "政府信息公开工作年度报告")
        c.showPage()

    path = tmp_path / "encrypted.pdf"
    path.write_bytes(_pdf_bytes(draw, encrypt="pw"))
    assert "encrypted" in _one_error(path, BrokenFile).reason


def test_junk_named_pdf(tmp_path):
    junk = bytes(random.Random(7).randrange(256) for _ in range(4096))
    path = tmp_path / "junk.pdf"
    path.write_bytes(junk)
    assert "not a PDF" in _one_error(path, BrokenFile).reason  # caught by the sniffer
    path.write_bytes(b"%PDF-1.7\n" + junk)  # junk behind a PDF header reaches the PDF reader
    assert "PDF" in _one_error(path, BrokenFile).reason
    _one_error(path, BrokenFile, read_pdf)


def test_damaged_pdfs_never_leak_pdfminer_errors(tmp_path):
    """Cut or overwrite parts of a real PDF: each read gives a Document or one of our coded errors."""
    data = (CORPUS / "002_huaian_hongzequ_2024.pdf").read_bytes()
    rng = random.Random(2024)
    for i in range(6):
        damaged = bytearray(data[: rng.randrange(1000, len(data))] if i % 2 else data)
        for _ in range(40):
            at = rng.randrange(len(damaged))
            damaged[at : at + 8] = bytes(rng.randrange(256) for _ in range(8))
        path = tmp_path / f"damaged{i}.pdf"
        path.write_bytes(bytes(damaged))
        try:
            read_pdf(str(path), bytes(damaged), "")
        except XxgkError as error:
            assert error.path == str(path)


def test_docx_not_a_zip(tmp_path):
    path = tmp_path / "report.docx"
    path.write_bytes("这不是Word文件".encode("utf-8") * 50)
    assert "zip" in _one_error(path, BrokenFile).reason  # via the sniffer
    assert "zip" in _one_error(path, BrokenFile, read_docx).reason  # and the reader on its own


def test_docx_zip_without_document(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a word document")
    path = tmp_path / "fake.docx"
    path.write_bytes(buffer.getvalue())
    assert "damaged Word file" in _one_error(path, BrokenFile).reason


def test_html_without_report(tmp_path):
    page = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>首页</title></head><body>
    <div class="nav"><a href="/">首页</a><a href="/xxgk">政府信息公开</a><a href="/bs">办事服务</a></div>
    <div class="content"><h1>关于开展春季植树活动的通知</h1><p>各单位：为改善生态环境，定于三月十二日开展植树活动。</p>
    <p>请各单位按时组织人员参加，做好安全保障工作。</p></div>
    <div class="footer">版权所有 某市人民政府</div></body></html>"""
    path = tmp_path / "notice.html"
    path.write_text(page, encoding="utf-8")
    assert "政府信息公开" in _one_error(path, NotAReport).reason


def test_html_chrome_only(tmp_path):
    page = """<html><body><ul class="menu"><li><a href="/a">政府信息公开</a></li><li><a href="/b">政府信息公开年报</a></li>
    </ul><div class="share">分享到：微信 微博</div></body></html>"""
    path = tmp_path / "list.html"
    path.write_text(page, encoding="utf-8")
    _one_error(path, NotAReport)


@pytest.mark.parametrize("suffix,reader", [(".pdf", read_pdf), (".html", read_html), (".docx", read_docx)])
def test_empty_files(tmp_path, suffix, reader):
    path = tmp_path / f"empty{suffix}"
    path.write_bytes(b"")
    _one_error(path, EmptyFile)
    _one_error(path, EmptyFile, reader)


# --------------------------------------------------------------------------- synthetic HTML


def test_html_gbk_declared_and_sniffed(tmp_path):
    body = "<p>某县2020年政府信息公开工作年度报告</p><p>一、总体情况</p><p>全年主动公开政府信息１２３条。</p>"
    declared = f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>{body}</body></html>'
    for name, page in [("declared.html", declared), ("sniffed.html", f"<html><body>{body}</body></html>")]:
        path = tmp_path / name
        path.write_bytes(page.encode("gbk"))
        doc = ingest(path)
        assert doc.text == "某县2020年政府信息公开工作年度报告\n一、总体情况\n全年主动公开政府信息123条。"


def test_html_grid_layout_and_cells(tmp_path):
    page = """<p>2021年某局政府信息公开工作年度报告</p><p>四、政府信息公开行政复议、行政诉讼情况</p>
    <table><caption>表四<br>复议诉讼</caption><tr><th rowspan="2">类别</th><th colspan="2">行政<br>复议</th></tr>
    <tr><td>结果 维持</td><td>&nbsp;</td></tr>
    <tr><td>合计</td><td><p>1</p></td><td>  2 </td></tr></table><p>五、存在的主要问题及改进情况</p>"""
    path = tmp_path / "grid.html"
    path.write_text(page, encoding="utf-8")
    doc = ingest(path)
    (table,) = doc.tables
    spans = [(c.text, c.row, c.col, c.rowspan, c.colspan) for c in table.cells]
    assert spans == [
        ("类别", 0, 0, 2, 1), ("行政复议", 0, 1, 1, 2),
        ("结果 维持", 1, 1, 1, 1), ("", 1, 2, 1, 1),  # row 1 starts after the rowspan; &nbsp; is blank
        ("合计", 2, 0, 1, 1), ("1", 2, 1, 1, 1), ("2", 2, 2, 1, 1),
    ]
    lines = doc.text.split("\n")
    assert lines[2:6] == ["表四复议诉讼", "类别\t行政复议\t", "\t结果 维持\t", "合计\t1\t2"]
    assert lines[6] == "五、存在的主要问题及改进情况"
    assert_layout(doc)


def test_html_layout_table_page(tmp_path):
    """Old sites put the whole page in a layout table: its menu column goes, the report and its grid stay."""
    page = """<html><head><meta charset="utf-8"></head><body><table width="980"><tr>
    <td width="200"><a href="/">首页</a><br><a href="/x">政府信息公开</a><br><a href="/y">政府信息公开年报</a></td>
    <td><p align="center"><b>某市2016年政府信息公开工作年度报告</b></p>
    <p>本报告根据《中华人民共和国政府信息公开条例》要求编制。</p><p>一、概述</p>
    <table border="1"><tr><td>指标名称</td><td>单位</td><td>本年度</td></tr>
    <tr><td>主动公开政府信息数</td><td>条</td><td>1234</td></tr></table>
    <p>二、存在的问题</p></td></tr></table><div>版权所有 某市人民政府</div></body></html>"""
    path = tmp_path / "layout.html"
    path.write_text(page, encoding="utf-8")
    doc = ingest(path)
    assert doc.text.split("\n") == [
        "某市2016年政府信息公开工作年度报告",
        "本报告根据《中华人民共和国政府信息公开条例》要求编制。",
        "一、概述",
        "指标名称\t单位\t本年度",
        "主动公开政府信息数\t条\t1234",
        "二、存在的问题",
    ]
    assert len(doc.tables) == 1
    assert_layout(doc)


# --------------------------------------------------------------------------- DOCX (built with python-docx)


def _report_docx() -> bytes:
    """Mirrors the 2021-format 表三 header of the real reports (e.g. 200_pingtan_2024.html), cut down to 5x5."""
    import docx

    document = docx.Document()
    document.add_paragraph("某区2023年政府信息公开工作年度报告")
    document.add_paragraph("三、收到和处理政府信息公开申请情况")
    table = document.add_table(rows=5, cols=5)
    table.cell(0, 0).merge(table.cell(1, 1)).text = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    table.cell(0, 2).merge(table.cell(0, 4)).text = "申请人情况"
    table.cell(1, 2).text = "自然人"
    table.cell(1, 3).text = "法人或其他组织"
    table.cell(1, 4).text = "总计"
    label = table.cell(2, 0).merge(table.cell(4, 0))
    label.text = "三、本年度"
    label.add_paragraph("办理结果")  # a second paragraph in the cell, as a wrapped header
    for r, values in enumerate([["（一）予以公开", "5", "", "5"], ["（二）部分公开", "1", "1", "2"],
                                ["（三）不予公开", "0", "0", "0"]], start=2):
        for c, value in enumerate(values, start=1):
            table.cell(r, c).text = value
    document.add_paragraph("四、政府信息公开行政复议、行政诉讼情况")
    document.add_paragraph("行政复议\t5件")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_body_order_and_merged_cells(tmp_path):
    path = tmp_path / "report.docx"
    path.write_bytes(_report_docx())
    doc = ingest(path)
    assert doc.format == "docx"
    lines = doc.text.split("\n")
    assert lines[:2] == ["某区2023年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况"]
    assert lines[-2:] == ["四、政府信息公开行政复议、行政诉讼情况", "行政复议 5件"]  # tab in prose → space
    (table,) = doc.tables
    assert doc.text.index("三、收到和处理") < table.offset < table.end < doc.text.index("四、政府信息公开")
    spans = {c.text: (c.row, c.col, c.rowspan, c.colspan) for c in table.cells if c.text}
    assert spans["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"] == (0, 0, 2, 2)
    assert spans["申请人情况"] == (0, 2, 1, 3)
    assert spans["三、本年度办理结果"] == (2, 0, 3, 1)
    assert row_values(table, 2) == ["三、本年度办理结果", "（一）予以公开", "5", "", "5"]
    assert row_values(table, 4) == ["（三）不予公开", "0", "0", "0"]
    assert len([c for c in table.cells if c.text == "申请人情况"]) == 1  # a merged cell appears once
    assert_layout(doc)


def test_pdf_pictures_large_enough_to_be_a_table_are_noted(tmp_path):
    """A table pasted into the PDF as a picture (400 × 300 pt on an A4 page) is noted with its page; a seal
    (110 × 110 pt, as on most 红头 reports) is not."""
    from PIL import Image as PILImage

    picture = tmp_path / "table.png"
    PILImage.new("RGB", (40, 30), "white").save(picture)

    def draw(c):
        c.setFont("STSong-Light", 12)
        c.drawString(72, 760, "某区2023年政府信息公开工作年度报告")
        c.drawString(72, 740, "二、主动公开政府信息情况")
        c.drawImage(str(picture), 72, 400, width=400, height=300)
        c.showPage()
        c.setFont("STSong-Light", 12)
        c.drawString(72, 760, "六、其他需要报告的事项")
        c.drawImage(str(picture), 400, 100, width=110, height=110)
        c.showPage()

    path = tmp_path / "pictures.pdf"
    path.write_bytes(_pdf_bytes(draw))
    doc = ingest(path)
    assert [(image.page, image.source) for image in doc.images] == [(1, "")]
    assert doc.text.startswith("某区2023年")


def test_docx_pictures_large_enough_to_be_a_table_are_noted(tmp_path):
    """A table pasted as a picture across the text width is noted; a 4 cm seal is not (as for PDF)."""
    import docx
    from docx.shared import Cm
    from PIL import Image as PILImage

    picture = tmp_path / "table.png"
    PILImage.new("RGB", (40, 30), "white").save(picture)
    document = docx.Document()
    document.add_paragraph("某区2023年政府信息公开工作年度报告")
    document.add_paragraph("二、主动公开政府信息情况")
    document.add_picture(str(picture), width=Cm(15))
    document.add_paragraph("六、其他需要报告的事项")
    document.add_picture(str(picture), width=Cm(4))
    path = tmp_path / "pictures.docx"
    document.save(path)
    doc = ingest(path)
    assert len(doc.images) == 1
    assert doc.text[:doc.images[0].offset].endswith("二、主动公开政府信息情况")  # it stands after that heading


def test_html_struck_out_text_is_not_read(tmp_path):
    """Word's "save as web page" with track changes keeps a deletion as <del>: "<del>9</del><ins>71</ins>" shows
    71 with 9 struck out, and must not be read as 971 (found by probing layout variants of 200_pingtan_2024)."""
    page = """<p>2021年某局政府信息公开工作年度报告</p><table><tr><td>（一）予以公开</td>
    <td><del>9</del><ins>71</ins></td><td><s>3</s>4</td><td>5<strike>0</strike></td></tr></table>"""
    path = tmp_path / "tracked.html"
    path.write_text(page, encoding="utf-8")
    (table,) = ingest(path).tables
    assert [c.text for c in table.cells] == ["（一）予以公开", "71", "4", "5"]


def _docx_with(tmp_path, edit) -> Path:
    import docx

    path = tmp_path / "edited.docx"
    path.write_bytes(_report_docx())
    document = docx.Document(path)
    edit(document)
    document.save(path)
    return path


def test_docx_figures_typed_with_track_changes_are_read(tmp_path):
    """A figure inside a tracked insertion (w:ins), a smart tag or a simple field was read blank by python-docx's
    Paragraph.text; a tracked deletion (w:del) stays out. Found by probing layout variants."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    def edit(document):
        runs = [t.getparent() for t in document.tables[0]._tbl.iter(qn("w:t")) if t.text in ("5", "1", "2")]
        for n, run in enumerate(runs[:3]):
            wrapper = parse_xml([f'<w:ins {nsdecls("w")} w:id="9{n}" w:author="x" w:date="2025-01-01T00:00:00Z"/>',
                                 f'<w:smartTag {nsdecls("w")} w:element="chmetcnv"/>',
                                 f'<w:fldSimple {nsdecls("w")} w:instr=" =SUM(ABOVE) "/>'][n])
            run.addprevious(wrapper)
            wrapper.append(run)
        deleted = parse_xml(f'<w:del {nsdecls("w")} w:id="99" w:author="x" w:date="2025-01-01T00:00:00Z">'
                            f'<w:r><w:delText>8</w:delText></w:r></w:del>')
        runs[0].addprevious(deleted)

    (table,) = ingest(_docx_with(tmp_path, edit)).tables
    assert row_values(table, 2) == ["三、本年度办理结果", "（一）予以公开", "5", "", "5"]
    assert row_values(table, 3) == ["（二）部分公开", "1", "1", "2"]


def test_docx_table_inside_a_one_cell_frame_is_still_a_table(tmp_path):
    """Some Word reports put the whole statistics table inside a 1 × 1 table used as a frame."""
    from docx.oxml import OxmlElement

    def edit(document):
        inner = document.tables[0]._tbl
        frame = document.add_table(rows=1, cols=1)
        inner.addprevious(frame._tbl)
        cell = frame.cell(0, 0)._tc
        cell.append(inner)
        cell.append(OxmlElement("w:p"))  # a cell ends with a paragraph

    doc = ingest(_docx_with(tmp_path, edit))
    (table,) = doc.tables
    assert row_values(table, 2) == ["三、本年度办理结果", "（一）予以公开", "5", "", "5"]


# --------------------------------------------------------------------------- PDF producer quirks (probed with generated PDFs)


def test_pdf_fake_bold_glyphs_drawn_twice_are_read_once(tmp_path):
    """Some producers embolden by drawing each glyph twice at (nearly) the same place: "218" must not read "221188"."""
    def draw(c):
        c.setFont("STSong-Light", 12)
        c.drawString(72, 760, "某区2024年政府信息公开工作年度报告")
        for dx in (0, 0.3):
            c.drawString(72 + dx, 740, "全年共受理申请218件。")
        c.showPage()

    path = tmp_path / "bold.pdf"
    path.write_bytes(_pdf_bytes(draw))
    text = ingest(path).text
    assert text.endswith("全年共受理申请218件。") and text.count("218") == 1


def _ruled_rows(c, xs, ys, texts):
    for y in ys:
        c.line(xs[0], y, xs[-1], y)
    for x in xs:
        c.line(x, ys[0], x, ys[-1])
    for (x, y), text in texts:
        c.drawString(x, y, text)


def test_pdf_one_row_cut_off_by_a_page_break_is_still_a_table(tmp_path):
    """The last row of 表三 alone at the top of the next page (a page break before it): a ruled row of 3 cells or
    more is a table piece, not narrative (as narrative, "四、结转下年度继续办理" looked like section heading 四)."""
    def draw(c):
        c.setFont("STSong-Light", 10)
        c.drawString(72, 780, "某区2024年政府信息公开工作年度报告")
        xs = [72, 300, 380, 460, 540]
        _ruled_rows(c, xs, [700, 680, 660], [((76, 686), "（一）予以公开"), ((304, 686), "5"), ((384, 686), "0"),
                                             ((464, 686), "5"), ((76, 666), "（二）部分公开"), ((304, 666), "1"),
                                             ((384, 666), "0"), ((464, 666), "1")])
        c.showPage()
        c.setFont("STSong-Light", 10)
        _ruled_rows(c, xs, [780, 760], [((76, 766), "四、结转下年度继续办理"), ((304, 766), "0"), ((384, 766), "0"),
                                        ((464, 766), "0")])
        c.drawString(72, 700, "五、存在的主要问题及改进情况")
        c.showPage()

    path = tmp_path / "cut.pdf"
    path.write_bytes(_pdf_bytes(draw))
    doc = ingest(path)
    assert len(doc.tables) == 2
    assert [c.text for c in doc.tables[1].cells] == ["四、结转下年度继续办理", "0", "0", "0"]


def test_pdf_table_framed_by_thick_filled_rules(tmp_path):
    """Word and browsers draw a table's outer frame as filled bars 2.25 pt thick: they are rules, not shading."""
    def draw(c):
        c.setFont("STSong-Light", 10)
        c.drawString(72, 780, "某区2024年政府信息公开工作年度报告")
        xs, ys = [72, 300, 380], [700, 680, 660]
        for y in ys[1:-1]:
            c.line(xs[0], y, xs[-1], y)
        for x in xs[1:-1]:
            c.line(x, ys[0], x, ys[-1])
        c.setFillColorRGB(0, 0, 0)
        for x0, y0, w, h in ((72, 700, 308, 2.25), (72, 657.75, 308, 2.25), (72, 660, 2.25, 40), (377.75, 660, 2.25, 40)):
            c.rect(x0, y0, w, h, stroke=0, fill=1)
        for (x, y), text in (((78, 686), "行政规范性文件"), ((304, 686), "62"), ((78, 666), "规章"), ((304, 666), "0")):
            c.drawString(x, y, text)
        c.showPage()

    path = tmp_path / "frame.pdf"
    path.write_bytes(_pdf_bytes(draw))
    (table,) = ingest(path).tables
    assert [c.text for c in table.cells] == ["行政规范性文件", "62", "规章", "0"]


def test_kangxi_radicals_read_as_the_ideographs_they_stand_for():
    """WPS exports often put Kangxi radicals in the text layer (⼀ U+2F00 for 一, ⼈ U+2F08 for 人)."""
    from nlp.ingest.normalise import normalise

    assert normalise("⼀、本年新收政府信息公开申请数量 ⼈次") == "一、本年新收政府信息公开申请数量 人次"


def test_pdf_page_cut_under_a_cell_that_spans_on_closes_the_table(tmp_path):
    """A page break inside 表三's 三、本年度办理结果 (a narrow label cell spanning 22 rows): the cut is ruled under
    every column but that one. The cell is still closed there, so its label stays in the table, not the text."""
    def draw(c):
        c.setFont("STSong-Light", 10)
        c.drawString(72, 780, "某区2024年政府信息公开工作年度报告")
        xs, ys = [72, 100, 300, 380, 460, 540], [700, 680, 660]
        c.line(xs[0], ys[0], xs[-1], ys[0])
        c.line(xs[1], ys[1], xs[-1], ys[1])  # the label cell spans both rows
        c.line(xs[1], ys[2], xs[-1], ys[2])  # the page cut: ruled under all columns but the spanning one
        for x in xs:
            c.line(x, ys[0], x, ys[2])
        for i, ch in enumerate("三、本年"):
            c.drawString(82, 690 - 9 * i, ch)
        for (x, y), text in (((104, 686), "（一）予以公开"), ((304, 686), "5"), ((384, 686), "0"), ((464, 686), "5"),
                             ((104, 666), "（二）部分公开"), ((304, 666), "1"), ((384, 666), "0"), ((464, 666), "1")):
            c.drawString(x, y, text)
        c.drawString(72, 600, "本年度共收到申请6件。")
        c.showPage()

    path = tmp_path / "cut.pdf"
    path.write_bytes(_pdf_bytes(draw))
    doc = ingest(path)
    (table,) = doc.tables
    assert table.cells[0].text == "三、本年" and table.cells[0].rowspan == 2
    assert "三" not in doc.text[table.end:]


def test_pdf_table_without_ruling_lines_is_read_from_its_text_lines(tmp_path):
    """表二 of 200_pingtan_2024 printed without any rules (a "three-line" or unruled table, or an OCR text layer):
    no grid, so its rows are read from the text lines, as flattened tables are (note W205)."""
    import nlp

    lines = ["某区2024年政府信息公开工作年度报告", "二、主动公开政府信息情况", "第二十条第（一）项",
             "信息内容 本年制发件数 本年废止件数 现行有效件数", "规章 0 0 0", "行政规范性文件 62 33 440",
             "第二十条第（五）项", "信息内容 本年处理决定数量", "行政许可 4529", "第二十条第（六）项",
             "信息内容 本年处理决定数量", "行政处罚 1100", "行政强制 65", "第二十条第（八）项",
             "信息内容 本年收费金额（单位：万元）", "行政事业性收费 18651.06", "三、收到和处理政府信息公开申请情况"]

    def draw(c):
        c.setFont("STSong-Light", 11)
        for i, line in enumerate(lines):
            c.drawString(72, 780 - 18 * i, line)
        c.showPage()

    path = tmp_path / "unruled.pdf"
    path.write_bytes(_pdf_bytes(draw))
    report = nlp.read(path)
    t2 = {f.id: f.raw for f in report.facts if f.id.startswith("t2.")}
    assert t2 == {"t2.a1.regulation.issued": "0", "t2.a1.regulation.repealed": "0", "t2.a1.regulation.in_force": "0",
                  "t2.a1.normative.issued": "62", "t2.a1.normative.repealed": "33", "t2.a1.normative.in_force": "440",
                  "t2.a5.licensing.decisions": "4529", "t2.a6.penalty.decisions": "1100",
                  "t2.a6.coercion.decisions": "65", "t2.a8.admin_fee.amount_wan_yuan": "18651.06"}
    assert any(e["code"] == "W205" for e in report.to_dict()["errors"])
