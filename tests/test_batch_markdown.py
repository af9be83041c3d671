"""`translator batch` on Markdown: only the prose changes, inline markup stays on its words.

Runs the real CLI and the library's run on the uk→en copy model (the output text is the input
text, with the default glossary's terms: "Верховна Рада" → "Verkhovna Rada"), with engine
wrappers that reverse the words of each sentence or give no alignment, and parses the outputs
again with markdown-it-py.
"""

from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from tests.conftest import Invoke
from tests.engines import realigned
from tests.test_batch import files_under, rows, write
from translator.batch.formats import ReadOptions
from translator.batch.formats.markdown import FORMAT
from translator.batch.manifest import NAME as MANIFEST
from translator.batch.paths import plan
from translator.batch.report import Row
from translator.batch.run import BatchOptions, run_batch
from translator.engine.ctranslate import Hypothesis, pair_engine
from translator.engine.options import EngineOptions
from translator.engine.protocol import Engine, EngineProvider
from translator.models.installed import InstalledModel

RICH = """\
---
title: Верховна Рада ухвалила бюджет
description: 'Верховна Рада: огляд тижня'
summary: Верховна Рада
tags: [політика, Рада]
---

# Верховна Рада *ухвалила* закон #

Верховна Рада **ухвалила** закон про [державний бюджет](https://rada.gov.ua/b "Бюджет")
на 2026 рік. Використайте `translator batch` для файлів⏎
і перевірте ![логотип](img/logo.png "Лого") результат.

Заголовок другого рівня
-----------------------

- Перший пункт із ~~закресленим~~ словом
- Другий пункт, *вкладений **сильний** текст*
  продовжується тут.
  1. Вкладений [пункт][ref] списку.

> Цитата: **Верховна Рада** ухвалила
> закон і <b>жирний</b> текст.
>
> > Вкладена цитата <https://example.com> тут.

| Назва | Значення |
|-------|---------:|
| Бюджет | *мільярд* гривень |
| Закон | `код` |

```python
print("Верховна Рада")
```

    Верховна Рада у відступі

<div class="note">
Верховна Рада в блоці HTML.
</div>

Текст із \\*зірочками\\* та _нахилом_.

[![збірка](https://ci.ua/b.svg)](https://ci.ua) **`пакет`** і (`x`) кінець.

[ref]: https://example.com/ref "Верховна Рада"
""".replace("⏎", "  ")  # a hard line break

TRANSLATED = {
    "title: Верховна Рада": "title: Verkhovna Rada",
    "'Верховна Рада: огляд": "'Verkhovna Rada: огляд",
    "# Верховна Рада *": "# Verkhovna Rada *",
    "\nВерховна Рада **": "\nVerkhovna Rada **",
    "**Верховна Рада** ухвалила": "**Verkhovna Rada** ухвалила",
}


def parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).use(front_matter_plugin)


def blocks(text: str) -> list[tuple[str, str, int, int, str]]:
    """The block structure of ``text``: every token's type, tag, nesting, level and markup."""
    return [(t.type, t.tag, t.nesting, t.level, t.markup) for t in parser().parse(text)]


def inline(text: str) -> list[list[tuple[str, str, str]]]:
    """Per inline block, its tokens' type, content and markup (text merged)."""
    return [_children(t.children or []) for t in parser().parse(text) if t.type == "inline"]


def _children(children: list[Token]) -> list[tuple[str, str, str]]:
    return [(c.type, c.content, c.markup) for c in children if c.type != "text" or c.content]


def batch(cli: Invoke, source: Path, out: Path, *options: str) -> list[dict[str, object]]:
    result = cli("batch", str(source), "--to", "en", "--out", str(out), "--json", *options)
    assert result.exit_code == 0, result.output
    return rows(result.stdout)


def expected(text: str) -> str:
    for before, after in TRANSLATED.items():
        assert before in text
        text = text.replace(before, after)
    return text


