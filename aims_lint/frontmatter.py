"""Split YAML front matter from a Markdown text and load it with line numbers.

We split by hand rather than with python-frontmatter: we need the exact line where the
block opens and closes, the "no closing ---" and "no opening ---" forms reported rather
than silently read as body, and YAML 1.2 (ruamel.yaml, so ``applicable: no`` stays the
string the author wrote) with the line and column of every key and value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from aims_lint.patterns import lazy

# A hostile document can nest thousands of levels; ruamel recurses once per level.
MAX_FRONT_MATTER_DEPTH = 100

_DELIMITER = lazy(r"^---[ \t]*$")
_CLOSER = lazy(r"^(---|\.\.\.)[ \t]*$")
_YAMLISH_LINE = lazy(r"^([A-Za-z_][\w.-]*[ \t]*:([ \t].*)?|[ \t]+\S.*|-[ \t].*|#.*|[ \t]*)$")
_TYPE_LINE = lazy(r"^(?:-[ \t]+)?type[ \t]*:[ \t]*['\"]?([A-Za-z0-9_. -]*[A-Za-z0-9_.-])")


@dataclass
class YamlProblem:
    line: int  # 1-based, in the file
    column: int
    message: str


@dataclass
class FrontMatter:
    """The front matter block of a file (lines are 1-based file lines)."""

    start_line: int  # the opening '---' (or the first YAML line when it has none)
    end_line: int  # the closing '---'; for an unclosed block, the last line read
    yaml_first_line: int  # file line of the first YAML line
    raw: str
    data: Any = None
    problems: list[YamlProblem] = field(default_factory=list)
    unclosed: bool = False
    no_opening: bool = False
    nodes: Any = field(default=None, repr=False)  # the YAML node tree: lines and columns
    # id of a mapping node -> {key text: (key node, value node)}, built on first lookup.
    key_index: dict = field(default_factory=dict, repr=False)

    @property
    def mapping(self) -> dict:
        """The data when it is a mapping, else an empty dict."""
        return self.data if isinstance(self.data, dict) else {}

    def recovered_type(self) -> str | None:
        """``type`` read from the raw lines, for a block whose YAML did not load."""
        for line in self.raw.splitlines():
            match = _TYPE_LINE.match(line)
            if match:
                return match.group(1)
        return None


def split(lines: list[str]) -> tuple[FrontMatter | None, int]:
    """Find the front matter in ``lines``; return it and the index of the first body line."""
    if not lines:
        return None, 0
    if _DELIMITER.match(lines[0]):
        for index in range(1, len(lines)):
            if _CLOSER.match(lines[index]):
                return FrontMatter(1, index + 1, 2, "\n".join(lines[1:index])), index + 1
        # No closing delimiter: report it, parse nothing as YAML, lint the rest as body.
        # The lines up to the first blank one are kept only to recover the ``type``.
        head = []
        for line in lines[1:]:
            if not line.strip():
                break
            head.append(line)
        block = FrontMatter(1, 1, 2, "\n".join(head), unclosed=True)
        block.problems.append(YamlProblem(1, 1, "front matter opened with '---' is never closed"))
        return block, 1
    # A YAML header closed by '---' but never opened (seen in strongdm/comply).
    if re.match(r"^[A-Za-z_][\w.-]*[ \t]*:[ \t]", lines[0]):
        for index in range(1, min(len(lines), 200)):
            if _DELIMITER.match(lines[index]):
                block = FrontMatter(1, index + 1, 1, "\n".join(lines[:index]), no_opening=True)
                block.problems.append(
                    YamlProblem(1, 1, "front matter has a closing '---' but no opening '---' on line 1")
                )
                return block, index + 1
            if not _YAMLISH_LINE.match(lines[index]):
                break
    return None, 0


_loader_instance: Any = None


def _loader():
    """The YAML loader, built on first use (keeps ruamel off start-up).

    ruamel's safe loader with its C parser where ruamel.yaml.clib is installed: YAML
    1.2 like the round-trip loader (``applicable: no`` stays text) but about five times
    faster, and it refuses tags that would construct objects. We compose the node tree
    first and construct the data from it, so the nodes, which know their lines and
    columns, serve as the position map without parsing twice.
    """
    global _loader_instance
    if _loader_instance is None:
        from ruamel.yaml import YAML
        from ruamel.yaml.constructor import SafeConstructor

        from aims_lint.dates import parse_date

        # An impossible date such as 2026-13-45 should be a finding at its line, not a
        # failure of the whole block: keep it as the string the author wrote.
        def construct_timestamp(constructor, node):
            return parse_date(node.value) or node.value

        class Constructor(SafeConstructor):
            pass

        Constructor.add_constructor("tag:yaml.org,2002:timestamp", construct_timestamp)
        loader = YAML(typ="safe", pure=False)
        loader.Constructor = Constructor
        loader.allow_duplicate_keys = False
        _loader_instance = loader
    return _loader_instance


def _nesting_depth(raw: str) -> int:
    depth = deepest = 0
    for char in raw:
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    indent = max((len(line) - len(line.lstrip(" ")) for line in raw.splitlines()), default=0)
    return max(deepest, indent // 2)


def load(block: FrontMatter) -> None:
    """Load the block's YAML into ``block.data``, or record where and why it failed."""
    if block.unclosed or not block.raw.strip():
        block.data = {} if not block.unclosed else None
        return
    if _nesting_depth(block.raw) > MAX_FRONT_MATTER_DEPTH:
        block.problems.append(
            YamlProblem(block.yaml_first_line, 1, f"front matter nests deeper than {MAX_FRONT_MATTER_DEPTH} levels")
        )
        return
    loader = _loader()
    try:
        block.nodes = loader.compose(block.raw)
        block.data = loader.constructor.construct_document(block.nodes) if block.nodes is not None else None
    except RecursionError:
        block.problems.append(YamlProblem(block.yaml_first_line, 1, "front matter nests too deeply to read"))
    except Exception as error:  # ruamel raises many error types; all mean "not valid YAML"
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = block.yaml_first_line + (mark.line if mark else 0)
        column = (mark.column + 1) if mark else 1
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        context = getattr(error, "context", None)
        message = f"{context}: {problem}" if context and "duplicate" not in str(problem) else str(problem)
        block.problems.append(YamlProblem(line, column, f"invalid YAML: {message}"))
    else:
        _check_mapping(block)
    finally:
        # A failed construction leaves the shared constructor mid-document: start clean.
        constructor = loader.constructor
        constructor.constructed_objects, constructor.recursive_objects = {}, {}
        constructor.state_generators, constructor.deep_construct = [], False


