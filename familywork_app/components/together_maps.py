"""Together mode, built by tapping: conversation cards, the role map and the network map.

Every card and every role is a toggle button (aria-pressed); the network map is drawn as it
grows, with the same people in a table beside it.
"""

import reflex as rx

from familywork_app import method_content as mc
from familywork_app.components.method_results import network_picture
from familywork_app.components.shell import T
from familywork_app.components.together_forms import error_for
from familywork_app.state.together_maps import TogetherMapsState as M


def _card(deck: str, card: str) -> rx.Component:
    key = f"{deck}.{card}"
    return rx.el.button(
        rx.el.img(src=mc.card_symbol(key), alt="", width="72", height="72"),
        rx.el.span(T[f"card.{key}"], class_name="card-label"),
        rx.el.span(T[f"card.{key}.q"], class_name="card-question"),
        type="button",
        class_name="pick-card",
        aria_pressed=rx.cond(M.picked.contains(key), "true", "false"),
        on_click=M.toggle_card(key),
    )


def cards_activity() -> rx.Component:
    return rx.el.div(
        rx.el.div(
            *[
                rx.el.button(
                    T[f"deck.{deck}"],
                    type="button",
                    class_name="btn btn-secondary big-btn",
                    aria_pressed=rx.cond(M.deck == deck, "true", "false"),
                    on_click=M.show_deck(deck),
                )
                for deck in mc.CARD_DECKS
            ],
            role="group",
            aria_label=T["cards.deck"],
            class_name="actions",
        ),
        *[
            rx.cond(
                M.deck == deck,
                rx.el.div(*[_card(deck, c) for c in cards], class_name="card-grid"),
                rx.fragment(),
            )
            for deck, cards in mc.CARD_DECKS.items()
        ],
        rx.el.h2(T["cards.picked"], " (", M.picked.length(), ")", class_name="h3"),
        rx.cond(
            M.picked.length() > 0,
            rx.el.ul(rx.foreach(M.picked, lambda c: rx.el.li(T["card." + c])), class_name="picked"),
            rx.el.p(T["cards.none_picked"], class_name="muted"),
        ),
        error_for(M, "cards"),
        rx.el.form(
            rx.el.div(
                rx.el.label(T["cards.note"], html_for="cards-note"),
                rx.el.textarea(
                    id="cards-note",
                    name="note",
                    rows=3,
                    max_length=2000,
                    class_name="input",
                    aria_describedby="note-error",
                ),
                error_for(M, "note"),
                class_name="field",
            ),
            rx.el.button(T["cards.save"], type="submit", class_name="btn btn-primary big-btn"),
            on_submit=M.save_cards,
            reset_on_submit=False,
            class_name="form",
        ),
    )


def _role_row(task: str) -> rx.Component:
    chosen = M.roles[task]
    return rx.el.fieldset(
        rx.el.legend(T[f"role.task.{task}"]),
        rx.el.div(
            rx.foreach(
                M.members,
                lambda m: rx.el.button(
                    m.label,
                    type="button",
                    class_name="toggle-tile",
                    aria_pressed=rx.cond(chosen.contains(m.value), "true", "false"),
                    on_click=M.toggle_role(task, m.value),
                ),
            ),
            class_name="tiles",
        ),
        error_for(M, f"task-{task}"),
        class_name="big-group",
    )


def rolemap_activity() -> rx.Component:
    return rx.el.div(
        rx.el.p(T["role.instructions"]),
        *[_role_row(task) for task in mc.ROLE_TASKS],
        rx.el.button(
            T["role.save"],
            type="button",
            class_name="btn btn-primary big-btn",
            on_click=M.save_rolemap,
        ),
    )


def _choice(name: str, label_key: str, options: list[tuple[str, str]]) -> rx.Component:
    return rx.el.fieldset(
        rx.el.legend(T[label_key]),
        rx.el.div(
            *[
                rx.el.label(
                    rx.el.input(type="radio", name=name, value=v, class_name="tile-input"),
                    rx.el.span(T[k]),
                    class_name="tile",
                )
                for v, k in options
            ],
            class_name="tiles",
        ),
        error_for(M, name),
        class_name="big-group",
    )


def _add_person_form() -> rx.Component:
    return rx.el.form(
        rx.el.div(
            rx.el.label(T["net.name"], html_for="net-name"),
            rx.el.input(
                id="net-name",
                name="name",
                max_length=mc.NETWORK_NAME_MAX,
                class_name="input big-input",
                aria_describedby="name-error",
            ),
            error_for(M, "name"),
            class_name="field",
        ),
        rx.el.div(
            rx.el.label(T["net.category"], html_for="net-category"),
            rx.el.select(
                rx.el.option(T["apply.choose"], value=""),
                *[rx.el.option(T[f"net.cat.{c}"], value=c) for c in mc.NETWORK_CATEGORIES],
                id="net-category",
                name="category",
                class_name="input big-input",
                default_value="",
                aria_describedby="category-error",
            ),
            error_for(M, "category"),
            class_name="field",
        ),
        _choice("closeness", "net.closeness", [(str(n), f"net.close.{n}") for n in mc.CLOSENESS]),
        _choice("effect", "net.effect", [(e, f"net.effect.{e}") for e in mc.EFFECTS]),
        rx.el.button(T["net.add"], type="submit", class_name="btn btn-secondary big-btn"),
        on_submit=M.add_person,
        reset_on_submit=False,
        class_name="form",
    )


def network_activity() -> rx.Component:
    return rx.el.div(
        rx.el.div(
            _add_person_form(),
            rx.el.div(
                network_picture(M.draft_nodes),
                rx.cond(
                    M.draft_rows.length() > 0,
                    rx.el.ul(
                        rx.foreach(
                            M.draft_rows,
                            lambda r: rx.el.li(
                                rx.el.span(
                                    r.sign,
                                    " ",
                                    r.name,
                                    " · ",
                                    r.category,
                                    " · ",
                                    r.closeness,
                                    " · ",
                                    r.effect,
                                ),
                                rx.el.button(
                                    T["net.remove"],
                                    " ",
                                    r.name,
                                    type="button",
                                    class_name="btn btn-secondary btn-small",
                                    on_click=M.remove_person(r.index),
                                ),
                            ),
                        ),
                        class_name="plain-list net-list",
                    ),
                    rx.el.p(T["net.empty_draft"], class_name="muted"),
                ),
                class_name="net-draft",
            ),
            class_name="net-layout",
        ),
        error_for(M, "network"),
        rx.el.button(
            T["net.save"],
            type="button",
            class_name="btn btn-primary big-btn",
            on_click=M.save_network,
        ),
    )
