# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression

PASSKOOP_POS_FIELDS = [
    "passkoop_visitor_type",
    "passkoop_coop_id",
    "passkoop_member_ref",
    "passkoop_card_ref",
    "passkoop_registration_date",
    "passkoop_visit_count",
    "company_id",
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model
    def _load_pos_data_domain(self, data):
        """Also the visitors the till may meet: registered or seen lately."""
        domain = super()._load_pos_data_domain(data)
        config = self.env["pos.config"]._passkoop_loading_config(data)
        if not config:
            return domain
        since = fields.Date.context_today(self) - relativedelta(
            months=config.passkoop_visitor_months
        )
        recent_visitors = [
            ("passkoop_visitor_type", "!=", False),
            ("company_id", "in", [config.company_id.id, False]),
            "|",
            ("passkoop_registration_date", ">=", since),
            ("passkoop_visit_ids.date", ">=", since),
        ]
        return expression.OR([domain, recent_visitors])

    @api.model
    def _load_pos_data_fields(self, config_id):
        return super()._load_pos_data_fields(config_id) + PASSKOOP_POS_FIELDS

    @api.model
    def passkoop_register_from_pos(self, vals):
        """Register a visitor from the till's dialog; return its id."""
        allowed = {
            "name",
            "email",
            "passkoop_visitor_type",
            "passkoop_coop_id",
            "passkoop_member_ref",
            "passkoop_card_ref",
            "passkoop_consent",
        }
        vals = {key: value for key, value in vals.items() if key in allowed and value}
        if not vals.get("name"):
            raise UserError(self.env._("Give at least the visitor's name."))
        return self.create(vals).id

    @api.model
    def passkoop_register_from_card(self, token):
        """For the till online: the visitor of a scanned card, found or registered
        from the card alone; a card that does not verify is refused, in words."""
        check = self.passkoop_verify_card(token)
        if not check["valid"]:
            raise UserError(check["reason"])
        return self._passkoop_visitor_from_card(check, token).id
