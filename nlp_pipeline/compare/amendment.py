"""Amending acts: apply their instructions to the act they amend.

The instructions are read by ingest/amending.py. This module
1. picks the group that amends the base act (by the act number in the base's
   title, else by how many of the group's targets the base holds);
2. applies each instruction to the base act's structure (article, paragraph,
   subparagraph, point, sub-point, introductory wording, sentence) and builds
   the consolidated Document.
An instruction whose target cannot be found, or whose wording the reader
does not know, is reported as not applied with the reason; nothing is
guessed. The structure of each amended article is recomputed with the same
legal structure tracker ingest uses, so the consolidated act has the section
paths the base would have had.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from nlp_pipeline.ingest.amending import (  # noqa: F401 - read_amending_act and Target are this stage's API too
    AmendingAct,
    Instruction,
    Target,
    _is_roman,
    _ordinal_word,
    read_amending_act,
)
from nlp_pipeline.ingest.legal_structure import LegalStructureTracker, normalise_space
from nlp_pipeline.records import Block, BlockKind, Document


@dataclass(frozen=True)
class Outcome:
    instruction: Instruction
    applied: bool
    detail: str  # what was done, or why not

    def to_dict(self) -> dict:
        i = self.instruction
        return {"act": i.act, "where": i.where, "instruction": i.wording, "action": i.action,
                "target": i.target.describe(), "applied": self.applied, "detail": self.detail,
                "new_text": "\n".join(i.new_text)}


@dataclass
class AmendmentReport:
    """How an amending act was applied to the base act: which instructions, and which could not be."""

    amending: Document
    base: Document
    act: str
    identified_by: str
    outcomes: list[Outcome] = field(default_factory=list)
    other_acts: dict[str, int] = field(default_factory=dict)  # act -> instructions not for the base
    consolidated_text: str = ""

    @property
    def applied(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.applied]

    @property
    def not_applied(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.applied]


# -- which group amends the base ------------------------------------------------------------------


_OWN_NUMBER = re.compile(r"^\W*(?:(?:COMMISSION|COUNCIL)\s+(?:DELEGATED\s+|IMPLEMENTING\s+)?)?"
                         r"(?:DIRECTIVE|REGULATION|DECISION)\s+(?:\((?:EU|EC|EEC)\)\s+)?(?:No\s+)?(\d{2,4}/\d{1,4})")


def _base_number(base: Document) -> str:
    """The act's own number where its title starts with it ("DIRECTIVE (EU) 2024/1760 OF ..."); a proposal has none,
    and "amending Directive (EU) 2019/1937" further on names another act."""
    for text in [base.title] + [b.text for b in base.blocks[:3]]:
        m = _OWN_NUMBER.match(text or "")
        if m:
            return m.group(1)
    return ""


def choose_act(base: Document, amending: AmendingAct) -> tuple[str, str]:
    """Which of the acts the amending act amends is the base, and how that was told; ("", why not) if none is.

    By the act number in the base's title; else by how many of a group's
    targets the base holds (at least 60 %): an act that amends other acts
    (the CSRD amends the Accounting Directive) is not an amendment of itself.
    """
    acts = amending.acts
    own = _base_number(base)
    if own in acts:
        return own, "the act number in the base's title"
    articles = _Articles(base)
    best, best_fit, best_found, tally = "", 0.0, 0, ""
    for act in acts:
        wanted = [i for i in amending.instructions if i.act == act and not i.parse_error]
        if not wanted:
            continue
        found = sum(1 for i in wanted if articles.has(i.target, i.action))
        fit = found / len(wanted)
        # Equal shares: the group with more instructions found is the stronger evidence.
        if (fit, found) > (best_fit, best_found):
            best, best_fit, best_found, tally = act, fit, found, f"{found} of {len(wanted)} targets found in the base"
    if best and best_fit >= 0.6:
        return best, f"content: {tally}"
    names = ", ".join(acts) or "no act"
    return "", (f"{amending.document.name} amends {names}; none of them reads as {base.name}"
                + (f" (best: {best}, {tally})" if best else "") + ", so the two are compared as versions of one text")


# -- the base act's structure -----------------------------------------------------------------------


@dataclass
class _Article:
    """One article being amended: its heading, title and body paragraphs."""

    number: str
    heading: str
    title: str
    body: list[str]
    page: int = 1
    page_label: str = ""
    changed: bool = False

    def structure(self) -> list[tuple[tuple[str, ...], str]]:
        """Each body paragraph's path below the article, as the legal structure tracker reads it, with its text."""
        tracker = LegalStructureTracker(phase="enacting", allow_quotes=False)
        tracker.observe(self.heading)
        if self.title:
            tracker.observe(self.title)
        out = []
        for text in self.body:
            path, _, _ = tracker.observe(text)
            out.append((path[1:], text))
        return out


