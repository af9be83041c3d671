"""Glossary files: TSV, CSV and TBX readers and writers, validation, and the glossary library."""

import os
from pathlib import Path

import pytest

from translator.errors import GlossaryError
from translator.glossary import library
from translator.glossary.formats import dump_glossary, load_glossary
from translator.glossary.formats.validate import term_key
from translator.glossary.model import Entry, Glossary

SHIPPED = Path(__file__).parent.parent / "glossaries" / "ukraine-news.uk-en.tsv"


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


def triples(glossary: Glossary) -> list[tuple[str, str, str]]:
    return [(e.source, e.target, e.note) for e in glossary.entries]


def load_error(path: Path, **kwargs: str) -> str:
    with pytest.raises(GlossaryError) as info:
        load_glossary(path, **kwargs)
    return info.value.message


# --- TSV ----------------------------------------------------------------------------------


def test_tsv_sample(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "news.uk-en.tsv",
        "source\ttarget\tnote\n"
        "# state bodies\n"
        "Верховна Рада\tVerkhovna Rada\tparliament\n"
        "\n"
        "  ЗСУ \t  Armed Forces of Ukraine\n"
        "   # indented comment\n"
        "Прем'єр-міністр\tPrime Minister\t\t\n",
    )
    glossary = load_glossary(path)
    assert (glossary.name, glossary.source_lang, glossary.target_lang) == ("news", "uk", "en")
    assert glossary.entries == (
        Entry("Верховна Рада", "Verkhovna Rada", "parliament", 3),
        Entry("ЗСУ", "Armed Forces of Ukraine", "", 5),
        Entry("Прем'єр-міністр", "Prime Minister", "", 7),
    )


def test_tsv_bom_and_crlf(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "news.uk-en.tsv",
        "\ufeffsource\ttarget\r\nКиїв\tKyiv\r\nОдеса\tOdesa\tcity\r\n".encode(),
    )
    assert load_glossary(path).entries == (
        Entry("Київ", "Kyiv", "", 2),
        Entry("Одеса", "Odesa", "city", 3),
    )


@pytest.mark.parametrize(
    "header",
    ["source\ttarget", "Source\tTarget\tNote", "SOURCE_TERM\ttarget_term", "term\ttranslation"],
)
def test_tsv_header_variants(tmp_path: Path, header: str) -> None:
    path = write(tmp_path, "news.uk-en.tsv", f"{header}\nКиїв\tKyiv\n")
    assert triples(load_glossary(path)) == [("Київ", "Kyiv", "")]


def test_tsv_without_header_keeps_first_line(tmp_path: Path) -> None:
    path = write(tmp_path, "news.uk-en.tsv", "Київ\tKyiv\nЛьвів\tLviv\n")
    assert triples(load_glossary(path)) == [("Київ", "Kyiv", ""), ("Львів", "Lviv", "")]


def test_tsv_language_header_gives_the_pair(tmp_path: Path) -> None:
    path = write(tmp_path, "mine.tsv", "UK\tEN\nКиїв\tKyiv\n")
    glossary = load_glossary(path)
    assert (glossary.name, glossary.source_lang, glossary.target_lang) == ("mine", "uk", "en")
    assert glossary.entries == (Entry("Київ", "Kyiv", "", 2),)


def test_tsv_two_letter_entry_is_not_a_header(tmp_path: Path) -> None:
    path = write(tmp_path, "abbr.en-fr.tsv", "EU\tUE\n")
    assert triples(load_glossary(path)) == [("EU", "UE", "")]


def test_tsv_language_header_contradicting_file_name(tmp_path: Path) -> None:
    path = write(tmp_path, "news.uk-en.tsv", "uk\tde\nКиїв\tKyiw\n")
    assert load_error(path) == f"{path}: the file name says uk→en but the file says uk→de"


def test_tsv_write_then_read_is_identical(tmp_path: Path) -> None:
    glossary = Glossary(
        "news", "uk", "en", (Entry("Київ", "Kyiv", "", 2), Entry("ЗСУ", "Armed Forces", "abbr", 3))
    )
    text = dump_glossary(glossary, "tsv")
    assert text == "source\ttarget\tnote\nКиїв\tKyiv\nЗСУ\tArmed Forces\tabbr\n"
    assert load_glossary(write(tmp_path, "news.uk-en.tsv", text)) == glossary


