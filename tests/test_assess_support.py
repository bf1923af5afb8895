"""Shared builders for the test_assess_* modules (no tests of its own).

The CSDDD excerpt in tests/data/assess is EU law (copying allowed), so these
tests never depend on ../shared being present.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from nlp_pipeline.records import BlockKind, DocumentKind, Passage

CSDDD_EXCERPT = Path(__file__).parent / "data" / "assess" / "csddd_excerpt.json"
_PARAGRAPH = re.compile(r"(?m)^(\d+)\.\s+")


def passage(text: str, doc_kind: DocumentKind = DocumentKind.REPORT, role: str = "", section: tuple[str, ...] = (),
            doc_id: str = "abc", offset: int = 0, kind: BlockKind = BlockKind.PARAGRAPH, context_before: str = "") -> Passage:
    return Passage(
        id=f"{doc_id}:{offset}", doc_id=doc_id, text=text, page_start=1, page_end=1, section=section, kind=kind,
        char_start=offset, char_end=offset + len(text), role=role, doc_kind=doc_kind, context_before=context_before,
    )


def law(text: str, role: str = "article", section: tuple[str, ...] = ("Article 1", "1"), doc_id: str = "law", offset: int = 0) -> Passage:
    return passage(text, DocumentKind.LEGISLATION, role, section, doc_id, offset)


def csddd_passages() -> list[Passage]:
    """Articles split into numbered paragraphs, recitals whole, as a segmenter would."""
    data = json.loads(CSDDD_EXCERPT.read_text(encoding="utf-8"))
    out: list[Passage] = []
    offset = 0
    for recital in data["recitals"]:
        out.append(passage(recital["text"], DocumentKind.LEGISLATION, "recital", (f"Recital {recital['recital_number']}",), "csddd", offset))
        offset += len(recital["text"]) + 1
    for article in data["articles"]:
        text = article["text"]
        starts = [m.start() for m in _PARAGRAPH.finditer(text)] or [0]
        role = "definition" if article["title"] == "Definitions" else "article"
        for i, start in enumerate(starts):
            end = starts[i + 1] if i + 1 < len(starts) else len(text)
            number = _PARAGRAPH.match(text, start)
            section = (f"Article {article['number']}", number.group(1) if number else "")
            out.append(passage(text[start:end].strip(), DocumentKind.LEGISLATION, role, section, "csddd", offset + start))
        offset += len(text) + 1
    return out


def by_section(passages: list[Passage], *section: str) -> Passage:
    return next(p for p in passages if p.section == section)


def shared_reference(source: dict, sha1: str) -> str:
    """The text a label-style reference points at in ../shared/corpora, checked by its hash; skips when absent."""
    import pytest

    from nlp_pipeline.labelled import DEFAULT_SHARED_CORPORA, resolve_source, text_hash

    text = resolve_source(source, DEFAULT_SHARED_CORPORA)
    if text is None:
        pytest.skip(f"../shared/corpora/{source['file']} is absent")
    assert text_hash(text) == sha1, f"{source['file']} changed: the reference no longer points at the same text"
    return text


@lru_cache(maxsize=8)
def analysed_document(path) -> tuple[list[Passage], list]:
    """A document as analyze segments and assesses it (no classifier): its passages and their assessments.

    Cached: several test modules read the same real documents.
    """
    from nlp_pipeline.assess import assess_passages
    from nlp_pipeline.ingest import read_document
    from nlp_pipeline.segment import segment_document

    passages = segment_document(read_document(path))
    return passages, assess_passages(passages)


def passage_holding(passages: list[Passage], text: str) -> int:
    """The index of the analyze passage that holds most of a referenced text."""
    from nlp_pipeline.evaluate.strength import _locate, _skeleton

    skeletons = [_skeleton(p.text) for p in passages]
    starts, position = [], 0
    for s in skeletons:
        starts.append(position)
        position += len(s)
    span = _locate(_skeleton(text), "".join(skeletons))
    assert span is not None, "referenced text not found among the passages"
    overlap = {k: min(span[1], a + len(s)) - max(span[0], a) for k, (a, s) in enumerate(zip(starts, skeletons))
               if a < span[1] and a + len(s) > span[0]}
    return max(overlap, key=overlap.get)
