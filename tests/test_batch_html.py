"""`translator batch` on HTML pages: only the text changes, and the markup lands on its words.

Runs the real CLI on the uk→en copy model (each sentence translates into itself, with exactly
diagonal attention; only the default glossary changes words: "Верховної Ради" →
"Verkhovna Rada"), so the output must be the input byte for byte except for the glossary's
words and ``<html lang>``; and the library's run with an engine that gives no alignment, so
that every span falls back.
"""

from pathlib import Path

import lxml.html

from tests.conftest import Invoke
from tests.engines import realigned
from tests.test_batch import files_under, rows, write
from translator.batch.formats import ReadOptions
from translator.batch.formats.html import FORMAT
from translator.batch.manifest import NAME as MANIFEST
from translator.batch.paths import plan
from translator.batch.run import BatchOptions, run_batch

PAGE = """\
<!DOCTYPE html>
<html class="no-js">
<head>
  <meta charset="utf-8">
  <title>Новини &mdash; Верховна Рада</title>
  <meta name="viewport" content="width=device-width">
  <style>p::before { content: "Верховна Рада"; }</style>
  <script>var title = "Верховна Рада";</script>
</head>
<body>
<nav><ul>
  <li><a href="/" title='Головна сторінка'>Головна</a></li>
  <li class=active><a title="Новини Верховної Ради" href=/news>Новини</a></li>
</ul></nav>
<article id="main" data-x='1'>
  <h1>Засідання <b>Верховної Ради</b></h1>
  <p>Сьогодні <a href="/rada?a=1&amp;b=2" title="Сайт Верховної Ради">Верховна Рада</a> \
ухвалила закон&nbsp;&#8212; &laquo;про бюджет&raquo;.<br>Депутати <em>довго \
<i>голосували</i></em>, а потім пішли додому.</p>
  <p>Фото: <img src="rada.jpg" alt="Зала Верховної Ради" width=300> Команда <code>git log</code> \
показує історію<!-- примітка -->.</p>
  <pre>Верховна Рада   ухвалила</pre>
  <p translate="no">Верховна Рада</p>
  <p>Назва <span class="notranslate">Верховна Рада</span> і AT&T лишаються.</p>
</article>
<form action="/search"><label for="q">Пошук</label>
  <input id=q name="q" placeholder="Введіть запит"><button type="submit">Знайти</button>
</form>
</body>
</html>
"""

EXPECTED = (
    PAGE.replace('<html class="no-js">', '<html lang="en" class="no-js">')
    .replace("Верховна Рада</title>", "Verkhovna Rada</title>")
    .replace("Новини Верховної Ради", "Новини Verkhovna Rada")
    .replace("<b>Верховної Ради</b>", "<b>Verkhovna Rada</b>")
    .replace("Сайт Верховної Ради", "Сайт Verkhovna Rada")
    .replace(">Верховна Рада</a>", ">Verkhovna Rada</a>")
    .replace("Зала Верховної Ради", "Зала Verkhovna Rada")
)


def tags(html: str) -> list[str]:
    """The element tags of a page, in document order."""
    return [str(element.tag) for element in lxml.html.document_fromstring(html).iter()]


def test_a_page_comes_back_byte_for_byte_but_its_translated_words(
    cli: Invoke, uk_en: None, tmp_path: Path
) -> None:
    source = write(tmp_path / "in" / "page.uk.html", PAGE)
    out = tmp_path / "out"
    result = cli("batch", str(source), "--to", "en", "--out", str(out), "--json")
    assert result.exit_code == 0, result.output
    [row] = rows(result.stdout)
    assert (row["status"], row["fallbacks"]) == ("done", 0)
    assert files_under(out) == [MANIFEST, "page.en.html"]
    output = (out / "page.en.html").read_text(encoding="utf-8")
    assert output == EXPECTED
    assert tags(output) == tags(PAGE)


def test_the_units_of_a_page() -> None:
    document = FORMAT.read(PAGE.encode(), "page.html", ReadOptions("en"))
    assert document.aligned
    assert document.units == [
        "Новини \u2014 Верховна Рада",
        "Головна сторінка",
        "Головна",
        "Новини Верховної Ради",
        "Новини",
        "Засідання Верховної Ради",
        "Сьогодні Верховна Рада ухвалила закон\xa0\u2014 «про бюджет».\nДепутати довго "
        "голосували, а потім пішли додому.",
        "Сайт Верховної Ради",
        "Фото:  Команда  показує історію.",
        "Зала Верховної Ради",
        "Назва  і AT&T лишаються.",
        "Пошук",
        "Введіть запит",
        "Знайти",
    ]


def test_without_alignment_formatting_is_dropped_and_links_wrap_their_sentence(
    uk_en: None, tmp_path: Path
) -> None:
    write(
        tmp_path / "in" / "a.html",
        '<p>Засідання <b>Верховної Ради</b> почалося. Сайт <a href="/r">Ради</a> працює.</p>',
    )

    planned = plan([str(tmp_path / "in")], "en", frozenset({"uk"}), tmp_path / "out")
    result = run_batch(planned, BatchOptions("en", "uk"), engines=realigned(()))
    [row] = result.rows
    assert (row.status, row.fallbacks) == ("done", 2)
    assert (tmp_path / "out" / "a.en.html").read_text(encoding="utf-8") == (
        '<p>Засідання Verkhovna Rada почалося. <a href="/r">Сайт Ради працює.</a></p>'
    )


def test_bad_pages_are_rows_and_the_exit_is_1(cli: Invoke, uk_en: None, tmp_path: Path) -> None:
    source = tmp_path / "in"
    write(source / "binary.html", b"<p>\x00\x01</p>")
    write(source / "cp1251.htm", "<p>Рада</p>".encode("cp1251"))
    write(source / "control.html", "<p>Рада &#1;</p>")
    write(source / "comment.html", "<p>Рада <!-- no end\n<p>Друге речення.</p>")
    write(source / "quote.html", '<p>Рада</p>\n<p>Сайт <a href="/r>Ради</a>.</p>')
    write(source / "ok.htm", "<p>Верховна Рада</p>")
    out = tmp_path / "out"
    result = cli("batch", str(source), "--from", "uk", "--to", "en", "--out", str(out), "--json")
    assert result.exit_code == 1, result.output
    assert [(r["input"], r["status"], r["error"]) for r in rows(result.stdout)] == [
        (
            f"{source}/binary.html",
            "failed",
            f"{source}/binary.html: binary file, expected UTF-8 text",
        ),
        (
            f"{source}/comment.html",
            "failed",
            f"{source}/comment.html: broken HTML: unterminated markup at line 1: '<!-- no end'",
        ),
        (
            f"{source}/control.html",
            "failed",
            f"{source}/control.html: unusable HTML: &#1; at offset 8 is not a character",
        ),
        (
            f"{source}/cp1251.htm",
            "failed",
            f"{source}/cp1251.htm: not UTF-8 text (invalid byte at offset 3); convert it to UTF-8",
        ),
        (f"{source}/ok.htm", "done", ""),
        (
            f"{source}/quote.html",
            "failed",
            f"{source}/quote.html: broken HTML: unterminated markup at line 2: "
            "'<a href=\"/r>Ради</a>'",
        ),
    ]
    assert (out / "ok.en.htm").read_text(encoding="utf-8") == "<p>Verkhovna Rada</p>"
