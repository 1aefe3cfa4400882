"""Regenerates the parser test fixtures in this folder (see README.md).

Needs a dev venv with: python-docx openpyxl python-pptx fpdf2 odfpy
Run from this folder: python make_fixtures.py
"""
import io
import os
import random
import shutil
import struct
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))


def path(name):
    return os.path.join(HERE, name)


def write_bytes(name, data):
    with open(path(name), "wb") as f:
        f.write(data)


# ---------------------------------------------------------------- text encodings
FRENCH = "Le café de la gare servait une crème brûlée.\r\nÀ côté, un garçon lisait « Les Misérables » – déjà vu ?\r\nPrix : 12 €.\r\n"
write_bytes("text-cp1252.txt", FRENCH.encode("cp1252"))
MAC = "Die Größe der Brücke überraschte.\rCafé naïve: crème brûlée für alle.\r"
write_bytes("text-macroman.txt", MAC.encode("mac_roman"))
LATIN1 = "Smørrebrød og æblegrød på Østerbro.\nØl og brød.\n"
write_bytes("text-latin1.txt", LATIN1.encode("latin-1"))
UTF16 = "Hello UTF-16 world.\nSecond line with ümlaut and 日本語.\n"
write_bytes("text-utf16le-nobom.txt", UTF16.encode("utf-16-le"))
write_bytes("text-utf16be-bom.txt", b"\xfe\xff" + UTF16.encode("utf-16-be"))
write_bytes("text-utf32le-bom.txt", b"\xff\xfe\x00\x00" + UTF16.encode("utf-32-le"))
write_bytes("text-utf8-bom.txt", b"\xef\xbb\xbf" + "naïve résumé\r\nline two\r\n".encode("utf-8"))
# Mostly UTF-8 (three valid accented letters) with one stray Windows-1252 byte (0xE9 'é').
write_bytes("text-mixed-utf8.txt", "Übersicht: Straße, Café, ".encode("utf-8") + b"caf\xe9 au lait\n")
write_bytes("text-empty.txt", b"")

# ---------------------------------------------------------------- binary of unknown type
png = b"\x89PNG\r\n\x1a\n"
ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
png += struct.pack(">I", len(ihdr)) + b"IHDR" + ihdr + struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
idat = zlib.compress(b"\x00\xff\x00\x00")
png += struct.pack(">I", len(idat)) + b"IDAT" + idat + struct.pack(">I", zlib.crc32(b"IDAT" + idat))
png += struct.pack(">I", 0) + b"IEND" + struct.pack(">I", zlib.crc32(b"IEND"))
write_bytes("binary-image", png)
rng = random.Random(42)
write_bytes("binary-blob.dat", bytes(rng.randrange(256) for _ in range(2048)))

# ---------------------------------------------------------------- PDF
from fpdf import FPDF

pdf = FPDF()
pdf.set_title("Wind Tunnel Report")
pdf.set_author("Ada Example")
pdf.set_font("Helvetica", size=12)
pdf.add_page()
pdf.multi_cell(0, 8, "Page one: boundary layer transition on a flat plate.\nSecond line of the first page.")
pdf.add_page()
pdf.multi_cell(0, 8, "Page two: shock waves over a swept wing.")
pdf.add_page()
pdf.multi_cell(0, 8, "Page three: conclusions and further work.")
pdf.output(path("report.pdf"))
with open(path("report.pdf"), "rb") as f:
    full = f.read()
