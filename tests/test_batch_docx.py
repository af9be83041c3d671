"""`translator batch` on Word documents: text, runs, links, images, tables, notes survive.

Builds the documents with python-docx (low-level XML for what it has no API for: hyperlinks,
fields, footnotes), runs the real CLI or run_batch on the uk→en copy model (the output text is
the input text, with the default glossary's terms: "Верховної Ради" → "Verkhovna Rada"), and reads
the outputs back with python-docx.
"""

import io
import struct
import zipfile
import zlib
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from tests.conftest import Invoke
from tests.engines import realigned
from tests.test_batch import files_under, rows, write
from translator.batch.manifest import NAME as MANIFEST
from translator.batch.paths import plan
from translator.batch.run import BatchOptions, run_batch

URL = "https://rada.gov.ua/news"
FOOTNOTES = f"""<w:footnotes {nsdecls("w")}>
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:id="1"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>
<w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Джерело: Верховна Рада.</w:t></w:r></w:p>
</w:footnote></w:footnotes>"""

VML = 'xmlns:v="urn:schemas-microsoft-com:vml"'
TEXT_BOX = f"""<w:pict {nsdecls("w")} {VML}><v:shape style="width:100pt;height:30pt"><v:textbox>
<w:txbxContent><w:p><w:r><w:t>Верховна Рада</w:t></w:r></w:p></w:txbxContent>
</v:textbox></v:shape></w:pict>"""

Run = tuple[str, bool | None, bool | None, str | None, int | None]


