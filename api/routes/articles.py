"""Native API: articles, their parallel versions, review edits, publishing and export."""

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Header, Path, Query, Request, Response, status
from pydantic import BaseModel

from api import conditional, submitting
from api.conditional import IfNoneMatch
from api.deps import RunnerDep, SessionDep, SettingsDep, SubmitterDep, WriteGuard
from api.errors import GUARDED, IDEMPOTENCY, STORED, ApiError, ErrorBody, responses
from api.links import alternates
from api.readers import DraftsDep, DraftsGuard, ReaderDep
from translator.exports.tmx import to_tmx
from translator.exports.xliff import to_xliff
from translator.jobs.models import JobPublic
from translator.names.suggest import Suggestion, for_article
from translator.reader import SOURCE_STATUS, ArticleView, article_view
from translator.store import articles, idempotency
from translator.store.models import (
    MAX_INT,
    ArticleCreate,
    ArticleUpdate,
    ArticleWithVersions,
    Page,
    SegmentPair,
    SegmentStatus,
    SourceUpdate,
    Text,
    VersionPublic,
    VersionStatus,
)

router = APIRouter(prefix="/v1/articles", tags=["articles"])
EXPORTS = {"tmx": (to_tmx, "application/x-tmx+xml"), "xliff": (to_xliff, "application/xliff+xml")}
READ = responses(403, 404, 422, *STORED)  # 403: a key that is not valid, or none for drafts
WRITE = responses(400, 404, 409, 422, *GUARDED, *STORED)
ACCEPTED: dict[int | str, dict[str, Any]] = {
    202: {
        "model": JobPublic,
        "description": "Submitted (`wait=false`), or not done within the wait: the job, "
        "whose address is in `Location`",
        "headers": {"Location": {"description": "`/v1/jobs/{id}`", "schema": {"type": "string"}}},
    }
}
PUBLIC_STATUSES = (SOURCE_STATUS, VersionStatus.published)  # what any cache may keep a while
WaitQuery = Annotated[
    bool,
    Query(
        description="Answer when the translation is stored (up to the server's `job_wait`), "
        "or at once with `202 Accepted` and the job (`false`)."
    ),
]


class SegmentEdit(BaseModel):
    text: Text | None = None
    status: Literal[SegmentStatus.edited, SegmentStatus.approved] | None = None
    row_version: int


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=ArticleWithVersions,
    responses=ACCEPTED | responses(400, 409, 413, 422, *GUARDED, *STORED),
)
async def create(
    data: ArticleCreate,
    session: SessionDep,
    limits: SettingsDep,
    runner: RunnerDep,
    submitted_by: SubmitterDep,
    wait: WaitQuery = True,
    idempotency_key: Annotated[str | None, Header(description=IDEMPOTENCY)] = None,
) -> ArticleWithVersions | Response:
    """Detect, segment, translate into every target and store, all or nothing: a job, waited
    for (`wait=true`, up to the server's `job_wait`) or not (`202` with `Location`)."""
    _check_size(len(data.title) + len(data.body), limits.char_limit)
    key = idempotency.from_header(articles.SCOPE_CREATE, idempotency_key, data)
    return await submitting.create(session, data, key, runner, submitted_by, limits, wait)


@router.get("", response_model=Page, responses=responses(403, 422, *STORED))
def list_all(
    session: SessionDep,
    drafts: DraftsDep,
    lang: Annotated[Text | None, Query()] = None,
    status: VersionStatus | None = None,
    q: Annotated[Text | None, Query()] = None,
    offset: Annotated[int, Query(ge=0, le=articles.MAX_OFFSET)] = 0,
    limit: Annotated[int, Query(ge=1, le=articles.MAX_PAGE)] = 20,
) -> Page:
    """Articles, newest first; filter by language, version status or text. Without a key
    (once keys exist), only published versions are listed, under their published titles."""
    return articles.list_articles(session, lang, status, q, offset, limit, readers=not drafts)


@router.get("/{article}", response_model=ArticleView, responses=READ | conditional.RESPONSES)
def read(
    article: str,
    request: Request,
    reader: ReaderDep,
    if_none_match: IfNoneMatch,
    lang: str | None = None,
    accept_language: Annotated[str | None, Header()] = None,
) -> Response:
    """The best version for `Accept-Language` (or `?lang=`), with alternates in `Link`.
    Without a key (once keys exist): among the source and the published versions, whose
    published text it is (`stale` if the source was edited since). `ETag`; `304` for a
    matching `If-None-Match`; published texts and sources are `public, max-age=60`."""
    with reader.session() as session:
        drafts = reader.sees_drafts(session)
        found = article_view(session, article, accept_language, lang, drafts=drafts)
    view = found.view
    return conditional.respond(
        view,
        if_none_match,
        row_version=found.row_version,
        public=view.status in PUBLIC_STATUSES,
        vary="Accept-Language, Authorization",
        headers={"Content-Language": view.lang, "Link": alternates(request, view.languages)},
    )


