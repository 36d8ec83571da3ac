"""YAML with line numbers, so every validation problem can point at its line.

Sources are written by people and sometimes pasted from elsewhere, so the loader accepts plain data
only: no anchors or aliases (a kilobyte of nested aliases expands to gigabytes), no explicit tags
(``!!int`` and friends crash PyYAML's constructors on odd values), no nesting deeper than
``MAX_DEPTH`` (Python's recursion limit), and no key given twice (the second would silently win).

Text is read by libyaml's parser when PyYAML has it (about three times faster on a 500-issue archive),
and composed and checked here in Python, either way. A document libyaml refuses, or one with
characters the two parsers read differently, is read by PyYAML's own parser, whose error messages and
lines are the ones editors see (and the tests check).
"""
from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent
from yaml.resolver import Resolver

MAX_DEPTH = 40


class _Refused(Exception):
    def __init__(self, mark, message: str):
        self.line = mark.line if mark is not None else 0
        super().__init__(message)


class _Checks:
    """The refusals of the module docstring, made while composing the parser's events into nodes."""
    _depth = 0
    _first_line = 1   # line of the file where the YAML text starts

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, AliasEvent) or event.anchor is not None:
            raise _Refused(event.start_mark, "anchors and aliases (&name, *name) are not allowed; "
                                             "expected every value written out in full")
        if getattr(event, "tag", None) is not None:
            raise _Refused(event.start_mark, f"explicit YAML tag '{event.tag}' is not allowed; expected a "
                                             "plain value (quote it if it should be text)")
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _Refused(event.start_mark, f"values nested more than {MAX_DEPTH} levels deep; expected "
                                             "the flat fields of a bulletin")
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def compose_mapping_node(self, anchor):
        node = super().compose_mapping_node(anchor)
        first: dict[str, int] = {}
        for key, _ in node.value:
            if isinstance(key, yaml.ScalarNode):
                if key.value in first:
                    raise _Refused(key.start_mark, f"key '{key.value}' appears twice (first on line "
                                                   f"{self._first_line + first[key.value]}); "
                                                   "expected each key once")
                first[key.value] = key.start_mark.line
        return node


class _Loader(_Checks, yaml.SafeLoader):
    """SafeLoader for plain data; timestamps stay strings (the schema parses dates and words its own errors)."""

    def __init__(self, stream, first_line: int = 1) -> None:
        super().__init__(stream)
        self._first_line = first_line


# YAML 1.1 reads 1:30 as 90 (base 60), 0x2 as 2, 010 as 8 and 1_000 as 1000, and << as a merge of
# another mapping: an issue number typed 1:30 was published as 第90期. Numbers are decimal here
# (anything else stays text, which the schema refuses where a number belongs), and << is a key.
_DECIMAL_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_DECIMAL_FLOAT = re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$|^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$")
_PLAIN = {"tag:yaml.org,2002:int": _DECIMAL_INT, "tag:yaml.org,2002:float": _DECIMAL_FLOAT}
_Loader.yaml_implicit_resolvers = {
    key: [(tag, _PLAIN.get(tag, rx)) for tag, rx in resolvers
          if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:merge")]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_FastLoader = None
if yaml.__with_libyaml__:
    from yaml._yaml import CParser

    class _FastLoader(_Checks, Composer, CParser, SafeConstructor, Resolver):
        """_Loader with libyaml's parser: its events are composed by PyYAML's Composer (Python), so
        the checks above see every one of them (libyaml's own composer would not call them)."""

        def __init__(self, stream, first_line: int = 1) -> None:
            CParser.__init__(self, stream)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)
            self._first_line = first_line

    _FastLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers


class YamlDoc:
    """Parsed data plus the node tree, mapping a path of keys/indexes to a 1-based line."""

    def __init__(self, data: Any, node: yaml.Node | None, first_line: int):
        self.data = data
        self.node = node
        self.first_line = first_line  # line of the file where this YAML text starts

    def line_of(self, loc: tuple = ()) -> int:
        node = self.node
        best = node.start_mark.line if node is not None else 0
        for key in loc:
            if isinstance(node, yaml.MappingNode):
                for k, v in node.value:
                    if k.value == str(key):
                        best = k.start_mark.line
                        node = v
                        break
                else:
                    break
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
                node = node.value[key]
                best = node.start_mark.line
            else:
                break
        return self.first_line + best


class YamlSyntaxError(Exception):
    def __init__(self, line: int, message: str):
        self.line, self.message = line, message
        super().__init__(message)


# Where libyaml reads differently (found by tests/test_yamlsrc.py): it skips every byte order mark,
# PyYAML only the first; it takes a tab after a value's colon as a space, PyYAML refuses it.
_PYYAML_ONLY = ("\ufeff", "\t")


def _load(loader_class, text: str, first_line: int) -> tuple[Any, yaml.Node | None]:
    loader = loader_class(text, first_line)
    try:   # one parse: the node tree gives the lines, constructing it gives the data
        node = loader.get_single_node()
        return (loader.construct_document(node) if node is not None else None), node
    finally:
        loader.dispose()


def _read(text: str, first_line: int) -> tuple[Any, yaml.Node | None]:
    """libyaml's reading where it reads as PyYAML does; PyYAML's otherwise, and for any text libyaml
    refuses, so that PyYAML's parser says why, as it always has."""
    if _FastLoader is not None and not any(c in text for c in _PYYAML_ONLY):
        try:
            return _load(_FastLoader, text, first_line)
        except yaml.YAMLError:
            pass
    return _load(_Loader, text, first_line)


def parse(text: str, first_line: int = 1) -> YamlDoc:
    """Parse YAML text that starts at ``first_line`` of its file."""
    try:
        data, node = _read(text, first_line)
    except _Refused as exc:
        raise YamlSyntaxError(first_line + exc.line, str(exc)) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.context_mark or exc.problem_mark  # where the broken construct starts
        line = first_line + (mark.line if mark else 0)
        what = " ".join(x for x in (exc.context, exc.problem) if x)
        raise YamlSyntaxError(line, f"YAML syntax error: {what}; expected valid YAML "
                                    "(check indentation, colons and quotes)") from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(first_line, f"YAML syntax error: {exc}; expected valid YAML") from None
    return YamlDoc(data, node, first_line)


def parse_reported(text: str, rel: str, errors, first_line: int = 1) -> YamlDoc | None:
    """Parse, or report the syntax error at its line in ``errors`` and return None."""
    try:
        return parse(text, first_line)
    except YamlSyntaxError as exc:
        errors.add(rel, exc.line, exc.message)
        return None