class _Articles:
    """The base act's articles in order, each with its blocks, and the blocks around them."""

    def __init__(self, base: Document):
        self.base = base
        self.order: list[str] = []
        self.articles: dict[str, _Article] = {}
        self.runs: list[tuple[str, list[Block]]] = []  # ("", blocks) outside articles, (number, blocks) inside
        for block in base.blocks:
            head = block.section[0] if block.section else ""
            m = re.match(r"^Article\s+(\d{1,3}[a-z]{0,3})$", head)
            number = m.group(1) if m and block.role in ("article", "definition") else ""
            if self.runs and self.runs[-1][0] == number:
                self.runs[-1][1].append(block)
            else:
                self.runs.append((number, [block]))
        for number, blocks in self.runs:
            if not number or number in self.articles:
                continue
            heading = next((b.text for b in blocks if b.kind is BlockKind.HEADING and b.text.startswith("Article")),
                           f"Article {number}")
            titles = [b.text for b in blocks if b.kind is BlockKind.HEADING and b.text != heading]
            body = [b.text for b in blocks if b.kind is not BlockKind.HEADING]
            self.articles[number] = _Article(number, heading, titles[0] if titles else "", body, blocks[0].page,
                                             blocks[0].page_label)
            self.order.append(number)

    def has(self, target: Target, action: str) -> bool:
        """Whether the target of an instruction can be found here (for an insertion: where it would go)."""
        article = self.articles.get(target.article)
        if article is None:
            return action == "insert" and target.is_article and bool(self.order)
        if target.is_article:
            return action != "insert"
        try:
            _locate(article, target, action)
        except _NotApplied:
            return False
        return True


# -- applying instructions ------------------------------------------------------------------------


class _NotApplied(Exception):
    pass


def consolidate(base: Document, amending: AmendingAct, act: str, basis: str) -> tuple[Document, AmendmentReport]:
    """The base act with the amending act's instructions for `act` applied, and the report of what was done."""
    articles = _Articles(base)
    report = AmendmentReport(amending.document, base, act, basis)
    for instruction in amending.instructions:
        if instruction.act != act:
            report.other_acts[instruction.act] = report.other_acts.get(instruction.act, 0) + 1
            continue
        if instruction.parse_error:
            report.outcomes.append(Outcome(instruction, False, instruction.parse_error))
            continue
        try:
            detail = _apply(articles, instruction)
            report.outcomes.append(Outcome(instruction, True, detail))
        except _NotApplied as reason:
            report.outcomes.append(Outcome(instruction, False, str(reason)))
    document = _consolidated_document(base, amending, articles, report)
    report.consolidated_text = "\n\n".join(b.text for b in document.blocks)
    return document, report


def _apply(articles: _Articles, instruction: Instruction) -> str:
    t = instruction.target
    if t.is_article:
        return _apply_to_article(articles, instruction)
    if instruction.action == "delete" and "…" not in t.points + t.paragraphs and (
            len(t.points) > 1 or (len(t.paragraphs) > 1 and not t.points)):
        # "points (c) and (e) are deleted": one deletion each, the last first so the others stay where they are.
        if t.points:
            singles = [replace(t, points=(p,)) for p in t.points]
        else:
            singles = [replace(t, paragraphs=(p,)) for p in t.paragraphs]
        located = [(_locate(articles.articles[t.article], one, "delete"), one) for one in singles] \
            if t.article in articles.articles else []
        if not located:
            raise _NotApplied(f"the base act has no Article {t.article}")
        done = []
        for (start, end, label), _ in sorted(located, key=lambda item: -item[0][0]):
            del articles.articles[t.article].body[start:end]
            done.append(label)
        articles.articles[t.article].changed = True
        return "; ".join(reversed(done)) + " deleted"
    article = articles.articles.get(t.article)
    if article is None:
        raise _NotApplied(f"the base act has no Article {t.article}")
    start, end, label = _locate(article, t, instruction.action)
    new = list(instruction.new_text)
    if instruction.action == "delete":
        del article.body[start:end]
        article.changed = True
        return f"{label} deleted"
    if instruction.action == "replace":
        if t.sentence:
            article.body[start] = _replace_sentence(article.body[start], t.sentence, " ".join(new), label)
        else:
            new = _keep_label(article.body[start], new, t)
            article.body[start:end] = new
        article.changed = True
        return f"{label} replaced"
    # insert or add: at the place the label order gives, or at the end of the container.
    article.body[start:start] = new
    article.changed = True
    return f"{label}: {len(new)} paragraph(s) {'inserted' if instruction.action == 'insert' else 'added'}"


