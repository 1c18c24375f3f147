"""Draw the Teams app icons: `python -m manifest.icons` rewrites color.png and outline.png.

- color.png, 192x192: a rounded square in the accent colour with a white clipboard and tick.
- outline.png, 32x32: the same glyph, white on transparent (every pixel is pure white; only the
  alpha channel varies), as Teams requires for the outline icon.

Shapes are drawn as an alpha mask at 8x the final size and scaled down, for smooth edges.
Needs Pillow (only to regenerate the icons; the packaged PNGs are committed).
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
ACCENT = "#3A4DB5"  # keep in step with "accentColor" in manifest.json
COLOR_SIZE = 192
OUTLINE_SIZE = 32
SUPERSAMPLE = 8
WHITE = (255, 255, 255)


def _hex(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


TICK = ((0.32, 0.58), (0.45, 0.71), (0.69, 0.45))
SMALL_TICK = ((0.35, 0.6), (0.46, 0.71), (0.66, 0.5))  # clear of the board's sides at 32 px


def glyph_mask(
    size: int,
    box: tuple[float, float, float, float],
    line: float = 0.085,
    tick_line: float = 0.1,
    tick: tuple[tuple[float, float], ...] = TICK,
) -> Image.Image:
    """An "L" mask of `size`x`size` with the clipboard-and-tick glyph drawn inside `box`.

    `box` is (left, top, width, height) in final pixels; `line` and `tick_line` are the
    stroke widths and `tick` the tick's points, as fractions of the box.
    """
    s = SUPERSAMPLE
    big = size * s
    mask = Image.new("L", (big, big), 0)
    draw = ImageDraw.Draw(mask)
    left, top, width, height = (v * s for v in box)

    def x(u: float) -> float:
        return left + u * width

    def y(v: float) -> float:
        return top + v * height

    line *= width
    # the board: a rounded outline
    draw.rounded_rectangle(
        (x(0.17), y(0.14), x(0.83), y(0.96)),
        radius=0.11 * width,
        outline=255,
        width=round(line),
    )
    # the clip, with a transparent gap around it where it crosses the board's top edge
    gap = 0.65 * line
    clip = (x(0.33), y(0.03), x(0.67), y(0.25))
    draw.rounded_rectangle(
        (clip[0] - gap, clip[1] - gap, clip[2] + gap, clip[3] + gap),
        radius=0.07 * width + gap,
        fill=0,
    )
    draw.rounded_rectangle(clip, radius=0.07 * width, fill=255)

    # the tick, with round caps and joint
    tick_width = tick_line * width
    points = [(x(u), y(v)) for u, v in tick]
    draw.line(points, fill=255, width=round(tick_width), joint="curve")
    r = tick_width / 2
    for px, py in points:
        draw.ellipse((px - r, py - r, px + r, py + r), fill=255)

    return mask.resize((size, size), Image.Resampling.LANCZOS)


def rounded_square_mask(size: int, radius: float) -> Image.Image:
    s = SUPERSAMPLE
    mask = Image.new("L", (size * s, size * s), 0)
    ImageDraw.Draw(mask).rounded_rectangle(
        (0, 0, size * s - 1, size * s - 1), radius=radius * s, fill=255
    )
    return mask.resize((size, size), Image.Resampling.LANCZOS)


def color_icon(accent: str = ACCENT) -> Image.Image:
    """192x192: the accent-coloured rounded square with the white glyph in the middle."""
    size = COLOR_SIZE
    icon = Image.new("RGBA", (size, size), (*_hex(accent), 0))
    icon.putalpha(rounded_square_mask(size, radius=0.2 * size))
    glyph = 112  # Teams keeps the symbol within the central ~120 px
    offset = (size - glyph) / 2
    white = Image.new("RGBA", (size, size), (*WHITE, 255))
    icon.paste(white, (0, 0), glyph_mask(size, (offset, offset, glyph, glyph)))
    return icon


def outline_icon() -> Image.Image:
    """32x32: the glyph in pure white on transparent (only alpha varies)."""
    size = OUTLINE_SIZE
    icon = Image.new("RGBA", (size, size), (*WHITE, 0))
    icon.putalpha(glyph_mask(size, (0, 0, size, size), line=0.07, tick_line=0.085, tick=SMALL_TICK))
    return icon


def write(folder: Path = HERE) -> tuple[Path, Path]:
    color, outline = folder / "color.png", folder / "outline.png"
    color_icon().save(color, optimize=True)
    outline_icon().save(outline, optimize=True)
    return color, outline


if __name__ == "__main__":
    for path in write():
        print(path)
