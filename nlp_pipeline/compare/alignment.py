"""Which provision of the new version continues which provision of the old one.

An act is aligned by its structure first, then by content:
1. containers (articles, annexes, recitals) are paired on their number and
   title and on what they say, so an article that kept its number is the same
   article even when rewritten, and a renumbered article (old 20, new 27) is
   found again by its wording;
2. inside a pair of containers, provisions with the same words pair first,
   then the most similar ones, preferring the same paragraph or point;
3. a provision left over next to a paired one whose partner also holds its
   words was split from it (or merged into it): they become one group;
4. whatever is left was added or removed.
A report has no structure to lean on: its passages pair on content alone.

References to renumbered articles are read in the new numbering before two
texts are compared, so "Article 20" becoming "Article 27" throughout is not a
change of wording.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from nlp_pipeline.compare.provisions import (
    ANNEX,
    ARTICLE,
    RECITAL,
    Provision,
    container_number,
)
from nlp_pipeline.compare.wording import normalised, renumbered_references, same_wording, word_similarity

# Cosine of word and word-pair TF-IDF vectors. Below it two provisions share
# only boilerplate ("Member States shall ensure that ..."); above it one is a
# rewording of the other.
MATCH_SIMILARITY = 0.45
# The same paragraph or point of the same article needs less: it is the same
# place in the act, rewritten.
SAME_PLACE_SIMILARITY = 0.2
# An act keeps its numbering unless it says otherwise: the same place wins over a slightly closer wording elsewhere.
SAME_PLACE_BONUS = 0.3
# Containers: an article that keeps its number is the same article unless
# it shares almost nothing; one that changed number must say nearly the same.
SAME_NUMBER_SIMILARITY = 0.1
RENUMBERED_SIMILARITY = 0.55
SAME_TITLE_SIMILARITY = 0.3
# A provision belongs to a split or merge when its partner holds this share of its words.
SPLIT_CONTAINMENT = 0.7
# Provisions moved to another article must be nearly word for word.
MOVED_ACROSS_SIMILARITY = 0.8
NUMBERED_PARTS = (ARTICLE, ANNEX, RECITAL)


@dataclass(frozen=True)
class Match:
    """Provisions that continue each other: indices into the old and new provision lists.

    `how`: "kept" (paired in place), "moved" (same words, out of reading
    order), "split", "merged", "added" or "removed".
    """

    old: tuple[int, ...]
    new: tuple[int, ...]
    similarity: float
    how: str


@dataclass
class Alignment:
    old: list[Provision]
    new: list[Provision]
    matches: list[Match]  # every provision of both versions exactly once, in the new version's reading order
    containers: dict[str, str] = field(default_factory=dict)  # old container -> new container
    article_numbers: dict[str, str] = field(default_factory=dict)  # old article number -> new one, where it moved

    def same_words(self, old: Provision, new: Provision) -> bool:
        return same_wording(comparable_text(old.text, self.article_numbers), normalised(new.text))


def comparable_text(old_text: str, article_numbers: dict[str, str]) -> str:
    """The old wording, normalised, with its references in the new numbering."""
    return normalised(renumbered_references(old_text, article_numbers))


def align_versions(old: Sequence[Provision], new: Sequence[Provision], structured: bool) -> Alignment:
    """Pair the provisions of two versions: by structure and content for acts, by content for reports."""
    old, new = list(old), list(new)
    vectors = _Vectors([p.text for p in old], [p.text for p in new])
    if structured:
        containers = _pair_containers(old, new)
        numbers = _article_numbers(containers)
        groups = _container_groups(old, new, containers)
    else:
        containers, numbers = {}, {}
        groups = [(list(range(len(old))), list(range(len(new))))]
    texts_old = [comparable_text(p.text, numbers) for p in old]
    texts_new = [normalised(p.text) for p in new]
    pairs: list[Match] = []
    leftovers_old: list[int] = []
    leftovers_new: list[int] = []
    for olds, news in groups:
        found = _pair_within(olds, news, old, new, texts_old, texts_new, vectors, structured)
        pairs.extend(found)
        paired_old = {i for m in found for i in m.old}
        paired_new = {j for m in found for j in m.new}
        leftovers_old += [i for i in olds if i not in paired_old]
        leftovers_new += [j for j in news if j not in paired_new]
    if structured:
        pairs += _moved_across(leftovers_old, leftovers_new, old, new, texts_old, texts_new, vectors)
    return Alignment(old, new, _in_reading_order(len(old), len(new), pairs), containers, numbers)


# -- similarity -------------------------------------------------------------------------


class _Vectors:
    """TF-IDF vectors of every provision of both versions, fitted once."""

    def __init__(self, old_texts: list[str], new_texts: list[str]):
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.n_old = len(old_texts)
        texts = [normalised(t) for t in old_texts + new_texts]
        if not any(texts):
            self.matrix = None
            return
        vectoriser = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"(?u)\b\w[\w.,]*\b")
        self.matrix = vectoriser.fit_transform(texts)

    def similarity(self, olds: Sequence[int], news: Sequence[int]) -> np.ndarray:
        if self.matrix is None or not olds or not news:
            return np.zeros((len(olds), len(news)))
        a = self.matrix[list(olds)]
        b = self.matrix[[self.n_old + j for j in news]]
        return (a @ b.T).toarray()


# -- containers ---------------------------------------------------------------------------


def _containers(units: Sequence[Provision]) -> dict[tuple[str, str], list[int]]:
    out: dict[tuple[str, str], list[int]] = defaultdict(list)
    for p in units:
        out[(p.part, p.container)].append(p.index)
    return out


def _pair_containers(old: Sequence[Provision], new: Sequence[Provision]) -> dict[str, str]:
    """Old container -> new container, for articles, annexes and recitals, and the parts around them."""
    old_groups, new_groups = _containers(old), _containers(new)
    paired: dict[str, str] = {}
    for (part, name) in old_groups:
        if part not in NUMBERED_PARTS and (part, name) in new_groups:
            paired[name] = name
    for part in NUMBERED_PARTS:
        olds = [k for k in old_groups if k[0] == part]
        news = [k for k in new_groups if k[0] == part]
        if not olds or not news:
            continue
        texts_old = [" ".join(old[i].text for i in old_groups[k]) for k in olds]
        texts_new = [" ".join(new[j].text for j in new_groups[k]) for k in news]
        sim = _Vectors(texts_old, texts_new).similarity(range(len(olds)), range(len(news)))
        titles_old = [old[old_groups[k][0]].heading.strip().lower() for k in olds]
        titles_new = [new[new_groups[k][0]].heading.strip().lower() for k in news]
        candidates = []
        for a, (_, name_a) in enumerate(olds):
            for b, (_, name_b) in enumerate(news):
                same_number = name_a == name_b
                same_title = bool(titles_old[a]) and titles_old[a] == titles_new[b]
                s = float(sim[a, b])
                allowed = ((same_number and (s >= SAME_NUMBER_SIMILARITY or same_title))
                           or s >= RENUMBERED_SIMILARITY or (same_title and s >= SAME_TITLE_SIMILARITY))
                if allowed:
                    score = s + 0.2 * same_number + 0.1 * same_title
                    candidates.append((-score, abs(a - b), a, b))
        used_a, used_b = set(), set()
        for _, _, a, b in sorted(candidates):
            if a in used_a or b in used_b:
                continue
            used_a.add(a)
            used_b.add(b)
            paired[olds[a][1]] = news[b][1]
    return paired


def _article_numbers(containers: dict[str, str]) -> dict[str, str]:
    return {container_number(a): container_number(b) for a, b in containers.items()
            if a != b and a.startswith("Article ") and b.startswith("Article ")}


def _container_groups(old: Sequence[Provision], new: Sequence[Provision],
                      containers: dict[str, str]) -> list[tuple[list[int], list[int]]]:
    old_groups, new_groups = _containers(old), _containers(new)
    new_by_name = {name: idx for (part, name), idx in new_groups.items()}
    groups = []
    for (part, name), idx in old_groups.items():
        partner = containers.get(name)
        groups.append((idx, new_by_name.get(partner, []) if partner else []))
    taken = set(containers.values())
    groups += [([], idx) for (part, name), idx in new_groups.items() if name not in taken]
    return groups


# -- provisions inside a pair of containers ---------------------------------------------


def _pair_within(olds: list[int], news: list[int], old: Sequence[Provision], new: Sequence[Provision],
                 texts_old: list[str], texts_new: list[str], vectors: _Vectors, structured: bool) -> list[Match]:
    if not olds or not news:
        return []
    partner: dict[int, int] = {}
    waiting: dict[str, list[int]] = defaultdict(list)
    for j in news:
        if texts_new[j]:
            waiting[texts_new[j]].append(j)
    for i in olds:
        same = waiting.get(texts_old[i])
        if same:
            # Repeated wording pairs with the same place first, then in order of appearance.
            j = next((j for j in same if new[j].local_key == old[i].local_key), same[0])
            same.remove(j)
            partner[i] = j
    rest_old = [i for i in olds if i not in partner and texts_old[i]]
    rest_new = [j for j in news if j not in set(partner.values()) and texts_new[j]]
    sim = vectors.similarity(rest_old, rest_new)
    row = {i: a for a, i in enumerate(rest_old)}
    col = {j: b for b, j in enumerate(rest_new)}
    rank_old = {i: k / max(len(olds), 1) for k, i in enumerate(olds)}
    rank_new = {j: k / max(len(news), 1) for k, j in enumerate(news)}
    used_new = set(partner.values())
    if structured:
        # The same place first: an act keeps its numbering unless the wording shows it moved.
        same = sorted((-float(sim[row[i], col[j]]), i, j) for i in rest_old for j in rest_new
                      if old[i].local_key == new[j].local_key and sim[row[i], col[j]] >= SAME_PLACE_SIMILARITY)
        for _, i, j in same:
            if i not in partner and j not in used_new:
                partner[i] = j
                used_new.add(j)
    parents_old = _parents(olds, old) if structured else {}
    parents_new = _parents(news, new) if structured else {}
    # Shallower provisions first, so a point is only paired where its lead-in's pairing allows.
    depths = sorted({len(new[j].path) for j in rest_new}) if structured else [None]
    for depth in depths:
        candidates = []
        for i in rest_old:
            if i in partner:
                continue
            for j in rest_new:
                if j in used_new or (depth is not None and len(new[j].path) != depth):
                    continue
                s_ = float(sim[row[i], col[j]])
                same_heading = not structured and old[i].heading and old[i].heading == new[j].heading
                if s_ < MATCH_SIMILARITY:
                    continue
                if structured and not _consistent(i, j, parents_old, parents_new, partner):
                    continue
                score = s_ + (0.1 if same_heading else 0.0)
                candidates.append((-score, abs(rank_old[i] - rank_new[j]), i, j))
        for _, _, i, j in sorted(candidates):
            if i in partner or j in used_new:
                continue
            partner[i] = j
            used_new.add(j)
    if structured:
        # Whatever still stands at the same place on both sides is that place rewritten ("paragraph 4 is replaced").
        waiting = {new[j].local_key: j for j in rest_new if j not in used_new}
        for i in rest_old:
            j = waiting.get(old[i].local_key)
            if i not in partner and j is not None and j not in used_new and _consistent(
                    i, j, parents_old, parents_new, partner):
                partner[i] = j
                used_new.add(j)
    groups = _splits_and_merges(partner, olds, news, old, new, texts_old, texts_new)
    in_order = _in_order({g_old[0]: g_new[0] for g_old, g_new in groups})
    matches = []
    for g_old, g_new in groups:
        text_old = " ".join(texts_old[i] for i in g_old)
        text_new = " ".join(texts_new[j] for j in g_new)
        similarity = 1.0 if text_old == text_new else word_similarity(text_old, text_new)
        if len(g_old) > 1:
            how = "merged"
        elif len(g_new) > 1:
            how = "split"
        elif text_old == text_new and g_old[0] not in in_order and not (
                structured and old[g_old[0]].local_key == new[g_new[0]].local_key):
            how = "moved"
        else:
            how = "kept"
        matches.append(Match(tuple(g_old), tuple(g_new), round(similarity, 4), how))
    return matches


def _parents(order: list[int], units: Sequence[Provision]) -> dict[int, int]:
    """Each provision's lead-in: the nearest provision before it whose path is a proper prefix of its own."""
    parents: dict[int, int] = {}
    stack: list[int] = []
    for i in order:
        path = units[i].path
        while stack and not (len(units[stack[-1]].path) < len(path) and path[:len(units[stack[-1]].path)]
                             == units[stack[-1]].path):
            stack.pop()
        if stack:
            parents[i] = stack[-1]
        stack.append(i)
    return parents


