"""Native API: search the translation memory."""

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from api.deps import SessionDep, WriteGuard
from api.errors import GUARDED, STORED, responses
from translator.store.models import LANG_PATTERN, Text
from translator.tm import memory

router = APIRouter(prefix="/v1/tm", tags=["translation memory"])
MAX_LIMIT = 50


class TmMatch(BaseModel):
    """An approved translation of a sentence like the one searched; ``score``: how alike the
    two sentences are, 0-100 (rapidfuzz ratio after normalising), 100 for an exact match."""

    source: str
    target: str
    source_lang: str
    target_lang: str
    score: float
    article_id: int | None
    approved_at: datetime


@router.get(
    "",
    response_model=list[TmMatch],
    dependencies=[WriteGuard],
    responses=responses(422, *GUARDED, *STORED),
)
def search(
    session: SessionDep,
    q: Annotated[Text, Query(min_length=1, max_length=5000)],
    source: Annotated[str, Query(pattern=LANG_PATTERN)] = "uk",
    target: Annotated[str, Query(pattern=LANG_PATTERN)] = "en",
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 10,
) -> list[TmMatch]:
    """Approved translations of sentences at least 75 % like ``q``, best first (an exact match,
    after normalising spacing, quotes and apostrophes, first). Needs a key once keys exist:
    the memory holds unpublished text."""
    return [
        TmMatch(
            source=match.unit.source,
            target=match.unit.target,
            source_lang=match.unit.source_lang,
            target_lang=match.unit.target_lang,
            score=match.score,
            article_id=match.unit.article_id,
            approved_at=match.unit.approved_at,
        )
        for match in memory.search(session, q, source, target, limit)
    ]
