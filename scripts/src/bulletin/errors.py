"""Errors meant for people: one line each, ``path:line: what is wrong; what was expected``."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    path: Path | str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        return f"{where}: {self.message}"


class SourceError(Exception):
    """One or more problems in the sources; the build stops before writing anything."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (str(p.path), p.line or 0))
        super().__init__("\n".join(str(p) for p in self.problems))


class Collector:
    """Gathers problems so a run reports all of them at once, not just the first."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, path: Path | str, line: int | None, message: str) -> None:
        self.problems.append(Problem(path, line, message))

    def raise_if_any(self) -> None:
        if self.problems:
            raise SourceError(self.problems)
