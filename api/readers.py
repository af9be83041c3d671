"""Who may read unpublished versions: a request with a valid API key, or anyone while no
key is needed (no key was ever created, or the server was opened again: see ``store.keys``).
Readers without one get the sources and the published versions only.

A route that reads in one thread-pool call takes a :class:`Reader` (no database work on the
event loop), opens its session and asks it there, before its read; :data:`DraftsDep` and
:data:`DraftsGuard` ask in a short session of their own, for the other routes."""

from dataclasses import dataclass
from typing import Annotated

import sqlalchemy as sa
from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from sqlmodel import Session

from api.deps import SettingsDep, app_engine, request_api_key
from api.errors import ApiError
from translator.store import keys


@dataclass(frozen=True)
class Reader:
    """The request's API key, if it gave one, whether the server was opened again, and the
    app's database."""

    secret: str | None
    open_access: bool
    engine: sa.Engine

    def session(self) -> Session:
        """A new session on the app's database: ``with reader.session() as session:``."""
        return Session(self.engine)

    def sees_drafts(self, session: Session) -> bool:
        """Whether the request may read unpublished versions, asked in ``session``; a key that
        is given but not valid is a 403, as on a write (a reader's typo should not silently
        hide the drafts)."""
        if self.secret and keys.verify_key(session, self.secret) is not None:
            return True
        if not keys.writes_need_key(session, self.open_access):
            return True
        if self.secret:
            raise ApiError(403, "Invalid API key")
        return False

    def need_drafts(self, session: Session) -> None:
        """For the editors' reads (a version's working text, its segments, exports)."""
        require_drafts(self.sees_drafts(session))


async def reader(request: Request, settings: SettingsDep) -> Reader:
    return Reader(await request_api_key(request), settings.open_access, app_engine(request))


ReaderDep = Annotated[Reader, Depends(reader)]


async def sees_drafts(who: ReaderDep) -> bool:
    return await run_in_threadpool(_sees_drafts, who)


async def need_drafts(drafts: Annotated[bool, Depends(sees_drafts)]) -> None:
    require_drafts(drafts)


def require_drafts(drafts: bool) -> None:
    """A 403 for a request that may not read unpublished versions."""
    if not drafts:
        raise ApiError(403, "Please provide an API key")


def _sees_drafts(who: Reader) -> bool:
    """Its own short session, closed here, as ``api.deps`` checks keys."""
    with who.session() as session:
        return who.sees_drafts(session)


DraftsDep = Annotated[bool, Depends(sees_drafts)]
DraftsGuard = Depends(need_drafts)
