"""`translator glossary suggest` and its API route: names and terms no glossary covers."""

import json
from pathlib import Path

import httpx

from tests.conftest import Invoke

TEXT = (
    "Учора у Фастові відбулася зустріч. Мер Фастова Михайло Нетяжук подякував Міністерству"
    " закордонних справ.\n"
    "\n"
    "Представники Міністерства закордонних справ прибули до Фастова. Президент Зеленський"
    " привітав Ярославу Жуковську.\n"
)
PAGE = (
    "<html><body><h1>Новини громади</h1>\n"
    "<p>Ярослава Жуковська приїхала до <b>Фастова</b>.</p>\n"
    "<p>Речник Державної прикордонної служби Андрій Демченко прокоментував.</p></body></html>\n"
)
COMMENT = (
    "# Suggested glossary entries: source (nominative), proposed English, note (kind · "
    "occurrences · forms as written). Terms are commented out: write their English, then "
    "remove the leading '# '."
)


def documents(tmp_path: Path) -> tuple[Path, Path]:
    text, page = tmp_path / "news.txt", tmp_path / "page.html"
    text.write_text(TEXT, encoding="utf-8")
    page.write_text(PAGE, encoding="utf-8")
    return text, page


def test_tsv_groups_case_forms_under_the_lemma(cli: Invoke, tmp_path: Path) -> None:
    text, page = documents(tmp_path)
    result = cli("glossary", "suggest", str(text), str(page))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        COMMENT,
        "uk\ten\tnote",
        "Фастів\tFastiv\tname (place) · 4× · Фастові, Фастова",
        "# Міністерство закордонних справ\t\tterm · 2× · Міністерству закордонних справ,"
        " Міністерства закордонних справ",
        "Ярослава Жуковська\tYaroslava Zhukovska\tname (person) · 2× · Ярославу Жуковську,"
        " Ярослава Жуковська",
        "Андрій Демченко\tAndrii Demchenko\tname (person) · 1× · Андрій Демченко",
        "# Державна прикордонна служба\t\tterm · 1× · Державної прикордонної служби",
        "Михайло Нетяжук\tMykhailo Netiazhuk\tname (person) · 1× · Михайло Нетяжук",
    ]  # Зеленський is in the default glossary; "Новини громади" only starts a sentence


def test_json_min_count_and_no_glossary(cli: Invoke, tmp_path: Path) -> None:
    text, page = documents(tmp_path)
    frequent = cli("glossary", "suggest", str(text), str(page), "--min-count", "2", "--json")
    assert json.loads(frequent.stdout) == [
        {
            "source": "Фастів",
            "target": "Fastiv",
            "kind": "place",
            "count": 4,
            "forms": ["Фастові", "Фастова"],
            "files": [str(text), str(page)],
        },
        {
            "source": "Міністерство закордонних справ",
            "target": "",
            "kind": "term",
            "count": 2,
            "forms": ["Міністерству закордонних справ", "Міністерства закордонних справ"],
            "files": [str(text)],
        },
        {
            "source": "Ярослава Жуковська",
            "target": "Yaroslava Zhukovska",
            "kind": "person",
            "count": 2,
            "forms": ["Ярославу Жуковську", "Ярослава Жуковська"],
            "files": [str(text), str(page)],
        },
    ]
    bare = json.loads(cli("glossary", "suggest", str(text), "--no-glossary", "--json").stdout)
    assert [(row["source"], row["target"], row["count"]) for row in bare] == [
        ("Фастів", "Fastiv", 3),
        ("Міністерство закордонних справ", "", 2),
        ("Зеленський", "Zelenskyi", 1),
        ("Михайло Нетяжук", "Mykhailo Netiazhuk", 1),
        ("Ярослава Жуковська", "Yaroslava Zhukovska", 1),
    ]


def test_a_named_glossary_replaces_the_default(cli: Invoke, tmp_path: Path) -> None:
    text, _ = documents(tmp_path)
    desk = tmp_path / "desk.uk-en.tsv"
    desk.write_text("Фастів\tFastiv\nМіністерство закордонних справ\tForeign Ministry\n")
    rows = json.loads(cli("glossary", "suggest", str(text), "-g", str(desk), "--json").stdout)
    assert [row["source"] for row in rows] == [
        "Зеленський",
        "Михайло Нетяжук",
        "Ярослава Жуковська",
    ]


