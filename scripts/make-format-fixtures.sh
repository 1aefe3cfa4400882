#!/usr/bin/env bash
# Regenerates the fixtures of issue 16 (encodings, OCR, legacy Office, e-mail, EPUB, notebook, gzip)
# in Tests/Fixtures/documents. Run once by hand; the tests only read the committed files.
#
# Needs (Debian): libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui
# poppler-utils img2pdf python3-pil (system python3). Regenerating rewrites binary files with
# new timestamps inside, so commit them only on purpose.
set -euo pipefail
cd "$(dirname "$0")/../Tests/Fixtures/documents"
PY=/usr/bin/python3
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# ---- Legacy Office and OpenDocument, converted by LibreOffice from the existing OOXML fixtures.
soffice --headless --convert-to doc --outdir "$WORK" guide.docx >/dev/null
soffice --headless --convert-to xls --outdir "$WORK" roster.xlsx >/dev/null
soffice --headless --convert-to ppt --outdir "$WORK" review.pptx >/dev/null
soffice --headless --convert-to ods --outdir "$WORK" roster.xlsx >/dev/null
soffice --headless --convert-to odp --outdir "$WORK" review.pptx >/dev/null
cp "$WORK/guide.doc" guide.doc
cp "$WORK/roster.xls" roster.xls
cp "$WORK/review.ppt" review.ppt
cp "$WORK/roster.ods" roster.ods
cp "$WORK/review.odp" review.odp
cp roster.xlsx roster.xlsm

# ---- Scanned PDFs: report.pdf rendered to 1-bit images at 150 dpi and wrapped back into PDFs
# without a text layer (scanned.pdf); mixed-scan.pdf keeps the text layer of pages 1 and 3 and
# has page 2 as an image only.
pdftoppm -r 150 -mono -png report.pdf "$WORK/page"
img2pdf "$WORK"/page-1.png "$WORK"/page-2.png "$WORK"/page-3.png -o scanned.pdf
img2pdf "$WORK"/page-2.png -o "$WORK/image-page-2.pdf"
pdfseparate -f 1 -l 1 report.pdf "$WORK/text-1.pdf"
pdfseparate -f 3 -l 3 report.pdf "$WORK/text-3.pdf"
pdfunite "$WORK/text-1.pdf" "$WORK/image-page-2.pdf" "$WORK/text-3.pdf" mixed-scan.pdf

# ---- Images of text: the top of page 1 at 200 dpi (PNG, grey) and the same as JPEG.
pdftoppm -r 200 -gray -png -f 1 -l 1 -x 0 -y 0 -W 1654 -H 260 report.pdf "$WORK/crop"
$PY - "$WORK" <<'PYEOF'
import sys
from PIL import Image
work = sys.argv[1]
image = Image.open(f"{work}/crop-1.png").convert("L")
image.save("scan-text.png", optimize=True)
image.save("scan-text.jpg", quality=80)
PYEOF

# ---- Everything written with Python's standard library.
$PY <<'PYEOF'
import base64, gzip, io, json, mailbox, os, quopri, zipfile
from email.message import EmailMessage
from email.headerregistry import Address
from email import policy
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.mime.application import MIMEApplication
from email.header import Header

def write(name, data):
    with open(name, "wb") as f:
        f.write(data)

# Encodings: texts long enough for a charset detector to be sure.
JAPANESE = ("東京の天気は今日も晴れです。私たちは朝早く駅に集まり、電車で山の近くの小さな町へ向かいました。"
            "町の人々はとても親切で、古い神社や美しい庭園を案内してくれました。\n"
            "昼ご飯には名物のそばを食べ、午後は川沿いをゆっくり散歩しました。夜は温泉に入って疲れを癒やしました。\n")
CHINESE = ("我们明天早上去北京参观长城和故宫。这次旅行是公司组织的，大家都非常期待。"
           "导游说长城的风景在秋天最美丽，天气也比较凉快，适合爬山和拍照。\n"
           "晚上我们会在一家有名的饭店吃烤鸭，然后去看京剧表演。希望一切顺利。\n")
KOREAN = ("오늘은 날씨가 정말 좋아서 친구들과 함께 한강 공원에 갔습니다. 우리는 자전거를 타고 강변을 따라 달렸습니다. "
          "점심에는 김밥과 라면을 먹었고, 오후에는 잔디밭에 앉아서 이야기를 나누었습니다.\n"
          "저녁에는 가까운 식당에서 불고기를 먹었습니다. 다음 주말에도 다시 가고 싶습니다.\n")