def _consistent(i: int, j: int, parents_old: dict[int, int], parents_new: dict[int, int],
                partner: dict[int, int]) -> bool:
    """A point pairs with a point elsewhere only if its lead-in is not paired with another lead-in."""
    parent_new = parents_new.get(j)
    if parent_new is None or parent_new not in partner.values():
        return True
    return partner.get(parents_old.get(i, -1)) == parent_new


def _splits_and_merges(partner: dict[int, int], olds: list[int], news: list[int], old: Sequence[Provision],
                       new: Sequence[Provision], texts_old: list[str], texts_new: list[str]
                       ) -> list[tuple[list[int], list[int]]]:
    """Pairs, with neighbours left over on one side joined to a pair whose other side holds their words."""
    owner = {j: i for i, j in partner.items()}
    groups = {i: ([i], [j]) for i, j in partner.items()}
    lone_new = [j for j in news if j not in owner and texts_new[j]]
    lone_old = [i for i in olds if i not in partner and texts_old[i]]
    for j in lone_new:
        for neighbour in _neighbours(j, news):
            i = owner.get(neighbour)
            if i is None:
                continue
            g_old, g_new = groups[i]
            if len(g_old) == 1 and _holds(" ".join(texts_old[k] for k in g_old), texts_new[j],
                                          " ".join(texts_new[k] for k in g_new)):
                g_new.append(j)
                g_new.sort(key=news.index)
                owner[j] = i
                break
    for i in lone_old:
        for neighbour in _neighbours(i, olds):
            if neighbour not in groups:
                continue
            g_old, g_new = groups[neighbour]
            if len(g_new) == 1 and _holds(" ".join(texts_new[k] for k in g_new), texts_old[i],
                                          " ".join(texts_old[k] for k in g_old)):
                g_old.append(i)
                g_old.sort(key=olds.index)
                break
    return sorted(groups.values(), key=lambda g: news.index(g[1][0]))


