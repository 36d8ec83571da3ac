"""YAML with line numbers, so every validation problem can point at its line."""
from __future__ import annotations

from typing import Any

import yaml


class _Loader(yaml.SafeLoader):
    """SafeLoader that leaves timestamps as strings: the schema parses dates and words its own errors."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


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


def parse(text: str, first_line: int = 1) -> YamlDoc:
    """Parse YAML text that starts at ``first_line`` of its file."""
    try:
        loader = _Loader(text)
        try:   # one parse: the node tree gives the lines, constructing it gives the data
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
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
