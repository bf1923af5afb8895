"""The JSON backend: EU law seeds, report section lists, the RBA VAP standard."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nlp_pipeline.errors import InputError
from nlp_pipeline.ingest.json_sections import read_json_file
from nlp_pipeline.records import BlockKind, DocumentKind

DOC_ID = "3" * 64

SEED = {
    "id": "CSDDD",
    "full_name": "Corporate Sustainability Due Diligence Directive",
    "celex_id": "32024L1760",
    "recitals": [{"recital_number": 1, "text": "As stated in Article\u00a02 TEU, the Union is founded on values."}],
    "articles": [
        {
            "number": "2",
            "title": "Scope",
            "text": "1.\u00a0\u00a0\u00a0This Directive shall apply to companies which fulfil one of the following conditions:"
            "\n\n(a)\n\nthe company had more than 1\u00a0000 employees;\n\n(b)\n\nthe company is a parent.",
        },
        {
            "number": "3",
            "title": "Definitions",
            "text": "1.\u00a0\u00a0\u00a0For the purpose of this Directive, the following definitions shall apply:"
            "\n\n(a)\n\n\u2018company\u2019 means a legal person;",
        },
    ],
    "definitions": [],
}


def _read(tmp_path: Path, payload, name: str = "doc.json"):
    path = tmp_path / name
    path.write_text(payload if isinstance(payload, str) else json.dumps(payload), encoding="utf-8")
    return read_json_file(path, path.read_bytes(), DOC_ID)


@pytest.mark.parametrize(
    "text, section, role, kind",
    [
        ("(1) As stated in Article 2 TEU, the Union is founded on values.", ("Recital (1)",), "recital", BlockKind.PARAGRAPH),
        ("Article 2", ("Article 2",), "article", BlockKind.HEADING),
        ("Scope", ("Article 2",), "article", BlockKind.HEADING),
        ("(a) the company had more than 1 000 employees;", ("Article 2", "1", "(a)"), "article", BlockKind.LIST_ITEM),
        ("(b) the company is a parent.", ("Article 2", "1", "(b)"), "article", BlockKind.LIST_ITEM),
        ("(a) \u2018company\u2019 means a legal person;", ("Article 3", "1", "(a)"), "definition", BlockKind.LIST_ITEM),
    ],
)
def test_whether_an_eu_law_seed_becomes_legislation_with_citations(tmp_path, text, section, role, kind):
    doc = _read(tmp_path, SEED)
    block = next(b for b in doc.blocks if b.text == text)
    assert (block.section, block.role, block.kind) == (section, role, kind)
    assert doc.kind is DocumentKind.LEGISLATION
    assert doc.title == "Corporate Sustainability Due Diligence Directive"


def test_whether_a_repeated_recital_is_read_once(tmp_path):
    seed = dict(SEED, recitals=SEED["recitals"] * 2)
    assert sum(1 for b in _read(tmp_path, seed).blocks if b.role == "recital") == 1


def test_whether_recitals_come_before_articles(tmp_path):
    roles = [b.role for b in _read(tmp_path, SEED).blocks]
    assert roles.index("recital") < roles.index("article")


def test_whether_a_section_list_becomes_a_report(tmp_path):
    doc = _read(tmp_path, [{"title": "Water", "text": "We replenish water.\n\nSecond paragraph."}, {"title": "Waste", "text": "Zero waste."}])
    assert doc.kind is DocumentKind.REPORT
    assert [(b.text, b.section, b.kind) for b in doc.blocks[:3]] == [
        ("Water", ("Water",), BlockKind.HEADING),
        ("We replenish water.", ("Water",), BlockKind.PARAGRAPH),
        ("Second paragraph.", ("Water",), BlockKind.PARAGRAPH),
    ]


RBA = [
    {"Theme": "VAP Standard", "version": "V8.0.2", "level_1": "{'id': 'A', 'title': 'Labor'}",
     "level_2": "{'id': None, 'title': None}", "level_3": "{'id': None, 'title': None}",
     "Preamble": "Participants commit to respect the human rights of workers.", "path": "x", "source": "y"},
    {"Theme": "VAP Standard", "version": "V8.0.2", "level_1": {"id": "A", "title": "Labor"},
     "level_2": {"id": "A1", "title": "Prohibition of Forced Labor"}, "level_3": {"id": "1", "title": "Policy: Have a policy."},
     "content": "1. Policy: Have a policy.\n\u2022 No fees charged to workers.", "path": "x", "source": "y"},
]


@pytest.mark.parametrize(
    "text, section, kind",
    [
        ("A. Labor", ("A. Labor",), BlockKind.HEADING),
        ("Participants commit to respect the human rights of workers.", ("A. Labor", "Preamble"), BlockKind.PARAGRAPH),
        ("A1. Prohibition of Forced Labor", ("A. Labor", "A1. Prohibition of Forced Labor"), BlockKind.HEADING),
        ("1. Policy: Have a policy.", ("A. Labor", "A1. Prohibition of Forced Labor", "1"), BlockKind.PARAGRAPH),
        ("No fees charged to workers.", ("A. Labor", "A1. Prohibition of Forced Labor", "1"), BlockKind.LIST_ITEM),
    ],
)
def test_whether_the_rba_vap_layout_becomes_an_initiative(tmp_path, text, section, kind):
    doc = _read(tmp_path, RBA)
    block = next(b for b in doc.blocks if b.text == text)
    assert (block.section, block.kind) == (section, kind)
    assert doc.kind is DocumentKind.INITIATIVE
    assert doc.title == "RBA VAP Standard V8.0.2"


@pytest.mark.parametrize(
    "payload, reason",
    [
        ({"foo": 1}, "unrecognised JSON layout"),
        ([1, 2, 3], "unrecognised JSON layout"),
        ('{"articles": [', "invalid JSON"),
        ("not json at all", "invalid JSON"),
    ],
)
def test_whether_bad_json_is_refused_with_a_reason(tmp_path, payload, reason):
    with pytest.raises(InputError, match=reason) as info:
        _read(tmp_path, payload)
    assert "\n" not in str(info.value)


@pytest.mark.shared
@pytest.mark.parametrize(
    "relative, kind, minimum_blocks",
    [
        ("eu_law/csddd_articles_recitals.json", DocumentKind.LEGISLATION, 500),
        ("eu_law/csrd_articles_recitals.json", DocumentKind.LEGISLATION, 500),
        ("eu_law/crma_articles_recitals.json", DocumentKind.LEGISLATION, 800),
        ("company/microsoft_environmental_sustainability_report_2022_sections.json", DocumentKind.REPORT, 300),
        ("industry/rba_vap_standard_v8.0.2.json", DocumentKind.INITIATIVE, 1000),
    ],
)
def test_whether_the_shared_json_corpora_are_read(shared_corpora, relative, kind, minimum_blocks):
    path = shared_corpora / relative
    doc = read_json_file(path, path.read_bytes(), DOC_ID)
    assert doc.kind is kind
    assert len(doc.blocks) >= minimum_blocks


@pytest.mark.shared
def test_whether_csddd_seed_keeps_its_articles_and_recitals(shared_corpora):
    path = shared_corpora / "eu_law" / "csddd_articles_recitals.json"
    doc = read_json_file(path, path.read_bytes(), DOC_ID)
    articles = {b.section[0] for b in doc.blocks if b.role in ("article", "definition")}
    assert {f"Article {n}" for n in range(1, 40)} <= articles
    # The seed lists 100 recitals, the last one twice; the act has 99.
    assert sum(1 for b in doc.blocks if b.role == "recital" and b.text.startswith("(")) == 99


def test_whether_a_seeds_closing_notes_and_leaked_script_are_not_text_of_the_act(tmp_path):
    seed = json.loads(json.dumps(SEED))
    seed["articles"][-1]["text"] += (
        "\n\nDone at Strasbourg, 14 December 2022.\n\n(19)\u00a0\u00a0Council Directive 86/635/EEC of 8 December 1986 "
        "on the annual accounts of banks (OJ\u00a0L\u00a0372, 31.12.1986, p.\u00a01).\n\n"
        "////////////////////////$(document).ready(function(){generateTOC(true,'', 'Top','false');});")
    document = _read(tmp_path, seed)
    kinds = {b.text[:8]: b.kind for b in document.blocks}
    assert kinds["Done at "] is not BlockKind.FOOTNOTE
    assert kinds["(19) Cou"] is BlockKind.FOOTNOTE
    assert not any("document).ready" in b.text for b in document.blocks)
