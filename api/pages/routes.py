"""The review pages: ``/review`` (articles to review) and ``/review/{article}/{lang}``.

Server-rendered HTML that works as plain forms without JavaScript. Every POST carries the
CSRF token and answers with a redirect back to the page (Post/Redirect/Get), except a save
that lost a race, which answers with the conflict view so the reviewer's text is kept.
A segment action asked for with ``Accept: application/json`` (``review.js`` saving in place)
answers with :class:`api.pages.views.Answer` instead: the same templates, rendered for the
script to swap the row in. "Add to glossary" for a name in a sentence (:mod:`api.pages.names`)
is a segment action too; one refused (the glossary has the name already, say) answers with the
page and the reason.
While API keys are in use (and access is not open) every page needs a signed-in session
(:mod:`api.pages.signin`).
"""

from dataclasses import asdict, replace
from pathlib import Path as FilePath
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Path, Query, Request, Response
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from sqlmodel import Session

from api.deps import SessionDep
from api.pages import actions, names, signin, views
from api.pages.actions import Action, Outcome
from api.pages.security import check_csrf, csrf_token, protect
from api.pages.signin import SignedIn
from api.pages.views import Answer, Done, Show
from translator.errors import GlossaryError
from translator.store.models import MAX_INT, Text, VersionStatus
from translator.store.review import VersionRows, review_list, suggestions, version_rows

TEMPLATES = FilePath(__file__).parent.parent / "templates"
STATIC = FilePath(__file__).parent.parent / "static"
templates = Jinja2Templates(
    env=Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined)
)


router = APIRouter(prefix="/review", include_in_schema=False)
Csrf = Annotated[str, Form()]


def render(request: Request, template: str, status: int = 200, **context: object) -> Response:
    """The page, with the security headers and the form token."""
    token = csrf_token(request)
    response = templates.TemplateResponse(
        request, template, {"csrf": token, **context}, status_code=status
    )
    return protect(request, response, token)


def back(
    article: str, lang: str, show: Show, focus: int | None = None, **query: object
) -> RedirectResponse:
    """303 to the review page, with what was done for the message, at segment ``focus``
    (default: the one acted on)."""
    at = query.get("at") if focus is None else focus
    anchor = f"#segment-{at}" if at is not None else ""
    url = f"/review/{article}/{lang}?{urlencode({'show': show.value, **query})}{anchor}"
    return RedirectResponse(url, status_code=303)


def in_place(
    request: Request, session: Session, article: str, lang: str, outcome: Outcome, show: Show
) -> Response:
    """The :class:`Answer` to a segment action: 200 when done, 409 on a lost race, 422 for an
    empty translation."""
    token, at = csrf_token(request), outcome.position
    found = version_rows(session, article, lang)
    conflict = ""
    if outcome.theirs is not None:
        approve = outcome.action == Action.approve
        lost = views.conflict_page(found, outcome.theirs, outcome.mine, approve, show)
        conflict = templates.get_template("conflict.html").render(csrf=token, page=lost)
    after = actions.first_waiting(found.pairs, at) if outcome.done == Done.approved else None
    message = views.message(outcome.done, at, 0, 0)
    focus = at if after is None else after
    target = names.glossary_target(session, article, lang)
    answer = Answer(at, outcome.done, message, focus, "", conflict)
    return row_answer(request, session, found, target, answer, show)


def row_answer(
    request: Request,
    session: Session,
    found: VersionRows,
    target: names.GlossaryTarget,
    answer: Answer,
    show: Show,
) -> Response:
    """``answer`` with its page: the review page holding only the acted-on row (only it is
    searched in the memory). 409 on a lost race, 422 for an empty translation or a name not
    added."""
    token, at = csrf_token(request), answer.position
    one = replace(found, pairs=[pair for pair in found.pairs if pair.position == at])
    model = views.review_page(found, suggestions(session, one), show, answer.message, target, at)
    page = templates.get_template("review.html").render(csrf=token, page=model)
    status = {Done.lost: 409, Done.empty: 422, Done.refused: 422}.get(answer.done, 200)
    body = asdict(replace(answer, page=page))
    return protect(request, JSONResponse(body, status_code=status), token)


def whole_page(
    request: Request,
    session: Session,
    article: str,
    lang: str,
    show: Show,
    message: str,
    target: names.GlossaryTarget,
    status: int = 200,
) -> Response:
    """The review page with ``message`` in its live region."""
    found = version_rows(session, article, lang)
    model = views.review_page(found, suggestions(session, found), show, message, target)
    return render(request, "review.html", status, page=model)


@router.get("/sign-in")
def sign_in_form(request: Request, next: str = "/review") -> Response:
    return render(request, "signin.html", target=signin.safe_next(next), failed=False)


