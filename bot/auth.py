"""Inbound authentication that fails closed: any request that botbuilder cannot prove came
from the Bot Framework is refused with ``PermissionError`` (401), never a 500.

botbuilder 4.17.1 raises ``PermissionError`` for most bad tokens, but a malformed token
(``jwt.DecodeError``), an unknown signing key (``IndexError``), an expired one
(``jwt.ExpiredSignatureError``) or an empty header on some code paths escape as other
exceptions. With an app id configured this wrapper turns all of them into ``PermissionError``.

It also decides where replies may go (``bot.service_url``): with an app id only to the service
URL the token vouches for, whatever path botbuilder took to accept it; without one (anonymous,
local testing only) only to a loopback service URL.
"""

from __future__ import annotations

import logging

from botbuilder.schema import Activity
from botframework.connector.auth import BotFrameworkAuthentication, ClaimsIdentity
from botframework.connector.auth.authenticate_request_result import AuthenticateRequestResult
from botframework.connector.auth.authentication_constants import AuthenticationConstants

from bot.log_safe import clip
from bot.service_url import is_loopback, vouched
from bot.signing_keys import KeysUnavailable

log = logging.getLogger(__name__)
SERVICE_URL_CLAIM = AuthenticationConstants.SERVICE_URL_CLAIM


class DelegatingAuthentication(BotFrameworkAuthentication):
    """Passes every call to ``inner``: the base of the wrappers that change one or two of
    them (here, and ``bot.connector.FastAuthentication``)."""

    def __init__(self, inner: BotFrameworkAuthentication) -> None:
        self.inner = inner

    async def authenticate_request(
        self, activity: Activity, auth_header: str
    ) -> AuthenticateRequestResult:
        return await self.inner.authenticate_request(activity, auth_header)

    async def authenticate_streaming_request(self, auth_header: str, channel_id_header: str):
        return await self.inner.authenticate_streaming_request(auth_header, channel_id_header)

    def create_connector_factory(self, claims_identity: ClaimsIdentity):
        return self.inner.create_connector_factory(claims_identity)

    async def create_user_token_client(self, claims_identity: ClaimsIdentity):
        return await self.inner.create_user_token_client(claims_identity)

    def create_bot_framework_client(self):
        return self.inner.create_bot_framework_client()

    def get_originating_audience(self) -> str:
        return self.inner.get_originating_audience()

    async def authenticate_channel_request(self, auth_header: str) -> ClaimsIdentity:
        return await self.inner.authenticate_channel_request(auth_header)


class StrictAuthentication(DelegatingAuthentication):
    def __init__(self, inner: BotFrameworkAuthentication, app_id: str) -> None:
        super().__init__(inner)
        self.app_id = app_id

    async def authenticate_request(
        self, activity: Activity, auth_header: str
    ) -> AuthenticateRequestResult:
        if not self.app_id:
            if not is_loopback(activity.service_url):
                _refuse("anonymous mode replies only to loopback service URLs, not %s",
                        clip(activity.service_url))
            return await self.inner.authenticate_request(activity, auth_header)
        if not auth_header or not auth_header.strip():
            _refuse("refused a request without an Authorization header")
        try:
            result = await self.inner.authenticate_request(activity, auth_header)
        except PermissionError as error:
            log.warning("refused a request: %s", clip(error))
            raise
        except KeysUnavailable:
            raise
        except Exception as error:  # noqa: BLE001  (any failure to validate is a refusal)
            log.warning("refused a request with an invalid token: %s: %s",
                        type(error).__name__, clip(error))
            raise PermissionError("Unauthorized Access. Request is not authorized") from error
        claimed = result.claims_identity.get_claim_value(SERVICE_URL_CLAIM)
        if not vouched(activity.service_url, claimed):
            _refuse("refused a service URL the token does not vouch for: %s",
                    clip(activity.service_url))
        return result


def _refuse(message: str, *args: object) -> None:
    log.warning(message, *args)
    raise PermissionError("Unauthorized Access. Request is not authorized")
