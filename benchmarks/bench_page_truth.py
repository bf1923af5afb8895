"""Faults per 100 passages of PDF ingest, per document and overall, against the project's page-truth set.

    python benchmarks/bench_page_truth.py [--truth tests/data/page_truth.json] [--shared ../shared/corpora]

The truth (scripts/build_page_truth.py) names pages whose blocks are labelled
with their type, and sentences with their page, for PDFs in ../shared/corpora
(each checked against its sha256). For every passage of those documents:

- cut mid-sentence: it stops without a sentence end and the next passage
  (same section) goes on in lower case (an item label such as "b.2." opens
  a new item, not the sentence going on);
- run-in text lost: a "heading" ending in a colon whose next block goes on
  with the sentence (a bold run-in label taken out of its paragraph);
- section path corrupted: a level of its path is a number with a unit, a
  figure or table text, or longer than a heading can be;
- table or figure fragment as prose: on a labelled page, a prose passage
  from a block that stands inside a box labelled table or figure;
- contents line as passage: likewise for boxes labelled toc;
- order scrambled: more than 10 % of its word trigrams are not found in
  order in its pages' text layer (read with a hyphen at a break as soft or
  as a compound's, and a ligature's gap as none, see `readings`);
- running header leaked: it holds a numbered line removed as a running
  header, or two of them (a running title can also be a phrase of the text);
- footnote mixed in: it holds the opening of a footnote of its pages;
- wrong page: most of its longer words are not on the pages it names;
- hyphenation or ligature damage: a word split in two ("compli ance",
  "Non Landlord", "O sets") that the document writes whole elsewhere.

And the truth sentences: each must be found, word for word, in the passages
of its page. Aim: each fault at most 1 per 100 overall, table or figure
fragments as prose 0, every sentence on its page.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for folder in (ROOT, ROOT / "scripts"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

import pypdfium2 as pdfium  # noqa: E402

from build_page_truth import sentence_key  # noqa: E402
from nlp_pipeline.ingest import read_document  # noqa: E402
from nlp_pipeline.ingest.pdf.layout import is_number_with_unit  # noqa: E402
from nlp_pipeline.records import BlockKind  # noqa: E402
from nlp_pipeline.segment import segment_document  # noqa: E402

SHOW = False  # --show prints the passages counted as scrambled
FAULTS = ["cut", "run_in_lost", "section", "table_figure", "toc", "scrambled", "header", "footnote", "wrong_page",
          "hyphen_ligature"]
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_TERMINAL = (".", "!", "?", ":", ";", "\u201d", '"', "\u2019", ")")
# "d. Voting rights notification ...", "b.2. Instruments ...": lower case, but a new item, not the sentence going on.
_ITEM_LABEL = re.compile(r"^[a-z](?:\.\d{1,2})*\.\s")


def page_texts(path: Path) -> dict[int, str]:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return {i + 1: pdf[i].get_textpage().get_text_range() for i in range(len(pdf))}
    finally:
        pdf.close()


_LIGATURE_LETTERS = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"})
_LIGATURE_SPLIT = re.compile(r"(fi|fl|ff|ffi|ffl)[ \t]+(?=[a-z])")


def readings(text: str) -> list[list[str]]:
    """The page's words as each of the readings its text layer allows.

    pdfium marks a hyphen it found at a break ("\ufffe") without saying
    whether it is a soft hyphen ("mainte-nance") or a compound's own
    ("taxonomy-compliant"); and some fonts leave a gap after a ligature that
    pdfium writes as a space or a tab ("fi gures", "eff orts"). Ingest decides
    both by how the document spells the word elsewhere; the page is searched in
    every reading, so a repaired word is not taken for a scrambled one.
    """
    joined = tokens(text)
    split = tokens(re.sub(r"[\u00ad\x02\ufffe]", "-", text))
    glued = tokens(_LIGATURE_SPLIT.sub(r"\1", text))
    return [joined, split, glued]


def tokens(text: str) -> list[str]:
    # Ingest sets a unit's raised exponent as the sign ("m³" for the layer's "m" and a raised "3"),
    # and writes a ligature glyph ("\ufb01") as its letters.
    text = text.replace("\u00b2", "2").replace("\u00b3", "3")
    text = text.translate(_LIGATURE_LETTERS)
    text = re.sub("[\u00ad\x02\ufffe]", "", re.sub(r"[-\u00ad\x02\ufffe]\r?\n", "", text))
    return [w.lower() for w in _WORD.findall(text)]


def inside(bbox, box) -> bool:
    cx, cy = (bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2
    return box[0] - 2 <= cx <= box[2] + 2 and box[1] - 2 <= cy <= box[3] + 2


def assess(entry: dict, shared: Path) -> tuple[Counter, int, int, int]:
    path = shared / entry["file"]
    if hashlib.sha256(path.read_bytes()).hexdigest() != entry["sha256"]:
        raise SystemExit(f"{path}: not the file the truth was made for (sha256 differs)")
    document = read_document(path)
    passages = segment_document(document)
    texts = page_texts(path)
    trigrams = {p: {g for t in readings(x) for g in zip(t, t[1:], t[2:])} for p, x in texts.items()}
    page_words = {p: set(tokens(x)) for p, x in texts.items()}
    vocab = Counter(w for p in passages for w in tokens(p.text))
    truth = {e["page"]: e["blocks"] for e in entry["pages"]}
    blocks_by_text = {}
    for block in document.blocks:
        blocks_by_text.setdefault(block.text[:60], block)
    footnotes = [b for b in document.blocks if b.kind is BlockKind.FOOTNOTE and len(b.text) > 30]
    headers = [h for h in document.headers_removed if len(h) >= 15]
    faults: Counter = Counter()
    for k, p in enumerate(passages):
        pages = range(p.page_start, p.page_end + 1)
        words = tokens(p.text)
        nxt = passages[k + 1] if k + 1 < len(passages) else None
        if (p.kind is not BlockKind.TABLE and not p.text.rstrip().endswith(_TERMINAL) and nxt is not None
                and nxt.section == p.section and nxt.text[:1].islower() and not _ITEM_LABEL.match(nxt.text)):
            faults["cut"] += 1
        if any(is_number_with_unit(level) or len(level) > 250 for level in p.section):
            faults["section"] += 1
        if p.kind is not BlockKind.TABLE:
            block = blocks_by_text.get(p.text[:60])
            labels = truth.get(p.page_start, [])
            if block is not None and block.bbox and labels:
                kinds = {t["kind"] for t in labels if inside(block.bbox, t["bbox"])}
                if kinds & {"table", "figure"} and not kinds & {"paragraph", "list_item"}:
                    faults["table_figure"] += 1
                if "toc" in kinds and not kinds & {"paragraph", "list_item"}:
                    faults["toc"] += 1
        grams = list(zip(words, words[1:], words[2:]))
        if len(grams) >= 5 and p.kind is not BlockKind.TABLE:
            known = set().union(*(trigrams.get(n, set()) for n in pages))
            if sum(g not in known for g in grams) > 0.1 * len(grams):
                faults["scrambled"] += 1
                if SHOW:
                    print("  scrambled:", p.page_start, p.text[:160])
        # A running title may also be a phrase of the text ("Disclosure EU Taxonomy"): a leak is a
        # numbered running line ("L 322/12 ...") or two of them in one passage (a navigation bar).
        leaked = [h for h in headers if h in p.text]
        if len(leaked) >= 2 or any(re.search(r"\d", h) for h in leaked):
            faults["header"] += 1
        if any(f.page in pages and f.text[:40] in p.text for f in footnotes):
            faults["footnote"] += 1
        long_words = [w for w in words if len(w) > 6][:8]
        if long_words:
            on_page = set().union(*(page_words.get(n, set()) for n in pages))
            if sum(w in on_page for w in long_words) < len(long_words) / 2:
                faults["wrong_page"] += 1
        for a, b in zip(words, words[1:]):
            if vocab[a + b] >= 2 and (vocab[a] <= 1 or vocab[b] <= 1) and len(a) + len(b) > 6:
                faults["hyphen_ligature"] += 1
                break
    blocks = list(document.blocks)
    for block, following in zip(blocks, blocks[1:]):
        if block.kind is BlockKind.HEADING and block.text.endswith(":") and following.kind.is_prose \
                and following.text[:1].islower():
            faults["run_in_lost"] += 1
    found = 0
    for sentence in entry["sentences"]:
        key = sentence_key(texts[sentence["page"]][sentence["start"] : sentence["end"]])
        on_page = " ".join(sentence_key(p.text) for p in passages if p.page_start <= sentence["page"] <= p.page_end)
        found += key in on_page
    return faults, len(passages), found, len(entry["sentences"])


def main(argv: list[str]) -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--truth", type=Path, default=ROOT / "tests" / "data" / "page_truth.json")
    options.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "corpora")
    options.add_argument("--show", action="store_true", help="print the passages counted as scrambled")
    args = options.parse_args(argv)
    global SHOW
    SHOW = args.show
    if not args.shared.is_dir():
        print(f"{args.shared}: not found", file=sys.stderr)
        return 2
    truth = json.loads(args.truth.read_text(encoding="utf-8"))
    header = f"{'document':42} {'passages':>8} " + " ".join(f"{f[:9]:>9}" for f in FAULTS) + "  sentences"
    print("faults per 100 passages")
    print(header)
    total: Counter = Counter()
    passages_all = found_all = sentences_all = 0
    for entry in truth["documents"]:
        faults, count, found, sentences = assess(entry, args.shared)
        total += faults
        passages_all += count
        found_all += found
        sentences_all += sentences
        rates = " ".join(f"{100 * faults[f] / max(count, 1):9.1f}" for f in FAULTS)
        print(f"{Path(entry['file']).name[:42]:42} {count:8d} {rates}  {found}/{sentences}")
    rates = " ".join(f"{100 * total[f] / max(passages_all, 1):9.1f}" for f in FAULTS)
    print(f"{'overall':42} {passages_all:8d} {rates}  {found_all}/{sentences_all}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
