"""What the labelling scripts share: where things are, and running from a checkout."""

from __future__ import annotations

import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

from nlp_pipeline.labelled import DEFAULT_LABELLED, DEFAULT_SHARED_CORPORA

# Third-party text never enters the repository: candidates live in a scratch folder beside it.
SCRATCH = Path("/work/labelling")


def known_categories() -> set[str]:
    from nlp_pipeline.taxonomy import categories, load_taxonomy

    return {c.id for c in categories(load_taxonomy())}


def outside_repository(path: Path) -> Path:
    """Refuse a scratch path inside the checkout, where third-party text could be committed."""
    resolved = path.resolve()
    if resolved == PROJECT_ROOT or PROJECT_ROOT in resolved.parents:
        raise SystemExit(f"{path}: inside the repository; passage text must stay outside it (use {SCRATCH})")
    return path


def relative_to_shared(file: str, shared: Path) -> str:
    """A document named relative to ../shared/corpora, or by a path inside it."""
    path = Path(file)
    if path.is_absolute() or path.exists():
        try:
            return path.resolve().relative_to(shared.resolve()).as_posix()
        except ValueError:
            raise SystemExit(f"{file}: not under {shared}") from None
    return path.as_posix()


__all__ = ["DEFAULT_LABELLED", "DEFAULT_SHARED_CORPORA", "PROJECT_ROOT", "SCRATCH", "known_categories",
           "outside_repository", "relative_to_shared"]
