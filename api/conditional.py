"""Conditional GET for the article reads (RFC 9110 §8.8.3, §13.1.2; RFC 9111 §5.2.2).

A read's JSON body is built once, here, and its strong ``ETag`` is a digest of that body and
of the row version of the working text it shows (a review edit that leaves the text as it is,
an approval, still moves it on): every change a response shows, an article's ``revision``, a
version's ``row_version``, ``status`` or text, a new language, gives another tag. A request
whose ``If-None-Match`` holds the tag (weak comparison, so ``W/"…"`` matches too) or ``*`` is
answered ``304 Not Modified`` with no body. Published texts and sources may be kept by any
cache for :data:`MAX_AGE` seconds; everything else only by the client, revalidated each time.
"""

import hashlib
import re
from typing import Annotated, Any

from fastapi import Depends, Header, Request, Response
from pydantic import BaseModel

MAX_AGE = 60
PUBLIC = f"public, max-age={MAX_AGE}"
PRIVATE = "private, no-cache"
ENTITY_TAG = re.compile(r'(?:W/)?("[^"]*")')
RESPONSES: dict[int | str, dict[str, Any]] = {
    304: {"description": "Not Modified: the `ETag` in `If-None-Match` is the current one"}
}


async def if_none_match(
    request: Request,
    if_none_match: Annotated[
        str | None,
        Header(description="ETags the client has: the current one gets a `304`, no body"),
    ] = None,
) -> str | None:
    """Every ``If-None-Match`` field of the request, as one list."""
    fields = request.headers.getlist("if-none-match")
    return ", ".join(fields) if fields else None


IfNoneMatch = Annotated[str | None, Depends(if_none_match)]


def etag(body: bytes, row_version: int | None) -> str:
    """The strong entity tag of ``body``, served from a text at ``row_version``."""
    digest = hashlib.blake2b(body, digest_size=16)
    digest.update(b"" if row_version is None else b"\0%d" % row_version)
    return f'"{digest.hexdigest()}"'


def matches(if_none_match: str | None, tag: str) -> bool:
    """Whether ``If-None-Match`` holds ``tag`` (weak comparison) or is ``*``."""
    if if_none_match is None:
        return False
    if if_none_match.strip() == "*":
        return True
    return tag in ENTITY_TAG.findall(if_none_match)


def respond(
    model: BaseModel,
    if_none_match: str | None,
    *,
    row_version: int | None,
    public: bool,
    vary: str,
    headers: dict[str, str] | None = None,
) -> Response:
    """``model`` as JSON with its ``ETag``, ``Cache-Control`` and ``Vary`` (and ``headers``),
    or a ``304`` with these three alone when the client has it already."""
    body = model.model_dump_json().encode()
    tag = etag(body, row_version)
    validators = {"ETag": tag, "Cache-Control": PUBLIC if public else PRIVATE, "Vary": vary}
    if matches(if_none_match, tag):
        return Response(status_code=304, headers=validators)
    return Response(body, media_type="application/json", headers=validators | (headers or {}))
