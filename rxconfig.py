"""Reflex configuration. Everything deployment-specific comes from REFLEX_* environment
variables."""

import os

import reflex as rx
from reflex_base.plugins.sitemap import SitemapPlugin

from familywork_app.config import allowed_origins, db_url
from familywork_app.first_paint import FirstPaintPlugin

# Where each tab's server-side state lives. With several backend workers, in Redis (they must
# share it). With one worker, in memory: the disk manager's alternative pickles every changed
# state in the event loop and scans its whole directory every two seconds, which tripled the p95
# round trip under load (README, load benchmark). Nothing is lost that matters: every page
# loads its data from the database, and a tab whose state is gone is simply loaded again.
_STATE_MANAGER = os.environ.get("REFLEX_STATE_MANAGER_MODE") or (
    "redis" if os.environ.get("REFLEX_REDIS_URL") else "memory"
)
if _STATE_MANAGER == "memory" and os.environ.get("GRANIAN_WORKERS", "1").strip() not in ("", "1"):
    # Each worker would keep its own states: a tab's events landing on another worker would
    # find an empty page. Refuse to start rather than fail at random.
    raise SystemExit(
        "GRANIAN_WORKERS above 1 needs REFLEX_REDIS_URL (the workers share tab "
        "states through Redis)"
    )

config = rx.Config(
    app_name="familywork_app",
    db_url=db_url(),
    cors_allowed_origins=allowed_origins(),
    state_manager_mode=rx.constants.StateManagerMode(_STATE_MANAGER),
    # How many reverse proxies in front append to X-Forwarded-For; Reflex takes the client's
    # address (router.session.client_ip, which the sign-in limits count) from that header only
    # when this is set, and it overrides this 0 with REFLEX_TRUSTED_PROXY_HOPS (1 behind the
    # nginx of README's Production section). With 0 the header is ignored: a browser cannot
    # forge its address, and behind a proxy everyone has the proxy's.
    trusted_proxy_hops=0,
    telemetry_enabled=False,
    show_built_with_reflex=False,
    # No sitemap: almost every page is private.
    disable_plugins=[SitemapPlugin],
    # The prerendered text paints before the page's scripts load (familywork_app/first_paint.py).
    plugins=[FirstPaintPlugin()],
)