def test_everything_but_the_prose_is_copied_byte_for_byte(
    cli: Invoke, uk_en: None, tmp_path: Path
) -> None:
    source = write(tmp_path / "in" / "x.md", RICH)
    out = tmp_path / "out"
    [row] = batch(cli, source, out, "--from", "uk")
    assert (row["status"], row["fallbacks"], row["glossary_hits"]) == ("done", 0, 5)
    assert files_under(out) == [MANIFEST, "x.en.md"]
    text = (out / "x.en.md").read_text(encoding="utf-8")
    assert text == expected(RICH)
    assert blocks(text) == blocks(RICH)
    assert inline(text) == inline(expected(RICH))


def test_crlf_line_ends_are_kept(cli: Invoke, uk_en: None, tmp_path: Path) -> None:
    source = write(tmp_path / "in" / "x.md", RICH.replace("\n", "\r\n"))
    out = tmp_path / "out"
    [row] = batch(cli, source, out, "--from", "uk")
    assert (row["status"], row["fallbacks"]) == ("done", 0)
    assert (out / "x.en.md").read_bytes() == expected(RICH).replace("\n", "\r\n").encode("utf-8")


def test_the_units_are_the_prose_and_the_chosen_front_matter_keys() -> None:
    document = FORMAT.read(RICH.encode("utf-8"), "x.md", ReadOptions("en"))
    assert document.aligned
    assert document.units == [
        "Верховна Рада ухвалила бюджет",
        "Верховна Рада: огляд тижня",
        "Верховна Рада ухвалила закон",
        "Верховна Рада ухвалила закон про державний бюджет на 2026 рік. Використайте для "
        "файлів і перевірте результат.",
        "Заголовок другого рівня",
        "Перший пункт із закресленим словом",
        "Другий пункт, вкладений сильний текст продовжується тут.",
        "Вкладений пункт списку.",
        "Цитата: Верховна Рада ухвалила закон і жирний текст.",
        "Вкладена цитата тут.",
        "Назва",
        "Значення",
        "Бюджет",
        "мільярд гривень",
        "Закон",
        "",
        "Текст із *зірочками* та нахилом.",
        "і ( ) кінець.",
    ]
    keys = ReadOptions("en", md_keys=("summary", "tags", "missing"))
    assert FORMAT.read(RICH.encode("utf-8"), "x.md", keys).units[:2] == [
        "Верховна Рада",
        "Верховна Рада ухвалила закон",
    ]


def test_md_keys_choose_the_front_matter_values_translated(
    cli: Invoke, uk_en: None, tmp_path: Path
) -> None:
    source = write(tmp_path / "in" / "x.markdown", RICH.split("\n\n#")[0] + "\n\nКінець.\n")
    out = tmp_path / "out"
    batch(cli, source, out, "--md-keys", "summary, description")
    assert (out / "x.en.markdown").read_text(encoding="utf-8") == (
        "---\n"
        "title: Верховна Рада ухвалила бюджет\n"
        "description: 'Verkhovna Rada: огляд тижня'\n"
        "summary: Verkhovna Rada\n"
        "tags: [політика, Рада]\n"
        "---\n\nКінець.\n"
    )


