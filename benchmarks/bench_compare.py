"""What `compare` finds on the documented pairs, and its time and peak memory at 1,000+ passages a side.

    python benchmarks/bench_compare.py [pair|formats|omnibus|scale|all]

pair     the CSDDD against a copy with the documented amendment-pattern edits
         (tests/data/compare/csddd_amended/manifest.json): each edit found with
         its type and severity or not, and the changes outside the edits
         (spurious), as a count and a share of all rows;
formats  the CSRD as its JSON seed against its Official Journal PDF: changes
         and how many alter a commitment (the same act: ideally none);
omnibus  the 2025 Omnibus proposal (COM(2025) 81) read as an amending act
         against the CSDDD and the CSRD: instructions applied, the memo's items;
scale    a large act (the CRMA and the CSDDD seeds as one act, ~1,550 passages)
         against a copy with edits scattered through it: wall time per stage
         and peak memory. Run it alone for a clean peak (ru_maxrss of the
         process).
Inputs come from ../shared/corpora; the model is loaded once before timing.
"""

from __future__ import annotations

import json
import random
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for extra in (ROOT, ROOT / "tests" / "data" / "compare"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

from pairs import SHARED_CORPORA, build_csddd_pair, expected_changes, score_changes  # noqa: E402

from nlp_pipeline.classify.base import make_classifier  # noqa: E402
from nlp_pipeline.compare import compare_versions  # noqa: E402
from nlp_pipeline.compare.memo import memo_sections  # noqa: E402
from nlp_pipeline.taxonomy import load_taxonomy  # noqa: E402

EU_LAW = SHARED_CORPORA / "eu_law"
OMNIBUS = SHARED_CORPORA / "extended" / "eu_law" / "COM_2025_81_Omnibus_I_CSRD_CSDDD_amendment_proposal.txt"


def _setup():
    taxonomy = load_taxonomy()
    classifier = make_classifier("hybrid", taxonomy)
    classifier.classify_texts(["warm-up: the supplier shall pay a living wage."])
    return taxonomy, classifier


def _compare(old: Path, new: Path, taxonomy, classifier):
    started = time.perf_counter()
    result = compare_versions(old, new, taxonomy=taxonomy, classifier=classifier)
    return result, time.perf_counter() - started


def bench_pair(taxonomy, classifier) -> None:
    with tempfile.TemporaryDirectory() as folder:
        old, new = build_csddd_pair(Path(folder))
        result, wall = _compare(old, new, taxonomy, classifier)
    expected = expected_changes()
    score = score_changes(result.changes, expected)
    print(f"CSDDD documented pair: {len(expected)} edits, {len(result.changes)} change rows ({wall:.1f} s)")
    for edit in expected:
        change = score["found"].get(edit["id"]) or score["wrong"].get(edit["id"])
        status = "found" if edit["id"] in score["found"] else "WRONG" if change else "MISSING"
        got = (f"{change.kind.value} {change.severity} [{', '.join(t.value for t in change.types)}] {change.citation}"
               if change else "-")
        print(f"  {status:<7} {edit['id']:<24} expected {edit['kind']} {edit['severity']} {edit['types']}: {got}")
    spurious = score["spurious"]
    share = len(spurious) / max(len(result.changes), 1)
    print(f"  changes outside the documented edits: {len(spurious)} of {len(result.changes)} rows ({share:.1%})")
    for change in spurious:
        print(f"    {change.kind.value} {change.severity} {change.citation}: {[t.value for t in change.types]}")


def bench_formats(taxonomy, classifier) -> None:
    old, new = EU_LAW / "csrd_articles_recitals.json", EU_LAW / "csrd_2022_2464_oj.pdf"
    result, wall = _compare(old, new, taxonomy, classifier)
    counts = result.counts()
    moved = [c.category_id for c in result.categories if c.direction not in ("unchanged", "absent_in_both")]
    print(f"CSRD JSON vs Official Journal PDF: {counts['changes']} changes, {counts['major']} major, "
          f"{counts['unchanged_provisions']} of {counts['new_provisions']} provisions unchanged, "
          f"categories moved: {moved or 'none'} ({wall:.1f} s)")
    for change in result.changes:
        print(f"    {change.kind.value} {change.severity} {change.citation}: {[t.value for t in change.types]}")


def bench_omnibus(taxonomy, classifier) -> None:
    for base in (EU_LAW / "csddd_articles_recitals.json", EU_LAW / "csrd_articles_recitals.json"):
        result, wall = _compare(base, OMNIBUS, taxonomy, classifier)
        report = result.amendment
        print(f"{OMNIBUS.name} on {base.name}: amends {report.act} ({report.identified_by}); "
              f"{len(report.applied)} of {len(report.outcomes)} instructions applied; other acts {report.other_acts}; "
              f"{result.counts()['changes']} changes, {result.counts()['major']} major ({wall:.1f} s)")
        for section in memo_sections(result.changes):
            if section.items:
                print(f"  {section.title}: " + "; ".join(f"{i.citation} {i.effect.summary[:60]}" for i in section.items))


def _large_act(folder: Path) -> tuple[Path, Path]:
    """The CRMA and the CSDDD seeds as one act, and a copy with edits scattered through it."""
    acts = [json.loads((EU_LAW / name).read_text(encoding="utf-8"))
            for name in ("crma_articles_recitals.json", "csddd_articles_recitals.json")]
    articles, recitals = [], []
    for act in acts:
        for article in act["articles"]:
            articles.append(dict(article, number=str(len(articles) + 1)))
        for recital in act["recitals"]:
            recitals.append(dict(recital, recital_number=str(len(recitals) + 1)))
    merged = {"id": "large", "full_name": "Two acts read as one (benchmark)", "celex_id": "", "articles": articles,
              "recitals": recitals, "definitions": []}
    old = folder / "large_old.json"
    old.write_text(json.dumps(merged, ensure_ascii=False), encoding="utf-8")
    rng = random.Random(15)
    edited = json.loads(json.dumps(merged))
    for article in edited["articles"]:
        if rng.random() < 0.1:
            article["text"] = article["text"].replace("shall ensure", "should ensure", 1)
        if rng.random() < 0.05:
            article["text"] = re.sub(r"\b(\d{2}) ", lambda m: f"{int(m.group(1)) + 6} ", article["text"], count=1)
    del edited["articles"][40]
    del edited["articles"][10]
    new = folder / "large_new.json"
    new.write_text(json.dumps(edited, ensure_ascii=False), encoding="utf-8")
    return old, new


def bench_scale(taxonomy, classifier) -> None:
    with tempfile.TemporaryDirectory() as folder:
        old, new = _large_act(Path(folder))
        result, wall = _compare(old, new, taxonomy, classifier)
    counts = result.counts()
    passages = counts["old_passages"] + counts["new_passages"]
    print(f"large pair: {counts['old_passages']} -> {counts['new_passages']} passages, "
          f"{counts['old_provisions']} -> {counts['new_provisions']} provisions; {counts['changes']} changes, "
          f"{counts['major']} major")
    for stage, seconds in result.timings.items():
        print(f"  {stage:<16} {seconds:6.2f} s")
    print(f"compare: {wall:.2f} s wall, {passages / wall:.0f} passages/s (both versions, analysis included)")
    print(f"peak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


BENCHES = {"scale": bench_scale, "pair": bench_pair, "formats": bench_formats, "omnibus": bench_omnibus}


def main(argv: list[str]) -> int:
    wanted = argv[0] if argv else "all"
    if wanted != "all" and wanted not in BENCHES:
        print(__doc__, file=sys.stderr)
        return 2
    if not EU_LAW.is_dir():
        print(f"input not found: {EU_LAW} (provide ../shared/corpora)", file=sys.stderr)
        return 2
    taxonomy, classifier = _setup()
    for name, bench in BENCHES.items():
        if wanted in ("all", name):
            bench(taxonomy, classifier)
            print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
