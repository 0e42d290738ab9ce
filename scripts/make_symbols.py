"""Draw the conversation-card and face-scale symbols into assets/symbols/ (standard library only;
run again when the design changes: `.venv/bin/python scripts/make_symbols.py`).

Every symbol is a small 96 x 96 SVG without text, so it works in every language: dark, round
strokes (#1f2d3d) on soft fills, drawn to sit beside a text label on a white card. The pictures
are decorative (`<img alt="">`); the label carries the meaning. The face scale (face-1 very sad ..
face-5 very happy) changes both the colour and the mouth, never the colour alone.
"""

import math
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "assets" / "symbols"

INK = "#1f2d3d"
WHITE = "#ffffff"
BLUE = "#cfe6f7"
GREEN = "#cdeccf"
YELLOW = "#fde9a9"
PEACH = "#fbd3b8"
PINK = "#f9cdd6"
LILAC = "#ddd7f5"

HEAD = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 96 96" width="96" height="96" '
    f'fill="none" stroke="{INK}" stroke-width="3.5" stroke-linecap="round" stroke-linejoin="round">'
)


def svg(*parts: str) -> str:
    return HEAD + "".join(parts) + "</svg>\n"


def more(attrs: dict) -> str:
    """Extra attributes, e.g. stroke="none" or transform="..." (underscores become hyphens)."""
    return "".join(f' {key.replace("_", "-")}="{value}"' for key, value in attrs.items())


def circle(cx, cy, r, fill="none", **attrs) -> str:
    return f'<circle cx="{cx}" cy="{cy}" r="{r}" fill="{fill}"{more(attrs)}/>'


def rect(x, y, w, h, fill="none", rx=0, **attrs) -> str:
    return f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="{rx}" fill="{fill}"{more(attrs)}/>'


def ellipse(cx, cy, rx, ry, fill="none") -> str:
    return f'<ellipse cx="{cx}" cy="{cy}" rx="{rx}" ry="{ry}" fill="{fill}"/>'


def path(d: str, fill="none", **attrs) -> str:
    return f'<path d="{d}" fill="{fill}"{more(attrs)}/>'


def star(cx, cy, r, fill=YELLOW) -> str:
    points = []
    for i in range(10):
        radius, angle = (r if i % 2 == 0 else r * 0.45), math.pi / 5 * i - math.pi / 2
        points.append(f"{cx + radius * math.cos(angle):.1f} {cy + radius * math.sin(angle):.1f}")
    return path("M" + " L".join(points) + "Z", fill)


def zz(x, y, s) -> str:
    """A 'Z' drawn with strokes (no text), top-left corner at x, y, size s."""
    return path(f"M{x} {y}h{s}l{-s} {s}h{s}")


# Faces: eyes, brows and mouths are path fragments around a head centred at 48, 50.
EYES = {
    "dots": circle(37, 44, 4, INK) + circle(59, 44, 4, INK),
    "smile": path("M31 46q6-7 12 0M53 46q6-7 12 0"),  # closed, laughing
    "closed": path("M31 43q6 6 12 0M53 43q6 6 12 0"),  # closed, peaceful
    "sleepy": path("M31 45h12M53 45h12"),
    "wide": circle(37, 43, 6, WHITE)
    + circle(59, 43, 6, WHITE)
    + circle(37, 44, 2.5, INK)
    + circle(59, 44, 2.5, INK),
}
BROWS = {
    "sad": path("M30 35l12-4M66 35l-12-4"),  # inner ends up
    "angry": path("M30 32l13 6M66 32l-13 6"),  # inner ends down
    "raised": path("M30 31q6-5 12-1M54 30q6-4 12 1"),
}
MOUTHS = {
    "grin": path("M33 59h30q-2 16-15 16t-15-16z", WHITE),
    "smile": path("M35 61q13 13 26 0"),
    "soft": path("M39 63q9 6 18 0"),
    "flat": path("M37 65h22"),
    "down": path("M38 68q10-7 20 0"),
    "sad": path("M35 70q13-12 26 0"),
    "frown": path("M37 69q11-8 22 0"),
    "o": ellipse(48, 66, 6, 7, WHITE),
    "yawn": ellipse(48, 65, 5, 4, WHITE),
    "wobbly": path("M35 67q4-5 9 0t9 0t9 0"),
}


def face(fill: str, eyes: str, mouth: str, brows: str = "", extra: str = "") -> str:
    return svg(circle(48, 50, 34, fill), EYES[eyes], BROWS.get(brows, ""), MOUTHS[mouth], extra)


