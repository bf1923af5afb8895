"""Regenerate the README's example output from a real run on the bundled demo corpus.

    python scripts/readme_examples.py          # rewrite the blocks in README.md
    python scripts/readme_examples.py --check  # exit 1 if README.md differs from a fresh run

Each example sits between `<!-- example: NAME -->` and `<!-- /example -->`
in README.md. tests/test_readme.py runs the same functions, so a change in
the classifier or the summaries that alters what the tool prints fails the
suite until the README is regenerated.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

README = ROOT / "README.md"
DEMO = ROOT / "corpora" / "demo"
CHECK_EXAMPLE = "csddd_2024_1760.html"
CHECK_LINES = 24
_BLOCK = re.compile(r"(<!-- example: (?P<name>[\w-]+) -->\n)```\n.*?```\n(?=<!-- /example -->)", re.DOTALL)


def demo_result():
    from nlp_pipeline.pipeline import analyze

    return analyze([DEMO])


def examples(result) -> dict[str, str]:
    """What `resourcing demo` and `resourcing check corpora/demo/csddd_2024_1760.html` print (stdout)."""
    from nlp_pipeline.report import write_reports
    from nlp_pipeline.report.terminal import check_summary, corpus_matrix, render_text
    from nlp_pipeline.report.wording import plural

    with tempfile.TemporaryDirectory() as scratch:
        files = len(write_reports(result, Path(scratch) / "demo-output"))
    demo = (f"\n{corpus_matrix(result)}\n\n{plural(len(result.analyses), 'document')}, "
            f"{plural(result.passage_count, 'passage')}; {plural(files, 'file')} written to demo-output\n")
    act = next(a for a in result.analyses if a.document.name == CHECK_EXAMPLE)
    summary = render_text(check_summary(act, result.taxonomy, Path("csddd_2024_1760-check") / "report.html"))
    lines = summary.splitlines()
    check = "\n".join(lines[:CHECK_LINES]) + ("\n  …\n" if len(lines) > CHECK_LINES else "\n")
    return {"demo": demo.lstrip("\n"), "check": check}


def readme_blocks(text: str) -> dict[str, str]:
    return {m.group("name"): m.group(0).split("```\n", 1)[1].rsplit("```\n", 1)[0] for m in _BLOCK.finditer(text)}


def rewrite(text: str, fresh: dict[str, str]) -> str:
    return _BLOCK.sub(lambda m: f"{m.group(1)}```\n{fresh.get(m.group('name'), '')}```\n", text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare; exit 1 if the README is out of date")
    args = parser.parse_args()
    fresh = examples(demo_result())
    text = README.read_text(encoding="utf-8")
    stale = [name for name, block in readme_blocks(text).items() if fresh.get(name) != block]
    if args.check:
        print("README examples are current" if not stale else f"README examples out of date: {', '.join(stale)}")
        return 1 if stale else 0
    README.write_text(rewrite(text, fresh), encoding="utf-8")
    print(f"rewrote {', '.join(stale) or 'nothing (already current)'} in {README}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