# --- CSV ----------------------------------------------------------------------------------


def test_csv_quoted_commas_and_header(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "news.uk-en.csv",
        'source,target\r\n"Кабінет Міністрів, уряд","Cabinet of Ministers, the government"\r\n'
        'Рада,"the ""Rada"""\r\n\r\nЗСУ,Armed Forces of Ukraine,abbreviation\r\n',
    )
    assert load_glossary(path).entries == (
        Entry("Кабінет Міністрів, уряд", "Cabinet of Ministers, the government", "", 2),
        Entry("Рада", 'the "Rada"', "", 3),
        Entry("ЗСУ", "Armed Forces of Ukraine", "abbreviation", 5),
    )


def test_csv_quoted_field_across_lines_keeps_line_numbers(tmp_path: Path) -> None:
    path = write(tmp_path, "news.uk-en.csv", 'Київ,"Kyiv\ncity"\nОдеса,Odesa\n,Lviv\n')
    assert load_error(path) == f"{path}:4: empty source term"


def test_csv_language_columns_give_the_pair(tmp_path: Path) -> None:
    path = write(tmp_path, "deepl.csv", "Київ,Kyiv,UK,EN\nЛьвів,Lviv,uk,en\n")
    glossary = load_glossary(path)
    assert (glossary.name, glossary.source_lang, glossary.target_lang) == ("deepl", "uk", "en")
    assert triples(glossary) == [("Київ", "Kyiv", ""), ("Львів", "Lviv", "")]


def test_csv_language_columns_must_agree(tmp_path: Path) -> None:
    path = write(tmp_path, "deepl.csv", "Київ,Kyiv,uk,en\nЛьвів,Lemberg,uk,de\n")
    assert load_error(path) == f"{path}:2: languages uk→de differ from uk→en on line 1"


def test_csv_write_is_deepl_four_columns(tmp_path: Path) -> None:
    glossary = Glossary("news", "uk", "en", (Entry("Уряд, Кабмін", "government", "note"),))
    text = dump_glossary(glossary, "csv")
    assert text == '"Уряд, Кабмін",government,uk,en\n'
    assert triples(load_glossary(write(tmp_path, "x.csv", text))) == [
        ("Уряд, Кабмін", "government", "")
    ]


def test_csv_malformed_quotes(tmp_path: Path) -> None:
    path = write(tmp_path, "news.uk-en.csv", 'Київ,Kyiv\nЛьвів,"Lviv"x\n')
    assert load_error(path) == (f"{path}:2: malformed CSV (',' expected after '\"')")


# --- TBX ----------------------------------------------------------------------------------

TBX_BASIC = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">
<martif type="TBX-Basic" xml:lang="uk">
  <martifHeader><fileDesc><sourceDesc><p>test</p></sourceDesc></fileDesc></martifHeader>
  <text><body>
    <termEntry id="t1">
      <descrip type="definition">Ukraine's parliament</descrip>
      <langSet xml:lang="uk">
        <tig><term>Верховна Рада</term></tig>
        <tig><term>ВР</term></tig>
      </langSet>
      <langSet xml:lang="en-GB"><tig><term>Verkhovna Rada</term></tig></langSet>
    </termEntry>
    <termEntry id="t2">
      <langSet xml:lang="en"><ntig><termGrp><term>Kyiv</term></termGrp></ntig></langSet>
      <langSet xml:lang="uk">
        <note>city</note>
        <tig><term>  Київ
        </term></tig>
      </langSet>
    </termEntry>
  </body></text>
</martif>
"""

TBX_V3 = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="uk" xmlns="urn:iso:std:iso:30042:ed-2">
  <tbxHeader><fileDesc><sourceDesc><p>v3</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="c1">
      <langSec xml:lang="uk"><termSec><term>Збройні сили України</term></termSec></langSec>
      <langSec xml:lang="en"><termSec><term>Armed Forces of Ukraine</term></termSec></langSec>
      <note>also ЗСУ</note>
    </conceptEntry>
  </body></text>
</tbx>
"""


