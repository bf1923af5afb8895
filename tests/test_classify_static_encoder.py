"""The static embedding table: built with its fingerprint pinned, built once with progress where it is missing."""

from __future__ import annotations

import logging

import numpy as np
import pytest

from nlp_pipeline.classify import static_encoder
from nlp_pipeline.classify.static_encoder import (
    SHIPPED_TABLE,
    TableFingerprint,
    StaticEncoder,
    build_table,
    pinned_fingerprint_distance,
)
from nlp_pipeline.errors import ResourcingError


def test_whether_the_built_table_is_the_one_its_fingerprint_pins():
    assert SHIPPED_TABLE.is_file(), "models/static/minilm_static_v1.npy is built by scripts/build_static_table.py"
    assert pinned_fingerprint_distance(SHIPPED_TABLE) <= TableFingerprint.load().tolerance


def test_whether_last_bit_differences_between_cpus_pass_and_a_changed_vector_does_not():
    table = np.random.default_rng(7).standard_normal((3000, 384)).astype(np.float16) * np.float16(0.05)
    fingerprint = TableFingerprint.of(table)
    flipped = table.copy().view(np.uint16)
    chosen = np.random.default_rng(8).random(flipped.shape) < 0.005  # what another CPU's build looks like
    flipped[chosen] ^= 1
    assert fingerprint.matches(flipped.view(np.float16))
    changed = table.copy()
    changed[1234] *= np.float16(1.5)
    assert not fingerprint.matches(changed)
    assert not fingerprint.matches(table[:2000])


def test_whether_a_changed_shipped_table_is_refused_with_the_way_to_restore_it(tmp_path, monkeypatch):
    tampered = tmp_path / "minilm_static_v1.npy"
    np.save(tampered, np.zeros((4, 384), dtype=np.float16))
    monkeypatch.setattr(static_encoder, "SHIPPED_TABLE", tampered)
    with pytest.raises(ResourcingError, match="pinned fingerprint.*build_static_table.py"):
        StaticEncoder(tampered).encode(["due diligence"])


class _FakeTokenizer:
    vocab_size = 700

    def convert_ids_to_tokens(self, ids):
        return ["[PAD]", "the", "##ing"] + [f"word{i}" for i in ids[3:]]


class _FakeModel:
    """Stands in for MiniLM: the build's bookkeeping is under test here, not the transformer."""

    tokenizer = _FakeTokenizer()

    def encode(self, words, **options):
        vectors = np.ones((len(words), 384), dtype=np.float32)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def test_whether_a_missing_table_is_built_once_with_progress_and_an_info_line(tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(static_encoder, "load_sentence_model", lambda threads: _FakeModel())
    seen = []
    target = tmp_path / "cache" / "table.npy"
    with caplog.at_level(logging.INFO, logger="nlp_pipeline.classify.static_encoder"):
        build_table(target, progress=lambda done, total: seen.append((done, total)))
    table = np.load(target)
    assert table.shape == (700, 384) and table.dtype == np.float16
    assert seen[-1] == (700, 700) and len(seen) == 2  # one call per batch of 512
    assert not table[0].any()  # special tokens weigh nothing
    assert "building the static embedding table" in caplog.text and "built in" in caplog.text
    assert not list(target.parent.glob("*.tmp.npy"))


def test_whether_progress_off_a_terminal_is_a_line_every_fifth_of_the_way(caplog, monkeypatch):
    monkeypatch.setattr(static_encoder.sys.stderr, "isatty", lambda: False, raising=False)
    report = static_encoder._default_progress()
    with caplog.at_level(logging.INFO, logger="nlp_pipeline.classify.static_encoder"):
        for done in range(0, 1001, 50):
            report(done, 1000)
    assert caplog.text.count("tokens embedded") == 5