def _apply_to_article(articles: _Articles, instruction: Instruction) -> str:
    number = instruction.target.article
    action = instruction.action
    if action == "delete":
        if number not in articles.articles:
            raise _NotApplied(f"the base act has no Article {number}")
        articles.articles[number].body = []
        articles.articles[number].title = ""
        articles.articles[number].changed = True
        articles.articles[number].heading = ""
        return f"Article {number} deleted"
    new = list(instruction.new_text)
    if not new or not re.match(rf"^Article\s+{re.escape(number)}\s*$", new[0]):
        raise _NotApplied(f"the new text does not start with the heading “Article {number}”")
    title, body = (new[1], new[2:]) if len(new) > 1 and not _starts_with_label(new[1]) else ("", new[1:])
    if action == "replace":
        article = articles.articles.get(number)
        if article is None:
            raise _NotApplied(f"the base act has no Article {number} to replace")
        article.title, article.body, article.changed = title, body, True
        return f"Article {number} replaced"
    if number in articles.articles and articles.articles[number].body:
        raise _NotApplied(f"the base act already has an Article {number}")
    before = [n for n in articles.order if _label_key(n) < _label_key(number)]
    if not before:
        raise _NotApplied(f"no article of the base act comes before Article {number}")
    anchor = before[-1]
    anchor_article = articles.articles[anchor]
    articles.articles[number] = _Article(number, f"Article {number}", title, body, anchor_article.page,
                                         anchor_article.page_label, changed=True)
    articles.order.insert(articles.order.index(anchor) + 1, number)
    return f"Article {number} inserted after Article {anchor}"


def _starts_with_label(text: str) -> bool:
    return bool(re.match(r"^(?:\d{1,3}[a-z]{0,2}\.|\([a-z0-9]{1,5}\))\s", text))


def _locate(article: _Article, t: Target, action: str) -> tuple[int, int, str]:
    """The body range [start, end) the target covers, and its citation; for an insertion, where to put it."""
    structure = article.structure()
    start, end = 0, len(article.body)
    label = f"Article {article.number}"
    if t.paragraphs and t.paragraphs[-1] != "…" and action in ("insert", "add") and not (t.points or t.subparagraphs):
        return _insertion(structure, 0, start, end, t.paragraphs[0], label, action)
    if t.paragraphs:
        if len(t.paragraphs) > 1 and action in ("delete", "replace"):
            labels = _expand(t.paragraphs, [p[0] for p, _ in structure if p])
            first = _range(structure, 0, start, end, labels[0], f"{label}: paragraph {labels[0]}")
            last = _range(structure, 0, start, end, labels[-1], f"{label}: paragraph {labels[-1]}")
            return first[0], last[1], f"{label}({labels[0]}) to ({labels[-1]})"
        if t.paragraphs[-1] == "…" and action in ("insert", "add"):
            return _insertion(structure, 0, start, end, t.paragraphs[0], label, action)
        start, end = _range(structure, 0, start, end, t.paragraphs[0], f"{label}: paragraph {t.paragraphs[0]}")
        label += f"({t.paragraphs[0]})"
    depth = 1 if t.paragraphs else 0
    if t.subparagraphs:
        if t.subparagraphs == (0,):
            return end, end, f"{label}, new subparagraph"
        spans = _subparagraphs(structure, start, end, depth)
        chosen = []
        for n in t.subparagraphs:
            if n == -1:
                n = len(spans)
            if not 1 <= n <= len(spans):
                raise _NotApplied(f"{label} has {len(spans)} subparagraph(s), not a {_ordinal_word(n)}")
            chosen.append(spans[n - 1])
        start, end = chosen[0][0], chosen[-1][1]
        label += ", " + " and ".join(_ordinal_word(n) for n in t.subparagraphs) + " subparagraph"
    if t.points:
        labels = [p for p in t.points if p != "…"]
        if action in ("insert", "add") and len(labels) == 1:
            return _insertion(structure, depth, start, end, f"({labels[0]})", label, action, point=True)
        first = _point_range(structure, depth, start, end, labels[0], label)
        last = _point_range(structure, depth, start, end, labels[-1], label) if len(labels) > 1 else first
        if len(labels) > 1 and "…" not in t.points:
            second = _point_range(structure, depth, start, end, labels[1], label)
            if second[0] != first[1]:
                raise _NotApplied(f"{label}: points ({labels[0]}) and ({labels[1]}) are not next to each other")
        start, end = first[0], last[1]
        label += "".join(f"({p})" for p in labels[:1]) + (f" to ({labels[-1]})" if len(labels) > 1 else "")
        depth += 1
        if t.subpoints:
            sub = [p for p in t.subpoints if p != "…"]
            if action in ("insert", "add") and len(sub) == 1:
                return _insertion(structure, depth, start, end, f"({sub[0]})", label, action, point=True)
            start, end = _point_range(structure, depth, start + 1, end, sub[0], label)
            label += f"({sub[0]})"
    if t.introductory:
        chapeau = start
        if _is_point(structure[chapeau][0], depth):
            raise _NotApplied(f"{label} has no introductory wording before its points")
        return chapeau, chapeau + 1, f"{label}, introductory wording"
    if t.sentence:
        return start, start + 1, f"{label}, {_ordinal_word(t.sentence)} sentence"
    if action in ("insert", "add"):
        return end, end, label
    return start, end, label


