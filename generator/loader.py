"""Safe YAML loading that keeps the line and column of every key and item.

We compose the node tree with PyYAML's safe composer and build plain Python values ourselves,
because the stock constructors silently keep the last of two duplicate keys, expand alias
bombs without limit, and forget where each value came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Report

try:  # libyaml is several times faster; fall back to pure Python where it is not built in.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 1_000_000  # the largest real content file is a few dozen KB
MAX_NODES = 200_000  # a billion-laughs document expands to far more than this
_BOMS = {b"\xff\xfe\x00\x00": "UTF-32", b"\x00\x00\xfe\xff": "UTF-32", b"\xff\xfe": "UTF-16", b"\xfe\xff": "UTF-16"}
_STANDARD_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")}

Pos = tuple[int, int]
PathKey = tuple[str | int, ...]


@dataclass
class Positions:
    """Where each value of a file sits: data path (keys and list indexes) → (line, column), 1-based."""

    by_path: dict[PathKey, Pos] = field(default_factory=dict)

    def at(self, path: PathKey) -> Pos:
        """The position of `path`, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path not in self.by_path and path:
            path = path[:-1]
        return self.by_path.get(path, (1, 1))


@dataclass
class LoadedFile:
    path: Path
    rel: str  # path relative to the content root, for messages
    data: Any
    positions: Positions
    first_line: str


class _Builder:
    """Turns a composed node tree into dicts, lists and scalars, reporting what it must refuse."""

    def __init__(self, rel: str, report: Report):
        self.rel, self.report = rel, report
        self.positions = Positions()
        self.nodes = 0
        self.active: set[int] = set()  # nodes being built, to catch recursive aliases
        self.scalars = yaml.constructor.SafeConstructor()
        self.ok = True

    def fail(self, node: yaml.Node, message: str) -> None:
        self.ok = False
        self.report.error(self.rel, _pos(node), message)

    def build(self, node: yaml.Node, path: PathKey, pos: Pos) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            if self.nodes == MAX_NODES + 1:
                self.fail(node, f"document expands to more than {MAX_NODES} values; remove the aliases (*name) that repeat large parts")
            return None
        self.positions.by_path.setdefault(path, pos)
        if node.tag not in _STANDARD_TAGS:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            self.fail(node, f"tag '{tag}' is not allowed; content is plain YAML (text, numbers, lists, mappings)")
            return None
        if id(node) in self.active:
            self.fail(node, "an alias refers to a value that contains it; remove the recursive alias")
            return None
        self.active.add(id(node))
        try:
            if isinstance(node, yaml.MappingNode):
                return self.build_mapping(node, path)
            if isinstance(node, yaml.SequenceNode):
                return [self.build(item, (*path, i), _pos(item)) for i, item in enumerate(node.value)]
            return self.build_scalar(node)
        finally:
            self.active.discard(id(node))

    def build_mapping(self, node: yaml.MappingNode, path: PathKey) -> dict[str, Any]:
        result: dict[str, Any] = {}
        seen: dict[str, Pos] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.fail(key_node, "merge keys (<<) are not supported; write the keys out")
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.fail(key_node, "a key must be plain text")
                continue
            key = str(key_node.value)
            if key in seen:
                line, col = seen[key]
                self.fail(key_node, f"duplicate key '{key}' (first at line {line}, column {col}); YAML keeps only one, so merge them")
                continue
            seen[key] = _pos(key_node)
            result[key] = self.build(value_node, (*path, key), _pos(key_node))
        return result

    def build_scalar(self, node: yaml.ScalarNode) -> Any:
        tag = node.tag
        if tag == "tag:yaml.org,2002:bool" and node.value.lower() not in ("true", "false"):
            return node.value  # YAML 1.1 reads yes/no/on/off as booleans; in text they are words
        if tag in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"):
            return node.value  # dates stay text; the model parses and checks them
        try:
            return self.scalars.construct_object(node)
        except (ValueError, yaml.constructor.ConstructorError) as err:
            self.fail(node, f"cannot read value '{node.value}': {err}")
            return None


def _pos(node: yaml.Node) -> Pos:
    return node.start_mark.line + 1, node.start_mark.column + 1


def decode_text(raw: bytes) -> str:
    """UTF-8 with or without BOM; anything else raises ValueError with a hint."""
    for bom, name in _BOMS.items():
        if raw.startswith(bom):
            raise ValueError(f"file is {name}; save it as UTF-8")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        hint = ""
        try:
            raw.decode("gb18030")
            hint = " (it looks like GBK/GB18030)"
        except UnicodeDecodeError:
            pass
        raise ValueError(f"file is not valid UTF-8{hint} at byte {err.start}; save it as UTF-8") from None


def load_yaml(path: Path, rel: str, report: Report) -> LoadedFile | None:
    """Read one YAML file; on any problem, report it and return None."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        report.error(rel, (1, 1), f"file is {size} bytes, more than the {MAX_BYTES} allowed; split it")
        return None
    try:
        text = decode_text(path.read_bytes())
    except ValueError as err:
        report.error(rel, (1, 1), str(err))
        return None
    text = text.replace("\r\n", "\n")
    try:
        nodes = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        where = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        report.error(rel, where, f"YAML syntax: {err.problem or err.context}")
        return None
    except yaml.YAMLError as err:  # e.g. control characters the reader refuses
        report.error(rel, (1, 1), f"YAML syntax: {err}")
        return None
    except RecursionError:
        report.error(rel, (1, 1), "values are nested too deeply; flatten the file")
        return None
    if len(nodes) != 1:
        report.error(rel, (1, 1), "file is empty" if not nodes else "file holds more than one YAML document; keep one")
        return None
    builder = _Builder(rel, report)
    try:
        data = builder.build(nodes[0], (), _pos(nodes[0]))
    except RecursionError:
        report.error(rel, (1, 1), "values are nested too deeply; flatten the file")
        return None
    if not builder.ok:
        return None
    if not isinstance(data, dict):
        report.error(rel, _pos(nodes[0]), "the top level must be a mapping of keys to values")
        return None
    return LoadedFile(path, rel, data, builder.positions, text.split("\n", 1)[0])