def test_tbx_basic_sample(tmp_path: Path) -> None:
    glossary = load_glossary(write(tmp_path, "parliament.tbx", TBX_BASIC))
    assert (glossary.name, glossary.source_lang, glossary.target_lang) == (
        "parliament",
        "uk",
        "en",
    )
    assert glossary.entries == (
        Entry("Верховна Рада", "Verkhovna Rada", "Ukraine's parliament", 9),
        Entry("ВР", "Verkhovna Rada", "Ukraine's parliament", 10),
        Entry("Київ", "Kyiv", "city", 18),
    )


def test_tbx_v3_sample(tmp_path: Path) -> None:
    glossary = load_glossary(write(tmp_path, "army.tbx", TBX_V3))
    assert (glossary.source_lang, glossary.target_lang) == ("uk", "en")
    assert glossary.entries == (
        Entry("Збройні сили України", "Armed Forces of Ukraine", "also ЗСУ", 6),
    )


def test_tbx_can_be_read_in_the_other_direction(tmp_path: Path) -> None:
    glossary = load_glossary(write(tmp_path, "army.tbx", TBX_V3), source_lang="en")
    assert (glossary.source_lang, glossary.target_lang) == ("en", "uk")
    assert triples(glossary) == [("Armed Forces of Ukraine", "Збройні сили України", "also ЗСУ")]


def test_tbx_multilingual_needs_the_pair(tmp_path: Path) -> None:
    tbx = TBX_V3.replace(
        "<note>",
        '<langSec xml:lang="de"><termSec><term>Streitkräfte</term></termSec></langSec><note>',
    )
    path = write(tmp_path, "army.tbx", tbx)
    assert (
        load_error(path)
        == f"{path}: terms in uk, en, de; give the source and target languages (--from/--to)"
    )
    assert triples(load_glossary(path, target_lang="de")) == [
        ("Збройні сили України", "Streitkräfte", "also ЗСУ")
    ]


def test_tbx_round_trip(tmp_path: Path) -> None:
    glossary = load_glossary(write(tmp_path, "parliament.tbx", TBX_BASIC))
    exported = write(tmp_path, "again.tbx", dump_glossary(glossary, "tbx"))
    again = load_glossary(exported, name="parliament")
    assert (again.name, again.source_lang, again.target_lang) == ("parliament", "uk", "en")
    assert triples(again) == triples(glossary)
    assert again.content_hash == glossary.content_hash


def test_tsv_tbx_tsv_round_trip(tmp_path: Path) -> None:
    original = SHIPPED.read_text(encoding="utf-8")
    shipped = load_glossary(SHIPPED)
    tbx = write(tmp_path, "ukraine-news.tbx", dump_glossary(shipped, "tbx"))
    from_tbx = load_glossary(tbx)
    assert (from_tbx.name, from_tbx.source_lang, from_tbx.target_lang) == (
        "ukraine-news",
        "uk",
        "en",
    )
    tsv = dump_glossary(from_tbx, "tsv")
    assert tsv == dump_glossary(shipped, "tsv")
    assert tsv.splitlines()[1:] == [
        line for line in original.splitlines()[1:] if line and not line.startswith("#")
    ]


def test_tbx_export_shape() -> None:
    glossary = Glossary("g", "uk", "en", (Entry("Київ", "Kyiv", "city"),))
    assert dump_glossary(glossary, "tbx") == (
        "<?xml version='1.0' encoding='UTF-8'?>\n"
        '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">\n'
        '<martif type="TBX-Basic" xml:lang="uk">\n'
        "  <martifHeader>\n"
        "    <fileDesc>\n"
        "      <titleStmt>\n"
        "        <title>g</title>\n"
        "      </titleStmt>\n"
        "      <sourceDesc>\n"
        "        <p>uk→en glossary exported by translator</p>\n"
        "      </sourceDesc>\n"
        "    </fileDesc>\n"
        "    <encodingDesc>\n"
        '      <p type="XCSURI">TBXBasicXCSV02.xcs</p>\n'
        "    </encodingDesc>\n"
        "  </martifHeader>\n"
        "  <text>\n"
        "    <body>\n"
        '      <termEntry id="c1">\n'
        "        <note>city</note>\n"
        '        <langSet xml:lang="uk">\n'
        "          <tig>\n"
        "            <term>Київ</term>\n"
        "          </tig>\n"
        "        </langSet>\n"
        '        <langSet xml:lang="en">\n'
        "          <tig>\n"
        "            <term>Kyiv</term>\n"
        "          </tig>\n"
        "        </langSet>\n"
        "      </termEntry>\n"
        "    </body>\n"
        "  </text>\n"
        "</martif>\n"
    )