def _neighbours(x: int, order: list[int]) -> list[int]:
    at = order.index(x)
    return [order[k] for k in (at - 1, at + 1, at - 2, at + 2) if 0 <= k < len(order)]


def _holds(whole: str, piece: str, already: str) -> bool:
    """Whether `whole` holds the words of `piece` beyond those `already` paired with it."""
    whole_words = whole.split()
    piece_words = piece.split()
    if not piece_words:
        return False
    remaining = defaultdict(int)
    for w in whole_words:
        remaining[w] += 1
    for w in already.split():
        if remaining[w] > 0:
            remaining[w] -= 1
    found = 0
    for w in piece_words:
        if remaining[w] > 0:
            remaining[w] -= 1
            found += 1
    return found / len(piece_words) >= SPLIT_CONTAINMENT and len(piece_words) >= 3


def _in_order(pairs: dict[int, int]) -> set[int]:
    """The old indices of the longest run of pairs that keeps its reading order: the others moved."""
    ordered = sorted(pairs.items(), key=lambda item: item[1])
    olds = [i for i, _ in ordered]
    # Longest increasing subsequence of old positions, O(n log n).
    import bisect

    tails: list[int] = []
    tail_index: list[int] = []
    previous = [-1] * len(olds)
    for k, value in enumerate(olds):
        at = bisect.bisect_left(tails, value)
        if at == len(tails):
            tails.append(value)
            tail_index.append(k)
        else:
            tails[at] = value
            tail_index[at] = k
        previous[k] = tail_index[at - 1] if at else -1
    keep: set[int] = set()
    k = tail_index[-1] if tail_index else -1
    while k >= 0:
        keep.add(olds[k])
        k = previous[k]
    return keep


