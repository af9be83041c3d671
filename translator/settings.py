"""The server's settings: one pydantic-settings model over ``TRANSLATOR_*`` variables.

A value that does not parse (``TRANSLATOR_RATE_LIMIT=10/min``) is an error that names the
variable, never a silent default. ``Settings()`` reads the environment; tests build one with
keyword arguments.
"""

from pydantic import Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from translator.errors import TranslatorError


class Settings(BaseSettings):
    """Limits, database pool, access and public address of the HTTP server."""

    model_config = SettingsConfigDict(env_prefix="TRANSLATOR_", extra="ignore", frozen=True)

    char_limit: int = Field(50_000, ge=0, description="Characters per request (0 = no limit).")
    batch_limit: int = Field(100, ge=0, description="Texts per /translate request (0 = none).")
    rate_limit: int = Field(0, ge=0, description="Requests per minute per client (0 = off).")
    rate_clients: int = Field(10_000, ge=1, description="Clients the rate limiter remembers.")
    db_pool_size: int = Field(8, ge=1, description="Database connections kept open.")
    db_pool_overflow: int = Field(8, ge=0, description="Extra connections under load.")
    db_pool_timeout: float = Field(5.0, gt=0, description="Seconds to wait for a connection.")
    db_busy_timeout: float = Field(5.0, gt=0, description="SQLite: seconds to wait for a lock.")
    glossary_max_bytes: int = Field(2_000_000, ge=1, description="Bytes of a glossary upload.")
    glossary_max_entries: int = Field(10_000, ge=1, description="Entries of a glossary upload.")
    max_body_bytes: int = Field(
        5_000_000, ge=1, description="Bytes of a request body (beyond: 413, before parsing)."
    )
    open_access: bool = Field(
        False, description="Open writes again after every API key was revoked."
    )
    public_url: str | None = Field(
        None, description="The server's public base URL, for links (default: relative links)."
    )
    retry_after: int = Field(2, ge=1, description="Seconds a 503 asks the client to wait.")
    trust_proxy: bool = Field(
        False, description="Take the client address from X-Forwarded-For (behind a proxy)."
    )


class SettingsError(TranslatorError):
    """A ``TRANSLATOR_*`` variable holds a value its setting cannot take."""

    exit_code = 2


def load_settings() -> Settings:
    """The settings from the environment; a bad value is a ``SettingsError`` naming it."""
    try:
        return Settings()
    except ValidationError as exc:
        error = exc.errors()[0]
        name = "TRANSLATOR_" + str(error["loc"][0]).upper() if error["loc"] else "TRANSLATOR_*"
        raise SettingsError(f"{name}: {error['msg']} (got {error.get('input')!r})") from None
