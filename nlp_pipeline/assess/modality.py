"""Modality: what kind of statement a passage makes.

Each cue is a Hit whose label is one of binding, prohibition, recommendation,
permission, past_action, future_intent, or one of the non-committing readings
(uncertainty, predictive, descriptive). The same words change meaning with
the kind of text: "may not" forbids in a law or a code of conduct but only
doubts in a report; "the supplier will comply" is a duty in a code while
"demand will increase" is a forecast. Those choices are made by resolvers
keyed by rule id, after the matcher, with the passage in hand.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc

from nlp_pipeline.records import DocumentKind, Passage
from nlp_pipeline.assess.patterns import Hit, Rules, is_legislation, is_rule_text

# Who a code of conduct, contract or law puts a duty on: "the supplier will".
PARTIES = [
    "supplier", "suppliers", "vendor", "vendors", "contractor", "contractors",
    "subcontractor", "subcontractors", "participant", "participants", "member",
    "members", "company", "companies", "licensee", "licensees", "employer",
    "employers", "partner", "partners", "signatory", "signatories", "manufacturer",
    "manufacturers", "producer", "producers", "importer", "importers", "operator",
    "operators", "undertaking", "undertakings", "recipient", "recipients",
    "business", "businesses", "facility", "facilities", "smelter", "smelters",
    "refiner", "refiners", "seller", "sellers", "distributor", "distributors",
]
# Irregular participles and pasts the "-ed" regex misses.
IRREGULAR_PAST = [
    "held", "made", "took", "taken", "sent", "spent", "built", "began", "begun",
    "led", "set", "met", "gave", "given", "brought", "kept", "sold", "paid",
    "put", "found", "won", "ran", "wrote", "written", "became", "undertook",
    "undertaken", "sought", "chose", "chosen", "drew", "drawn", "rolled", "shown",
]
_PAST = {"REGEX": r"^[a-z]{2,}[^e]ed$"}
_PAST_OR_IRREGULAR = [{"LOWER": _PAST}, {"LOWER": {"IN": IRREGULAR_PAST}}]
_WE = {"LOWER": {"IN": ["we", "company", "group", "corporation"]}}
_ADVERB = {"LOWER": {"REGEX": r"^(also|further|then|again|already|successfully|recently|[a-z]+ly)$"}, "OP": "?"}
_BE = {"LOWER": {"IN": ["is", "are", "be", "been", "being", "was", "were"]}}
_PARTY = {"LOWER": {"IN": PARTIES}}


def _alt(prefix: list[dict], tails: list[dict], suffix: list[dict] | None = None) -> list[list[dict]]:
    return [prefix + [t] + (suffix or []) for t in tails]


RULES: dict[str, tuple[str, list[list[dict]]]] = {
    # binding
    # "shallapply", "shallbe", "shal": a "shall" that text extraction glued to its verb or clipped (RBA VAP 8.0.2).
    "modality.shall": ("binding", [[{"LOWER": {"IN": ["shall", "shal", "shallbe", "shallapply"]}}]]),
    "modality.shall_ensure": ("binding", [[{"LOWER": "shall"}, {"LOWER": {"IN": ["ensure", "ensures"]}}]]),
    "modality.must": ("binding", [[{"LOWER": "must"}]]),
    "modality.required_to": ("binding", [[_BE, {"LOWER": {"IN": ["required", "obliged", "obligated", "bound", "mandated"]}}, {"LOWER": "to"}]]),
    "modality.obligation_to": ("binding", [[{"LOWER": {"IN": ["has", "have"]}}, {"LOWER": {"IN": ["an", "the", "a"]}}, {"LOWER": {"IN": ["obligation", "duty"]}}, {"LOWER": "to"}]]),
    "modality.require_party": ("binding", [[{"LOWER": {"IN": ["require", "requires"]}}, {"IS_ALPHA": True, "OP": "{0,3}"}, _PARTY, {"LOWER": "to"}]]),
    # prohibition
    "modality.shall_not": ("prohibition", [[{"LOWER": "shall"}, {"LOWER": "not"}], [{"LOWER": "shallnot"}]]),
    "modality.must_not": ("prohibition", [[{"LOWER": "must"}, {"LOWER": "not"}]]),
    "modality.prohibited": ("prohibition", [
        [_BE, {"LOWER": {"IN": ["prohibited", "forbidden", "banned"]}}],
        [{"LOWER": {"IN": ["prohibits", "prohibit", "forbids", "bans"]}}],
        [_BE, {"LOWER": "not"}, {"LOWER": {"IN": ["permitted", "allowed", "tolerated"]}}],
    ]),
    "modality.may_not": ("prohibition", [[{"LOWER": "may"}, {"LOWER": "not"}]]),
    "modality.may_not_be": ("prohibition", [[{"LOWER": "may"}, {"LOWER": "not"}, {"LOWER": "be"}]]),
    # scope-setting "shall": not a duty on anyone
    "modality.definitions_apply": ("descriptive", [[{"LOWER": {"IN": ["definitions", "definition"]}}, {"LOWER": "shall"}, {"LOWER": "apply"}]]),
    "modality.shall_not_apply": ("binding", [[{"LOWER": "shall"}, {"LOWER": "not"}, {"LOWER": "apply"}]]),
    # saving clauses: they protect other law, they oblige no one
    "modality.saving_clause": ("descriptive", [
        [{"LOWER": "shall"}, {"LOWER": "not"}, {"LOWER": {"IN": ["preclude", "affect", "constitute", "prejudice", "limit", "lead"]}}],
        [{"LOWER": "shall"}, {"LOWER": "be"}, {"LOWER": "without"}, {"LOWER": "prejudice"}],
    ]),
    # recommendation and aspiration
    "modality.should": ("recommendation", [[{"LOWER": "should"}], [{"LOWER": "should"}, {"LOWER": "not"}]]),
    "modality.encourage": ("recommendation", [[{"LOWER": {"IN": ["encourage", "encourages", "encouraged", "urge", "urges", "invite", "invites", "invited"]}}]]),
    "modality.endeavour": ("recommendation", [[{"LOWER": {"IN": ["endeavour", "endeavours", "endeavor", "endeavors"]}}]]),
    "modality.aim_to": ("recommendation", [[{"LOWER": {"IN": ["aim", "aims", "aspire", "aspires"]}}, {"LOWER": "to"}]]),
    "modality.strive": ("recommendation", [[{"LOWER": {"IN": ["strive", "strives", "striving"]}}]]),
    "modality.committed_to": ("recommendation", [[{"LOWER": {"IN": ["committed", "commit", "commits"]}}, {"LOWER": "to"}]]),
    "modality.seek_to": ("recommendation", [[{"LOWER": {"IN": ["seek", "seeks"]}}, {"LOWER": "to"}]]),
    "modality.expect": ("recommendation", [
        [{"LOWER": "we"}, {"LOWER": {"IN": ["expect", "ask"]}}],
        [_BE, {"LOWER": "expected"}, {"LOWER": "to"}],
    ]),
    # permission
    "modality.may": ("permission", [[{"LOWER": "may"}]]),
    # report of past action
    "modality.we_did": ("past_action", _alt([_WE, _ADVERB], _PAST_OR_IRREGULAR)),
    "modality.we_have_done": ("past_action", _alt([_WE, {"LOWER": {"IN": ["have", "has", "'ve", "had"]}}, _ADVERB], _PAST_OR_IRREGULAR)),
    "modality.passive_past": ("past_action", _alt([{"LOWER": {"IN": ["was", "were"]}}, _ADVERB], _PAST_OR_IRREGULAR)),
    # future intent
    "modality.we_will": ("future_intent", [[{"LOWER": "we"}, {"LOWER": {"IN": ["will", "'ll", "shall"]}}]]),
    "modality.we_plan": ("future_intent", [
        [{"LOWER": "we"}, {"LOWER": {"IN": ["plan", "intend", "target", "pledge"]}}],
        [{"LOWER": "we"}, {"LOWER": "are"}, {"LOWER": {"IN": ["going", "planning", "preparing"]}}, {"LOWER": "to"}],
        [{"LOWER": "our"}, {"LOWER": {"IN": ["goal", "target", "plan", "ambition", "objective"]}}, {"LOWER": "is"}, {"LOWER": "to"}],
    ]),
    # "will": a duty on a party in a code or contract, a forecast otherwise
    "modality.party_will": ("future_intent", [[_PARTY, {"LOWER": "will"}]]),
    "modality.will_be_required": ("future_intent", [[{"LOWER": "will"}, {"LOWER": "be"}, {"LOWER": {"IN": ["required", "obliged", "expected", "prohibited", "obligated"]}}]]),
    "modality.will": ("predictive", [[{"LOWER": "will"}]]),
}

_MATCHER = Rules(RULES)


def _participle(word: str) -> bool:
    word = word.lower()
    return (word.endswith("ed") and len(word) > 4) or word in IRREGULAR_PAST or word.endswith("en")


def _next_word(doc: Doc, hit: Hit, skip: int = 0) -> str:
    """The word `skip` words after the hit, "" at the end of the passage."""
    span = doc.char_span(hit.start, hit.end)
    words = [t for t in doc[span.end : span.end + skip + 4] if not t.is_space] if span is not None else []
    return words[skip].lower_ if skip < len(words) else ""


def _previous_word(doc: Doc, hit: Hit) -> str:
    span = doc.char_span(hit.start, hit.end)
    if span is None:
        return ""
    i = span.start - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    return doc[i].lower_ if i >= 0 else ""


Resolver = Callable[[Hit, Doc, Passage], str | None]


# What no company governs: "Such transitions must balance the needs of communities, nations and investors"
# (BHP's CTAP p. 20), "Solutions must be operationally viable", "equity must be prioritized". A report's
# "must" with such a subject states a view of the world, not a requirement the company sets.
_WORLD_SUBJECTS = frozenset({
    "transition", "transitions", "world", "society", "societies", "solution", "solutions", "equity", "accessibility",
    "economy", "economies", "humanity", "mankind", "everyone", "government", "governments", "country", "countries",
    "nation", "nations", "policymakers", "policy-makers", "planet",
})
_SUBJECT_FILLERS = frozenset({"also", "itself", "themselves", "always", "therefore", "thus", "now", "all", "too", "first"})


def _must(hit: Hit, doc: Doc, passage: Passage) -> str | None:
    if is_rule_text(passage):
        return hit.label
    span = doc.char_span(hit.start, hit.end)
    if span is None:
        return hit.label
    i = span.start - 1
    while i >= 0 and (doc[i].is_space or doc[i].is_punct or doc[i].lower_ in _SUBJECT_FILLERS):
        i -= 1
    return "descriptive" if i >= 0 and doc[i].lower_ in _WORLD_SUBJECTS else hit.label


def _may_not(hit: Hit, doc: Doc, passage: Passage) -> str | None:
    # "Member States may not impose": a prohibition in rule text. In a report
    # it doubts ("results may not reflect"), unless a party is told not to.
    if is_rule_text(passage) or _previous_word(doc, hit) in PARTIES:
        return "prohibition"
    return "uncertainty"


def _may_not_be(hit: Hit, doc: Doc, passage: Passage) -> str | None:
    # "products may not be placed on the market" forbids; "may not be
    # sufficient" or any "may not be" in a report only doubts.
    if is_rule_text(passage) and _participle(_next_word(doc, hit)):
        return "prohibition"
    return "uncertainty"


def _may(hit: Hit, doc: Doc, passage: Passage) -> str | None:
    # Laws and codes grant powers with "may"; reports mostly guess with it
    # ("this may affect"), except where the company grants itself a right.
    if is_rule_text(passage) or _previous_word(doc, hit) in {"we", *PARTIES}:
        return "permission"
    return "uncertainty"


def _deontic_will(hit: Hit, doc: Doc, passage: Passage) -> str | None:
    return "binding" if _contractual(passage) else "future_intent"


def _contractual(passage: Passage) -> bool:
    if is_rule_text(passage):
        return True
    low = passage.text.lower()
    return any(w in low for w in ("code of conduct", "contract", "agreement", "terms and conditions", "purchase order"))


def _past(hit: Hit, doc: Doc, passage: Passage) -> str | None:
    # Laws do not report what they did; "statements have been adopted" in an
    # article is a condition, not an achievement.
    return None if is_legislation(passage) else hit.label


RESOLVERS: dict[str, Resolver] = {
    "modality.must": _must,
    "modality.may_not": _may_not,
    "modality.may_not_be": _may_not_be,
    "modality.may": _may,
    "modality.party_will": _deontic_will,
    "modality.will_be_required": _deontic_will,
    "modality.we_did": _past,
    "modality.we_have_done": _past,
    "modality.passive_past": _past,
}


# A report or a standard retelling what a law demands: "the Climate Delegated Act
# stipulates that companies must assess ..." is the act's duty, not the author's.
LAW_SAYS_RE = re.compile(
    r"\b(?:Regulation|Directive|(?:Delegated\s+)?Act|law|legislation|legislator|ordinance|lawmakers?)\b[^.;:]{0,60}?"
    r"\b(?:stipulat\w*|requires?|required|states?|provides?|specifies|specified|mandates?|prescribes?|obliges?)\s+that\b"
    # "Under the Accounting Directive (as amended by the CSRD), Member States have to require undertakings to ..."
    r"|\b(?:Under|Pursuant\s+to)\s+(?:the\s+)?(?:[\w/().,-]+\s+){0,4}?(?:Regulation|Directive|Act|CSRD|CSDDD)\b",
    re.IGNORECASE)
# The author's own voice after the law is named: "Under the CSRD, we will report ..." is the author's promise.
_OWN_VOICE_RE = re.compile(r"\b(?:we|our|us)\b", re.IGNORECASE)


def _retold_law(hit: Hit, passage: Passage) -> bool:
    """Whether the cue stands in what a law is said to demand, in a text that is not the law."""
    if passage.doc_kind is DocumentKind.LEGISLATION:
        return False
    start = max(passage.text.rfind(". ", 0, hit.start), passage.text.rfind("; ", 0, hit.start)) + 1
    said = LAW_SAYS_RE.search(passage.text, start, hit.start)
    return bool(said) and not _OWN_VOICE_RE.search(passage.text, said.end(), hit.end)


def modal_cues(doc: Doc, passage: Passage) -> list[Hit]:
    """Modality cues in reading order, each labelled with its reading here."""
    cues = []
    for hit in _MATCHER(doc, passage.text):
        if _retold_law(hit, passage):
            continue
        resolver = RESOLVERS.get(hit.rule_id)
        label = resolver(hit, doc, passage) if resolver else hit.label
        if label is None:
            continue
        if label != hit.label:
            hit = Hit(hit.rule_id, label, hit.start, hit.end, hit.text)
        cues.append(hit)
    return cues
