"""`translator batch` on XLIFF 1.2 and 2.0: the real CLI on the uk→en copy model, read back by
translate-toolkit.

The copy model writes its input back with an exactly diagonal attention, so each target is its
source, inline codes in the same places, except that the default glossary turns "Верховної Ради"
into "Verkhovna Rada".
"""

from pathlib import Path

import pytest
from translate.storage import factory, xliff2

from tests.conftest import Invoke
from tests.engines import realigned
from tests.test_batch import rows, write
from translator.batch.formats import ReadOptions
from translator.batch.formats.xliff import FORMAT
from translator.batch.paths import plan
from translator.batch.run import BatchOptions, run_batch

XLIFF_12 = """<?xml version="1.0" encoding="UTF-8"?>
<!-- Exported by the news site. -->
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:cms="urn:example:cms">
  <file original="site.html" source-language="uk" datatype="html">
    <body>
      <trans-unit id="1" cms:place="headline">
        <source>Депутати <g id="1" ctype="bold">Верховної Ради</g> ухвалили закон.</source>
      </trans-unit>
      <trans-unit id="2">
        <source>Натисніть<x id="2"/> тут і<ph id="3">&lt;br/&gt;</ph> там.</source>
        <target/>
      </trans-unit>
      <trans-unit id="3">
        <source><bpt id="4">&lt;b&gt;</bpt>Новини<ept id="4">&lt;/b&gt;</ept> дня.</source>
      </trans-unit>
      <trans-unit id="4">
        <source>Контакти</source>
        <target>Contacts</target>
      </trans-unit>
      <group id="g" translate="no">
        <trans-unit id="5">
          <source>Київ</source>
        </trans-unit>
      </group>
      <trans-unit id="6" translate="no">
        <source>Львів</source>
      </trans-unit>
    </body>
  </file>
</xliff>
"""

EXPECTED_12 = """<?xml version="1.0" encoding="UTF-8"?>
<!-- Exported by the news site. -->
<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:cms="urn:example:cms" version="1.2">
  <file original="site.html" source-language="uk" datatype="html" target-language="en">
    <body>
      <trans-unit id="1" cms:place="headline">
        <source>Депутати <g id="1" ctype="bold">Верховної Ради</g> ухвалили закон.</source>
        <target state="needs-review-translation">Депутати <g id="1" ctype="bold">Verkhovna Rada</g> ухвалили закон.</target>
      </trans-unit>
      <trans-unit id="2">
        <source>Натисніть<x id="2"/> тут і<ph id="3">&lt;br/&gt;</ph> там.</source>
        <target state="needs-review-translation">Натисніть<x id="2"/> тут і<ph id="3">&lt;br/&gt;</ph> там.</target>
      </trans-unit>
      <trans-unit id="3">
        <source><bpt id="4">&lt;b&gt;</bpt>Новини<ept id="4">&lt;/b&gt;</ept> дня.</source>
        <target state="needs-review-translation"><bpt id="4">&lt;b&gt;</bpt>Новини<ept id="4">&lt;/b&gt;</ept> дня.</target>
      </trans-unit>
      <trans-unit id="4">
        <source>Контакти</source>
        <target>Contacts</target>
      </trans-unit>
      <group id="g" translate="no">
        <trans-unit id="5">
          <source>Київ</source>
        </trans-unit>
      </group>
      <trans-unit id="6" translate="no">
        <source>Львів</source>
      </trans-unit>
    </body>
  </file>
</xliff>
"""  # noqa: E501

XLIFF_2 = """<?xml version='1.0' encoding='utf-8'?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="uk">
  <file id="f1">
    <unit id="u1">
      <segment>
        <source>Депутати <pc id="1" dataRefStart="d1" dataRefEnd="d2">Верховної Ради</pc> ухвалили закон.</source>
      </segment>
    </unit>
    <unit id="u2">
      <segment id="s2">
        <source>Натисніть<ph id="2"/> тут.</source>
      </segment>
      <ignorable><source> </source></ignorable>
      <segment id="s3">
        <source><sc id="3"/>Новини<ec startRef="3"/> дня.</source>
        <target>Daily news.</target>
      </segment>
      <segment id="s4">
        <source><mrk id="m1" translate="yes">Верховної Ради</mrk> рішення.</source>
        <target></target>
      </segment>
    </unit>
    <unit id="u3" translate="no">
      <segment><source>Київ</source></segment>
    </unit>
  </file>
</xliff>
"""  # noqa: E501

