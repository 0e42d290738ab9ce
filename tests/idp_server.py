"""The test identity provider (`familywork_app.test_idp`) served over real HTTP on a free loopback
port, in a thread of the test process, for the provider's own tests and the relying party's.

    with idp_server([client], fault=Fault.EXPIRED) as base_url:
        issuer = f"{base_url}/test-idp/suomifi"

The server is Granian's embedded ASGI server (Granian is Reflex's own server, already in the
environment; uvicorn is not). `idp_base_url` below is the same as a pytest fixture factory.
"""

import asyncio
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager

import httpx
import pytest
from granian.constants import Interfaces
from granian.log import LogLevels
from granian.server.embed import Server
from starlette.applications import Starlette

from familywork_app.oidc_profile import TEST_IDP_MOUNT
from familywork_app.test_idp import Fault, RegisteredClient, test_idp_app
from tests.pg_server import _free_port

_START_SECONDS = 15


def _serve(server: Server, loop: asyncio.AbstractEventLoop) -> None:
    asyncio.set_event_loop(loop)
    loop.run_until_complete(server.serve())


@contextmanager
def idp_server(clients: Sequence[RegisteredClient], fault: Fault | None = None) -> Iterator[str]:
    """Start both test providers for `clients` (and `fault`); yield the base URL
    (http://127.0.0.1:<port>, issuers under it at /test-idp/<provider>); stop them."""
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    app = test_idp_app(base_url, clients, fault)
    with serve_asgi(app, port, f"{TEST_IDP_MOUNT}/suomifi/jwks"):
        yield base_url


@contextmanager
def serve_asgi(app: Starlette, port: int, probe_path: str) -> Iterator[str]:
    """Serve `app` on 127.0.0.1:`port` in a thread until the block ends; yield its base URL once
    `probe_path` answers."""
    base_url = f"http://127.0.0.1:{port}"
    server = Server(
        app,
        address="127.0.0.1",
        port=port,
        interface=Interfaces.ASGINL,
        log_level=LogLevels.warning,
        websockets=False,
    )
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=_serve, args=(server, loop), daemon=True)
    thread.start()
    try:
        _wait_until_serving(base_url + probe_path, thread)
        yield base_url
    finally:
        loop.call_soon_threadsafe(server.stop)
        thread.join(timeout=_START_SECONDS)
        loop.close()


def _wait_until_serving(url: str, thread: threading.Thread) -> None:
    deadline = time.monotonic() + _START_SECONDS
    while time.monotonic() < deadline and thread.is_alive():
        try:
            httpx.get(url, timeout=1.0)  # any answer (503 with Fault.DOWN too) means it is up
            return
        except httpx.TransportError:
            time.sleep(0.05)
    raise RuntimeError("the test identity provider did not start")


IdpFactory = Callable[..., str]


@pytest.fixture
def idp_base_url() -> Iterator[IdpFactory]:
    """A factory fixture: `idp_base_url(clients, fault=None)` starts a provider for this test and
    returns its base URL; every provider started is stopped after the test. Import it into a
    test module (`from tests.idp_server import idp_base_url  # noqa: F401`) to use it."""
    with ExitStack() as stack:

        def start(clients: Sequence[RegisteredClient], fault: Fault | None = None) -> str:
            return stack.enter_context(idp_server(clients, fault))

        yield start
