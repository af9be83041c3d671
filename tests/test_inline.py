"""Word alignment from the model's attention, and inline spans placed on the aligned words.

The copy model's alignment head attends exactly to the source piece it copies, so with it every
placement is exact; the default uk→en glossary changes words ("Верховної Ради" → "Verkhovna
Rada"), which shows spans follow the words, not the character offsets. An engine wrapper that
scrambles or drops the alignment shows the fallback rules.
"""

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import EN_DE, Invoke
from tests.engines import realigned
from translator.engine.alignment import (
    compose,
    links_from_attention,
    piece_words,
    remap_source,
    words,
)
from translator.engine.ctranslate import pair_engine
from translator.engine.protocol import Engine
from translator.glossary.enforce import TermHit, correspondence, protect
from translator.inline import Element, Marked, Placed, Span, place, tree
from translator.pipeline import TranslatedDocument, translate_documents

Links = tuple[tuple[int, int], ...]


def test_pieces_map_to_the_words_of_the_decoded_text() -> None:
    pieces = ["▁В", "ер", "х", "▁", "«", "п", "ро", "▁бюджет", "»", "."]
    assert piece_words(pieces) == [0, 0, 0, 1, 1, 1, 1, 2, 2, 2]
    assert piece_words(["▁", "▁a", "b", "▁"]) == [0, 0, 0, 0]
    assert piece_words(["▁"]) == [-1]


def test_each_target_piece_links_to_the_source_piece_it_attends_to_most() -> None:
    source = ["▁a", "b", "▁c", "▁d"]
    target = ["▁x", "▁y", "z"]
    attention = [
        [0.1, 0.2, 0.6, 0.1, 0.0],
        [0.7, 0.1, 0.1, 0.1, 0.0],
        [0.0, 0.0, 0.1, 0.2, 0.7],  # </s> is not a source word: the best real piece counts
    ]
    assert links_from_attention(source, target, attention) == ((0, 1), (1, 0), (2, 1))


def test_a_pivot_composes_the_two_legs() -> None:
    assert compose(((0, 0), (1, 1), (2, 1)), ((0, 1), (1, 0))) == ((0, 1), (1, 0), (2, 0))


def test_links_on_a_sentence_with_injected_terms_go_back_to_its_words() -> None:
    sentence = "Засідання Верховної Ради почалося."
    hits = [TermHit("Верховна Рада", "Verkhovna Rada", 10, 24, "Верховної Ради")]
    injected = protect(sentence, hits)
    assert injected == "Засідання Verkhovna Rada почалося."
    diagonal = ((0, 0), (1, 1), (2, 2), (3, 3))
    pieces = correspondence(sentence, hits)
    assert remap_source(diagonal, injected, sentence, pieces) == (
        (0, 0),
        (1, 1),
        (1, 2),
        (2, 1),
        (2, 2),
        (3, 3),
    )


def test_the_copy_model_aligns_every_word_with_itself(uk_en: None) -> None:
    text = "Засідання почалося вчасно. «Про бюджет» — ухвалено!"
    document = translate_documents([text], "en", "uk", glossary=None, align=True)[0]
    for segment in document.segments:
        count = len(words(segment.source))
        assert segment.alignment == tuple((n, n) for n in range(count))
        assert document.text[segment.target_start : segment.target_end] == segment.target


def test_without_align_there_is_no_alignment(uk_en: None) -> None:
    document = translate_documents(["Засідання почалося."], "en", "uk", glossary=None)[0]
    assert [segment.alignment for segment in document.segments] == [None]


def test_a_pivot_route_gives_the_composed_alignment(cli: Invoke, uk_en: None) -> None:
    assert cli("models", "install", str(EN_DE)).exit_code == 0
    document = translate_documents(["Засідання почалося вчасно."], "de", "uk", align=True)[0]
    assert document.route == ["uk→en", "en→de"]
    assert document.segments[0].alignment == ((0, 0), (1, 1), (2, 2))


def marked(text: str, *spans: tuple[str, str, bool]) -> Marked[str]:
    """``text`` with a span around the first occurrence of each ``(words, tag, keep)``."""
    found = []
    for part, tag, keep in spans:
        start = text.index(part)
        found.append(Span(start, start + len(part), tag, keep))
    return Marked(text, tuple(found))


def render(placed: Placed[str]) -> str:
    """Spans written as ``<tag>…</tag>`` (a test serialisation)."""

    def nodes(items: list[str | Element[str]]) -> str:
        return "".join(
            item if isinstance(item, str) else f"<{item.tag}>{nodes(item.children)}</{item.tag}>"
            for item in items
        )

    return nodes(tree(placed))


def translated(text: str, engines: Callable[..., Engine] = pair_engine) -> TranslatedDocument:
    return translate_documents([text], "en", "uk", align=True, engines=engines)[0]


