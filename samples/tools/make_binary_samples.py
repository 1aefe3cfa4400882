#!/usr/bin/env python3
"""Generates the binary documents of samples/notes (PDF, DOCX, XLSX, PPTX, ODT, RTF).

The text files in samples/notes are written by hand; the documents in binary formats are produced
by this script so their content stays reviewable here. The generated files are committed, so Seek
never needs Python: run this only after changing the content below.

How to regenerate (dev-time tools in a throwaway virtual environment):

    python3 -m venv /tmp/seek-samples-venv
    /tmp/seek-samples-venv/bin/pip install fpdf2 python-docx openpyxl python-pptx odfpy
    /tmp/seek-samples-venv/bin/python samples/tools/make_binary_samples.py

It writes into samples/notes (next to this tools folder) and prints each file with its size.
Document dates and the timestamps inside the ZIP-based formats are fixed, so running it twice
gives byte-identical files.

`broken-on-purpose.pdf` is also written here: a `%PDF-` header followed by garbage bytes, so the
demo shows a parse failure being recorded while the rest of the folder indexes.
"""

import datetime as dt
import random
import re
import zipfile
from pathlib import Path

from docx import Document
from docx.shared import Pt
from fpdf import FPDF
from odf.dc import Title
from odf.opendocument import OpenDocumentText
from odf.style import Style, TextProperties
from odf.text import H, P
from openpyxl import Workbook
from openpyxl.styles import Font
from pptx import Presentation
from pptx.util import Inches, Pt as PptPt

NOTES = Path(__file__).resolve().parent.parent / "notes"
FIXED_DATE = dt.datetime(2024, 6, 1, 9, 0, 0, tzinfo=dt.timezone.utc)


# ---------------------------------------------------------------------------------------------
# PDF (fpdf2 core fonts: Latin-1 text only, so the content below sticks to ASCII)
# ---------------------------------------------------------------------------------------------

class TitledPDF(FPDF):
    """A PDF with a running header and page numbers "Page N of M"."""

    def __init__(self, running_title: str):
        super().__init__(format="Letter")
        self.running_title = running_title
        self.set_creation_date(FIXED_DATE)
        self.set_author("Nora Whitfield")
        self.set_title(running_title)
        self.set_auto_page_break(auto=True, margin=22)
        self.alias_nb_pages()

    def header(self):
        self.set_font("Helvetica", "I", 8)
        self.cell(0, 8, self.running_title, align="R", new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def footer(self):
        self.set_y(-15)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 8, f"Page {self.page_no()} of {{nb}}", align="C")

    def heading(self, text: str, size: int = 13):
        self.ln(3)
        self.set_font("Helvetica", "B", size)
        self.multi_cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def paragraph(self, text: str):
        self.set_font("Times", "", 11)
        self.multi_cell(0, 5.5, " ".join(text.split()), new_x="LMARGIN", new_y="NEXT")
        self.ln(2)


