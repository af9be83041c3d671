"""HTML fragments: which text is translated and which is kept, with exact output.

The translate callable tags each text it gets, so what was translated is visible; the last test
goes through the real /translate endpoint (copy model: only the glossary changes the text).
"""

import httpx
import pytest

from translator.formats.html import translate_html


def tagged(texts: list[str]) -> list[str]:
    return [f"[{text}]" for text in texts]


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ("Рада<!-- примітка -->ухвалила", "[Рада]<!-- примітка -->[ухвалила]"),
        ("<p>Рада<!-- примітка -->ухвалила</p>", "<p>[Рада]<!-- примітка -->[ухвалила]</p>"),
        ("<p>a<!--b-->c<!--d-->e</p>", "<p>[a]<!--b-->[c]<!--d-->[e]</p>"),
        ("<!-- лише коментар -->", "<!-- лише коментар -->"),
    ],
    ids=["top-level", "in-element", "two-comments", "comment-only"],
)
def test_text_after_a_comment_is_translated_and_the_comment_kept(
    fragment: str, expected: str
) -> None:
    assert translate_html(fragment, tagged) == expected


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ("<pre><b>Рада</b> ухвалила</pre> закон", "<pre><b>Рада</b> ухвалила</pre>[ закон]"),
        ("<p>Див. <code><i>x</i>.y</code> тут</p>", "<p>[Див. ]<code><i>x</i>.y</code>[ тут]</p>"),
        (
            "<pre>a<!-- c -->b<span>d</span>e</pre>f",
            "<pre>a<!-- c -->b<span>d</span>e</pre>[f]",
        ),
        ("<script>var a = 'Рада';</script>Рада", "<script>var a = 'Рада';</script>[Рада]"),
        ("<style>p { color: red }</style>Рада", "<style>p { color: red }</style>[Рада]"),
    ],
    ids=["pre", "code", "pre-with-comment", "script", "style"],
)
def test_skipped_elements_keep_their_whole_subtree(fragment: str, expected: str) -> None:
    assert translate_html(fragment, tagged) == expected


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        (
            '<p>Рада <span translate="no">Рада <b>Рада</b></span> Рада</p>',
            '<p>[Рада ]<span translate="no">Рада <b>Рада</b></span>[ Рада]</p>',
        ),
        (
            '<p class="lead notranslate">Рада <b>Рада</b></p><p>Рада</p>',
            '<p class="lead notranslate">Рада <b>Рада</b></p><p>[Рада]</p>',
        ),
        ('<p translate="yes">Рада</p>', '<p translate="yes">[Рада]</p>'),
    ],
    ids=["translate-no", "notranslate", "translate-yes"],
)
def test_translate_no_and_notranslate_keep_their_subtree(fragment: str, expected: str) -> None:
    assert translate_html(fragment, tagged) == expected


def test_markup_and_attributes_stay_as_they_are() -> None:
    fragment = '<p>Засідання <b class="x">Верховної Ради</b> почалося.</p><br>кінець'
    expected = '<p>[Засідання ]<b class="x">[Верховної Ради]</b>[ почалося.]</p><br>[кінець]'
    assert translate_html(fragment, tagged) == expected


def test_nothing_to_translate_returns_the_fragment() -> None:
    calls: list[list[str]] = []

    def record(texts: list[str]) -> list[str]:
        calls.append(texts)
        return texts

    fragment = "<pre><b>Рада</b></pre><!-- c -->  "
    assert translate_html(fragment, record) == fragment
    assert calls == []


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
        '<pre><b>Верховної Ради</b></pre><p class="notranslate">Верховної Ради</p>'
    }