def test_the_tsv_imports_and_a_filled_in_term_too(cli: Invoke, tmp_path: Path) -> None:
    text, page = documents(tmp_path)
    suggested = tmp_path / "suggested.tsv"
    suggested.write_text(cli("glossary", "suggest", str(text), str(page)).stdout)
    result = cli("glossary", "import", str(suggested), "--name", "desk")
    assert (result.exit_code, result.stdout) == (0, "imported desk (uk→en, 4 entries)\n")
    assert cli("glossary", "show", "desk").stdout.splitlines() == [
        "source\ttarget\tnote",
        "Фастів\tFastiv\tname (place) · 4× · Фастові, Фастова",
        "Ярослава Жуковська\tYaroslava Zhukovska\tname (person) · 2× · Ярославу Жуковську,"
        " Ярослава Жуковська",
        "Андрій Демченко\tAndrii Demchenko\tname (person) · 1× · Андрій Демченко",
        "Михайло Нетяжук\tMykhailo Netiazhuk\tname (person) · 1× · Михайло Нетяжук",
    ]
    edited = suggested.read_text().replace(
        "# Державна прикордонна служба\t\t", "Державна прикордонна служба\tState Border Service\t"
    )
    suggested.write_text(edited)
    result = cli("glossary", "import", str(suggested), "--name", "desk")
    assert (result.exit_code, result.stdout) == (0, "imported desk (uk→en, 5 entries)\n")


def test_bad_input_is_one_line(cli: Invoke, tmp_path: Path) -> None:
    text, _ = documents(tmp_path)
    missing = tmp_path / "missing.txt"
    result = cli("glossary", "suggest", str(text), str(missing))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"error: {missing}: cannot read (No such file or directory)\n"
    odd = tmp_path / "notes.xyz"
    odd.write_text(TEXT)
    result = cli("glossary", "suggest", str(odd))
    assert (result.exit_code, result.stderr) == (
        2,
        f"error: {odd}: unknown format .xyz; give it with --format\n",
    )
    assert cli("glossary", "suggest", str(odd), "--format", "txt").exit_code == 0
    both = cli("glossary", "suggest", str(text), "--no-glossary", "-g", "ukraine-news")
    assert (both.exit_code, both.stderr) == (
        2,
        "error: give --glossary or --no-glossary, not both\n",
    )
    assert cli("glossary", "suggest").exit_code == 2


def test_api_suggests_for_a_stored_article(api_url: str, cli: Invoke) -> None:
    body = {"title": "Новини Фастова", "body": TEXT, "targets": ["en"], "slug": "fastiv"}
    assert httpx.post(f"{api_url}/v1/articles", json=body).status_code == 201
    url = f"{api_url}/v1/articles/fastiv/glossary-suggestions"
    rows = httpx.get(url, params={"min_count": 2}).json()
    assert rows == [
        {
            "source": "Фастів",
            "target": "Fastiv",
            "kind": "place",
            "count": 4,
            "forms": ["Фастова", "Фастові"],
            "files": ["fastiv"],
        },
        {
            "source": "Міністерство закордонних справ",
            "target": "",
            "kind": "term",
            "count": 2,
            "forms": ["Міністерству закордонних справ", "Міністерства закордонних справ"],
            "files": ["fastiv"],
        },
    ]
    everything = httpx.get(url).json()
    assert "Зеленський" not in [row["source"] for row in everything]  # the article's glossary
    bare = {**body, "slug": "bare", "glossary": None}
    assert httpx.post(f"{api_url}/v1/articles", json=bare).status_code == 201
    rows = httpx.get(f"{api_url}/v1/articles/bare/glossary-suggestions").json()
    assert ("Зеленський", "Zelenskyi") in [(row["source"], row["target"]) for row in rows]
    missing = httpx.get(f"{api_url}/v1/articles/nothing/glossary-suggestions")
    assert (missing.status_code, missing.json()) == (404, {"error": "no article 'nothing'"})
    assert httpx.get(url, params={"min_count": 0}).status_code == 422
    secret = cli("keys", "create", "desk").stdout.split("\t")[0]
    assert httpx.get(url).json() == {"error": "Please provide an API key"}  # as for drafts
    assert httpx.get(url, headers={"Authorization": f"Bearer {secret}"}).json() == everything
