"""Snapshot the analyzer's reading of every in-sample expert-read item, or diff two snapshots.

    python scripts/dev/expert_snapshot.py OUT.json            # the ten in-sample sets, item by item
    python scripts/dev/expert_snapshot.py --unseen OUT.json   # the unseen sets: aggregate counts only
    python scripts/dev/expert_snapshot.py --diff A.json B.json

A rule is kept only if it costs no in-sample item or its principled gain
outweighs a small loss; the diff lists every item whose reading changed,
"+" where it now agrees, "-" where it no longer does, "=" where it still
disagrees differently. The unseen sets are printed as aggregates only, so
no rule is made on their lines (README, *Measured quality*).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

IN_SAMPLE = ("expert_read", "expert_read_dev2", "expert_read_dev3", "expert_read_second", "expert_read_fresh4",
             "expert_read_second_fresh4", "expert_read_fresh5", "expert_read_second_fresh5", "expert_read_fresh6",
             "expert_read_second_fresh6")
UNSEEN = ("expert_read_heldout", "expert_read_fresh", "expert_read_fresh2", "expert_read_fresh3")


def snapshot(sets: tuple[str, ...], keep_items: bool) -> dict:
    from nlp_pipeline.evaluate.expert_read import expert_agreement
    from nlp_pipeline.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    out = {}
    for name in sets:
        agreement = expert_agreement(ROOT / "tests" / "data" / name, taxonomy)
        cells, verdicts = agreement.share("cell"), agreement.share("milestone")
        print(f"{name:<28} cells {cells[0]}/{cells[1]}  verdicts {verdicts[0]}/{verdicts[1]}")
        if keep_items:
            out[name] = {f"{Path(c.expert.file).name}|{c.expert.type}|{c.expert.id}": [c.expert.shown, c.tool_shown, c.agrees]
                         for c in agreement.comparisons}
    return out


def diff(a: dict, b: dict) -> list[str]:
    lines = []
    for name, items in a.items():
        for key, (expert, before, agreed) in items.items():
            _, after, agrees = b.get(name, {}).get(key, [expert, before, agreed])
            if after != before:
                mark = "+" if agrees and not agreed else "-" if agreed and not agrees else "="
                lines.append(f"{mark} {name} {key}: expert {expert}; {before} -> {after}")
    return lines


def main(argv: list[str]) -> None:
    if argv[:1] == ["--diff"]:
        a, b = (json.loads(Path(p).read_text(encoding="utf-8")) for p in argv[1:3])
        print("\n".join(diff(a, b)) or "no item changed")
        return
    unseen = argv[:1] == ["--unseen"]
    items = snapshot(UNSEEN if unseen else IN_SAMPLE, keep_items=not unseen)
    if not unseen:
        Path(argv[-1]).write_text(json.dumps(items, indent=0), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
