"""What every review page response carries: security headers and the CSRF token.

CSRF protection is the double-submit pattern: a random token per browser session lives in an
``HttpOnly``, ``SameSite=Strict`` cookie and in a hidden field of every form; a POST whose
field does not equal its cookie is refused. The Content-Security-Policy allows scripts and
styles from this origin only (no ``unsafe-inline``): the pages have no inline script or style.
"""

import hmac
import re
import secrets

from fastapi import Request, Response

from api.errors import ApiError

CSRF_COOKIE = "review_csrf"
CSRF_FIELD = "csrf"
TOKEN = re.compile(r"^[A-Za-z0-9_-]{43}$")  # secrets.token_urlsafe(32)
POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
HEADERS = {
    "Content-Security-Policy": POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}


def secure(request: Request) -> bool:
    """Whether cookies get the ``Secure`` flag: always but on plain HTTP to a loopback
    address (which browsers treat as a secure context; the tests use it)."""
    return request.url.scheme == "https" or request.url.hostname not in LOOPBACK


def csrf_token(request: Request) -> str:
    """The browser's token from its cookie, or a new one if it has none (or a malformed one)."""
    token = request.cookies.get(CSRF_COOKIE, "")
    return token if TOKEN.match(token) else secrets.token_urlsafe(32)


def protect(request: Request, response: Response, token: str) -> Response:
    """``response`` with the security headers and the CSRF cookie set."""
    response.headers.update(HEADERS)
    if request.cookies.get(CSRF_COOKIE) != token:
        response.set_cookie(
            CSRF_COOKIE,
            token,
            path="/review",
            httponly=True,
            samesite="strict",
            secure=secure(request),
        )
    return response


def check_csrf(request: Request, submitted: str) -> None:
    """Refuse (403) a form whose token is missing or differs from the cookie's."""
    cookie = request.cookies.get(CSRF_COOKIE, "")
    if not (TOKEN.match(cookie) and hmac.compare_digest(cookie, submitted)):
        raise ApiError(403, "the form's security token is missing or stale; reload the page")
