"""The app's outbound token is a bounded wait too (issue 13, finding 6). msal itself fetches
it, pointed at a login endpoint on 127.0.0.1: one that accepts and never answers, and an https
one (a certificate made per run, trusted through REQUESTS_CA_BUNDLE) that issues tokens and
then falls silent. A turn that cannot get a token is refused at once and changes nothing,
``/healthz`` keeps answering, reminders fail in one line each, and a cached token keeps
replies going while its refresh hangs."""

from __future__ import annotations

import asyncio
import datetime
import ipaddress
import logging
import ssl
import threading
import time
from http.server import ThreadingHTTPServer

import jwt
import pytest
from aiohttp.test_utils import TestClient, TestServer
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from bot import app_token
from bot.adapter import make_adapter
from bot.app import create_app
from bot.chat import render
from bot.config import Settings
from bot.reminders import ReminderScheduler
from tests.bot.test_reminders import due, talk_over_http  # noqa: F401  (the fixture)
from tests.faults.conftest import JsonHandler, activity
from tests.faults.test_auth import APP_ID, ISSUER, OpenIdServer, _key, token
from tests.faults.test_bounded_waits import HOLD, Silent

TENANT = "clerk-test-tenant"
FAILED = "could not get an app token"


class LoginServer:
    """An https login endpoint on 127.0.0.1, as msal reads one: its OpenID configuration and a
    token endpoint issuing JWTs that expire in ``lifetime`` seconds. ``silence()`` makes it
    accept requests and never answer them (each is dropped after HOLD)."""

    def __init__(self, certificate: str, key: str, lifetime: int) -> None:
        self.token_requests = 0
        self.issued: list[str] = []
        self.silent = threading.Event()
        self._release = threading.Event()
        outer = self

        class Handler(JsonHandler):
            def do_GET(self):  # noqa: N802
                if not self.path.endswith("/.well-known/openid-configuration"):
                    self.send_error(404)
                    return
                base = f"{outer.url}/{TENANT}"
                self._answer({"issuer": f"{base}/v2.0",
                              "authorization_endpoint": f"{base}/oauth2/v2.0/authorize",
                              "token_endpoint": f"{base}/oauth2/v2.0/token"})

            def do_POST(self):  # noqa: N802
                outer.token_requests += 1
                if outer.silent.is_set():
                    outer._release.wait(HOLD)
                    self.close_connection = True
                    return
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                issued = jwt.encode({"aud": "https://api.botframework.com", "n": len(outer.issued),
                                     "exp": int(time.time()) + lifetime}, "k" * 32, "HS256")
                outer.issued.append(issued)
                self._answer({"token_type": "Bearer", "expires_in": lifetime,
                              "access_token": issued})

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(certificate, key)
        self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)
        self.url = f"https://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def silence(self) -> None:
        self.silent.set()

    def close(self) -> None:
        self._release.set()
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def trusted(tmp_path, monkeypatch) -> tuple[str, str]:
    """A self-signed certificate for 127.0.0.1, trusted by requests (hence msal) in this test."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(hours=1))
        .add_extension(x509.SubjectAlternativeName(
            [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = tmp_path / "login.pem", tmp_path / "login.key"
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(cert_file))
    return str(cert_file), str(key_file)


@pytest.fixture
def inbound():
    """A signing key and the OpenID server publishing it (inbound tokens are not at issue)."""
    key = _key()
    openid = OpenIdServer(key.public_key())
    yield key, openid
    openid.close()


def _settings(openid: OpenIdServer, login_url: str) -> Settings:
    return Settings(APP_ID=APP_ID, APP_PASSWORD="not-used-offline", reminder_interval=0,
                    TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL=(
                        f"{openid.url}/.well-known/openid-configuration"),
                    TO_BOT_FROM_CHANNEL_TOKEN_ISSUER=ISSUER,
                    TO_CHANNEL_FROM_BOT_LOGIN_URL=f"{login_url}/{TENANT}",
                    VALIDATE_AUTHORITY=False)


async def _timed(request) -> tuple[float, object]:
    started = time.monotonic()
    response = await request
    return time.monotonic() - started, response


def _failures(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if FAILED in r.getMessage()]


def _no_tracebacks(caplog) -> None:
    assert [r.getMessage() for r in caplog.records if r.exc_info] == []


async def test_a_login_endpoint_that_never_answers_freezes_nothing(
    board, connector, inbound, monkeypatch, caplog
):
    monkeypatch.setattr(app_token, "FETCH_TIMEOUT", 2.0)
    key, openid = inbound
    silent = Silent()  # TLS never even starts
    login = silent.url.removesuffix("/metadata").replace("http://", "https://")
    headers = {"Authorization": f"Bearer {token(key, service_url=connector.url)}"}
    sent = activity(text="close action 1 - letter sent", serviceUrl=connector.url)
    caplog.set_level(logging.WARNING)
    try:
        async with TestClient(TestServer(create_app(board, _settings(openid, login)),
                                         host="127.0.0.1")) as http:
            started = time.monotonic()
            message = asyncio.ensure_future(
                _timed(http.post("/api/messages", json=sent, headers=headers)))
            await asyncio.sleep(0.3)  # the token fetch is under way
            health = await http.get("/healthz")
            health_took = time.monotonic() - started  # a frozen loop delays the sleep too
            took, response = await message
            assert health.status == 200 and health_took < 1.5  # the process is not frozen
            assert response.status == 503 and took < 4.0
            assert "cannot reply" in (await response.json())["error"]
            # Backing off: the next turn is refused at once, without waiting for a fetch.
            again = activity(text="close action 1 - letter sent", serviceUrl=connector.url)
            took, response = await _timed(http.post("/api/messages", json=again,
                                                    headers=headers))
            assert response.status == 503 and took < 0.5
    finally:
        silent.close()
    assert silent.accepted >= 1  # msal did knock
    assert board.clerk.action(1).status == "open"  # refused before it changed anything
    assert connector.requests == []
    assert len(_failures(caplog)) == 1
    _no_tracebacks(caplog)


async def test_a_cached_token_keeps_replies_going_while_its_refresh_hangs(
    board, connector, inbound, trusted, monkeypatch, caplog
):
    monkeypatch.setattr(app_token, "FETCH_TIMEOUT", 2.0)
    key, openid = inbound
    # A token msal will not hand out from its cache again (under five minutes left), so the
    # next use starts a refresh from the login endpoint.
    login = LoginServer(*trusted, lifetime=270)
    headers = {"Authorization": f"Bearer {token(key, service_url=connector.url)}"}
    caplog.set_level(logging.WARNING)
    try:
        async with TestClient(TestServer(create_app(board, _settings(openid, login.url)),
                                         host="127.0.0.1")) as http:
            first = await http.post("/api/messages", headers=headers, json=activity(
                text="my actions", serviceUrl=connector.url))
            assert first.status in (200, 201) and login.issued
            login.silence()
            issued = list(login.issued)
            for _ in range(3):
                took, response = await _timed(http.post("/api/messages", headers=headers,
                                                        json=activity(
                    text="my actions", serviceUrl=connector.url)))
                assert response.status in (200, 201) and took < 1.0
            deadline = time.monotonic() + 4
            while not _failures(caplog):  # the refresh gives up after FETCH_TIMEOUT
                assert time.monotonic() < deadline, "the hung refresh was never given up"
                await asyncio.sleep(0.1)
            last = await http.post("/api/messages", headers=headers, json=activity(
                text="my actions", serviceUrl=connector.url))
            assert last.status in (200, 201)
    finally:
        login.close()
    assert login.token_requests >= 2  # the refresh did go to the (silent) endpoint
    replies = [render(body) for _, _, body in connector.requests]
    assert sum("Share the app with schools" in r for r in replies) == 5  # every turn answered
    assert login.issued == issued  # nothing new since it fell silent ...
    assert connector.authorizations[-4:] == [f"Bearer {issued[-1]}"] * 4  # ... the cached one
    failures = _failures(caplog)
    assert len(failures) == 1 and "cached token stays in use" in failures[0]
    _no_tracebacks(caplog)


async def test_reminders_without_a_token_fail_fast_in_one_line_each(
    due, connector, inbound, monkeypatch, caplog  # noqa: F811
):
    monkeypatch.setattr(app_token, "FETCH_TIMEOUT", 2.0)
    _, openid = inbound
    await talk_over_http(due, connector, "Jade Hodgson", "Chris Lyons")
    silent = Silent()
    login = silent.url.removesuffix("/metadata").replace("http://", "https://")
    adapter = make_adapter(_settings(openid, login))
    caplog.set_level(logging.WARNING)
    try:
        scheduler = ReminderScheduler(due, adapter, APP_ID, interval=60, backoff=0.01)
        took, report = await _timed(scheduler.run_once())
    finally:
        silent.close()
        await adapter.bot_framework_authentication.close()
    # The admin's notices (her own link was audited when the board was built) fail alike.
    assert sorted(report.failed) == ["digest:Jade Hodgson", "notices:Jade Hodgson",
                                     "owner:Chris Lyons", "owner:Jade Hodgson"]
    assert report.sent == [] and connector.requests == []
    assert took < 4.0  # one bounded wait, then back-off: the others fail at once
    assert len(_failures(caplog)) == 1
    assert sum("could not send" in r.getMessage() for r in caplog.records) == 4
    _no_tracebacks(caplog)
