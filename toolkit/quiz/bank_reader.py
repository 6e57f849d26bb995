"""Reading one bank's YAML: safe loading that keeps lines, and errors turned into problems.

:class:`BankReader` parses a bank with PyYAML's safe loader (libyaml's when available),
refusing tags that would build Python objects, remembering the line every mapping and list
starts on, and turns YAML and validation errors into ``Problem``s with their line and
question id. :mod:`toolkit.quiz.loader` drives it.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Iterator
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from toolkit.quiz.model import (
    QUESTION_CLASSES,
    QUESTION_TYPES,
    RULES_ERROR,
    Bank,
    Loc,
    Problem,
    QuestionBase,
)
from toolkit.safety.terminal import control_characters

__all__ = ["BANK_LEVEL", "BankReader", "kind_of"]

#: libyaml's parser when PyYAML was built with it (much faster), else the pure-Python one.
_SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_MERGE = "tag:yaml.org,2002:merge"
#: Tags already resolved for plain scalars; a bank repeats many (ids, true, easy...).
_TAGS: dict[tuple[str, tuple[bool, bool]], str] = {}


class _BankLoader(_SAFE_LOADER):  # type: ignore[valid-type,misc]
    """The safe loader, with the scalar-tag resolution cached (the slowest step in Python)."""

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode and implicit is not None:
            key = (value, tuple(implicit))
            tag = _TAGS.get(key)
            if tag is None:
                tag = str(super().resolve(kind, value, implicit))
                if len(_TAGS) < 100_000:
                    _TAGS[key] = tag
            return tag
        return str(super().resolve(kind, value, implicit))

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        """No path resolvers are registered, so there is nothing to track."""

    def ascend_resolver(self) -> None:
        """No path resolvers are registered, so there is nothing to track."""


BANK_LEVEL = "(bank)"
#: How to name one entry of each list in a message.
_ENTRY_LABELS = {
    "questions": "question",
    "options": "option",
    "items": "item",
    "pairs": "pair",
    "distractors": "distractor",
    "hints": "hint",
    "tags": "tag",
    "accepted": "accepted answer",
    "partial": "partial answer",
    "alternatives": "alternative",
    "prompts": "prompt",
}
_MAX_SHOWN = 60


def kind_of(value: Any) -> str:
    return {
        "list": "a list",
        "str": "text",
        "int": "a number",
        "float": "a number",
        "bool": "true/false",
    }.get(type(value).__name__, type(value).__name__)


def _shown(value: Any) -> str:
    """Repr of a value from a bank, cut short (it is only there to be recognised)."""
    text = repr(value)
    return text if len(text) <= _MAX_SHOWN else text[: _MAX_SHOWN - 3] + "..."


class BankReader:
    """Parses one bank's YAML, remembering lines, and turns errors into ``Problem``s.

    The YAML is composed into nodes (which carry their lines) and the Python data built from
    them in one pass; the line of a location is looked up in the nodes only when a problem
    needs it.
    """

    def __init__(self, file: str, *, refuse_controls: bool = False) -> None:
        self.file = file
        self.refuse_controls = refuse_controls
        self.problems: list[Problem] = []
        self._known: set[Problem] = set()
        self.raw: dict[str, Any] = {}
        self.root: yaml.Node | None = None
        self._seen: set[int] = set()
        self._path: list[str | int] = []
        self._duplicate_keys: list[tuple[int, Loc, str]] = []
        self._controls: list[tuple[int, Loc, list[str]]] = []
        self._loader: Any = None
        self._refused = False

    # -- problems ---------------------------------------------------------------------

    def add(self, line: int, question_id: str, message: str) -> None:
        problem = Problem(self.file, line, question_id, message)
        if problem not in self._known:  # a set: checking the list made n problems O(n**2)
            self._known.add(problem)
            self.problems.append(problem)

    def sorted(self) -> list[Problem]:
        return sorted(self.problems, key=lambda p: p.line)

    def line(self, loc: Loc) -> int:
        """The line of ``loc``, or of its nearest enclosing mapping or list.

        A mapping's value is placed at its key's line (so a problem with ``options`` points
        at ``options:``), a list entry at its own first line.
        """
        node = self.root
        if node is None:
            return 1
        line = int(node.start_mark.line) + 1
        for part in loc:
            if isinstance(node, yaml.MappingNode):
                found = None
                for key_node, value_node in node.value:
                    if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(part):
                        found = (key_node, value_node)
                if found is None:
                    break
                line = int(found[0].start_mark.line) + 1
                node = found[1]
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if not 0 <= part < len(node.value):
                    break
                node = node.value[part]
                line = int(node.start_mark.line) + 1
            else:
                break
        return line

    def question_id(self, loc: Loc) -> str:
        if len(loc) >= 2 and loc[0] == "questions" and isinstance(loc[1], int):
            questions = self.raw.get("questions")
            if isinstance(questions, list) and loc[1] < len(questions):
                entry = questions[loc[1]]
                if isinstance(entry, dict) and isinstance(entry.get("id"), str | int):
                    return str(entry["id"])
            return f"question {loc[1] + 1}"
        return BANK_LEVEL

    # -- YAML -------------------------------------------------------------------------

    def read(self, source: str | bytes) -> Any:
        """Parse ``source`` safely; return the data, or ``None`` after recording why not."""
        loader = _BankLoader(source)
        self._loader = loader
        try:
            node = loader.get_single_node()
            if node is None:
                self.add(1, BANK_LEVEL, "the file is empty")
                return None
            self.root = node
            data = self._build(node, int(node.start_mark.line) + 1)
            if isinstance(data, dict):
                self.raw = data
            for line, loc, key in self._duplicate_keys:
                message = f"duplicate key {key!r} (YAML would keep only the last)"
                self.add(line, self.question_id(loc), message)
            for line, loc, names in self._controls:
                field = _field_name(loc)
                self.add(
                    line,
                    self.question_id(loc),
                    f"{field} holds control characters ({', '.join(names)}) that could "
                    "retitle, recolour or clear a terminal: remove them",
                )
            if self._controls:
                return None
            if self._refused:
                return None
            return data
        except yaml.reader.ReaderError as exc:
            before = source[: exc.position] if isinstance(exc.position, int) else source[:0]
            line = (before.count(b"\n") if isinstance(before, bytes) else before.count("\n")) + 1
            self.add(line, BANK_LEVEL, f"not UTF-8 text ({exc.reason})")
            return None
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark is not None else 1
            self.add(line, BANK_LEVEL, _yaml_message(exc))
            return None
        except yaml.YAMLError as exc:
            self.add(1, BANK_LEVEL, f"not valid YAML: {exc}")
            return None
        except RecursionError:
            self.add(1, BANK_LEVEL, "the YAML is nested too deeply to be a question bank")
            return None
        finally:
            self._loader = None
            loader.dispose()

    def _build(self, node: yaml.Node, where: int) -> Any:
        """The Python value of ``node``; ``where`` is the line that refers to it."""
        if isinstance(node, yaml.ScalarNode):
            if node.tag == _STR:
                names = control_characters(node.value) if self.refuse_controls else None
                if names:
                    self._controls.append((int(node.start_mark.line) + 1, tuple(self._path), names))
                return node.value
            return self._loader.construct_object(node)
        if id(node) in self._seen:
            # An alias of a mapping or list is refused: nested aliases can make a small file
            # expand to billions of entries, and a cycle never ends.
            self._refused = True
            self.add(
                where,
                BANK_LEVEL,
                "a YAML alias (*name) of a mapping or list: write it out "
                "(aliases of text are fine)",
            )
            return None
        self._seen.add(id(node))
        path = self._path
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                return self._loader.construct_object(node, deep=True)
            items = []
            for position, item in enumerate(node.value):
                path.append(position)
                items.append(self._build(item, int(item.start_mark.line) + 1))
                path.pop()
            return items
        if node.tag != _MAP:
            return self._loader.construct_object(node, deep=True)
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            line = int(key_node.start_mark.line) + 1
            if not isinstance(key_node, yaml.ScalarNode):
                self.add(line, BANK_LEVEL, "a key must be plain text")
                continue
            if key_node.tag == _MERGE:
                self.add(line, BANK_LEVEL, "merge keys (<<) are not allowed: write the keys out")
                continue
            key = (
                key_node.value if key_node.tag == _STR else self._loader.construct_object(key_node)
            )
            if key in mapping:
                self._duplicate_keys.append((line, tuple(path), str(key)))
            path.append(key_node.value)
            mapping[key] = self._build(value_node, line)
            path.pop()
        return mapping

    # -- pydantic errors --------------------------------------------------------------

    def explain(self, exc: ValidationError, data: dict[str, Any]) -> None:
        """Turn every validation error into a problem at its line."""
        self.raw = data
        errors = exc.errors(include_url=False)
        inner = {tuple(error["loc"])[:end] for error in errors for end in range(len(error["loc"]))}
        for error in errors:
            loc = self._strip_tag(tuple(error["loc"]))
            if error["type"] == "too_short" and tuple(error["loc"]) in inner:
                continue  # the list's entries failed; their own problems say why
            if error["type"] == RULES_ERROR:
                for sub, message in error["ctx"]["problems"]:
                    full = (*loc, *sub)
                    self.add(self.line(full), self.question_id(full), message)
                continue
            at = (*loc, "type") if error["type"] == "union_tag_invalid" else loc
            self.add(self.line(at), self.question_id(loc), self._message(error, loc))
        if not any(error["type"] == RULES_ERROR and not error["loc"] for error in exc.errors()):
            self._duplicate_question_ids()

    def _strip_tag(self, loc: Loc) -> Loc:
        """Drop the union tag pydantic puts after ``questions, i`` (the question's type)."""
        if len(loc) >= 3 and loc[0] == "questions" and loc[2] in QUESTION_TYPES:
            return (*loc[:2], *loc[3:])
        return loc

    def _duplicate_question_ids(self) -> None:
        questions = self.raw.get("questions")
        if not isinstance(questions, list):
            return
        seen: set[str] = set()
        for position, entry in enumerate(questions):
            if not isinstance(entry, dict) or not isinstance(entry.get("id"), str | int):
                continue
            identifier = str(entry["id"])
            if identifier in seen:
                loc: Loc = ("questions", position, "id")
                self.add(self.line(loc), identifier, f"duplicate question id {identifier!r}")
            seen.add(identifier)

    def _message(self, error: Any, loc: Loc) -> str:
        kind: str = error["type"]
        ctx: dict[str, Any] = error.get("ctx") or {}
        value = error.get("input")
        keys = [part for part in loc if isinstance(part, str)]
        key = keys[-1] if keys else "bank"
        where = self._where(loc)
        if key == "range" and loc[-1] != "range":
            if kind in {"float_parsing", "float_type", "finite_number"}:
                return f"range must hold two numbers [min, max], got {_shown(value)}"
            return f"range must be two numbers [min, max], got {_shown(self._raw_at(loc[:-1]))}"
        if len(loc) >= 2 and isinstance(loc[-1], int) and loc[-2] in _ENTRY_LABELS:
            # An entry of a list: "hint 2 is empty", "option 3 must be a mapping".
            key = f"{_ENTRY_LABELS[str(loc[-2])]} {loc[-1] + 1}"
            where = ""
            if loc == ("questions", loc[-1]):
                key = f"question {loc[-1] + 1}"
        if kind == "union_tag_invalid":
            return (
                f"unknown question type {_shown(ctx.get('tag'))}; "
                f"use one of: {', '.join(QUESTION_TYPES)}"
            )
        if kind == "union_tag_not_found":
            return f"missing key 'type' (one of: {', '.join(QUESTION_TYPES)})"
        if kind == "missing":
            if key == "explanation" and where:
                return f"{where} has no explanation (say why it is right, or tempting and wrong)"
            return f"{where + ': ' if where else ''}missing required key {key!r}"
        if kind == "extra_forbidden":
            return self._unknown_key(loc, key, where)
        if kind in {"float_parsing", "float_type", "int_parsing", "int_type"}:
            return f"{key} must be a number, got {_shown(value)}"
        if kind == "finite_number":
            return f"{key} must be a finite number, got {_shown(value)}"
        if kind in {"bool_parsing", "bool_type"}:
            return f"{key} must be true or false, got {_shown(value)}"
        if kind == "string_type":
            quote = ""
            if isinstance(value, bool):
                quote = " (put it in quotes: YAML reads a bare yes/no/on/off as true/false)"
            elif isinstance(value, int | float):
                quote = " (put it in quotes: YAML reads a bare 1.68 as a number)"
            return f"{where + ': ' if where else ''}{key} must be text, got {_shown(value)}{quote}"
        if kind == "string_too_short":
            return f"{where + ': ' if where else ''}{key} is empty"
        if kind == "string_too_long":
            return f"{key} is too long (at most {ctx.get('max_length')} characters)"
        if kind == "string_pattern_mismatch":
            if key == "source":
                return f"source must look like 'lesson:02' or 'seed:003', got {_shown(value)}"
            return f"{key} {_shown(value)} may use only letters, digits, '-' and '_'"
        if kind == "literal_error":
            if key == "time_limit":
                return (
                    "time_limit must be one of 5, 10, 20, 30, 60, 90, 120 or 240 seconds, "
                    f"got {_shown(value)}"
                )
            return f"{key} must be {ctx.get('expected')}, got {_shown(value)}"
        if kind == "too_short":
            return self._too_short(key, ctx, value)
        if kind == "too_long" and key == "range":
            return f"range must be [min, max], got {_shown(value)}"
        if kind in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}:
            bound = _bound(kind, ctx)
            return f"{where + ': ' if where else ''}{key} {bound}, got {_shown(value)}"
        if kind in {"model_type", "model_attributes_type", "dict_type"}:
            return f"{where or key} must be a mapping (key: value), got {kind_of(value)}"
        if kind in {"tuple_type", "list_type"}:
            return f"{key} must be a list, got {_shown(value)}"
        if kind == "value_error":
            return str(error["msg"]).removeprefix("Value error, ")
        return f"{key}: {error['msg']}"

    def _too_short(self, key: str, ctx: dict[str, Any], value: Any) -> str:
        if key == "accepted":
            return "the 'accepted' list is empty: give at least one accepted answer"
        if key == "questions":
            return "the bank has no questions"
        if key == "range":
            return f"range must be [min, max], got {_shown(value)}"
        least = ctx.get("min_length")
        return f"{key} needs at least {least} entries, has {ctx.get('actual_length')}"

    def _where(self, loc: Loc) -> str:
        """Name the option/item/pair a location is inside, by its id."""
        if (
            len(loc) >= 5
            and loc[0] == "questions"
            and loc[2] in _ENTRY_LABELS
            and isinstance(loc[3], int)
        ):
            entry = self._raw_at(loc[:4])
            label = _ENTRY_LABELS[str(loc[2])]
            if isinstance(entry, dict) and isinstance(entry.get("id"), str | int):
                return f"{label} {str(entry['id'])!r}"
            return f"{label} {loc[3] + 1}"
        return ""

    def _raw_at(self, loc: Loc) -> Any:
        value: Any = self.raw
        for part in loc:
            try:
                value = value[part]
            except (KeyError, IndexError, TypeError):
                return None
        return value

    def _unknown_key(self, loc: Loc, key: str, where: str) -> str:
        model = _model_at(loc[:-1], self.raw)
        prefix = f"{where}: " if where else ""
        if model is None:
            return f"{prefix}unknown key {key!r}"
        allowed = _allowed_keys(model)
        hint = ""
        if key == "correct" and "credit" in allowed:
            hint = " (scenario options use 'credit' from 0 to 1)"
        elif key == "explanation" and "explanation_true" in allowed:
            hint = " (true_false uses 'explanation_true' and 'explanation_false')"
        return f"{prefix}unknown key {key!r}{hint}; allowed: {', '.join(allowed)}"


