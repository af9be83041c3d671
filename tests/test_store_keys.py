"""API keys, on SQLite and on PostgreSQL: only a hash of each secret is stored."""

import hashlib
from collections.abc import Iterator

import pytest
from sqlalchemy import text
from sqlmodel import Session

from translator.errors import InvalidRequest, NotFound
from translator.store import keys
from translator.store.db import ensure_schema, get_engine


@pytest.fixture
def session(database: str) -> Iterator[Session]:
    ensure_schema()
    with Session(get_engine()) as session:
        yield session


def test_create_verify_revoke(session: Session) -> None:
    assert not keys.any_active_keys(session)
    key, secret = keys.create_key(session, "  CMS  ")
    assert secret.startswith("tr_") and len(secret) == 3 + 32
    assert (key.label, key.prefix, key.revoked_at) == ("CMS", secret[:8], None)
    assert keys.any_active_keys(session)
    assert keys.verify_key(session, secret)
    assert not keys.verify_key(session, secret[:-1] + ("A" if secret[-1] != "A" else "B"))
    assert not keys.verify_key(session, "")

    other, other_secret = keys.create_key(session, "newsletter")
    assert [k.label for k in keys.list_keys(session)] == ["CMS", "newsletter"]

    revoked = keys.revoke_key(session, key.prefix)
    assert revoked.revoked_at is not None
    assert keys.revoke_key(session, key.prefix) == revoked  # revoking again changes nothing
    assert not keys.verify_key(session, secret)
    assert keys.verify_key(session, other_secret)
    keys.revoke_key(session, other.id)
    assert not keys.any_active_keys(session)
    assert [k.revoked_at is not None for k in keys.list_keys(session)] == [True, True]


def test_the_secret_is_not_stored(session: Session) -> None:
    _, secret = keys.create_key(session, "CMS")
    rows = session.execute(text("SELECT * FROM api_key")).mappings().all()
    (row,) = rows
    assert row["key_hash"] == hashlib.sha256(secret.encode()).hexdigest()
    assert not any(secret in str(value) for value in row.values())


def test_bad_requests(session: Session) -> None:
    with pytest.raises(InvalidRequest):
        keys.create_key(session, " ")
    with pytest.raises(NotFound):
        keys.revoke_key(session, "tr_nope")
    with pytest.raises(NotFound):
        keys.revoke_key(session, 42)
