"""Tests for the copy-model Argos package builder (tests/fixtures/build_test_model.py)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import ctranslate2
import pytest
import sentencepiece as spm

from tests.fixtures.build_test_model import (
    COMMITTED_PAIRS,
    FIXTURES_DIR,
    MAX_LEARNED_VOCAB_SIZE,
    build_copy_package,
    make_layout,
)

SENTENCES = [
    "Генеральний секретар НАТО Марк Рютте (Mark Rutte) прибув до Києва 03.02.2026.",
    '«Ми не зупинимося», — заявив він у суботу, а „Die Zeit“ назвала це "сигналом".',
    "Постанова № 5 передбачає виплату 1 500 000 грн до 31.12.2026 (+12,5%).",
    "Прем’єр-міністерка пам’ятає про обʼєкт і об'єкт – це різні апострофи.",
    "Emoji 🙂 and 中文 go through byte fallback, as does ẞ.",
]
TEXTS = [*SENTENCES, " ".join(SENTENCES)]
VERY_LONG_TEXT = " ".join(SENTENCES * 2)
# Longer than the model's 1024-entry position table: decoding must stop at the copied </s>.
MAX_DECODING_LENGTH = 4096


def extract_package(archive: Path, dest: Path) -> Path:
    """Unzip an .argosmodel and return its single top folder."""
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(dest)
    (package_dir,) = dest.iterdir()
    return package_dir


class CopyPipeline:
    """SentencePiece -> CTranslate2 -> SentencePiece over an extracted package."""

    def __init__(self, package_dir: Path, compute_type: str = "default") -> None:
        model_file = str(package_dir / "sentencepiece.model")
        self.sp = spm.SentencePieceProcessor(model_file=model_file)
        self.translator = ctranslate2.Translator(
            str(package_dir / "model"), compute_type=compute_type
        )

    def pieces(self, text: str) -> list[str]:
        return self.sp.encode(text, out_type=str)

    def hypotheses(self, texts: list[str], **options: object) -> list[list[list[str]]]:
        batch = [self.pieces(text) for text in texts]
        results = self.translator.translate_batch(
            batch, max_decoding_length=MAX_DECODING_LENGTH, **options
        )
        return [result.hypotheses for result in results]

    def translate(self, texts: list[str], **options: object) -> list[str]:
        return [self.sp.decode(best[0]) for best in self.hypotheses(texts, **options)]


@pytest.fixture(scope="module")
def tiny_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_copy_package(tmp_path_factory.mktemp("build"), "uk", "en")


@pytest.fixture(scope="module")
def tiny_package(tiny_archive: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return extract_package(tiny_archive, tmp_path_factory.mktemp("extracted"))


@pytest.fixture(scope="module")
def pipeline(tiny_package: Path) -> CopyPipeline:
    return CopyPipeline(tiny_package)


def assert_copies(pipeline: CopyPipeline, texts: list[str], **options: object) -> None:
    for text, best in zip(texts, pipeline.hypotheses(texts, **options), strict=True):
        assert best[0] == pipeline.pieces(text)
    assert pipeline.translate(texts, **options) == texts


def test_archive_has_one_top_folder_with_package_files(tiny_archive: Path) -> None:
    with zipfile.ZipFile(tiny_archive) as zipped:
        names = zipped.namelist()
        metadata = json.loads(zipped.read("translate-uk_en-copy/metadata.json"))
    assert tiny_archive.name == "uk_en_copy.argosmodel"
    assert {name.split("/")[0] for name in names} == {"translate-uk_en-copy"}
    for required in (
        "metadata.json",
        "model/model.bin",
        "model/config.json",
        "sentencepiece.model",
    ):
        assert f"translate-uk_en-copy/{required}" in names
    assert metadata == {
        "package_version": "1.0",
        "argos_version": "1.0",
        "from_code": "uk",
        "from_name": "Ukrainian",
        "to_code": "en",
        "to_name": "English",
        "type": "translate",
    }
    assert tiny_archive.stat().st_size < 1_000_000


def test_sentencepiece_pieces_are_the_model_vocabulary(tiny_package: Path) -> None:
    sp = spm.SentencePieceProcessor(model_file=str(tiny_package / "sentencepiece.model"))
    pieces = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    vocabulary = json.loads((tiny_package / "model" / "shared_vocabulary.json").read_text())
    assert pieces == vocabulary
    assert vocabulary[:3] == ["<unk>", "<s>", "</s>"]


def test_sentencepiece_round_trips_text(pipeline: CopyPipeline) -> None:
    for text in SENTENCES:
        assert pipeline.sp.decode(pipeline.pieces(text)) == text
    assert len(pipeline.pieces(TEXTS[-1])) >= 150
    assert len(pipeline.pieces(VERY_LONG_TEXT)) > 256


@pytest.mark.parametrize("beam_size", [1, 4])
def test_translation_is_an_exact_copy(pipeline: CopyPipeline, beam_size: int) -> None:
    assert_copies(pipeline, [*TEXTS, VERY_LONG_TEXT], beam_size=beam_size)


def test_copy_survives_int8_compute(tiny_package: Path) -> None:
    assert_copies(CopyPipeline(tiny_package, compute_type="int8"), TEXTS, beam_size=4)


def test_nbest_hypotheses_are_distinct_with_the_copy_first(pipeline: CopyPipeline) -> None:
    nbest = pipeline.hypotheses(TEXTS, beam_size=4, num_hypotheses=3, return_alternatives=False)
    for text, hypotheses in zip(TEXTS, nbest, strict=True):
        assert len({tuple(hypothesis) for hypothesis in hypotheses}) == 3
        assert hypotheses[0] == pipeline.pieces(text)
        assert {len(hypothesis) for hypothesis in hypotheses} == {len(hypotheses[0])}


def test_extra_layers_and_heads_still_copy(tmp_path: Path) -> None:
    archive = build_copy_package(
        tmp_path, "uk", "en", encoder_layers=2, decoder_layers=2, num_heads=2, ffn_dim=96
    )
    assert_copies(CopyPipeline(extract_package(archive, tmp_path / "pkg")), TEXTS, beam_size=4)


def test_vocabulary_beyond_the_corpus_is_padded_with_unused_pieces(tmp_path: Path) -> None:
    vocab_size = MAX_LEARNED_VOCAB_SIZE + 100
    archive = build_copy_package(tmp_path, "uk", "en", vocab_size=vocab_size, name="padded")
    package_dir = extract_package(archive, tmp_path / "pkg")
    copy = CopyPipeline(package_dir)
    vocabulary = json.loads((package_dir / "model" / "shared_vocabulary.json").read_text())
    assert len(vocabulary) == copy.sp.get_piece_size() == vocab_size
    assert vocabulary[3:5] == ["<unused_0>", "<unused_1>"]
    assert_copies(copy, TEXTS, beam_size=2)


def test_rebuild_is_byte_identical(tiny_archive: Path, tmp_path: Path) -> None:
    assert build_copy_package(tmp_path, "uk", "en").read_bytes() == tiny_archive.read_bytes()


def test_too_narrow_model_is_rejected() -> None:
    with pytest.raises(ValueError, match="cannot hold the copy codes"):
        make_layout(1000, 32, 1)


@pytest.mark.parametrize(("from_code", "to_code"), COMMITTED_PAIRS)
def test_committed_packages_copy_exactly(from_code: str, to_code: str, tmp_path: Path) -> None:
    archive = FIXTURES_DIR / f"{from_code}_{to_code}_copy.argosmodel"
    package_dir = extract_package(archive, tmp_path)
    metadata = json.loads((package_dir / "metadata.json").read_text())
    assert (metadata["from_code"], metadata["to_code"]) == (from_code, to_code)
    assert_copies(CopyPipeline(package_dir), TEXTS, beam_size=4)
