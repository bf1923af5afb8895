"""What a classifier reads: the passage, led by the headings it sits under.

"Article 27 Penalties" or "A6 Freedom of Association" says what a passage is
about before its first word does. In document-grouped cross-validation the
heading lifted the hybrid by about two points of micro- and macro-F1. The same
function builds the text for training, evaluation and prediction, so the head
never sees one shape of input in training and another in use.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# Paragraph and point numbers ("1", "(a)", "iv") carry no topic.
_NUMBERING = re.compile(r"^\(?(?:\d{1,3}[a-z]?|[ivxlcdm]{1,6}|[a-z])\)?\.?$", re.IGNORECASE)


def topic_context(section: Sequence[str], heading: str = "") -> str:
    parts = [part.strip() for part in section if part.strip() and not _NUMBERING.match(part.strip())]
    context = " > ".join(parts)
    if heading and heading not in parts:
        context = f"{context} {heading}".strip()
    return context


def topic_text(text: str, section: Sequence[str] = (), heading: str = "") -> str:
    context = topic_context(section, heading)
    return f"{context}. {text}" if context else text


def split_section(section: str | Sequence[str]) -> tuple[str, ...]:
    """A section given as "Article 27 > 1" or as a list of parts."""
    if isinstance(section, str):
        return tuple(part.strip() for part in section.split(">") if part.strip())
    return tuple(section)
