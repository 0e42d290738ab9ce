"""Icons with text: inline SVG outlines from Lucide (components/icon_shapes.py, generated).

An icon is decoration beside a word, never the only label: it is hidden from assistive
technology and drawn in the text's colour, at the text's size unless told otherwise.
"""

import reflex as rx

from familywork_app.components.icon_shapes import ICON_SHAPES

_SVG_ELEMENTS = {
    "path": rx.el.svg.path,
    "rect": rx.el.svg.rect,
    "circle": rx.el.svg.circle,
    "line": rx.el.svg.line,
    "polyline": rx.el.svg.polyline,
    "polygon": rx.el.svg.polygon,
    "ellipse": rx.el.svg.ellipse,
}


def _attribute(name: str) -> str:
    return name.replace("-", "_")


def icon(name: str, class_name: str = "icon") -> rx.Component:
    """The named Lucide icon as a hidden, non-focusable SVG in the current text colour."""
    shapes = [
        _SVG_ELEMENTS[tag](**{_attribute(k): v for k, v in attrs.items()})
        for tag, attrs in ICON_SHAPES[name]
    ]
    return rx.el.svg(
        *shapes,
        view_box="0 0 24 24",
        aria_hidden="true",
        custom_attrs={"focusable": "false"},
        class_name=class_name,  # stroke and fill come from the stylesheet (.icon)
    )
