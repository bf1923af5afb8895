"""Build the shippable demo corpus: EU acts as EUR-Lex-like HTML.

Reads the EU law seeds in ../shared/corpora/eu_law (verbatim EUR-Lex text split
per article) and writes corpora/demo/<act>.html in the markup EUR-Lex uses
(`oj-doc-ti`, `oj-ti-art`, `oj-sti-art`, `oj-normal`, points as two-cell
tables), so the demo exercises the same HTML backend a user's download would.
EU legal texts may be reused with acknowledgement (Commission Decision
2011/833/EU); third-party documents are never converted here.

Deterministic: the same seeds always give byte-identical files.

    python scripts/build_demo_corpus.py [--shared ../shared/corpora/eu_law] [--out corpora/demo]
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_ROOT))

from nlp_pipeline.ingest.legal_structure import merge_bare_labels  # noqa: E402


@dataclass(frozen=True)
class Act:
    seed: str  # file in the shared eu_law folder
    output: str  # file written in corpora/demo
    short_name: str


ACTS = (
    Act("csddd_articles_recitals.json", "csddd_2024_1760.html", "CSDDD"),
    Act("csrd_articles_recitals.json", "csrd_2022_2464.html", "CSRD"),
    Act("crma_articles_recitals.json", "crma_2024_1252.html", "CRMA"),
)

_TYPES = {"L": "DIRECTIVE", "R": "REGULATION", "D": "DECISION"}
_POINT = re.compile(r"^(\(\*?[0-9a-z]{1,6}\)|[\u2014\u2013])\s+(.*)$", re.S)
_FOOTNOTE = re.compile(r"^\((?:\*\d+|\d+)\)\s")
_DONE_AT = re.compile(r"^Done at [^,]+, (\d{1,2}\s\w+\s\d{4})\.")
_ANNEX = re.compile(r"^ANNEX(?:\s+[IVXLC]+)?$")


def _e(text: str) -> str:
    return html.escape(text.strip(), quote=False)


def _paragraphs(text: str) -> list[str]:
    return merge_bare_labels([p for p in re.split(r"\n\s*\n", text or "") if p.strip()])


def _point_table(label: str, body: str) -> str:
    return (
        '<table width="100%"><col width="4%"><col width="96%"><tbody><tr>'
        f'<td><p class="oj-normal">{_e(label)}</p></td><td><p class="oj-normal">{_e(body)}</p></td>'
        "</tr></tbody></table>"
    )


def _body_html(paragraphs: list[str], *, final_part: bool = False) -> list[str]:
    """Paragraphs of an article, annex or the signature part in EUR-Lex markup.

    Inside articles "(1)" is a point and only "(*1)" a footnote (the amending
    acts' style); after the signatures every "(1)" is a footnote.
    """
    out = []
    for para in paragraphs:
        m = _POINT.match(para)
        if para.startswith("(*") or (final_part and _FOOTNOTE.match(para)):
            out.append(f'<p class="oj-note">{_e(para)}</p>')
        elif m:
            out.append(_point_table(m.group(1), m.group(2)))
        else:
            out.append(f'<p class="oj-normal">{_e(para)}</p>')
    return out


def _split_final(text: str) -> tuple[str, list[str], list[str]]:
    """The last article's seed also carries the signatures, footnotes and annexes."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text or "") if p.strip()]
    done = next((i for i, p in enumerate(paragraphs) if _DONE_AT.match(p.strip())), None)
    if done is None:
        return text, [], []
    annex = next((i for i, p in enumerate(paragraphs) if i > done and _ANNEX.match(p.strip())), len(paragraphs))
    return "\n\n".join(paragraphs[:done]), paragraphs[done:annex], paragraphs[annex:]


def _distinct_recitals(recitals: list[dict]) -> list[dict]:
    # The seeds repeat their last recital verbatim; the act has it once.
    out: list[dict] = []
    for recital in recitals:
        if out and (recital.get("recital_number"), recital.get("text")) == (out[-1].get("recital_number"), out[-1].get("text")):
            continue
        out.append(recital)
    return out


def render_act(seed: dict, act: Act) -> str:
    celex = str(seed["celex_id"])
    year, number, kind = celex[1:5], str(int(celex[6:])), _TYPES.get(celex[5:6], "REGULATION")
    articles = list(seed.get("articles") or [])
    last_text, final, annexes = _split_final(articles[-1]["text"]) if articles else ("", [], [])
    adopted = next((m.group(1) for m in (_DONE_AT.match(p.strip()) for p in final) if m), "")
    heading = f"{kind} (EU) {year}/{number} OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL"
    title = f"{kind.title()} (EU) {year}/{number} - {seed.get('full_name', act.short_name)} ({act.short_name})"

    lines = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{_e(title)}</title>",
        f'<meta name="celex" content="{_e(celex)}">',
        f'<meta name="source" content="{_e(str(seed.get("eur_lex_url", "")))}">',
        '<meta name="rights" content="© European Union, https://eur-lex.europa.eu/ - reuse authorised under Commission Decision 2011/833/EU">',
        "</head>",
        "<body>",
        '<div class="eli-container">',
        f'<p class="oj-doc-ti">{_e(heading)}</p>',
    ]
    if adopted:
        lines.append(f'<p class="oj-doc-ti">of {_e(adopted)}</p>')
    lines.append(f'<p class="oj-doc-ti">({_e(seed.get("full_name", ""))})</p>')
    lines.append('<div class="eli-main-title">')
    lines.append('<p class="oj-normal">THE EUROPEAN PARLIAMENT AND THE COUNCIL OF THE EUROPEAN UNION,</p>')
    recitals = _distinct_recitals(seed.get("recitals") or [])
    if recitals:
        lines.append('<p class="oj-normal">Whereas:</p>')
        for recital in recitals:
            paras = _paragraphs(str(recital.get("text", "")))
            cell = "".join(f'<p class="oj-normal">{_e(p)}</p>' for p in paras)
            lines.append(
                '<table width="100%"><col width="4%"><col width="96%"><tbody><tr>'
                f'<td><p class="oj-normal">({_e(str(recital.get("recital_number", "")))})</p></td><td>{cell}</td>'
                "</tr></tbody></table>"
            )
    lines.append(f'<p class="oj-normal">HAVE ADOPTED THIS {kind}:</p>')
    lines.append("</div>")
    for position, article in enumerate(articles):
        number_text = str(article.get("number", "")).strip()
        text = last_text if position == len(articles) - 1 else str(article.get("text", ""))
        lines.append(f'<div class="eli-subdivision" id="art_{_e(number_text)}">')
        lines.append(f'<p class="oj-ti-art">Article\u00a0{_e(number_text)}</p>')
        if article.get("title"):
            lines.append(f'<div class="eli-title"><p class="oj-sti-art">{_e(str(article["title"]))}</p></div>')
        lines.extend(_body_html(_paragraphs(text)))
        lines.append("</div>")
    if final:
        lines.append('<div class="oj-final">')
        lines.extend(_body_html(merge_bare_labels(final), final_part=True))
        lines.append("</div>")
    if annexes:
        lines.append('<div class="eli-container" id="anx">')
        for para in merge_bare_labels(annexes):
            if _ANNEX.match(para.strip()):
                lines.append(f'<p class="oj-doc-ti">{_e(para)}</p>')
            else:
                lines.extend(_body_html([para]))
        lines.append("</div>")
    lines += ["</div>", "</body>", "</html>", ""]
    return "\n".join(lines)


def build(shared: Path, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for act in ACTS:
        seed = json.loads((shared / act.seed).read_text(encoding="utf-8"))
        target = out / act.output
        target.write_text(render_act(seed, act), encoding="utf-8")
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=PROJECT_ROOT.parent / "shared" / "corpora" / "eu_law")
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "corpora" / "demo")
    args = parser.parse_args(argv)
    if not args.shared.is_dir():
        print(f"{args.shared}: folder of EU law seeds not found", file=sys.stderr)
        return 2
    for path in build(args.shared, args.out):
        print(f"wrote {path} ({path.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
