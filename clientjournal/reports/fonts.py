"""The fonts shipped for the reports, and what they can draw.

The report compiles with only the fonts in ``resources/fonts`` (neither the system's nor Typst's built-in ones),
so a report looks the same on every machine. PDF/UA-1 refuses a character no font can draw, so every text goes
through :func:`drawable` first: characters outside the fonts' coverage become :data:`REPLACEMENT` (an emoji, a
script we ship no font for), invisible formatting characters the fonts lack are dropped, control characters
become spaces.

Coverage is read from the ``cmap`` table of each font file (formats 4 and 12, which every font we ship uses).
"""

from __future__ import annotations

import re
import struct
import unicodedata
from collections.abc import Iterable
from functools import cache
from pathlib import Path

FAMILY = "Inter"
"""The text face; the others are fallbacks for the scripts it lacks (Hebrew, Arabic)."""
FALLBACKS = ("Noto Sans Hebrew", "Noto Sans Arabic")
FONT_SUFFIXES = (".otf", ".ttf")

REPLACEMENT = "□"
"""Shown instead of a character the shipped fonts cannot draw (U+25A1 WHITE SQUARE, which Inter has)."""


def font_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in FONT_SUFFIXES)


def _tables(data: bytes) -> dict[bytes, int]:
    count = struct.unpack_from(">H", data, 4)[0]
    tables = {}
    for i in range(count):
        tag, _checksum, offset, _length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        tables[tag] = offset
    return tables


def _format4(data: bytes, at: int) -> Iterable[tuple[int, int]]:
    segments = struct.unpack_from(">H", data, at + 6)[0] // 2
    ends_at = at + 14
    starts_at = ends_at + 2 * segments + 2
    deltas_at = starts_at + 2 * segments
    ranges_at = deltas_at + 2 * segments
    for i in range(segments):
        end = struct.unpack_from(">H", data, ends_at + 2 * i)[0]
        start = struct.unpack_from(">H", data, starts_at + 2 * i)[0]
        delta = struct.unpack_from(">h", data, deltas_at + 2 * i)[0]
        range_offset = struct.unpack_from(">H", data, ranges_at + 2 * i)[0]
        if start == 0xFFFF:
            continue
        if range_offset == 0:
            # Glyph = code + delta (mod 65536); glyph 0 means "missing".
            for code in range(start, end + 1):
                if (code + delta) & 0xFFFF:
                    yield code, code
            continue
        for code in range(start, end + 1):
            glyph_at = ranges_at + 2 * i + range_offset + 2 * (code - start)
            if struct.unpack_from(">H", data, glyph_at)[0]:
                yield code, code


def _format12(data: bytes, at: int) -> Iterable[tuple[int, int]]:
    groups = struct.unpack_from(">I", data, at + 12)[0]
    for i in range(groups):
        start, end, _glyph = struct.unpack_from(">III", data, at + 16 + 12 * i)
        yield start, end


def font_coverage(path: Path) -> frozenset[int]:
    """The code points ``path`` maps to a glyph (its best Unicode ``cmap`` subtable)."""
    data = path.read_bytes()
    cmap = _tables(data)[b"cmap"]
    subtables = {}
    for i in range(struct.unpack_from(">H", data, cmap + 2)[0]):
        platform, encoding, offset = struct.unpack_from(">HHI", data, cmap + 4 + 8 * i)
        subtables[(platform, encoding)] = cmap + offset
    for key in ((3, 10), (0, 6), (0, 4), (3, 1), (0, 3)):
        at = subtables.get(key)
        if at is None:
            continue
        kind = struct.unpack_from(">H", data, at)[0]
        if kind == 12:
            ranges = _format12(data, at)
        elif kind == 4:
            ranges = _format4(data, at)
        else:
            continue
        codes: set[int] = set()
        for start, end in ranges:
            codes.update(range(start, end + 1))
        return frozenset(codes)
    return frozenset()


@cache
def coverage(folder: Path) -> frozenset[int]:
    """Every code point some font in ``folder`` can draw."""
    codes: set[int] = set()
    for path in font_files(folder):
        codes |= font_coverage(path)
    return frozenset(codes)


def drawable(text: str, covered: frozenset[int]) -> str:
    """``text`` with only characters the fonts can draw (see the module's description)."""
    if text.isascii() and text.isprintable():
        return text
    out: list[str] = []
    joined = False
    """Whether the last character left out was a joiner after a replacement (an emoji sequence goes on)."""
    flag = False
    """Whether the last replacement stands for a flag's first letter (the next letter belongs to it)."""
    for char in text.replace("\r\n", "\n"):
        code = ord(char)
        if char == "\u200d" and out and out[-1] == REPLACEMENT:
            joined = True
            continue
        category = unicodedata.category(char)
        if char == "\n" or (code in covered and category not in ("Cc", "Zl", "Zp")):
            out.append(char)
            joined = False
            continue
        if category in ("Cc", "Zl", "Zp"):
            out.append("\n" if char in "\r\u2028\u2029" else " ")
        elif category in ("Cf", "Mn", "Me", "Sk") or 0xFE00 <= code <= 0xFE0F:
            # Zero-width joiners, variation selectors, bidi marks and combining marks the fonts lack: leaving
            # them out keeps the visible text.
            continue
        elif out and out[-1] == REPLACEMENT and (joined or flag or _modifies(code)):
            flag = False  # the next part of one emoji (after a joiner, a skin tone, a flag's second letter)
        else:
            out.append(REPLACEMENT)
            flag = _REGIONAL_A <= code <= _REGIONAL_Z
        joined = False
    return "".join(out)


_REGIONAL_A, _REGIONAL_Z = 0x1F1E6, 0x1F1FF


def _modifies(code: int) -> bool:
    """Skin tones and tag characters, which change the emoji before them."""
    return 0x1F3FB <= code <= 0x1F3FF or 0xE0020 <= code <= 0xE007F


_LONG_WORD = re.compile(r"\S{41,}")
BREAK = "\u200b"
"""A zero-width space: lets a line break inside a very long word (a URL, a row of x) instead of overflowing."""


def breakable(text: str, every: int = 30) -> str:
    """``text`` with a break opportunity every ``every`` characters of a word longer than 40."""
    if len(text) <= 40:
        return text
    return _LONG_WORD.sub(lambda m: BREAK.join(m[0][i : i + every] for i in range(0, len(m[0]), every)), text)