def test_tbx_entities_are_refused(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "evil.uk-en.tbx",
        '<?xml version="1.0"?>\n<!DOCTYPE martif [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
        '<martif xml:lang="uk"><text><body><termEntry>\n'
        '<langSet xml:lang="uk"><tig><term>&x;</term></tig></langSet>\n'
        "</termEntry></body></text></martif>\n",
    )
    assert load_error(path) == f"{path}:4: entity references (&x;) are not allowed"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "<martif><text>\n<body></martif>",
            "2: not well-formed XML (Opening and ending tag mismatch: body line 2 and martif)",
        ),
        ("<html/>", " not a TBX file (root element <html>, expected <martif> or <tbx>)"),
        (
            '<martif><text><body><termEntry>\n<langSet xml:lang="uk"><tig><term>Київ</term>'
            '</tig></langSet>\n<langSet xml:lang="en"/></termEntry></body></text></martif>',
            "2: empty target for «Київ»",
        ),
        (
            "<martif><text><body><termEntry>\n<langSet><tig><term>Київ</term></tig></langSet>"
            "</termEntry></body></text></martif>",
            "2: <langSet> without xml:lang",
        ),
    ],
)
def test_tbx_bad_files(tmp_path: Path, content: str, message: str) -> None:
    path = write(tmp_path, "bad.uk-en.tbx", content)
    assert load_error(path) == f"{path}:{message}"


# --- Validation, the same for every format ---------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "x.uk-en.tsv",
            "Київ\tKyiv\nЛьвів Lviv\n",
            "2: expected source<TAB>target, got one column",
        ),
        ("x.uk-en.tsv", "Київ\tKyiv\nЛьвів\t\n", "2: empty target for «Львів»"),
        ("x.uk-en.tsv", "source\ttarget\n \tKyiv\n", "2: empty source term"),
        (
            "x.uk-en.tsv",
            "Київ\tKyiv\tcity\textra\n",
            "1: expected source<TAB>target<TAB>note, got 4 columns",
        ),
        ("x.uk-en.csv", "Київ,Kyiv\nЛьвів\n", "2: expected source,target, got one column"),
        ("x.uk-en.csv", "Київ,\n", "1: empty target for «Київ»"),
        (
            "x.uk-en.csv",
            "a,b,c,d,e\n",
            "1: expected source,target[,source_lang,target_lang], got 5 columns",
        ),
        ("x.uk-en.csv", "Київ,Kyiv,,en\n", "1: empty language column"),
    ],
)
def test_malformed_rows(tmp_path: Path, name: str, content: str, message: str) -> None:
    path = write(tmp_path, name, content)
    assert load_error(path) == f"{path}:{message}"


@pytest.mark.parametrize("name", ["x.uk-en.tsv", "x.uk-en.csv"])
def test_bad_encoding_names_the_line(tmp_path: Path, name: str) -> None:
    path = write(
        tmp_path, name, "Київ\tKyiv\nЛьвів\tLviv\n".encode() + "Рада\tRada\n".encode("cp1251")
    )
    assert load_error(path) == (
        f"{path}:3: not UTF-8 text (invalid byte 0xd0); save the glossary as UTF-8"
    )


def test_binary_file(tmp_path: Path) -> None:
    path = write(tmp_path, "x.uk-en.tsv", b"\x00\x01\x02")
    assert load_error(path) == f"{path}: binary file, expected UTF-8 text"


