"""Authentication, offline: a local OpenID metadata document and JWKS on 127.0.0.1 (our own RSA
key), botbuilder's validator pointed at it through Settings. With an app id configured every
request without a valid Bot Framework token is a 401 and changes nothing; a valid token signed
by our key is accepted (so the 401s are about the token, not the setup)."""

from __future__ import annotations

import json
import threading
import time
from http.server import ThreadingHTTPServer

import jwt
import pytest
from aiohttp.test_utils import TestClient, TestServer
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from bot.app import create_app
from bot.config import Settings
from tests.faults.conftest import JsonHandler, activity, footprint, texts

APP_ID = "6b1f4c3e-0000-4000-8000-00000000a11d"
ISSUER = "https://api.botframework.test"
KID = "clerk-test-key"


def _key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


class OpenIdServer:
    """Serves /.well-known/openid-configuration and /keys in a thread (botbuilder fetches them
    with blocking ``requests`` from inside the event loop, so not on the test's loop)."""

    def __init__(self, public_key) -> None:
        jwk = json.loads(RSAAlgorithm.to_jwk(public_key))
        jwk.update(kid=KID, use="sig", alg="RS256", endorsements=["msteams"])
        self.hits = 0
        outer = self

        class Handler(JsonHandler):
            def do_GET(self):  # noqa: N802
                outer.hits += 1
                if self.path.startswith("/.well-known/openid-configuration"):
                    body = {"issuer": ISSUER, "jwks_uri": f"{outer.url}/keys",
                            "id_token_signing_alg_values_supported": ["RS256"]}
                elif self.path.startswith("/keys"):
                    body = {"keys": [jwk]}
                else:
                    self.send_error(404)
                    return
                self._answer(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="module")
def keys():
    return _key(), _key()  # ours (published), a stranger's (never published)


@pytest.fixture
async def secured(board, keys):
    openid = OpenIdServer(keys[0].public_key())
    settings = Settings(APP_ID=APP_ID, APP_PASSWORD="not-used-offline", reminder_interval=0,
                        TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL=(
                            f"{openid.url}/.well-known/openid-configuration"),
                        TO_BOT_FROM_CHANNEL_TOKEN_ISSUER=ISSUER)
    async with TestClient(TestServer(create_app(board, settings), host="127.0.0.1")) as http:
        yield http, openid
    openid.close()


def token(key, *, kid: str = KID, aud: str = APP_ID, expires_in: float = 600,
          service_url: str = "http://localhost:56150/_connector", iss: str = ISSUER) -> str:
    now = int(time.time())
    claims = {"iss": iss, "aud": aud, "serviceurl": service_url, "nbf": now - 60,
              "iat": now - 60, "exp": now + int(expires_in)}
    return jwt.encode(claims, key, algorithm="RS256", headers={"kid": kid})


def close_one() -> dict:
    return activity(text="close action 1 - forged", deliveryMode="expectReplies")


async def test_a_valid_token_signed_by_the_published_key_is_accepted(secured, keys, board):
    http, openid = secured
    response = await http.post("/api/messages", json=close_one(),
                               headers={"Authorization": f"Bearer {token(keys[0])}"})
    assert response.status == 200, await response.text()
    assert "Closed action 1:" in texts(await response.json())
    assert board.clerk.action(1).status == "completed"
    assert openid.hits >= 2  # the key really came from the local metadata


@pytest.mark.parametrize("case", ["no header", "not bearer", "malformed", "unknown key",
                                  "unknown kid", "expired", "wrong audience", "wrong issuer",
                                  "wrong service url", "unsigned"])
async def test_requests_without_a_valid_token_get_401_and_change_nothing(
    secured, keys, board, case
):
    http, _ = secured
    ours, stranger = keys
    headers = {
        "no header": {},
        "not bearer": {"Authorization": f"Basic {token(ours)}"},
        "malformed": {"Authorization": "Bearer not.a.jwt"},
        "unknown key": {"Authorization": f"Bearer {token(stranger)}"},
        "unknown kid": {"Authorization": f"Bearer {token(stranger, kid='other-key')}"},
        "expired": {"Authorization": f"Bearer {token(ours, expires_in=-3600)}"},
        "wrong audience": {"Authorization": f"Bearer {token(ours, aud='another-bot')}"},
        "wrong issuer": {"Authorization": f"Bearer {token(ours, iss='https://evil.test')}"},
        "wrong service url": {"Authorization": (
            f"Bearer {token(ours, service_url='https://evil.test/')}")},
        "unsigned": {"Authorization": "Bearer " + jwt.encode(
            {"iss": ISSUER, "aud": APP_ID, "exp": int(time.time()) + 600}, None,
            algorithm="none")},
    }[case]
    before = footprint(board)
    response = await http.post("/api/messages", json=close_one(), headers=headers)
    assert response.status == 401
    body = await response.text()
    assert "Traceback" not in body and "File \"" not in body
    assert board.clerk.action(1).status == "open"
    assert footprint(board) == before


async def test_anonymous_only_without_an_app_id(board):
    """No app id: no token needed (local testing). The same request with an app id: 401."""
    for settings, expected in ((Settings(reminder_interval=0), 200),
                               (Settings(APP_ID=APP_ID, reminder_interval=0), 401)):
        app = create_app(board, settings)
        async with TestClient(TestServer(app, host="127.0.0.1")) as http:
            response = await http.post("/api/messages",
                                       json=activity(text="my actions",
                                                     deliveryMode="expectReplies"))
            assert response.status == expected
