"""`translator batch` on PO catalogues: the real CLI on the uk→en copy model, read back by polib.

The copy model writes its input back, and the default glossary turns "Верховна Рада" into
"Verkhovna Rada" (in any of its forms), so a filled msgstr is its msgid with that term replaced.
"""

import functools
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from tests.conftest import Invoke
from tests.test_batch import rows, write
from translator.batch import run
from translator.engine.ctranslate import Hypothesis, pair_engine
from translator.engine.options import EngineOptions
from translator.engine.protocol import Engine
from translator.models.installed import InstalledModel

CATALOGUE = r"""# Ukrainian news site.
msgid ""
msgstr ""
"Project-Id-Version: news 1.0\n"
"PO-Revision-Date: 2026-03-12 10:00+0200\n"
"Last-Translator: Desk <desk@example.org>\n"
"Language-Team: English <desk@example.org>\n"
"Language: en\n"
"MIME-Version: 1.0\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Content-Transfer-Encoding: 8bit\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

#. The front page's headline.
#: templates/index.html:12
msgid "Верховна Рада ухвалила закон."
msgstr ""

#: templates/index.html:20
msgctxt "button"
msgid "Читати далі"
msgstr ""

#: templates/list.html:3
#, python-format
msgid "%(count)s новина Верховної Ради"
msgid_plural "%(count)s новин Верховної Ради"
msgstr[0] ""
msgstr[1] ""

# Reviewed by the desk.
#: templates/footer.html:1
msgid "Контакти"
msgstr "Contacts"

#: templates/footer.html:2
#, fuzzy
#| msgid "Про нас"
msgid "Про редакцію"
msgstr "About us"

#: templates/footer.html:3
#, fuzzy
msgid "Верховна Рада\n"
msgstr ""

#~ msgid "Стара новина"
#~ msgstr ""
"""

RADA = "Verkhovna Rada"


def test_the_catalogue_keeps_its_structure_and_gets_its_msgstr_filled(
    cli: Invoke, uk_en: None, tmp_path: Path
) -> None:
    source = write(tmp_path / "in" / "site.uk.po", CATALOGUE)
    out = tmp_path / "out"
    result = cli("batch", str(source), "--out", str(out), "--json", "--quiet")
    assert result.exit_code == 0, result.output
    [row] = rows(result.stdout)
    assert (row["status"], row["sentences"], row["error"]) == ("done", 5, "")
    before = polib.pofile(CATALOGUE)
    after = polib.pofile((out / "site.en.po").read_text(encoding="utf-8"))

    assert after.header == before.header
    assert after.metadata == before.metadata
    assert len(after) == len(before)
    for old, new in zip(before, after, strict=True):
        for field in (
            "msgid",
            "msgid_plural",
            "msgctxt",
            "comment",
            "tcomment",
            "occurrences",
            "previous_msgid",
            "obsolete",
        ):
            assert getattr(new, field) == getattr(old, field), (old.msgid, field)
    plain, button, plural, kept, fuzzy_kept, fuzzy_filled, obsolete = after
    assert (plain.msgstr, plain.flags) == (f"{RADA} ухвалила закон.", ["fuzzy"])
    assert (button.msgstr, button.flags) == ("Читати далі", ["fuzzy"])
    assert plural.msgstr_plural == {
        0: f"%(count)s новина {RADA}",
        1: f"%(count)s новин {RADA}",
    }
    assert plural.flags == ["python-format", "fuzzy"]
    assert (kept.msgstr, kept.flags) == ("Contacts", [])
    assert (fuzzy_kept.msgstr, fuzzy_kept.flags) == ("About us", ["fuzzy"])
    assert (fuzzy_filled.msgstr, fuzzy_filled.flags) == (f"{RADA}\n", ["fuzzy"])
    assert (obsolete.msgstr, obsolete.flags) == ("", [])
    assert [e.msgid for e in after.untranslated_entries()] == []


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext's msgfmt is not installed")
def test_msgfmt_accepts_the_output(cli: Invoke, uk_en: None, tmp_path: Path) -> None:
    source = write(tmp_path / "site.po", CATALOGUE)
    out = tmp_path / "out"
    result = cli("batch", str(source), "--out", str(out), "--quiet")
    assert result.exit_code == 0, result.output
    checked = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(out / "site.en.po")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (checked.returncode, checked.stderr) == (0, "")


