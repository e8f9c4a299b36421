"""The text layer: segmentation (nlp.text.segment), entities (nlp.text.entities), keywords (nlp.text.keywords) and the
spaCy pipeline (nlp.text.pipeline).

Sentences come verbatim from corpus/ files, as ``nlp.ingest`` gives them (``test_real_sentences_are_in_the_corpus``
keeps that honest); the file is named next to each. The one constructed trap is 十分重视, which no corpus report
prints.
"""
from __future__ import annotations

import json
import math
import subprocess
import sys
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nlp.text import segment
from nlp.text.claims import extract_claims
from nlp.text.entities import find_entities
from nlp.text.keywords import idf_table, is_term, keywords, tfidf
from nlp.text.quantities import find_quantities

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


@cache
def corpus_text(name: str) -> str:
    from nlp.ingest import ingest

    return ingest(CORPUS / name).text


# --------------------------------------------------------------------------- real sentences (file, sentence)

HOTLINES = ("000_dongying_gjj_2018.txt", "根据《全省政务服务热线整合工作方案》要求，将 12329 住房公积金服务热线整合到 12345 政务服务"
            "热线，实行集中管理、统一受理、按责转办、限时办结。")
CONSULT = ("000_dongying_gjj_2018.txt", "2018 年度共接受职工网站咨询 316 人次，市政府网上民声咨询 24 人次，12329 热线电话咨询（含 "
           "12345 热线转办和回复电话）27885 人次，微信公众号即时咨询 5101 人次，12345 工单回复 101 人次，各渠道咨询总量达 33427 人"
           "次，答复率均达到 100%。")
CONTACT = ("000_dongying_gjj_2018.txt", "如有疑问，请与东营市住房公积金管理中心信息科联系（东营市东营区东城府前大街 122 号财政大楼 10 "
           "楼，邮政编码：257091，联系电话：0546-8338125；邮箱：dysgj.jzxxxk@dy.shandong.cn）。")
APPLY = ("000_dongying_gjj_2018.txt", "本年度受理政府依申请公开 1 件,按期答复 1 件,按期答复率 100%,无收费情况发生。")
FURTHER = ("000_dongying_gjj_2018.txt", "2018年结合我市住房公积金管理服务工作实际，下发了《东营市住房公积金管理中心关于进一步做好政务公开"
           "工作的通知》，制定政务公开培训计划，明确任务，细化目标，围绕加强办事公开、重点领域公开、法治政府建设公开、加强解读回应推进政务公开。")
FIRST = ("000_dongying_gjj_2018.txt", "7 月 5 日，住建部、省住建厅联合检查验收组对全省第一批 6 个城市“双贯标”情况检查验收，我市以 "
         "96.17 分的成绩位居全省第一名。")
ONE_IS = ("000_dongying_gjj_2018.txt", "一是加大扩面归集工作力度。")
CHANNELS = ("000_dongying_gjj_2018.txt", "依托中心网站网上咨询、市政府网上民声、12329 住房公积金服务热线、12345 政务服务热线对公积金政策进"
            "行解释宣传，与缴存职工进行互动交流。")
DOCNO_2019 = ("013_pingtan_2020.txt", "平潭综合实验区2020年政府信息公开工作年度报告 根据《中华人民共和国政府信息公开条例》（以下简称《条例"
              "》）、《福建省政府信息公开办法》（以下简称《办法》）、《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项"
              "的通知》（国办公开办函〔2019〕60号）、《国务院办公厅关于印发2020年政务公开工作要点的通知》（国办发〔2020〕17号）要求，我区编"
              "制完成了本报告。")
HOTLINE_12345 = ("013_pingtan_2020.txt", "二是推动12345热线入驻“平潭通”小程序，群众可通过关注“平潭通”小程序，点击首页“12345热线”填写诉求"
                 "，同时利用“随手拍”功能拍照上传现场照片、定位地点，提升部门处置效率。")
NORMS = ("011_pingtan_2018.txt", "（四）开展政策解读工作情况建立以行政规范性文件为主的政策解读机制，提升行政规范性文件执行效力，促进政府"
         "依法行政。")
