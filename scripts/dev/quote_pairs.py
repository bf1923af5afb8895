"""Blind pairs of the quotes two `resourcing analyze` runs show for the same cell, and the judges' tally.

    python scripts/dev/quote_pairs.py pairs BEFORE AFTER PAIRS.json KEY.json [--window] [--sample N] [--seed S]
    python scripts/dev/quote_pairs.py tally KEY.json VERDICTS.txt [VERDICTS.txt ...]

`pairs` writes one pair per covered cell whose quote differs: by default the
cells whose quoted passage changed (which passage is quoted), with `--window`
the cells whose passage stayed and whose excerpt changed (which sentences of it
are shown; the full passage goes along for reference). The two sides are
shuffled; KEY.json says which was the run before and which the run after, and
belongs outside the judges' folder.

A judge writes one line per pair, `pair N: 1|2|same - reason`; `tally` counts,
per judge, how often the quote before and the quote after was preferred, and
how often both judges agreed. Every quote rule kept so far was judged this way
by two helpers blind to the code (the brief: which quote a journalist or NGO
researcher should be shown as the evidence for the cell as stated).
"""

from __future__ import annotations

import csv
import json
import random
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
VERDICT_RE = re.compile(r"^\s*pair\s+(\d+)\s*:\s*(1|2|same)\b", re.IGNORECASE)


def _categories() -> dict[str, tuple[str, str]]:
    """Category id -> (label, definition), from the shipped taxonomy."""
    found: dict[str, tuple[str, str]] = {}

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if {"id", "label", "definition"} <= node.keys():
                found[node["id"]] = (node["label"], " ".join(str(node["definition"]).split()))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(yaml.safe_load((ROOT / "taxonomies" / "roadmap.yaml").read_text(encoding="utf-8")))
    return found


def _cells(run: Path) -> dict[tuple[str, str], dict]:
    with open(run / "coverage.csv", encoding="utf-8", newline="") as f:
        return {(r["document"], r["category_id"]): r for r in csv.DictReader(f)}


def _passages(run: Path) -> dict[str, dict]:
    with open(run / "passages.jsonl", encoding="utf-8") as f:
        return {p["passage_id"]: p for p in map(json.loads, f)}


def _side(passage: dict, quote: str, window: bool) -> dict:
    if window:
        return {"text": quote}
    return {"page": passage["page"], "section": " > ".join(passage["section"]), "text": passage["text"][:900]}


def make_pairs(before: Path, after: Path, window: bool, sample: int | None, seed: int) -> tuple[list[dict], dict]:
    cells_a, cells_b = _cells(before), _cells(after)
    texts_a, texts_b = _passages(before), _passages(after)
    names = _categories()
    changed = []
    for key in sorted(cells_a):
        a, b = cells_a[key], cells_b.get(key)
        if b is None or b["status"] == "absent" or a["status"] == "absent":
            continue
        same_passage = a["top_passage_id"] == b["top_passage_id"]
        if (window and same_passage and a["top_quote"] != b["top_quote"]) or (not window and not same_passage):
            changed.append(key)
    rng = random.Random(seed)
    if sample is not None and len(changed) > sample:
        changed = rng.sample(changed, sample)
    pairs, key_of = [], {}
    for n, key in enumerate(changed, 1):
        a, b = cells_a[key], cells_b[key]
        sides = [("before", _side(texts_a[a["top_passage_id"]], a["top_quote"], window)),
                 ("after", _side(texts_b[b["top_passage_id"]], b["top_quote"], window))]
        rng.shuffle(sides)
        key_of[n] = [sides[0][0], sides[1][0]]
        label, definition = names.get(key[1], ("", ""))
        pair = {"pair": n, "document": key[0], "category": f"{key[1]}: {label}", "definition": definition,
                "cell_status": b["status"], "quote_1": sides[0][1], "quote_2": sides[1][1]}
        if window:
            passage = texts_b[b["top_passage_id"]]
            pair.update(page=passage["page"], full_passage=passage["text"][:1500])
        pairs.append(pair)
    return pairs, key_of


def tally(key_of: dict, verdict_files: list[Path]) -> list[str]:
    lines, picks = [], []
    for path in verdict_files:
        counts = {"before": 0, "after": 0, "same": 0}
        chosen = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            m = VERDICT_RE.match(line)
            if not m or m.group(1) not in key_of:
                continue
            side = "same" if m.group(2).lower() == "same" else key_of[m.group(1)][int(m.group(2)) - 1]
            counts[side] += 1
            chosen[m.group(1)] = side
        picks.append(chosen)
        lines.append(f"{path.name}: after preferred {counts['after']}, before {counts['before']}, same {counts['same']}")
    if len(picks) >= 2:
        agreed = [picks[0][n] for n in picks[0] if all(p.get(n) == picks[0][n] for p in picks[1:]) and picks[0][n] != "same"]
        lines.append(f"all judges agree: after {agreed.count('after')}, before {agreed.count('before')}")
    return lines


def main(argv: list[str]) -> None:
    if argv[:1] == ["pairs"] and len(argv) >= 5:
        sample = int(argv[argv.index("--sample") + 1]) if "--sample" in argv else None
        seed = int(argv[argv.index("--seed") + 1]) if "--seed" in argv else 30
        pairs, key_of = make_pairs(Path(argv[1]), Path(argv[2]), "--window" in argv, sample, seed)
        Path(argv[3]).write_text(json.dumps(pairs, indent=1, ensure_ascii=False), encoding="utf-8")
        Path(argv[4]).write_text(json.dumps(key_of), encoding="utf-8")
        print(f"{len(pairs)} pairs")
    elif argv[:1] == ["tally"] and len(argv) >= 3:
        key_of = {str(k): v for k, v in json.loads(Path(argv[1]).read_text(encoding="utf-8")).items()}
        print("\n".join(tally(key_of, [Path(p) for p in argv[2:]])))
    else:
        print(__doc__)
        sys.exit(2)


if __name__ == "__main__":
    main(sys.argv[1:])
