"""JSON documents already split into sections, in the layouts met in practice.

Each layout is recognised by a predicate and read by its own reader, kept in a
table so a new layout is one more entry:
- EU law seeds `{"full_name", "celex_id", "articles": [...], "recitals": [...]}`
  (always legislation; structure from the legal structure tracker),
- a list of report sections `[{"title", "text"}]`,
- the RBA VAP Standard: provisions with `level_1..level_3` ids and titles.
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nlp_pipeline.errors import InputError
from nlp_pipeline.ingest.document_kind import guess_document_kind
from nlp_pipeline.ingest.legal_structure import LegalStructureTracker, merge_bare_labels, normalise_space
from nlp_pipeline.ingest.registry import register_backend
from nlp_pipeline.ingest.common import BlockCollector, build_document, decode_text
from nlp_pipeline.records import BlockKind, Document, DocumentKind

_PARAGRAPHS = re.compile(r"\n\s*\n")
_BULLET = re.compile(r"^\s*[•▪◦\-*]\s+")


# EUR-Lex pages leak their table-of-contents script into some seeds' last article.
_SCRIPT_LEAK = re.compile(r"/{8,}\s*\$\(document\)\.ready\(.*?\}\);|\$\(document\)\.ready\(.*?\}\);", re.DOTALL)
# After the closing formula ("Done at Strasbourg, ...") a seed prints the act's footnotes:
# "(19) Council Directive 86/635/EEC of ... (OJ L 372, 31.12.1986, p. 1)."
_CLOSING = re.compile(r"^Done at\s")
_FOOTNOTE_TEXT = re.compile(
    r"^\(\d{1,3}\)\s+(?:(?:Council|Commission)\s+)?(?:(?:Implementing|Delegated)\s+)?"
    r"(?:Directive|Regulation|Decision|Recommendation|Communication|OJ|Position)\b")


def _paragraphs(text: str) -> list[str]:
    text = _SCRIPT_LEAK.sub("", text or "")
    return [p.strip() for p in _PARAGRAPHS.split(text) if p.strip()]


# -- EU law seeds -------------------------------------------------------------


def _is_eu_law(data: Any) -> bool:
    return isinstance(data, dict) and isinstance(data.get("articles"), list) and (
        "celex_id" in data or "full_name" in data or "recitals" in data
    )


def _act_word(data: dict[str, Any]) -> str:
    # CELEX sector 3 acts: the letter after the year says which kind.
    celex = str(data.get("celex_id", ""))
    letter = celex[5:6].upper() if len(celex) > 5 else ""
    return {"L": "DIRECTIVE", "R": "REGULATION", "D": "DECISION"}.get(letter, "REGULATION")


def _read_eu_law(path: Path, data: dict[str, Any], doc_id: str) -> Document:
    collector = BlockCollector(doc_id)
    tracker = LegalStructureTracker(phase="preamble")
    recitals = data.get("recitals") or []
    if recitals:
        tracker.observe("Whereas:")  # puts the tracker in the recitals; not text of the act
    previous: tuple[Any, Any] | None = None
    for recital in recitals:
        if not isinstance(recital, dict):
            continue
        # The seeds repeat their last recital verbatim; the act has it once.
        key = (recital.get("recital_number"), recital.get("text"))
        if key == previous:
            continue
        previous = key
        number = recital.get("recital_number", "")
        paragraphs = _paragraphs(str(recital.get("text", "")))
        for i, para in enumerate(paragraphs):
            text = f"({number}) {para}" if i == 0 and number != "" else para
            section, role, kind = tracker.observe(text)
            collector.add(text, kind=kind, section=section, role=role)
    tracker.observe(f"HAVE ADOPTED THIS {_act_word(data)}:")
    closed = False
    for article in data.get("articles") or []:
        if not isinstance(article, dict):
            continue
        number = normalise_space(str(article.get("number", "")))
        heading = f"Article {number}"
        section, role, kind = tracker.observe(heading)
        collector.add(heading, kind=kind, section=section, role=role)
        title = normalise_space(str(article.get("title") or ""))
        if title:
            section, role, kind = tracker.observe(title)
            collector.add(title, kind=BlockKind.HEADING, section=section, role=role)
        for para in merge_bare_labels(_paragraphs(str(article.get("text", "")))):
            closed = closed or bool(_CLOSING.match(para))
            if closed and _FOOTNOTE_TEXT.match(para):
                # A note, as the Official Journal prints it at the page foot; not text of the act.
                collector.add(para, kind=BlockKind.FOOTNOTE, section=section, role=role)
                continue
            section, role, kind = tracker.observe(para)
            collector.add(para, kind=kind, section=section, role=role)
    name = normalise_space(str(data.get("full_name") or data.get("title") or data.get("id") or ""))
    return build_document(path, doc_id, collector, title=name, kind=DocumentKind.LEGISLATION)


# -- report sections ----------------------------------------------------------


def _is_section_list(data: Any) -> bool:
    return (
        isinstance(data, list)
        and bool(data)
        and all(isinstance(s, dict) and "text" in s for s in data[:50])
        and any("title" in s for s in data[:50])
    )


def _read_section_list(path: Path, data: list[dict[str, Any]], doc_id: str) -> Document:
    collector = BlockCollector(doc_id)
    for entry in data:
        title = normalise_space(str(entry.get("title") or ""))
        section = (title,) if title else ()
        if title:
            collector.add(title, kind=BlockKind.HEADING, section=section)
        for para in _paragraphs(str(entry.get("text") or "")):
            for line in para.splitlines() if _BULLET.match(para) else [para]:
                if _BULLET.match(line):
                    collector.add(_BULLET.sub("", line), kind=BlockKind.LIST_ITEM, section=section)
                else:
                    collector.add(line, section=section)
    kind = guess_document_kind(collector.full_text())
    if kind is DocumentKind.LEGISLATION:
        kind = DocumentKind.REPORT  # a section list is never an act's official layout
    return build_document(path, doc_id, collector, title=path.stem.replace("_", " "), kind=kind)


# -- RBA VAP Standard ---------------------------------------------------------


def _level(entry: dict[str, Any], key: str) -> dict[str, Any]:
    value = entry.get(key)
    if isinstance(value, str) and value.startswith("{"):
        try:
            value = ast.literal_eval(value)
        except (ValueError, SyntaxError):
            return {}
    return value if isinstance(value, dict) else {}


def _is_rba_vap(data: Any) -> bool:
    return (
        isinstance(data, list)
        and bool(data)
        and all(isinstance(e, dict) and "level_1" in e and ("content" in e or "Preamble" in e) for e in data[:50])
    )


def _level_name(level: dict[str, Any], *, id_only: bool = False) -> str:
    ident, title = level.get("id"), level.get("title")
    if ident is None and title is None:
        return ""
    if id_only or not title:
        return str(ident)
    return f"{ident}. {normalise_space(str(title))}" if ident is not None else normalise_space(str(title))


def _read_rba_vap(path: Path, data: list[dict[str, Any]], doc_id: str) -> Document:
    collector = BlockCollector(doc_id)
    announced: set[tuple[str, ...]] = set()
    for entry in data:
        # Provision titles (level 3) are the provision's first sentence; its id
        # is the citation, so only levels 1 and 2 become named headings.
        trail = [_level_name(_level(entry, "level_1")), _level_name(_level(entry, "level_2"))]
        provision = _level_name(_level(entry, "level_3"), id_only=True)
        headings = tuple(t for t in trail if t)
        for depth in range(1, len(headings) + 1):
            if headings[:depth] not in announced:
                announced.add(headings[:depth])
                collector.add(headings[depth - 1], kind=BlockKind.HEADING, section=headings[:depth])
        if "Preamble" in entry:
            section, body = headings + ("Preamble",), str(entry.get("Preamble") or "")
        else:
            section, body = headings + ((provision,) if provision else ()), str(entry.get("content") or "")
        for para in _paragraphs(body):
            for line in para.splitlines():
                if _BULLET.match(line):
                    collector.add(_BULLET.sub("", line), kind=BlockKind.LIST_ITEM, section=section)
                else:
                    collector.add(line, section=section)
    first = data[0]
    title = normalise_space(f"RBA {first.get('Theme', '')} {first.get('version', '')}")
    return build_document(path, doc_id, collector, title=title, kind=DocumentKind.INITIATIVE)


@dataclass(frozen=True)
class _Layout:
    name: str
    recognises: Callable[[Any], bool]
    read: Callable[[Path, Any, str], Document]


# Order matters only where a predicate is looser than another; the RBA list
# would also pass for nothing else, the section list is the loosest.
LAYOUTS: tuple[_Layout, ...] = (
    _Layout("eu_law_seed", _is_eu_law, _read_eu_law),
    _Layout("rba_vap", _is_rba_vap, _read_rba_vap),
    _Layout("section_list", _is_section_list, _read_section_list),
)


@register_backend("json")
def read_json_file(path: Path, data: bytes, doc_id: str) -> Document:
    text = decode_text(path, data)
    try:
        parsed = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(path, f"invalid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from None
    for layout in LAYOUTS:
        if layout.recognises(parsed):
            return layout.read(path, parsed, doc_id)
    shape = type(parsed).__name__
    keys = ", ".join(list(parsed)[:6]) if isinstance(parsed, dict) else ""
    raise InputError(
        path,
        f"unrecognised JSON layout ({shape}{' with keys ' + keys if keys else ''}); expected an EU law seed "
        "(articles/recitals), a list of {title, text} sections or the RBA VAP provisions",
    )
