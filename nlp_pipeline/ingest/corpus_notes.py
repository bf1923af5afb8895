"""Which files found in a corpus folder are notes about it rather than documents to analyse.

A folder of documents often carries a README, a MANIFEST or a LICENSE beside
them (the bundled demo corpus does); read as a fourth "law", such a note adds
a column of noise to every matrix. A folder scan skips them, and hidden files
and Office lock files (`~$report.docx`) too. A file named on the command line
is always read: the user asked for it.
"""

from __future__ import annotations

from pathlib import Path

# Matched on the name without its extension, in any case.
NOTE_NAMES = frozenset({"readme", "manifest", "license", "licence", "changelog", "changes", "contributing",
                        "notice", "copying", "authors", "citation"})


def is_corpus_note(path: Path, folder: Path) -> bool:
    """Whether `path`, found while scanning `folder`, is a note beside the corpus, hidden, or a lock file."""
    relative = Path(path).relative_to(folder)
    if any(part.startswith(".") for part in relative.parts) or relative.name.startswith("~$"):
        return True
    return relative.stem.lower() in NOTE_NAMES
