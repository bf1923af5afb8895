"""Fuzzing ingest: malformed PDFs and hostile texts end in a result or a named failure, within time and memory.

The cases are made from the project's own fixtures (truncated at random
offsets, bytes flipped, a decompression bomb cut short) and from generated
texts (random bytes, stray control characters, one enormous line, broken
markup). They run in a child process with its address space capped, one
alarm per case, so that a hang or a runaway allocation fails the test with
the case's name instead of taking the suite down.
"""

import json
import random
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data"
PROJECT = Path(__file__).resolve().parents[1]
SECONDS_PER_CASE = 30
MEMORY_CAP = 3 * 1024**3  # bytes of address space for the child (pdfium, spaCy and Python fit in well under)
SEED = 12


def malformed_pdfs(tmp: Path, rng: random.Random) -> list[Path]:
    sys.path.insert(0, str(DATA))
    from make_pdf_fixtures import write_deflate_bomb

    cases: list[Path] = []
    sources = [DATA / "two_column.pdf", DATA / "legal_act.pdf", DATA / "layout_defects.pdf"]
    bomb = tmp / "bomb_source.pdf"
    write_deflate_bomb(bomb, 8 * 1024 * 1024)
    sources.append(bomb)
    for source in sources:
        data = source.read_bytes()
        for k in range(4):
            cut = rng.randrange(16, len(data))
            path = tmp / f"{source.stem}_cut{k}.pdf"
            path.write_bytes(data[:cut])
            cases.append(path)
        for k in range(4):
            flipped = bytearray(data)
            for _ in range(rng.choice((1, 8, 64))):
                i = rng.randrange(len(flipped))
                flipped[i] ^= 1 << rng.randrange(8)
            path = tmp / f"{source.stem}_flip{k}.pdf"
            path.write_bytes(bytes(flipped))
            cases.append(path)
    return cases


def hostile_texts(tmp: Path, rng: random.Random) -> list[Path]:
    cases = {
        "random_bytes.txt": bytes(rng.randrange(256) for _ in range(20000)),
        "controls.txt": "".join(rng.choice("ab \x00\x01\x07\x1b\x7f\u2028\ufffe\n") for _ in range(20000)).encode(
            "utf-8", "surrogatepass"),
        "one_line.txt": (("Suppliers shall report " * 40000) + ".").encode(),
        "no_spaces.txt": ("x" * 300000).encode(),
        "unicode_soup.txt": "".join(chr(rng.choice([rng.randrange(32, 0xD7FF), rng.randrange(0xE000, 0x10FFFF)]))
                                    for _ in range(20000)).encode("utf-8"),
        "nested.html": ("<div>" * 5000 + "Due diligence shall apply." + "</div>" * 5000).encode(),
        "broken.html": b"<html><body><p>Unclosed <b>tags <table><tr><td>cell" * 2000,
        "huge_heading.md": ("# " + "word " * 50000 + "\n\nBody text.\n").encode(),
        "truncated.json": b'{"articles": [{"number": "1", "text": "Member States shall',
        "deep.json": ("[" * 5000 + "]" * 5000).encode(),
        "wrong_type.json": b'{"articles": "not a list", "recitals": 12}',
        "utf16.txt": "Suppliers shall report.\n".encode("utf-16"),
    }
    out = []
    for name, data in cases.items():
        path = tmp / name
        path.write_bytes(data)
        out.append(path)
    return out


RUNNER = textwrap.dedent(
    """
    import json, resource, signal, sys, traceback
    resource.setrlimit(resource.RLIMIT_AS, ({cap}, {cap}))
    from nlp_pipeline.errors import InputError
    from nlp_pipeline.ingest import read_document
    from nlp_pipeline.segment import segment_document

    class Hung(Exception):
        pass

    def alarm(signum, frame):
        raise Hung()

    signal.signal(signal.SIGALRM, alarm)
    for path in sys.argv[1:]:
        print(json.dumps({{"case": path, "outcome": "started"}}), flush=True)
        signal.alarm({seconds})
        try:
            passages = segment_document(read_document(path))
            outcome, detail = "result", f"{{len(passages)}} passages"
        except InputError as error:
            outcome, detail = "refused", error.reason
        except Hung:
            outcome, detail = "hung", f"over {seconds} s"
        except BaseException as error:  # noqa: BLE001 -- the test reports what escaped
            outcome, detail = "crashed", f"{{type(error).__name__}}: {{error}} {{traceback.format_exc(limit=3)}}"
        finally:
            signal.alarm(0)
        print(json.dumps({{"case": path, "outcome": outcome, "detail": detail}}), flush=True)
    """
)


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("fuzz")
    rng = random.Random(SEED)
    cases = malformed_pdfs(tmp, rng) + hostile_texts(tmp, rng)
    script = RUNNER.format(cap=MEMORY_CAP, seconds=SECONDS_PER_CASE)
    completed = subprocess.run(
        [sys.executable, "-c", script, *map(str, cases)],
        capture_output=True, text=True, cwd=PROJECT, timeout=SECONDS_PER_CASE * len(cases),
        env={"PYTHONPATH": str(PROJECT), "PATH": "/usr/bin:/bin"},
    )
    records = [json.loads(line) for line in completed.stdout.splitlines() if line.startswith("{")]
    finished = {r["case"]: r for r in records if r["outcome"] != "started"}
    started = [r["case"] for r in records if r["outcome"] == "started"]
    died = [case for case in started if case not in finished]
    assert completed.returncode == 0 and not died, (
        f"the child died (exit {completed.returncode}) on {died}: {completed.stderr[-2000:]}"
    )
    assert len(finished) == len(cases)
    return finished


def test_whether_every_case_ends_in_a_result_or_a_named_refusal(outcomes):
    bad = {Path(case).name: r["detail"] for case, r in outcomes.items() if r["outcome"] not in ("result", "refused")}
    assert not bad


def test_whether_refusals_are_one_line_reasons(outcomes):
    reasons = [r["detail"] for r in outcomes.values() if r["outcome"] == "refused"]
    assert reasons
    assert all(reason and "\n" not in reason and "Traceback" not in reason for reason in reasons)


def test_whether_some_malformed_pdfs_are_still_read(outcomes):
    # pdfium repairs many damaged files; the fuzz set must exercise reading, not only refusing.
    read = [case for case, r in outcomes.items() if case.endswith(".pdf") and r["outcome"] == "result"]
    assert len(read) >= 4
