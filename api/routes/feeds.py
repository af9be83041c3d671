"""Atom feeds for readers: per language, the articles published in it."""

from typing import Annotated

from fastapi import APIRouter, Path, Request, Response

from api.deps import SessionDep, SettingsDep
from api.errors import STORED, responses
from translator.exports.atom import to_atom
from translator.store import publishing
from translator.store.models import LANG_PATTERN

router = APIRouter(prefix="/v1/feeds", tags=["feeds"])
FEED_SIZE = 50  # entries in a feed


@router.get(
    "/{lang}.atom",
    response_class=Response,
    responses={200: {"content": {"application/atom+xml": {}}}} | responses(422, *STORED),
)
def atom(
    lang: Annotated[str, Path(pattern=LANG_PATTERN)],
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
) -> Response:
    """Atom 1.0: the 50 articles last published in `lang` (and written in it), newest first,
    with `hreflang` alternates. Links are under `public_url`, else the request's base URL."""
    base = (settings.public_url or str(request.base_url)).rstrip("/")
    data = to_atom(lang, publishing.feed(session, lang, FEED_SIZE), base)
    return Response(data, media_type="application/atom+xml")
