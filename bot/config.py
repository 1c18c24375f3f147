"""Settings, read once from the environment (the names Azure Bot Service uses)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Settings:
    """Attribute names in capitals are the ones botbuilder's configuration objects read."""

    APP_ID: str = ""
    APP_PASSWORD: str = ""
    APP_TYPE: str = "MultiTenant"
    APP_TENANTID: str = ""
    allowed_tenants: frozenset[str] = field(default_factory=frozenset)
    max_body_bytes: int = 256 * 1024

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
        )
