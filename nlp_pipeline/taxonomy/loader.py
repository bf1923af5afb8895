"""Load and validate taxonomy files, with errors that point at the bad node."""

from __future__ import annotations

import difflib
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import ValidationError

from nlp_pipeline.errors import TaxonomyError, UsageError
from nlp_pipeline.taxonomy.schema import Category, Milestone, Taxonomy

DEFAULT_TAXONOMY = Path(__file__).resolve().parents[2] / "taxonomies" / "roadmap.yaml"
# The roadmap's file is 82 KB of 2,562 YAML nodes; a taxonomy sixty times
# larger is a mistake or an attack (a 50 MB file once took 6 GB to load).
MAX_BYTES = 5 * 1024 * 1024
MAX_NODES = 100_000


# libyaml's parser when PyYAML was built with it: the roadmap parses in a
# tenth of the time, which `check` pays on every start.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_SafeLoader):  # type: ignore[misc, valid-type]
    """SafeLoader that refuses a key given twice in one mapping, which plain YAML silently merges."""

    def construct_mapping(self, node, deep=False):
        seen: dict[object, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if isinstance(key, (str, int, float, bool)) and key in seen:
                raise _DuplicateKey(key, seen[key], key_node.start_mark.line + 1)
            if isinstance(key, (str, int, float, bool)):
                seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)


class _DuplicateKey(Exception):
    def __init__(self, key: object, first: int, again: int):
        super().__init__(f"key {key!r} given twice (lines {first} and {again}); YAML would keep only the last")


def load_taxonomy(path: str | Path | None = None) -> Taxonomy:
    path = (Path(path) if path else DEFAULT_TAXONOMY).resolve()
    if not path.is_file():
        raise TaxonomyError(path, ["file not found" if not path.exists() else "is a folder, not a YAML file"])
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise TaxonomyError(path, [f"{size:,} bytes, more than a taxonomy may have ({MAX_BYTES:,})"])
    # The modification time is part of the cache key so an edited file is
    # re-read within the same session instead of serving the stale version.
    return _load(path, path.stat().st_mtime_ns)


@lru_cache(maxsize=8)
def _load(path: Path, mtime_ns: int) -> Taxonomy:
    try:
        text = path.read_text(encoding="utf-8")
        loader = _StrictLoader(text)
        try:
            # Composed once: the node count is checked before anything is built from the nodes.
            root = loader.get_single_node()
            _check_node_count(path, root)
            raw = loader.construct_document(root) if root is not None else None
        finally:
            loader.dispose()
    except _DuplicateKey as exc:
        raise TaxonomyError(path, [str(exc)]) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise TaxonomyError(path, [f"not valid YAML{where}: {getattr(exc, 'problem', exc)}"]) from exc
    except UnicodeDecodeError as exc:
        raise TaxonomyError(path, ["not UTF-8 text"]) from exc
    if not isinstance(raw, dict):
        raise TaxonomyError(path, ["top level must be a mapping with meta, strength_scale, actors, targets"])
    try:
        return Taxonomy.model_validate(raw)
    except ValidationError as exc:
        raise TaxonomyError(path, [line for error in exc.errors() for line in _describe(error, raw)]) from exc


def _check_node_count(path: Path, root: yaml.Node | None) -> None:
    """Count nodes as loading would build them, aliases expanded, stopping at the limit."""
    count = 0
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        count += 1
        if count > MAX_NODES:
            raise TaxonomyError(path, [f"more than {MAX_NODES:,} YAML nodes (aliases counted expanded); "
                                       "a taxonomy is far smaller"])
        if isinstance(node, yaml.MappingNode):
            stack.extend(item for pair in node.value for item in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


def _describe(error: dict, raw: dict) -> list[str]:
    """Turn a pydantic error location into a path a person can follow."""
    parts: list[str] = []
    node = raw
    for step in error["loc"]:
        if isinstance(step, int) and isinstance(node, list) and step < len(node):
            node = node[step]
            # Name list items by their id (or strength code) rather than position:
            # "categories[HR.GAP.SANCTIONS]" is findable in the file, "[3]" is not.
            label = (node.get("id") or node.get("code")) if isinstance(node, dict) else None
            parts[-1] = f"{parts[-1]}[{label if label is not None else step}]" if parts else f"[{step}]"
        else:
            parts.append(str(step))
            node = node.get(step, {}) if isinstance(node, dict) else {}
    message = error["msg"].removeprefix("Value error, ")
    if not parts:
        # Whole-taxonomy rules already prefix each problem with its node path.
        return message.splitlines()
    return [f"{'.'.join(parts)}: {line}" for line in message.splitlines()]


def categories(taxonomy: Taxonomy) -> list[Category]:
    return [category for target in taxonomy.targets for category in target.categories]


def category_index(taxonomy: Taxonomy) -> dict[str, Category]:
    return {category.id: category for category in categories(taxonomy)}


def target_of(taxonomy: Taxonomy) -> dict[str, str]:
    return {c.id: t.id for t in taxonomy.targets for c in t.categories}


def milestones(taxonomy: Taxonomy) -> list[tuple[Category, Milestone]]:
    return [(category, m) for category in categories(taxonomy) for m in category.milestones]


def find_node(taxonomy: Taxonomy, node_id: str) -> tuple[Category, Milestone | None]:
    """The category (milestone None) or the milestone with its category that `node_id` names, in any case.

    An unknown id raises UsageError naming the closest ids ("did you mean ...").
    """
    wanted = node_id.strip().upper()
    for category in categories(taxonomy):
        if category.id.upper() == wanted:
            return category, None
    for category, milestone in milestones(taxonomy):
        if milestone.id.upper() == wanted:
            return category, milestone
    known = [c.id for c in categories(taxonomy)] + [m.id for _, m in milestones(taxonomy)]
    close = difflib.get_close_matches(wanted, known, n=3, cutoff=0.6)
    # A bare last segment ("sanctions") is how people remember an id.
    close += [k for k in known if k.split(".")[-1] == wanted and k not in close]
    hint = f"; did you mean {' or '.join(close[:3])}?" if close else "; `resourcing taxonomy show` lists them"
    raise UsageError(f"no category or milestone '{node_id}' in {taxonomy.meta.id}{hint}")
