"""Apply a reviewed list of corrections to gold lines that already carry an adjudication.

    python scripts/labelling/apply_corrections.py corpora/labelled/annotations/corrections/<name>.jsonl

Each line: {"id": ..., "categories": [...], "strength": 0-4, "note": "why"}. write_labels.py
allows one adjudication per passage; a consistency pass that has to re-decide an adjudicated
line goes through this script instead. It checks every line like a decision, rewrites the gold
lines (proving they still load) and appends each correction to the adjudication trail of its
gold file (annotations/adjudication/<name>.jsonl, heldout_<name>.jsonl for held-out files), after
the decision it replaces. Nothing is written if any line fails. Commit the list with the result.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from _common import DEFAULT_LABELLED, DEFAULT_SHARED_CORPORA, known_categories

from nlp_pipeline.labelled import LabelError
from nlp_pipeline.labelled.writing import apply_corrections


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corrections", type=Path)
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED_CORPORA)
    args = parser.parse_args()
    try:
        result = apply_corrections(args.corrections, known_categories(), args.shared, DEFAULT_LABELLED)
    except (LabelError, OSError) as error:
        print(error)
        print("nothing written")
        return 2
    for file, count in result.written.items():
        print(f"{file}: {count} lines written")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
