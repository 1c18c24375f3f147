"""Where Clerk sends replies (issue 13, finding 5). Anonymous mode listens on 127.0.0.1 and
answers only loopback service URLs; with an app id only the service URL the token vouches for.
A forged ``serviceUrl`` must never make Clerk send a request anywhere."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.app import create_app
from bot.config import Settings
from cli.bot_cmds import listen_on
from tests.faults.conftest import Server, activity, footprint
from tests.faults.test_auth import APP_ID, ISSUER, OpenIdServer, token


class Internal:
    """A service on 127.0.0.1 that must never hear from Clerk (stands for anything internal)."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        self.app = web.Application()
        self.app.router.add_route("*", "/{tail:.*}", self.receive)

    async def receive(self, request: web.Request) -> web.Response:
        self.requests.append(f"{request.method} {request.path}")
        return web.json_response({"id": "x"})


@pytest.fixture
async def internal():
    found = Internal()
    server = TestServer(found.app, host="127.0.0.1")
    await server.start_server()
    found.url = str(server.make_url("/internal/"))
    yield found
    await server.close()


@pytest.mark.parametrize("service_url", [
    "http://169.254.169.254/latest/meta-data/",  # a cloud's instance metadata
    "http://10.1.2.3:8080/internal/",
    "https://52.112.0.1/emea/",  # a public address (a real connector, unauthenticated)
    "http://localhost.evil.invalid/",  # a name that only starts like loopback
    "not a url",
])
async def test_anonymous_mode_refuses_service_urls_off_this_machine(board, service_url):
    sent = activity(text="close action 1 - forged", serviceUrl=service_url)
    before = footprint(board)
    async with TestClient(TestServer(create_app(board, Settings(reminder_interval=0)),
                                     host="127.0.0.1")) as http:
        response = await http.post("/api/messages", json=sent)
        assert response.status == 401
    assert board.clerk.action(1).status == "open"
    assert footprint(board) == before


async def test_anonymous_mode_replies_to_a_loopback_connector(board, connector):
    sent = activity(text="close action 1 - letter sent", serviceUrl=connector.url)
    async with TestClient(TestServer(create_app(board, Settings(reminder_interval=0)),
                                     host="127.0.0.1")) as http:
        response = await http.post("/api/messages", json=sent)
        assert response.status in (200, 201), await response.text()
    assert board.clerk.action(1).status == "completed"
    assert any("Closed action 1:" in (body or {}).get("text", "")
               for _, _, body in connector.requests)


async def test_with_an_app_id_replies_go_only_where_the_token_vouches(
    board, connector, internal, keys
):
    """A valid token for the real connector, an activity naming an internal URL: refused,
    and the internal service never hears from Clerk; the same token with its own URL works.
    (botbuilder's channel validation compares the claim too; ``StrictAuthentication`` checks
    it whatever path botbuilder took, so this holds with either check alone.)"""
    openid = OpenIdServer(keys[0].public_key())
    settings = Settings(APP_ID=APP_ID, APP_PASSWORD="not-used-offline", reminder_interval=0,
                        TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL=(
                            f"{openid.url}/.well-known/openid-configuration"),
                        TO_BOT_FROM_CHANNEL_TOKEN_ISSUER=ISSUER)
    vouched = {"Authorization": f"Bearer {token(keys[0], service_url=connector.url)}"}
    try:
        async with TestClient(TestServer(create_app(board, settings), host="127.0.0.1")) as http:
            forged = activity(text="close action 1 - forged", serviceUrl=internal.url)
            response = await http.post("/api/messages", json=forged, headers=vouched)
            assert response.status == 401
            assert internal.requests == []
            assert board.clerk.action(1).status == "open"
            # (expectReplies: a reply POSTed with an app id would first fetch an app token)
            genuine = activity(text="close action 1 - letter sent", serviceUrl=connector.url,
                               deliveryMode="expectReplies")
            response = await http.post("/api/messages", json=genuine, headers=vouched)
            assert response.status == 200, await response.text()
        assert board.clerk.action(1).status == "completed"
        assert internal.requests == []
    finally:
        openid.close()


@pytest.fixture(scope="module")
def keys():
    from tests.faults.test_auth import _key

    return (_key(),)


def test_listen_on_defaults_to_this_machine_without_an_app_id():
    assert listen_on(None, Settings()) == "127.0.0.1"
    assert listen_on(None, Settings(APP_ID=APP_ID)) == "0.0.0.0"
    assert listen_on("0.0.0.0", Settings()) == "0.0.0.0"  # asked for (and warned about)


def _listening(port: int) -> set[str]:
    """Local addresses with a socket listening on ``port`` (from /proc/net/tcp and tcp6)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, _, hex_port = local.rpartition(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                found.add(address)
    return found


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="reads Linux's socket table")
def test_clerk_serve_without_an_app_id_listens_on_loopback_only(db_url, tmp_path):
    server = Server(db_url, tmp_path / "serve.log", host=None)
    try:
        server.wait(timeout=30)
        deadline = time.monotonic() + 5
        while not _listening(server.port) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _listening(server.port) == {"0100007F"}  # 127.0.0.1, and nothing else
    finally:
        server.stop()
