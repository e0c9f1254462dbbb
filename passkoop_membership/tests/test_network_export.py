# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import csv
import io

from openpyxl import load_workbook

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import PasskoopCase


@tagged("post_install", "-at_install")
class TestNetworkExport(PasskoopCase):
    """Figures for the network: per coop and month, exact, with nobody named."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        mathilde = cls.make_visitor("Mathilde Etcheverry", email="mathilde@example.org")
        nico = cls.make_visitor("Nico Larralde", visitor_type="trial")
        mathilde.passkoop_register_visit(amount=10.0, date="2026-01-05")
        mathilde.passkoop_register_visit(amount=12.5, date="2026-01-25")
        nico.passkoop_register_visit(amount=7.0, date="2026-02-01")
        mathilde.passkoop_register_visit(amount=99.0, date="2026-02-02").action_cancel()

    def download(self, file_format):
        export = (
            self.env["passkoop.network.export"]
            .with_user(self.admin)
            .create(
                {
                    "date_from": "2026-01-01",
                    "date_to": "2026-02-28",
                    "file_format": file_format,
                }
            )
        )
        action = export.action_export()
        attachment_id = int(action["url"].split("/")[-1].split("?")[0])
        return base64.b64decode(self.env["ir.attachment"].browse(attachment_id).datas)

    def expected(self):
        currency = self.company.currency_id.name
        return [
            ["coop_code", "coop", "month", "visits", "visitors", "sales", "currency"],
            ["", "Discovery / trial", "2026-02", "1", "1", "7.0", currency],
            ["HENDAYA", "HendayaKoop", "2026-01", "2", "1", "22.5", currency],
        ]

    def test_csv(self):
        content = self.download("csv").decode()
        self.assertEqual(
            sorted(csv.reader(io.StringIO(content))), sorted(self.expected())
        )
        for personal in ("Mathilde", "Etcheverry", "mathilde@example.org", "Nico"):
            self.assertNotIn(personal, content)

    def test_xlsx(self):
        sheet = load_workbook(io.BytesIO(self.download("xlsx"))).active

        def cells(row):  # numbers as numbers, whatever the file stored
            return [
                float(c) if str(c).replace(".", "", 1).isdigit() else (c or "")
                for c in row
            ]

        self.assertEqual(
            sorted(map(cells, sheet.values)), sorted(map(cells, self.expected()))
        )

    def test_a_period_must_end_after_it_starts(self):
        with self.assertRaises(ValidationError):
            self.env["passkoop.network.export"].create(
                {"date_from": "2026-03-01", "date_to": "2026-02-01"}
            )