DEPARTMENT = ("009_pingtan_2016.txt", "各乡镇主动公开政府信息1638条，占47%，政府信息公开量较大的部门是区环境与国土资源局，政府信息公开量较"
              "大的乡镇是澳前镇。")
WEBSITE = ("009_pingtan_2016.txt", "本报告的电子版可在“中国·平潭”政府门户网站（www.pingtan.gov.cn）下载。")
WRAPPED = ("300_shanghai_kewei_2024.md", "2024 年市科委有 1 件涉及政府信息公开工作的行政复\n议，该行政复议件未被复议审查机关纠错。")
URL = ("300_shanghai_kewei_2024.md", "年度报告电子版可以通过市\n科委网站（https://stcsm.sh.gov.cn）下载。")
PDF_CONTACT = ("001_huaian_hongzequ_2023.pdf", "如对本报告有疑问，请与淮安市洪泽区人民政府办公室联系（地址：淮安市洪泽区洪泽湖大道 90 号 ， "
               "邮 编 ： 223100 ， 电 话 ： 0517-87222589 ， 电 子 邮 箱 ： hzzwgk@126.com）。")

REAL = [HOTLINES, CONSULT, CONTACT, APPLY, FURTHER, FIRST, ONE_IS, CHANNELS, DOCNO_2019, HOTLINE_12345, NORMS,
        DEPARTMENT, WEBSITE, WRAPPED, URL, PDF_CONTACT]


@pytest.mark.parametrize("name,sentence", REAL, ids=[s[:12] for _, s in REAL])
def test_real_sentences_are_in_the_corpus(name, sentence):
    assert sentence in corpus_text(name)


def entities(sentence: str) -> list[tuple[str, str]]:
    return [(e["label"], e["text"]) for e in find_entities(sentence)]


# --------------------------------------------------------------------------- segmentation


@pytest.mark.parametrize("sentence,tokens", [
    (APPLY[1], ["依申请公开"]),
    (CHANNELS[1], ["12329住房公积金服务热线", "12345政务服务热线", "公积金", "缴存职工"]),
    (HOTLINES[1], ["12329住房公积金服务热线", "12345政务服务热线"]),
    (HOTLINE_12345[1], ["12345热线"]),
    (CONSULT[1], ["12329热线", "12345热线"]),
    (NORMS[1], ["行政规范性文件", "政策解读"]),
    (CONTACT[1], ["东营市住房公积金管理中心", "东营市", "东营区"]),
    (WRAPPED[1], ["行政复议"]),  # a line wrap inside the word
    (DEPARTMENT[1], ["政府信息", "主动公开"]),
], ids=["依申请公开", "热线-spaced", "热线-整合", "12345热线", "12329热线", "规范性文件", "agency", "wrap", "政府信息"])
def test_domain_dictionary_keeps_words_whole(sentence, tokens):
    cut = segment.cut(sentence)
    for token in tokens:
        assert token in cut, (token, cut)


@pytest.mark.parametrize("name,sentence", [CONSULT, CHANNELS, WRAPPED, PDF_CONTACT],
                         ids=["consult", "channels", "wrap", "pdf"])
def test_tokens_map_back_to_the_original_text(name, sentence):
    tokens = segment.tokenize(sentence)
    assert tokens[0].start == 0 and tokens[-1].end == len(sentence)
    for before, after in zip(tokens, tokens[1:]):
        assert before.end <= after.start and sentence[before.end:after.start].strip() == ""
    for token in tokens:  # the printed span is the token with the removed spaces / wrap
        printed = sentence[token.start:token.end]
        assert printed == token.text or printed.replace(" ", "").replace("\n", "") == token.text
    assert "".join(t.text for t in tokens) == segment.normalise(sentence)[0]


def test_spaced_hotline_is_one_token_with_its_space():
    sentence = CHANNELS[1]
    token = next(t for t in segment.tokenize(sentence) if t.text == "12345政务服务热线")
    assert sentence[token.start:token.end] == "12345 政务服务热线"