RUSSIAN = ("Вчера мы ходили в библиотеку и взяли несколько интересных книг о истории России. "
           "Погода была холодная, но солнечная, и мы долго гуляли по набережной. "
           "Вечером вся семья собралась за столом, пили чай с вареньем и обсуждали планы на лето.\n"
           "Завтра утром поезд отправляется в Санкт-Петербург, где живут наши старые друзья.\n")
POLISH = ("Wczoraj wieczorem poszliśmy do teatru na przedstawienie o życiu zwykłych ludzi w małym mieście. "
          "Aktorzy grali świetnie, a muzyka była wzruszająca. Po spektaklu zjedliśmy kolację w restauracji "
          "niedaleko rynku, gdzie podają najlepsze pierogi z grzybami i kapustą.\n"
          "Żółta łódź płynęła powoli po jeziorze, a dzieci śpiewały piosenki.\n")
write("text-shiftjis.txt", JAPANESE.encode("shift_jis"))
write("text-gb18030.txt", CHINESE.encode("gb18030"))
write("text-euckr.txt", KOREAN.encode("euc-kr"))
write("text-cp1251.txt", RUSSIAN.encode("cp1251"))
write("text-koi8r.txt", RUSSIAN.encode("koi8-r"))
write("text-iso8859-2.txt", POLISH.encode("iso-8859-2"))
CJK_EMOJI = "東京の天気は晴れです 🌸\n我们明天去北京看长城 😀\n한국어 문장도 있습니다 🎉\n"
write("text-utf16le-nobom-cjk.txt", CJK_EMOJI.encode("utf-16-le"))
write("text-utf16be-nobom-cjk.txt", CJK_EMOJI.encode("utf-16-be"))
write("text-utf32be-nobom.txt", CJK_EMOJI.encode("utf-32-be"))

# E-mail: multipart/alternative with a quoted-printable text part and a base64 HTML part,
# RFC 2047 encoded words in Subject and From, a PDF attachment and a text attachment.
msg = MIMEMultipart("mixed")
msg["From"] = "=?utf-8?q?Zo=C3=AB_M=C3=BCller?= <zoe@example.org>"
msg["To"] = "Bob Example <bob@example.org>"
msg["Date"] = "Tue, 03 Mar 2026 09:15:00 +0100"
msg["Subject"] = Header("Réunion budget: café ☕ à 10h", "utf-8").encode()
msg["Message-ID"] = "<budget-1@example.org>"
alternative = MIMEMultipart("alternative")
from email.charset import Charset, QP
from email.mime.nonmultipart import MIMENonMultipart
quoted = Charset("utf-8")
quoted.body_encoding = QP
plain = MIMENonMultipart("text", "plain")
plain.set_payload("Bonjour Bob,\n\nLa réunion sur le budget commence à dix heures précises dans la salle Verte. "
                  "Merci d'apporter les chiffres du trimestre: les dépenses ont augmenté de 12 % depuis janvier.\n\nZoë\n", quoted)
html = MIMEText("<html><body><p>Bonjour <b>Bob</b>, version HTML.</p></body></html>", "html", "utf-8")
alternative.attach(plain)
alternative.attach(html)
msg.attach(alternative)
pdf = MIMEApplication(b"%PDF-1.4 not really a pdf\n", "pdf")
pdf.add_header("Content-Disposition", "attachment", filename=("utf-8", "", "Prévisions 2026.pdf"))
msg.attach(pdf)
notes = MIMEText("Ordre du jour: budget, recrutement, locaux.\n", "plain", "utf-8")
notes.add_header("Content-Disposition", "attachment", filename="ordre-du-jour.txt")
msg.attach(notes)
write("budget-meeting.eml", msg.as_bytes())

# HTML-only message in windows-1252, quoted-printable, with a base64 encoded-word subject.
html_only = EmailMessage(policy=policy.compat32)
html_only["From"] = "newsletter@example.com"
html_only["To"] = "reader@example.org"
html_only["Date"] = "Mon, 02 Feb 2026 08:00:00 +0000"
html_only["Subject"] = "=?iso-8859-1?b?" + base64.b64encode("Nouveautés de février".encode("iso-8859-1")).decode() + "?="
html_only["MIME-Version"] = "1.0"
html_only["Content-Type"] = 'text/html; charset="windows-1252"'
html_only["Content-Transfer-Encoding"] = "quoted-printable"
body = "<html><head><title>x</title><style>p{}</style></head><body><h1>Février</h1><p>Le thé vert coûte 5 € cette semaine.</p></body></html>\n"
html_only.set_payload(quopri.encodestring(body.encode("cp1252")).decode("ascii"))
write("newsletter-html.eml", html_only.as_bytes())

# mbox with three messages; the second has a body line starting with "From " (escaped as ">From ").
if os.path.exists("three-messages.mbox"):
    os.remove("three-messages.mbox")