def png() -> bytes:
    """A 1×1 white PNG."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body)
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def hyperlink(paragraph: Paragraph, url: str, text: str) -> None:
    """A hyperlink run in the Hyperlink style, as Word writes it."""
    rid = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rid)
    run = paragraph.add_run(text, "Hyperlink")._r
    link.append(run)
    paragraph._p.append(link)


def page_field(paragraph: Paragraph) -> None:
    """A PAGE field whose last result is "1"."""
    for kind in ("begin", None, "separate", "1", "end"):
        run = paragraph.add_run()._r
        if kind is None:
            run.append(
                parse_xml(f'<w:instrText {nsdecls("w")} xml:space="preserve"> PAGE </w:instrText>')
            )
        elif kind == "1":
            run.append(parse_xml(f"<w:t {nsdecls('w')}>1</w:t>"))
        else:
            run.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="{kind}"/>'))


def report() -> bytes:
    """A small report: formatted runs, a link, a table in a table, headers, a footnote, an
    image, a page number."""
    document = docx.Document()
    section = document.sections[0]
    section.different_first_page_header_footer = True
    section.header.paragraphs[0].text = "Новини парламенту"
    section.first_page_header.paragraphs[0].text = "Перша сторінка"
    footer = section.footer.paragraphs[0]
    footer.text = "Сторінка "
    page_field(footer)
    sentence = document.add_paragraph("Сесія ")
    sentence.add_run("Верховної Ради").bold = True
    sentence.add_run(" відбулася ")
    sentence.add_run("вчора").italic = True
    place = sentence.add_run(" у Києві")
    place.font.name, place.font.size = "Arial", Pt(14)
    sentence.add_run(".")
    document.styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    link = document.add_paragraph("Дивіться ")
    hyperlink(link, URL, "сайт парламенту")
    link.add_run(" сьогодні.")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Закон про бюджет"
    table.cell(0, 1).add_table(rows=1, cols=1).cell(0, 0).text = "Вкладена таблиця"
    noted = document.add_paragraph("Закон ухвалено.")
    reference = noted.add_run()
    reference.font.superscript = True
    reference._r.append(parse_xml(f'<w:footnoteReference {nsdecls("w")} w:id="1"/>'))
    notes = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, FOOTNOTES.encode(), None)
    document.part.relate_to(notes, RT.FOOTNOTES)
    photo = document.add_paragraph("Фото ")
    photo.add_run().add_picture(io.BytesIO(png()))
    photo.add_run(" з засідання.")
    lines = document.add_paragraph().add_run("Перший рядок\tколонка")
    lines.add_break()
    lines.add_text("Другий рядок.")
    document.add_paragraph("Підпис: ").add_run()._r.append(parse_xml(TEXT_BOX))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def runs(paragraph: Paragraph) -> list[Run]:
    """The paragraph's direct runs as (text, bold, italic, font, size), adjacent runs with the
    same formatting merged."""
    merged: list[Run] = []
    for run in paragraph.runs:
        size = run.font.size
        key = (run.bold, run.italic, run.font.name, size.pt if size is not None else None)
        if merged and merged[-1][1:] == key:
            merged[-1] = (merged[-1][0] + run.text, *key)
        elif run.text:
            merged.append((run.text, *key))
    return merged


def footnotes(document: DocxDocument) -> str:
    [part] = [rel.target_part for rel in document.part.rels.values() if rel.reltype == RT.FOOTNOTES]
    root = parse_xml(part.blob)
    return "|".join("".join(t.text for t in p.iter(qn("w:t"))) for p in root.iter(qn("w:p")))


def text_boxes(document: DocxDocument) -> list[str]:
    return [
        "".join(t.text for t in box.iter(qn("w:t")))
        for box in document.element.body.iter(qn("w:txbxContent"))
    ]


def image(document: DocxDocument) -> bytes:
    [shape] = document.inline_shapes
    rid = shape._inline.graphic.graphicData.pic.blipFill.blip.embed
    return document.part.related_parts[rid].blob


def batch(cli: Invoke, source: Path, out: Path, exit_code: int = 0) -> list[dict[str, object]]:
    result = cli("batch", str(source), "--to", "en", "--out", str(out), "--json", "--quiet")
    assert result.exit_code == exit_code, result.output
    return rows(result.stdout)


def test_text_runs_links_tables_notes_and_images_survive(
    cli: Invoke, uk_en: None, tmp_path: Path
) -> None:
    source = write(tmp_path / "in" / "report.uk.docx", report())
    out = tmp_path / "out"
    [row] = batch(cli, source, out)
    assert (row["status"], row["fallbacks"], row["output"]) == (
        "done",
        0,
        str(out / "report.en.docx"),
    )
    before = docx.Document(str(source))
    after = docx.Document(str(out / "report.en.docx"))
    assert len(after.paragraphs[0].runs) == 6
    assert runs(after.paragraphs[0]) == [
        ("Сесія ", None, None, None, None),
        ("Verkhovna Rada", True, None, None, None),
        (" відбулася ", None, None, None, None),
        ("вчора", None, True, None, None),
        (" у Kyiv", None, None, "Arial", 14.0),
        (".", None, None, None, None),
    ]
    for old, new in zip(before.paragraphs[1:], after.paragraphs[1:], strict=True):
        assert runs(new) == runs(old)
        assert new.text == old.text
    assert [(h.address, h.text) for h in after.paragraphs[1].hyperlinks] == [
        (URL, "сайт парламенту")
    ]
    assert after.paragraphs[1].hyperlinks[0].runs[0].style.name == "Hyperlink"
    outer = after.tables[0]
    assert outer.cell(0, 0).text == "Закон про бюджет"
    assert outer.cell(0, 1).tables[0].cell(0, 0).text == "Вкладена таблиця"
    section = after.sections[0]
    assert section.header.paragraphs[0].text == "Новини парламенту"
    assert section.first_page_header.paragraphs[0].text == "Перша сторінка"
    footer = section.footer.paragraphs[0]
    assert footer.text == "Сторінка 1"
    assert [c.get(qn("w:fldCharType")) for c in footer._p.iter(qn("w:fldChar"))] == [
        "begin",
        "separate",
        "end",
    ]
    assert footnotes(after) == "| Джерело: Verkhovna Rada."
    assert after.paragraphs[2]._p.xpath(".//w:footnoteReference/@w:id") == ["1"]
    assert image(after) == png()
    assert after.paragraphs[3].text == "Фото  з засідання."
    assert after.paragraphs[4].text == "Перший рядок\tколонка\nДругий рядок."
    assert after.paragraphs[5].text == "Підпис: "
    assert text_boxes(after) == ["Verkhovna Rada"]


def test_without_alignment_formatting_is_dropped_and_links_wrap_the_sentence(
    uk_en: None, tmp_path: Path
) -> None:
    source = write(tmp_path / "in" / "report.docx", report())
    out = tmp_path / "out"

    planned = plan([str(source)], "en", frozenset({"uk"}), out)
    [row] = run_batch(planned, BatchOptions("en", "uk"), engines=realigned(None)).rows
    # bold, italic and Arial 14 dropped; the link's style dropped and the link widened; the
    # page field widened; the footnote reference, its mark in the note, the image and the text
    # box at the ends of their sentences
    assert (row.status, row.fallbacks) == ("done", 10)
    after = docx.Document(str(out / "report.en.docx"))
    assert runs(after.paragraphs[0]) == [
        ("Сесія Verkhovna Rada відбулася вчора у Kyiv.", None, None, None, None)
    ]
    [link] = after.paragraphs[1].hyperlinks
    assert (link.address, link.text) == (URL, "Дивіться сайт парламенту сьогодні.")
    assert after.paragraphs[1].text == "Дивіться сайт парламенту сьогодні."
    assert image(after) == png()
    assert after.sections[0].footer.paragraphs[0].text == "Сторінка 1"
    assert text_boxes(after) == ["Verkhovna Rada"]


def test_bad_files_are_failed_rows(cli: Invoke, uk_en: None, tmp_path: Path) -> None:
    source = tmp_path / "in"
    write(source / "random.docx", bytes(range(256)) * 4)
    write(source / "legacy.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    empty = io.BytesIO()
    with zipfile.ZipFile(empty, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    write(source / "empty.docx", empty.getvalue())
    entities = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(report())) as good,
        zipfile.ZipFile(entities, "w") as archive,
    ):
        for member in good.infolist():
            data = good.read(member)
            if member.filename == "word/document.xml":
                data = data.replace(
                    b"?>", b'?><!DOCTYPE w:document [<!ENTITY a "Rada">]>', 1
                ).replace("Сесія ".encode(), b"&a;", 1)
            archive.writestr(member, data)
    write(source / "entities.docx", entities.getvalue())
    write(source / "ok.docx", report())
    out = tmp_path / "out"
    got = batch(cli, source, out, exit_code=1)
    assert [(r["input"], r["status"], r["error"]) for r in got] == [
        (
            f"{source}/empty.docx",
            "failed",
            f"{source}/empty.docx: not a valid DOCX file (no word/document.xml)",
        ),
        (
            f"{source}/entities.docx",
            "failed",
            f"{source}/entities.docx: not a valid DOCX file "
            "(word/document.xml declares a DOCTYPE or entities)",
        ),
        (
            f"{source}/legacy.docx",
            "failed",
            f"{source}/legacy.docx: password-protected or legacy .doc file; "
            "save it as .docx without a password",
        ),
        (f"{source}/ok.docx", "done", ""),
        (
            f"{source}/random.docx",
            "failed",
            f"{source}/random.docx: not a DOCX file (not a ZIP archive)",
        ),
    ]
    assert files_under(out) == [MANIFEST, "ok.en.docx"]
    assert docx.Document(str(out / "ok.en.docx")).paragraphs[0].text == (
        "Сесія Verkhovna Rada відбулася вчора у Kyiv."
    )