def _field_name(loc: Loc) -> str:
    """Name a text's place inside its question: ``option 2 text``, ``prompt``, ``title``."""
    parts = loc[2:] if len(loc) >= 2 and loc[0] == "questions" else loc
    words: list[str] = []
    for position, part in enumerate(parts):
        if isinstance(part, int):
            continue
        following = parts[position + 1] if position + 1 < len(parts) else None
        if isinstance(following, int) and part in _ENTRY_LABELS:
            words.append(f"{_ENTRY_LABELS[part]} {following + 1}")
        else:
            words.append(str(part))
    return " ".join(words) or "a text"


def _bound(kind: str, ctx: dict[str, Any]) -> str:
    words = {
        "greater_than_equal": ("must be at least", "ge"),
        "less_than_equal": ("must be at most", "le"),
        "greater_than": ("must be more than", "gt"),
        "less_than": ("must be less than", "lt"),
    }
    text, name = words[kind]
    return f"{text} {ctx.get(name)}"


def _allowed_keys(model: type[BaseModel]) -> list[str]:
    keys = [info.alias or name for name, info in model.model_fields.items() if not info.exclude]
    if "type" in keys:  # a question's id and type come first, as in FORMAT.md
        keys.remove("type")
        keys.insert(1, "type")
    return keys