def test_conflicting_targets_name_both_lines(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "x.uk-en.tsv",
        "source\ttarget\n# c\nРада\tRada\nКиїв\tKyiv\n\n\n\n\nРада\tCouncil\n",
    )
    assert (
        load_error(path) == f"{path}: line 3 and line 9 give «Рада» two targets: 'Rada' / 'Council'"
    )


@pytest.mark.parametrize(
    "variant",
    ["Прем’єр-міністр", "Прем\u02bcєр-міністр", "Прем'єр-міністр", "Прем'єр-міністр  "],
)
def test_same_source_after_normalisation_conflicts(tmp_path: Path, variant: str) -> None:
    path = write(tmp_path, "x.uk-en.tsv", f"Прем'єр-міністр\tPrime Minister\n{variant}\tPremier\n")
    assert load_error(path) == (
        f"{path}: line 1 and line 2 give «Прем'єр-міністр» two targets:"
        " 'Prime Minister' / 'Premier'"
    )


def test_nfc_and_whitespace_runs_unify_sources(tmp_path: Path) -> None:
    decomposed = "Ки\u0456\u0308в"  # і + combining diaeresis: NFC gives ї
    path = write(tmp_path, "x.uk-en.tsv", f"Київ\tKyiv\n{decomposed}\tKiev\n")
    assert load_error(path) == f"{path}: line 1 and line 2 give «Київ» two targets: 'Kyiv' / 'Kiev'"
    spaced = write(
        tmp_path, "y.uk-en.tsv", "Біла Церква\tBila Tserkva\nБіла   Церква\tBila Tserkva\n"
    )
    assert load_glossary(spaced).entries == (Entry("Біла Церква", "Bila Tserkva", "", 1),)


def test_case_differs_is_not_a_conflict(tmp_path: Path) -> None:
    path = write(tmp_path, "x.uk-en.tsv", "БпЛА\tUAV\nБПЛА\tdrone\n")
    assert triples(load_glossary(path)) == [("БпЛА", "UAV", ""), ("БПЛА", "drone", "")]


def test_exact_duplicate_is_merged_first_kept(tmp_path: Path) -> None:
    path = write(tmp_path, "x.uk-en.tsv", "Київ\tKyiv\tfirst\nЛьвів\tLviv\nКиїв\tKyiv\tsecond\n")
    assert load_glossary(path).entries == (
        Entry("Київ", "Kyiv", "first", 1),
        Entry("Львів", "Lviv", "", 2),
    )


def test_term_key() -> None:
    assert term_key(" Прем’єр-\u041cіністр ") == "Прем'єр-Міністр"
    assert term_key("Біла\t Церква") == "Біла Церква"


# --- Language pair ----------------------------------------------------------------------------


def test_pair_from_caller_when_the_file_has_none(tmp_path: Path) -> None:
    path = write(tmp_path, "plain.tsv", "Київ\tKyiv\n")
    glossary = load_glossary(path, source_lang="uk", target_lang="EN")
    assert (glossary.name, glossary.source_lang, glossary.target_lang) == ("plain", "uk", "en")


def test_no_pair_known(tmp_path: Path) -> None:
    path = write(tmp_path, "plain.tsv", "Київ\tKyiv\n")
    message = (
        f"{path}: unknown language pair; name the file <name>.<src>-<tgt>.<ext>"
        " (e.g. news.uk-en.tsv) or give the source and target languages (--from/--to)"
    )
    assert load_error(path) == message
    assert load_error(path, source_lang="uk") == message


@pytest.mark.parametrize(
    ("name", "content", "kwargs", "asked"),
    [
        ("x.uk-en.tsv", "Київ\tKyiv\n", {"target_lang": "de"}, "uk→de"),
        ("x.uk-en.tsv", "Київ\tKyiv\n", {"source_lang": "ru", "target_lang": "en"}, "ru→en"),
        ("x.csv", "Київ,Kyiv,uk,en\n", {"source_lang": "uk", "target_lang": "de"}, "uk→de"),
        ("x.tbx", TBX_BASIC, {"target_lang": "de"}, "uk→de"),
    ],
)
def test_wrong_pair(tmp_path: Path, name: str, content: str, kwargs: dict, asked: str) -> None:
    path = write(tmp_path, name, content)
    assert load_error(path, **kwargs) == f"{path}: glossary is for uk→en, not {asked}"


