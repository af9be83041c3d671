"""`translator batch` on subtitles (.srt, .vtt): cues, timings and tags survive, text re-wrapped.

Runs the real CLI on the uk→en copy model (the output text is the input text, with the default
glossary's terms: "Верховна Рада" → "Verkhovna Rada"), then reads the outputs back with the
format's own library.
"""

import functools
import io
from pathlib import Path

import pytest
import srt
import webvtt

from tests.conftest import Invoke
from tests.engines import realigned
from tests.test_batch import files_under, rows, write
from translator.batch import run
from translator.batch.formats.subtitles import split_back, wrap
from translator.batch.manifest import NAME as MANIFEST

SRT = """\
1
00:00:01,000 --> 00:00:03,500
{\\an8}<i>Верховна Рада ухвалила закон</i>
<i>про державний бюджет на 2026 рік.</i>

2
00:00:04,000 --> 00:00:06,000
Депутати
голосували до пізньої ночі, а потім пішли додому.

3
00:00:06,500 --> 00:00:08,000
Голова парламенту сказав, що

4
00:00:08,000 --> 00:00:10,000
наступне засідання буде у вівторок.

7
00:00:10,000 --> 00:00:11,000 X1:40 X2:600
Це <b>дуже</b> важливо.

"""

SRT_EN = """\
1
00:00:01,000 --> 00:00:03,500
{\\an8}<i>Verkhovna Rada ухвалила закон</i>
<i>про державний бюджет на 2026 рік.</i>

2
00:00:04,000 --> 00:00:06,000
Депутати голосували до пізньої
ночі, а потім пішли додому.

3
00:00:06,500 --> 00:00:08,000
Голова парламенту сказав, що

4
00:00:08,000 --> 00:00:10,000
наступне засідання буде у вівторок.

7
00:00:10,000 --> 00:00:11,000 X1:40 X2:600
Це <b>дуже</b> важливо.

"""

VTT = """\
WEBVTT - Новини

STYLE
::cue { color: yellow }

NOTE Перевірено редактором

intro
00:00:01.000 --> 00:00:03.000 line:0 align:start
<i>Верховна Рада ухвалила закон про державний</i>
<i>бюджет.</i>

00:00:03.500 --> 00:00:05.000
<b>Голова парламенту сказав, що</b>

00:00:05.000 --> 00:00:07.000
наступне засідання
буде у вівторок.
"""

VTT_EN = """\
WEBVTT - Новини

STYLE
::cue { color: yellow }

NOTE Перевірено редактором

intro
00:00:01.000 --> 00:00:03.000 line:0 align:start
<i>Verkhovna Rada ухвалила</i>
<i>закон про державний бюджет.</i>

00:00:03.500 --> 00:00:05.000
<b>Голова парламенту сказав, що</b>

00:00:05.000 --> 00:00:07.000
наступне засідання
буде у вівторок.
"""


def batch(cli: Invoke, source: Path, out: Path, exit_code: int = 0) -> list[dict[str, object]]:
    result = cli("batch", str(source), "--to", "en", "--out", str(out), "--json", "--quiet")
    assert result.exit_code == exit_code, result.output
    return rows(result.stdout)


def test_srt_cues_keep_numbers_timings_and_tags(cli: Invoke, uk_en: None, tmp_path: Path) -> None:
    source = write(tmp_path / "in" / "news.uk.srt", SRT).parent
    out = tmp_path / "out"
    [row] = batch(cli, source, out)
    assert (row["status"], row["fallbacks"], row["glossary_hits"]) == ("done", 0, 1)
    text = (out / "news.en.srt").read_text(encoding="utf-8")
    assert text == SRT_EN
    before, after = list(srt.parse(SRT)), list(srt.parse(text))
    assert [(s.index, s.start, s.end, s.proprietary) for s in after] == [
        (s.index, s.start, s.end, s.proprietary) for s in before
    ]
    assert [s.content.count("\n") for s in after] == [s.content.count("\n") for s in before]


def test_vtt_cues_and_blocks_survive(cli: Invoke, uk_en: None, tmp_path: Path) -> None:
    source = write(tmp_path / "in" / "news.vtt", VTT).parent
    out = tmp_path / "out"
    [row] = batch(cli, source, out)
    assert (row["status"], row["fallbacks"]) == ("done", 0)
    text = (out / "news.en.vtt").read_text(encoding="utf-8")
    assert text == VTT_EN
    before = webvtt.from_buffer(io.StringIO(VTT))
    after = webvtt.from_buffer(io.StringIO(text))
    assert [(c.identifier, c.start, c.end, c.settings, len(c.lines)) for c in after.captions] == [
        (c.identifier, c.start, c.end, c.settings, len(c.lines)) for c in before.captions
    ]


