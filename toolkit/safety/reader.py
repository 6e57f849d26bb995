"""The one input boundary: every file the product reads is checked here before it is parsed.

``read_bytes(path, kind=...)`` checks that the path is a regular file (not a folder, a FIFO
or a device, which could block a reader for ever) and that its size is within the limit of
its kind; ``read_text`` also decodes it. Text is UTF-8, with or without a byte order mark;
UTF-16 *with* a byte order mark (what Excel and Notepad save as "Unicode") is decoded too,
since it is unambiguous; anything else (UTF-16 without a mark, Latin-1, a binary file, NUL
bytes) is refused with the line and the fix. ``check_yaml_depth`` and ``MAX_DEPTH`` bound the
nesting of a document before a recursive parser sees it (a YAML file nested 40,000 levels
deep crashes PyYAML's C composer with a segmentation fault). ``read_json`` and ``read_toml``
read a JSON or TOML file whole: checked as ``read_text`` does, its nesting bounded, then
parsed, a syntax error named by line and column.

Every refusal is an ``InputError`` (a ``ValueError``) whose message names the file, the line
and column where known, and what to do about it.
"""

from __future__ import annotations

import json
import os
import re
import stat
import tomllib
from pathlib import Path
from typing import Any, Literal

import yaml

Kind = Literal["bank", "gift", "xml", "xlsx", "csv", "dataset", "config", "export", "store"]

#: The most bytes a file of each kind may have. A bank of 20,000 questions is about 4 MB;
#: the shipped datasets are a few MB and a generated one may be much larger.
LIMITS: dict[str, int] = {
    "bank": 20_000_000,
    "gift": 20_000_000,
    "xml": 20_000_000,
    "xlsx": 20_000_000,
    "csv": 20_000_000,
    "dataset": 2_000_000_000,
    "config": 1_000_000,
    "export": 200_000_000,
    "store": 2_000_000_000,
}
#: The deepest nesting of mappings and lists (YAML) or elements (XML) a file may have. A
#: question bank needs about 6 levels; 100 leaves room for anything a person writes.
MAX_DEPTH = 100


class InputError(ValueError):
    """A file that cannot be read safely: the message names the file, the line and the fix.

    Attributes
    ----------
    file : str
        The file, as the user named it.
    line, column : int or None
        Where the problem is, when known (1-based).
    reason : str
        What is wrong.
    fix : str
        What to do about it ("" when there is nothing to add).
    """

    def __init__(
        self,
        file: str | Path,
        reason: str,
        *,
        line: int | None = None,
        column: int | None = None,
        fix: str = "",
    ) -> None:
        self.file = str(file)
        self.line = line
        self.column = column
        self.reason = reason
        self.fix = fix
        where = self.file
        if line is not None:
            where += f":{line}"
            if column is not None:
                where += f":{column}"
        super().__init__(f"{where}: {reason}{': ' + fix if fix else ''}")

    @property
    def text(self) -> str:
        """The reason and the fix, without the file and line (for ``file:line: message``)."""
        return f"{self.reason}{': ' + self.fix if self.fix else ''}"


class MissingInputError(InputError, FileNotFoundError):
    """There is no file at the path (also a ``FileNotFoundError``, as callers expect)."""


def _kind_of(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def check_file(path: str | Path, *, kind: Kind, max_bytes: int | None = None) -> int:
    """Check that ``path`` is a regular file within the size limit; return its size.

    Parameters
    ----------
    path : str or pathlib.Path
        The file.
    kind : str
        What it should be (a key of ``LIMITS``): sets the size limit.
    max_bytes : int, optional
        A limit other than ``LIMITS[kind]``.

    Returns
    -------
    int
        The file's size in bytes.

    Raises
    ------
    MissingInputError
        If there is no such file.
    InputError
        If it is a folder, a FIFO, a device or a socket, or too big.
    """
    limit = LIMITS[kind] if max_bytes is None else max_bytes
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise MissingInputError(path, "no such file", fix="check the name and the folder") from None
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror})") from None
    if not stat.S_ISREG(info.st_mode):
        raise InputError(path, f"is {_kind_of(info.st_mode)}, not a file", fix="name a file")
    if info.st_size > limit:
        raise InputError(
            path,
            f"the file is {info.st_size:,} bytes; a {kind} file is at most {limit:,}",
            fix="split it, or check it is the file you meant",
        )
    return info.st_size