def test_a_broken_catalogue_is_a_failed_row(cli: Invoke, uk_en: None, tmp_path: Path) -> None:
    source = tmp_path / "in"
    write(source / "broken.po", 'msgid "Закон "ухвалено""\nmsgstr ""\n')
    write(source / "garbage.po", "це не каталог\n")
    write(source / "ok.po", 'msgid "Верховна Рада ухвалила закон."\nmsgstr ""\n')
    out = tmp_path / "out"
    result = cli("batch", str(source), "--out", str(out), "--json", "--quiet")
    assert result.exit_code == 1, result.output
    assert [(r["input"], r["status"], r["error"]) for r in rows(result.stdout)] == [
        (
            f"{source}/broken.po",
            "failed",
            f"{source}/broken.po: not a valid PO file: syntax error (line 1): "
            "unescaped double quote found",
        ),
        (
            f"{source}/garbage.po",
            "failed",
            f"{source}/garbage.po: not a valid PO file: syntax error (line 1)",
        ),
        (f"{source}/ok.po", "done", ""),
    ]
    assert not (out / "broken.en.po").exists()
    assert polib.pofile((out / "ok.en.po").read_text(encoding="utf-8"))[0].msgstr == (
        f"{RADA} ухвалила закон."
    )


PLACEHOLDERS = r"""msgid ""
msgstr ""
"Language: uk\n"
"Content-Type: text/plain; charset=CHARSET\n"

#, c-format
msgid "Файл %s збережено, %d%% готово."
msgstr ""

#, python-brace-format
msgid "{count} новин у розділі {name}"
msgstr ""

msgid "Вітаємо, %(user)s!"
msgstr "Welcome, %(user)s!"

#, python-format
msgid "%1$s з %2$s"
msgstr ""
"""


def translate_catalogue(cli: Invoke, tmp_path: Path, *options: str) -> tuple[dict, polib.POFile]:
    source = write(tmp_path / "in" / "app.po", PLACEHOLDERS)
    out = tmp_path / "out"
    result = cli("batch", str(source), "--to", "en", "--out", str(out), "--json", *options)
    assert result.exit_code == 0, result.output
    [row] = rows(result.stdout)
    return row, polib.pofile((out / "app.en.po").read_text(encoding="utf-8"))


def test_placeholders_stay_put_and_the_header_names_the_target(
    cli: Invoke, uk_en: None, tmp_path: Path
) -> None:
    row, after = translate_catalogue(cli, tmp_path, "--quiet")
    assert (row["status"], row["fallbacks"]) == ("done", 0)
    assert after.metadata == {"Language": "en", "Content-Type": "text/plain; charset=UTF-8"}
    assert [(e.msgstr, e.flags) for e in after] == [
        ("Файл %s збережено, %d%% готово.", ["c-format", "fuzzy"]),
        ("{count} новин у розділі {name}", ["python-brace-format", "fuzzy"]),
        ("Welcome, %(user)s!", []),
        ("%1$s з %2$s", ["python-format", "fuzzy"]),
    ]


def test_force_translates_existing_messages_again_and_flags_them(
    cli: Invoke, uk_en: None, tmp_path: Path
) -> None:
    _, after = translate_catalogue(cli, tmp_path, "--quiet", "--force")
    assert (after[2].msgstr, after[2].flags) == ("Вітаємо, %(user)s!", ["fuzzy"])


class Recording:
    """The real engine with no alignment, recording what it is given."""

    def __init__(self, engine: Engine, seen: list[str]) -> None:
        self.engine = engine
        self.seen = seen

    def translate(
        self, texts: list[str], hypotheses: int = 1, align: bool = False
    ) -> list[list[Hypothesis]]:
        self.seen += texts
        results = self.engine.translate(texts, hypotheses, align)
        return [[Hypothesis(h.text.upper(), h.score, None) for h in hyps] for hyps in results]


def test_the_model_never_sees_a_placeholder_and_without_alignment_they_end_the_sentence(
    cli: Invoke, uk_en: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The engine here upper-cases its output (as a model mangling ``%s`` into ``%S`` would)
    and gives no alignment: the placeholders, never shown to it, all come back, each at the end
    of its sentence, counted as fallbacks."""
    seen: list[str] = []

    def engines(model: InstalledModel, options: EngineOptions) -> Engine:
        return Recording(pair_engine(model, options), seen)

    monkeypatch.setattr(run, "run_batch", functools.partial(run.run_batch, engines=engines))
    row, after = translate_catalogue(cli, tmp_path, "--quiet")
    assert sorted(seen) == ["Файл збережено, готово.", "з", "новин у розділі"]
    assert (row["status"], row["fallbacks"]) == ("done", 6)
    assert [e.msgstr for e in after] == [
        "ФАЙЛ ЗБЕРЕЖЕНО, ГОТОВО. %s %d%%",
        "НОВИН У РОЗДІЛІ {count} {name}",
        "Welcome, %(user)s!",
        "З %1$s %2$s",
    ]