def test_broken_subtitles_are_failed_rows(cli: Invoke, uk_en: None, tmp_path: Path) -> None:
    source = tmp_path / "in"
    write(source / "timing.srt", "1\n00:00:01,000 --> потім\nТекст.\n\n")
    write(source / "arrow.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nТак.\n\n1 -> 2\nНі.\n")
    write(source / "plain.vtt", "Просто текст.\n")
    write(source / "ok.srt", "1\n00:00:01,000 --> 00:00:02,000\nВерховна Рада ухвалила закон.\n\n")
    out = tmp_path / "out"
    got = batch(cli, source, out, exit_code=1)
    assert [(r["input"], r["status"], r["error"]) for r in got] == [
        (
            f"{source}/arrow.vtt",
            "failed",
            f"{source}/arrow.vtt: not a valid WebVTT file (bad cue at line 6)",
        ),
        (f"{source}/ok.srt", "done", ""),
        (
            f"{source}/plain.vtt",
            "failed",
            f"{source}/plain.vtt: not a valid WebVTT file (Invalid format)",
        ),
        (
            f"{source}/timing.srt",
            "failed",
            f"{source}/timing.srt: not a valid SubRip file (bad cue at line 1)",
        ),
    ]
    assert files_under(out) == [MANIFEST, "ok.en.srt"]
    assert (out / "ok.en.srt").read_text(encoding="utf-8") == (
        "1\n00:00:01,000 --> 00:00:02,000\nVerkhovna Rada ухвалила закон.\n\n"
    )


def test_a_translation_is_split_back_in_proportion_at_word_boundaries() -> None:
    assert split_back("one two three four five six", ["ааааа", "ббббббббббббб"]) == [
        "one two",
        "three four five six",
    ]
    assert split_back("one two", ["а", "б", "в"]) == ["one", "two", ""]
    assert split_back("", ["а", "б"]) == ["", ""]


def test_lines_are_balanced_and_readable() -> None:
    sentence = "The parliament passed the state budget for the next year late at night."
    assert wrap(sentence, 2) == [
        "The parliament passed the state budget",
        "for the next year late at night.",
    ]
    assert all(len(line) <= 42 for line in wrap(sentence, 2))
    assert wrap(sentence, 1) == [sentence]
    assert wrap("Так.", 3) == ["Так."]


TAGGED_SRT = """\
1
00:00:01,000 --> 00:00:03,000
{\\an8}Він сказав <i>«так»</i>, а вона — <b><i>ні</i></b>.

2
00:00:03,000 --> 00:00:05,000
<font color="#ffff00">Увага!</font> Уряд <u>схвалив</u> план
для <font color="red">східних</font> областей.

3
00:00:05,000 --> 00:00:06,000
Раз, {\\an8}два, <i>три</i>.

"""

TAGGED_VTT = """\
WEBVTT

NOTE Теги всередині рядка

1
00:00:01.000 --> 00:00:03.000 align:start
<v Ведучий>Добрий вечір, це <i>новини</i> о дев'ятій.

2
00:00:03.000 --> 00:00:05.000
<v.loud Оператор>Рух <c.yellow>перекрито</c></v> на <lang en>Main Street</lang>.

3
00:00:05.000 --> 00:00:07.000
Раз <00:00:05.500>два <00:00:06.000><c>три</c>.

4
00:00:07.000 --> 00:00:08.000
<ruby>Сонце<rt>sontse</rt></ruby> сходить рано.
"""


def test_tags_inside_lines_come_back_in_place(cli: Invoke, uk_en: None, tmp_path: Path) -> None:
    """The copy model translates each cue into itself, so every tag is where it was."""
    write(tmp_path / "in" / "tags.srt", TAGGED_SRT)
    write(tmp_path / "in" / "tags.vtt", TAGGED_VTT)
    out = tmp_path / "out"
    got = batch(cli, tmp_path / "in", out)
    assert [(r["status"], r["fallbacks"]) for r in got] == [("done", 0), ("done", 0)]
    assert (out / "tags.en.srt").read_text(encoding="utf-8") == TAGGED_SRT
    assert (out / "tags.en.vtt").read_text(encoding="utf-8") == TAGGED_VTT


