# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models, tools
from odoo.tools import SQL

from ..models.passkoop_policy import VISITOR_TYPES
from ..models.passkoop_visit import label_visits_without_coop


class PasskoopVisitReport(models.Model):
    """Visitor sales analysis: a row per visit that counts (not the cancelled ones)."""

    _name = "passkoop.visit.report"
    _description = "Pass'Koop visitor sales analysis"
    _auto = False
    _order = "date desc"
    _rec_name = "date"

    date = fields.Date(readonly=True)
    coop_id = fields.Many2one("passkoop.coop", string="Home coop", readonly=True)
    visitor_type = fields.Selection(VISITOR_TYPES, readonly=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Distinct visitors",
        readonly=True,
        aggregator="count_distinct",
    )
    policy_id = fields.Many2one("passkoop.policy", readonly=True)
    over_limit = fields.Boolean(readonly=True)
    visit_count = fields.Integer(string="Visits", readonly=True)
    amount = fields.Monetary(string="Sales", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)

    @api.model
    def _read_group_format_result(self, rows_dict, lazy_groupby):
        result = super()._read_group_format_result(rows_dict, lazy_groupby)
        label_visits_without_coop(self, rows_dict, lazy_groupby)
        return result

    def _select(self):
        return SQL(
            """
            v.id AS id, v.date AS date, v.coop_id AS coop_id,
            v.visitor_type AS visitor_type, v.partner_id AS partner_id,
            v.policy_id AS policy_id, v.over_limit AS over_limit, 1 AS visit_count,
            %(amount)s AS amount, v.currency_id AS currency_id,
            v.company_id AS company_id
            """,
            amount=self._amount(),
        )

    def _amount(self):
        """The visit's sales, in the company currency (refunds deducted downstream)."""
        return SQL("v.amount")

    def _from(self):
        return SQL("passkoop_visit v")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS "
                "(SELECT %s FROM %s WHERE v.state = 'done')",
                SQL.identifier(self._table),
                self._select(),
                self._from(),
            )
        )
