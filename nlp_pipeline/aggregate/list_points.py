"""List points that go on with the passage before them.

A lead-in and its points are often cut into passages of their own: "Examples
of such cases include: (a) ...", "(b) ..."; "the undertaking shall disclose:
(a) ...", "(b) the total annual waste ...". A point carries on whatever its
lead-in began, and the next point carries on from it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from nlp_pipeline.records import AnalysedPassage

# A list point after the first: "(b) being the sole source ...", "(ii) ...".
LIST_POINT_RE = re.compile(r"^\s*\((?:[b-z]|i[iv]|v|vi{1,3})\)\s")


def going_on(passages: Sequence[AnalysedPassage], follows: Callable[[AnalysedPassage], bool],
             opens: Callable[[AnalysedPassage], bool]) -> frozenset[str]:
    """Ids of the passages that `follows` admits and that go on from one that `opens` a run, or from one that went on."""
    out: set[str] = set()
    previous: AnalysedPassage | None = None
    for p in passages:
        if (previous is not None and previous.passage.doc_id == p.passage.doc_id and follows(p)
                and (previous.id in out or opens(previous))):
            out.add(p.id)
        previous = p
    return frozenset(out)