EXPECTED_2 = """<?xml version='1.0' encoding='utf-8'?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="uk" trgLang="en">
  <file id="f1">
    <unit id="u1">
      <segment state="translated">
        <source>Депутати <pc id="1" dataRefStart="d1" dataRefEnd="d2">Верховної Ради</pc> ухвалили закон.</source>
        <target>Депутати <pc id="1" dataRefStart="d1" dataRefEnd="d2">Verkhovna Rada</pc> ухвалили закон.</target>
      </segment>
    </unit>
    <unit id="u2">
      <segment id="s2" state="translated">
        <source>Натисніть<ph id="2"/> тут.</source>
        <target>Натисніть<ph id="2"/> тут.</target>
      </segment>
      <ignorable><source> </source></ignorable>
      <segment id="s3">
        <source><sc id="3"/>Новини<ec startRef="3"/> дня.</source>
        <target>Daily news.</target>
      </segment>
      <segment id="s4" state="translated">
        <source><mrk id="m1" translate="yes">Верховної Ради</mrk> рішення.</source>
        <target><mrk id="m1" translate="yes">Verkhovna Rada</mrk> рішення.</target>
      </segment>
    </unit>
    <unit id="u3" translate="no">
      <segment><source>Київ</source></segment>
    </unit>
  </file>
</xliff>
"""  # noqa: E501


def batch(cli: Invoke, source: Path, out: Path, *options: str) -> dict[str, object]:
    result = cli("batch", str(source), "--to", "en", "--out", str(out), "--json", *options)
    assert result.exit_code == 0, result.output
    [row] = rows(result.stdout)
    return row


def test_xliff_12_gets_its_targets_with_the_codes_in_place(
    cli: Invoke, uk_en: None, tmp_path: Path
) -> None:
    source = write(tmp_path / "in" / "strings.xlf", XLIFF_12)
    out = tmp_path / "out"
    row = batch(cli, source, out)
    assert (row["output"], row["status"], row["sentences"]) == (
        f"{out}/strings.en.xlf",
        "done",
        3,
    )
    assert (row["glossary_hits"], row["fallbacks"], row["error"]) == (1, 0, "")
    assert (out / "strings.en.xlf").read_text(encoding="utf-8") == EXPECTED_12

    store = factory.getobject(str(out / "strings.en.xlf"))
    assert [(unit.source, unit.target) for unit in store.units] == [
        ("Депутати Верховної Ради ухвалили закон.", "Депутати Verkhovna Rada ухвалили закон."),
        ("Натисніть тут і<br/> там.", "Натисніть тут і<br/> там."),
        ("<b>Новини</b> дня.", "<b>Новини</b> дня."),
        ("Контакти", "Contacts"),
        ("Київ", None),
        ("Львів", None),
    ]


def test_xliff_2_gets_its_targets_with_the_codes_in_place(
    cli: Invoke, uk_en: None, tmp_path: Path
) -> None:
    source = write(tmp_path / "in" / "strings.uk.xliff", XLIFF_2)
    out = tmp_path / "out"
    row = batch(cli, source, out)
    assert (row["status"], row["sentences"], row["glossary_hits"], row["fallbacks"]) == (
        "done",
        3,
        2,
        0,
    )
    assert (out / "strings.en.xliff").read_text(encoding="utf-8") == EXPECTED_2

    store = xliff2.Xliff2File.parsefile(str(out / "strings.en.xliff"))
    assert [unit.target for unit in store.units] == [
        "Депутати Verkhovna Rada ухвалили закон.",
        "Натисніть тут.",
        "Daily news.",
        "Verkhovna Rada рішення.",
        None,
    ]


def test_force_redoes_existing_targets(cli: Invoke, uk_en: None, tmp_path: Path) -> None:
    source = write(tmp_path / "strings.xlf", XLIFF_12)
    out = tmp_path / "out"
    row = batch(cli, source, out, "--force")
    assert row["sentences"] == 4
    written = (out / "strings.en.xlf").read_text(encoding="utf-8")
    assert written == EXPECTED_12.replace(
        "<target>Contacts</target>",
        '<target state="needs-review-translation">Контакти</target>',
    )

    source_2 = write(tmp_path / "strings.xliff", XLIFF_2)
    row = batch(cli, source_2, out, "--force")
    assert row["sentences"] == 4
    written = (out / "strings.en.xliff").read_text(encoding="utf-8")
    assert written == EXPECTED_2.replace(
        '<segment id="s3">', '<segment id="s3" state="translated">'
    ).replace(
        "<target>Daily news.</target>", '<target><sc id="3"/>Новини<ec startRef="3"/> дня.</target>'
    )


