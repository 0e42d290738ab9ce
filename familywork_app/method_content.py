# pyright: strict
"""What the methods done together consist of: the evaluation statements, the card decks, the
everyday tasks of the role map, the network map's circles and the child's check-in questions.

A ground-floor module beside `domain.py`: every layer may import it (the services check the
answers against it, the pages list the cards from it). Only keys live here; every text a user
sees is in the i18n modules (`method.*`, `card.*`).
"""

from familywork_app.domain import SupportArea

# Family-situation evaluation: one plain-language statement per support area, rated 1–5.
EVALUATION_AREAS: tuple[SupportArea, ...] = tuple(SupportArea)
EVALUATION_SCALE = (1, 2, 3, 4, 5)

CARD_DECKS: dict[str, tuple[str, ...]] = {
    "feelings": ("happy", "sad", "angry", "scared", "calm", "tired", "proud", "worried"),
    "strengths": (
        "caring",
        "brave",
        "funny",
        "helpful",
        "patient",
        "curious",
        "creative",
        "persistent",
    ),
    "everyday": ("morning", "meals", "bedtime", "school", "chores", "play", "outdoors", "screens"),
}
ALL_CARDS = tuple(f"{deck}.{card}" for deck, cards in CARD_DECKS.items() for card in cards)
MAX_PICKED_CARDS = 12

# Role map: who does which everyday things.
ROLE_TASKS = ("mornings", "meals", "bedtime", "school", "chores", "fun")
OTHER_MEMBER = "other"  # "someone else" (a grandparent, a neighbour...)

# Network map: who is around the family, how close, and whether they help or strain.
NETWORK_CATEGORIES = (
    "relatives",
    "friends",
    "neighbours",
    "school",
    "daycare",
    "clinic",
    "hobbies",
    "services",
)
CLOSENESS = (1, 2, 3)  # 1 close, 2 in between, 3 further away
EFFECTS = ("helps", "strains", "both")
MAX_NETWORK_PEOPLE = 24
NETWORK_NAME_MAX = 60

# The child's check-in: a face scale for today and a few picture questions on the same scale.
CHILD_QUESTIONS = ("home", "school", "friends", "sleep")
FACE_SCALE = (1, 2, 3, 4, 5)


def card_symbol(card: str) -> str:
    """The picture of a card ("feelings.happy" -> "/symbols/card-feelings-happy.svg")."""
    return "/symbols/card-" + card.replace(".", "-") + ".svg"
