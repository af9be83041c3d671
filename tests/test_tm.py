"""The translation memory: normalising, the pipeline's reuse, the store's consistency, the
CLI's TMX import/export and --no-tm, on SQLite and PostgreSQL with the uk→en copy model.

The copy model's translation is its input, so a sentence coming out in English came from the
memory, and an engine wrapper records every sentence sent to the engine.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import Session, select
from translate.storage import tmx

from tests.conftest import Invoke
from translator.engine.ctranslate import Hypothesis, pair_engine
from translator.engine.options import EngineOptions
from translator.engine.protocol import Engine
from translator.models.installed import InstalledModel
from translator.pipeline import translate_documents
from translator.store import articles
from translator.store.db import ensure_schema, get_engine, reading
from translator.store.models import ArticleCreate, MemoryEntry, Segment, SegmentTranslation
from translator.tm.memory import StoreMemory, lookup
from translator.tm.normalise import normalise

S0 = "Депутати проголосували за бюджет."
S1 = "Рішення підтримали 256 депутатів."
S2 = "Уряд подасть зміни до 1 березня."
APPROVED = "The deputies voted for the budget."


class Recording:
    """The real engine; every sentence sent to it is recorded in ``sent``."""

    def __init__(self) -> None:
        self.sent: list[str] = []

    def __call__(self, model: InstalledModel, options: EngineOptions) -> Engine:
        return _Recorded(pair_engine(model, options), self.sent)


class _Recorded:
    def __init__(self, engine: Engine, sent: list[str]) -> None:
        self.engine, self.sent = engine, sent

    def translate(
        self, texts: list[str], hypotheses: int = 1, align: bool = False
    ) -> list[list[Hypothesis]]:
        self.sent += texts
        return self.engine.translate(texts, hypotheses, align)


@pytest.fixture
def session(database: str, uk_en: None) -> Iterator[Session]:
    ensure_schema()
    with Session(get_engine()) as session:
        yield session


def create(session: Session, body: str, title: str = "Бюджет") -> int:
    data = ArticleCreate(title=title, body=body, targets=["en"], glossary=None)
    article = articles.create_article(session, data)
    return article.id


def approve(session: Session, article: int, position: int, text: str | None = None) -> None:
    pair = articles.parallel(session, article, "en")[position]
    articles.edit_segment(
        session, article, position, "en", text=text, status="approved", row_version=pair.row_version
    )


def edit(session: Session, article: int, position: int, text: str | None, status: str) -> None:
    pair = articles.parallel(session, article, "en")[position]
    articles.edit_segment(
        session, article, position, "en", text=text, status=status, row_version=pair.row_version
    )


def memory(session: Session) -> list[tuple[str, str, int | None]]:
    with reading(session):
        entries = session.exec(select(MemoryEntry).order_by(MemoryEntry.id)).all()
        return [(e.source, e.target, e.article_id) for e in entries]


def test_normalise_folds_spacing_quotes_and_apostrophes() -> None:
    assert (
        normalise("  «Він   сказав»\tпро „п’ять“  м`ячів ") == '"Він сказав" про "п\'ять" м\'ячів'
    )
    assert normalise("“Так” — ʼє") == '"Так" — \'є'
    assert normalise("Так.") != normalise("так.")


def test_pipeline_reuses_the_memory_and_sends_only_the_rest(uk_en: None) -> None:
    known = {S0: APPROVED}
    asked: list[tuple[str, str, list[str]]] = []

    def remembered(source: str, target: str, sentences: list[str]) -> dict[str, str]:
        asked.append((source, target, sentences))
        return {s: known[s] for s in sentences if s in known}

    engine = Recording()
    first, second = translate_documents(
        [f"{S0} {S1}", f"{S1}\n\n{S0}"], "en", "uk", engines=engine, memory=remembered
    )
    assert asked == [("uk", "en", sorted({S0, S1}))]  # one question for the whole call
    assert engine.sent == [S1]
    assert first.text == f"{APPROVED} {S1}"
    assert second.text == f"{S1}\n\n{APPROVED}"
    assert [(s.origin, s.target, s.alternatives) for s in first.segments] == [
        ("tm", APPROVED, []),
        ("mt", S1, []),
    ]
    assert first.segments[0].qa == []  # QA ran on the remembered text: nothing to flag
    without = Recording()
    (plain,) = translate_documents([f"{S0} {S1}"], "en", "uk", engines=without)
    assert without.sent == [S0, S1]
    assert [s.origin for s in plain.segments] == ["mt", "mt"]


def test_all_remembered_sends_nothing(uk_en: None) -> None:
    engine = Recording()
    (done,) = translate_documents(
        [S0], "en", "uk", engines=engine, memory=lambda src, tgt, sentences: {S0: APPROVED}
    )
    assert engine.sent == []
    assert done.text == APPROVED


def test_a_second_article_reuses_approved_sentences(session: Session) -> None:
    first = create(session, f"{S0} {S1}\n\n{S2}\n")
    approve(session, first, 0, APPROVED)
    # the same sentence, typed with other spacing, is the memory's
    engine = Recording()
    (done,) = translate_documents(
        [f"{S2}  Депутати  проголосували за бюджет.\n"],
        "en",
        "uk",
        glossary=None,
        engines=engine,
        memory=StoreMemory(),
    )
    assert engine.sent == [S2]
    assert done.text == f"{S2}  {APPROVED}\n"
    assert [s.origin for s in done.segments] == ["mt", "tm"]
    second = create(session, f"{S2} {S0}\n")
    pairs = articles.parallel(session, second, "en")
    assert [(p.source, p.target, p.machine) for p in pairs] == [
        (S2, S2, S2),
        (S0, APPROVED, APPROVED),
    ]


def test_approving_records_and_unapproving_or_editing_removes(session: Session) -> None:
    first = create(session, f"{S0} {S1}\n")
    assert memory(session) == []
    approve(session, first, 0, APPROVED)
    assert memory(session) == [(S0, APPROVED, first)]
    approve(session, first, 1)  # approving the machine text as it is records it too
    assert memory(session) == [(S0, APPROVED, first), (S1, S1, first)]
    approve(session, first, 0, "Deputies voted for the budget.")  # re-approved: updated
    assert memory(session) == [(S0, "Deputies voted for the budget.", first), (S1, S1, first)]
    edit(session, first, 0, "Deputies backed the budget.", "edited")  # edited: no longer approved
    assert memory(session) == [(S1, S1, first)]
    edit(session, first, 1, None, "edited")  # un-approved
    assert memory(session) == []
    with reading(session):
        assert lookup(session, "uk", "en", [S0, S1]) == {}


def test_the_latest_approval_wins_and_unapproving_it_falls_back(session: Session) -> None:
    first = create(session, f"{S0}\n")
    second = create(session, f"{S0} {S2}\n", title="Інше")
    approve(session, first, 0, "First.")
    approve(session, second, 0, "Second.")
    assert memory(session) == [(S0, "Second.", second)]
    edit(session, second, 0, None, "edited")  # the other approved segment takes its place
    assert memory(session) == [(S0, "First.", first)]
    edit(session, first, 0, None, "edited")
    assert memory(session) == []


def test_an_article_reused_from_the_memory_records_its_origin(session: Session) -> None:
    first = create(session, f"{S0}\n")
    approve(session, first, 0, APPROVED)
    second = create(session, f"{S0} {S1}\n", title="Інше")
    with reading(session):
        rows = session.exec(
            select(SegmentTranslation.origin, SegmentTranslation.machine_text)
            .join(Segment)
            .where(Segment.article_id == second)
            .order_by(Segment.position)
        ).all()
    assert [tuple(row) for row in rows] == [("tm", APPROVED), ("mt", S1)]


def test_cli_export_then_import_and_translate(
    cli: Invoke, session: Session, tmp_path: Path
) -> None:
    first = create(session, f"{S0} {S1}\n")
    approve(session, first, 0, APPROVED)
    approve(session, first, 1, "The decision was backed by 256 deputies.")
    exported = tmp_path / "memory.tmx"
    result = cli("tm", "export", str(exported), "--source", "uk", "--target", "en")
    assert result.exit_code == 0, result.output
    assert result.output == f"exported 2 translation units to {exported}\n"
    store = tmx.tmxfile.parsefile(str(exported))
    assert [(unit.source, unit.target) for unit in store.units] == [
        (S0, APPROVED),
        (S1, "The decision was backed by 256 deputies."),
    ]
    assert cli("tm", "export", str(exported), "--source", "de").exit_code == 0
    assert tmx.tmxfile.parsefile(str(exported)).units == []

    # a TMX file from elsewhere, with typographic quotes, regional codes and inline codes
    outside = tmp_path / "outside.tmx"
    outside.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<tmx version="1.4"><header srclang="uk-UA" segtype="sentence" adminlang="en"'
        ' datatype="plaintext" o-tmf="x" creationtool="x" creationtoolversion="1"/><body>'
        '<tu><tuv xml:lang="uk-UA"><seg>Уряд подасть <bpt i="1">&lt;b&gt;</bpt>зміни'
        '<ept i="1">&lt;/b&gt;</ept> до 1 березня.</seg></tuv>'
        '<tuv xml:lang="en-GB"><seg>The government will submit changes by 1 March.</seg></tuv>'
        "</tu></body></tmx>\n",
        encoding="utf-8",
    )
    result = cli("tm", "import", str(outside))
    assert result.exit_code == 0, result.output
    assert result.output == "imported 1 translation units (uk→en)\n"
    text = f"{S2} {S1}\n"
    result = cli("translate", "--from", "uk", "--to", "en", "--no-glossary", input=text)
    assert result.exit_code == 0, result.output
    assert result.output == (
        "The government will submit changes by 1 March. The decision was backed by 256 deputies.\n"
    )
    result = cli("translate", "--from", "uk", "--to", "en", "--no-glossary", "--no-tm", input=text)
    assert result.output == text


def test_cli_batch_reuses_the_memory_unless_no_tm(
    cli: Invoke, session: Session, tmp_path: Path
) -> None:
    first = create(session, f"{S0}\n")
    approve(session, first, 0, APPROVED)
    source = tmp_path / "in" / "news.txt"
    source.parent.mkdir()
    source.write_text(f"{S0} {S2}\n", encoding="utf-8")
    result = cli(
        "batch", str(source), "--to", "en", "--no-glossary", "--out", str(tmp_path / "a"), "-q"
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "a" / "news.en.txt").read_text(encoding="utf-8") == f"{APPROVED} {S2}\n"
    result = cli(
        "batch",
        str(source),
        "--to",
        "en",
        "--no-glossary",
        "--out",
        str(tmp_path / "b"),
        "-q",
        "--no-tm",
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "b" / "news.en.txt").read_text(encoding="utf-8") == f"{S0} {S2}\n"


def test_cli_import_of_a_bad_file_is_one_line(cli: Invoke, tmp_path: Path) -> None:
    broken = tmp_path / "broken.tmx"
    broken.write_text("<tmx><body><tu>", encoding="utf-8")
    result = cli("tm", "import", str(broken))
    assert result.exit_code == 2
    assert result.output.startswith("error: broken.tmx is not well-formed XML: ")
    assert result.output.count("\n") == 1
    entity = tmp_path / "entity.tmx"
    entity.write_text(
        '<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        '<tmx version="1.4"><header srclang="uk"/><body><tu><tuv xml:lang="uk"><seg>&x;</seg>'
        '</tuv><tuv xml:lang="en"><seg>x</seg></tuv></tu></body></tmx>',
        encoding="utf-8",
    )
    result = cli("tm", "import", str(entity))
    assert result.exit_code == 0, result.output
    assert result.output == "imported 0 translation units (none)\n"  # the entity is not read
