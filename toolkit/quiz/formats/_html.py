"""Moodle's HTML text to the Markdown a bank holds: structure kept, scripts dropped.

Moodle stores most text as HTML (``<p>``, ``<strong>``, lists). A bank holds Markdown that
is rendered with raw HTML switched off, so HTML left in would show as tags. This converts
the common structure to Markdown, keeps the words of everything else, and drops what is not
text at all (``<script>``, ``<style>``). Nothing here runs or renders the HTML: the stdlib
parser only tokenises it, and the result is sanitised again when it is shown.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_DROP = frozenset({"script", "style", "head", "title", "template", "noscript", "iframe", "object"})
_BLOCK = frozenset(
    {"p", "div", "section", "article", "blockquote", "table", "tr", "h1", "h2", "h3", "h4"}
    | {"h5", "h6", "ul", "ol", "pre", "figure", "hr"}
)
_EMPHASIS = {"strong": "**", "b": "**", "em": "*", "i": "*", "code": "`", "del": "~~", "s": "~~"}
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>])")
_SPACES = re.compile(r"[ \t\r\n\f]+")


def escape_markdown(text: str) -> str:
    r"""Escape the characters Markdown would read as formatting.

    Examples
    --------
    >>> escape_markdown("2*3 = [six]")
    '2\\*3 = \\[six\\]'
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


class _ToMarkdown(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.dropping = 0
        self.pre = 0
        self.lists: list[list[int]] = []  # per open list: [is_ordered, counter]
        self.links: list[str | None] = []

    def _block(self) -> None:
        self.parts.append("\n\n")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROP:
            self.dropping += 1
            return
        if self.dropping:
            return
        attributes = dict(attrs)
        if tag in _BLOCK:
            self._block()
            if tag in {"ul", "ol"}:
                self.lists.append([tag == "ol", 0])
            elif tag.startswith("h") and len(tag) == 2:
                self.parts.append("#" * int(tag[1]) + " ")
            elif tag == "pre":
                self.pre += 1
                self.parts.append("```\n")
            elif tag == "blockquote":
                self.parts.append("> ")
            elif tag == "hr":
                self.parts.append("---\n\n")
        elif tag == "br":
            self.parts.append("\\\n")
        elif tag == "li":
            indent = "  " * max(len(self.lists) - 1, 0)
            if self.lists and self.lists[-1][0]:
                self.lists[-1][1] += 1
                self.parts.append(f"\n{indent}{self.lists[-1][1]}. ")
            else:
                self.parts.append(f"\n{indent}- ")
        elif tag in _EMPHASIS and not self.pre:
            self.parts.append(_EMPHASIS[tag])
        elif tag == "a":
            href = attributes.get("href")
            self.links.append(href if href and href.startswith(("http", "mailto:")) else None)
            self.parts.append("[" if self.links[-1] else "")
        elif tag == "img":
            alt = attributes.get("alt") or ""
            if alt:
                self.parts.append(escape_markdown(alt))
        elif tag in {"td", "th"}:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROP:
            self.dropping = max(self.dropping - 1, 0)
            return
        if self.dropping:
            return
        if tag in {"ul", "ol"} and self.lists:
            self.lists.pop()
        if tag == "pre" and self.pre:
            self.pre -= 1
            self.parts.append("\n```")
        if tag in _BLOCK:
            self._block()
        elif tag in _EMPHASIS and not self.pre:
            self.parts.append(_EMPHASIS[tag])
        elif tag == "a" and self.links:
            href = self.links.pop()
            if href:
                self.parts.append(f"]({href})")

    def handle_data(self, data: str) -> None:
        if self.dropping:
            return
        if self.pre:
            self.parts.append(data)
            return
        text = _SPACES.sub(" ", data)
        if self._at_line_start():
            text = text.lstrip(" ")
        if text:
            self.parts.append(escape_markdown(text))

    def _at_line_start(self) -> bool:
        for part in reversed(self.parts):
            if part:
                return part.endswith(("\n", "- ", ". ", "> ", "# ", " "))
        return True


def html_to_markdown(html: str) -> str:
    """Convert Moodle HTML to Markdown text.

    Parameters
    ----------
    html : str
        An HTML fragment from a Moodle file (trusted or not).

    Returns
    -------
    str
        Markdown: paragraphs, emphasis, lists, links and line breaks kept, every other tag
        reduced to its text, scripts and styles removed with their content.

    Examples
    --------
    >>> html_to_markdown('<p dir="ltr">Green <b>SLAs</b></p><script>alert(1)</script>')
    'Green **SLAs**'
    >>> html_to_markdown("<ul><li>one</li><li>two</li></ul>")
    '- one\\n- two'
    >>> html_to_markdown("1 &lt; 2 &amp; 3")
    '1 \\\\< 2 & 3'
    """
    parser = _ToMarkdown()
    parser.feed(html)
    parser.close()
    lines = [line.rstrip() for line in "".join(parser.parts).split("\n")]
    text = "\n".join(lines)
    text = re.sub(r"\\\n(?=[ ]*(\n|$))", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip().removesuffix("\\").rstrip()


class _ToText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.dropping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROP:
            self.dropping += 1
        elif tag in _BLOCK or tag in {"br", "li"}:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROP:
            self.dropping = max(0, self.dropping - 1)

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """The words of an HTML fragment as plain text (for answers compared as typed).

    Examples
    --------
    >>> html_to_text("<p>An <b>activity</b> &amp; more</p><script>x()</script>")
    'An activity & more'
    """
    parser = _ToText()
    parser.feed(html)
    parser.close()
    return _SPACES.sub(" ", "".join(parser.parts)).strip()
