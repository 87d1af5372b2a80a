"""A small bar chart as a PNG, for the weekly report's card (Adaptive Cards have no chart
element in Teams). Drawn by hand: bars, their totals and week numbers in a 3×5 digit font, an
indexed-colour PNG of about a kilobyte, so it fits in the card as a data: URI and needs no
image library, no file and no URL that could leak."""

import base64
import struct
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

# Palette indexes.
BACKGROUND, PART, REST, INK, AXIS = range(5)
PALETTE = bytes(
    (
        *(255, 255, 255),  # background
        *(0, 110, 120),  # the part (settled on the phone): the app's accent colour
        *(140, 198, 204),  # the rest of the calls
        *(51, 51, 51),  # numbers
        *(200, 200, 200),  # the base line
    )
)
WIDTH, HEIGHT = 480, 200
SCALE = 3  # the digits' pixel size
TOP, BOTTOM, SIDE = 26, 26, 16

# 3×5 digits, one string of 15 bits a digit, row by row.
DIGITS = {
    "0": "111101101101111",
    "1": "010110010010111",
    "2": "111001111100111",
    "3": "111001111001111",
    "4": "101101111001001",
    "5": "111100111001111",
    "6": "111100111101111",
    "7": "111001010010010",
    "8": "111101111101111",
    "9": "111101111001111",
}


@dataclass(frozen=True)
class Bar:
    label: str  # digits only (a week number); other characters are not drawn
    total: int
    part: int  # drawn darker at the bottom of the bar; at most `total`


def bar_chart_png(bars: Sequence[Bar]) -> bytes:
    pixels = [bytearray(WIDTH) for _ in range(HEIGHT)]
    base = HEIGHT - BOTTOM
    _fill(pixels, SIDE, base, WIDTH - SIDE, base + 1, AXIS)
    if bars:
        slot = (WIDTH - 2 * SIDE) // len(bars)
        width = max(4, slot * 3 // 5)
        highest = max((b.total for b in bars), default=0) or 1
        room = base - TOP
        for i, bar in enumerate(bars):
            left = SIDE + i * slot + (slot - width) // 2
            total = max(bar.total, 0)
            height = round(room * total / highest)
            part = round(room * min(max(bar.part, 0), total) / highest)
            _fill(pixels, left, base - height, left + width, base - part, REST)
            _fill(pixels, left, base - part, left + width, base, PART)
            middle = left + width // 2
            _digits(pixels, str(total), middle, base - height - 4 - 5 * SCALE)
            _digits(pixels, bar.label, middle, base + 6)
    return _png(pixels)


def data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def _fill(pixels: list[bytearray], x0: int, y0: int, x1: int, y1: int, colour: int) -> None:
    for y in range(max(y0, 0), min(y1, HEIGHT)):
        pixels[y][max(x0, 0) : min(x1, WIDTH)] = bytes([colour]) * (min(x1, WIDTH) - max(x0, 0))


def _digits(pixels: list[bytearray], text: str, middle: int, top: int) -> None:
    """Draws the digits of `text` centred on `middle`."""
    shown = [c for c in text if c in DIGITS]
    advance = 4 * SCALE
    x = middle - (len(shown) * advance - SCALE) // 2
    for char in shown:
        bits = DIGITS[char]
        for row in range(5):
            for col in range(3):
                if bits[row * 3 + col] == "1":
                    left, upper = x + col * SCALE, top + row * SCALE
                    _fill(pixels, left, upper, left + SCALE, upper + SCALE, INK)
        x += advance


def _png(pixels: list[bytearray]) -> bytes:
    raw = b"".join(b"\0" + bytes(row) for row in pixels)  # filter type 0 on every row
    header = struct.pack(">IIBBBBB", WIDTH, HEIGHT, 8, 3, 0, 0, 0)  # 8-bit indexed colour
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"PLTE", PALETTE)
        + _chunk(b"IDAT", zlib.compress(raw, 9))
        + _chunk(b"IEND", b"")
    )


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
