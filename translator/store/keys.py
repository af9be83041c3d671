"""API keys: create, list, revoke, verify. Only the SHA-256 of a key's secret is stored.

A secret is ``tr_`` and 32 URL-safe random characters; its first 8 characters are kept as the
key's ``prefix``, shown in lists and used to find the key before its hash is compared in
constant time.

Writes are open while no key has ever been created. Once one has, a write needs an active key,
even after every key was revoked, unless the server is opened again explicitly
(``open_access``) and no key is active.
"""

import hashlib
import hmac
import secrets

from sqlmodel import Session, col, exists, func, select

from translator.errors import InvalidRequest, NotFound
from translator.store.models import ApiKey, ApiKeyPublic, utcnow

SECRET_PREFIX = "tr_"
PREFIX_LENGTH = 8
MAX_ID = 2**31 - 1  # ids are 32-bit integers in PostgreSQL


def create_key(session: Session, label: str) -> tuple[ApiKeyPublic, str]:
    """A new key and its secret, which is shown this once and never stored."""
    label = label.strip()
    if not 1 <= len(label) <= 100:
        raise InvalidRequest("a key's label must have 1 to 100 characters")
    secret = SECRET_PREFIX + secrets.token_urlsafe(24)
    key = ApiKey(label=label, prefix=secret[:PREFIX_LENGTH], key_hash=_hash(secret))
    session.add(key)
    session.commit()
    return ApiKeyPublic.model_validate(key), secret


def list_keys(session: Session) -> list[ApiKeyPublic]:
    """Every key, revoked ones too, oldest first."""
    keys = session.exec(select(ApiKey).order_by(col(ApiKey.id))).all()
    return [ApiKeyPublic.model_validate(key) for key in keys]


def revoke_key(session: Session, id_or_prefix: int | str) -> ApiKeyPublic:
    """Revoke a key given its id or prefix (revoking a revoked key changes nothing)."""
    ref = str(id_or_prefix)
    if ref.isascii() and ref.isdigit() and len(ref) < 10 and int(ref) <= MAX_ID:
        keys = session.exec(select(ApiKey).where(ApiKey.id == int(ref))).all()
    else:
        keys = session.exec(select(ApiKey).where(ApiKey.prefix == ref)).all()
    if not keys:
        raise NotFound(f"no API key {ref!r}")
    if len(keys) > 1:
        raise InvalidRequest(f"several API keys start with {ref!r}; give the id")
    (key,) = keys
    if key.revoked_at is None:
        key.revoked_at = utcnow()
        session.commit()
    return ApiKeyPublic.model_validate(key)


def any_active_keys(session: Session) -> bool:
    """Whether any key is not revoked."""
    return bool(session.exec(select(exists().where(col(ApiKey.revoked_at).is_(None)))).one())


def writes_need_key(session: Session, open_access: bool) -> bool:
    """Whether a write needs an active key: once any key was created, revoked since or not,
    unless ``open_access`` and no key is active (see the module docstring)."""
    counts = select(func.count(), func.count(ApiKey.revoked_at)).select_from(ApiKey)
    created, revoked = session.exec(counts).one()
    return created > 0 and not (open_access and created == revoked)


def verify_key(session: Session, secret: str) -> int | None:
    """The id of the key, not revoked, whose secret is ``secret``; None if there is none."""
    digest = _hash(secret)
    rows = session.exec(
        select(ApiKey.id, ApiKey.key_hash).where(
            ApiKey.prefix == secret[:PREFIX_LENGTH], col(ApiKey.revoked_at).is_(None)
        )
    ).all()
    matches = [(hmac.compare_digest(digest, stored), id_) for id_, stored in rows]  # no early exit
    return next((id_ for match, id_ in matches if match), None)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()
