"""Cut documents of ../shared/corpora into candidate passages for annotators.

    python scripts/labelling/candidates.py extended/company_pdf/IBM_Conflict_Minerals_Report_CY2024.pdf

writes /work/labelling/candidates/<slug>.jsonl (outside the repository: the
text is third-party). Each line: candidate id, doc_kind, the label reference
(file, page / json_path / extract, start, end), sha1, page, section, heading,
role, block_kind, anchored (an `analyze` passage found in the source),
labelled_as (ids of existing labels it overlaps) and the text to read.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from _common import (
    DEFAULT_LABELLED,
    DEFAULT_SHARED_CORPORA,
    SCRATCH,
    outside_repository,
    relative_to_shared,
)

from nlp_pipeline.labelled import LabelError
from nlp_pipeline.labelled.candidates import (
    document_candidates,
    document_slug,
    existing_overlaps,
)
from nlp_pipeline.labelled.sources import SourceError
from nlp_pipeline.records import DocumentKind


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="+", help="documents, relative to ../shared/corpora (or paths inside it)")
    parser.add_argument("--out", type=Path, default=SCRATCH / "candidates", help="folder for <slug>.jsonl")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED_CORPORA, help="the shared corpora folder")
    parser.add_argument("--kind", choices=[k.value for k in DocumentKind if k is not DocumentKind.UNKNOWN],
                        help="document kind (default: from the folder: eu_law, industry, company)")
    parser.add_argument("--force", action="store_true", help="replace a candidates file that differs")
    args = parser.parse_args()
    if not args.shared.is_dir():
        print(f"{args.shared}: shared corpora folder not found")
        return 2
    out = outside_repository(args.out)
    out.mkdir(parents=True, exist_ok=True)
    failed = 0
    for file in args.files:
        relative = relative_to_shared(file, args.shared)
        try:
            report = document_candidates(relative, args.shared, DocumentKind(args.kind) if args.kind else None)
            overlaps = existing_overlaps(report.candidates, DEFAULT_LABELLED)
        except (SourceError, LabelError, OSError) as error:
            message = str(error)
            print(message if message.startswith(relative) else f"{relative}: {message}")
            failed += 1
            continue
        target = out / f"{document_slug(relative)}.jsonl"
        lines = []
        for candidate in report.candidates:
            line = candidate.to_dict()
            line["labelled_as"] = overlaps.get(candidate.id, [])
            lines.append(json.dumps(line, ensure_ascii=False) + "\n")
        content = "".join(lines)
        if target.exists() and target.read_text(encoding="utf-8") != content and not args.force:
            # Decisions name candidates by id; renumbered candidates would misattach them.
            print(f"{target}: exists with different candidates; decisions may refer to it (use --force to replace)")
            failed += 1
            continue
        target.write_text(content, encoding="utf-8")
        kinds = Counter(c.block_kind or "cut from source" for c in report.candidates)
        already = sum(bool(overlaps.get(c.id)) for c in report.candidates)
        print(f"{target}: {len(report.candidates)} candidates ({report.anchored} analyze passages found in the "
              f"source, {report.cut} cut from text analyze reads differently; "
              + ", ".join(f"{k} {n}" for k, n in kinds.most_common()) + f"; {already} overlap existing labels)")
        if report.ingest_error:
            print(f"  warning: ingest failed ({report.ingest_error}); sections come from heading-like lines only")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
