"""Parse exported HTML and list every reference that would make a browser fetch something."""

from __future__ import annotations

import re
from html.parser import HTMLParser

#: Attributes that make a browser load a resource (anchors are navigation, not a load).
LOADING_ATTRIBUTES = {"src", "href", "data", "poster", "srcset", "action", "formaction"}
CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])\s*([^'")\s]+)""", re.IGNORECASE)
REMOTE = re.compile(r"^\s*(?:https?:)?//", re.IGNORECASE)
#: Hosts nbconvert's default templates load from.
CDN_HOSTS = ("unpkg.com", "cdnjs.cloudflare.com", "cdn.jsdelivr.net", "fonts.googleapis.com")


class References(HTMLParser):
    """Collects, from a page: loaded URLs (tag, attribute, value) and inline scripts/styles."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.loads: list[tuple[str, str, str]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.styles: list[str] = []
        self.anchors: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self._open: str | None = None
        self._attrs: dict[str, str | None] = {}
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.tags.append((tag, values))
        for name, value in attrs:
            if value is None:
                continue
            if tag == "a" and name == "href":
                self.anchors.append(value)
            elif name in LOADING_ATTRIBUTES:
                self.loads.append((tag, name, value))
            elif name == "style":
                self.styles.append(value)
        if tag in {"script", "style"}:
            self._open, self._attrs, self._text = tag, values, []

    def handle_data(self, data: str) -> None:
        if self._open:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == self._open:
            text = "".join(self._text)
            if tag == "script":
                self.scripts.append((self._attrs, text))
            else:
                self.styles.append(text)
            self._open = None


def references(page: str) -> References:
    """Parse ``page`` and return its references."""
    parser = References()
    parser.feed(page)
    parser.close()
    return parser


def remote_loads(page: str) -> list[str]:
    """Every reference in ``page`` that would load something from the network.

    Tags' loading attributes (``src``, ``href`` on ``link``, ...), ``url(...)`` and
    ``@import`` in styles, and ES module imports in scripts: any that is ``http(s)://`` or
    protocol-relative. Anchors (``<a href>``) are navigation a person chooses, not a load.
    """
    found = references(page)
    remote = [f"<{tag} {name}={value}>" for tag, name, value in found.loads if REMOTE.match(value)]
    for style in found.styles:
        remote += [url for url in CSS_URL.findall(style) if REMOTE.match(url)]
    for attrs, text in found.scripts:
        if attrs.get("type") in {
            "application/json",
            "application/vnd.jupyter.widget-state+json",
            "application/vnd.jupyter.widget-view+json",
        }:
            continue
        remote += re.findall(r"""import\s*\(?\s*['"]((?:https?:)?//[^'"]+)""", text)
        remote += re.findall(r"""\bsrc\s*=\s*['"]((?:https?:)?//[^'"]+)""", text)
    return remote