def _insertion(structure, depth: int, start: int, end: int, new_label: str, label: str, action: str,
               point: bool = False) -> tuple[int, int, str]:
    """After the last sibling numbered before the new label; "added" ones go at the end."""
    if action == "add":
        return end, end, f"{label}, new {'point' if point else 'paragraph'} {new_label}"
    key = _label_key(new_label.strip("()"))
    at = None
    for k in range(start, end):
        path = structure[k][0]
        if len(path) > depth and _is_sibling(path, depth, point) and _label_key(path[depth].strip("()")) < key:
            at = k
    if at is None:
        raise _NotApplied(f"{label}: nothing numbered before {new_label} to insert it after")
    sibling = structure[at][0][depth]
    k = at + 1
    while k < end and (len(structure[k][0]) > depth and structure[k][0][depth] == sibling
                       or _continues(structure, k, depth)):
        k += 1
    return k, k, f"{label}, {new_label} after {sibling}"


def _is_sibling(path: tuple[str, ...], depth: int, point: bool) -> bool:
    return path[depth].startswith("(") == point


def _range(structure, depth: int, start: int, end: int, wanted: str, label: str) -> tuple[int, int]:
    hits = [k for k in range(start, end) if len(structure[k][0]) > depth and structure[k][0][depth] == wanted]
    if not hits:
        raise _NotApplied(f"{label} not found in the base act")
    first = hits[0]
    k = first
    while k < end and len(structure[k][0]) > depth and structure[k][0][depth] == wanted:
        k += 1
    return first, k


def _point_range(structure, depth: int, start: int, end: int, wanted: str, label: str) -> tuple[int, int]:
    """A point, its sub-points and the unnumbered text that says it belongs to the point ("of this point")."""
    key = f"({wanted})"
    hits = [k for k in range(start, end) if len(structure[k][0]) > depth and structure[k][0][depth] == key]
    if not hits:
        raise _NotApplied(f"{label}, point {key} not found in the base act")
    first = hits[0]
    k = first + 1
    while k < end and (len(structure[k][0]) > depth and structure[k][0][depth] == key or _continues(structure, k, depth)):
        k += 1
    return first, k


_OF_THIS_POINT = re.compile(r"\b(?:this|that|the said)\s+point\b", re.I)


def _continues(structure, k: int, depth: int) -> bool:
    """Unnumbered text right after a point that refers to "this point" belongs to the point, not the paragraph.

    The structure tracker files such a sub-subparagraph under the paragraph,
    since the layout does not show the indent; its own words say otherwise.
    """
    path, text = structure[k]
    return len(path) == depth and bool(_OF_THIS_POINT.search(text))


def _is_point(path: tuple[str, ...], depth: int) -> bool:
    return len(path) > depth and path[depth].startswith("(")


