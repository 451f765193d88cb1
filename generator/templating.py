"""Jinja2 for every output. Content is passed in as data, never as template source, so text like
`{{ x }}` in YAML stays text. HTML escaping is on by default: Markdown passes entities through, so
a `<` in content shows as `<` and never becomes a tag.

Each output gets its own `renderer` with its own filters on top of the shared base, so one
output's helpers never change what another's templates mean (and Jinja's built-ins stay built-in).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Callable

import jinja2

from .wording import format_condition, format_source


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["t"] = lambda text, lang: text.get(lang) if text is not None else ""
    # Words of ours around content that every output says alike (generator/wording.py).
    env.filters["source"] = format_source
    env.filters["condition"] = format_condition
    return env


def renderer(filters: dict[str, Callable] | None = None, globals: dict[str, Any] | None = None) -> Callable[..., str]:
    """A `render(template, **context)` whose templates also see these filters and globals."""
    base = environment()
    env = base.overlay()
    # An overlay shares its parent's dicts; copies keep these names out of every other output.
    env.filters = {**base.filters, **(filters or {})}
    env.globals = {**base.globals, **(globals or {})}

    def render(template: str, **context: Any) -> str:
        return env.get_template(template).render(**context)

    return render


render = renderer()
