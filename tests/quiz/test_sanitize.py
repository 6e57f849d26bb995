"""Bank text is rendered from Markdown and sanitised: no script from a bank ever survives."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from toolkit.quiz.sanitize import clean_html, escape, markdown_to_html, to_plain_text

ATTACKS = [
    "<script>alert('x')</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    "<svg onload=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](  javascript:alert(1))",
    "<javascript:alert(1)>",
    "![x](javascript:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<iframe src="https://evil.example"></iframe>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<body onload=alert(1)>",
    '<a href="#" onclick="alert(1)">x</a>',
    "**bold** <b onmouseover=alert(1)>x</b>",
    "`<script>` in code is fine",
    "```\n<script>alert(1)</script>\n```",
]

FORBIDDEN_TAGS = {"script", "iframe", "svg", "body", "img", "style", "object", "embed", "div"}


class _Elements(HTMLParser):
    """Collects the real elements and attributes a browser would build from some HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))


def dangers(html: str) -> list[str]:
    """What in ``html`` could run script: a forbidden tag, an ``on*`` handler, a script URL."""
    parser = _Elements()
    parser.feed(html)
    parser.close()
    problems = []
    for tag, attrs in parser.found:
        if tag in FORBIDDEN_TAGS:
            problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                problems.append(f"{tag} {name}=")
            url = (value or "").strip().lower()
            scheme = url.split(":", 1)[0] if ":" in url.split("/", 1)[0] else ""
            if name in {"href", "src"} and scheme not in {"", "http", "https", "mailto"}:
                problems.append(f"{tag} {name}={value}")
    return problems


def test_the_detector_detects() -> None:
    assert dangers('<img src="data:x" onerror="alert(1)"><a href=" JavaScript:x">y</a>') == [
        "<img>",
        "img src=data:x",
        "img onerror=",
        "a href= JavaScript:x",
    ]


@pytest.mark.parametrize("attack", ATTACKS)
def test_no_attack_survives_rendering(attack: str) -> None:
    assert dangers(markdown_to_html(attack)) == []
    assert dangers(markdown_to_html(attack, inline=True)) == []


@pytest.mark.parametrize("attack", ATTACKS)
def test_no_attack_survives_cleaning_raw_html(attack: str) -> None:
    assert dangers(clean_html(attack)) == []


def test_raw_html_in_a_bank_is_shown_as_text() -> None:
    assert markdown_to_html("<script>alert(1)</script>") == (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"
    )


def test_clean_html_drops_script_content_and_handlers() -> None:
    assert clean_html("<p onclick='x()'>hi<script>bad()</script></p>") == "<p>hi</p>"
    assert clean_html('<a href="javascript:alert(1)">x</a>') == (
        '<a rel="noopener noreferrer">x</a>'
    )


def test_markdown_still_works() -> None:
    html = markdown_to_html(
        "**Green** SLAs, *red* users: see [the report](https://example.org/r) and `1.01 ** 52`."
    )
    assert "<strong>Green</strong>" in html
    assert "<em>red</em>" in html
    assert '<a href="https://example.org/r" rel="noopener noreferrer">the report</a>' in html
    assert "<code>1.01 ** 52</code>" in html
    table = markdown_to_html("| a | b |\n|---|---|\n| 1 | 2 |")
    assert "<table>" in table
    assert "<td>1</td>" in table
    assert markdown_to_html("- one\n- two").count("<li>") == 2


def test_inline_rendering_has_no_paragraph() -> None:
    assert markdown_to_html("**x**", inline=True) == "<strong>x</strong>"


def test_mailto_links_are_kept() -> None:
    assert 'href="mailto:help@example.org"' in markdown_to_html("[mail](mailto:help@example.org)")


def test_plain_text_for_labels() -> None:
    assert to_plain_text("**1.68** (`1.01 ** 52`)") == "1.68 (1.01 ** 52)"
    assert to_plain_text("<script>alert(1)</script>Hi") == "<script>alert(1)</script>Hi"
    assert to_plain_text("Q&A <b>") == "Q&A <b>"


def test_escape() -> None:
    assert escape('<b onclick="x">&') == "&lt;b onclick=&quot;x&quot;&gt;&amp;"
