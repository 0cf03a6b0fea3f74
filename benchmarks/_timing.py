"""Timing helpers shared by the benchmark scripts: medians, and rounds interleaved so the
load of a busy machine falls on every variant alike."""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable


def median_time(action: Callable[[], object], repeat: int) -> float:
    """The median wall time of ``repeat`` calls, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def interleaved(actions: dict[str, Callable[[], object]], rounds: int) -> dict[str, list[float]]:
    """Each action once per round, in turn: name -> its times, in seconds."""
    samples: dict[str, list[float]] = {name: [] for name in actions}
    for _ in range(rounds):
        for name, action in actions.items():
            samples[name].append(median_time(action, 1))
    return samples


def spread(values: list[float]) -> str:
    """The median, and the lowest and highest, of some ratios."""
    return f"{statistics.median(values):.2f}x (runs {min(values):.2f}-{max(values):.2f}x)"


def load() -> str:
    """How busy the machine was: the load averages over 1, 5 and 15 minutes, and its cores."""
    if not hasattr(os, "getloadavg"):
        return "load unknown"
    one, five, fifteen = os.getloadavg()
    return f"load {one:.1f} {five:.1f} {fifteen:.1f} on {os.cpu_count()} cores"