LEASE_SECTIONS = [
    ("1. Parties and Premises", """This Residential Lease Agreement is made on June 20, 2023 between
     Alder Street Properties LLC ("Landlord") and Nora Whitfield and Sam Ortega ("Tenants"). The
     Landlord rents to the Tenants the dwelling at 2417 SE Alder Street, Unit 3B, Portland, Oregon
     97214 (the "Premises"), a two-bedroom apartment on the third floor, together with one assigned
     bicycle locker (number 12) and shared use of the laundry room and courtyard."""),
    ("2. Term", """The tenancy begins on August 1, 2023 and continues for a fixed term of twelve (12)
     months, ending on July 31, 2024. After the fixed term it converts to a month-to-month tenancy
     unless either party gives written notice as required by Oregon law. Tenants who wish to leave
     at the end of the fixed term must give at least thirty (30) days written notice."""),
    ("3. Rent", """Monthly rent is one thousand eight hundred fifty dollars ($1,850.00), due on the first
     day of each month. Rent may be paid through the online tenant portal or by check delivered to
     the management office. Rent received after the fourth day of the month is late, and a late
     charge of five percent (5%) of the monthly rent will be assessed. A returned payment fee of
     $35 applies to any dishonored check or reversed electronic payment. During the fixed term the
     rent will not increase. Any later increase requires at least ninety (90) days written notice
     and is subject to the limits of state law."""),
    ("4. Security Deposit", """Tenants have paid a security deposit of $1,850.00, held in a separate
     account. Within thirty-one (31) days after the tenancy ends and the Tenants return possession,
     the Landlord will return the deposit, less any amounts lawfully withheld for unpaid rent or for
     damage beyond ordinary wear and tear, with a written, itemized accounting. Normal wear such as
     small nail holes, faded paint and light carpet wear will not be charged. Professional carpet
     cleaning may not be charged unless the carpet is soiled beyond ordinary use."""),
    ("5. Utilities", """The Landlord pays water, sewer and garbage collection. The Tenants pay
     electricity and internet service directly to the providers and must keep electricity service
     active for the whole tenancy so that the heat pump can protect the pipes in cold weather."""),
    ("6. Occupants and Guests", """Only the Tenants named above may live in the Premises. Guests may
     stay no more than fourteen (14) days in any six-month period without the Landlord's written
     consent, which will not be unreasonably withheld."""),
    ("7. Pets", """One indoor cat ("Miso") is approved. No other animals may be kept without written
     permission. A pet deposit of $300 is included in the security deposit terms above; no monthly
     pet rent is charged. Tenants are responsible for any damage caused by the pet, including to
     carpets and window screens. Assistance animals are not pets and are governed by fair housing
     law."""),
    ("8. Use, Maintenance and Repairs", """Tenants will keep the Premises clean and sanitary, use
     appliances and fixtures properly, replace smoke alarm batteries, and promptly report leaks,
     mold, pest activity or broken fixtures through the tenant portal. The Landlord will keep the
     Premises habitable and make necessary repairs within a reasonable time; emergency repairs
     (no heat in winter, no water, gas leaks, flooding) will be addressed within twenty-four hours.
     Tenants may not paint, install shelving anchored into masonry, or change locks without written
     consent. Small picture hooks are allowed."""),
    ("9. Landlord's Entry", """Except in an emergency, the Landlord will give at least twenty-four (24)
     hours notice before entering the Premises, and will enter only at reasonable times for
     inspections, repairs or showing the unit to prospective tenants or buyers."""),
    ("10. Subletting and Assignment", """Tenants may not sublet the Premises or assign this Lease, and
     may not rent the Premises as short-term vacation lodging, without the Landlord's prior written
     consent."""),
    ("11. Quiet Hours and Smoking", """Quiet hours are 10:00 p.m. to 7:00 a.m. Smoking and vaping of
     any substance are prohibited inside the building, on balconies and within twenty-five feet of
     entrances. Charcoal grills are not allowed on balconies; small electric grills are permitted."""),
    ("12. Renters Insurance", """Tenants must carry renters insurance with at least $100,000 of
     personal liability coverage for the whole tenancy and provide proof of coverage at move-in and
     at each renewal. The Landlord's insurance does not cover the Tenants' belongings."""),
    ("13. Early Termination", """If Tenants must end the tenancy before the fixed term expires, they
     may do so by giving thirty (30) days written notice and paying an early termination fee equal
     to one month's rent, which releases them from rent after the notice period. Victims of domestic
     violence, sexual assault or stalking, and members of the armed forces receiving orders, may end
     the tenancy early as provided by law without this fee."""),
    ("14. Moving Out", """At move-out the Tenants will remove all belongings, clean the Premises
     including appliances, return all keys and fobs, and provide a forwarding address for the
     deposit accounting. A move-out inspection may be scheduled with the Tenants present."""),
    ("15. Notices", """Notices to the Landlord go to Alder Street Properties LLC, 900 SE Hawthorne
     Boulevard, Suite 210, Portland, OR 97214, or through the tenant portal. Notices to the Tenants
     go to the Premises or to the email addresses on file."""),
    ("16. Entire Agreement", """This Lease, the move-in condition report and the building rules
     attached as Exhibit A are the entire agreement between the parties. Any change must be in
     writing and signed by both parties. If any provision is found invalid, the rest remains in
     effect."""),
]

