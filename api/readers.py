"""Who may read unpublished versions: a request with a valid API key, or anyone while no
key is needed (no key was ever created, or the server was opened again: see ``store.keys``).
Readers without one get the sources and the published versions only."""

from typing import Annotated

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from sqlmodel import Session

from api.deps import SettingsDep, request_api_key
from api.errors import ApiError
from translator.store import keys
from translator.store.db import get_engine


async def sees_drafts(request: Request, settings: SettingsDep) -> bool:
    """Whether the request may read unpublished versions; a key that is given but not valid
    is a 403, as on a write (a reader's typo should not silently hide the drafts)."""
    secret = await request_api_key(request)
    return await run_in_threadpool(_sees_drafts, secret, settings.open_access)


async def need_drafts(drafts: Annotated[bool, Depends(sees_drafts)]) -> None:
    """For the editors' reads (a version's working text, its segments, exports)."""
    if not drafts:
        raise ApiError(403, "Please provide an API key")


def _sees_drafts(secret: str | None, open_access: bool) -> bool:
    """Its own short session, closed here, as ``api.deps`` checks keys."""
    with Session(get_engine()) as session:
        if secret and keys.verify_key(session, secret) is not None:
            return True
        if not keys.writes_need_key(session, open_access):
            return True
    if secret:
        raise ApiError(403, "Invalid API key")
    return False


DraftsDep = Annotated[bool, Depends(sees_drafts)]
DraftsGuard = Depends(need_drafts)