def test_segmenter_selection(monkeypatch):
    monkeypatch.delenv(segment.ENV_VAR, raising=False)
    assert segment.resolve() == "jieba"
    monkeypatch.setenv(segment.ENV_VAR, "rjieba")
    assert segment.resolve() == "rjieba" and segment.resolve("jieba") == "jieba"
    with pytest.raises(ValueError, match="jieba, rjieba"):
        segment.resolve("pkuseg")


def test_rjieba_gives_jiebas_tokens_on_every_corpus_report():
    pytest.importorskip("rjieba", reason="rjieba is the optional fast engine")
    from nlp.ingest import SUPPORTED

    names = [p.name for p in sorted(CORPUS.iterdir()) if p.suffix.lower() in SUPPORTED]
    assert len(names) >= 20
    for name in names:
        text = corpus_text(name)
        assert segment.cut(text, "rjieba") == segment.cut(text, "jieba"), name
        assert segment.tokenize(text, "rjieba") == segment.tokenize(text, "jieba"), name


# --------------------------------------------------------------------------- entities, every category


@pytest.mark.parametrize("sentence,expected", [
    (CONTACT[1], [("AGENCY", "东营市住房公积金管理中心"), ("REGION", "东营市"), ("REGION", "东营区"), ("POSTCODE", "257091"),
                  ("PHONE", "0546-8338125"), ("EMAIL", "dysgj.jzxxxk@dy.shandong.cn")]),
    (PDF_CONTACT[1], [("AGENCY", "淮安市洪泽区人民政府办公室"), ("REGION", "淮安市"), ("REGION", "洪泽区"), ("POSTCODE", "223100"),
                      ("PHONE", "0517-87222589"), ("EMAIL", "hzzwgk@126.com")]),
    (HOTLINES[1], [("TITLE", "《全省政务服务热线整合工作方案》"), ("HOTLINE", "12329 住房公积金服务热线"),
                   ("HOTLINE", "12345 政务服务热线")]),
    (HOTLINE_12345[1], [("HOTLINE", "12345热线"), ("REGION", "平潭"), ("REGION", "平潭"), ("HOTLINE", "12345热线")]),
    (DEPARTMENT[1], [("AGENCY", "区环境与国土资源局"), ("REGION", "澳前镇")]),
    (WEBSITE[1], [("REGION", "中国"), ("REGION", "平潭"), ("URL", "www.pingtan.gov.cn")]),
    (URL[1], [("URL", "https://stcsm.sh.gov.cn")]),
    (FIRST[1], [("DATE", "7 月 5 日"), ("AGENCY", "住建部"), ("AGENCY", "省住建厅")]),
    (FURTHER[1], [("DATE", "2018年"), ("TITLE", "《东营市住房公积金管理中心关于进一步做好政务公开工作的通知》")]),
], ids=["contact", "pdf-contact", "hotlines", "12345热线", "department", "website", "url", "first", "title"])
def test_entities_of_real_sentences(sentence, expected):
    assert entities(sentence) == expected


def test_document_numbers_with_their_issuer():
    found = entities(DOCNO_2019[1])
    assert ("DOCNO", "国办公开办函〔2019〕60号") in found and ("DOCNO", "国办发〔2020〕17号") in found
    assert ("TITLE", "《中华人民共和国政府信息公开条例》") in found and ("REGION", "平潭综合实验区") in found
    assert ("DATE", "2020年") in found


def test_dates_carry_their_iso_value():
    dates = [e for e in find_entities(FIRST[1] + FURTHER[1]) if e["label"] == "DATE"]
    assert [d["value"] for d in dates] == ["--07-05", "2018"]


@pytest.mark.parametrize("sentence", [
    "进一步加强政府信息公开工作，推进法治政府建设，坚持以人民为中心。",  # 政府信息, 法治政府, 以人民为中心
    "群众可到政务服务大厅查阅，构建新发展格局。",
])
def test_no_agency_in_boilerplate(sentence):
    assert [e for e in find_entities(sentence) if e["label"] == "AGENCY"] == []


def test_agencies_joined_by_a_conjunction_are_two():
    assert entities("按照国务院和省政府的部署，市政府办公厅代表市政府受理。") == [
        ("AGENCY", "国务院"), ("AGENCY", "省政府"), ("AGENCY", "市政府办公厅"), ("AGENCY", "市政府")]