write_bytes("report-truncated.pdf", full[: len(full) * 2 // 3])

enc = FPDF()
enc.set_font("Helvetica", size=12)
enc.add_page()
enc.multi_cell(0, 8, "Secret page.")
enc.set_encryption(owner_password="owner", user_password="user")
enc.output(path("encrypted.pdf"))

# ---------------------------------------------------------------- DOCX
import docx
from docx.enum.text import WD_BREAK

d = docx.Document()
d.core_properties.title = "Field Guide to Seek"
d.add_paragraph("Seek Field Guide", style="Title")
d.add_paragraph("An opening paragraph before any heading.")
d.add_heading("Installation", level=1)
p = d.add_paragraph("Run the installer.\tThen wait.")
p.add_run().add_break(WD_BREAK.LINE)
p.add_run("A second line in the same paragraph.")
d.add_heading("Linux", level=2)
d.add_paragraph("Use apt-get on Debian.")
d.add_heading("Usage", level=1)
table = d.add_table(rows=3, cols=2)
for r, (a, b) in enumerate([("Command", "Effect"), ("seek index", "Indexes folders"), ("seek search", "Finds passages")]):
    table.cell(r, 0).text = a
    table.cell(r, 1).text = b
d.add_paragraph("Closing words.")
d.save(path("guide.docx"))
with open(path("guide.docx"), "rb") as f:
    full = f.read()
write_bytes("guide-truncated.docx", full[: len(full) // 2])
write_bytes("not-a-zip.docx", b"This is plain text pretending to be a Word file.\n")
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w") as z:
    z.writestr("[Content_Types].xml", "<Types/>")
    z.writestr("docProps/core.xml", "<cp:coreProperties/>")
write_bytes("missing-body.docx", buf.getvalue())

# ---------------------------------------------------------------- XLSX
import datetime
import openpyxl

wb = openpyxl.Workbook()
ws = wb.active
ws.title = "People"
ws.append(["Name", "City", "Born", "Score"])
ws.append(["Alice", "Paris", datetime.date(1990, 3, 1), 91.5])
ws.append(["Bob", "Berlin", datetime.date(1985, 12, 24), 78])
ws.append([None, "Oslo", None, 3.25])
ws2 = wb.create_sheet("Measurements")
ws2.append([1.5, 2, "first"])
ws2.append([3, 4.25, "second"])
wb.properties.title = "Team Roster"
wb.save(path("roster.xlsx"))
# Rewrite one cell of the second sheet as an inline string (openpyxl always uses shared strings).
with zipfile.ZipFile(path("roster.xlsx")) as src:
    items = [(i, src.read(i.filename)) for i in src.infolist()]
with zipfile.ZipFile(path("roster.xlsx"), "w", zipfile.ZIP_DEFLATED) as dst:
    for info, data in items:
        if info.filename == "xl/worksheets/sheet2.xml":
            text = data.decode("utf-8")
            start = text.index('<c r="C2"')
            end = text.index("</c>", start) + 4
            text = text[:start] + '<c r="C2" t="inlineStr"><is><t>inline second</t></is></c>' + text[end:]
            data = text.encode("utf-8")
        dst.writestr(info, data)

# ---------------------------------------------------------------- PPTX
from pptx import Presentation
from pptx.util import Inches

prs = Presentation()
s1 = prs.slides.add_slide(prs.slide_layouts[0])
s1.shapes.title.text = "Quarterly Review"
s1.placeholders[1].text = "Numbers and plans"
s2 = prs.slides.add_slide(prs.slide_layouts[1])
s2.shapes.title.text = "Results"
body = s2.placeholders[1].text_frame
body.text = "Revenue grew twelve percent"
body.add_paragraph().text = "Costs stayed flat"
s2.notes_slide.notes_text_frame.text = "Mention the new contract."
s3 = prs.slides.add_slide(prs.slide_layouts[5])
s3.shapes.title.text = "Team"
tbl = s3.shapes.add_table(2, 2, Inches(1), Inches(2), Inches(6), Inches(1.5)).table
for r, (a, b) in enumerate([("Role", "Person"), ("Lead", "Dana")]):
    tbl.cell(r, 0).text = a
    tbl.cell(r, 1).text = b
# Move the last slide ("Team") to the front: presentation order differs from file numbering.
ids = prs.slides._sldIdLst
last = ids[-1]
ids.remove(last)
ids.insert(0, last)
prs.save(path("review.pptx"))

# ---------------------------------------------------------------- ODT
from odf.opendocument import OpenDocumentText
from odf import text as odftext, table as odftable, dc

odt = OpenDocumentText()
odt.meta.addElement(dc.Title(text="Garden Notes"))
odt.text.addElement(odftext.P(text="Preface before the first heading."))
odt.text.addElement(odftext.H(outlinelevel=1, text="Vegetables"))
para = odftext.P(text="Tomatoes need")
para.addElement(odftext.S(c=3))
para.addText("sun.")
odt.text.addElement(para)
odt.text.addElement(odftext.H(outlinelevel=2, text="Tomatoes"))
odt.text.addElement(odftext.P(text="Water them every morning."))
odt.text.addElement(odftext.H(outlinelevel=1, text="Flowers"))
t = odftable.Table(name="Plants")
t.addElement(odftable.TableColumn(numbercolumnsrepeated=2))
for a, b in [("Plant", "Season"), ("Tulip", "Spring")]:
    row = odftable.TableRow()
    for value in (a, b):
        cell = odftable.TableCell()
        cell.addElement(odftext.P(text=value))
        row.addElement(cell)
    t.addElement(row)
odt.text.addElement(t)
odt.save(path("garden.odt"))

# ---------------------------------------------------------------- RTF (hand-written)
rtf_cp1252 = "\n".join([
    r"{\rtf1\ansi\ansicpg1252\deff0",
    r"{\fonttbl{\f0\fswiss\fcharset0 Arial;}{\f1\froman\fcharset2 Symbol;}}",
    r"{\colortbl;\red255\green0\blue0;}",
    r"{\stylesheet{\s0 Normal;}}",
    r"{\info{\title Caf\'e9 Menu}{\author Chef Andr\'e9}{\operator should not appear}}",
    r"{\*\generator Hand 1.0;}",
    r"{\header Running header text\par}",
    r"\pard\plain Caf\'e9 cr\'e8me br\'fbl\'e9e costs 5\u8364? today.\par",
    r"Unicode skip: \uc2\u8212\'97\'97 dash and \uc1\u-10916? negative.\par",
    r"Emoji pair: \u-10179?\u-8704? done.\par",
    r"Specials: a\~b, well\_known, hy\-phen, \{braces\} and \\backslash.\par",
    r"{\pict\pngblip 89504e470d0a1a0a}",
    r'{\field{\*\fldinst HYPERLINK "http://example.invalid"}{\fldrslt link text}}\line',
    r"Col A\tab Col B\par",
    r"\trowd A1\cell B1\cell\row",
    r"}",
])
write_bytes("menu-cp1252.rtf", rtf_cp1252.encode("ascii"))
rtf_1251 = r"{\rtf1\ansi\ansicpg1251\deff0{\fonttbl{\f0 Times;}}\pard \'cf\'f0\'e8\'e2\'e5\'f2, \'ec\'e8\'f0!\par}"
write_bytes("greeting-cp1251.rtf", rtf_1251.encode("ascii"))
rtf_mac = r"{\rtf1\mac\deff0{\fonttbl{\f0 Geneva;}}\pard Caf\'8e na\'95ve\par}"
write_bytes("note-macroman.rtf", rtf_mac.encode("ascii"))

print("fixtures written")
