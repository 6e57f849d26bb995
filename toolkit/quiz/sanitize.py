"""Markdown from a question bank to safe HTML: rendered with markdown-it-py, cleaned with nh3.

Two layers, so that no script from a bank ever runs:

1. markdown-it-py renders the Markdown with raw HTML switched off, so ``<script>`` or
   ``<img onerror=...>`` in a bank is shown as the text it is, and refuses ``javascript:``
   links.
2. nh3 (the Rust ``ammonia`` sanitiser) then keeps only an allowlist of tags and attributes
   and the ``http``, ``https`` and ``mailto`` link schemes, whatever step 1 let through.
"""

from __future__ import annotations

import html
from functools import lru_cache

import nh3
from markdown_it import MarkdownIt

#: Tags a rendered bank text may keep.
ALLOWED_TAGS: frozenset[str] = frozenset(
    {
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "code",
        "del",
        "em",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "kbd",
        "li",
        "ol",
        "p",
        "pre",
        "s",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "ul",
    }
)
#: Attributes kept per tag (every other attribute, ``on*`` handlers included, is dropped).
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "td": {"align"},
    "th": {"align"},
    "ol": {"start"},
}
#: Link schemes kept; ``javascript:``, ``data:`` and the rest are removed.
URL_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto"})


@lru_cache(maxsize=1)
def _renderer() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable(
        ["table", "strikethrough"]
    )


def clean_html(fragment: str) -> str:
    """Return ``fragment`` with everything outside the allowlist removed (nh3).

    Parameters
    ----------
    fragment : str
        An HTML fragment, trusted or not.

    Returns
    -------
    str
        The fragment with only ``ALLOWED_TAGS``, ``ALLOWED_ATTRIBUTES`` and ``URL_SCHEMES``
        left; ``<script>`` and ``<style>`` are removed with their content.

    Examples
    --------
    >>> clean_html('<a href="javascript:alert(1)" onclick="x()">hi</a><script>bad()</script>')
    '<a rel="noopener noreferrer">hi</a>'
    """
    return nh3.clean(
        fragment,
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style"},
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


@lru_cache(maxsize=4096)
def markdown_to_html(text: str, *, inline: bool = False) -> str:
    """Render bank Markdown to HTML that is safe to show in a notebook.

    Parameters
    ----------
    text : str
        Markdown from a bank (a prompt, an explanation, a hint) or built from one.
    inline : bool
        Render as inline text, without the surrounding ``<p>`` (for labels and short lines).

    Returns
    -------
    str
        Sanitised HTML: raw HTML in ``text`` is shown as text, and no tag, attribute or link
        scheme outside the allowlist survives.

    Examples
    --------
    >>> markdown_to_html("**Green** SLAs <script>alert(1)</script>")
    '<p><strong>Green</strong> SLAs &lt;script&gt;alert(1)&lt;/script&gt;</p>\\n'
    >>> markdown_to_html("[click](javascript:alert(1))")
    '<p>[click](javascript:alert(1))</p>\\n'
    """
    renderer = _renderer()
    rendered = renderer.renderInline(text) if inline else renderer.render(text)
    return clean_html(rendered)


def to_plain_text(text: str) -> str:
    """Return bank Markdown as plain text (for labels that show text, not HTML).

    Examples
    --------
    >>> to_plain_text("**1.68** (`1.01 ** 52`)")
    '1.68 (1.01 ** 52)'
    """
    stripped = nh3.clean(markdown_to_html(text, inline=True), tags=set())
    return html.unescape(stripped).strip()


def escape(text: str) -> str:
    """Escape plain text (a learner's typed answer, an error message) for HTML."""
    return html.escape(text, quote=True)