def _subparagraphs(structure, start: int, end: int, depth: int) -> list[tuple[int, int]]:
    """Subparagraphs of a paragraph (or of an unnumbered article): a new one starts at unnumbered text after the first."""
    spans: list[list[int]] = []
    for k in range(start, end):
        path = structure[k][0]
        opens = len(path) <= depth
        if not spans or (opens and k != start):
            spans.append([k, k + 1])
        else:
            spans[-1][1] = k + 1
    return [(a, b) for a, b in spans]


def _expand(labels: tuple[str, ...], present: list[str]) -> list[str]:
    if labels[-1] != "…":
        return list(labels)
    lo, hi = _label_key(labels[0]), _label_key(labels[1])
    return [p for p in dict.fromkeys(present) if lo <= _label_key(p) <= hi] or [labels[0], labels[1]]


def _label_key(label: str) -> tuple:
    label = label.strip("() ")
    m = re.match(r"^(\d+)([a-z]*)$", label)
    if m:
        return (0, int(m.group(1)), m.group(2))
    if _is_roman(label):
        values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
        total = 0
        for i, ch in enumerate(label):
            v = values[ch]
            total += -v if i + 1 < len(label) and values[label[i + 1]] > v else v
        return (1, total, "")
    return (2, ord(label[0]) if label else 0, label[1:])


def _keep_label(old: str, new: list[str], t: Target) -> list[str]:
    """A subparagraph or introductory wording replaced at the head of a numbered paragraph keeps the number."""
    if not new:
        return new
    m = re.match(r"^(\d{1,3}[a-z]{0,2}\.)\s", old)
    if m and (t.subparagraphs or t.introductory) and not _starts_with_label(new[0]) and not t.points:
        return [f"{m.group(1)} {new[0]}"] + new[1:]
    m = re.match(r"^(\([a-z0-9]{1,5}\))\s", old)
    if m and t.introductory and not _starts_with_label(new[0]):
        return [f"{m.group(1)} {new[0]}"] + new[1:]
    return new


_SENTENCE_END = re.compile(r"(?<!\bNo)(?<!\bArt)(?<!\bp)(?<!\bpp)(?<=[.;])\s+(?=[A-Z‘“(])")


def _replace_sentence(text: str, n: int, new: str, label: str) -> str:
    sentences = _SENTENCE_END.split(text)
    index = len(sentences) - 1 if n == -1 else n - 1
    if not 0 <= index < len(sentences):
        raise _NotApplied(f"{label}: the text has {len(sentences)} sentence(s)")
    sentences[index] = new
    return " ".join(sentences)


# -- the consolidated document -------------------------------------------------------------------------


def _consolidated_document(base: Document, amending: AmendingAct, articles: _Articles,
                           report: AmendmentReport) -> Document:
    blocks: list[Block] = []
    emitted: set[str] = set()

    def emit_article(number: str) -> None:
        article = articles.articles[number]
        emitted.add(number)
        original = next((b for n, b in articles.runs if n == number), None)
        if not article.heading:
            pass  # deleted
        elif original is not None and not article.changed:
            blocks.extend(original)
        else:
            tracker = LegalStructureTracker(phase="enacting", allow_quotes=False)
            for k, text in enumerate([article.heading] + ([article.title] if article.title else []) + article.body):
                path, role, kind = tracker.observe(text)
                if k == 1 and article.title:
                    kind = BlockKind.HEADING
                blocks.append(Block(base.id, 0, normalise_space(text), article.page, article.page_label, path, kind,
                                    role))
        # Articles the amendment inserts after this one follow it.
        for follower in articles.order[articles.order.index(number) + 1:]:
            if follower in emitted or any(n == follower for n, _ in articles.runs):
                break
            emit_article(follower)

    for number, run in articles.runs:
        if not number:
            blocks.extend(run)
            continue
        if number in emitted:
            continue
        emit_article(number)
    text = "\n\n".join(b.text for b in blocks)
    doc_id = hashlib.sha256(text.encode("utf-8")).hexdigest()
    blocks = [replace(b, doc_id=doc_id, index=k) for k, b in enumerate(blocks)]
    name = f"{Path(base.path).stem} as amended by {Path(amending.document.path).stem}"
    warnings = tuple(f"instruction not applied: {o.instruction.wording} ({o.detail})" for o in report.not_applied)
    return replace(base, id=doc_id, path=str(Path(base.path).with_name(name)), blocks=tuple(blocks),
                   title=f"{base.title} as amended by {amending.title}"[:300], warnings=base.warnings + warnings)
