"""The names evaluation set: its loader on small texts, and the real file's consistency."""

from collections import Counter

import pytest

from tests.names_eval import EvalDocument, EvalSentence, Gold, load, parse
from translator.glossary.library import default_for
from translator.glossary.match import index_for
from translator.morph import analyzer

# Names made up for the set, so that the finder meets words its dictionary cannot know.
INVENTED = frozenset(
    {
        "Гнилоп'ятів",
        "Липоварівка",
        "Сливчанськ",
        "Вербоцьке",
        "Кобилячки",
        "Журавлянка",
        "Кобзарчук",
        "Дзвонарчук",
        "Лозинчук",
        "Гайдамаченко",
        "Шпаковецький",
        "Дзюбчишин",
        "Бузинчук",
        "Вітрогонов",
        "Вітрогонова",
        "Зарічнюк",
        "Зглибоцький",
        "Зглибоцька",
    }
)


def test_parse_offsets_kinds_and_documents() -> None:
    text = (
        "# a comment\n"
        "\n"
        "## one\n"
        "Учора в [Фастові|Фастів|place] [Ярославу Жуковську|Ярослава Жуковська] нагородили.\n"
        "  # an indented comment\n"
        "Компанія «[Агросвіт|Агросвіт|organisation]» росте.\n"
        "## two\n"
        "Без імен.\n"
    )
    assert parse(text) == [
        EvalDocument(
            "one",
            [
                EvalSentence(
                    "Учора в Фастові Ярославу Жуковську нагородили.",
                    [
                        Gold(8, 15, "Фастові", "Фастів", "place"),
                        Gold(16, 34, "Ярославу Жуковську", "Ярослава Жуковська", "person"),
                    ],
                ),
                EvalSentence(
                    "Компанія «Агросвіт» росте.",
                    [Gold(10, 18, "Агросвіт", "Агросвіт", "organisation")],
                ),
            ],
        ),
        EvalDocument("two", [EvalSentence("Без імен.", [])]),
    ]


def test_parse_name_at_both_ends_and_initials() -> None:
    (document,) = parse("## d\n[В. Ткачука|В. Ткачук] і [Прилуки|Прилуки|place]\n")
    assert document.sentences == [
        EvalSentence(
            "В. Ткачука і Прилуки",
            [
                Gold(0, 10, "В. Ткачука", "В. Ткачук", "person"),
                Gold(13, 20, "Прилуки", "Прилуки", "place"),
            ],
        )
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Речення.\n", "line 1: sentence before the first '## <id>' line"),
        ("## \n", "line 1: document without an id"),
        ("## a\nx\n## a\ny\n", "line 3: document 'a' appears twice"),
        ("## a\n## b\nx\n", "document 'a' has no sentences"),
        ("## a\n\nУ [Фастові|Фастів місто.\n", "line 3: '[' without a closing ']'"),
        ("## a\nУ Фастові] місто.\n", "line 2: stray ']' outside an annotation"),
        ("## a\nУ Фастові|Фастів місто.\n", "line 2: stray '|' outside an annotation"),
        ("## a\nУ [Фастові] місто.\n", "line 2: annotation [Фастові] is not [surface|lemma|kind?]"),
        ("## a\n[a|b|place|x]\n", "line 2: annotation [a|b|place|x] is not [surface|lemma|kind?]"),
        ("## a\nУ [[Фастові|Фастів] місто.\n", "line 2: annotation inside an annotation"),
        ("## a\nУ [|Фастів] місто.\n", "line 2: annotation [|Фастів] has a bad surface"),
        ("## a\n[Фастові |Фастів]\n", "line 2: annotation [Фастові |Фастів] has a bad surface"),
        ("## a\nУ [Фастові|] місто.\n", "line 2: annotation [Фастові|] has a bad lemma"),
        (
            "## a\nУ [Фастові|Фастів|town] місто.\n",
            "line 2: unknown kind 'town' (one of person, place, organisation)",
        ),
    ],
)
def test_parse_rejects_malformed_lines(text: str, message: str) -> None:
    with pytest.raises(ValueError) as raised:
        parse(text)
    assert str(raised.value) == message


@pytest.fixture(scope="module")
def documents() -> list[EvalDocument]:
    return load()


def test_every_surface_stands_at_its_offsets(documents: list[EvalDocument]) -> None:
    for document in documents:
        for sentence in document.sentences:
            previous_end = 0
            for gold in sentence.names:
                assert sentence.text[gold.start : gold.end] == gold.surface
                assert gold.start >= previous_end, (document.id, gold)
                previous_end = gold.end


def test_no_gold_name_is_a_glossary_term(documents: list[EvalDocument]) -> None:
    glossary = default_for("uk", "en")
    assert glossary is not None
    index = index_for(glossary)
    overlaps = []
    for document in documents:
        for sentence in document.sentences:
            matches = index.find(sentence.text)
            overlaps.extend(
                (document.id, gold.surface, match.surface)
                for gold in sentence.names
                for match in matches
                if match.start < gold.end and gold.start < match.end
            )
    lemmas = {gold.lemma for document in documents for s in document.sentences for gold in s.names}
    covered = sorted(lemma for lemma in lemmas if index.find(lemma))
    assert overlaps == []
    assert covered == []


def test_invented_names_are_unknown_to_the_dictionary(documents: list[EvalDocument]) -> None:
    morph = analyzer("uk")
    forms = {
        word
        for document in documents
        for sentence in document.sentences
        for gold in sentence.names
        for word, lemma_word in zip(gold.surface.split(), gold.lemma.split(), strict=True)
        if lemma_word in INVENTED
    }
    known = sorted(
        form
        for form in forms
        if any(_from_the_dictionary(parse.methods_stack) for parse in morph.parse(form))
    )
    assert len(forms) >= 40
    assert known == []


def _from_the_dictionary(methods_stack: tuple[tuple[object, ...], ...]) -> bool:
    """Whether a pymorphy3 parse is a dictionary word as written, not a guess by analogy."""
    return len(methods_stack) == 1 and type(methods_stack[0][0]).__name__ == "DictionaryAnalyzer"


def test_the_set_is_as_large_as_the_issue_asks(
    documents: list[EvalDocument], capsys: pytest.CaptureFixture[str]
) -> None:
    sentences = [sentence for document in documents for sentence in document.sentences]
    kinds = Counter(gold.kind for sentence in sentences for gold in sentence.names)
    by_kind = ", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items()))
    with capsys.disabled():
        print(
            f"\nnames eval set: {len(documents)} documents, {len(sentences)} sentences, "
            f"{sum(kinds.values())} names ({by_kind})"
        )
    assert len(documents) >= 40
    assert len(sentences) >= 200
    assert sum(kinds.values()) >= 250
    assert set(kinds) == {"person", "place", "organisation"}
