"""How the taxonomy's word cues (anchors, asks, practice and figure subjects) are matched in text."""

from __future__ import annotations

import re

from functools import lru_cache


@lru_cache(maxsize=None)
def cue_pattern(cues: tuple[str, ...]) -> re.Pattern[str]:
    """A cue is a whole word or phrase with its plural or past forms; "penalt*" is a word start."""
    forms = [re.escape(c[:-1]) if c.endswith("*") else re.escape(c) + r"(?:s|es|ed|d|ing)?(?!\w)" for c in cues]
    return re.compile(r"(?<!\w)(?:" + "|".join(forms) + ")", re.IGNORECASE)