def test_labels_are_the_data_files():
    from nlp.text.entities import LABELS, patterns, rules

    assert set(LABELS) == set(rules()["labels"]) and set(patterns().values()) <= set(LABELS)


def test_every_entity_text_is_its_span():
    for name in ("000_dongying_gjj_2018.txt", "009_pingtan_2016.txt", "001_huaian_hongzequ_2023.pdf"):
        text = corpus_text(name)
        found = find_entities(text)
        assert found, name
        for e in found:
            assert text[e["start"]:e["end"]] == e["text"]
        assert all(a["end"] <= b["start"] for a, b in zip(found, found[1:]))  # ordered, no overlap


# --------------------------------------------------------------------------- traps: never quantities


@pytest.mark.parametrize("name,sentence,trap,label", [
    (*FURTHER, "进一步", None),
    (*ONE_IS, "一是", None),
    (*HOTLINE_12345, "12345热线", "HOTLINE"),
    (*CONTACT, "0546-8338125", "PHONE"),
    (*DOCNO_2019, "〔2019〕60号", "DOCNO"),
    (*FURTHER, "2018年", "DATE"),
    (*FIRST, "第一名", None),
    ("constructed", "市领导十分重视政务公开工作。", "十分重视", None),
], ids=["进一步", "一是", "12345热线", "phone", "docno", "2018年", "第一名", "十分重视"])
def test_traps_are_not_quantities(name, sentence, trap, label):
    at = sentence.index(trap)
    span = (at, at + len(trap))
    assert not [q for q in find_quantities(sentence) if q.start < span[1] and span[0] < q.end]
    assert not [c for c in extract_claims(sentence) if c.quantity.start < span[1] and span[0] < c.quantity.end]
    if label:
        assert any(e["label"] == label and e["start"] <= span[0] and span[1] <= e["end"]
                   for e in find_entities(sentence))


# --------------------------------------------------------------------------- keywords


@pytest.fixture(scope="module")
def dongying_text():
    return corpus_text("000_dongying_gjj_2018.txt")


def test_keywords_say_what_is_distinctive(dongying_text):
    terms = [k["term"] for k in keywords(dongying_text, k=20)]
    assert {"住房公积金", "公积金", "贷款", "缴存职工", "提取"} <= set(terms)
    assert not {"坚持", "进一步", "切实", "加强", "推进", "工作", "情况", "政府信息公开", "依申请公开"} & set(terms)
    assert all(k["method"] == "tfidf" for k in keywords(dongying_text, k=3))


def test_tfidf_is_sklearns_with_the_saved_idf(dongying_text):
    import numpy
    from sklearn.feature_extraction.text import TfidfVectorizer

    from nlp.text.keywords import tokenizer

    table = idf_table()
    vocabulary = {term: i for i, term in enumerate(table["idf"])}
    vectorizer = TfidfVectorizer(tokenizer=tokenizer, token_pattern=None, lowercase=False, sublinear_tf=True,
                                 smooth_idf=True, norm=None, vocabulary=vocabulary)
    vectorizer.idf_ = numpy.array(list(table["idf"].values()))
    row = vectorizer.transform([dongying_text]).toarray()[0]
    ours = {k["term"]: k["score"] for k in tfidf(dongying_text, k=10_000) if k["term"] in vocabulary}
    assert len(ours) > 100
    for term, score in ours.items():
        assert math.isclose(score, row[vocabulary[term]], abs_tol=1e-3), term


def test_unknown_terms_get_the_idf_of_no_document():
    table = idf_table()
    assert table["default_idf"] == pytest.approx(math.log(1 + table["documents"]) + 1, abs=1e-6)
    assert "霓虹灯" not in table["idf"]
    assert tfidf("霓虹灯霓虹灯", k=1)[0]["score"] == pytest.approx((1 + math.log(2)) * table["default_idf"], abs=1e-3)


