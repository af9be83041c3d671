"""`translator glossary` through the real CLI: list, show, check, import, export, bad input."""

import json
from pathlib import Path

from tests.conftest import Invoke

SENTENCE = "Депутати Верховної Ради зустрілися з Марком Рютте у Києві. Зеленська приїхала.\n"


def test_list_shows_the_shipped_glossary(cli: Invoke) -> None:
    rows = json.loads(cli("glossary", "list", "--json").stdout)
    shipped = [r for r in rows if r["name"] == "ukraine-news"]
    assert len(shipped) == 1
    assert (shipped[0]["source_lang"], shipped[0]["target_lang"]) == ("uk", "en")
    assert shipped[0]["entries"] >= 200


def test_show(cli: Invoke) -> None:
    out = cli("glossary", "show", "ukraine-news").stdout.splitlines()
    assert out[0] == "source\ttarget\tnote"
    assert "Верховна Рада\tVerkhovna Rada\tUkraine's parliament" in out


def test_check_json_one_object_per_match(cli: Invoke) -> None:
    result = cli("glossary", "check", "-", "--glossary", "ukraine-news", "--json", input=SENTENCE)
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows == [
        {
            "start": 9,
            "end": 23,
            "surface": "Верховної Ради",
            "source": "Верховна Рада",
            "target": "Verkhovna Rada",
        },
        {
            "start": 37,
            "end": 49,
            "surface": "Марком Рютте",
            "source": "Марк Рютте",
            "target": "Mark Rutte",
        },
        {"start": 52, "end": 57, "surface": "Києві", "source": "Київ", "target": "Kyiv"},
    ]


def test_check_plain(cli: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "text.txt"
    path.write_text(SENTENCE, encoding="utf-8")
    result = cli("glossary", "check", str(path), "--glossary", "ukraine-news")
    assert result.stdout.splitlines()[0] == "9-23\tВерховної Ради\tВерховна Рада → Verkhovna Rada"


def test_import_tsv_then_use_by_name(cli: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "desk.uk-en.tsv"
    path.write_text("# our desk\nsource\ttarget\nКоаліція охочих\tCoalition of the Willing\n")
    result = cli("glossary", "import", str(path))
    assert (result.exit_code, result.stdout) == (0, "imported desk (uk→en, 1 entries)\n")
    rows = cli("glossary", "check", "-", "-g", "desk", "--json", input="Країни Коаліції охочих.")
    assert json.loads(rows.stdout)["source"] == "Коаліція охочих"


def test_export_tbx_and_reimport_round_trips(cli: Invoke, tmp_path: Path) -> None:
    tbx = cli("glossary", "export", "ukraine-news", "--format", "tbx").stdout
    path = tmp_path / "copy.tbx"
    path.write_text(tbx, encoding="utf-8")
    assert cli("glossary", "import", str(path), "--name", "copy").exit_code == 0
    original = cli("glossary", "export", "ukraine-news", "--format", "tsv").stdout
    assert cli("glossary", "export", "copy", "--format", "tsv").stdout == original


def test_import_deepl_csv(cli: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "deepl.csv"
    path.write_text('"Рада безпеки ООН","UN Security Council",uk,en\nМАГАТЕ,IAEA,uk,en\n')
    result = cli("glossary", "import", str(path))
    assert result.exit_code == 0, result.output
    assert cli("glossary", "show", "deepl").stdout.splitlines()[1:] == [
        "Рада безпеки ООН\tUN Security Council",
        "МАГАТЕ\tIAEA",
    ]


def test_malformed_row_names_file_and_line(cli: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "bad.uk-en.tsv"
    path.write_text("Верховна Рада\tVerkhovna Rada\nНАТО\n")
    result = cli("glossary", "import", str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {path}:2: ")
    assert cli("glossary", "list", "--json").stdout.count('"bad"') == 0


def test_conflicting_targets_name_both_lines(cli: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "twice.uk-en.tsv"
    path.write_text("Рада оборони\tDefence Council\nНАТО\tNATO\nРада оборони\tDefense Board\n")
    result = cli("glossary", "check", "-", "-g", str(path), input="НАТО")
    assert result.exit_code == 2
    assert "line 1 and line 3" in result.stderr


def test_unknown_glossary_and_format(cli: Invoke) -> None:
    unknown = cli("glossary", "show", "nope")
    assert (unknown.exit_code, unknown.stderr) == (
        2,
        "error: unknown glossary 'nope'; available: ukraine-news (uk→en)\n",
    )
    fmt = cli("glossary", "export", "ukraine-news", "--format", "xml")
    assert fmt.stderr == "error: unknown glossary format 'xml'; use tsv, csv or tbx\n"


def test_check_with_a_file_that_names_no_pair(cli: Invoke, uk_en: None, tmp_path: Path) -> None:
    """A user's plain glossary file (no pair in its name) is read as --from → --to (uk→en)."""
    for name in ("terms.tsv", "terms.txt"):
        path = tmp_path / name
        path.write_text("Верховна Рада\tVerkhovna Rada\n", encoding="utf-8")
        result = cli("glossary", "check", "-", "--glossary", str(path), "--json", input=SENTENCE)
        assert result.exit_code == 0, result.output
        assert [json.loads(line)["surface"] for line in result.stdout.splitlines()] == [
            "Верховної Ради"
        ]
        translated = cli("translate", "-", "--to", "en", "--glossary", str(path), input=SENTENCE)
        assert translated.stdout.startswith("Депутати Verkhovna Rada зустрілися")


def test_a_glossary_cannot_be_called_default(cli: Invoke, tmp_path: Path) -> None:
    """ "default" chooses the pair's own glossary everywhere, so no glossary may take the name."""
    source = tmp_path / "default.uk-en.tsv"
    source.write_text("рада\tcouncil\n", encoding="utf-8")
    result = cli("glossary", "import", str(source))
    assert result.exit_code == 2
    assert result.output == (
        "error: 'default' cannot name a glossary: it stands for the pair's default glossary\n"
    )
