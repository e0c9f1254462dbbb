# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# One file per concern of res.partner, as core mail splits it (docs/style.md).
# pylint: disable=consider-merging-classes-inherited
import json
from datetime import date, datetime

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools.download import download_action


class ResPartner(models.Model):
    """The visitors' privacy (design.md, "Privacy"): erasure, the retention
    period, and access to all that is held about a visitor."""

    _inherit = "res.partner"

    # What identifies a visitor; their visits stay, as anonymous figures.
    _PASSKOOP_PERSONAL_FIELDS = (
        "email",
        "phone",
        "mobile",
        "street",
        "street2",
        "zip",
        "city",
        "state_id",
        "country_id",
        "website",
        "function",
        "comment",
        "ref",
        "vat",
        "image_1920",
        "passkoop_member_ref",
        "passkoop_card_ref",
        "passkoop_consent",
        "passkoop_consent_date",
        "passkoop_consent_text",
    )

    def action_passkoop_anonymize(self):
        """Right to erasure: the visitors' data goes, their visits stay (coop,
        date, amount, type, over-limit), so reports keep the same totals."""
        if not self.env.user.has_group("passkoop_membership.group_passkoop_manager"):
            raise AccessError(
                self.env._("Only Pass'Koop administrators anonymise visitors.")
            )
        not_visitors = self.filtered(lambda p: not p.passkoop_visitor_type)
        if not_visitors:
            raise UserError(
                self.env._(
                    "%(names)s: only Pass'Koop visitors are anonymised here.",
                    names=", ".join(not_visitors.mapped("display_name")),
                )
            )
        self._passkoop_anonymize()
        return True

    def _passkoop_anonymize(self):
        visitors = self.sudo().with_context(active_test=False)
        fields_to_clear = [
            f for f in self._PASSKOOP_PERSONAL_FIELDS if f in self._fields
        ]
        for visitor in visitors:
            _ = visitor.with_context(
                lang=(visitor.company_id or self.env.company).partner_id.lang
            ).env._
            visitor.write(
                {
                    **dict.fromkeys(fields_to_clear, False),
                    "name": _("Anonymised visitor"),
                    "active": False,
                }
            )
        visitors.message_ids.unlink()
        visitors.activity_ids.unlink()
        visitors.message_follower_ids.unlink()
        for visitor in visitors:  # the audit trail keeps who and when, nothing else
            visitor.message_post(
                body=self.env._("Anonymised by %(user)s.", user=self.env.user.name)
            )

    @api.model
    def _passkoop_anonymize_inactive(self):
        """Daily: anonymise each company's visitors not seen for its retention
        period (last visit, or registration when they never came), counted in
        the coop's own days."""
        Partner = self.sudo()
        # The coops' shared "Visitors – <coop>" contacts are nobody.
        shared = (
            self.env["passkoop.coop"]
            .sudo()
            .with_context(active_test=False)
            .search([])
            .anonymous_partner_id
        )
        for company in self.env["res.company"].sudo().search([]):
            cutoff = company._passkoop_today() - relativedelta(
                months=company.passkoop_retention_months
            )
            candidates = Partner.search(
                [
                    ("passkoop_visitor_type", "!=", False),
                    ("company_id", "=", company.id),
                    ("passkoop_registration_date", "<", cutoff),
                    ("id", "not in", shared.ids),
                ]
            )
            seen = Partner.search(
                [
                    ("id", "in", candidates.ids),
                    ("passkoop_visit_ids.date", ">=", cutoff),
                ]
            )
            (candidates - seen)._passkoop_anonymize()

    def passkoop_export_data(self):
        """Right of access: all that is held about this visitor, as plain data."""
        self.ensure_one()
        self.check_access("read")  # then all of it, cards and visits included
        visitor = self.sudo()
        profile_fields = [
            "name",
            "passkoop_visitor_type",
            "passkoop_coop_id",
            "passkoop_member_ref",
            "passkoop_card_ref",
            "passkoop_registration_date",
            "passkoop_consent",
            *[f for f in self._PASSKOOP_PERSONAL_FIELDS if f in self._fields],
        ]

        def plain(value):
            if isinstance(value, models.BaseModel):
                return value.display_name or False
            if isinstance(value, datetime):
                return fields.Datetime.to_string(value)
            if isinstance(value, date):
                return fields.Date.to_string(value)
            if isinstance(value, bytes):
                return bool(value)  # a photo: said to be held, not copied
            return value

        profile = {
            name: plain(visitor[name])
            for name in dict.fromkeys(profile_fields)
            if name != "image_1920"
        }
        profile["photo"] = bool(visitor.image_1920)
        return {
            "profile": profile,
            "visits": [
                {
                    "date": fields.Date.to_string(visit.date),
                    "coop": visit.coop_id.name or False,
                    "visitor_type": visit.visitor_type,
                    "amount": visit.amount,
                    "currency": visit.currency_id.name,
                    "over_limit": visit.over_limit,
                    "origin": visit.origin or False,
                    "state": visit.state,
                }
                for visit in visitor.passkoop_visit_ids.sorted("date")
            ],
            "cards": [
                {
                    "serial": card.serial,
                    "valid_until": fields.Date.to_string(card.valid_until),
                    "state": card.state,
                }
                for card in visitor.passkoop_card_ids
            ],
        }

    def action_passkoop_export_data(self):
        """Download the visitor's data as a JSON file."""
        self.ensure_one()
        return download_action(
            self,
            f"passkoop-visitor-{self.id}.json",
            json.dumps(
                self.passkoop_export_data(), ensure_ascii=False, indent=2
            ).encode(),
            "application/json",
        )