def test_spans_follow_the_words_they_wrap(uk_en: None) -> None:
    text = "Засідання Верховної Ради почалося вчасно. Депутати ухвалили закон."
    unit = marked(
        text,
        ("Верховної Ради", "b", False),
        ("почалося вчасно. Депутати", "i", False),
        ("закон", "a", True),
    )
    placed = place(unit, translated(text))
    assert placed.fallbacks == 0
    assert render(placed) == (
        "Засідання <b>Verkhovna Rada</b> <i>почалося вчасно. Депутати</i> ухвалили <a>закон</a>."
    )


def test_nested_spans_and_spans_inside_a_word(uk_en: None) -> None:
    text = "Засідання Верховної Ради почалося."
    unit = Marked(
        text,
        (
            Span(0, 24, "a", True),
            Span(10, 24, "b"),
            Span(10, 19, "i"),
            Span(27, 30, "u"),  # part of "почалося": the whole word is wrapped
        ),
    )
    placed = place(unit, translated(text))
    assert placed.fallbacks == 0
    assert render(placed) == "<a>Засідання <b><i>Verkhovna Rada</i></b></a> <u>почалося.</u>"


def test_anchors_stay_between_the_words_they_stood_between(uk_en: None) -> None:
    text = "Засідання Верховної Ради почалося."
    anchors = (Span(9, 9, "br", True), Span(0, 0, "img", True), Span(25, 25, "x", True))
    placed = place(Marked(text, anchors), translated(text))
    assert placed.fallbacks == 0
    assert render(placed) == "<img></img>Засідання<br></br> Verkhovna Rada <x></x>почалося."


def test_text_outside_the_sentences_keeps_its_spans() -> None:
    unit = Marked("  42  ", (Span(2, 4, "b"),))
    document = TranslatedDocument("und", 0.0, "en", "  42  ", [], None, [])
    assert render(place(unit, document)) == "  <b>42</b>  "


def test_without_an_alignment_formatting_is_dropped_and_a_link_wraps_its_sentence(
    uk_en: None,
) -> None:
    text = "Засідання почалося вчасно. Депутати ухвалили закон."
    unit = marked(text, ("почалося", "b", False), ("ухвалили", "a", True))
    placed = place(unit, translated(text, realigned(None)))
    assert placed.fallbacks == 2
    assert render(placed) == "Засідання почалося вчасно. <a>Депутати ухвалили закон.</a>"


def test_crossing_placements_fall_back(uk_en: None) -> None:
    text = "один два три чотири"
    # "один два" and "три чотири" are disjoint in the source; the scrambled alignment puts
    # "три" on the target word "два", so the two would overlap.
    unit = marked(text, ("один два", "b", False), ("три чотири", "a", True))
    links = ((0, 0), (1, 1), (2, 1), (3, 3))
    placed = place(unit, translated(text, realigned(links)))
    # The longer span is placed first; the other no longer nests with it and is dropped.
    assert placed.fallbacks == 1
    assert render(placed) == "один <a>два три чотири</a>"


def test_a_source_word_with_no_aligned_target_word_falls_back(uk_en: None) -> None:
    text = "один два три"
    unit = marked(text, ("два", "i", False), ("три", "code", True))
    placed = place(unit, translated(text, realigned(((0, 0),))))
    assert placed.fallbacks == 2
    assert render(placed) == "<code>один два три</code>"


@pytest.mark.parametrize("engine", ["real", "realigned"])
def test_every_kept_span_survives_and_nests(uk_en: None, engine: str, tmp_path: Path) -> None:
    text = "Засідання Верховної Ради почалося вчасно, депутати ухвалили закон про бюджет."
    spans = tuple(Span(start, start + 9, f"a{start}", True) for start in range(0, 60, 7))
    engines = pair_engine if engine == "real" else realigned(((0, 5), (5, 0), (3, 3)))
    placed = place(Marked(text, spans), translated(text, engines))
    assert sorted(span.tag for span in placed.spans) == sorted(span.tag for span in spans)
    for a in placed.spans:
        for b in placed.spans:
            crossing = a.start < b.start < a.end < b.end
            assert not crossing, (a, b)


def test_punctuation_left_out_of_a_span_stays_out(uk_en: None) -> None:
    text = "Закон «Про бюджет» ухвалено."
    unit = marked(text, ("Про бюджет", "a", True), ("ухвалено", "i", False))
    placed = place(unit, translated(text))
    assert render(placed) == "Закон «<a>Про бюджет</a>» <i>ухвалено</i>."


def test_an_anchor_at_a_span_edge_stays_outside_unless_it_was_inside(uk_en: None) -> None:
    text = "Засідання почалося вчасно."
    anchors = (
        Span(0, 9, "a", True),
        Span(9, 9, "br", True),  # at the link's end: outside
        Span(10, 25, "b"),
        Span(10, 10, "img", True),  # at the bold's start: outside, before it
        Span(18, 18, "x", True),  # strictly inside the bold
    )
    placed = place(Marked(text, anchors), translated(text))
    assert render(placed) == ("<a>Засідання</a><br></br> <img></img><b>почалося<x></x> вчасно</b>.")