def test_name_override(tmp_path: Path) -> None:
    path = write(tmp_path, "x.uk-en.tsv", "Київ\tKyiv\n")
    assert load_glossary(path, name="cities").name == "cities"


def test_other_extensions_read_as_tab_separated(tmp_path: Path) -> None:
    path = write(tmp_path, "x.uk-en.txt", "Київ\tKyiv\n")
    assert load_glossary(path).entries == (Entry("Київ", "Kyiv", "", 1),)


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "missing.uk-en.tsv"
    assert load_error(path) == f"{path}: no such file"


def test_dump_unknown_format() -> None:
    with pytest.raises(GlossaryError) as info:
        dump_glossary(Glossary("g", "uk", "en"), "xlsx")
    assert info.value.message == "unknown glossary format 'xlsx'; use tsv, csv or tbx"
    assert info.value.exit_code == 2


# --- Library: shipped and imported glossaries --------------------------------------------------


def test_shipped_glossary() -> None:
    glossary = load_glossary(SHIPPED)
    assert (glossary.name, glossary.source_lang, glossary.target_lang) == (
        "ukraine-news",
        "uk",
        "en",
    )
    assert len(glossary.entries) >= 200
    keys = [term_key(entry.source) for entry in glossary.entries]
    assert len(keys) == len(set(keys))
    lines = [
        line
        for line in SHIPPED.read_text(encoding="utf-8").splitlines()[1:]
        if line and not line.startswith("#")
    ]
    assert len(lines) == len(glossary.entries)
    assert SHIPPED.read_text(encoding="utf-8").splitlines()[0] == "source\ttarget\tnote"
    targets = {entry.source: entry.target for entry in glossary.entries}
    assert targets["Верховна Рада"] == "Verkhovna Rada"
    assert targets["Зеленський"] == "Zelensky"
    assert targets["Харківська область"] == "Kharkiv Oblast"
    assert "’" not in "".join(targets) and "ʼ" not in "".join(targets)


def test_list_and_default_with_empty_home(home: Path) -> None:
    infos = library.list_glossaries()
    assert [(i.name, i.source_lang, i.target_lang, i.origin) for i in infos] == [
        ("ukraine-news", "uk", "en", "shipped")
    ]
    assert infos[0].path == SHIPPED.resolve()
    assert infos[0].entries == len(load_glossary(SHIPPED).entries)
    default = library.default_for("uk", "en")
    assert default is not None and default.name == "ukraine-news"
    assert library.default_for("uk", "de") is None
    assert not home.exists()


def test_import_list_resolve(home: Path, tmp_path: Path) -> None:
    source = write(tmp_path, "sport.csv", 'source,target\nДинамо,Dynamo\n"Шахтар",Shakhtar\n')
    info = library.import_file(source, source_lang="uk", target_lang="en")
    stored = home / "glossaries" / "sport.uk-en.tsv"
    assert info == library.GlossaryInfo("sport", "uk", "en", 2, stored, "imported")
    assert (
        stored.read_text(encoding="utf-8")
        == "source\ttarget\tnote\nДинамо\tDynamo\nШахтар\tShakhtar\n"
    )
    assert sorted(os.listdir(home / "glossaries")) == ["sport.uk-en.tsv"]
    assert [(i.name, i.origin) for i in library.list_glossaries()] == [
        ("sport", "imported"),
        ("ukraine-news", "shipped"),
    ]
    by_name = library.resolve("sport")
    assert triples(by_name) == [("Динамо", "Dynamo", ""), ("Шахтар", "Shakhtar", "")]
    assert library.resolve("sport", "uk", "en") == by_name
    assert library.resolve(str(stored)) == by_name
    assert library.resolve(str(SHIPPED)).name == "ukraine-news"
    # an imported glossary is not a default by itself
    assert library.default_for("uk", "en").name == "ukraine-news"


def test_import_with_name_and_tbx(home: Path, tmp_path: Path) -> None:
    info = library.import_file(write(tmp_path, "parliament.tbx", TBX_BASIC), name="rada")
    assert (info.name, info.entries, info.path.name) == ("rada", 3, "rada.uk-en.tsv")
    assert triples(library.resolve("rada")) == triples(load_glossary(tmp_path / "parliament.tbx"))


