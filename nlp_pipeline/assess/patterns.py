"""Shared machinery of the assess rules: one tokenizer, hits, matchers.

Every rule family builds its matchers once, at import, on the same
tokenizer, so a batch of passages is tokenised a single time and every
family reads the same tokens. It is segment's (blank English that keeps
"Art." and "No." whole): building a second English tokenizer would cost
every `check` a fifth of a second, and on 3,034 passages of laws and
reports the rules find exactly the same with either. No statistical model is
loaded: the rules must give the same answer on every machine and say why.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan
from spacy.util import filter_spans

from nlp_pipeline.assess.explanations import reason
from nlp_pipeline.records import DocumentKind, Fact, Passage, Reason, Span
from nlp_pipeline.segment.sentences import sentence_splitter

# EUR-Lex text writes "1\xa0000" and "Article\xa027"; the tokenizer would make
# the no-break space a token of its own and break every phrase across it.
# Mapping each such character to a plain space keeps all offsets unchanged.
_SPACES = str.maketrans({"\xa0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ", "\u2002": " ", "\u2003": " "})

LEGAL_ROLES = frozenset({"recital", "article", "annex", "definition"})


def clean(text: str) -> str:
    """Same length as `text`, so offsets found in the result hold for it."""
    return text.translate(_SPACES)


def nlp() -> Language:
    """The shared pipeline; the rules read only its tokenizer, never its sentence components."""
    return sentence_splitter()


def make_docs(texts: Iterable[str], batch_size: int = 512) -> Iterator[Doc]:
    return nlp().tokenizer.pipe((clean(t) for t in texts), batch_size=batch_size)


def make_doc(text: str) -> Doc:
    return nlp().tokenizer(clean(text))


def is_legislation(passage: Passage) -> bool:
    return passage.doc_kind is DocumentKind.LEGISLATION or passage.role in LEGAL_ROLES


def is_rule_text(passage: Passage) -> bool:
    """Texts whose 'will', 'may not' and 'shall' set duties: laws, codes, standards."""
    return is_legislation(passage) or passage.doc_kind is DocumentKind.INITIATIVE


@dataclass(frozen=True)
class Hit:
    """One rule that fired, where, and on what."""

    rule_id: str
    label: str
    start: int
    end: int
    text: str

    @property
    def reason(self) -> Reason:
        return reason(self.rule_id, self.text)

    def to_span(self) -> Span:
        return Span(self.start, self.end, self.text, self.label)


def hit_from_span(rule_id: str, label: str, span: SpacySpan, text: str) -> Hit:
    return Hit(rule_id, label, span.start_char, span.end_char, text[span.start_char : span.end_char])


def _as_phrases(pattern: Sequence[dict]) -> list[list[str]] | None:
    """The word sequences a pattern of plain LOWER words and IN-sets stands for, or None."""
    from itertools import product

    slots = []
    for token in pattern:
        if set(token) != {"LOWER"}:
            return None
        value = token["LOWER"]
        if isinstance(value, str):
            slots.append([value])
        elif isinstance(value, dict) and set(value) == {"IN"}:
            slots.append(list(value["IN"]))
        else:
            return None
    return [list(words) for words in product(*slots)]


def _first_words(patterns: Sequence[Sequence[dict]]) -> set[str | None]:
    words: set[str | None] = set()
    for pattern in patterns:
        first = pattern[0]
        value = first.get("LOWER")
        if "OP" in first or value is None:
            words.add(None)
        elif isinstance(value, str):
            words.add(value)
        elif isinstance(value, dict) and set(value) == {"IN"}:
            words.update(value["IN"])
        else:
            words.add(None)
    return words


def _max_length(pattern: Sequence[dict]) -> int:
    length = 0
    for token in pattern:
        op = token.get("OP", "")
        if op in ("*", "+"):
            return 64  # unbounded: a generous window
        if op.startswith("{"):
            length += int(op.strip("{}").split(",")[-1] or 64)
        else:
            length += 1
    return length


class Rules:
    """Token patterns by rule id, compiled for speed.

    Patterns that only list words go to a PhraseMatcher, whose hash lookup
    costs the same for one phrase or a thousand; the rest (optional tokens,
    regular expressions) go to a Matcher, which tests every pattern at every
    token. Matches of both compete; the longest non-overlapping win.
    """

    def __init__(self, rules: Mapping[str, tuple[str, Sequence[Sequence[dict]]]]):
        self.labels = {rule_id: label for rule_id, (label, _) in rules.items()}
        self.phrases = PhraseMatcher(nlp().vocab, attr="LOWER")
        self.matcher = Matcher(nlp().vocab)
        anchors: set[str | None] = set()
        window = 1
        for rule_id, (_, patterns) in rules.items():
            token_patterns, phrase_docs = [], []
            for pattern in patterns:
                expanded = _as_phrases(pattern)
                if expanded is None:
                    token_patterns.append(list(pattern))
                else:
                    phrase_docs.extend(Doc(nlp().vocab, words=words) for words in expanded)
            if token_patterns:
                self.matcher.add(rule_id, token_patterns)
                anchors.update(_first_words(token_patterns))
                window = max(window, max(_max_length(p) for p in token_patterns))
            if phrase_docs:
                self.phrases.add(rule_id, phrase_docs)
        # The Matcher is only run on short windows that start at a word some
        # token pattern must start with; None when a pattern can start anywhere.
        self.window = window
        self.anchors: PhraseMatcher | None = None
        if anchors and None not in anchors:
            self.anchors = PhraseMatcher(nlp().vocab, attr="LOWER")
            self.anchors.add("anchor", [Doc(nlp().vocab, words=[w]) for w in anchors])

    def _token_matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        if len(self.matcher) == 0:
            return []
        if self.anchors is None:
            return self.matcher(doc)
        found = []
        for _, start, _ in self.anchors(doc):
            for m, s, e in self.matcher(doc[start : start + self.window]):
                if s == 0:
                    found.append((m, start + s, start + e))
        return found

    def spans(self, doc: Doc) -> list[SpacySpan]:
        found = [SpacySpan(doc, s, e, label=m) for m, s, e in self._token_matches(doc)]
        found += [SpacySpan(doc, s, e, label=m) for m, s, e in self.phrases(doc)]
        return sorted(filter_spans(found), key=lambda s: s.start)

    def __call__(self, doc: Doc, text: str) -> list[Hit]:
        return [hit_from_span(s.label_, self.labels[s.label_], s, text) for s in self.spans(doc)]


class PhraseRules:
    """Case-insensitive phrases by rule id; the longest non-overlapping win."""

    def __init__(self, rules: Mapping[str, tuple[str, Sequence[str]]]):
        self.labels = {rule_id: label for rule_id, (label, _) in rules.items()}
        self.matcher = PhraseMatcher(nlp().vocab, attr="LOWER")
        for rule_id, (_, phrases) in rules.items():
            self.matcher.add(rule_id, [nlp().make_doc(p) for p in phrases])

    def spans(self, doc: Doc) -> list[SpacySpan]:
        found = [SpacySpan(doc, s, e, label=m) for m, s, e in self.matcher(doc)]
        return sorted(filter_spans(found), key=lambda s: s.start)

    def __call__(self, doc: Doc, text: str) -> list[Hit]:
        return [hit_from_span(s.label_, self.labels[s.label_], s, text) for s in self.spans(doc)]


# ---------------------------------------------------------------------------
# Numbers. Regular expressions, not token patterns: "450 000 000", "1,000",
# "€40 million" and "5 %" are split differently by the tokenizer, while one
# expression over the (cleaned) text reads them all the same way.
# ---------------------------------------------------------------------------

NUM = r"\d{1,3}(?:[ ,]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18,
    "twenty": 20, "thirty": 30, "sixty": 60, "ninety": 90, "hundred": 100,
}
WORD_NUM = "|".join(WORD_NUMBERS)
MULTIPLIERS = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "mio": 1e6,
    "billion": 1e9, "bn": 1e9, "b": 1e9,
}
CURRENCIES = {"eur": "EUR", "€": "EUR", "euro": "EUR", "euros": "EUR", "usd": "USD", "us$": "USD", "$": "USD", "gbp": "GBP", "£": "GBP"}
_CURRENCY = r"EUR|€|USD|US\$|\$|GBP|£"
_MULT = r"thousand|million|billion|bn|mn|mio|m|k"
MONEY = (
    rf"(?:(?P<cur>{_CURRENCY})\s?(?P<amount>{NUM})(?:\s?(?P<mult>{_MULT})\b)?"
    rf"|(?P<amount2>{NUM})(?:\s?(?P<mult2>{_MULT}))?\s?(?P<cur2>euros?|EUR)\b)"
)
MONEY_RE = re.compile(MONEY, re.IGNORECASE)

COMPARATORS = {
    "more than": ">", "over": ">", "exceeding": ">", "exceeds": ">", "exceed": ">",
    "in excess of": ">", "above": ">", "greater than": ">",
    "at least": ">=", "not less than": ">=", "no less than": ">=",
    "a minimum of": ">=", "minimum of": ">=", "or more": ">=",
    "less than": "<", "fewer than": "<", "below": "<", "under": "<",
    "up to": "<=", "not more than": "<=", "no more than": "<=",
    "a maximum of": "<=", "maximum of": "<=", "at most": "<=", "not exceeding": "<=",
}
COMPARATOR = "|".join(sorted((re.escape(c) for c in COMPARATORS), key=len, reverse=True))


# A number that counts the parts of a policy, code or questionnaire ("11 human rights policies",
# "4 key principles for fair trade", "the 4 categories of labor rights", "45 questions") says how
# the instrument is built, not how far anything went: it is neither a result nor a target.
_INSTRUMENT_PARTS_RE = re.compile(
    r"\s+(?:[A-Za-z-]+\s+){0,2}?(?:polic(?:y|ies)|principles?|categor(?:y|ies)|items?|questions?|criteria|criterion"
    r"|pillars?|focus\s+areas?|themes|topics|chapters|sections|elements|core\s+values|guidelines|clauses)\b",
    re.IGNORECASE)


def counts_instrument_parts(text: str, number_end: int) -> bool:
    """Whether the number ending at `number_end` counts the parts of a policy, code or questionnaire."""
    return bool(_INSTRUMENT_PARTS_RE.match(text, number_end))


def parse_number(raw: str) -> float | None:
    raw = raw.strip().lower()
    if raw in WORD_NUMBERS:
        return float(WORD_NUMBERS[raw])
    try:
        return float(raw.replace(" ", "").replace(",", ""))
    except ValueError:
        return None


def money_value(match: re.Match) -> tuple[float | None, str]:
    amount = match.group("amount") or match.group("amount2")
    mult = (match.group("mult") or match.group("mult2") or "").lower()
    cur = (match.group("cur") or match.group("cur2") or "").lower()
    value = parse_number(amount)
    if value is not None and mult:
        value *= MULTIPLIERS.get(mult, 1.0)
    return value, CURRENCIES.get(cur, cur.upper())


def comparator_of(phrase: str | None, default: str = "=") -> str:
    if not phrase:
        return default
    return COMPARATORS.get(" ".join(phrase.lower().split()), default)


def fact_from_match(kind: str, match: re.Match, text: str, group: int | str = 0, **fields) -> Fact:
    start, end = match.span(group)
    return Fact(kind=kind, text=text[start:end], start=start, end=end, **fields)


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end
