"""HTML fragments (the API's ``format=html``): what is translated, what is kept, exact output.

The real copy model translates each sentence into itself, so only the default glossary changes
the text ("Верховної Ради" → "Verkhovna Rada", "Верховна Рада" → "Verkhovna Rada"): every
other byte must come back as it was, and the glossary's words show where the markup landed.
The last test goes through the real /translate endpoint.
"""

import httpx
import pytest

from translator.errors import InputError
from translator.formats.html import html_text, read_html
from translator.texts import translate_texts


def translated(fragment: str) -> str:
    [result] = translate_texts([fragment], "en", "uk", html=True)
    return result.text


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        (
            '<p>Засідання <b class="x">Верховної Ради</b> почалося.</p>',
            '<p>Засідання <b class="x">Verkhovna Rada</b> почалося.</p>',
        ),
        (
            '<p>Сайт <a href="/rada" title="Сайт Верховної Ради">Верховної Ради</a>, тут.</p>',
            '<p>Сайт <a href="/rada" title="Сайт Verkhovna Rada">Verkhovna Rada</a>, тут.</p>',
        ),
        (
            "<p>Засідання<!-- примітка --> Верховної Ради почалося.</p>",
            "<p>Засідання<!-- примітка --> Verkhovna Rada почалося.</p>",
        ),
        (
            "Верховна Рада<br>ухвалила &laquo;закон&raquo;&nbsp;&#8212; так&amp;ні",
            "Verkhovna Rada<br>ухвалила &laquo;закон&raquo;&nbsp;&#8212; так&amp;ні",
        ),
        (
            "<ul><li><a href=\"/\">Верховна Рада</a></li></ul><img alt='Верховна Рада' src=x>",
            "<ul><li><a href=\"/\">Verkhovna Rada</a></li></ul><img alt='Verkhovna Rada' src=x>",
        ),
        (
            '<input placeholder=Пошук title="Верховна Рада &quot;сайт&quot;">',
            '<input placeholder=Пошук title="Verkhovna Rada &quot;сайт&quot;">',
        ),
        ("<!-- лише коментар -->", "<!-- лише коментар -->"),
    ],
    ids=["bold", "link-title", "comment", "entities-br", "wrapper-alt", "attributes", "comment"],
)
def test_sentences_are_translated_whole_and_markup_lands_on_the_words(
    uk_en: None, fragment: str, expected: str
) -> None:
    assert translated(fragment) == expected


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        (
            "<pre><b>Верховна Рада</b> ухвалила</pre> Верховна Рада",
            "<pre><b>Верховна Рада</b> ухвалила</pre> Verkhovna Rada",
        ),
        (
            "<p>Див. <code><i>Верховна Рада</i></code> і Верховна Рада</p>",
            "<p>Див. <code><i>Верховна Рада</i></code> і Verkhovna Rada</p>",
        ),
        (
            "<script>var a = 'Верховна Рада';</script>Верховна Рада",
            "<script>var a = 'Верховна Рада';</script>Verkhovna Rada",
        ),
        (
            "<style>p { content: 'Верховна Рада' }</style>Верховна Рада",
            "<style>p { content: 'Верховна Рада' }</style>Verkhovna Rada",
        ),
        (
            '<p>Верховна Рада <span translate="no">Верховна <b>Рада</b></span> Верховна Рада</p>',
            '<p>Verkhovna Rada <span translate="no">Верховна <b>Рада</b></span> Verkhovna Rada</p>',
        ),
        (
            '<p class="notranslate" title="Верховна Рада">Верховна Рада</p><p>Верховна Рада</p>',
            '<p class="notranslate" title="Верховна Рада">Верховна Рада</p><p>Verkhovna Rada</p>',
        ),
        ('<p translate="yes">Верховна Рада</p>', '<p translate="yes">Verkhovna Rada</p>'),
    ],
    ids=["pre", "code", "script", "style", "translate-no", "notranslate", "translate-yes"],
)
def test_code_and_marked_subtrees_are_kept(uk_en: None, fragment: str, expected: str) -> None:
    assert translated(fragment) == expected


def test_units_of_a_fragment() -> None:
    page = read_html(
        '<p>Засідання <b>Верховної Ради</b><img alt="Фото"> почалося.</p>'
        "<ul><li><a href='/'>Головна</a></li></ul><pre>код</pre>"
    )
    assert page.texts == ["Засідання Верховної Ради почалося.", "Фото", "Головна"]
    assert [(span.start, span.end, span.keep) for span in page.units[0].marked.spans] == [
        (10, 24, False),
        (24, 24, True),
    ]
    assert html_text("<p>Рада</p><pre>код</pre><p>ухвалила</p>") == "Рада\nухвалила"


def test_badly_nested_inline_tags_are_kept_as_they_are(uk_en: None) -> None:
    fragment = "<p><b>Рада <i>ухвалила</b> закон</i> про <u>бюджет. Верховна Рада.</p>"
    expected = "<p><b>Рада <i>ухвалила</b> закон</i> про <u>бюджет. Verkhovna Rada.</p>"
    assert translated(fragment) == expected


def test_a_reference_to_no_character_is_an_input_error() -> None:
    with pytest.raises(InputError, match=r"^unusable HTML: &#x1; at offset 3 is not a character$"):
        read_html("<p>&#x1;</p>")


def test_nothing_to_translate_returns_the_fragment(uk_en: None) -> None:
    fragment = "<pre><b>Рада</b></pre><!-- c -->  "
    assert translated(fragment) == fragment


def test_translate_endpoint_skips_code_and_translates_after_comments(api_url: str) -> None:
    html = (
        "<p>Засідання<!-- примітка --> Верховної Ради почалося.</p>"
        "<pre><b>Верховної Ради</b></pre><p class='notranslate'>Верховної Ради</p>"
    )
    body = {"q": html, "source": "uk", "target": "en", "format": "html"}
    reply = httpx.post(f"{api_url}/translate", json=body)
    assert reply.status_code == 200, reply.text
    assert reply.json() == {
        "translatedText": "<p>Засідання<!-- примітка --> Verkhovna Rada почалося.</p>"
        "<pre><b>Верховної Ради</b></pre><p class='notranslate'>Верховної Ради</p>"
    }