def test_idf_file_is_current():
    """The shipped IDF is (nearly) a refit on corpus/ with today's reader, tokenizer, dictionary and stop list.

    Small drift (a reader fix changing a few words) is tolerated; a new report or a new dictionary is not."""
    from nlp.text.keywords import _corpus_texts, fit

    refit = fit(_corpus_texts(CORPUS))
    shipped = idf_table()
    stale = "stale nlp/data/lexicon/idf_corpus.json: run python -m nlp.text.keywords --fit corpus/"
    assert [f"corpus/{name}" for name in refit["files"]] == shipped["files"], stale
    old, new = set(shipped["idf"]), set(refit["idf"])
    assert len(old & new) >= 0.97 * len(old | new), stale


def test_numeral_words_and_boilerplate_are_not_terms():
    assert not any(map(is_term, ["一是", "万条", "二月", "第一", "12345", "工作", "进一步", "住"]))
    assert all(map(is_term, ["住房公积金", "一次办好", "12345热线"]))


def test_textrank(dongying_text):
    found = keywords(dongying_text, k=10, method="textrank")  # a ResourceWarning from jieba.analyse would fail here
    assert found and all(k["method"] == "textrank" for k in found)
    assert "住房公积金" in [k["term"] for k in found]
    assert not {"工作", "进一步", "加强"} & {k["term"] for k in found}
    with pytest.raises(ValueError, match="tfidf, textrank, both"):
        keywords(dongying_text, method="lda")


# --------------------------------------------------------------------------- the spaCy pipeline


@pytest.fixture(scope="module")
def nlp_pipe():
    pytest.importorskip("spacy")
    from nlp.text.pipeline import pipeline

    return pipeline(segmenter="jieba")


@pytest.fixture(scope="module")
def consult_doc(nlp_pipe):
    return nlp_pipe(CONSULT[1] + "\n" + CHANNELS[1] + "\n" + CONTACT[1])


def test_pipeline_components(nlp_pipe):
    assert nlp_pipe.pipe_names == ["xxgk_quantities", "xxgk_entities", "xxgk_claims"]
    assert nlp_pipe.lang == "zh"


def test_doc_keeps_the_text_and_the_domain_tokens(consult_doc):
    text = CONSULT[1] + "\n" + CHANNELS[1] + "\n" + CONTACT[1]
    assert consult_doc.text == text
    token = next(t for t in consult_doc if t.norm_ == "12345政务服务热线")
    assert token.text == "12345 政务服务热线" and text[token.idx:token.idx + len(token)] == token.text


def test_claims_and_entities_in_doc(consult_doc):
    text = consult_doc.text
    labels = {e.label_ for e in consult_doc.ents}
    assert {"CLAIM", "HOTLINE", "AGENCY", "PHONE", "EMAIL", "POSTCODE", "DATE"} <= labels
    claims = consult_doc._.claims
    assert [(c.quantity.text, c.value) for c in claims] == [(c.quantity.text, c.value) for c in extract_claims(text)]
    total = next(c for c in claims if c.value == 33427)
    assert total.subject == "各渠道咨询总量" and total.unit == "人次"
    span = next(e for e in consult_doc.ents if e.label_ == "CLAIM" and "33427" in e.text)
    assert span._.value == Decimal(33427) and span._.claim.subject == "各渠道咨询总量"
    assert span.start_char <= total.quantity.start and total.quantity.end <= span.end_char


def test_spans_map_to_the_original_offsets(consult_doc):
    text = consult_doc.text
    for e in find_entities(text):
        span = next(s for s in consult_doc.spans["xxgk_entities"] if s.label_ == e["label"]
                    and s.start_char <= e["start"] and e["end"] <= s.end_char)
        assert text[span.start_char:span.end_char] == span.text
    exact = [e for e in find_entities(text) if consult_doc.char_span(e["start"], e["end"]) is not None]
    assert len(exact) >= len(find_entities(text)) - 2  # almost all fall on token boundaries
    for q in consult_doc._.quantities:
        span = consult_doc.char_span(q.start, q.end, alignment_mode="expand")
        assert span.start_char <= q.start and q.end <= span.end_char and text[q.start:q.end] == q.text


