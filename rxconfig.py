"""Reflex configuration. Everything deployment-specific comes from REFLEX_* environment variables."""

import reflex as rx
from reflex_base.plugins.sitemap import SitemapPlugin

from familywork_app.config import allowed_origins, db_url

config = rx.Config(
    app_name="familywork_app",
    db_url=db_url(),
    cors_allowed_origins=allowed_origins(),
    telemetry_enabled=False,
    show_built_with_reflex=False,
    # No sitemap: almost every page is private.
    disable_plugins=[SitemapPlugin],
)