def _moved_across(olds: list[int], news: list[int], old: Sequence[Provision], new: Sequence[Provision],
                  texts_old: list[str], texts_new: list[str], vectors: _Vectors) -> list[Match]:
    """Provisions that left one article for another, nearly word for word."""
    olds = [i for i in olds if old[i].part in (ARTICLE, ANNEX) and texts_old[i]]
    news = [j for j in news if new[j].part in (ARTICLE, ANNEX) and texts_new[j]]
    sim = vectors.similarity(olds, news)
    candidates = sorted((-float(sim[a, b]), i, j) for a, i in enumerate(olds) for b, j in enumerate(news)
                        if sim[a, b] >= MOVED_ACROSS_SIMILARITY)
    used_old, used_new, out = set(), set(), []
    for s, i, j in candidates:
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        similarity = 1.0 if texts_old[i] == texts_new[j] else word_similarity(texts_old[i], texts_new[j])
        out.append(Match((i,), (j,), round(similarity, 4), "moved"))
    return out


def _in_reading_order(n_old: int, n_new: int, pairs: list[Match]) -> list[Match]:
    """Every provision once: pairs at their first new provision, a removal after the pair of its predecessor."""
    keyed: list[tuple[tuple[int, int, int], Match]] = []
    anchor_of_old: dict[int, int] = {}
    placed_new: set[int] = set()
    for m in pairs:
        keyed.append(((min(m.new), 0, -1), m))
        for i in m.old:
            anchor_of_old[i] = min(m.new)
        placed_new.update(m.new)
    for j in range(n_new):
        if j not in placed_new:
            keyed.append(((j, 0, -1), Match((), (j,), 0.0, "added")))
    anchor = -1
    for i in range(n_old):
        if i in anchor_of_old:
            anchor = anchor_of_old[i]
            continue
        keyed.append(((anchor, 1, i), Match((i,), (), 0.0, "removed")))
    keyed.sort(key=lambda item: item[0])
    return [m for _, m in keyed]

