"""Idempotency keys: a creating request retried with the same key gets the first answer.

A client that lost the response to a POST (a crash, a timeout) sends it again with the same
``Idempotency-Key``; within :data:`TTL` the stored response comes back instead of a second
article. The same key with another request is a :class:`~translator.errors.Conflict`. The
record is written in the transaction that does the work, so both are stored or neither.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import TypeVar

from pydantic import BaseModel
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, delete, select

from translator.errors import Conflict, InvalidRequest
from translator.store.db import reading, writing
from translator.store.models import IdempotencyRecord, utcnow

TTL = timedelta(hours=24)

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class IdempotencyKey:
    """A client's key for one operation, and the fingerprint of the request it came with."""

    scope: str
    key: str
    fingerprint: str

    @classmethod
    def of(cls, scope: str, key: str, request: BaseModel) -> "IdempotencyKey":
        """The key for ``request`` (validated: the same fields in another layout are equal)."""
        if not 1 <= len(key) <= 255 or not key.isascii() or not key.isprintable() or " " in key:
            raise InvalidRequest("an Idempotency-Key has 1 to 255 visible ASCII characters")
        digest = hashlib.sha256(request.model_dump_json().encode()).hexdigest()
        return cls(scope, key, digest)


def from_header(scope: str, header: str | None, request: BaseModel) -> IdempotencyKey | None:
    """The key an ``Idempotency-Key`` header gives ``request``; None without one (or empty)."""
    return IdempotencyKey.of(scope, header, request) if header else None


def replay(session: Session, key: IdempotencyKey, model: type[M]) -> M | None:
    """The response stored for ``key`` in the last 24 h, or None; another request is a conflict."""
    record = session.exec(
        select(IdempotencyRecord).where(
            IdempotencyRecord.scope == key.scope,
            IdempotencyRecord.key == key.key,
            col(IdempotencyRecord.created_at) > utcnow() - TTL,
        )
    ).first()
    if record is None:
        return None
    if record.fingerprint != key.fingerprint:
        raise Conflict(f"the Idempotency-Key {key.key!r} was used with another request")
    return model.model_validate_json(record.response)


def remember(session: Session, key: IdempotencyKey, response: BaseModel) -> None:
    """Store ``response`` for ``key`` in the current transaction; drop expired records."""
    session.exec(
        delete(IdempotencyRecord).where(col(IdempotencyRecord.created_at) <= utcnow() - TTL)
    )
    session.add(
        IdempotencyRecord(
            scope=key.scope,
            key=key.key,
            fingerprint=key.fingerprint,
            response=response.model_dump_json(),
        )
    )


def once(session: Session, key: IdempotencyKey, model: type[M], work: Callable[[], M]) -> M:
    """``work()``'s result, or the one stored for ``key``; for work outside the database.

    The work runs before its record is written, so it must be safe to repeat (a glossary
    upload replaces the glossary of its name): a crash in between makes the retry run it again.
    """
    with reading(session):
        done = replay(session, key, model)
    if done is not None:
        return done
    result = work()
    try:
        with writing(session):
            remember(session, key, result)
    except IntegrityError:  # the same key, stored meanwhile by a concurrent retry
        with reading(session):
            return replay(session, key, model) or result
    return result
