# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# One file per concern of res.partner, as core mail splits it (docs/style.md).
# pylint: disable=consider-merging-classes-inherited
from odoo import fields, models
from odoo.tools import SQL

DUPLICATE_FIELDS = ["passkoop_visitor_type", "passkoop_coop_id", "passkoop_member_ref"]


class ResPartner(models.Model):
    """Visitors who may be one person registered twice, for an administrator to
    merge with Odoo's own merge (Action > Merge): their visits and cards follow,
    and their counters, computed from the visits, are right at once."""

    _inherit = "res.partner"

    passkoop_duplicate = fields.Boolean(
        string="Possible duplicate",
        compute="_compute_passkoop_duplicate",
        search="_search_passkoop_duplicate",
        help="Another visitor of the company has the same email, the same "
        "membership number at the same coop, or the same name at the same coop "
        "(or among discovery visitors).",
    )

    def _compute_passkoop_duplicate(self):
        duplicates = set(self._passkoop_duplicate_ids(self.ids))
        for partner in self:
            partner.passkoop_duplicate = partner.id in duplicates

    def _search_passkoop_duplicate(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(operator)
        found = "in" if (operator == "=") == value else "not in"
        return [("id", found, self._passkoop_duplicate_ids())]

    def _passkoop_duplicate_ids(self, ids=None):
        """Ids of visitors that another active visitor of the same company and
        kind may be (of ``ids`` only, if given), in one query."""
        self.env["res.partner"].flush_model(
            ["name", "email", "active", "company_id", *DUPLICATE_FIELDS]
        )
        restrict = SQL("AND p.id = ANY(%s)", list(ids)) if ids is not None else SQL()
        self.env.cr.execute(
            SQL(
                """
                SELECT p.id FROM res_partner p
                 WHERE p.active AND p.passkoop_visitor_type IS NOT NULL %s
                   AND EXISTS (
                       SELECT 1 FROM res_partner q
                        WHERE q.id != p.id AND q.active
                          AND q.passkoop_visitor_type = p.passkoop_visitor_type
                          AND q.company_id IS NOT DISTINCT FROM p.company_id
                          AND (lower(NULLIF(q.email, '')) = lower(p.email)
                               OR (q.passkoop_coop_id IS NOT DISTINCT FROM
                                   p.passkoop_coop_id
                                   AND (lower(q.name) = lower(p.name)
                                        OR upper(NULLIF(q.passkoop_member_ref, ''))
                                           = upper(p.passkoop_member_ref)))))
                """,
                restrict,
            )
        )
        return [row[0] for row in self.env.cr.fetchall()]
