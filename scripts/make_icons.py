"""Draw the app icons into assets/ (run once when the design changes; needs Pillow:
`.venv/bin/pip install pillow && .venv/bin/python scripts/make_icons.py`).

A white house with a heart on the service's blue; the maskable icon keeps the drawing inside
the 80 % safe zone."""

from pathlib import Path

from PIL import Image, ImageDraw

BLUE, WHITE = (31, 95, 139), (255, 255, 255)
ASSETS = Path(__file__).resolve().parents[1] / "assets"


def draw(size: int, scale: float, rounded: bool) -> Image.Image:
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0) if rounded else BLUE)
    pen = ImageDraw.Draw(image)
    if rounded:
        pen.rounded_rectangle([0, 0, size - 1, size - 1], radius=size // 5, fill=BLUE)
    c, u = size / 2, size * scale / 10  # centre and drawing unit
    pen.polygon([(c - 4 * u, c - 0.5 * u), (c, c - 4.2 * u), (c + 4 * u, c - 0.5 * u)], fill=WHITE)
    pen.rectangle([c - 3 * u, c - 0.6 * u, c + 3 * u, c + 3.6 * u], fill=WHITE)
    # a heart in the door's place
    r = 0.75 * u
    pen.ellipse([c - 2 * r, c + 0.4 * u, c, c + 0.4 * u + 2 * r], fill=BLUE)
    pen.ellipse([c, c + 0.4 * u, c + 2 * r, c + 0.4 * u + 2 * r], fill=BLUE)
    pen.polygon(
        [
            (c - 1.95 * r, c + 0.4 * u + 1.3 * r),
            (c + 1.95 * r, c + 0.4 * u + 1.3 * r),
            (c, c + 2.9 * u),
        ],
        fill=BLUE,
    )
    return image


def main() -> None:
    draw(192, 1.0, True).save(ASSETS / "icon-192.png")
    draw(512, 1.0, True).save(ASSETS / "icon-512.png")
    draw(512, 0.75, False).save(ASSETS / "icon-maskable-512.png")
    draw(180, 0.9, False).convert("RGB").save(ASSETS / "apple-touch-icon.png")
    draw(48, 1.0, True).save(ASSETS / "favicon.ico", sizes=[(48, 48), (32, 32), (16, 16)])


if __name__ == "__main__":
    main()