class ReversingEngine:
    """The copy model's translation with each sentence's words in reverse order, aligned."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def translate(
        self, texts: list[str], hypotheses: int = 1, align: bool = False
    ) -> list[list[Hypothesis]]:
        result = []
        for found in self.engine.translate(texts, hypotheses):
            words = found[0].text.split()
            links = tuple((n, len(words) - 1 - n) for n in range(len(words)))
            result.append([Hypothesis(" ".join(reversed(words)), 0.0, links)])
        return result


def reversing(model: InstalledModel, options: EngineOptions) -> Engine:
    return ReversingEngine(pair_engine(model, options))


def run(source: Path, out: Path, engines: EngineProvider) -> Row:
    planned = plan([str(source)], "en", frozenset({"uk"}), out)
    [row] = run_batch(planned, BatchOptions("en", "uk", None), engines=engines).rows
    return row


def test_spans_follow_the_words_they_wrapped(uk_en: None, tmp_path: Path) -> None:
    text = (
        'Перше **друге** [третє](https://t.ua "т") `код` четверте.\n\n'
        "> один *два*\n> три чотири.\n\n"
        "- а - б\n  в.\n"
    )
    source = write(tmp_path / "in" / "r.md", text)
    row = run(source, tmp_path / "out", reversing)
    assert (row.status, row.fallbacks) == ("done", 0)
    assert (tmp_path / "out" / "r.en.md").read_text(encoding="utf-8") == (
        'четверте. [третє](https://t.ua "т") `код` **друге** Перше\n\n'
        "> чотири. три *два*\n> один\n\n"
        "- в. б - а\n"
    )


def test_reordered_words_keep_every_block(uk_en: None, tmp_path: Path) -> None:
    source = write(tmp_path / "in" / "x.md", RICH)
    row = run(source, tmp_path / "out", reversing)
    assert (row.status, row.fallbacks) == ("done", 0)
    output = (tmp_path / "out" / "x.en.md").read_text(encoding="utf-8")
    assert blocks(output) == blocks(RICH)
    assert "# закон *ухвалила* Рада Верховна #\n" in output
    assert "| Бюджет | гривень *мільярд* |\n" in output
    assert "- тут. продовжується *текст\n  **сильний** вкладений* пункт, Другий\n" in output


def test_without_alignment_formatting_is_dropped_and_links_wrap_the_sentence(
    uk_en: None, tmp_path: Path
) -> None:
    text = (
        "# Заголовок *розділу*\n\n"
        "Верховна Рада **ухвалила** закон про [бюджет](https://rada.gov.ua). Друге речення.\n"
    )
    source = write(tmp_path / "in" / "u.md", text)
    row = run(source, tmp_path / "out", realigned(()))
    assert (row.status, row.fallbacks) == ("done", 3)
    output = (tmp_path / "out" / "u.en.md").read_text(encoding="utf-8")
    assert output == (
        "# Заголовок розділу\n\n"
        "[Верховна Рада ухвалила закон про бюджет.](https://rada.gov.ua) Друге речення.\n"
    )
    assert blocks(output) == blocks(text)


def test_a_block_the_parser_reads_differently_is_left_as_it_is(
    cli: Invoke, uk_en: None, tmp_path: Path
) -> None:
    text = "| Верховна Рада | a \\| b |\n|---|---|\n| Верховна Рада | 1 |\n"
    source = write(tmp_path / "in" / "t.md", text)
    out = tmp_path / "out"
    [row] = batch(cli, source, out, "--from", "uk")
    assert (row["status"], row["fallbacks"]) == ("done", 1)
    assert (out / "t.en.md").read_text(encoding="utf-8") == (
        "| Verkhovna Rada | a \\| b |\n|---|---|\n| Verkhovna Rada | 1 |\n"
    )


def test_bad_markdown_input_is_a_failed_row(cli: Invoke, uk_en: None, tmp_path: Path) -> None:
    source = tmp_path / "in"
    write(source / "latin1.md", "# Grüße".encode("latin-1"))
    write(source / "ok.md", "# Верховна Рада\n")
    out = tmp_path / "out"
    result = cli(
        "batch", str(source), "--to", "en", "--from", "uk", "--out", str(out), "--json", "--quiet"
    )
    assert result.exit_code == 1, result.output
    assert [(r["input"], r["status"], r["error"]) for r in rows(result.stdout)] == [
        (
            f"{source}/latin1.md",
            "failed",
            f"{source}/latin1.md: not UTF-8 text (invalid byte at offset 4); convert it to UTF-8",
        ),
        (f"{source}/ok.md", "done", ""),
    ]
    assert (out / "ok.en.md").read_text(encoding="utf-8") == "# Verkhovna Rada\n"
