"""HTML fragments from Jinja2 templates with autoescape (placeholder until the renderers' module lands)."""

from __future__ import annotations

from functools import lru_cache

import jinja2


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.PackageLoader("tradesite.site", "templates"), autoescape=True,
                              trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)


def render(name: str, **context) -> str:
    return environment().get_template(name).render(**context)
