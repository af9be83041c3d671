"""`translator batch` on PO catalogues: the real CLI on the uk→en copy model, read back by polib.

The copy model writes its input back, and the default glossary turns "Верховна Рада" into
"Verkhovna Rada" (in any of its forms), so a filled msgstr is its msgid with that term replaced.
"""

import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from tests.conftest import Invoke
from tests.test_batch import rows, write

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
