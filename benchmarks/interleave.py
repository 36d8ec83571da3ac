"""Fair comparisons on a shared, noisy machine: run the two sides interleaved (A B A B …), at least three
pairs, and report medians and the ratio of medians.

A ratio from runs done one after another swings 2x when another job starts in between; interleaving
puts both sides under the same weather. Each side is a callable returning a dict of measurements
(``wall`` seconds at least); ``run_command`` times a subprocess in wall and CPU seconds (its children
included) and its peak memory.
"""
from __future__ import annotations

import json
import resource
import statistics
import subprocess
import time
from dataclasses import dataclass
from typing import Callable

Side = Callable[[], dict[str, float]]


@dataclass
class Comparison:
    names: tuple[str, str]
    runs: tuple[list[dict[str, float]], list[dict[str, float]]]

    def median(self, side: int, key: str) -> float:
        return statistics.median(r[key] for r in self.runs[side] if key in r)

    def ratio(self, key: str = "wall") -> float:
        """ours / baseline (second over first) of the medians."""
        return self.median(1, key) / self.median(0, key)

    def report(self, keys: tuple[str, ...] = ("wall", "cpu"), unit: dict[str, str] | None = None) -> str:
        unit = {"wall": "s", "cpu": "s", "peak_mb": "MB", **(unit or {})}
        lines = []
        for key in keys:
            if not all(key in r for side in self.runs for r in side):
                continue
            a, b = self.median(0, key), self.median(1, key)
            every = " / ".join(", ".join(f"{r[key]:.2f}" for r in side) for side in self.runs)
            lines.append(f"{key:>8}: {self.names[0]} {a:8.2f} {unit.get(key, '')}  {self.names[1]} {b:8.2f} "
                         f"{unit.get(key, '')}  ratio {b / a:5.2f}x   (runs: {every})")
        return "\n".join(lines)


def interleave(first: Side, second: Side, pairs: int = 3, names: tuple[str, str] = ("baseline", "ours"),
               warmup: bool = True) -> Comparison:
    """Run ``first`` and ``second`` alternately ``pairs`` times (after one untimed warm-up of each)."""
    if pairs < 3:
        raise ValueError("at least 3 pairs: a median of fewer runs is one run")
    if warmup:
        first(), second()
    runs: tuple[list, list] = ([], [])
    for i in range(pairs):
        order = (0, 1) if i % 2 == 0 else (1, 0)     # A B, B A, A B: neither side always goes first
        for side in order:
            runs[side].append((first, second)[side]())
    return Comparison(names, runs)


def run_command(args: list[str], reports: bool = False, **kwargs) -> dict[str, float]:
    """Wall and CPU seconds of a command and its children, and the peak memory of its largest process;
    with ``reports``, also the numbers of the JSON object the command prints as its last line."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(args, check=True, stdout=subprocess.PIPE if reports else subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL, **kwargs)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    # ru_maxrss of children is the largest child so far, not of this run alone: meaningful for the first run
    measured = {"wall": wall, "cpu": cpu, "peak_mb": after.ru_maxrss / 1024}
    if reports:
        said = json.loads(done.stdout.decode().strip().splitlines()[-1])
        measured.update({key: value for key, value in said.items() if isinstance(value, (int, float))})
    return measured
