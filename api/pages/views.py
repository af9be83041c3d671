"""Typed page models for the review templates, built from the store's read queries.

The templates only print what is here: no queries and no decisions in them. A segment
filter (all, unreviewed, flagged, stale, missing term, names) picks rows; the counts per filter
and whether the version can be published are worked out once, here. Names found in a sentence
are listed with the glossary they can be added to (:mod:`api.pages.names`), or as in it once
that glossary has their lemma.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from urllib.parse import urlencode

from api.pages.marks import Piece, diff_pieces, missing_pieces, source_pieces, target_pieces
from api.pages.names import USED_FROM_NOW, GlossaryTarget
from translator.glossary.formats.validate import term_key
from translator.qa import CHECKS
from translator.store.models import SegmentPair, SegmentStatus, VersionStatus
from translator.store.review import ReviewList, VersionRows
from translator.tm.memory import Match

PAGE_SIZE = 20
CHECK_TEXT = {check.id: (check.name, check.description) for check in CHECKS}


class Show(StrEnum):
    """Which segments the review page lists."""

    all = "all"
    unreviewed = "unreviewed"
    flagged = "flagged"
    stale = "stale"
    missing = "missing"
    names = "names"


SHOW_LABELS = {
    Show.all: "All",
    Show.unreviewed: "Unreviewed",
    Show.flagged: "Flagged",
    Show.stale: "Stale",
    Show.missing: "Missing term",
    Show.names: "Names",
}


class Done(StrEnum):
    """What the last action did, for the message after the redirect."""

    saved = "saved"
    approved = "approved"
    reverted = "reverted"
    published = "published"
    bulk = "bulk"
    empty = "empty"
    lost = "lost"  # a save that lost a race (in place: the conflict view is shown in the row)
    added = "added"  # a name added to the glossary
    refused = "refused"  # a name not added (in the glossary already, an empty English form)


@dataclass(frozen=True)
class Badge:
    id: str
    name: str
    description: str


@dataclass(frozen=True)
class Suggestion:
    """A translation memory match: how like the sentence its source is, and the difference."""

    score: float
    source: list[Piece]  # the memory's source diffed against this sentence
    target: str


@dataclass(frozen=True)
class NameView:
    """A name found in the sentence: its lemma and romanisation, and ``known``: the English
    form the glossary gives the lemma once it has one (added since the translation)."""

    lemma: str
    english: str
    known: str


@dataclass(frozen=True)
class SegmentView:
    """One row of the review page."""

    position: int
    paragraph: int
    first_in_paragraph: bool
    source: list[Piece]
    target: list[Piece]
    text: str
    machine: str
    status: SegmentStatus
    badges: list[Badge]
    missing: list[Piece]  # the terms and names the translation lacks, "source → target"
    names: list[NameView]
    diff: list[Piece]
    stale: bool
    # the sentence a source edit replaced, word-diffed against this one: only while the segment
    # is stale and not approved again (approving it accepts the change)
    source_change: list[Piece]
    row_version: int
    suggestions: list[Suggestion]


@dataclass(frozen=True)
class FilterLink:
    show: Show
    label: str
    count: int
    current: bool


@dataclass(frozen=True)
class ReviewPage:
    article: str  # the slug, for URLs
    title: str
    source_lang: str
    lang: str
    status: VersionStatus
    published_at: datetime | None
    show: Show
    filters: list[FilterLink]
    segments: list[SegmentView]
    total: int
    can_publish: bool
    publish_reason: str
    message: str
    glossary: str  # the glossary names can be added to ("": none)
    glossary_note: str  # where names go and what adding one does, or why it cannot be done


@dataclass(frozen=True)
class ConflictPage:
    """A save that lost a race: their text, the reviewer's text and the machine's."""

    article: str
    lang: str
    position: int
    source: str
    source_lang: str
    theirs: str
    mine: str
    machine: str
    row_version: int  # the current one: "keep mine" re-submits with it
    approve: bool  # the lost save was also an approval
    show: Show


@dataclass(frozen=True)
class Answer:
    """The JSON answer to a segment action done in place (``review.js`` asks for it): what
    to announce, the segment to focus next, the review page holding only the acted-on row
    as stored now (the script takes that row, the version status, the filter counts and the
    publish button from it), and on a lost race the conflict view to show in the row."""

    position: int
    done: Done
    message: str
    focus: int
    page: str
    conflict: str


@dataclass(frozen=True)
class ListPage:
    articles: ReviewList
    lang: str
    status: str
    q: str
    page: int
    pages: int
    previous_url: str
    next_url: str
    statuses: list[str]


def segment_view(
    pair: SegmentPair,
    stale: bool,
    first_in_paragraph: bool,
    matches: list[Match],
    known: dict[str, str],
) -> SegmentView:
    """One row; ``known``: the glossary's targets by :func:`term_key` of their source."""
    terms = pair.term_report
    lemmas = {hit.source: hit.target for hit in terms.found if hit.kind == "name"}
    return SegmentView(
        position=pair.position,
        paragraph=pair.paragraph,
        first_in_paragraph=first_in_paragraph,
        source=source_pieces(pair.source, terms),
        target=target_pieces(pair.target, terms),
        text=pair.target,
        machine=pair.machine,
        status=pair.status,
        badges=[Badge(flag, *CHECK_TEXT.get(flag, (flag, ""))) for flag in pair.qa_flags],
        missing=missing_pieces(terms),
        names=[
            NameView(lemma, english, known.get(term_key(lemma), ""))
            for lemma, english in lemmas.items()
        ],
        diff=diff_pieces(pair.machine, pair.target),
        stale=stale,
        source_change=diff_pieces(pair.previous_source, pair.source)
        if stale and pair.previous_source is not None and pair.status != SegmentStatus.approved
        else [],
        row_version=pair.row_version,
        suggestions=[
            Suggestion(m.score, diff_pieces(m.unit.source, pair.source), m.unit.target)
            for m in matches
        ],
    )


