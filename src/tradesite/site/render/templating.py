"""HTML fragments from Jinja2 templates (``site/render/templates/``), every value escaped.

One :class:`jinja2.Environment` with autoescape on: a value printed with ``{{ … }}`` is
escaped unless it is already :class:`markupsafe.Markup` (a fragment rendered by another
template here). Data text never reaches HTML through an f-string.

Escaping is ``html.escape`` minus the apostrophe: ``&``, ``<``, ``>`` and ``"`` become
entities, ``'`` stays as printed ("sheet '1'"). That is safe because every attribute in the
templates is double-quoted (tests/site/test_templating.py checks), and it keeps the pages
byte for byte what the f-string renderers wrote (golden pages, ``&quot;`` in ``data-spec``).
"""

from __future__ import annotations

import functools

import jinja2
from markupsafe import Markup

_ENTITIES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


def escape(value) -> Markup:
    """Text as HTML text or a double-quoted attribute value; Markup passes unchanged."""
    if hasattr(value, "__html__"):
        return Markup(value.__html__())
    return Markup(str(value).translate(_ENTITIES))


def _finalize(value):
    # Runs on every {{ … }} result before autoescape; returning Markup makes our escape
    # the one applied (autoescape leaves Markup alone). None prints as nothing, not "None".
    return Markup("") if value is None else escape(value)


@functools.cache
def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("tradesite.site.render", "templates"),
        autoescape=True,
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,  # a misspelt variable fails the build, never prints ""
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


def render(name: str, **context) -> str:
    """Render template ``name`` (e.g. ``"table.html.j2"``) with ``context``; returns HTML text."""
    return environment().get_template(name).render(**context)
