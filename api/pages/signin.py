"""Signing in to the review pages with an API key, when keys are in use.

The key is checked once, at sign-in; the browser then holds a session cookie, never the key:
``{key id}.{expiry}.{signature}``, the signature an HMAC-SHA256 of the id and expiry keyed
with the stored hash of that API key (a server-side value that never leaves the server). So
sessions need no table, work across workers and restarts, and end when the key is revoked.
The cookie is ``HttpOnly``, ``SameSite=Strict`` and ``Secure`` (except over plain HTTP to a
loopback address, which browsers treat as secure anyway and tests use).
"""

import hashlib
import hmac
import time
from urllib.parse import quote

from fastapi import Depends, HTTPException, Request, Response
from sqlmodel import Session

from api.deps import SessionDep, SettingsDep
from api.errors import ApiError
from api.pages.security import secure
from translator.store import keys
from translator.store.review import active_key_hash

SESSION_COOKIE = "review_session"
LIFETIME = 12 * 3600  # seconds


def open_session(session: Session, response: Response, request: Request, secret: str) -> bool:
    """Set the session cookie on ``response`` if ``secret`` is an active API key's secret."""
    key_id = keys.verify_key(session, secret) if secret else None
    key_hash = active_key_hash(session, key_id) if key_id is not None else None
    if key_id is None or key_hash is None:
        return False
    expires = int(time.time()) + LIFETIME
    response.set_cookie(
        SESSION_COOKIE,
        f"{key_id}.{expires}.{_sign(key_hash, key_id, expires)}",
        max_age=LIFETIME,
        path="/review",
        httponly=True,
        samesite="strict",
        secure=secure(request),
    )
    return True


def signed_in(session: Session, cookie: str) -> bool:
    """Whether ``cookie`` is an unexpired session of a key that is still active."""
    parts = cookie.split(".")
    if len(parts) != 3 or not (parts[0].isdigit() and parts[1].isdigit()):
        return False
    key_id, expires = int(parts[0]), int(parts[1])
    if expires < time.time() or key_id > 2**31 - 1:
        return False
    key_hash = active_key_hash(session, key_id)
    return key_hash is not None and hmac.compare_digest(_sign(key_hash, key_id, expires), parts[2])


def require(request: Request, session: SessionDep, settings: SettingsDep) -> None:
    """Let a request through if keys are not in use or it has a session; else send a page
    request to the sign-in form and refuse a form post."""
    if not keys.writes_need_key(session, settings.open_access):
        return
    if signed_in(session, request.cookies.get(SESSION_COOKIE, "")):
        return
    if request.method == "GET":
        target = quote(request.url.path + (f"?{request.url.query}" if request.url.query else ""))
        raise HTTPException(303, "sign in first", {"Location": f"/review/sign-in?next={target}"})
    raise ApiError(403, "sign in to the review pages first")


def safe_next(target: str) -> str:
    """Where to go after signing in: a review page of this site, else the list."""
    ok = target.startswith("/review") and "//" not in target and "\\" not in target
    return target if ok else "/review"


def _sign(key_hash: str, key_id: int, expires: int) -> str:
    return hmac.new(key_hash.encode(), f"{key_id}.{expires}".encode(), hashlib.sha256).hexdigest()


SignedIn = Depends(require)