def review_page(
    found: VersionRows,
    matches: dict[int, list[Match]],
    show: Show,
    message: str,
    target: GlossaryTarget,
    only: int | None = None,
) -> ReviewPage:
    """The page for filter ``show``; with ``only``, it lists that one segment whatever the
    filter (the row an in-place action swaps in). ``target``: where names can be added."""
    tests: dict[Show, Callable[[SegmentPair], bool]] = {
        Show.all: lambda p: True,
        Show.unreviewed: lambda p: p.status != SegmentStatus.approved,
        Show.flagged: lambda p: bool(p.qa_flags),
        Show.stale: lambda p: p.position in found.stale,
        Show.missing: lambda p: bool(p.term_report.missing),
        Show.names: lambda p: any(hit.kind == "name" for hit in p.term_report.found),
    }
    glossary = target.glossary
    known = {term_key(e.source): e.target for e in glossary.entries} if glossary else {}
    shown, paragraph = [], None
    for pair in found.pairs:
        if tests[show](pair) if only is None else pair.position == only:
            stale, first = pair.position in found.stale, pair.paragraph != paragraph
            hints = matches.get(pair.position, [])
            shown.append(segment_view(pair, stale, first, hints, known))
        paragraph = pair.paragraph
    waiting = sum(p.status != SegmentStatus.approved for p in found.pairs)
    can_publish, reason = _publishable(found.status, waiting, len(found.pairs))
    return ReviewPage(
        article=found.slug,
        title=found.title,
        source_lang=found.source_lang,
        lang=found.lang,
        status=found.status,
        published_at=found.published_at,
        show=show,
        filters=[
            FilterLink(s, SHOW_LABELS[s], sum(map(tests[s], found.pairs)), s == show) for s in Show
        ],
        segments=shown,
        total=len(found.pairs),
        can_publish=can_publish,
        publish_reason=reason,
        message=message,
        glossary=target.name,
        glossary_note=target.note,
    )


def conflict_page(
    found: VersionRows, theirs: SegmentPair, mine: str, approve: bool, show: Show
) -> ConflictPage:
    return ConflictPage(
        article=found.slug,
        lang=found.lang,
        position=theirs.position,
        source=theirs.source,
        source_lang=found.source_lang,
        theirs=theirs.target,
        mine=mine,
        machine=theirs.machine,
        row_version=theirs.row_version,
        approve=approve,
        show=show,
    )


def message(done: Done | None, at: int | None, approved: int, skipped: int, added: str = "") -> str:
    """The line the live region announces after an action's redirect; ``added``: what
    :func:`added_message` says of the name added."""
    where = f"Segment {at + 1}" if at is not None else "The segment"
    return {
        None: "",
        Done.saved: f"{where} saved.",
        Done.approved: f"{where} approved.",
        Done.reverted: f"{where} reverted to the machine translation.",
        Done.published: "The version is published.",
        Done.bulk: f"Approved {approved} segments; {skipped} flagged segments left to review.",
        Done.empty: f"{where} was not saved: the translation is empty.",
        Done.lost: f"{where} was not saved: someone else changed it. Your text is kept: "
        "choose which text to keep.",
        Done.added: added,
        Done.refused: "",  # never redirected to: the refusal is rendered with its reason
    }[done]


def added_message(target: GlossaryTarget, lemma: str) -> str:
    """What the page says of an added name ("Added Фастів → Fastiv to ukraine-news. …"), from
    the glossary as it is now (so a link cannot make the page claim an addition); "" if the
    glossary has no entry for ``lemma``."""
    glossary, key = target.glossary, term_key(lemma)
    for entry in glossary.entries if glossary else ():
        if term_key(entry.source) == key:
            return f"Added {entry.source} → {entry.target} to {target.name}. {USED_FROM_NOW}"
    return ""


def list_page(found: ReviewList, lang: str, status: str, q: str, page: int) -> ListPage:
    pages = max(1, -(-found.total // PAGE_SIZE))
    query = {k: v for k, v in (("lang", lang), ("status", status), ("q", q)) if v}
    return ListPage(
        articles=found,
        lang=lang,
        status=status,
        q=q,
        page=page,
        pages=pages,
        previous_url=f"/review?{urlencode(query | {'page': page - 1})}" if page > 1 else "",
        next_url=f"/review?{urlencode(query | {'page': page + 1})}" if page < pages else "",
        statuses=[s.value for s in VersionStatus],
    )


def _publishable(status: VersionStatus, waiting: int, total: int) -> tuple[bool, str]:
    if status == VersionStatus.published:
        return False, "This version is published."
    if total == 0:
        return False, "This version has no segments."
    if waiting:
        return False, f"{waiting} of {total} segments are not approved yet."
    return True, ""