@router.post("/sign-in")
def sign_in(
    request: Request,
    session: SessionDep,
    csrf: Csrf = "",
    key: Annotated[str, Form(max_length=200)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/review",
) -> Response:
    check_csrf(request, csrf)
    target = signin.safe_next(next)
    response = RedirectResponse(target, status_code=303)
    if not signin.open_session(session, response, request, key):
        return render(request, "signin.html", 403, target=target, failed=True)
    return response


@router.get("", dependencies=[SignedIn])
def article_list(
    request: Request,
    session: SessionDep,
    lang: Annotated[Text, Query(max_length=16)] = "",
    status: VersionStatus | None = None,
    q: Annotated[Text, Query(max_length=200)] = "",
    page: Annotated[int, Query(ge=1, le=MAX_INT)] = 1,
) -> Response:
    offset = (page - 1) * views.PAGE_SIZE
    found = review_list(session, lang or None, status, q or None, offset, views.PAGE_SIZE)
    model = views.list_page(found, lang, status.value if status else "", q, page)
    return render(request, "list.html", page=model)


@router.get("/{article}/{lang}", dependencies=[SignedIn])
def review(
    request: Request,
    article: str,
    lang: str,
    session: SessionDep,
    show: Show = Show.all,
    done: Done | None = None,
    at: Annotated[int | None, Query(ge=0, le=MAX_INT)] = None,
    approved: Annotated[int, Query(ge=0, le=MAX_INT)] = 0,
    skipped: Annotated[int, Query(ge=0, le=MAX_INT)] = 0,
    name: Annotated[Text, Query(max_length=200)] = "",
) -> Response:
    target = names.glossary_target(session, article, lang)
    added = views.added_message(target, name) if done == Done.added else ""
    message = views.message(done, at, approved, skipped, added)
    return whole_page(request, session, article, lang, show, message, target)


@router.post("/{article}/{lang}/segments/{position}", dependencies=[SignedIn])
def segment(
    request: Request,
    article: str,
    lang: str,
    position: Annotated[int, Path(ge=0, le=MAX_INT)],
    session: SessionDep,
    csrf: Csrf = "",
    action: Annotated[Action, Form()] = Action.save,
    text: Annotated[Text, Form()] = "",
    seen: Annotated[Text, Form()] = "",
    row_version: Annotated[int, Form(ge=0, le=MAX_INT)] = 0,
    show: Annotated[Show, Form()] = Show.all,
) -> Response:
    check_csrf(request, csrf)
    outcome = actions.act(session, article, lang, position, action, text, seen, row_version)
    if "application/json" in request.headers.get("accept", ""):
        return in_place(request, session, article, lang, outcome, show)
    if outcome.theirs is not None:
        found = version_rows(session, article, lang)
        approve = action == Action.approve
        model = views.conflict_page(found, outcome.theirs, outcome.mine, approve, show)
        return render(request, "conflict.html", status=409, page=model)
    approved = outcome.done == Done.approved
    focus = actions.next_unreviewed(session, article, lang, position) if approved else None
    return back(article, lang, show, focus, done=outcome.done.value, at=position)


@router.post("/{article}/{lang}/segments/{position}/glossary", dependencies=[SignedIn])
def add_name(
    request: Request,
    article: str,
    lang: str,
    position: Annotated[int, Path(ge=0, le=MAX_INT)],
    session: SessionDep,
    csrf: Csrf = "",
    source: Annotated[Text, Form(max_length=200)] = "",
    target: Annotated[Text, Form(max_length=200)] = "",
    show: Annotated[Show, Form()] = Show.all,
) -> Response:
    """Add a name found in sentence ``position`` to the article's glossary: ``source`` is its
    lemma, ``target`` the English form the editor gave (the romanisation, or their own)."""
    check_csrf(request, csrf)
    try:
        names.add(session, article, lang, position, source, target)
        done, refusal = Done.added, ""
    except GlossaryError as refused:
        done, refusal = Done.refused, f"Not added: {refused.message}."
    wanted = "application/json" in request.headers.get("accept", "")
    if done == Done.added and not wanted:
        return back(article, lang, show, done=done.value, at=position, name=source)
    glossary = names.glossary_target(session, article, lang)
    message = refusal or views.added_message(glossary, source)
    if wanted:
        found = version_rows(session, article, lang)
        answer = Answer(position, done, message, position, "", "")
        return row_answer(request, session, found, glossary, answer, show)
    return whole_page(request, session, article, lang, show, message, glossary, status=422)


@router.post("/{article}/{lang}/approve-unflagged", dependencies=[SignedIn])
def approve_unflagged(
    request: Request,
    article: str,
    lang: str,
    session: SessionDep,
    csrf: Csrf = "",
    show: Annotated[Show, Form()] = Show.all,
) -> Response:
    check_csrf(request, csrf)
    result = actions.approve_unflagged(session, article, lang)
    return back(
        article, lang, show, done=Done.bulk.value, approved=result.approved, skipped=result.flagged
    )


@router.post("/{article}/{lang}/publish", dependencies=[SignedIn])
def publish(
    request: Request, article: str, lang: str, session: SessionDep, csrf: Csrf = ""
) -> Response:
    check_csrf(request, csrf)
    actions.publish(session, article, lang)
    return back(article, lang, Show.all, done=Done.published.value)
