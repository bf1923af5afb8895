"""Choose candidates to label: a seeded sample spread over the document, or a search.

    python scripts/labelling/pick.py /work/labelling/candidates/<slug>.jsonl --random 60 --seed 1
    python scripts/labelling/pick.py /work/labelling/candidates/<slug>.jsonl --search "grievance|whistleblow"

Prints id, page, section and text of each pick (and writes them with --out),
leaving out candidates that overlap existing labels. Record the selection in
your decisions: "random" for --random picks, "sought" for passages searched
for a thin category, "hard_negative" for passages chosen as likely negatives.
"""

from __future__ import annotations

import argparse
import json
import re
import textwrap
from pathlib import Path

from _common import DEFAULT_LABELLED, outside_repository

from nlp_pipeline.labelled.sampling import spread_sample
from nlp_pipeline.labelled.writing import gold_files, ids_in, read_candidates


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("candidates", type=Path)
    how = parser.add_mutually_exclusive_group(required=True)
    how.add_argument("--random", type=int, metavar="N", help="N candidates spread over the whole document")
    how.add_argument("--search", metavar="REGEX", help="candidates whose text, section or heading match (case-insensitive)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--block-kind", help="only candidates of this block kind (table, list_item, paragraph, or cut)")
    parser.add_argument("--out", type=Path, help="also write the picks as JSONL (outside the repository)")
    args = parser.parse_args()
    labelled = ids_in(gold_files(DEFAULT_LABELLED))
    pool = [c for c in read_candidates([args.candidates]).values()
            if not c.get("labelled_as") and c["candidate"] not in labelled]
    if args.block_kind:
        pool = [c for c in pool if (c.get("block_kind") or "cut") == args.block_kind]
    if args.random is not None:
        picks = spread_sample(pool, args.random, f"{args.seed}|{args.candidates.name}")
    else:
        pattern = re.compile(args.search, re.IGNORECASE)
        picks = [c for c in pool if pattern.search(" ".join((c.get("section", ""), c.get("heading", ""), c["text"])))]
    for c in picks:
        where = f"p.{c['page']} " if c.get("page") else ""
        print(f"{c['candidate']}  {where}[{c.get('block_kind') or 'cut'}] {c.get('section', '')}")
        print(textwrap.indent(textwrap.fill(c["text"], 110), "    "))
    if args.out:
        out = outside_repository(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in picks), encoding="utf-8")
    print(f"{len(picks)} of {len(pool)} unlabelled candidates")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
