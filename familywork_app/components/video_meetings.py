"""The video-meetings section: each remote meeting to come with its "Join" link, which the
page's clock shows from 10 minutes before the start to the end (assets/video_join.js toggles
`data-join` on the `.video-join` box; the CSS hides whichever part does not apply). For staff,
a form per meeting to paste a link (https only)."""

import reflex as rx

from familywork_app.components.shell import T
from familywork_app.state.video_meetings import VideoMeetingsState as S
from familywork_app.state.video_meetings import VideoMeetingView


def _join(m: VideoMeetingView) -> rx.Component:
    return rx.el.div(
        rx.el.p(m.opens_at, class_name="muted join-later"),
        rx.el.a(
            T["video.join"],
            href=m.url,
            target="_blank",
            rel="noopener noreferrer",
            class_name="btn btn-primary join-now",
        ),
        class_name="video-join",
        data_join_from=m.join_from_ms,
        data_join_until=m.join_until_ms,
    )


def _link_form(m: VideoMeetingView) -> rx.Component:
    field_id = "video-url-" + m.id
    return rx.el.form(
        rx.el.input(type="hidden", name="meeting_id", value=m.id),
        rx.el.label(T["video.paste_label"], html_for=field_id),
        rx.el.input(
            id=field_id,
            name="video_url",
            type="url",
            class_name="input",
            max_length=500,
            auto_complete="off",
            aria_describedby=field_id + "-error",
        ),
        rx.el.p(
            rx.cond((S.error_for == m.id) & (S.error != ""), T[S.error], ""),
            id=field_id + "-error",
            class_name="field-error",
            aria_live="polite",
        ),
        rx.el.div(
            rx.el.button(T["video.paste_save"], type="submit", class_name="btn btn-secondary"),
            class_name="actions",
        ),
        on_submit=S.save_link,
        reset_on_submit=True,
        class_name="form",
    )


def _card(m: VideoMeetingView, staff: bool) -> rx.Component:
    return rx.el.li(
        rx.el.h3(m.when),
        rx.el.p(m.status, class_name="muted"),
        rx.cond(m.url != "", _join(m), rx.el.p(T["video.no_link"], class_name="muted")),
        rx.cond(
            staff & (m.url != ""),
            rx.el.p(
                rx.el.a(m.url, href=m.url, target="_blank", rel="noopener noreferrer"),
                rx.cond(m.made, rx.el.span(" ", T["video.made"], class_name="muted"), ""),
            ),
            rx.fragment(),
        ),
        _link_form(m) if staff else rx.fragment(),
        class_name="card",
    )


def video_section(staff: bool = False) -> rx.Component:
    """The section, shown only when the family has remote meetings to come."""
    return rx.cond(
        S.rows.length() > 0,
        rx.el.section(
            rx.el.h2(T["video.title"], id="video-meetings"),
            rx.el.p(T["video.lead"], class_name="muted"),
            rx.el.ul(rx.foreach(S.rows, lambda m: _card(m, staff)), class_name="plain-list"),
            aria_labelledby="video-meetings",
        ),
        rx.fragment(),
    )