def test_a_tag_follows_its_words_through_the_glossary(
    cli: Invoke, uk_en: None, tmp_path: Path
) -> None:
    source = write(
        tmp_path / "in" / "rada.srt",
        "1\n00:00:01,000 --> 00:00:02,000\nЗасідання <i>Верховної Ради</i> почалося вчасно.\n\n",
    )
    [row] = batch(cli, source, tmp_path / "out")
    assert (row["status"], row["fallbacks"], row["glossary_hits"]) == ("done", 0, 1)
    assert (tmp_path / "out" / "rada.en.srt").read_text(encoding="utf-8") == (
        "1\n00:00:01,000 --> 00:00:02,000\nЗасідання <i>Verkhovna Rada</i> почалося вчасно.\n\n"
    )


def test_a_tag_across_a_new_line_break_is_closed_and_reopened(
    cli: Invoke, uk_en: None, tmp_path: Path
) -> None:
    """The cue is re-wrapped to balanced lines; ``<i>`` now spans the break. A tag a cue leaves
    open stays open (a player closes it at the end of the cue), and a closing tag the cue never
    opened is dropped."""
    source = write(
        tmp_path / "in" / "wrap.srt",
        "1\n00:00:01,000 --> 00:00:02,000\n"
        "Депутати <i>голосували до\nпізньої ночі</i>, а потім пішли додому.\n\n"
        "2\n00:00:02,000 --> 00:00:03,000\nГолова сказав, <b>що засідання\n\n"
        "3\n00:00:03,000 --> 00:00:04,000\nбуде</b> у вівторок.\n\n",
    )
    [row] = batch(cli, source, tmp_path / "out")
    assert (row["status"], row["fallbacks"]) == ("done", 0)
    assert (tmp_path / "out" / "wrap.en.srt").read_text(encoding="utf-8") == (
        "1\n00:00:01,000 --> 00:00:02,000\n"
        "Депутати <i>голосували до пізньої</i>\n<i>ночі</i>, а потім пішли додому.\n\n"
        "2\n00:00:02,000 --> 00:00:03,000\nГолова сказав, <b>що засідання\n\n"
        "3\n00:00:03,000 --> 00:00:04,000\nбуде у вівторок.\n\n"
    )


def test_without_an_alignment_formatting_is_dropped_and_voices_kept(
    cli: Invoke, uk_en: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An engine giving no alignment: inline formatting cannot be placed, so it is dropped and
    counted; a voice is widened to its sentence; whole-cue tags and anchors before the text
    do not need the alignment; anchors inside the text go to the end of their sentence."""
    monkeypatch.setattr(run, "run_batch", functools.partial(run.run_batch, engines=realigned(None)))
    write(tmp_path / "in" / "tags.srt", TAGGED_SRT)
    write(tmp_path / "in" / "tags.vtt", TAGGED_VTT)
    out = tmp_path / "out"
    got = batch(cli, tmp_path / "in", out)
    assert [(r["status"], r["fallbacks"]) for r in got] == [("done", 8), ("done", 9)]
    assert (out / "tags.en.srt").read_text(encoding="utf-8") == (
        "1\n00:00:01,000 --> 00:00:03,000\n{\\an8}Він сказав «так», а вона — ні.\n\n"
        "2\n00:00:03,000 --> 00:00:05,000\nУвага! Уряд схвалив план\nдля східних областей.\n\n"
        "3\n00:00:05,000 --> 00:00:06,000\nРаз, два, три.{\\an8}\n\n"
    )
    assert (out / "tags.en.vtt").read_text(encoding="utf-8") == (
        "WEBVTT\n\nNOTE Теги всередині рядка\n\n"
        "1\n00:00:01.000 --> 00:00:03.000 align:start\n"
        "<v Ведучий>Добрий вечір, це новини о дев'ятій.\n\n"
        "2\n00:00:03.000 --> 00:00:05.000\n<v.loud Оператор>Рух перекрито на Main Street.</v>\n\n"
        "3\n00:00:05.000 --> 00:00:07.000\nРаз два три.<00:00:05.500><00:00:06.000>\n\n"
        "4\n00:00:07.000 --> 00:00:08.000\n<ruby>Сонце сходить рано.<rt>sontse</rt></ruby>\n"
    )
