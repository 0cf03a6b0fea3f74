"""Hybrid logical clocks: an order of changes that survives a laptop with a wrong clock.

A stamp is ``"<wall ms, 13 digits>.<counter, 5 digits>.<device>"``, so stamps sort as
strings. A new stamp is above the wall clock *and* above every stamp it follows (this
device's last entry, the version of the record being changed), so a change made on a
laptop whose clock is a year behind still orders after the change it builds on; ties
between devices are broken by the device id.
"""

from __future__ import annotations

import time

WIDTH_MS = 13
WIDTH_COUNTER = 5


def parse(stamp: str | None) -> tuple[int, int, str]:
    if not stamp:
        return (0, 0, "")
    try:
        wall, counter, device = str(stamp).split(".", 2)
        return (int(wall), int(counter), device)
    except ValueError:
        return (0, 0, "")


def render(wall_ms: int, counter: int, device: str) -> str:
    return f"{wall_ms:0{WIDTH_MS}d}.{counter:0{WIDTH_COUNTER}d}.{device}"


def tick(device: str, *seen: str | None, now_ms: int | None = None) -> str:
    """The next stamp for ``device``, above the clock and above every stamp in ``seen``."""
    wall = int(time.time() * 1000) if now_ms is None else now_ms
    known = [parse(s) for s in seen if s]
    top = max([k[0] for k in known], default=0)
    if wall > top:
        return render(wall, 0, device)
    counter = max(k[1] for k in known if k[0] == top) + 1
    return render(top, counter, device)


def wall_ms(stamp: str | None) -> int:
    return parse(stamp)[0]
