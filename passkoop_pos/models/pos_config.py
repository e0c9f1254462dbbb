# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hashlib
import random

from odoo import Command, api, fields, models
from odoo.tools import SQL


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

    passkoop_directory_version = fields.Char(
        string="Version of the partners' directory",
        compute="_compute_passkoop_directory_version",
        help="A digest of the partner coops and keys the till loads: it changes "
        "exactly when what the till holds of them would (a new revocation, a key).",
    )

    def _compute_passkoop_directory_version(self):
        for config in self:
            data = {"pos.config": {"data": [{"id": config.id}]}}
            digest = hashlib.sha256()
            for model in ("passkoop.coop", "passkoop.coop.key"):
                Model = self.env[model]
                names = Model._load_pos_data_fields(config.id)
                Model.flush_model(names)
                query = Model._search(Model._load_pos_data_domain(data))
                table = query.table
                values = SQL(", ").join(
                    SQL("%s::text", Model._field_to_sql(table, name, query))
                    for name in names
                )
                self.env.cr.execute(
                    query.select(
                        SQL(
                            "md5(string_agg(concat_ws('|', %s), ',' ORDER BY %s))",
                            values,
                            SQL.identifier(table, "id"),
                        )
                    )
                )
                digest.update((self.env.cr.fetchone()[0] or "").encode())
            config.passkoop_directory_version = digest.hexdigest()[:16]

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
        # What a visitor at their limit is told, beside the normal price.
        company.with_context(
            lang="en_US"
        ).passkoop_join_text = "Membership at the reception desk: €10"
        if "fr_FR" in dict(env["res.lang"].get_installed()):
            company.update_field_translations(
                "passkoop_join_text", {"fr_FR": "Adhésion à l'accueil : 10 €"}
            )
        configs.search([]).active = False  # Odoo's furniture, clothes and bakery shops
        configs._passkoop_demo_chain_closed_orders()
        products = env["product.product"].browse(product_ids)
        journal, payment_methods = configs._create_journal_and_payment_methods()
        configs.create(
            {
                "name": "Caisse 1",
                "journal_id": journal.id,
                "payment_method_ids": payment_methods,
                "limit_categories": True,
                "iface_available_categ_ids": products.pos_categ_ids.ids,
                # The receipt shows the company's phone, email and website, not
                # its address: the header holds it.
                "is_header_or_footer": True,
                "receipt_header": f"{company.street}\n{company.zip} {company.city}",
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

    @api.model
    def _passkoop_demo_chain_closed_orders(self):
        """Demo: give Odoo's closed demo orders their place in the chain of the
        French certification, as if it had been there when they were paid.

        In a French company l10n_fr_pos_cert comes with the point of sale, but is
        installed after the point of sale's demo orders: they carry no number, and
        the first real sale, looking for "the previous order, numbered 0", finds
        four and is refused ("Impossible de récupérer la dernière commande de
        caisse unique"). Every sale of the demo till failed so.
        """
        orders = self.env["pos.order"].sudo()
        company = self.env.company
        if "l10n_fr_hash" not in orders._fields or not (
            company._is_accounting_unalterable()
        ):
            return
        unchained = orders.search(
            [
                ("company_id", "=", company.id),
                ("state", "in", ("paid", "done", "invoiced")),
                ("l10n_fr_secure_sequence_number", "=", False),
            ],
            order="date_order, id",
        )
        sequence = company.sudo().l10n_fr_pos_cert_sequence_id
        # Numbered first, hashed then: a number's predecessor must be unique.
        for order in unchained:
            order.l10n_fr_secure_sequence_number = sequence.next_by_id()
        for order in unchained:
            order.l10n_fr_hash = order._get_new_hash()
