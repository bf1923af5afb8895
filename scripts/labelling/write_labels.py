"""Append an annotator's decisions to a label file, after checking every one of them.

    python scripts/labelling/write_labels.py DECISIONS.jsonl --candidates /work/labelling/candidates/<slug>.jsonl \
        --out corpora/labelled/<name>.jsonl

DECISIONS: one line per labelled candidate,
    {"candidate": id, "categories": [...], "strength": 0-4, "note": "...", "selection": "random"|"sought"|"hard_negative"}

--out decides what is written:
  corpora/labelled/<name>.jsonl            gold labels (+ first annotation in annotations/first/<name>.jsonl)
  corpora/labelled/heldout/<name>.jsonl    held-out labels (+ annotations/first/heldout_<name>.jsonl)
  corpora/labelled/annotations/second/<first-annotation file name>   the blind second annotation
  corpora/labelled/annotations/adjudication/<name>.jsonl            adjudicated decisions; rewrites the gold lines

Category ids are checked against taxonomies/roadmap.yaml, strengths against the
loader's rules; ids already labelled are refused; every new gold line is loaded
back through load_labelled before anything is written. Nothing is written if any
decision fails; the errors are listed one per line.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from _common import DEFAULT_LABELLED, DEFAULT_SHARED_CORPORA, known_categories

from nlp_pipeline.labelled import LabelError
from nlp_pipeline.labelled.writing import write_decisions


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("decisions", type=Path)
    parser.add_argument("--candidates", type=Path, nargs="+", default=[],
                        help="the candidates file(s) the decisions refer to (not needed for adjudication)")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED_CORPORA)
    args = parser.parse_args()
    try:
        result = write_decisions(args.decisions, args.candidates, args.out, known_categories(), args.shared,
                                 DEFAULT_LABELLED)
    except (LabelError, OSError) as error:
        print(error)
        print("nothing written")
        return 2
    for file, count in result.written.items():
        print(f"{file}: {count} lines written")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