def test_import_invalid_name(home: Path, tmp_path: Path) -> None:
    with pytest.raises(GlossaryError) as info:
        library.import_file(write(tmp_path, "x.uk-en.tsv", "Київ\tKyiv\n"), name="a b")
    assert info.value.message == "'a b' cannot name a glossary; use letters, digits, '-' and '_'"
    assert not (home / "glossaries").exists()


def test_import_is_all_or_nothing(home: Path, tmp_path: Path) -> None:
    good = write(tmp_path, "cities.uk-en.tsv", "Київ\tKyiv\n")
    library.import_file(good)
    (tmp_path / "new").mkdir()
    bad = write(tmp_path / "new", "cities.uk-en.tsv", "Львів\tLviv\n" * 3 + "Рада\n")
    with pytest.raises(GlossaryError) as info:
        library.import_file(bad)
    assert info.value.message == f"{bad}:4: expected source<TAB>target, got one column"
    assert sorted(os.listdir(home / "glossaries")) == ["cities.uk-en.tsv"]
    assert triples(library.resolve("cities")) == [("Київ", "Kyiv", "")]


def test_imported_replaces_shipped_of_same_name_and_pair(home: Path, tmp_path: Path) -> None:
    mine = write(tmp_path, "ukraine-news.uk-en.tsv", "Рада\tthe Rada\n")
    library.import_file(mine)
    assert triples(library.resolve("ukraine-news")) == [("Рада", "the Rada", "")]
    assert triples(library.default_for("uk", "en")) == [("Рада", "the Rada", "")]
    assert [i.origin for i in library.list_glossaries()] == ["imported", "shipped"]


def test_resolve_by_name_and_pair(home: Path, tmp_path: Path) -> None:
    library.import_file(write(tmp_path, "cities.uk-en.tsv", "Київ\tKyiv\n"))
    library.import_file(write(tmp_path, "cities.uk-de.tsv", "Київ\tKyjiw\n"))
    assert triples(library.resolve("cities", "uk", "de")) == [("Київ", "Kyjiw", "")]
    assert triples(library.resolve("cities", target_lang="en")) == [("Київ", "Kyiv", "")]
    with pytest.raises(GlossaryError) as info:
        library.resolve("cities")
    assert info.value.message == (
        "glossary 'cities' exists for uk→de, uk→en; give the source and target languages"
    )  # no CLI flag: the API shows this message too
    with pytest.raises(GlossaryError) as info:
        library.resolve("cities", "uk", "fr")
    assert info.value.message == "glossary 'cities' is for uk→de and uk→en, not uk→fr"
    with pytest.raises(GlossaryError) as info:
        library.resolve("ukraine-news", "uk", "de")
    assert info.value.message == "glossary 'ukraine-news' is for uk→en, not uk→de"


def test_resolve_unknown_name(home: Path, tmp_path: Path) -> None:
    library.import_file(write(tmp_path, "cities.uk-en.tsv", "Київ\tKyiv\n"))
    with pytest.raises(GlossaryError) as info:
        library.resolve("sports")
    assert info.value.message == (
        "unknown glossary 'sports'; available: cities (uk→en), ukraine-news (uk→en)"
    )
    assert info.value.exit_code == 2


def test_resolve_missing_path(home: Path, tmp_path: Path) -> None:
    with pytest.raises(GlossaryError) as info:
        library.resolve("nope.uk-en.tsv")
    assert info.value.message == "nope.uk-en.tsv: no such file"


def test_resolve_caches_until_the_file_changes(home: Path, tmp_path: Path) -> None:
    path = write(tmp_path, "x.uk-en.tsv", "Київ\tKyiv\n")
    first = library.resolve(str(path))
    assert library.resolve(str(path)) is first
    path.write_text("Київ\tKyiv\nЛьвів\tLviv\n", encoding="utf-8")
    os.utime(path, ns=(1, 1))
    assert triples(library.resolve(str(path))) == [("Київ", "Kyiv", ""), ("Львів", "Lviv", "")]
