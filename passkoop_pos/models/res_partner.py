# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools.sql import escape_psql

PASSKOOP_POS_FIELDS = [
    "passkoop_visitor_type",
    "passkoop_coop_id",
    "passkoop_member_ref",
    "passkoop_card_ref",
    "passkoop_registration_date",
    "passkoop_visit_count",
    "company_id",
]
# A visitor the till loads besides core's customers: enough to find, welcome and
# count them, and for core to index them.
VISITOR_FIELDS = [
    "id",
    "name",
    "email",
    "barcode",
    "lang",
    "write_date",
    *PASSKOOP_POS_FIELDS,
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model
    def _load_pos_data(self, data):
        """Also the visitors the till may meet: registered or seen lately."""
        result = super()._load_pos_data(data)
        config = self.env["pos.config"]._passkoop_loading_config(data)
        if not config:
            return result
        since = fields.Date.context_today(self) - relativedelta(
            months=config.passkoop_visitor_months
        )
        visitors = self._passkoop_read_visitors(
            [
                ("passkoop_visitor_type", "!=", False),
                ("company_id", "in", [config.company_id.id, False]),
                "|",
                ("passkoop_registration_date", ">=", since),
                ("passkoop_visit_ids.date", ">=", since),
            ]
        )
        loaded = {partner["id"] for partner in result["data"]}  # core's customers
        result["data"] += [v for v in visitors if v["id"] not in loaded]
        return result

    @api.model
    def _passkoop_read_visitors(self, domain):
        """What read(VISITOR_FIELDS, load=False) gives of the visitors of
        ``domain``, in one query (access rules applied by _search).

        A till may load thousands of visitors: read() spends most of its time
        formatting each value (5,000 visitors: 130-260 ms of the till's opening
        against 20-40 ms here, measured in the shell of bench/pos_shell.py).
        """
        query = self._search(domain)
        columns = [name for name in VISITOR_FIELDS if self._fields[name].store]
        rows = self.env.execute_query(
            query.select(
                *(self._field_to_sql(self._table, name, query) for name in columns)
            )
        )
        counts = {
            partner.id: count
            for partner, count in self.browse(row[0] for row in rows)
            ._passkoop_visit_counts()
            .items()
        }
        return [
            {
                **{
                    name: False if value is None else value
                    for name, value in zip(columns, row, strict=True)
                },
                "passkoop_visit_count": counts.get(row[0], 0),
            }
            for row in rows
        ]

    @api.model
    def _load_pos_data_fields(self, config_id):
        return super()._load_pos_data_fields(config_id) + PASSKOOP_POS_FIELDS

    @api.model
    def passkoop_register_from_pos(self, vals):
        """Register a visitor from the till's dialog, or from an order the till
        registered them with while offline; return its id. One person is one
        visitor: one already registered (same card number, same membership
        number at the same coop, same email, or same name at the same coop or
        as a discovery visitor) is found again, unless the cashier said it is
        another person (``passkoop_other_than``: the id of the visitor of the
        same name they were shown), which the new visitor's history keeps.
        Two tills offline make one visitor; a visitor at a limit does not come
        back new under the same name.

        Whatever the till checked is checked again: any RPC client can call this.
        """
        _ = self.env._
        other_than = self._passkoop_other_than(vals)
        vals = self._passkoop_pos_vals(vals)
        if not vals.get("name"):
            raise UserError(_("Give at least the visitor's name."))
        if not vals.get("passkoop_consent"):
            raise UserError(_("The visitor must agree that their data is kept."))
        refusal = self._passkoop_registration_refusal(vals)
        if refusal:
            raise UserError(refusal)
        return self._passkoop_find_or_create(vals, other_than).id

    @api.model
    def _passkoop_other_than(self, vals):
        """The visitor of the same name the cashier said this one is not."""
        other_id = vals.get("passkoop_other_than") if isinstance(vals, dict) else None
        if type(other_id) is not int or not 0 < other_id < 2**31:
            return self.browse()
        return self.search(
            [("id", "=", other_id), ("passkoop_visitor_type", "!=", False)]
        )

    @api.model
    def _passkoop_same_name_domain(self, vals):
        """Visitors a person of this name may already be: at the same coop, or
        among discovery visitors. Only a cashier tells them apart."""
        domain = [("name", "=ilike", escape_psql(vals["name"]))]
        if vals.get("passkoop_coop_id"):
            domain.append(("passkoop_coop_id", "=", vals["passkoop_coop_id"]))
        return domain

    @api.model
    def _passkoop_find_or_create(self, vals, other_than=None):
        """The visitor these values name, else a new one.

        Registrations of a company are serialized as visits are (see
        _passkoop_lock): of two tills registering the same person at once, the
        later is aborted, replayed by Odoo, and finds the visitor the other made.
        """
        company = self.env.company
        self.env.cr.execute(
            "UPDATE res_company SET write_date = write_date WHERE id = %s",
            [company.id],
        )
        # From the surest sign of one person to the weakest.
        same = []
        if vals.get("passkoop_card_ref"):
            same.append([("passkoop_card_ref", "=", vals["passkoop_card_ref"])])
        if vals.get("passkoop_member_ref") and vals.get("passkoop_coop_id"):
            same.append(
                [
                    ("passkoop_coop_id", "=", vals["passkoop_coop_id"]),
                    (
                        "passkoop_member_ref",
                        "=ilike",
                        escape_psql(vals["passkoop_member_ref"]),
                    ),
                ]
            )
        if vals.get("email"):
            same.append([("email", "=ilike", escape_psql(vals["email"]))])
        if not other_than:
            same.append(self._passkoop_same_name_domain(vals))
        ours = [
            ("passkoop_visitor_type", "=", vals["passkoop_visitor_type"]),
            ("company_id", "=", company.id),
        ]
        for domain in same:
            known = self.search(expression.AND([ours, domain]), limit=1)
            if known:
                # Found again: what they gave now and their profile lacks, kept.
                missing = ("email", "passkoop_member_ref", "passkoop_card_ref")
                known.write(
                    {
                        key: vals[key]
                        for key in missing
                        if vals.get(key) and not known[key]
                    }
                )
                return known
        visitor = self.create(vals)
        if other_than:
            # The cashier's decision, kept where an administrator looks for it.
            visitor.sudo().message_post(
                author_id=self.env.user.partner_id.id,
                body=self.env._(
                    "Registered by %(user)s as another person than %(visitor)s "
                    "(same name).",
                    user=self.env.user.name,
                    visitor=other_than.display_name,
                ),
            )
        return visitor

    @api.model
    def passkoop_complete_from_pos(self, partner_id, vals):
        """Fill in, from the till, what a visitor's policy asks and their profile
        lacks (membership number, email); what is filled in already stays."""
        is_id = type(partner_id) is int and 0 < partner_id < 2**31  # True is no id
        visitor = self.browse(partner_id if is_id else []).exists()
        if not visitor.passkoop_visitor_type:
            raise UserError(self.env._("Choose a Pass'Koop visitor."))
        texts = self._passkoop_pos_texts(vals, ("email", "passkoop_member_ref"))
        visitor.write({key: value for key, value in texts.items() if not visitor[key]})
        return visitor.id

    @api.model
    def _passkoop_pos_texts(self, vals, keys):
        """The texts a till sends, trimmed; refused if not text or too long."""
        _ = self.env._
        limits = {
            "name": 128,
            "email": 254,
            "passkoop_member_ref": 64,
            "passkoop_card_ref": 256,
        }
        if not isinstance(vals, dict):
            raise UserError(_("The visitor's details are missing."))
        clean = {}
        for key in keys:
            value = vals.get(key)
            if value:
                if not isinstance(value, str) or len(value.strip()) > limits[key]:
                    raise UserError(_("%(field)s is too long or not text.", field=key))
                clean[key] = value.strip()
        return clean

    @api.model
    def _passkoop_pos_vals(self, vals):
        """The values a till may send for a new visitor, typed and bounded."""
        _ = self.env._
        clean = self._passkoop_pos_texts(
            vals, ("name", "email", "passkoop_member_ref", "passkoop_card_ref")
        )
        clean["passkoop_consent"] = vals.get("passkoop_consent") is True
        visitor_type = vals.get("passkoop_visitor_type")
        if visitor_type not in ("partner", "trial"):
            raise UserError(_("Choose the kind of visitor."))
        clean["passkoop_visitor_type"] = visitor_type
        if visitor_type == "partner":
            coop_id = vals.get("passkoop_coop_id")
            if isinstance(coop_id, bool) or not isinstance(coop_id, int):
                coop_id = 0  # True is an int to Python, not an id
            coop = self.env["passkoop.coop"].search(
                [
                    ("id", "=", coop_id),
                    ("company_id", "=", self.env.company.id),
                ]
            )
            if not coop:
                raise UserError(_("Choose the visitor's home coop."))
            clean["passkoop_coop_id"] = coop.id
        return clean

    @api.model
    def _passkoop_registration_refusal(self, vals):
        """Why the rule would refuse a visitor with these values ('' when it
        welcomes them): the one rule of _passkoop_evaluate(), before they exist."""
        result = self.new(vals)._passkoop_evaluate(0, fields.Date.context_today(self))
        return result["reason"] if result["action"] == "block" else ""

    @api.model
    def passkoop_register_from_card(self, token):
        """For the till online: the visitor of a scanned card, found or registered
        from the card alone; a card that does not verify is refused, in words."""
        check = self.passkoop_verify_card(token)
        if not check["valid"]:
            raise UserError(check["reason"])
        return self._passkoop_visitor_from_card(check, token).id