def test_doc_serialises_with_its_extensions(nlp_pipe, consult_doc):
    from spacy.tokens import Doc, DocBin

    again = Doc(nlp_pipe.vocab).from_bytes(consult_doc.to_bytes())
    assert [(e.text, e.label_) for e in again.ents] == [(e.text, e.label_) for e in consult_doc.ents]
    assert [c.to_dict() for c in again._.claims] == [c.to_dict() for c in consult_doc._.claims]
    docs = list(DocBin(docs=[consult_doc], store_user_data=True).get_docs(nlp_pipe.vocab))
    assert docs[0]._.entities == consult_doc._.entities


def test_pipeline_round_trip_on_disk(nlp_pipe, tmp_path):
    import spacy

    import nlp.text.pipeline  # noqa: F401  (registers the tokenizer and the factories)

    nlp_pipe.to_disk(tmp_path / "xxgk_zh")
    loaded = spacy.load(tmp_path / "xxgk_zh")
    assert loaded.pipe_names == nlp_pipe.pipe_names
    text = HOTLINES[1] + CONTACT[1]
    a, b = nlp_pipe(text), loaded(text)
    assert [t.text for t in a] == [t.text for t in b]
    assert [(e.text, e.label_) for e in a.ents] == [(e.text, e.label_) for e in b.ents]


def test_displacy_shows_claims_and_entities(consult_doc):
    from spacy import displacy

    from nlp.text.pipeline import DISPLACY_OPTIONS

    html = displacy.render(consult_doc, style="ent", options=DISPLACY_OPTIONS)
    assert "CLAIM" in html and "33427 人次" in html and "HOTLINE" in html and "AGENCY" in html


def test_rjieba_pipeline_gives_the_same_doc(consult_doc):
    pytest.importorskip("rjieba")
    from nlp.text.pipeline import pipeline

    doc = pipeline(segmenter="rjieba")(consult_doc.text)
    assert [t.text for t in doc] == [t.text for t in consult_doc]
    assert [(e.text, e.label_) for e in doc.ents] == [(e.text, e.label_) for e in consult_doc.ents]


# --------------------------------------------------------------------------- the report


def test_report_has_entities_and_keywords(dongying):
    data = json.loads(json.dumps(dongying.to_dict(), ensure_ascii=False))
    assert ("AGENCY", "东营市住房公积金管理中心") in [(e["label"], e["text"]) for e in data["entities"]]
    assert "住房公积金" in [k["term"] for k in data["keywords"]]


def test_read_does_not_import_spacy_or_sklearn():
    code = ("import sys, nlp; nlp.read('corpus/000_dongying_gjj_2018.txt'); "
            "print(sorted(m for m in ('spacy', 'sklearn', 'jieba.analyse') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --------------------------------------------------------------------------- properties

FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ALPHABET = "政府信息公开局委员会中心办公室人民管市区县省平潭东营《》〔〕（）()12345067890年月日号热线电话：:@.-www共件条%万近约 \n"


@FAST
@given(st.text())
def test_find_entities_never_crashes_and_spans_lie_inside(text):
    for e in find_entities(text):
        assert 0 <= e["start"] < e["end"] <= len(text) and text[e["start"]:e["end"]] == e["text"]


@FAST
@given(st.text(alphabet=ALPHABET))
def test_find_entities_on_report_like_text(text):
    for e in find_entities(text):
        assert 0 <= e["start"] < e["end"] <= len(text) and text[e["start"]:e["end"]] == e["text"]


@FAST
@given(st.text())
def test_claims_never_crash_and_spans_lie_inside(text):
    for claim in extract_claims(text):
        q = claim.quantity
        assert 0 <= q.start < q.end <= len(text) and text[q.start:q.end] == q.text
        assert claim.sentence[0] <= q.start and q.end <= claim.sentence[1]


@FAST
@given(st.text(alphabet=ALPHABET))
def test_claims_on_report_like_text(text):
    for claim in extract_claims(text):
        q = claim.quantity
        assert 0 <= q.start < q.end <= len(text) and text[q.start:q.end] == q.text


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=ALPHABET))
def test_tokens_cover_any_text(text):
    tokens = segment.tokenize(text)
    assert "".join(t.text for t in tokens) == segment.normalise(text)[0]
    squeeze = lambda s: s.replace(" ", "").replace("\n", "")  # noqa: E731
    for t in tokens:
        assert 0 <= t.start < t.end <= len(text)
        assert squeeze(text[t.start:t.end]) == squeeze(t.text)
    for before, after in zip(tokens, tokens[1:]):
        assert before.end <= after.start and text[before.end:after.start].strip() == ""


