"""What a view's HTML says: each shipped icon as its accessible name, decoration dropped."""

from __future__ import annotations

import re

_NAMED = re.compile(r'<svg class="smlab-icon[^"]*" role="img" aria-label="([^"]*)".*?</svg>')
_HIDDEN = re.compile(r'<svg class="smlab-icon[^"]*" aria-hidden="true".*?</svg> ?')


def shown(html: str) -> str:
    """Return ``html`` with named icons as ``[name]`` and decorative icons removed."""
    return _HIDDEN.sub("", _NAMED.sub(r"[\1]", html))
