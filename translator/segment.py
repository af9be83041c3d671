"""Split text into paragraphs and sentences with exact character spans.

A paragraph is one line of text; blank lines are layout, not paragraphs. Sentences never cross a
line break, and the whitespace between sentences belongs to no segment, so replacing every
segment and copying everything else (:func:`reassemble`) keeps the layout byte-for-byte.

Ukrainian goes through ``tokenize_uk`` (LanguageTool's SRX rules) plus a few corrections, each
commented with the case it fixes. Every other language goes through :func:`_split_generic`, a
punctuation splitter with per-language abbreviation lists: ``tokenize_uk``'s rules for Russian
and Belarusian, and its default rules for Bulgarian, miss common cases (``т. д.``, ``ст. 5``,
dialogue dashes, ``г.``) that the lists below get right.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from translator.text_constants import APOSTROPHES, primary_subtag

Span = tuple[int, int]


@dataclass(frozen=True)
class Segment:
    """One sentence of a document."""

    paragraph: int  # 0-based paragraph index
    index: int  # 0-based sentence index within the whole document
    start: int  # character offsets into the original text (str indices)
    end: int
    text: str  # == original[start:end]


_LINE = re.compile(r"[^\r\n\u2028\u2029]+")


def split_paragraphs(text: str) -> list[Span]:
    """Return the ``(start, end)`` span of every non-blank line, without its outer whitespace."""
    spans = []
    for line in _LINE.finditer(text):
        span = _strip_span(text, line.start(), line.end())
        if span[0] < span[1]:
            spans.append(span)
    return spans


def segment(text: str, lang: str = "uk") -> list[Segment]:
    """Split ``text`` into sentences, numbered across the whole document.

    ``lang`` is a language code such as ``uk``, ``en``, ``de-AT`` or ``pt_BR``; only its primary
    subtag matters. Empty or whitespace-only text gives ``[]``.
    """
    split = _splitter(lang)
    segments: list[Segment] = []
    for number, (para_start, para_end) in enumerate(split_paragraphs(text)):
        for start, end in split(text[para_start:para_end]):
            start, end = start + para_start, end + para_start
            segments.append(Segment(number, len(segments), start, end, text[start:end]))
    return segments


def reassemble(text: str, segments: list[Segment], translations: list[str]) -> str:
    """Put ``translations[i]`` in place of ``segments[i]``; copy all other text of ``text``.

    Raises ValueError if the lists differ in length or the segments overlap or are out of order.
    """
    parts: list[str] = []
    cursor = 0
    for seg, translation in zip(segments, translations, strict=True):
        if seg.start < cursor or seg.end < seg.start:
            raise ValueError(f"segment {seg.index} overlaps or precedes the one before it")
        parts += [text[cursor : seg.start], translation]
        cursor = seg.end
    parts.append(text[cursor:])
    return "".join(parts)


def _strip_span(text: str, start: int, end: int) -> Span:
    """Shrink ``text[start:end]`` to exclude leading and trailing whitespace and BOMs."""
    while start < end and _is_blank(text[start]):
        start += 1
    while end > start and _is_blank(text[end - 1]):
        end -= 1
    return start, end


def _is_blank(char: str) -> bool:
    """Whitespace, or an invisible byte-order mark, zero-width space or word joiner."""
    return char.isspace() or char in "\ufeff\u200b\u2060"


def _splitter(lang: str) -> Callable[[str], list[Span]]:
    """Pick the sentence splitter for a language code."""
    primary = primary_subtag(lang)
    if primary == "uk":
        return _split_uk
    return functools.partial(_split_generic, rules=_rules(primary))


# --- Ukrainian: tokenize_uk plus corrections ------------------------------------------------

_MONTHS = "січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|листопада|грудня"

# Breaks tokenize_uk misses before a capitalised word: "у Київській обл. Відбій дали" (its
# rules never end a sentence at "обл."), and "відбулася 12 березня 2026 р. Сторони" (its rule
# for sentence-initial dates, "15 вересня 1995 р. Україною ...", fires mid-sentence too).
_UK_MISSED_BREAK = re.compile(
    rf"(?:\bобл\.|(?P<date>\b\d{{1,2}}\s+(?:{_MONTHS})\s+\d{{4}}\s*р\.))(?=\s+[А-ЯІЇЄҐ])"
)
# What may stand before a date that opens a sentence: "Ще 15 ...", "Уночі проти 12 ...".
_UK_DATE_LEAD = re.compile(
    rf"(?:[А-ЯІЇЄҐ][\w{re.escape(APOSTROPHES)}-]*\s+(?:(?:в|у|на|з|до|від|проти|після)\s+)?)?"
)

# Pieces tokenize_uk cuts off that cannot stand alone, joined to the next sentence: list
# markers ("1. Ухвалити ...", "IV. Прикінцеві положення") and sentence-initial dates
# ("03.02.2026 р. Верховна Рада ...", "У 2022–2024 рр. Україна ...").
_UK_FRAGMENT = re.compile(
    r"\d{1,3}\.|[IVXLC]{1,6}\."
    r"|(?:(?:ще|вже|уже)\s+)?"
    r"(?:(?:[взу]|із|від|до|після|протягом|упродовж|станом на|наприкінці|на початку)\s+)?"
    r"(?:\d{1,2}\.\d{1,2}\.\d{4}|\d{4}(?:\s*[‐-―-]\s*\d{2,4})?(?:-[хі])?)\s*рр?\.",
    re.IGNORECASE,
)
# Titles and street types before a name that tokenize_uk treats as sentence ends:
# "ген. Залужний", "підполк. Манько", "ст. лейт. Іваненко", "нар. деп. Петренко",
# "заст. Петренко", "к. т. н. Петренко", "на пров. Тихому", "бул. Шевченка".
_UK_TITLE_END = re.compile(
    r"(?<![\w.])(?:ген|підполк|лейт|деп|заст|пров|бул|наб|узв|[кд]\.\s?[а-яіїєґ]{1,3}\.\s?н)\.$"
)


# A paragraph with sentence-ending marks only at its very end is one sentence: no need to
# load tokenize_uk's rule engine (a quarter of a second) for a headline or a one-liner.
_UK_SINGLE = re.compile(r"[^.!?…]*[.!?…]*[\"»”’')\]]*")


def _split_uk(paragraph: str) -> list[Span]:
    """Split one Ukrainian paragraph with tokenize_uk, then apply the corrections above."""
    if _UK_SINGLE.fullmatch(paragraph):
        return [(0, len(paragraph))]
    from tokenize_uk import tokenize_sents_with_spans

    spans = [(start, end) for _, start, end in tokenize_sents_with_spans(paragraph)]
    spans = [piece for span in spans for piece in _split_missed(paragraph, span)]
    return _join_fragments(paragraph, spans)


def _split_missed(paragraph: str, span: Span) -> list[Span]:
    """Cut ``span`` at the breaks matched by ``_UK_MISSED_BREAK``."""
    pieces = []
    start, end = span
    for match in _UK_MISSED_BREAK.finditer(paragraph, start, end):
        date = match.start("date")
        if date >= 0 and _UK_DATE_LEAD.fullmatch(paragraph, start, date):
            continue
        pieces.append((start, match.end()))
        start = _strip_span(paragraph, match.end(), end)[0]
    pieces.append((start, end))
    return pieces


def _join_fragments(paragraph: str, spans: list[Span]) -> list[Span]:
    """Join every span that cannot stand alone as a sentence to the span after it."""
    joined: list[Span] = []
    for span in spans:
        if joined and _is_fragment(paragraph[joined[-1][0] : joined[-1][1]]):
            joined[-1] = (joined[-1][0], span[1])
        else:
            joined.append(span)
    return joined


def _is_fragment(sentence: str) -> bool:
    """Whether a Ukrainian sentence from tokenize_uk is really the start of the next one."""
    return bool(_UK_FRAGMENT.fullmatch(sentence) or _UK_TITLE_END.search(sentence))


# --- Every other language: punctuation and abbreviation lists --------------------------------


@dataclass(frozen=True)
class _Abbreviations:
    """A language's abbreviations, space-separated, without spaces or the final dot ("z.B").

    ``always``: never end a sentence ("Dr", "z.B", "т.е").
    ``before_number``: do not end a sentence when a number follows ("No", "Art", "ст").
    ``unless_after_number``: do not end one unless a number precedes, as in "в г. Москва" but
    "в 2025 г." (year), "5 г." (grams).
    """

    always: str = ""
    before_number: str = ""
    unless_after_number: str = ""


_COMMON = _Abbreviations(always="e.g i.e vs cf Dr Prof")

_ABBREVIATIONS = {
    "en": _Abbreviations(
        always="Mr Mrs Ms Messrs Jr Sr St Mt Gen Col Lt Sgt Capt Adm Gov Sen Rep Rev Hon Pres "
        "approx ca U.S U.K U.N E.U",
        before_number="No Nos Art p pp para ch vol fig sec "
        "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec",
    ),
    "de": _Abbreviations(
        always="z.B d.h u.a bzw ca vgl sog Hr Fr St evtl ggf inkl zzgl gem lt Mio Mrd Tsd",
        before_number="Nr S Abs Art Bd Kap Tel",
    ),
    "fr": _Abbreviations(
        always="MM Mme Mmes Mlle Mlles Me Pr St Ste av bd env p.ex c.-à-d",
        before_number="no p art vol chap",
    ),
    "es": _Abbreviations(
        always="Sr Sra Srta Sres Dra Lic Ing Dña Ud Uds Vd Vds av avda p.ej EE.UU EE",
        before_number="núm pág art cap vol tel",
    ),
    "it": _Abbreviations(
        always="Sig Sigg Sig.ra Dott Dott.ssa Ing Avv On Sen es cfr",
        before_number="n pag art",
    ),
    "pt": _Abbreviations(
        always="Sr Sra Sres Dra Av Exmo Exma p.ex",
        before_number="n pág art",
    ),
    "nl": _Abbreviations(
        always="dhr mevr mr drs ir bijv o.a m.b.t",
        before_number="nr blz art",
    ),
    "pl": _Abbreviations(
        always="np tzw m.in ul al pl os ks inż mgr hab gen płk św im tj tzn ww wg ok ds pt",
        before_number="nr s art ust pkt poz godz str tys mln mld",
        unless_after_number="r",
    ),
    "ru": _Abbreviations(
        always="ул просп пер пл бул им т.е т.н т.к т.ч ср напр проф акад доц ген св тов",
        before_number="ст п пп ч гл рис табл стр т вып разд тыс млн млрд трлн руб коп долл",
        unless_after_number="г с р о м см гр пос дер оз",
    ),
    "be": _Abbreviations(
        always="вул пл зав т.зв г.зн напр праф акад дац ген св",
        before_number="арт ст п ч гл с тыс млн млрд трлн руб кап",
        unless_after_number="г в р м",
    ),
    "bg": _Abbreviations(
        always="ул бул пл т.нар напр проф акад доц ген св вж",
        before_number="чл ал т ст стр с хил млн млрд лв",
        unless_after_number="гр г с р о",
    ),
}

# Languages that write ordinal numbers with a dot: "am 3. Februar", "zum 2. Mal".
_ORDINAL_DOT = frozenset(
    {"de", "da", "nb", "no", "nn", "fi", "is", "cs", "sk", "sl", "hr", "sr", "hu", "et", "lv"}
)


@dataclass(frozen=True)
class _Rules:
    """Compiled abbreviation patterns of one language; each matches at the end of a sentence."""

    always: re.Pattern[str]
    before_number: re.Pattern[str]
    unless_after_number: re.Pattern[str]
    ordinal_dot: bool


@functools.cache
def _rules(lang: str) -> _Rules:
    """Compile the abbreviation lists of ``lang`` (plus the common ones)."""
    own = _ABBREVIATIONS.get(lang, _Abbreviations())
    return _Rules(
        always=_abbreviation_pattern(f"{_COMMON.always} {own.always}"),
        before_number=_abbreviation_pattern(f"{_COMMON.before_number} {own.before_number}"),
        unless_after_number=_abbreviation_pattern(own.unless_after_number),
        ordinal_dot=lang in _ORDINAL_DOT,
    )


def _abbreviation_pattern(words: str) -> re.Pattern[str]:
    """A pattern matching any of ``words`` plus a final dot at the end of a string.

    Inner dots may be followed by one space: "z.B" matches "z.B." and "z. B.".
    """
    alternatives = [r"\.\s?".join(map(re.escape, word.split("."))) for word in words.split()]
    if not alternatives:
        return re.compile(r"(?!)")
    alternatives.sort(key=len, reverse=True)
    return re.compile(rf"(?<![\w.])(?:{'|'.join(alternatives)})\.$", re.IGNORECASE)


# A possible sentence end: terminal punctuation, closing quotes or brackets glued to it (or, as
# in French, one space and then "»"), and the whitespace after it.
_BOUNDARY = re.compile(r"[.!?…]+(?:[»«”“\"'’‘)\]]|[ \u00a0\u202f][»”])*(?=(\s+))")
# What may come before the first letter of the next sentence: opening quotes and brackets,
# Spanish ¿ ¡, and a dialogue dash.
_OPENING = "«»„“\"'‘([¿¡"
_DASHES = "—–-"
# An initial, as in "J. R. R. Tolkien", "U.S." or "В. Зеленський".
_INITIAL = re.compile(r"(?:^|[\s(«„“\"'.])[^\W\d_]\.$")
# A one-letter Latin abbreviation, "z. B.", but not "p.m." nor a unit or a year after a number:
# "Er lief 100 m. Dann ...", "w 2025 r. Następne ...".
_LETTER = re.compile(r"(?:^|[^\d\s]\s+|\()[a-z]\.$")
_ORDINAL = re.compile(r"(?:^|\s)\d{1,2}\.$")
# A list marker or a lone year with its abbreviation: "1. ...", "IV. ...", "В 1991 г. Україна ...".
_LEAD_IN = re.compile(r"(?:\d{1,3}|[IVXLC]{1,6})\.|(?:\w{1,3}\s+)?\d{4}\s*[^\W\d_]{1,2}\.")
# How much text around a possible end the checks look at; keeps long lines linear.
_WINDOW = 64


def _split_generic(paragraph: str, rules: _Rules) -> list[Span]:
    """Split one paragraph at terminal punctuation followed by a capital letter or a digit."""
    spans = []
    start = 0
    for match in _BOUNDARY.finditer(paragraph):
        end, after = match.end(), match.end() + len(match.group(1))
        first = _first_letter(paragraph[after : after + _WINDOW])
        if not (first.isupper() or first.isdigit()):
            continue
        if _continues(paragraph[max(start, end - _WINDOW) : end], first.isdigit(), rules):
            continue
        spans.append((start, end))
        start = after
    spans.append((start, len(paragraph)))
    return spans


def _first_letter(text: str) -> str:
    """The first character of ``text`` after opening quotes, brackets and a dialogue dash."""
    text = text.lstrip(_OPENING)
    if text[:1] and text[0] in _DASHES:
        text = text[1:].lstrip()
    return text[:1]


def _continues(sentence: str, number_follows: bool, rules: _Rules) -> bool:
    """Whether ``sentence`` ends in a dot that does not end it (an abbreviation, initial, ...)."""
    if not sentence.endswith("."):
        return False
    return bool(
        _LEAD_IN.fullmatch(sentence)
        or (_INITIAL.search(sentence) and sentence[-2].isupper())
        or _LETTER.search(sentence)
        or rules.always.search(sentence)
        or (number_follows and rules.before_number.search(sentence))
        or _is_place(sentence, rules)
        or _is_ordinal(sentence, rules)
    )


def _is_place(sentence: str, rules: _Rules) -> bool:
    """An abbreviation such as "г." that ends no sentence unless a number precedes it."""
    place = rules.unless_after_number.search(sentence)
    return place is not None and not sentence[: place.start()].rstrip()[-1:].isdigit()


def _is_ordinal(sentence: str, rules: _Rules) -> bool:
    """ "am 3. Februar" is an ordinal, but "Art. 12. Das ..." ends a sentence."""
    ordinal = _ORDINAL.search(sentence) if rules.ordinal_dot else None
    return ordinal is not None and not rules.before_number.search(sentence[: ordinal.start()])
