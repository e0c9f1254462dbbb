# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
import subprocess
from pathlib import Path

from PIL import Image

from odoo.modules.module import get_module_path
from odoo.tests import HttpCase, tagged

MM = 72 / 25.4  # PDF points per millimetre


def pdf_pages(pdf, name):
    """The text and the size in millimetres of each page (Debian's poppler-utils).

    The PDF is kept in var/pdf/ of the project, to be looked at.
    """
    folder = Path(get_module_path("passkoop_membership")).parent / "var" / "pdf"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.pdf"
    path.write_bytes(pdf)

    def poppler(*command):
        return subprocess.run(
            command, capture_output=True, text=True, check=True
        ).stdout

    poppler("pdftoppm", "-r", "254", "-gray", "-png", str(path), str(path)[:-4])
    text = poppler("pdftotext", "-layout", str(path), "-")
    info = poppler("pdfinfo", "-f", "1", "-l", "99", str(path))
    sizes = [
        (round(float(w) / MM), round(float(h) / MM))
        for w, h in re.findall(r"Page +\d+ size: +([\d.]+) x ([\d.]+) pts", info)
    ]
    return text.split("\f")[: len(sizes)], sizes


@tagged("post_install", "-at_install")
class TestPdf(HttpCase):
    """What the coops print comes out as real PDF (wkhtmltopdf), right size."""

    def render(self, report, records):
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)  # tests get HTML otherwise
            ._render_qweb_pdf(report, records.ids)
        )
        self.assertEqual(kind, "pdf")
        return pdf_pages(pdf, report.split(".")[-1])

    def test_visitors_sheet(self):
        coop = self.env["passkoop.coop"].create(
            {"name": "HendayaKoop", "code": "HENDAYA", "agreement_state": "active"}
        )
        visits = self.env["passkoop.visit"]
        for name, amount in (("Mathilde Etcheverry", 12.5), ("Paul Lefèvre", 7.0)):
            visitor = self.env["res.partner"].create(
                {
                    "name": name,
                    "passkoop_visitor_type": "partner",
                    "passkoop_coop_id": coop.id,
                }
            )
            visits |= visitor.passkoop_register_visit(amount=amount)
        [text], [size] = self.render(
            "passkoop_membership.report_visitors_sheet", visits
        )
        for words in ("Visitors' sheet", "Mathilde Etcheverry", "HendayaKoop", "12.50"):
            self.assertIn(words, text)
        paper = self.env.company.paperformat_id.format
        self.assertEqual(size, {"A4": (210, 297), "Letter": (216, 279)}[paper])

    def test_member_cards_one_per_page_at_credit_card_size(self):
        self.env.company.passkoop_code = "MYCOOP"
        cards = self.env["passkoop.card"]
        for name, ref in (("Lucie Durand", "42"), ("Zoé Martin", "43")):
            member = self.env["res.partner"].create({"name": name, "ref": ref})
            cards |= member.passkoop_issue_card()
        texts, sizes = self.render("passkoop_membership.report_passkoop_card", cards)
        self.assertEqual(sizes, [(86, 54), (86, 54)])
        for text, card in zip(texts, cards, strict=True):
            self.assertIn(card.partner_id.name, text)
            self.assertIn(self.env.company.name, text)
            self.assertIn(card.token[:40], text.replace("\n", ""))
        # Printed at size: the QR code is 29 mm wide, its white border included.
        code = cards[0]._qr_code()
        modules = code.modules_count
        expected = 29 * modules / (modules + 2 * code.border)
        folder = Path(get_module_path("passkoop_membership")).parent / "var" / "pdf"
        page = Image.open(folder / "report_passkoop_card-1.png")  # 10 pixels a mm
        qr_zone = page.crop((0, 85, 330, 375)).point(lambda v: 255 - v)
        left, top, right, bottom = qr_zone.getbbox()
        self.assertAlmostEqual((right - left) / 10, expected, delta=1)
        self.assertAlmostEqual((bottom - top) / 10, expected, delta=1)