@router.put(
    "/{article}",
    response_model=SourceUpdate,
    responses=ACCEPTED | WRITE | responses(413),
)
async def edit_source(
    article: str,
    data: ArticleUpdate,
    session: SessionDep,
    limits: SettingsDep,
    runner: RunnerDep,
    submitted_by: SubmitterDep,
    wait: WaitQuery = True,
) -> SourceUpdate | Response:
    """Edit the source: unchanged sentences keep their reviewed translations. The changed
    ones are translated by a job, waited for (`wait=true`) or not (`202` with `Location`)."""
    _check_size(len(data.title or "") + len(data.body or ""), limits.char_limit)
    return await submitting.update(session, article, data, runner, submitted_by, limits, wait)


@router.delete(
    "/{article}",
    status_code=status.HTTP_204_NO_CONTENT,
    dependencies=[WriteGuard],
    responses=responses(404, 409, 422, *GUARDED, *STORED),
)
def delete(article: str, session: SessionDep) -> Response:
    """Delete an article with all its versions and segments."""
    articles.delete_article(session, article)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/{article}/versions/{lang}",
    response_model=VersionPublic,
    responses=READ | conditional.RESPONSES,
)
def version(article: str, lang: str, reader: ReaderDep, if_none_match: IfNoneMatch) -> Response:
    """One translated version with its status and provenance. `ETag`; `304` for a matching
    `If-None-Match`; a published version is `public, max-age=60`."""
    with reader.session() as session:
        reader.need_drafts(session)
        found = articles.get_version(session, article, lang)
    return conditional.respond(
        found,
        if_none_match,
        row_version=found.row_version,
        public=found.status == VersionStatus.published,
        vary="Authorization",
    )


@router.get(
    "/{article}/parallel/{lang}",
    response_model=list[SegmentPair],
    dependencies=[DraftsGuard],
    responses=READ,
)
def parallel(article: str, lang: str, session: SessionDep) -> list[SegmentPair]:
    """Aligned source/target segments with status, QA flags and term report."""
    return articles.parallel(session, article, lang)


@router.patch(
    "/{article}/segments/{position}/{lang}",
    response_model=SegmentPair,
    dependencies=[WriteGuard],
    responses=WRITE
    | {409: {"model": ErrorBody, "description": "Stale row_version: `current` is the segment"}},
)
def edit_segment(
    article: str,
    position: Annotated[int, Path(ge=0, le=MAX_INT)],
    lang: str,
    edit: SegmentEdit,
    session: SessionDep,
) -> SegmentPair:
    """A review edit or approval, guarded by the segment's `row_version`."""
    return articles.edit_segment(
        session,
        article,
        position,
        lang,
        text=edit.text,
        status=edit.status,
        row_version=edit.row_version,
    )


@router.post(
    "/{article}/versions/{lang}/publish",
    response_model=VersionPublic,
    dependencies=[WriteGuard],
    responses=responses(404, 409, 422, *GUARDED, *STORED),
)
def publish(article: str, lang: str, session: SessionDep) -> VersionPublic:
    """Mark a version published: readers get its text as it is now until the next publish."""
    return articles.publish(session, article, lang)


@router.get(
    "/{article}/export",
    response_class=Response,
    dependencies=[DraftsGuard],
    responses={200: {"content": {"application/x-tmx+xml": {}, "application/xliff+xml": {}}}} | READ,
)
def export(
    article: str, lang: str, session: SessionDep, format: Literal["tmx", "xliff"] = "tmx"
) -> Response:
    """The parallel text as TMX 1.4b or XLIFF 2.1, for CAT tools."""
    write, media_type = EXPORTS[format]
    stored = articles.get_article(session, article)
    content = write(stored, lang, articles.parallel(session, article, lang))
    filename = f"{stored.slug}.{stored.source_lang}-{lang}.{format}"
    return Response(
        content,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.get(
    "/{article}/glossary-suggestions",
    response_model=list[Suggestion],
    dependencies=[DraftsGuard],
    responses=READ,
)
def glossary_suggestions(
    article: str,
    session: SessionDep,
    min_count: Annotated[int, Query(ge=1, le=MAX_INT)] = 1,
) -> list[Suggestion]:
    """Names and capitalised terms in the source that the article's glossary does not cover,
    as `translator glossary suggest` lists them: entries for an editor to add."""
    return for_article(articles.get_article(session, article), min_count)


def _check_size(chars: int, limit: int) -> None:
    if limit and chars > limit:
        raise ApiError(413, f"article too long: {chars} characters, the limit is {limit}")
