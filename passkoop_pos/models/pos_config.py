# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import random

from odoo import Command, api, fields, models


class PosConfig(models.Model):
    _inherit = "pos.config"

    passkoop_enabled = fields.Boolean(
        string="Pass'Koop",
        default=True,
        help="The cashier can welcome visitors from partner coops at this till.",
    )
    passkoop_welcome_partner = fields.Boolean(
        string="Members of partner coops", default=True
    )
    passkoop_welcome_trial = fields.Boolean(
        string="Discovery / trial visitors", default=True
    )
    passkoop_visitor_months = fields.Integer(
        string="Visitors kept offline (months)",
        default=12,
        help="The till loads every visitor registered or seen in these last months, "
        "so that it finds them when the internet is down.",
    )

    @api.model
    def _passkoop_loading_config(self, data):
        """The till whose data is loading, if it welcomes visitors (else empty)."""
        config = self.browse(data["pos.config"]["data"][0]["id"])
        return config.filtered("passkoop_enabled")

    @api.model
    def _passkoop_demo_food_till(self, member_pricelist_id, member_ids, product_ids):
        """Demo: the coop's till, its members' purchases of the month (so that the
        share of sales to visitors is a coop's few percent), Odoo's demo shops put
        away, and the member prices for members of partner coops."""
        configs = self.with_user(self.env.ref("base.user_admin"))  # as a cashier
        env = configs.env
        company = env.company
        pricelist = env["product.pricelist"].browse(member_pricelist_id)
        company.passkoop_partner_policy_id.pricelist_id = pricelist
        configs.search([]).active = False  # Odoo's furniture, clothes and bakery shops
        products = env["product.product"].browse(product_ids)
        journal, payment_methods = configs._create_journal_and_payment_methods()
        configs.create(
            {
                "name": "Caisse 1",
                "journal_id": journal.id,
                "payment_method_ids": payment_methods,
                "limit_categories": True,
                "iface_available_categ_ids": products.pos_categ_ids.ids,
            }
        )
        # The members' purchases of the month, as invoices: in France a till's
        # orders are chained by l10n_fr_pos_cert, whose check refused those made
        # here by demo data.
        draw = random.Random(1947)
        invoices = env["account.move"].create(
            [
                {
                    "move_type": "out_invoice",
                    "partner_id": draw.choice(member_ids),
                    "invoice_date": fields.Date.context_today(configs),
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "quantity": draw.randint(1, 3),
                                "price_unit": pricelist._get_product_price(product, 1),
                                "tax_ids": [Command.clear()],
                            }
                        )
                        for product in draw.sample(list(products), draw.randint(3, 8))
                    ],
                }
                for _number in range(120)
            ]
        )
        invoices.action_post()
