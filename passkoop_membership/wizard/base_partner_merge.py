# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class MergePartnerAutomatic(models.TransientModel):
    """Odoo's merge of contacts, for two records of one visitor: the visits and
    cards follow by their links; the card number moves too."""

    _inherit = "base.partner.merge.automatic.wizard"

    def _update_values(self, src_partners, dst_partner):
        # A card number is one visitor's: taken from those that go before the one
        # that stays receives it (Odoo copies it while they still hold it).
        card_ref = dst_partner.passkoop_card_ref or next(
            (ref for ref in src_partners.mapped("passkoop_card_ref") if ref), False
        )
        src_partners.filtered("passkoop_card_ref").passkoop_card_ref = False
        result = super()._update_values(src_partners, dst_partner)
        if card_ref and not dst_partner.passkoop_card_ref:
            dst_partner.passkoop_card_ref = card_ref
        return result
