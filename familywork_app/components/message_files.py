"""Photos and PDFs in the conversation: the file field under the message box, and the files of
a sent message (full width on the family's phone, thumbnails on the staff's record).

The field is Reflex's upload (react-dropzone). Its hidden file input sits inside a <label>, so
it is named "Add a photo or PDF" and a tap on the label opens the phone's camera or photo
library (accept image/*) or files (PDF); the dropzone itself takes the keyboard (Enter, Space).
"""

from typing import Any

import reflex as rx
from reflex.vars.object import ObjectVar

from familywork_app.components.icons import icon
from familywork_app.components.shell import T
from familywork_app.services.attachment_checks import MAX_BYTES, MAX_FILES
from familywork_app.services.attachments import CAPTION_MAX
from familywork_app.state.file_presenters import FileView, WaitingFileView
from familywork_app.state.message_files import UPLOAD_ID
from familywork_app.state.message_files import MessageFilesState as S

ACCEPT = {"image/*": [], "application/pdf": [".pdf"]}
PICTURE_STYLE = {"width": "100%", "height": "auto", "display": "block", "borderRadius": "6px"}
THUMB_STYLE = {"maxWidth": "160px", "maxHeight": "160px", "display": "block", "borderRadius": "6px"}


def _names_and_codes(rejected: rx.Var) -> rx.Var:
    """react-dropzone's refusals without the files themselves (a 30 MB video must not travel
    over the websocket): each file's name and its error codes."""
    return rx.Var(
        _js_expr=(
            f"({rejected}).map((r) => ({{name: String(r?.file?.name ?? ''), "
            "codes: (r?.errors ?? []).map((e) => String(e?.code ?? ''))}))"
        ),
        _var_type=list[dict[str, Any]],
    )


def _waiting(f: ObjectVar[WaitingFileView]) -> rx.Component:
    return rx.el.li(
        rx.el.span(f.name, " · ", f.label, class_name="file-name"),
        rx.el.button(
            icon("x"),
            T["files.remove"],
            type="button",
            class_name="btn btn-secondary btn-small",
            aria_label=T["files.remove"].to(str) + " " + f.name.to(str),
            on_click=S.remove(f.id),
        ),
        class_name="file-waiting",
        style={"display": "flex", "gap": ".5rem", "alignItems": "center", "flexWrap": "wrap"},
    )


def _error() -> rx.Component:
    return rx.el.p(
        rx.cond(
            S.file_error != "",
            rx.fragment(
                rx.cond(S.file_error_name != "", S.file_error_name + ": ", ""), T[S.file_error]
            ),
            "",
        ),
        id="files-error",
        class_name="field-error",
        role="alert",
    )


def file_field() -> rx.Component:
    """The field for the message's photos and PDFs; goes inside the message form (the caption
    is sent with the message)."""
    return rx.el.div(
        rx.el.p(T["files.label"], class_name="legend", id="files-label"),
        rx.el.p(T["files.hint"], id="files-hint", class_name="hint"),
        rx.el.label(
            rx.upload.root(
                icon("plus"),
                rx.el.span(T["files.add"]),
                id=UPLOAD_ID,
                accept=ACCEPT,
                multiple=True,
                max_files=MAX_FILES,
                max_size=MAX_BYTES,
                no_click=True,
                on_drop=S.attach(rx.upload_files(upload_id=UPLOAD_ID)),
                on_drop_rejected=lambda rejected: S.refused_on_device(_names_and_codes(rejected)),
                class_name="btn btn-secondary",
                aria_describedby="files-hint files-error",
            ),
            class_name="file-pick",
            style={"display": "inline-block"},
        ),
        _error(),
        rx.cond(
            S.waiting.length() > 0,
            rx.el.div(
                rx.el.p(T["files.waiting"], class_name="hint"),
                rx.el.ul(rx.foreach(S.waiting, _waiting), class_name="plain-list"),
                rx.el.label(T["files.caption"], html_for="caption"),
                rx.el.p(T["files.caption_hint"], id="caption-hint", class_name="hint"),
                rx.el.input(
                    id="caption",
                    name="caption",
                    type="text",
                    max_length=CAPTION_MAX,
                    class_name="input",
                    aria_describedby="caption-hint",
                ),
                class_name="field",
            ),
            rx.fragment(),
        ),
        class_name="field file-field",
        role="group",
        aria_labelledby="files-label",
    )


def _picture(f: ObjectVar[FileView], thumbs: bool) -> rx.Component:
    return rx.el.figure(
        rx.el.a(
            rx.el.img(
                src=f.thumb if thumbs else f.href,
                alt=f.alt,
                loading="lazy",
                style=THUMB_STYLE if thumbs else PICTURE_STYLE,
            ),
            href=f.href,
            target="_blank",
            rel="noopener",
        ),
        rx.cond(f.caption != "", rx.el.figcaption(f.caption, class_name="hint"), rx.fragment()),
        style={"margin": ".5rem 0"},
    )


def _document(f: ObjectVar[FileView]) -> rx.Component:
    return rx.el.a(
        icon("file-text"),
        rx.el.span(T["files.open"], " ", f.name, " (", f.size, ")"),
        href=f.href,
        target="_blank",
        rel="noopener",
        class_name="btn btn-secondary btn-small",
    )


def message_files(files: rx.Var, thumbs: bool = False) -> rx.Component:
    """The files of one sent message (a list of `FileView`); none: nothing."""
    return rx.cond(
        files.to(list).length() > 0,
        rx.el.ul(
            rx.foreach(
                files,
                lambda f: rx.el.li(rx.cond(f.picture, _picture(f, thumbs), _document(f))),
            ),
            class_name="plain-list msg-files",
            style={"display": "flex", "flexWrap": "wrap", "gap": ".5rem"} if thumbs else {},
        ),
        rx.fragment(),
    )
