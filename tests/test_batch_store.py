"""`translator batch --store`: each file imported as an article, updated (never duplicated) on a
rerun, on SQLite and PostgreSQL.

Runs the real CLI on the uk→en copy model (the translation is the input, with the default
glossary's "Верховна Рада" → "Verkhovna Rada"), then reads the store with its own functions and
the real API.
"""

from pathlib import Path

import httpx
from sqlmodel import Session, col, select

from tests.conftest import EN_DE, Invoke, serving
from tests.test_batch import statuses, write
from translator.batch.store import imported_article
from translator.pipeline import translate_documents
from translator.segment import segment
from translator.store.articles import find_imported, get_article, list_articles, parallel
from translator.store.db import get_engine
from translator.store.models import Article, ArticleWithVersions, Segment, VersionStatus

NEWS = "Верховна Рада ухвалила закон. Депутати голосували вночі.\nЗакон набуде чинності завтра.\n"
NEWS_EN = NEWS.replace("Верховна Рада", "Verkhovna Rada")
EDITED = "Верховна Рада ухвалила закон. Депутати пішли додому.\nЗакон набуде чинності завтра.\n"
SRT = """\
1
00:00:01,000 --> 00:00:03,000
Засідання Верховної Ради

2
00:00:04,000 --> 00:00:06,000
Депутати голосували.
"""
PO = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Контакти"
msgstr ""

