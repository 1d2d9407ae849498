"""The demo generator's seeded dice: picks, weighted picks, samples and UUIDs from ``random()`` alone."""

from __future__ import annotations

import random
from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate
from typing import TypeVar

__all__ = ["Dice", "cumulative"]

_T = TypeVar("_T")


def cumulative(weights: Sequence[int]) -> tuple[tuple[int, ...], int]:
    """The running totals of ``weights`` and their sum, as :meth:`Dice.weighted` takes them."""
    return tuple(accumulate(weights)), sum(weights)


class Dice:
    """Seeded randomness built on ``random()`` alone: ``randint``/``choice`` cost several Python calls each,
    which is most of the time of a 100,000-entry demo."""

    __slots__ = ("bits", "random")

    def __init__(self, seed: int) -> None:
        source = random.Random(seed)
        self.random = source.random
        self.bits = source.getrandbits

    def pick(self, items: Sequence[_T]) -> _T:
        return items[int(self.random() * len(items))]

    def between(self, low: int, high: int) -> int:
        """An integer from ``low`` to ``high``, both included."""
        return low + int(self.random() * (high - low + 1))

    def weighted(self, items: Sequence[_T], cumulative: tuple[tuple[int, ...], int]) -> _T:
        bounds, total = cumulative
        return items[bisect_right(bounds, self.random() * total)]

    def noise(self, spread: float) -> float:
        """Roughly normal, mean 0 and standard deviation ``spread``."""
        r = self.random
        return (r() + r() + r() - 1.5) * 2.0 * spread

    def sample(self, items: Sequence[_T], count: int) -> list[_T]:
        pool = list(items)
        for i in range(count):
            j = i + int(self.random() * (len(pool) - i))
            pool[i], pool[j] = pool[j], pool[i]
        return pool[:count]

    def uuid(self) -> str:
        """A random (version 4) UUID, as ``str(uuid.uuid4())`` would write it."""
        n = self.bits(128) & _UUID_CLEAR | _UUID_SET
        h = f"{n:032x}"
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


_UUID_CLEAR = ~((0xF000 << 64) | (0xC000 << 48))
_UUID_SET = (0x4000 << 64) | (0x8000 << 48)