def read_bytes(path: str | Path, *, kind: Kind, max_bytes: int | None = None) -> bytes:
    """Read a regular file's bytes, within the size limit of its kind.

    Parameters
    ----------
    path : str or pathlib.Path
        The file.
    kind : str
        A key of ``LIMITS`` (``"bank"``, ``"xlsx"``, ``"csv"``...).
    max_bytes : int, optional
        A limit other than ``LIMITS[kind]``.

    Returns
    -------
    bytes
        The file's content.

    Raises
    ------
    MissingInputError
        If there is no such file.
    InputError
        If the path is not a regular file, or is too big.

    Examples
    --------
    >>> read_bytes("/no/such/bank.yaml", kind="bank")
    Traceback (most recent call last):
    ...
    toolkit.safety.reader.MissingInputError: /no/such/bank.yaml: no such file: ...
    """
    limit = LIMITS[kind] if max_bytes is None else max_bytes
    check_file(path, kind=kind, max_bytes=limit)
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror})") from None
    if len(data) > limit:  # it grew since it was checked
        raise InputError(path, f"the file is over {limit:,} bytes, the limit of a {kind} file")
    return data


def decode_text(data: bytes, file: str | Path) -> str:
    """Decode a file's bytes: UTF-8 (a byte order mark is dropped) or UTF-16 with a mark.

    Parameters
    ----------
    data : bytes
        The file's content.
    file : str or pathlib.Path
        The name messages give.

    Returns
    -------
    str
        The text, without a byte order mark.

    Raises
    ------
    InputError
        For bytes that are not UTF-8, UTF-16 without a byte order mark, or NUL bytes (a
        binary file), naming the line and column.

    Examples
    --------
    >>> decode_text(b"\\xef\\xbb\\xbfid: a", "bank.yaml")
    'id: a'
    >>> decode_text("id: a".encode("utf-16"), "bank.yaml")
    'id: a'
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(
                file, f"not valid UTF-16 text ({exc.reason})", fix="save the file as UTF-8"
            ) from None
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            column = exc.start - data.rfind(b"\n", 0, exc.start)
            raise InputError(
                file,
                f"not UTF-8 text (byte 0x{data[exc.start]:02x})",
                line=line,
                column=column,
                fix="save the file as UTF-8",
            ) from None
    position = text.find("\x00")
    if position >= 0:
        line = text.count("\n", 0, position) + 1
        column = position - text.rfind("\n", 0, position)
        raise InputError(
            file,
            "holds NUL bytes: a binary file, or UTF-16 text without a byte order mark",
            line=line,
            column=column,
            fix="save it as UTF-8 text",
        )
    return text


def read_text(path: str | Path, *, kind: Kind, max_bytes: int | None = None) -> str:
    """Read and decode a text file, checked as ``read_bytes`` and ``decode_text`` do.

    Parameters
    ----------
    path : str or pathlib.Path
        The file.
    kind : str
        A key of ``LIMITS``.
    max_bytes : int, optional
        A limit other than ``LIMITS[kind]``.

    Returns
    -------
    str
        The text (a byte order mark removed).

    Raises
    ------
    MissingInputError
        If there is no such file.
    InputError
        If it is not a regular file, too big, or not UTF-8 (or UTF-16 with a mark).
    """
    return decode_text(read_bytes(path, kind=kind, max_bytes=max_bytes), path)


def _rough_yaml_depth(text: str, max_depth: int) -> int:
    """An upper bound of a YAML document's nesting, found in one cheap pass.

    Flow brackets count wherever they are (quoted or not, so it only over-counts), and
    block nesting is bounded by a line's indentation plus its ``- ``, ``? `` and ``: ``
    indicators (so by its length: only lines longer than ``max_depth`` are looked at).
    """
    deepest = 0
    if text.count("[") + text.count("{") > max_depth:
        depth = 0
        for character in text:
            if character in "[{":
                depth += 1
                deepest = max(deepest, depth)
            elif character in "]}":
                depth = max(depth - 1, 0)
    block = 0
    for line in text.splitlines():
        if len(line) <= max_depth:
            continue
        stripped = line.lstrip(" ")
        indicators = stripped.count("- ") + stripped.count("? ") + stripped.count(": ")
        block = max(block, len(line) - len(stripped) + indicators)
    return deepest + block


def check_yaml_depth(text: str | bytes, file: str | Path, *, max_depth: int = MAX_DEPTH) -> None:
    """Refuse YAML nested deeper than ``max_depth`` mappings and lists, before composing it.

    PyYAML builds documents recursively, and its C composer crashes the interpreter
    (segmentation fault) on a file like ``a: [[[[...]]]]`` 40,000 levels deep. A cheap scan
    bounds the depth first; only a file that might be too deep is walked event by event
    (libyaml's event parser keeps its own stack, so it is safe on any depth).

    Parameters
    ----------
    text : str or bytes
        The YAML.
    file : str or pathlib.Path
        The name the error gives.
    max_depth : int, default MAX_DEPTH
        The deepest nesting allowed.

    Raises
    ------
    InputError
        Naming the line where the nesting passes ``max_depth``.

    Examples
    --------
    >>> check_yaml_depth("a: " + "[" * 500 + "]" * 500, "deep.yaml")
    Traceback (most recent call last):
    ...
    toolkit.safety.reader.InputError: deep.yaml:1:103: nested more than 100 levels deep: ...
    """
    rough = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    if _rough_yaml_depth(rough, max_depth) <= max_depth:
        return
    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    depth = 0
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > max_depth:
                    mark = event.start_mark
                    raise InputError(
                        file,
                        f"nested more than {max_depth} levels deep",
                        line=mark.line + 1 if mark is not None else None,
                        column=mark.column + 1 if mark is not None else None,
                        fix="a question bank needs about 6 levels; this is not one",
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return  # the parser proper reports the syntax error with its line


def _bracket_depth(text: str, *, quotes: str) -> tuple[int, int]:
    """The deepest ``[``/``{`` nesting outside quoted strings, and where it is first reached.

    Returns ``(depth, offset)``. Quotes are the characters that open and close a string
    (``"`` for JSON; ``"'`` for TOML), a backslash escapes the next character inside one.
    """
    depth = deepest = 0
    where = 0
    quote = ""
    escaped = False
    for offset, character in enumerate(text):
        if quote:
            if escaped:
                escaped = False
            elif character == "\\" and quote == '"':
                escaped = True
            elif character == quote:
                quote = ""
        elif character in quotes:
            quote = character
        elif character in "[{":
            depth += 1
            if depth > deepest:
                deepest, where = depth, offset
        elif character in "]}":
            depth = max(depth - 1, 0)
    return deepest, where


def check_bracket_depth(
    text: str, file: str | Path, *, quotes: str = '"', max_depth: int = MAX_DEPTH
) -> None:
    """Refuse JSON or TOML nested deeper than ``max_depth`` arrays and tables.

    Python's JSON and TOML parsers recurse, so a file such as ``[[[[...]]]]`` 100,000
    levels deep would end in a ``RecursionError``; this scan bounds it first.

    Parameters
    ----------
    text : str
        The document.
    file : str or pathlib.Path
        The name the error gives.
    quotes : str, default '"'
        The characters that quote strings (``"'`` for TOML).
    max_depth : int, default MAX_DEPTH
        The deepest nesting allowed.

    Raises
    ------
    InputError
        Naming the line and column where the nesting passes ``max_depth``.

    Examples
    --------
    >>> check_bracket_depth("[" * 101 + "]" * 101, "deep.json")
    Traceback (most recent call last):
    ...
    toolkit.safety.reader.InputError: deep.json:1:101: nested more than 100 levels deep: ...
    """
    if text.count("[") + text.count("{") <= max_depth:
        return
    deepest, offset = _bracket_depth(text, quotes=quotes)
    if deepest <= max_depth:
        return
    # Where the nesting passed the limit: walk again to the first bracket past it.
    depth = 0
    quote = ""
    escaped = False
    for position, character in enumerate(text[: offset + 1]):
        if quote:
            if escaped:
                escaped = False
            elif character == "\\" and quote == '"':
                escaped = True
            elif character == quote:
                quote = ""
        elif character in quotes:
            quote = character
        elif character in "[{":
            depth += 1
            if depth > max_depth:
                offset = position
                break
        elif character in "]}":
            depth = max(depth - 1, 0)
    line = text.count("\n", 0, offset) + 1
    column = offset - text.rfind("\n", 0, offset)
    raise InputError(
        file,
        f"nested more than {max_depth} levels deep",
        line=line,
        column=column,
        fix="a settings file needs a few levels; this is not one",
    )


def read_json(path: str | Path, *, kind: Kind = "config", max_bytes: int | None = None) -> Any:
    """Read a JSON file through the boundary: checked, its nesting bounded, then parsed.

    Parameters
    ----------
    path : str or pathlib.Path
        The file.
    kind : str, default "config"
        A key of ``LIMITS``: sets the size limit.
    max_bytes : int, optional
        A limit other than ``LIMITS[kind]``.

    Returns
    -------
    object
        The parsed document.

    Raises
    ------
    MissingInputError
        If there is no such file.
    InputError
        If it is not a regular file, too big, not UTF-8, nested too deep, or not valid JSON
        (naming the line and column).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> broken = pathlib.Path(tempfile.mkdtemp()) / "b.json"
    >>> _ = broken.write_text('{"kind": "x",')
    >>> read_json(broken)
    Traceback (most recent call last):
    ...
    toolkit.safety.reader.InputError: ...b.json:1:14: not valid JSON (...
    """
    text = read_text(path, kind=kind, max_bytes=max_bytes)
    check_bracket_depth(text, path)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            path,
            f"not valid JSON ({exc.msg})",
            line=exc.lineno,
            column=exc.colno,
            fix="the file may be cut short or edited by hand; save it again",
        ) from None
    except RecursionError:  # pragma: no cover - bounded by check_bracket_depth
        raise InputError(path, "nested too deep to read") from None


_TOML_WHERE = re.compile(r"\(at line (\d+), column (\d+)\)")


def read_toml(
    path: str | Path, *, kind: Kind = "config", max_bytes: int | None = None
) -> dict[str, Any]:
    """Read a TOML file through the boundary: checked, its nesting bounded, then parsed.

    Parameters
    ----------
    path : str or pathlib.Path
        The file.
    kind : str, default "config"
        A key of ``LIMITS``: sets the size limit.
    max_bytes : int, optional
        A limit other than ``LIMITS[kind]``.

    Returns
    -------
    dict
        The parsed document.

    Raises
    ------
    MissingInputError
        If there is no such file.
    InputError
        If it is not a regular file, too big, not UTF-8, nested too deep, or not valid TOML
        (naming the line and column).
    """
    text = read_text(path, kind=kind, max_bytes=max_bytes)
    check_bracket_depth(text, path, quotes="\"'")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        found = _TOML_WHERE.search(message)
        reason = _TOML_WHERE.sub("", message).replace("(at end of document)", "").strip()
        line = int(found.group(1)) if found else None
        if found is None and "at end of document" in message:  # cut short: the last line
            line = text.count("\n", 0, len(text.rstrip("\n"))) + 1
        raise InputError(
            path,
            f"not valid TOML ({reason})",
            line=line,
            column=int(found.group(2)) if found else None,
            fix="see https://toml.io for the syntax",
        ) from None
    except RecursionError:  # pragma: no cover - bounded by check_bracket_depth
        raise InputError(path, "nested too deep to read") from None


__all__ = [
    "LIMITS",
    "MAX_DEPTH",
    "InputError",
    "Kind",
    "MissingInputError",
    "check_bracket_depth",
    "check_file",
    "check_yaml_depth",
    "decode_text",
    "read_bytes",
    "read_json",
    "read_text",
    "read_toml",
]
