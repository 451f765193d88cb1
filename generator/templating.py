"""One Jinja2 environment for every output. Content is passed in as data, never as template source,
so text like `{{ x }}` in YAML stays text. HTML escaping is on by default: Markdown passes
entities through, so a `<` in content shows as `<` and never becomes a tag."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import jinja2


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
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)
