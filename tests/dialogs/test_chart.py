"""The weekly chart is a real PNG whose bars stand as high as the figures say."""

import struct
import zlib

from dialogs.chart import AXIS, BOTTOM, HEIGHT, INK, PART, REST, TOP, WIDTH, Bar, bar_chart_png


def decode(png: bytes) -> tuple[list[bytes], bytes]:
    """Rows of palette indexes and the palette of an 8-bit indexed PNG without row filters."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    at, chunks = 8, {}
    while at < len(png):
        (length,) = struct.unpack(">I", png[at : at + 4])
        kind, data = png[at + 4 : at + 8], png[at + 8 : at + 8 + length]
        (crc,) = struct.unpack(">I", png[at + 8 + length : at + 12 + length])
        assert zlib.crc32(kind + data) == crc, kind
        chunks[kind] = data
        at += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
    assert (width, height, depth, colour) == (WIDTH, HEIGHT, 8, 3)
    raw = zlib.decompress(chunks[b"IDAT"])
    stride = width + 1
    rows = [raw[y * stride : (y + 1) * stride] for y in range(height)]
    assert all(r[0] == 0 for r in rows)
    return [r[1:] for r in rows], chunks[b"PLTE"]


def column(rows: list[bytes], x: int) -> list[int]:
    return [r[x] for r in rows]


def bar_middles(rows: list[bytes]) -> list[int]:
    """The x of each bar's middle, read off the row just above the base line."""
    line = rows[HEIGHT - BOTTOM - 1]
    starts = [
        x for x in range(WIDTH) if line[x] in (PART, REST) and line[x - 1] not in (PART, REST)
    ]
    ends = [x for x in range(WIDTH) if line[x] in (PART, REST) and line[x + 1] not in (PART, REST)]
    return [(a + b) // 2 for a, b in zip(starts, ends, strict=True)]


def test_bars_are_as_high_as_the_calls_and_the_settled_part_is_darker() -> None:
    rows, palette = decode(bar_chart_png([Bar("1", 10, 4), Bar("2", 20, 20), Bar("3", 5, 0)]))
    assert len(palette) % 3 == 0
    base = HEIGHT - BOTTOM
    assert rows[base][WIDTH // 2] == AXIS
    middles = bar_middles(rows)
    assert len(middles) == 3
    heights = [
        column(rows, x)[:base].count(PART) + column(rows, x)[:base].count(REST) for x in middles
    ]
    darker = [column(rows, x)[:base].count(PART) for x in middles]
    room = base - TOP
    assert heights == [room // 2, room, round(room / 4)]
    assert darker == [round(room * 4 / 20), room, 0]
    # The dark part is at the bottom of the bar.
    first = column(rows, middles[0])
    assert first[base - 1] == PART and first[base - heights[0]] == REST


def test_the_totals_and_week_numbers_are_written() -> None:
    rows, _ = decode(bar_chart_png([Bar("52", 7, 1), Bar("1", 3, 0)]))
    base = HEIGHT - BOTTOM
    under = [r for r in rows[base + 1 :]]
    assert any(INK in r for r in under)
    above_highest = rows[:TOP]
    assert any(INK in r for r in above_highest)
    blank = decode(bar_chart_png([Bar("x", 7, 1), Bar("y", 3, 0)]))[0]
    assert not any(INK in r for r in blank[base + 1 :])  # only digits are drawn


def test_no_calls_at_all_draws_empty_bars_and_zeros() -> None:
    rows, _ = decode(bar_chart_png([Bar("1", 0, 0), Bar("2", 0, 0)]))
    assert not any(PART in r or REST in r for r in rows)
    assert any(INK in r for r in rows)


def test_the_chart_is_small_enough_for_a_card() -> None:
    bars = [Bar(str(w), 900 + w * 37, 400 + w) for w in range(48, 53)]
    assert len(bar_chart_png(bars)) < 4000
