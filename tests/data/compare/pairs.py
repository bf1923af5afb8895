"""Build the documented comparison pairs from ../shared/corpora, edit by edit, from a manifest.

    python tests/data/compare/pairs.py OUT_DIR        # writes csddd_amended.json next to nothing else

The manifest (csddd_amended/manifest.json) lists each amendment-pattern edit
with the change `resourcing compare` must report for it. Only the manifest
is committed; the edited act is rebuilt from the shared EU-law seed (whose
hash the manifest pins) wherever a test or the benchmark needs it, so
nothing but EUR-Lex text, edited as documented, ever enters a run.

The edits are applied here with plain string operations, independently of
the compare code they are meant to check.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
MANIFEST = HERE / "csddd_amended" / "manifest.json"
SHARED_CORPORA = HERE.parents[2].parent / "shared" / "corpora"


class PairError(Exception):
    """The seed changed or an edit no longer finds its text: the pair cannot be built as documented."""


def load_manifest(path: Path = MANIFEST) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def source_path(manifest: dict[str, Any], corpora: Path = SHARED_CORPORA) -> Path:
    return corpora / manifest["source"]


def build_csddd_pair(out_dir: Path, corpora: Path = SHARED_CORPORA, manifest_path: Path = MANIFEST) -> tuple[Path, Path]:
    """The original seed's path and the edited copy written to out_dir."""
    manifest = load_manifest(manifest_path)
    source = source_path(manifest, corpora)
    data = source.read_bytes()
    if hashlib.sha256(data).hexdigest() != manifest["source_sha256"]:
        raise PairError(f"{source}: not the seed the manifest documents (sha256 differs)")
    act = json.loads(data)
    for edit in manifest["edits"]:
        EDITS[edit["op"]](act, edit)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / "csddd_amended.json"
    target.write_text(json.dumps(act, ensure_ascii=False, indent=1), encoding="utf-8")
    return source, target


def _article(act: dict[str, Any], number: str) -> dict[str, Any]:
    found = [a for a in act["articles"] if str(a["number"]) == number]
    if len(found) != 1:
        raise PairError(f"Article {number}: {len(found)} found in the seed")
    return found[0]


def _pattern(find: str) -> re.Pattern:
    # The seed writes no-break spaces where the manifest writes spaces.
    parts = [re.escape(piece) for piece in re.split(r"( +)", find) if piece]
    return re.compile("".join(r"[ \u00a0]+" if p.strip("\\ ") == "" else p for p in parts))


def _replace_once(text: str, find: str, replace: str, where: str) -> str:
    matches = list(_pattern(find).finditer(text))
    if len(matches) != 1:
        raise PairError(f"{where}: {len(matches)} matches for {find[:60]!r}")
    m = matches[0]
    return text[:m.start()] + replace + text[m.end():]


def replace_text(act: dict[str, Any], edit: dict[str, Any]) -> None:
    article = _article(act, edit["article"])
    where = f"Article {edit['article']}"
    article["text"] = _replace_once(article["text"], edit["find"], edit["replace"], where)
    for step in edit.get("then", []):
        article["text"] = _replace_once(article["text"], step["find"], step["replace"], where)


def delete_article(act: dict[str, Any], edit: dict[str, Any]) -> None:
    act["articles"].remove(_article(act, edit["article"]))


def renumber_articles(act: dict[str, Any], edit: dict[str, Any]) -> None:
    first, last, shift = int(edit["first"]), int(edit["last"]), int(edit["shift"])
    numbers = {str(n): str(n + shift) for n in range(first, last + 1)}
    for article in act["articles"]:
        if str(article["number"]) in numbers:
            article["number"] = numbers[str(article["number"])]
    # This act's own articles: not those "of Directive ...", "of the Convention ...", "of Regulation ...".
    reference = re.compile(r"\b(Articles?)([ \u00a0]+)(\d{1,3})\b(?![ \u00a0]+(?:and[ \u00a0]+\d+[ \u00a0]+)?of[ \u00a0]+(?!this\b))")
    for item in act["articles"] + act.get("recitals", []):
        item["text"] = reference.sub(lambda m: m.group(1) + m.group(2) + numbers.get(m.group(3), m.group(3)), item["text"])


def insert_article(act: dict[str, Any], edit: dict[str, Any]) -> None:
    at = act["articles"].index(_article(act, edit["after"])) + 1
    act["articles"].insert(at, {"number": edit["number"], "title": edit["title"], "text": edit["text"]})


EDITS = {"replace": replace_text, "delete_article": delete_article, "renumber_articles": renumber_articles,
         "insert_article": insert_article}


def expected_changes(manifest_path: Path = MANIFEST) -> list[dict[str, Any]]:
    return [dict(edit["expect"], id=edit["id"]) for edit in load_manifest(manifest_path)["edits"]]


def score_changes(changes: list, expected: list[dict[str, Any]]) -> dict[str, Any]:
    """Which documented edits were found with the right kind, types and severity, and which changes are spurious.

    A change answers an edit when its old (or new) citation starts with the
    edit's; it is right when its kind and severity are the edit's and its
    effects include every type the edit names. Changes answering no edit are
    spurious.
    """
    found, wrong, used = {}, {}, set()
    for edit in expected:
        for k, change in enumerate(changes):
            if k in used:
                continue
            cited = edit.get("old_citation") and change.old_citation.startswith(edit["old_citation"]) or (
                edit.get("new_citation") and change.new_citation.startswith(edit["new_citation"]))
            if not cited:
                continue
            used.add(k)
            types = {t.value for t in change.types}
            if change.kind.value == edit["kind"] and change.severity == edit["severity"] and set(edit["types"]) <= types:
                found[edit["id"]] = change
            else:
                wrong[edit["id"]] = change
            break
    missing = [e["id"] for e in expected if e["id"] not in found and e["id"] not in wrong]
    spurious = [c for k, c in enumerate(changes) if k not in used]
    return {"found": found, "wrong": wrong, "missing": missing, "spurious": spurious}


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    print(build_csddd_pair(Path(sys.argv[1]))[1])
