"""Every ``TRANSLATOR_*`` variable: one pydantic-settings model, read once per environment.

A value that does not parse (``TRANSLATOR_RATE_LIMIT=10/min``) is a :class:`SettingsError` that
names the variable and what it expects, never a silent default; an empty variable counts as
unset. :func:`load_settings` parses the environment the first time it is asked and again only
when a ``TRANSLATOR_*`` variable has changed since (tests change them per test), so a process
parses its settings once. Tests build other settings with keyword arguments: ``Settings(...)``.
"""

import os
from pathlib import Path
from typing import Annotated

from pydantic import BeforeValidator, Field, ValidationError
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from translator.errors import TranslatorError

PREFIX = "TRANSLATOR_"


def _comma_list(value: object) -> object:
    """``"https://a.example, https://b.example"`` from the environment as a list."""
    if isinstance(value, str):
        return [item.strip() for item in value.split(",") if item.strip()]
    return value


Origins = Annotated[list[str], NoDecode, BeforeValidator(_comma_list)]


class Settings(BaseSettings):
    """Where state lives, how the engine runs, and the HTTP server's limits and access."""

    model_config = SettingsConfigDict(
        env_prefix=PREFIX, env_ignore_empty=True, extra="ignore", frozen=True
    )

    home: Path | None = Field(
        None,
        description="State folder: models, glossaries, caches, the SQLite database "
        "(unset: $XDG_DATA_HOME/translator, i.e. ~/.local/share/translator).",
    )
    database_url: str | None = Field(
        None,
        description="Article database, e.g. postgresql://user:password@host/name "
        "(unset: translator.db in the state folder, SQLite).",
    )
    model: Path | None = Field(
        None, description="A local .argosmodel file that `models ensure` installs if needed."
    )
    package_index: str | None = Field(
        None,
        description="Base URL of another Argos package index "
        "(unset: argostranslate's, which honours $ARGOS_PACKAGE_INDEX).",
    )
    beam_size: int = Field(4, ge=1, description="Beam size of the translation search (--beam).")
    threads: int = Field(
        0, ge=0, description="CTranslate2 intra-op threads (0 = all cores; --threads)."
    )
    batch_size: int = Field(32, ge=1, description="Sentences per CTranslate2 batch.")
    char_limit: int = Field(50_000, ge=0, description="Characters per request (0 = no limit).")
    batch_limit: int = Field(100, ge=0, description="Texts per /translate request (0 = none).")
    rate_limit: int = Field(
        0,
        ge=0,
        description="Requests per minute per valid key, else per client address (0 = off).",
    )
    rate_clients: int = Field(10_000, ge=1, description="Clients the rate limiter remembers.")
    db_pool_size: int = Field(8, ge=1, description="Database connections kept open.")
    db_pool_overflow: int = Field(8, ge=0, description="Extra connections under load.")
    db_pool_timeout: float = Field(5.0, gt=0, description="Seconds to wait for a connection.")
    db_busy_timeout: float = Field(
        5.0, gt=0, description="SQLite: seconds a writer waits for the lock."
    )
    glossary_max_bytes: int = Field(
        2_000_000, ge=1, description="Bytes of a glossary upload (beyond: 413)."
    )
    glossary_max_entries: int = Field(
        10_000, ge=1, description="Entries of a glossary upload (beyond: 413)."
    )
    max_body_bytes: int = Field(
        5_000_000, ge=1, description="Bytes of a request body (beyond: 413, before parsing)."
    )
    open_access: bool = Field(
        False, description="Open writes again after every API key was revoked."
    )
    public_url: str | None = Field(
        None,
        description="Base of the URLs in Link headers (unset: relative links, "
        "never the request's Host).",
    )
    retry_after: int = Field(2, ge=1, description="Seconds a 503 asks the client to wait.")
    trust_proxy: bool = Field(
        False, description="Take the client address from X-Forwarded-For (behind a proxy)."
    )
    cors_origins: Origins = Field(
        ["*"],
        description="Origins browsers may call the LibreTranslate endpoints from, "
        "comma-separated (* = any, as LibreTranslate).",
    )
    cors_v1_origins: Origins = Field(
        [],
        description="Origins browsers may call /v1 from, comma-separated "
        "(e.g. https://desk.example; unset: none).",
    )
    batching: bool = Field(
        True,
        description="Batch the sentences of concurrent /translate requests into shared engine "
        "calls (false: each request its own).",
    )
    batch_wait_ms: float = Field(
        5.0,
        ge=0,
        description="Milliseconds a queued sentence waits for more while the engine is busy in "
        "another slot (an idle engine takes it at once).",
    )
    batch_tokens: int = Field(
        4096, ge=1, description="Tokens (estimated) of one shared batch of /translate sentences."
    )
    batch_queue: int = Field(
        2000,
        ge=1,
        description="Sentences that may wait for the engine; beyond, /translate answers 503.",
    )
    job_workers: int = Field(
        1,
        ge=0,
        description="Job items the server runs at once (SQLite: its own runner; PostgreSQL: "
        "an embedded worker; 0 = none, leave them to `translator worker`).",
    )
    job_wait: float = Field(
        120.0, gt=0, description="Seconds POST/PUT /v1/articles wait for their job (wait=true)."
    )
    max_queued_jobs: int = Field(
        50, ge=0, description="Jobs one API key may have queued or running (0 = no limit)."
    )


class SettingsError(TranslatorError):
    """A ``TRANSLATOR_*`` variable holds a value its setting cannot take."""

    exit_code = 2


_Environment = tuple[tuple[str, str], ...]
_parsed: tuple[_Environment, Settings] | None = None


def load_settings() -> Settings:
    """The settings from the environment; a bad value is a ``SettingsError`` naming it."""
    global _parsed
    environment = _translator_environment()
    if _parsed is None or _parsed[0] != environment:
        _parsed = (environment, _parse())
    return _parsed[1]


def env_name(field: str) -> str:
    """The variable that sets ``field``: ``beam_size`` → ``TRANSLATOR_BEAM_SIZE``."""
    return PREFIX + field.upper()


def env_text(value: object) -> str:
    """``value`` as it would be written in the environment (``true``, ``a,b``, empty: unset)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, list):
        return ",".join(str(item) for item in value)
    return str(value)


def _translator_environment() -> _Environment:
    """The ``TRANSLATOR_*`` variables, in any case (the settings match names case-insensitively)."""
    return tuple(sorted(item for item in os.environ.items() if item[0].upper().startswith(PREFIX)))


def _parse() -> Settings:
    try:
        return Settings()
    except ValidationError as exc:
        error = exc.errors()[0]
        name = env_name(str(error["loc"][0])) if error["loc"] else PREFIX + "*"
        raise SettingsError(f"{name}: {error['msg']} (got {error.get('input')!r})") from None