EXHIBIT_A = [
    "Bicycles are stored in the lockers or the courtyard racks, never in hallways or stairwells.",
    "Laundry room hours are 7:00 a.m. to 10:00 p.m.; remove clothes promptly.",
    "Recycling is sorted into the blue carts; glass goes in the separate yellow bin.",
    "Packages are held in the parcel room; pick them up within five days.",
    "Balcony plants must have drip trays; no watering that drips onto the unit below.",
    "Move-in and move-out must be scheduled with the office to reserve the elevator pads.",
]


def make_lease(path: Path):
    pdf = TitledPDF("Residential Lease Agreement - 2417 SE Alder St, Unit 3B")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 18)
    pdf.cell(0, 12, "Residential Lease Agreement", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    pdf.cell(0, 6, "Fixed-term tenancy, State of Oregon", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for title, text in LEASE_SECTIONS:
        pdf.heading(title)
        pdf.paragraph(text)
    pdf.add_page()
    pdf.heading("Exhibit A - Building Rules", 14)
    for number, rule in enumerate(EXHIBIT_A, start=1):
        pdf.paragraph(f"A.{number}  {rule}")
    pdf.heading("Signatures")
    pdf.paragraph("""Landlord: Alder Street Properties LLC, by Janet Kowalski, Property Manager.
                  Date: June 20, 2023.""")
    pdf.paragraph("Tenant: Nora Whitfield. Date: June 21, 2023.")
    pdf.paragraph("Tenant: Sam Ortega. Date: June 21, 2023.")
    pdf.output(str(path))


QUOTE_LINES = [
    ("14 x 410 W monocrystalline TOPCon modules", "5.74 kW", "$8,610"),
    ("14 x microinverters, panel-level monitoring", "", "$3,150"),
    ("Racking, flashing, critter guard", "", "$1,480"),
    ("Electrical: new 200 A panel breaker, AC disconnect", "", "$1,390"),
    ("Permits, utility interconnection, design", "", "$1,120"),
    ("Installation labour", "", "$2,350"),
]


def make_solar_quote(path: Path):
    pdf = TitledPDF("Cascade Sun Energy - Proposal #CS-24-0187")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 10, "Solar Installation Proposal", new_x="LMARGIN", new_y="NEXT")
    pdf.paragraph("""Prepared for Nora Whitfield, 2417 SE Alder Street, Portland, OR. Prepared by
                  Luis Hernandez, Cascade Sun Energy, on February 26, 2024. Valid for 30 days.""")
    pdf.heading("System design")
    pdf.paragraph("""Based on the site visit and twelve months of electricity bills (7,400 kWh per
                  year), we propose a 5.74 kW DC rooftop photovoltaic system on the south-southwest
                  roof plane. Shade analysis shows 91% solar access; the maple tree to the west
                  shades two modules after 3 p.m. from May to August, which is why we specify
                  microinverters rather than a single string inverter. Estimated first-year
                  production: 6,450 kWh, about 87% of your current use.""")
    pdf.heading("Price")
    pdf.set_font("Helvetica", "", 10)
    for item, size, price in QUOTE_LINES:
        pdf.cell(120, 6, item)
        pdf.cell(30, 6, size)
        pdf.cell(0, 6, price, align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "B", 10)
    pdf.cell(150, 7, "Total before incentives")
    pdf.cell(0, 7, "$18,100", align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(150, 7, "Estimated federal residential clean energy credit (30%)")
    pdf.cell(0, 7, "-$5,430", align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(150, 7, "Estimated net cost")
    pdf.cell(0, 7, "$12,670", align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.heading("Warranties")
    pdf.paragraph("""Modules: 25-year product and performance warranty (at least 87.4% of rated output
                  in year 25). Microinverters: 25 years. Workmanship and roof penetrations: 10 years.
                  Optional battery (13.5 kWh) for backup during outages: add $11,200.""")
    pdf.heading("Next steps")
    pdf.paragraph("""A 10% deposit reserves an installation date; permitting takes 3 to 5 weeks and
                  installation two days. We recommend an inspection of the 12-year-old roof
                  shingles before installation, since removing and reinstalling the array later
                  costs about $3,800.""")
    pdf.output(str(path))


def make_insurance_summary(path: Path):
    pdf = TitledPDF("Renters Insurance - Policy Summary HO-4 #RN-5520931")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 10, "Your Renters Insurance Policy at a Glance", new_x="LMARGIN", new_y="NEXT")
    pdf.paragraph("""Named insureds: Nora Whitfield and Sam Ortega. Residence: 2417 SE Alder Street,
                  Unit 3B, Portland, OR. Policy period: August 1, 2023 to August 1, 2024. Annual
                  premium: $168, paid in full.""")
    pdf.heading("Coverages")
    for line in [
        "Personal property: $40,000, replacement cost (we pay what it costs to buy new).",
        "Loss of use: $12,000 for hotel and extra living costs if the apartment cannot be lived in.",
        "Personal liability: $300,000 per occurrence, including injuries to guests.",
        "Medical payments to others: $2,000 per person.",
        "Deductible: $500 per claim (does not apply to liability).",
    ]:
        pdf.paragraph("- " + line)
    pdf.heading("Special limits")
    pdf.paragraph("""Some belongings have lower limits unless scheduled separately: jewelry and
                  watches $1,500 for theft; cash $200; bicycles $1,000 each; electronics are
                  covered at full value, including laptops and phones stolen away from home, for
                  example from a car or a cafe. Theft from an unlocked car is still covered, but
                  keep receipts and file a police report within 48 hours.""")
    pdf.heading("What is not covered")
    pdf.paragraph("""Flood and earthquake damage (both available as separate policies), damage from
                  long-term leaks or mold you did not report, pests such as bedbugs, intentional
                  damage, business property over $2,500, and the building itself, which is the
                  landlord's responsibility.""")
    pdf.heading("Making a claim")
    pdf.paragraph("""Report losses through the app or by phone within 30 days. Take photos of the
                  damage, make a list with approximate purchase dates and prices, and keep damaged
                  items until the adjuster has seen them. For water damage, stop the source and
                  tell the landlord right away.""")
    pdf.output(str(path))


# ---------------------------------------------------------------------------------------------
# DOCX
# ---------------------------------------------------------------------------------------------

def fixed_core_properties(document: Document, title: str, author: str):
    properties = document.core_properties
    properties.title = title
    properties.author = author
    properties.created = FIXED_DATE.replace(tzinfo=None)
    properties.modified = FIXED_DATE.replace(tzinfo=None)
    properties.last_modified_by = author


def make_offer_letter(path: Path):
    document = Document()
    fixed_core_properties(document, "Offer of Employment - Nora Whitfield", "Fernbrook Health, People Team")
    style = document.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    document.add_paragraph("Fernbrook Health, Inc.\n1200 NW Marshall Street, Portland, OR 97209")
    document.add_paragraph("May 14, 2024")
    document.add_paragraph("Nora Whitfield\n2417 SE Alder Street, Unit 3B\nPortland, OR 97214")
    document.add_heading("Offer of Employment: Staff Software Engineer, Data Platform", level=1)
    for text in [
        """Dear Nora,""",
        """On behalf of Fernbrook Health, I am delighted to offer you the position of Staff Software
        Engineer on the Data Platform team, reporting to Adaeze Nwosu, Director of Engineering. The
        whole panel was impressed by your system design interview, in particular your plan for
        migrating a live billing database with a tested rollback path.""",
    ]:
        document.add_paragraph(" ".join(text.split()))
    document.add_heading("Compensation", level=2)
    table = document.add_table(rows=1, cols=2)
    table.style = "Light Grid Accent 1"
    table.rows[0].cells[0].text = "Item"
    table.rows[0].cells[1].text = "Details"
    for item, details in [
        ("Base salary", "$196,000 per year, paid semi-monthly"),
        ("Signing bonus", "$15,000, paid in the first paycheck; repayable pro rata if you leave within 12 months"),
        ("Equity", "Stock options for 12,000 shares, 4-year vesting with a 1-year cliff"),
        ("Annual bonus", "Target 10% of base salary, based on company and individual performance"),
    ]:
        row = table.add_row().cells
        row[0].text = item
        row[1].text = details
    document.add_heading("Benefits", level=2)
    for text in [
        "Medical, dental and vision insurance from the first day, with 90% of premiums paid for you and your dependents.",
        "401(k) plan with a 4% employer match, vesting immediately.",
        "Flexible paid time off with a minimum of 20 days encouraged, plus 11 company holidays.",
        "16 weeks of fully paid parental leave.",
        "$1,500 yearly learning budget for books, courses and conferences.",
        "Hybrid work: in the Pearl District office Tuesdays and Thursdays, remote otherwise.",
    ]:
        document.add_paragraph(text, style="List Bullet")
    document.add_heading("Start date and conditions", level=2)
    for text in [
        """We propose a start date of Monday, July 8, 2024. This offer is contingent on a standard
        background check and on your signing our confidentiality and invention assignment agreement.
        Employment with Fernbrook Health is at will, which means either you or the company may end
        it at any time, with or without cause.""",
        """Please confirm your acceptance by signing below and returning this letter by May 24, 2024.
        If you have questions about the offer, the equity grant or relocation of your home office
        equipment, contact me directly. We are excited about the prospect of working with you.""",
    ]:
        document.add_paragraph(" ".join(text.split()))
    document.add_paragraph("Sincerely,\nMarguerite Dalton\nVice President, People")
    document.add_paragraph("Accepted: ______________________   Date: ____________")
    document.save(str(path))


def make_design_doc(path: Path):
    document = Document()
    fixed_core_properties(document, "Design doc: invoice search service", "Nora Whitfield")
    document.add_heading("Design Doc: Invoice Search Service", level=0)
    document.add_paragraph("Author: Nora Whitfield. Reviewers: Dev Patel, Lena Okafor. Status: in review. April 2024.")
    sections = [
        ("Context", """Support agents look up customer invoices dozens of times per hour. Today they
         use an admin page that runs LIKE '%term%' queries against the billing database, which is
         slow (p95 of 4.2 seconds), misses typos, and adds load to the primary database we are in
         the middle of migrating to PostgreSQL."""),
        ("Goals", """Return matching invoices in under 200 ms at p95. Match on customer name, email,
         invoice number, line item descriptions and free-text notes. Tolerate typos and partial
         invoice numbers. Never expose invoices across tenants. Stay within 5 seconds of the
         database state."""),
        ("Non-goals", """Full analytics or reporting; ranking by business value; search over payment
         card data, which stays in the payment processor's vault."""),
        ("Proposal", """Build the index inside PostgreSQL rather than running a separate search
         cluster. Add a generated tsvector column over name, email and notes with a GIN index, and a
         trigram index (pg_trgm) on invoice numbers and emails for fuzzy matching. A thin search
         service exposes one endpoint, applies the tenant filter from the agent's session, and
         combines full-text rank with trigram similarity. Queries go to a read replica."""),
        ("Alternatives considered", """A dedicated search engine cluster gives better relevance tuning
         but adds a second source of truth, a change-data-capture pipeline to keep it in sync, and
         another on-call surface. Semantic search with embeddings is overkill for identifiers and
         names. We can revisit if agents start searching by meaning rather than by identifiers."""),
        ("Rollout", """Ship behind a feature flag to five agents, compare their time-to-resolution with
         the old page for two weeks, then enable for everyone. Keep the old page for a month as a
         fallback."""),
        ("Open questions", """How large will the GIN index be on 40 million line items? Do we need a
         separate index for archived invoices older than seven years, which legal says we must keep
         but agents rarely need?"""),
    ]
    for title, text in sections:
        document.add_heading(title, level=1)
        document.add_paragraph(" ".join(text.split()))
    document.add_heading("Estimated effort", level=1)
    table = document.add_table(rows=1, cols=3)
    table.style = "Light Grid Accent 1"
    for cell, text in zip(table.rows[0].cells, ["Task", "Owner", "Weeks"]):
        cell.text = text
    for task, owner, weeks in [
        ("Schema changes and indexes", "Dev", "1"),
        ("Search service and tenant filter", "Nora", "2"),
        ("Admin UI changes", "Lena", "1.5"),
        ("Load test on replica", "Marcus", "0.5"),
    ]:
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = task, owner, weeks
    document.save(str(path))


# ---------------------------------------------------------------------------------------------
# XLSX, PPTX, ODT, RTF
# ---------------------------------------------------------------------------------------------

def make_savings_workbook(path: Path):
    workbook = Workbook()
    workbook.properties.creator = "Nora Whitfield"
    workbook.properties.created = FIXED_DATE.replace(tzinfo=None)
    workbook.properties.modified = FIXED_DATE.replace(tzinfo=None)
    goals = workbook.active
    goals.title = "Savings goals"
    goals.append(["Goal", "Target", "Saved", "Monthly contribution", "Deadline", "Notes"])
    for cell in goals[1]:
        cell.font = Font(bold=True)
    rows = [
        ("Emergency fund (6 months of expenses)", 24000, 19850, 500, dt.date(2024, 12, 31), "High-yield savings, 4.3% APY"),
        ("Japan trip April 2025", 6500, 3100, 450, dt.date(2025, 3, 1), "Flights already paid from this"),
        ("Solar panels down payment", 5000, 1200, 300, dt.date(2025, 6, 30), "Depends on re-roofing decision"),
        ("New laptop", 2200, 2200, 0, dt.date(2024, 9, 1), "Done - bought in May"),
        ("Down payment on a house", 80000, 21400, 1200, dt.date(2028, 6, 30), "Index funds, taxable account"),
    ]
    for number, row in enumerate(rows, start=2):
        goals.append(list(row))
        # A value, not a formula: openpyxl cannot store a formula's cached result, and Seek (like
        # any reader that does not recalculate) reads only cached results.
        goals.cell(row=number, column=7, value=round(row[2] / row[1], 4))
        goals.cell(row=number, column=7).number_format = "0%"
    goals.cell(row=1, column=7, value="Progress").font = Font(bold=True)
    for column, width in zip("ABCDEFG", [40, 10, 10, 22, 12, 36, 10]):
        goals.column_dimensions[column].width = width

    fund = workbook.create_sheet("Emergency fund")
    fund.append(["Month", "Deposit", "Interest", "Balance"])
    for cell in fund[1]:
        cell.font = Font(bold=True)
    balance = 16800.0
    random.seed(11)
    for month in range(1, 7):
        deposit = 500
        interest = round(balance * 0.043 / 12, 2)
        balance = round(balance + deposit + interest, 2)
        fund.append([dt.date(2024, month, 28), deposit, interest, balance])
    fund.append([])
    fund.append(["Rule: only for job loss, medical bills, urgent home or car repairs. Not for travel."])
    workbook.save(str(path))


def make_review_slides(path: Path):
    presentation = Presentation()
    presentation.core_properties.author = "Nora Whitfield"
    presentation.core_properties.title = "Billing Platform - Q2 2024 Review"
    presentation.core_properties.created = FIXED_DATE.replace(tzinfo=None)
    presentation.core_properties.modified = FIXED_DATE.replace(tzinfo=None)
    title_slide = presentation.slides.add_slide(presentation.slide_layouts[0])
    title_slide.shapes.title.text = "Billing Platform - Q2 2024 Review"
    title_slide.placeholders[1].text = "Nora Whitfield, Larkspur Analytics - July 2, 2024"
    slides = [
        ("Highlights", [
            "Billing database moved from MySQL 5.7 to PostgreSQL 16 on April 13",
            "Write downtime during cutover: 6 minutes (goal was under 10)",
            "Zero data loss; reverse replication retired after 72 hours",
            "Invoice search beta live for 5 support agents",
        ]),
        ("Reliability", [
            "Availability 99.95% (target 99.9%)",
            "One SEV-2: checkout latency from cache evictions (April 2), postmortem done",
            "New alerts on cache memory at 80% and on eviction rate",
            "Mean time to acknowledge pages: 4 minutes",
        ]),
        ("Performance", [
            "Invoice page p95 latency: 840 ms down to 310 ms",
            "Monthly invoice run: 3 h 10 min down to 1 h 25 min",
            "Three slow reporting queries fixed with composite indexes",
        ]),
        ("Lessons learned", [
            "Rehearse the cutover twice on staging; the second rehearsal found the sequence bug",
            "Shadow reads caught 3 collation differences before customers did",
            "Freeze schema changes early and announce it widely",
        ]),
        ("Q3 plan", [
            "Invoice search to all agents; retire the LIKE-query admin page",
            "Partition invoice_line_items by month",
            "Request coalescing in the pricing client",
            "Hiring: one senior engineer for the team",
        ]),
    ]
    for title, bullets in slides:
        slide = presentation.slides.add_slide(presentation.slide_layouts[1])
        slide.shapes.title.text = title
        body = slide.placeholders[1].text_frame
        body.text = bullets[0]
        for bullet in bullets[1:]:
            body.add_paragraph().text = bullet
        slide.notes_slide.notes_text_frame.text = f"Speaker notes: keep '{title}' under two minutes."
    box = presentation.slides.add_slide(presentation.slide_layouts[5])
    box.shapes.title.text = "Thank you"
    textbox = box.shapes.add_textbox(Inches(1), Inches(2.5), Inches(8), Inches(1))
    textbox.text_frame.text = "Questions? The cutover runbook and the postmortem are linked in the team wiki."
    textbox.text_frame.paragraphs[0].runs[0].font.size = PptPt(20)
    presentation.save(str(path))


def make_volunteer_letter(path: Path):
    document = OpenDocumentText()
    bold = Style(name="Heading", family="paragraph")
    bold.addElement(TextProperties(fontweight="bold", fontsize="14pt"))
    document.styles.addElement(bold)
    document.meta.addElement(Title(text="Community garden volunteer coordinator letter"))
    document.text.addElement(H(outlinelevel=1, stylename=bold, text="Sunnyside Community Garden"))
    paragraphs = [
        "To all plot holders, September 2024",
        """Dear gardeners, thank you for another generous season. Together we donated 640 kilograms
        of fresh vegetables to the neighbourhood food pantry, rebuilt the tool shed roof, and
        welcomed eleven new families from the waiting list.""",
        """I am stepping in as volunteer coordinator for the coming year, taking over from Ruth, who
        ran the work parties for six years with endless patience and lemonade. Please thank her
        when you see her at the harvest potluck.""",
        """Work parties: every plot holder commits to eight volunteer hours per season. Fall work
        parties are on October 12 and November 2, from 9 a.m. to noon. Tasks include spreading wood
        chips on the paths, turning the shared compost bays, cleaning and oiling tools, and putting
        the beds near the fence to sleep under leaf mulch.""",
        """Water: the spigots will be shut off on October 31 to protect the pipes from freezing.
        Please coil and store your hoses before then.""",
        """Garlic order: I am placing a bulk order of seed garlic (German hardneck and Inchelium Red)
        on October 1. Reply with how many bulbs you want; they cost four dollars each.""",
        """Plot renewals for next year are due by December 15. Plots that have been left untended for
        more than a month during the season without a note to the committee will be offered to
        the waiting list.""",
        """With gratitude and muddy gloves, Nora Whitfield, Plot 14, volunteer coordinator.""",
    ]
    for text in paragraphs:
        document.text.addElement(P(text=" ".join(text.split())))
    document.save(str(path))


RTF_LETTER = r"""{\rtf1\ansi\ansicpg1252\deff0
{\fonttbl{\f0\froman Times New Roman;}{\f1\fswiss Helvetica;}}
{\info{\title Letter of recommendation for Priya Raman}{\author Nora Whitfield}}
\paperw12240\paperh15840\margl1440\margr1440
\f1\fs28\b Letter of Recommendation\b0\par
\f0\fs24\par
March 3, 2024\par
\par
To the Admissions Committee, Master of Science in Environmental Data Science:\par
\par
I am writing to recommend Priya Raman, whom I have known for five years, first as a colleague at Larkspur Analytics and since then as a friend and hiking partner. I was her team lead for two years, during which she built the data pipeline that estimates energy savings for our utility customers.\par
\par
Priya combines careful statistical thinking with unusual persistence. When our models of household heating demand drifted after a cold winter, she traced the problem to a weather station that had been moved, rebuilt the temperature normalisation, and wrote it up so clearly that the whole team adopted her approach. She is the person others go to when a chart does not look right.\par
\par
She is also generous with her time. She mentored three interns, ran our reading group on causal inference, and organised volunteer days planting trees along the Columbia Slough. On the trail she is the one who checks the weather and the permits, and who turns the group around when conditions change \endash  good judgement that carries over to her work.\par
\par
Her interest in climate adaptation is long-standing and practical: she wants to help cities decide where to plant shade trees and where flooding risk is rising. I believe your programme would give her the tools, and she would give your cohort a great deal in return.\par
\par
I recommend her without reservation. Please contact me if I can add anything.\par
\par
Sincerely,\par
Nora Whitfield\par
Staff Software Engineer\par
}
"""


def normalize_zip(path: Path):
    """Rewrites a ZIP container (DOCX, XLSX, PPTX, ODT) with fixed entry timestamps, keeping the
    entry order and compression (ODT needs its `mimetype` entry first and stored)."""
    with zipfile.ZipFile(path) as source:
        entries = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w") as target:
        for info, data in entries:
            if info.filename == "docProps/core.xml":
                # openpyxl stamps the save time as the modification date whatever we set.
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2024-06-01T09:00:00Z", data)
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_DATE.timetuple()[:6])
            fixed.compress_type = info.compress_type
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, data)


def main():
    outputs = {
        "documents/apartment-lease.pdf": make_lease,
        "documents/solar-installer-quote.pdf": make_solar_quote,
        "documents/renters-insurance-summary.pdf": make_insurance_summary,
        "documents/job-offer-letter.docx": make_offer_letter,
        "work/design-doc-invoice-search.docx": make_design_doc,
        "finance/savings-goals.xlsx": make_savings_workbook,
        "work/q2-billing-review.pptx": make_review_slides,
        "documents/garden-volunteer-letter.odt": make_volunteer_letter,
    }
    for relative, make in outputs.items():
        path = NOTES / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        make(path)
        if path.suffix in {".docx", ".xlsx", ".pptx", ".odt"}:
            normalize_zip(path)
    rtf = NOTES / "documents/recommendation-letter.rtf"
    rtf.write_text(RTF_LETTER, encoding="ascii")
    broken = NOTES / "broken-on-purpose.pdf"
    random.seed(1234)
    broken.write_bytes(b"%PDF-1.7\n% this file is deliberately corrupt: garbage after the header\n"
                       + bytes(random.randrange(256) for _ in range(2048)))
    for path in sorted([*(NOTES / r for r in outputs), rtf, broken]):
        print(f"{path.stat().st_size:>8}  {path.relative_to(NOTES)}")


if __name__ == "__main__":
    main()
