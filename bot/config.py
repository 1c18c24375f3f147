"""Settings, read once from the environment (the names Azure Bot Service uses)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from bot.uploads import DOWNLOAD_TIMEOUT, MAX_UPLOAD_BYTES


@dataclass(frozen=True)
class Settings:
    """Attribute names in capitals are the ones botbuilder's configuration objects read."""

    APP_ID: str = ""
    APP_PASSWORD: str = ""
    APP_TYPE: str = "MultiTenant"
    APP_TENANTID: str = ""
    allowed_tenants: frozenset[str] = field(default_factory=frozenset)
    max_body_bytes: int = 256 * 1024
    max_upload_bytes: int = MAX_UPLOAD_BYTES  # one minutes file attached in Teams
    download_timeout: float = DOWNLOAD_TIMEOUT  # seconds to fetch that file
    public_url: str = "http://127.0.0.1:3978"  # where users' browsers reach this bot
    reminder_days: int = 7
    reminder_interval: float = 300  # seconds between scheduler runs; 0 turns reminders off
    # Where inbound tokens' signing keys and issuer come from; None = botbuilder's public
    # cloud defaults. Tests point them at a local OpenID server (tests/faults/test_auth.py).
    TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL: str | None = None
    TO_BOT_FROM_CHANNEL_TOKEN_ISSUER: str | None = None
    # Where the app's outbound token comes from (msal's authority); None = botbuilder's public
    # cloud login. Tests point it at a local login endpoint, not known to Microsoft, hence
    # VALIDATE_AUTHORITY (msal's instance discovery) off there.
    TO_CHANNEL_FROM_BOT_LOGIN_URL: str | None = None
    VALIDATE_AUTHORITY: bool = True

    @property
    def anonymous(self) -> bool:
        return not self.APP_ID

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        tenants = env.get("CLERK_ALLOWED_TENANTS", "").replace(";", ",")
        return cls(
            APP_ID=env.get("MicrosoftAppId", ""),
            APP_PASSWORD=env.get("MicrosoftAppPassword", ""),
            APP_TYPE=env.get("MicrosoftAppType", "") or "MultiTenant",
            APP_TENANTID=env.get("MicrosoftAppTenantId", ""),
            allowed_tenants=frozenset(t.strip() for t in tenants.split(",") if t.strip()),
            public_url=env.get("CLERK_PUBLIC_URL", cls.public_url).rstrip("/"),
            reminder_days=int(env.get("CLERK_REMINDER_DAYS", cls.reminder_days)),
            reminder_interval=float(env.get("CLERK_REMINDER_INTERVAL", cls.reminder_interval)),
            max_upload_bytes=int(float(env.get("CLERK_MAX_UPLOAD_MB", MAX_UPLOAD_BYTES / 1_048_576))
                                 * 1_048_576),
            download_timeout=float(env.get("CLERK_DOWNLOAD_TIMEOUT", cls.download_timeout)),
        )