def test_seg_source_segments_are_translated_each(cli: Invoke, uk_en: None, tmp_path: Path) -> None:
    text = XLIFF_12.replace(
        "<source>Контакти</source>\n        <target>Contacts</target>",
        "<source>Один. Два.</source>\n"
        '        <seg-source><mrk mtype="seg" mid="1">Один.</mrk> '
        '<mrk mtype="seg" mid="2"><g id="9">Верховної Ради</g>.</mrk></seg-source>',
    )
    source = write(tmp_path / "strings.xlf", text)
    out = tmp_path / "out"
    batch(cli, source, out)
    written = (out / "strings.en.xlf").read_text(encoding="utf-8")
    assert (
        '<seg-source><mrk mtype="seg" mid="1">Один.</mrk> '
        '<mrk mtype="seg" mid="2"><g id="9">Верховної Ради</g>.</mrk></seg-source>\n'
        '        <target state="needs-review-translation"><mrk mtype="seg" mid="1">Один.</mrk> '
        '<mrk mtype="seg" mid="2"><g id="9">Verkhovna Rada</g>.</mrk></target>\n'
    ) in written


def test_without_alignment_codes_wrap_or_follow_their_sentence(uk_en: None, tmp_path: Path) -> None:
    source = write(tmp_path / "in" / "strings.xlf", XLIFF_12)
    out = tmp_path / "out"

    planned = plan([str(source)], "en", frozenset({"uk"}), out)
    result = run_batch(planned, BatchOptions("en", "uk"), engines=realigned(None))
    [row] = result.rows
    assert (row.status, row.fallbacks) == ("done", 5)
    written = (out / "strings.en.xlf").read_text(encoding="utf-8")
    for target in (
        '<target state="needs-review-translation"><g id="1" ctype="bold">'
        "Депутати Verkhovna Rada ухвалили закон.</g></target>",
        '<target state="needs-review-translation">Натисніть тут і там.<x id="2"/>'
        '<ph id="3">&lt;br/&gt;</ph></target>',
        '<target state="needs-review-translation">Новини дня.<bpt id="4">&lt;b&gt;</bpt>'
        '<ept id="4">&lt;/b&gt;</ept></target>',
    ):
        assert target in written


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE xliff [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="x" source-language="uk" datatype="plaintext"><body>
    <trans-unit id="1"><source>&lol3;</source></trans-unit>
  </body></file>
</xliff>
"""


def test_bad_files_are_rows_and_the_exit_is_1(cli: Invoke, uk_en: None, tmp_path: Path) -> None:
    source = tmp_path / "in"
    write(source / "a_malformed.xlf", XLIFF_12.replace("</g>", "</x>"))
    write(source / "b_laughs.xlf", BILLION_LAUGHS)
    write(
        source / "c_old.xlf",
        XLIFF_12.replace('version="1.2"', 'version="1.1"').replace(":1.2", ":1.1"),
    )
    write(source / "d_html.xliff", "<html><body>Привіт</body></html>")
    write(source / "e_ok.xlf", XLIFF_12)
    out = tmp_path / "out"
    result = cli("batch", str(source), "--to", "en", "--out", str(out), "--json")
    assert result.exit_code == 1, result.output
    assert [(row["status"], row["error"]) for row in rows(result.stdout)] == [
        (
            "failed",
            f"{source}/a_malformed.xlf:7: not well-formed XML "
            "(Opening and ending tag mismatch: g line 7 and x)",
        ),
        (
            "failed",
            f"{source}/b_laughs.xlf: XML with entity declarations refused (entity expansion)",
        ),
        (
            "failed",
            f"{source}/c_old.xlf: unsupported XLIFF version 1.1 (expected 1.2 or 2.0–2.2)",
        ),
        ("failed", f"{source}/d_html.xliff: not an XLIFF file (root element <html>)"),
        ("done", ""),
    ]


def test_read_keeps_the_units_and_asks_for_alignment_only_with_codes() -> None:
    document = FORMAT.read(XLIFF_12.encode("utf-8"), "strings.xlf", ReadOptions("en"))
    assert (document.units, document.aligned) == (
        [
            "Депутати Верховної Ради ухвалили закон.",
            "Натисніть тут і там.",
            "Новини дня.",
        ],
        True,
    )
    plain = XLIFF_12.replace("<target>Contacts</target>", "")
    plain = plain[: plain.index('<trans-unit id="1"')] + plain[plain.index('<trans-unit id="4">') :]
    document = FORMAT.read(plain.encode("utf-8"), "strings.xlf", ReadOptions("en"))
    assert (document.units, document.aligned) == (["Контакти"], False)


@pytest.mark.parametrize("encoding", ["utf-16", "windows-1251"])
def test_other_encodings_are_kept(cli: Invoke, uk_en: None, tmp_path: Path, encoding: str) -> None:
    text = XLIFF_12.replace('encoding="UTF-8"', f'encoding="{encoding}"')
    source = write(tmp_path / "strings.xlf", text.encode(encoding))
    out = tmp_path / "out"
    batch(cli, source, out)
    written = (out / "strings.en.xlf").read_bytes().decode(encoding)
    assert written == EXPECTED_12.replace('encoding="UTF-8"', f'encoding="{encoding}"')
