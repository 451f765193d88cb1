"""Binding loaded YAML to the models, with pydantic's errors mapped back to lines and reworded."""

from __future__ import annotations

import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..loader import LoadedFile, PathKey
from ..characters import find_refused, visible
from ..problems import Report, shown, suggest
from .common import SLUG_PATTERN, SOURCE_PATTERN
from .procedure import Procedure

M = TypeVar("M", bound=BaseModel)


def bind(loaded: LoadedFile, model: type[M], report: Report) -> M | None:
    """Validate one file's data against `model`; report every error at its line and column."""
    try:
        return model.model_validate(loaded.data)
    except ValidationError as err:
        for path, message in explain(err, loaded.data, model):
            report.error(loaded.rel, loaded.positions.at(path), f"{format_path(path)}: {message}")
        return None


def explain(err: ValidationError, data: Any, model: type[BaseModel]) -> list[tuple[PathKey, str]]:
    """pydantic's errors for `data` as (path in the data, message for a person), one per path."""
    seen: set[PathKey] = set()
    details = err.errors(include_url=False)
    explained = []
    for detail in details:
        path = _data_path(data, detail["loc"], detail["type"] == "missing")
        if path in seen or _explained_by_typo(detail, path, details, data, model):
            continue
        seen.add(path)
        explained.append((path, visible(_reword(detail, model, path))))  # messages may quote the input
    return explained


def _explained_by_typo(detail: dict, path: PathKey, details: list[dict], data: Any, model: type[BaseModel]) -> bool:
    """A missing key whose misspelling is reported as unknown ('titel' for 'title') needs no message of its own."""
    if detail["type"] != "missing":
        return False
    for other in details:
        if other["type"] != "extra_forbidden":
            continue
        other_path = _data_path(data, other["loc"], False)
        if other_path[:-1] == path[:-1] and suggest(str(other_path[-1]), _fields_at(model, path[:-1])) == f" (did you mean '{path[-1]}'?)":
            return True
    return False


def format_path(path: PathKey) -> str:
    """('steps', 2, 'text') → 'steps[2].text'; the root is '(top level)'."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def _data_path(data: Any, loc: tuple, missing: bool) -> PathKey:
    """The part of pydantic's location that exists in the data (it adds union branch names).

    For a missing key the last part is kept too: the message names it.
    """
    path: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            continue
        path.append(part)
    if missing and loc and (not path or path[-1] != loc[-1]):
        path.append(loc[-1])
    return tuple(path)


def _fields_at(model: type[BaseModel], path: PathKey) -> list[str]:
    """The keys allowed in the mapping at `path`, for 'did you mean'."""
    annotation: Any = model
    for part in path:
        annotation = _unwrap(annotation, want_list=isinstance(part, int))
        if isinstance(part, int):
            continue
        if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
            return []
        field = annotation.model_fields.get(part)
        if field is None:
            return []
        annotation = field.annotation
    annotation = _unwrap(annotation, want_list=False)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return list(annotation.model_fields)
    return []


def _literal_choices(model: type[BaseModel], path: PathKey) -> tuple:
    """The allowed values of the key at `path` when it is a Literal (so the message can list them)."""
    parent = model
    for part in path[:-1]:
        parent = _unwrap(parent, want_list=isinstance(part, int))
        if isinstance(part, int):
            continue
        if not (isinstance(parent, type) and issubclass(parent, BaseModel)) or part not in parent.model_fields:
            return ()
        parent = parent.model_fields[part].annotation
    parent = _unwrap(parent, want_list=False)
    if not (isinstance(parent, type) and issubclass(parent, BaseModel)) or path[-1] not in parent.model_fields:
        return ()
    annotation = parent.model_fields[path[-1]].annotation
    return typing.get_args(annotation) if typing.get_origin(annotation) is typing.Literal else ()


def _unwrap(annotation: Any, want_list: bool) -> Any:
    """Strip Optional/Annotated; step into list[...] when indexing."""
    while True:
        origin = typing.get_origin(annotation)
        args = typing.get_args(annotation)
        if origin is typing.Annotated:
            annotation = args[0]
        elif origin in (typing.Union, types.UnionType):
            models = [a for a in args if a is not type(None)]
            annotation = next((a for a in models if typing.get_origin(a) is list), models[0]) if want_list else models[0]
        elif origin is list and want_list:
            return args[0]
        else:
            return annotation


_TYPE_NAMES = {
    "string_type": "text", "int_type": "a whole number", "int_parsing": "a whole number",
    "float_type": "a number", "bool_type": "true or false", "list_type": "a list (items starting with '- ')",
    "dict_type": "a mapping (key: value lines)", "model_type": "a mapping (key: value lines)",
    "model_attributes_type": "a mapping (key: value lines)",
    "date_type": "a date as YYYY-MM-DD", "date_from_datetime_parsing": "a date as YYYY-MM-DD",
    "date_parsing": "a date as YYYY-MM-DD",
}


def _reword(detail: dict, model: type[BaseModel], path: PathKey) -> str:
    kind, ctx, value = detail["type"], detail.get("ctx", {}), detail.get("input")
    if kind == "missing":
        if not path:
            return "missing required key"
        choices = _literal_choices(model, path)
        return f"missing required key '{path[-1]}'" + (f" (one of {', '.join(repr(c) for c in choices)})" if choices else "")
    if kind == "extra_forbidden":
        key = str(path[-1])
        allowed = _fields_at(model, path[:-1])
        hint = suggest(key, allowed) or (f"; allowed keys: {', '.join(allowed)}" if allowed else "")
        if " " in key:  # the usual cause: an unquoted comma inside {zh: ..., en: ...}
            hint += "; a comma inside {...} starts a new key, so put text with commas in quotes"
        return f"unknown key {shown(key)}{hint}"
    if kind == "string_pattern_mismatch":
        if ctx.get("pattern") == SLUG_PATTERN:
            return f"{shown(value)} is not a valid id: use lowercase letters, digits and single hyphens, e.g. 'door-knocking'"
        if ctx.get("pattern") == SOURCE_PATTERN:
            return f"{shown(value)} is not a source section: start with the part marker ⑴ to ⑺, e.g. '⑶ 三.2'"
        return f"{shown(value)} does not have the expected form ({ctx.get('pattern')})"
    if kind == "literal_error":
        return f"{shown(value)} is not one of {ctx.get('expected')}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "too_short":
        return f"needs at least {ctx.get('min_length')} item(s)"
    if kind == "too_long":
        # a procedure too long to print (see procedure.MAX_ITEMS) is several procedures
        hint = "; split it into several procedures" if model is Procedure and len(path) == 1 else ""
        return f"has {ctx.get('actual_length')} items, more than the {ctx.get('max_length')} allowed{hint}"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        return detail["msg"].replace("Input should be", "must be")
    if kind in _TYPE_NAMES:
        return f"expected {_TYPE_NAMES[kind]}, got {_describe(value)}"
    if kind == "string_unicode" and isinstance(value, str) and find_refused(value):
        return find_refused(value)  # a lone surrogate, which pydantic refuses before our own check can
    if kind in ("value_error", "assertion_error"):
        return detail["msg"].removeprefix("Value error, ").removeprefix("Assertion failed, ")
    return detail["msg"]


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return shown(value)
