"""Taxonomy files that YAML would accept but the analysis must not: duplicate keys, huge files, alias bombs."""

import pytest

from conftest import PROJECT_ROOT
from nlp_pipeline.errors import TaxonomyError
from nlp_pipeline.taxonomy import load_taxonomy
from nlp_pipeline.taxonomy import loader


def test_whether_a_key_given_twice_is_refused_with_both_lines(tmp_path):
    text = (PROJECT_ROOT / "taxonomies" / "roadmap.yaml").read_text()
    twice = text.replace("meta:\n", "meta:\n  id: first\n", 1)
    path = tmp_path / "twice.yaml"
    path.write_text(twice)
    with pytest.raises(TaxonomyError, match=r"key .id. given twice \(lines \d+ and \d+\)"):
        load_taxonomy(path)


def test_whether_a_file_over_the_size_limit_is_refused_before_it_is_parsed(tmp_path, monkeypatch):
    path = tmp_path / "big.yaml"
    path.write_text("meta: {}\n" + "# padding\n" * 1000)
    monkeypatch.setattr(loader, "MAX_BYTES", 1000)
    with pytest.raises(TaxonomyError, match="more than a taxonomy may have"):
        load_taxonomy(path)


def test_whether_an_alias_bomb_is_refused_by_its_expanded_node_count(tmp_path):
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for level in "bcdefgh":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [*{previous}, *{previous}, *{previous}, *{previous}, *{previous}, "
                     f"*{previous}, *{previous}, *{previous}, *{previous}, *{previous}]")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(TaxonomyError, match="YAML nodes"):
        load_taxonomy(path)


def test_whether_a_folder_given_as_taxonomy_is_named_as_such(tmp_path):
    with pytest.raises(TaxonomyError, match="is a folder"):
        load_taxonomy(tmp_path)