msgid "Верховна Рада ухвалила закон."
msgstr ""
"""


def article(key: str) -> ArticleWithVersions:
    with Session(get_engine()) as session:
        found = find_imported(session, key)
        assert found is not None, key
        return get_article(session, found)


def article_count() -> int:
    with Session(get_engine()) as session:
        return list_articles(session).total


def test_files_become_articles_and_a_rerun_updates_only_the_changed_one(
    cli: Invoke, uk_en: None, database: str, tmp_path: Path
) -> None:
    src = tmp_path / "src"
    write(src / "news.txt", NEWS)
    write(src / "sub" / "more.txt", "Друга новина.\n\nЇї другий абзац.\n")
    write(src / "cues.srt", SRT)
    write(src / "site.po", PO)
    out = tmp_path / "out"

    first = cli("batch", str(src), "--to", "en", "--out", str(out), "--store", "--json")
    assert first.exit_code == 0, first.output
    assert set(statuses(first.stdout).values()) == {"done"}
    assert article_count() == 4

    news = article("news.txt")
    assert (news.title, news.body, news.source_lang) == (
        "Верховна Рада ухвалила закон. Депутати голосували вночі.",
        NEWS,
        "uk",
    )
    [version] = news.versions
    assert (version.lang, version.status, version.body) == ("en", VersionStatus.machine, NEWS_EN)
    assert version.title == "Verkhovna Rada ухвалила закон. Депутати голосували вночі."
    assert version.model_package == "translate-uk_en"
    more = article("sub/more.txt")
    assert (more.title, more.body) == ("Друга новина.", "Друга новина.\n\nЇї другий абзац.\n")
    cues = article("cues.srt")
    assert cues.body == "Засідання Верховної Ради\n\nДепутати голосували."
    assert cues.versions[0].body == "Засідання Verkhovna Rada\n\nДепутати голосували."
    site = article("site.po")
    assert (site.title, site.versions[0].title) == ("Контакти", "Контакти")
    assert site.versions[0].body == "Контакти\n\nVerkhovna Rada ухвалила закон."
    with Session(get_engine()) as session:
        pairs = parallel(session, news.id, "en")
    assert [(p.source, p.target) for p in pairs] == [
        ("Верховна Рада ухвалила закон.", "Verkhovna Rada ухвалила закон."),
        ("Депутати голосували вночі.", "Депутати голосували вночі."),
        ("Закон набуде чинності завтра.", "Закон набуде чинності завтра."),
    ]

    again = cli("batch", str(src), "--to", "en", "--out", str(out), "--store", "--json")
    assert again.exit_code == 0, again.output
    assert set(statuses(again.stdout).values()) == {"skipped"}

    write(src / "news.txt", EDITED)
    third = cli("batch", str(src), "--to", "en", "--out", str(out), "--store", "--json")
    assert third.exit_code == 0, third.output
    assert statuses(third.stdout) == {
        str(src / "cues.srt"): "skipped",
        str(src / "news.txt"): "done",
        str(src / "site.po"): "skipped",
        str(src / "sub" / "more.txt"): "skipped",
    }
    assert article_count() == 4
    edited = article("news.txt")
    assert (edited.id, edited.revision, edited.body) == (news.id, 2, EDITED)
    assert edited.title == "Верховна Рада ухвалила закон. Депутати пішли додому."
    [version] = edited.versions
    assert version.body == EDITED.replace("Верховна Рада", "Verkhovna Rada")
    assert (version.status, version.changed_segments) == (VersionStatus.stale, [1])
    assert article("sub/more.txt").revision == 1
    with Session(get_engine()) as session:
        positions = session.exec(
            select(Segment.position, Segment.source)
            .where(Segment.article_id == news.id)
            .order_by(col(Segment.position))
        ).all()
    assert [tuple(row) for row in positions] == [
        (0, "Верховна Рада ухвалила закон."),
        (1, "Депутати пішли додому."),
        (2, "Закон набуде чинності завтра."),
    ]


def test_stored_articles_are_served_by_the_api_and_edited_there(
    cli: Invoke, uk_en: None, database: str, tmp_path: Path
) -> None:
    write(tmp_path / "src" / "news.txt", NEWS)
    result = cli("batch", str(tmp_path / "src"), "--out", str(tmp_path / "out"), "--store")
    assert result.exit_code == 0, result.output
    from api.app import create_app

    with serving(create_app()) as url:
        [item] = httpx.get(f"{url}/v1/articles").json()["items"]
        assert item["title"] == "Верховна Рада ухвалила закон. Депутати голосували вночі."
        body = {"body": "Закон набуде чинності завтра."}
        edited = httpx.put(f"{url}/v1/articles/{item['id']}", json=body)
        assert edited.status_code == 200, edited.text
        assert edited.json()["article"]["versions"][0]["body"] == "Закон набуде чинності завтра."


def test_the_body_is_segmented_as_the_store_segments_it(uk_en: None, database: str) -> None:
    units = ["Перший рядок.\nДругий рядок. Третє речення!", "", "  Ще один абзац.  ", "\n"]
    done = translate_documents([u for u in units if u.strip()], "en", "uk", glossary=None)
    translations = [done[0], done[0], done[1], done[1]]  # blank units are left out
    imported = imported_article(units, translations)
    assert imported.title == "Перший рядок."
    assert imported.body == "Перший рядок.\nДругий рядок. Третє речення!\n\n  Ще один абзац.  "
    [title, body] = imported.translations["en"]
    assert title.text == "Перший рядок."
    assert body.text == imported.body
    spans = [(s.paragraph, s.index, s.start, s.end, s.source) for s in body.segments]
    expected = segment(imported.body, "uk")
    assert spans == [(s.paragraph, s.index, s.start, s.end, s.text) for s in expected]
    assert [imported.body[s.start : s.end] for s in body.segments] == [s.text for s in expected]
    assert [body.text[s.target_start : s.target_end] for s in body.segments] == [
        s.text for s in expected
    ]


def test_two_inputs_with_one_key_are_not_merged(
    cli: Invoke, uk_en: None, database: str, tmp_path: Path
) -> None:
    write(tmp_path / "a" / "news.txt", NEWS)
    write(tmp_path / "b" / "news.txt", EDITED)
    result = cli("batch", str(tmp_path / "a"), str(tmp_path / "b"), "--store", "--json")
    assert result.exit_code == 1
    assert statuses(result.stdout) == {
        str(tmp_path / "a" / "news.txt"): "done",
        str(tmp_path / "b" / "news.txt"): "failed",
    }
    assert "give --out to tell them apart" in result.stdout
    assert article_count() == 1
    assert article("news.txt").body == NEWS


def test_a_file_without_text_is_a_failed_row(
    cli: Invoke, uk_en: None, database: str, tmp_path: Path
) -> None:
    write(tmp_path / "blank.txt", "\n   \n")
    result = cli("batch", str(tmp_path / "blank.txt"), "--from", "uk", "--store", "--json")
    assert result.exit_code == 1
    assert "cannot store: the file has no text" in result.stdout
    with Session(get_engine()) as session:
        assert session.exec(select(Article)).all() == []


def test_another_target_adds_a_version_to_the_same_article(
    cli: Invoke, uk_en: None, database: str, tmp_path: Path
) -> None:
    assert cli("models", "install", str(EN_DE)).exit_code == 0
    src = write(tmp_path / "src" / "news.txt", NEWS)
    out = tmp_path / "out"
    for target in ("en", "de"):
        result = cli("batch", str(src), "--to", target, "--out", str(out), "--store", "--json")
        assert result.exit_code == 0, result.output
        assert set(statuses(result.stdout).values()) == {"done"}
    assert article_count() == 1
    news = article("news.txt")
    assert {v.lang: v.body for v in news.versions} == {"de": NEWS, "en": NEWS_EN}
    assert news.revision == 1  # the source is as it was
    with Session(get_engine()) as session:
        assert [p.target for p in parallel(session, news.id, "de")] == [
            "Верховна Рада ухвалила закон.",
            "Депутати голосували вночі.",
            "Закон набуде чинності завтра.",
        ]
