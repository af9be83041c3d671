"""Server limits, from ``TRANSLATOR_*`` environment variables (read when the app is made)."""

import os
from dataclasses import dataclass


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value.isdigit() else default


@dataclass(frozen=True)
class Limits:
    """Characters per request, texts per batch, requests per minute per client (0 = no limit)."""

    char_limit: int = 50_000
    batch_limit: int = 100
    rate_per_minute: int = 0

    @classmethod
    def from_env(cls) -> "Limits":
        return cls(
            char_limit=_env_int("TRANSLATOR_CHAR_LIMIT", cls.char_limit),
            batch_limit=_env_int("TRANSLATOR_BATCH_LIMIT", cls.batch_limit),
            rate_per_minute=_env_int("TRANSLATOR_RATE_LIMIT", cls.rate_per_minute),
        )