TEAR = path("M64 54q-4 6 0 8q4-2 0-8z", BLUE)
CROWN = path("M33 20l-2-15l10 8l7-10l7 10l10-8l-2 15z", YELLOW)
HEART = "M48 80C22 64 12 46 20 32C27 20 42 21 48 33C54 21 69 20 76 32C84 46 74 64 48 80Z"

FEELINGS = {
    "happy": face(YELLOW, "dots", "grin"),
    "sad": face(BLUE, "dots", "sad", "sad", TEAR),
    "angry": face(PEACH, "dots", "frown", "angry"),
    "scared": face(LILAC, "wide", "o", "raised"),
    "calm": face(GREEN, "closed", "soft"),
    "tired": face(LILAC, "sleepy", "yawn", extra=zz(74, 8, 9) + zz(84, 22, 6)),
    "proud": svg(
        circle(48, 54, 32, YELLOW),
        CROWN,
        path("M32 48q6-7 12 0M52 48q6-7 12 0"),
        path("M35 64q13 12 26 0"),
        circle(30, 58, 3, PINK, stroke="none"),
        circle(66, 58, 3, PINK, stroke="none"),
    ),
    "worried": face(BLUE, "dots", "wobbly", "sad", path("M84 22q-5 7 0 10q5-3 0-10z", WHITE)),
}

STRENGTHS = {
    "caring": svg(path(HEART, PINK), path("M30 38q3-8 10-8")),
    "brave": svg(
        path("M48 10L78 21V45C78 64 66 77 48 86C30 77 18 64 18 45V21Z", BLUE), star(48, 46, 17)
    ),
    "funny": face(YELLOW, "smile", "grin", extra=path("M14 20l6 6M82 20l-6 6M48 3v6")),
    "helpful": svg(
        path(
            "M62 48C50 40 46 34 48 29C50 24 58 23 62 30C66 23 74 24 76 29C78 34 74 40 62 48Z", PINK
        ),
        path(
            "M22 62H32L38 54C40 50 46 51 45 56L44 64H80C87 64 87 74 80 74L60 80C50 83 30 84 22 82Z",
            PEACH,
        ),
        path("M54 72H76"),
        rect(8, 58, 14, 28, BLUE, 3),
    ),
    "patient": svg(
        path("M70 47L66 34M78 47L82 34"),
        circle(66, 33, 3, INK),
        circle(82, 33, 3, INK),
        path("M8 80L20 70H64V56C64 50 68 46 74 46S84 50 84 56V66C84 74 80 80 72 80Z", GREEN),
        circle(42, 50, 22, YELLOW),
        path("M42 50m-3 0a3 3 0 1 1 6 0a8 8 0 1 1-16 0a13 13 0 1 1 26 0"),
        circle(76, 57, 2, INK),
        path("M70 66q4 3 8 0"),
    ),
    "curious": svg(
        rect(62.5, 51, 9, 32, INK, 4.5, transform="rotate(-45 67 67)"),
        circle(40, 40, 24, BLUE),
        path("M28 34q4-10 14-11"),
    ),
    "creative": svg(
        path(
            "M16 62c-6-20 10-40 32-40s38 14 32 30c-3 8-12 6-17 10s0 14-10 18c-16 6-32-2-37-18z",
            PEACH,
        ),
        circle(34, 46, 5, BLUE),
        circle(46, 36, 5, GREEN),
        circle(62, 38, 5, PINK),
        path("M50 84l3-12l26-26l9 9l-26 26z", YELLOW),
        path("M53 72l9 9"),
    ),
    "persistent": svg(
        path("M8 84L36 40l10 14l12-22l30 52z", GREEN),
        path("M58 32l-6 10l6-4l6 4z", WHITE),
        path("M58 32V10"),
        path("M58 10h16l-4 5l4 5H58", PEACH),
    ),
}

