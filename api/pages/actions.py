"""The review page's writes, all through the store's own functions.

Every segment write goes through :func:`translator.store.articles.edit_segment`, so row
version conflicts, QA re-runs, version status and anything else hooked there (the translation
memory) behave exactly as in ``PATCH /v1/...``. A lost race comes back as a
:class:`Conflict` whose ``current`` is the segment as stored now.
"""

from dataclasses import dataclass
from enum import StrEnum

from sqlmodel import Session

from api.pages.views import Done
from translator.errors import Conflict, InvalidRequest
from translator.store import articles
from translator.store.models import SegmentPair, SegmentStatus
from translator.store.review import version_rows


class Action(StrEnum):
    save = "save"  # the edited text, not approved
    approve = "approve"  # the text (if edited) and approve
    revert = "revert"  # back to the machine output


@dataclass(frozen=True)
class Outcome:
    """What a segment action did, for the redirect or the in-place answer: ``done``, and on
    a lost race (``Done.lost``) the segment as stored now (``theirs``) to set beside the
    reviewer's text (``mine``)."""

    position: int
    action: Action
    done: Done
    mine: str
    theirs: SegmentPair | None = None


@dataclass(frozen=True)
class BulkResult:
    approved: int
    flagged: int  # left for a person: they have QA flags


def apply(
    session: Session,
    article: str,
    lang: str,
    position: int,
    action: Action,
    text: str,
    seen: str,
    row_version: int,
) -> SegmentPair:
    """One segment action; ``seen`` is the text the form showed, so an approval of an
    unchanged text changes only the status. ``Conflict``/``InvalidRequest`` as the store."""
    status = SegmentStatus.approved if action == Action.approve else SegmentStatus.edited
    if action == Action.revert:
        pairs = articles.parallel(session, article, lang)
        text = next((p.machine for p in pairs if p.position == position), text)
    changed = text if (text != seen or action == Action.revert) else None
    return articles.edit_segment(
        session, article, position, lang, text=changed, status=status, row_version=row_version
    )


def act(
    session: Session,
    article: str,
    lang: str,
    position: int,
    action: Action,
    text: str,
    seen: str,
    row_version: int,
) -> Outcome:
    """:func:`apply`, its refusals turned into what the page says: an empty translation is
    not saved, and a save that lost a race keeps ``text`` beside the stored segment."""
    try:
        apply(session, article, lang, position, action, text, seen, row_version)
    except Conflict as lost:
        if not isinstance(lost.current, SegmentPair):
            raise
        return Outcome(position, action, Done.lost, text, lost.current)
    except InvalidRequest:
        return Outcome(position, action, Done.empty, text)
    done = {Action.save: Done.saved, Action.approve: Done.approved, Action.revert: Done.reverted}
    return Outcome(position, action, done[action], text)


def approve_unflagged(session: Session, article: str, lang: str) -> BulkResult:
    """Approve every segment not approved yet that has no QA flag; one that changed meanwhile
    is left as it is (and counted with the ones left to review)."""
    found = version_rows(session, article, lang)
    seen = {
        pair.position: pair.row_version
        for pair in found.pairs
        if pair.status != SegmentStatus.approved and not pair.qa_flags
    }
    approved = len(articles.approve_segments(session, article, lang, seen))
    waiting = sum(p.status != SegmentStatus.approved for p in found.pairs)
    return BulkResult(approved, waiting - approved)


def next_unreviewed(session: Session, article: str, lang: str, after: int) -> int | None:
    """The position of the first segment after ``after`` (else from the top) not approved."""
    return first_waiting(version_rows(session, article, lang).pairs, after)


def first_waiting(pairs: list[SegmentPair], after: int) -> int | None:
    """:func:`next_unreviewed` over rows already read."""
    waiting = [p.position for p in pairs if p.status != SegmentStatus.approved]
    return next((position for position in waiting if position > after), next(iter(waiting), None))


def publish(session: Session, article: str, lang: str) -> None:
    """Publish the version, only when every segment is approved."""
    found = version_rows(session, article, lang)
    waiting = sum(p.status != SegmentStatus.approved for p in found.pairs)
    if waiting or not found.pairs:
        raise InvalidRequest(f"{waiting} segments are not approved yet; approve them first")
    articles.publish(session, article, lang)
