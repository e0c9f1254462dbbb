# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import csv
import io

import xlsxwriter
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.download import download_action

COLUMNS = ["coop_code", "coop", "month", "visits", "visitors", "sales", "currency"]


class PasskoopNetworkExport(models.TransientModel):
    """Figures to share with the network: per partner coop and month, nobody named."""

    _name = "passkoop.network.export"
    _description = "Pass'Koop figures for the network"

    date_from = fields.Date(
        string="From", required=True, default=lambda self: self._default_date_from()
    )
    date_to = fields.Date(string="To", required=True, default=fields.Date.context_today)
    file_format = fields.Selection(
        [("csv", "CSV"), ("xlsx", "Excel (XLSX)")],
        string="Format",
        required=True,
        default="csv",
    )

    @api.model
    def _default_date_from(self):
        return fields.Date.context_today(self).replace(day=1) - relativedelta(months=11)

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for export in self:
            if export.date_from > export.date_to:
                raise ValidationError(self.env._("The period ends before it starts."))

    def _rows(self):
        """One row per coop and month: visits, distinct visitors, sales."""
        self.ensure_one()
        groups = self.env["passkoop.visit.report"]._read_group(
            [("date", ">=", self.date_from), ("date", "<=", self.date_to)],
            ["coop_id", "date:month"],
            ["visit_count:sum", "partner_id:count_distinct", "amount:sum"],
            order="coop_id, date:month",
        )
        currency = self.env.company.currency_id
        return [
            [
                coop.code or "",
                coop.name or self.env._("Discovery / trial"),
                month.strftime("%Y-%m"),
                visits,
                visitors,
                currency.round(sales),
                currency.name,
            ]
            for coop, month, visits, visitors, sales in groups
        ]

    def _csv(self, rows):
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        writer.writerows(rows)
        return out.getvalue().encode()

    def _xlsx(self, rows):
        out = io.BytesIO()
        workbook = xlsxwriter.Workbook(out, {"in_memory": True})
        sheet = workbook.add_worksheet("Pass'Koop")
        for row_index, row in enumerate([COLUMNS, *rows]):
            sheet.write_row(row_index, 0, row)
        workbook.close()
        return out.getvalue()

    def action_export(self):
        self.ensure_one()
        content = (self._xlsx if self.file_format == "xlsx" else self._csv)(
            self._rows()
        )
        name = f"passkoop-{self.date_from}-{self.date_to}.{self.file_format}"
        return download_action(self, name, content)