def _check_mapping(block: FrontMatter) -> None:
    if block.data is not None and not isinstance(block.data, dict):
        kind = "a list" if isinstance(block.data, list) else "a single value"
        block.problems.append(
            YamlProblem(block.yaml_first_line, 1, f"front matter is {kind}, not a mapping of keys to values")
        )


def _path_to(block: FrontMatter, container: Any) -> list | None:
    """Keys and indexes leading from the top of ``block.data`` to ``container``."""
    stack: list[tuple[Any, list]] = [(block.data, [])]
    seen: set[int] = set()
    while stack and len(seen) < 10_000:
        node, path = stack.pop()
        if node is container:
            return path
        if id(node) in seen:
            continue
        seen.add(id(node))
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, value in items:
            if isinstance(value, (dict, list)):
                stack.append((value, [*path, key]))
    return None


def _node_at(node: Any, path: list, block: FrontMatter) -> Any:
    """The YAML node reached from ``node`` by keys and indexes."""
    for step in path:
        node = _child(node, step, block)[1]
    return node


def _child(node: Any, step: Any, block: FrontMatter) -> tuple[Any, Any]:
    """(key node, value node) of a mapping entry, or (None, item node) of a sequence item.
    A mapping's keys are indexed once: a rule asking for the position of every value of
    a mapping of thousands of keys would otherwise scan it once per value."""
    if isinstance(step, int) and node.tag.endswith(":seq"):
        return None, node.value[step]
    index = block.key_index.get(id(node))
    if index is None:
        index = block.key_index[id(node)] = {}
        for key_node, value_node in node.value:
            index.setdefault(str(key_node.value), (key_node, value_node))  # the first of duplicates
    try:
        return index[str(step)]
    except KeyError:
        raise KeyError(step) from None


def _position(block: FrontMatter, node: Any) -> tuple[int, int]:
    return block.yaml_first_line + node.start_mark.line, node.start_mark.column + 1


def key_position(block: FrontMatter, key: str) -> tuple[int, int]:
    """File line and column (1-based) of a top-level key; the block start if unknown."""
    try:
        return _position(block, _child(block.nodes, key, block)[0])
    except (AttributeError, KeyError, TypeError, IndexError):
        return block.start_line, 1


def value_position(block: FrontMatter, key: str) -> tuple[int, int]:
    """File line and column (1-based) of a top-level key's value."""
    try:
        return _position(block, _child(block.nodes, key, block)[1])
    except (AttributeError, KeyError, TypeError, IndexError):
        return key_position(block, key)


def item_position(container: Any, key: Any, block: FrontMatter) -> tuple[int, int]:
    """File position of an item (by key or index) of a container inside ``block.data``."""
    path = _path_to(block, container)
    try:
        return _position(block, _child(_node_at(block.nodes, path, block), key, block)[1])
    except (AttributeError, KeyError, TypeError, IndexError):
        return block.start_line, 1