def test_sentences_grouped_by_paragraph_agree_with_paragraph_spans():
    """One pass gives sentences and their paragraphs; on every corpus text it agrees with the two separate views."""
    from nlp.text.sentences import paragraph_spans, sentence_spans, sentences_by_paragraph

    for path in sorted(CORPUS.glob("*.txt")):
        text = corpus_text(path.name)
        grouped = sentences_by_paragraph(text)
        assert [s for p in grouped for s in p] == sentence_spans(text)
        paragraphs = paragraph_spans(text)
        for sentences in grouped:
            owners = {next(i for i, (a, b) in enumerate(paragraphs) if a <= s0 and s1 <= b) for s0, s1 in sentences}
            assert len(owners) == 1, (path.name, sentences)


def test_entities_come_from_the_narrative_not_the_tables():
    """corpus/009: the 统计表's column header "2016年度" is a table label (read into facts), not a DATE entity;
    the narrative's own dates and agencies are still found, and no entity runs into a table."""
    from nlp.ingest import ingest

    doc = ingest(CORPUS / "009_pingtan_2016.txt")
    tables = [(t.offset, t.end) for t in doc.tables if t.offset is not None]
    header = doc.text.index("2016年度历年累计")
    assert any(a <= header < b for a, b in tables)
    everything = find_entities(doc.text)
    narrative = find_entities(doc.text, tables)
    assert any(e["start"] == header and e["label"] == "DATE" for e in everything)
    assert not any(e["start"] == header for e in narrative)
    assert {"DATE", "AGENCY"} <= {e["label"] for e in narrative}
    for e in narrative:
        assert not any(a < e["end"] and e["start"] < b for a, b in tables), e
    assert [e for e in everything if not any(a < e["end"] and e["start"] < b for a, b in tables)] == narrative


def test_claims_on_the_out_of_sample_gold_set():
    """tests/data/claims_gold_fresh.jsonl: every numeric sentence of three reports the extractor was not tuned on
    (annotated without running it; offsets in the ingested text). Issue 4's targets: value+unit precision ≥ 0.95
    and recall ≥ 0.90, subject ≥ 0.85 (a subject is right when one contains the other, spaces removed)."""
    from nlp.ingest import ingest

    items = [json.loads(line) for line in (ROOT / "tests/data/claims_gold_fresh.jsonl").read_text("utf-8").splitlines()
             if line.strip()]
    tp = fp = fn = subject_ok = 0
    for name in sorted({it["file"] for it in items}):
        doc = ingest(CORPUS / name)
        text, gold = doc.text, [it for it in items if it["file"] == name]
        assert all(text[it["start"]:it["start"] + len(it["text"])] == it["text"] for it in gold)
        sentences = {(at, at + len(it["sentence"])) for it in gold
                     if (at := text.rfind(it["sentence"], 0, it["start"] + len(it["sentence"]))) >= 0}
        claims = extract_claims(text, (), [(t.offset, t.end) for t in doc.tables if t.offset is not None])
        hits = set()
        for claim in claims:
            if not any(a <= claim.quantity.start < b for a, b in sentences):
                continue
            hit = next((it for it in gold if it["start"] < claim.quantity.end
                        and claim.quantity.start < it["start"] + len(it["text"])), None)
            if hit and not hit["negative"] and Decimal(hit["value"]) == claim.value and hit["unit"] == claim.unit:
                tp += 1
                hits.add(id(hit))
                mine, theirs = claim.subject.replace(" ", ""), hit["subject"].replace(" ", "")
                subject_ok += bool(mine) and (mine in theirs or theirs in mine)
            else:
                fp += 1
        fn += sum(1 for it in gold if not it["negative"] and id(it) not in hits)
    assert tp + fn == 52
    assert tp / (tp + fp) >= 0.95 and tp / (tp + fn) >= 0.90, (tp, fp, fn)
    assert subject_ok / tp >= 0.85, (subject_ok, tp)
