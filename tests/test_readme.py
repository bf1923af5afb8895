"""The README shows what the tool prints: its examples are regenerated from a real run and compared here."""

from __future__ import annotations

import importlib.util

import pytest

from conftest import PROJECT_ROOT

_spec = importlib.util.spec_from_file_location("readme_examples", PROJECT_ROOT / "scripts" / "readme_examples.py")
readme_examples = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(readme_examples)

REGENERATE = "regenerate it with: python scripts/readme_examples.py"


@pytest.fixture(scope="module")
def fresh():
    return readme_examples.examples(readme_examples.demo_result())


@pytest.fixture(scope="module")
def shown():
    return readme_examples.readme_blocks(readme_examples.README.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["demo", "check"])
def test_whether_the_readme_example_is_what_the_command_prints(fresh, shown, name):
    assert name in shown, f"README.md has no <!-- example: {name} --> block"
    assert shown[name] == fresh[name], f"README.md's {name} example is out of date; {REGENERATE}"


def test_whether_the_demo_takes_the_acts_and_not_the_folder_readme(fresh):
    assert "README" not in fresh["demo"]
    assert fresh["demo"].count(".html (legislation") == 3