def _element_model(annotation: Any) -> type[BaseModel] | None:
    """The model inside ``tuple[Model, ...]`` or ``Model | None``."""
    for candidate in _flatten(annotation):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def _flatten(annotation: Any) -> Iterator[Any]:
    yield annotation
    for argument in typing.get_args(annotation):
        yield from _flatten(argument)


def _model_at(loc: Loc, raw: dict[str, Any]) -> type[BaseModel] | None:
    """The model class that validates the mapping at ``loc`` (tag already removed)."""
    model: type[BaseModel] | None = Bank
    position = 0
    while position < len(loc) and model is not None:
        part = loc[position]
        if model is Bank and part == "questions" and position + 1 < len(loc):
            entry = raw.get("questions")
            index = loc[position + 1]
            kind = None
            if isinstance(entry, list) and isinstance(index, int) and index < len(entry):
                item = entry[index]
                kind = item.get("type") if isinstance(item, dict) else None
            question: type[QuestionBase] | None = QUESTION_CLASSES.get(str(kind))
            model = question
            position += 2
            continue
        if isinstance(part, int):
            position += 1
            continue
        info = model.model_fields.get(str(part))
        model = _element_model(info.annotation) if info is not None else None
        position += 1
    return model


def _yaml_message(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or str(exc)
    if isinstance(exc, yaml.constructor.ConstructorError) and "tag" in problem:
        found = re.search(r"'([^']+)'", problem)
        tag = found.group(1).replace("tag:yaml.org,2002:", "!!") if found else "?"
        return (
            f"YAML tag {tag} refused: a bank is plain data, so tags that build objects "
            "are not allowed"
        )
    context = f" {exc.context}" if exc.context else ""
    return f"not valid YAML: {problem}{context}"