EVERYDAY = {
    "morning": svg(
        path("M22 66a26 26 0 0 1 52 0z", YELLOW),
        path("M10 66h76M48 30v-14M22 40l-8-8M74 40l8-8M14 56H6M82 56h8M26 78h44"),
    ),
    "meals": svg(
        circle(48, 50, 26, WHITE),
        circle(48, 50, 17, BLUE),
        path("M10 22v16q0 6 5 6t5-6V22M15 22v56"),
        ellipse(82, 32, 6, 10, YELLOW),
        path("M82 42v36"),
    ),
    "bedtime": svg(
        path("M52 12A34 34 0 1 0 84 60A28 28 0 0 1 52 12Z", YELLOW),
        star(74, 24, 9, YELLOW),
        star(84, 44, 5, YELLOW),
    ),
    "school": svg(
        path("M36 22v-4q0-8 12-8t12 8v4"),
        rect(20, 22, 56, 64, PEACH, 14),
        rect(30, 56, 36, 22, YELLOW, 6),
        path("M30 64h36M44 36h8"),
    ),
    "chores": svg(
        path("M22 40L14 32L30 20H40Q48 28 56 20H66L82 32L74 40", BLUE),
        path("M14 40h68l-8 44H22z", YELLOW),
        path("M18 54h60M20 68h56M36 40l-2 44M60 40l2 44"),
    ),
    "play": svg(
        rect(12, 54, 30, 30, BLUE, 3),
        rect(20, 26, 28, 28, YELLOW, 3, transform="rotate(-8 34 40)"),
        circle(68, 64, 20, PEACH),
        path("M50 58q18 8 36 0M58 46q10 18 0 36"),
    ),
    "outdoors": svg(
        path("M40 86V58h16v28M12 86h72"),
        path(
            "M48 62c-22 4-34-8-28-22c-6-12 6-26 18-22c6-12 26-10 28 4c12 2 16 18 6 26"
            "c-2 12-14 18-24 14z",
            GREEN,
        ),
    ),
    "screens": svg(
        rect(28, 8, 40, 80, WHITE, 8),
        rect(34, 18, 28, 52, BLUE, 2),
        path("M44 13h8"),
        circle(48, 79, 3, INK),
    ),
}

# 1 very sad .. 5 very happy: the colour runs from blue to green AND the mouth turns from a frown
# to a wide smile, so the scale reads without colour vision.
FACE_SCALE = [
    face("#c7dcf3", "dots", "sad", "sad", TEAR),
    face(LILAC, "dots", "down"),
    face("#f4efc4", "dots", "flat"),
    face("#d9efc4", "dots", "smile"),
    face("#b9e3a6", "smile", "grin"),
]

CHILD = {
    "home": svg(
        path("M64 24v-10h10v20"),
        path("M12 46L48 14l36 32"),
        path("M20 40v44h56V40", YELLOW),
        rect(42, 60, 14, 24, PEACH, 2),
        rect(26, 50, 12, 12, BLUE, 2),
        rect(60, 50, 12, 12, BLUE, 2),
    ),
    "school": svg(
        path("M48 26V8h14l-4 4l4 4H48"),
        path("M8 86V48h80v38z", PEACH),
        path("M28 48L48 26l20 20", YELLOW),
        circle(48, 40, 5, WHITE),
        rect(40, 64, 16, 22, BLUE, 2),
        rect(14, 58, 14, 12, BLUE, 2),
        rect(68, 58, 14, 12, BLUE, 2),
        path("M4 86h88"),
    ),
    "friends": svg(
        circle(22, 26, 12, PEACH),
        circle(72, 30, 11, PEACH),
        path("M4 84V62c0-12 8-20 18-20s18 8 18 20v22z", BLUE),
        path("M56 84V64c0-10 7-18 16-18s16 8 16 18v20z", GREEN),
        path("M38 60L48 68L58 60"),
        circle(48, 68, 4, PEACH),
    ),
    "sleep": svg(
        rect(12, 54, 32, 12, WHITE, 6),
        circle(30, 46, 11, YELLOW),
        path("M29 45q3 3 6 0"),
        path("M38 66C38 54 48 50 60 52S80 54 86 54V66Z", BLUE),
        rect(10, 66, 76, 10, PEACH, 2),
        path("M10 86V36M86 86V56"),
        zz(50, 12, 12),
        zz(68, 26, 8),
    ),
}


def symbols() -> dict[str, str]:
    files = {}
    for deck, cards in (("feelings", FEELINGS), ("strengths", STRENGTHS), ("everyday", EVERYDAY)):
        files.update({f"card-{deck}-{key}.svg": drawing for key, drawing in cards.items()})
    files.update({f"face-{i}.svg": drawing for i, drawing in enumerate(FACE_SCALE, start=1)})
    files.update({f"child-{key}.svg": drawing for key, drawing in CHILD.items()})
    return files


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, drawing in symbols().items():
        (OUT / name).write_text(drawing, encoding="utf-8")
    print(f"wrote {len(symbols())} symbols to {OUT}")


if __name__ == "__main__":
    main()