box = mailbox.mbox("three-messages.mbox", create=True)
for index, (subject, sender, text) in enumerate([
        ("Garden plans", "ann@example.org", "The tomatoes go along the south fence this year.\n"),
        ("Re: Garden plans", "ben@example.org", "Agreed.\nFrom now on I water them every morning.\n"),
        ("Seed order", "ann@example.org", "I ordered basil, chard and three kinds of beans.\n")]):
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "garden@example.org"
    message["Date"] = f"Sat, 0{index + 4} Apr 2026 10:00:00 +0000"
    message["Subject"] = subject
    message.set_content(text)
    entry = mailbox.mboxMessage(message)
    entry.set_from(sender, (2026, 4, index + 4, 10, 0, 0, 0, 0, 0))
    box.add(entry)
box.flush()
box.close()

# EPUB 3 with three chapters; the manifest lists chapter 3 first, the spine gives the reading order.
def xhtml(title, heading, paragraphs):
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><head><title>{title}</title></head>'
            f"<body><h1>{heading}</h1>{body}</body></html>").encode("utf-8")
epub = io.BytesIO()
with zipfile.ZipFile(epub, "w") as z:
    z.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip", compress_type=zipfile.ZIP_STORED)
    def add(name, data):
        info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
        z.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    add("META-INF/container.xml", '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
        '<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>')
    add("OEBPS/content.opf", '<?xml version="1.0" encoding="utf-8"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">'
        '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="id">urn:uuid:1</dc:identifier>'
        '<dc:title>The Lighthouse Keeper</dc:title><dc:creator>Mara Example</dc:creator><dc:language>en</dc:language></metadata>'
        '<manifest><item id="c3" href="text/chapter3.xhtml" media-type="application/xhtml+xml"/>'
        '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>'
        '<item id="c1" href="text/chapter1.xhtml" media-type="application/xhtml+xml"/>'
        '<item id="c2" href="text/chapter2.xhtml" media-type="application/xhtml+xml"/>'
        '<item id="css" href="style.css" media-type="text/css"/></manifest>'
        '<spine><itemref idref="c1"/><itemref idref="c2"/><itemref idref="c3"/></spine></package>')
    add("OEBPS/nav.xhtml", xhtml("Contents", "Contents", ["Chapter list"]))
    add("OEBPS/style.css", "p { margin: 0 }")
    add("OEBPS/text/chapter1.xhtml", xhtml("Chapter 1", "The Storm", ["The storm reached the island at dusk.", "Elin climbed the tower to light the lamp."]))
    add("OEBPS/text/chapter2.xhtml", xhtml("Chapter 2", "The Ship", ["A ship without lights drifted toward the rocks."]))
    add("OEBPS/text/chapter3.xhtml", xhtml("Chapter 3", "Morning", ["By morning the sea was calm and the crew was safe."]))
write("lighthouse.epub", epub.getvalue())

# Jupyter notebook (nbformat 4): markdown, code with a stream output and a long text/plain result.
notebook = {
    "nbformat": 4, "nbformat_minor": 5,
    "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
                 "language_info": {"name": "python"}},
    "cells": [
        {"cell_type": "markdown", "id": "m1", "metadata": {}, "source": ["# Rainfall analysis\n", "\n", "Monthly rainfall in Bergen, 2025."]},
        {"cell_type": "code", "id": "c1", "metadata": {}, "execution_count": 1,
         "source": ["import statistics\n", "rain = [190, 152, 170, 114, 106, 106]\n", "print(statistics.mean(rain))"],
         "outputs": [{"output_type": "stream", "name": "stdout", "text": ["139.66666666666666\n"]}]},
        {"cell_type": "markdown", "id": "m2", "metadata": {}, "source": "## Long output"},
        {"cell_type": "code", "id": "c2", "metadata": {}, "execution_count": 2, "source": "list(range(2000))",
         "outputs": [{"output_type": "execute_result", "execution_count": 2, "metadata": {},
                      "data": {"text/plain": [str(list(range(2000)))], "image/png": "iVBORw0KGgo="}}]},
        {"cell_type": "raw", "id": "r1", "metadata": {}, "source": "raw cell text"},
    ],
}
write("rainfall.ipynb", json.dumps(notebook, indent=1).encode("utf-8"))

# gzip of a Markdown file (mtime 0, so the bytes are reproducible).
with open("guide.md", "rb") as f:
    write("guide.md.gz", gzip.compress(f.read(), mtime=0))
PYEOF
ls -la guide.doc roster.xls review.ppt roster.ods review.odp roster.xlsm scanned.pdf mixed-scan.pdf scan-text.png scan-text.jpg \
  text-shiftjis.txt budget-meeting.eml three-messages.mbox lighthouse.epub rainfall.ipynb guide.md.gz
