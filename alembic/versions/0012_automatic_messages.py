"""Messages the app writes in a worker's name (the handover notice) are marked, so the work
list does not take them for a reply to what the family asked; the work list's covering index
holds the mark too.

Revision ID: 0012_automatic_messages
Revises: 0011_reminders_and_feedback
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0012_automatic_messages"
down_revision: str | None = "0011_reminders_and_feedback"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("message") as batch:
        batch.add_column(
            sa.Column("automatic", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    # The handover notices already sent: the message a handover wrote at the handover's moment.
    op.execute(
        "UPDATE message SET automatic = TRUE WHERE EXISTS (SELECT 1 FROM handover h "
        "WHERE h.family_id = message.family_id AND h.to_worker_id = message.sender_id "
        "AND h.at = message.sent_at)"
    )
    with op.batch_alter_table("message") as batch:
        batch.drop_index("ix_message_family_sender_sent")
        batch.create_index(
            "ix_message_family_sender_sent", ["family_id", "sender_id", "sent_at", "automatic"]
        )


def downgrade() -> None:
    with op.batch_alter_table("message") as batch:
        batch.drop_index("ix_message_family_sender_sent")
        batch.create_index("ix_message_family_sender_sent", ["family_id", "sender_id", "sent_at"])
        batch.drop_column("automatic")
