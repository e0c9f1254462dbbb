# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# One file per concern of res.partner, as core mail splits it (docs/style.md).
# pylint: disable=consider-merging-classes-inherited
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date

from ..tools import card_format


class ResPartner(models.Model):
    """Pass'Koop cards: issued to our members, verified for partner coops'
    (card-format.md), and kept as a visitor's card number."""

    _inherit = "res.partner"

    passkoop_card_ids = fields.One2many(
        "passkoop.card", "partner_id", string="Pass'Koop cards"
    )
    passkoop_card_count = fields.Integer(
        string="Pass'Koop card count", compute="_compute_passkoop_card_count"
    )

    def _compute_passkoop_card_count(self):
        counts = dict(
            self.env["passkoop.card"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.passkoop_card_count = counts.get(partner, 0)

    def _passkoop_card_member_ref(self):
        """The membership number printed on the card: the contact's reference."""
        self.ensure_one()
        ref = (self.ref or str(self.id)).strip().upper().replace(" ", "-")
        if not card_format.MEMBER_RE.fullmatch(ref):
            raise UserError(
                self.env._(
                    "The reference %(ref)s of %(name)s cannot be printed on a card: "
                    "use up to 32 letters, digits or dashes.",
                    ref=self.ref,
                    name=self.display_name,
                )
            )
        return ref

    def passkoop_issue_card(self, valid_until=None):
        """Issue a signed card to this member of the current company.

        Valid until ``valid_until``, else the end of the membership, else one
        year; the member's previous card is revoked.
        """
        self.ensure_one()
        _ = self.env._
        company = self.env.company
        if self.passkoop_visitor_type:
            raise UserError(
                _(
                    "%(name)s is a visitor: cards are for your own members.",
                    name=self.display_name,
                )
            )
        if self.company_id and self.company_id != company:
            raise UserError(
                _(
                    "%(name)s belongs to %(company)s, not to %(current)s.",
                    name=self.display_name,
                    company=self.company_id.name,
                    current=company.name,
                )
            )
        company._passkoop_ensure_code()
        today = fields.Date.context_today(self)
        if valid_until:
            valid_until = self._passkoop_date(valid_until)
        elif self.membership_stop and self.membership_stop >= today:
            valid_until = self.membership_stop
        else:
            valid_until = today + relativedelta(years=1)
        if valid_until < today:
            raise UserError(_("A card cannot end before today."))
        member_ref = self._passkoop_card_member_ref()
        key = company._passkoop_signing_key()
        serial = self.env["ir.sequence"].sudo().next_by_code("passkoop.card")
        self.passkoop_card_ids.filtered(
            lambda c: c.state == "active" and c.company_id == company
        ).action_revoke()
        # Issued by the hundred: no "created" message on each card.
        Card = self.env["passkoop.card"].with_context(mail_create_nolog=True)
        return Card.create(
            {
                "partner_id": self.id,
                "serial": serial,
                "member_ref": member_ref,
                "valid_until": valid_until,
                "key_id": key.id,
                "company_id": company.id,
                "token": card_format.card_token(
                    key._seed(),
                    company.passkoop_code,
                    key.kid,
                    serial,
                    member_ref,
                    valid_until,
                ),
            }
        )

    def action_passkoop_issue_cards(self):
        """Issue a card to each chosen member (from the form or in batch)."""
        cards = self.env["passkoop.card"]
        for partner in self:
            cards |= partner.passkoop_issue_card()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "passkoop_membership.action_passkoop_cards"
        )
        action["domain"] = [("id", "in", cards.ids)]
        return action

    def action_passkoop_view_cards(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "passkoop_membership.action_passkoop_cards"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        return action

    @api.model
    def passkoop_verify_card(self, token, today=None):
        """Check a card token against the partner coops' entries (card-format.md).

        Returns valid, reason_code, reason, coop_id, member_ref, serial,
        valid_until and partner_id; never raises on bad input.
        """
        if isinstance(today, str):
            try:
                today = fields.Date.to_date(today)
            except ValueError:
                today = None
        if not isinstance(today, date):
            today = fields.Date.context_today(self)
        card = card_format.parse_card(token)
        result = {
            "valid": False,
            "reason_code": "malformed",
            "coop_id": False,
            "member_ref": card.member if card else None,
            "serial": card.serial if card else None,
            "valid_until": fields.Date.to_string(card.until) if card else None,
            "partner_id": False,
        }
        if card:
            coop = (
                self.env["passkoop.coop"]
                .sudo()
                .search(
                    [
                        ("code", "=", card.issuer),
                        ("company_id", "=", self.env.company.id),
                        ("key_ids.state", "=", "trusted"),
                    ],
                    limit=1,
                )
            )
            result["reason_code"] = coop._passkoop_card_reason(card, today)
            result["coop_id"] = coop.id
            if coop:
                result["partner_id"] = (
                    self.sudo()
                    .search(
                        [
                            ("passkoop_coop_id", "=", coop.id),
                            ("passkoop_member_ref", "=ilike", card.member),
                            ("company_id", "=", self.env.company.id),
                        ],
                        limit=1,
                    )
                    .id
                )
        result["valid"] = result["reason_code"] == "ok"
        result["reason"] = self._passkoop_card_reason_text(result, card)
        return result

    @api.model
    def _passkoop_visitor_from_card(self, check, token):
        """The visitor a checked card names: found by coop and membership number,
        else registered with nothing more than the card says."""
        coop = self.env["passkoop.coop"].sudo().browse(check["coop_id"])
        visitor = self.browse(check["partner_id"])
        if not visitor:
            visitor = self.sudo().create(
                {
                    "name": self.env._(
                        "%(coop)s member %(ref)s",
                        coop=coop.name,
                        ref=check["member_ref"],
                    ),
                    "passkoop_visitor_type": "partner",
                    "passkoop_coop_id": coop.id,
                    "passkoop_member_ref": check["member_ref"],
                    "company_id": coop.company_id.id,
                }
            )
        if check["valid"]:
            visitor._passkoop_take_card(check, token)
        return visitor

    def _passkoop_take_card(self, check, token):
        """Keep a valid card as the visitor's card number (the signed_card proof),
        if it is the card of this visitor: same coop, same membership number."""
        self.ensure_one()
        own = self.passkoop_coop_id.id == check["coop_id"] and (
            (self.passkoop_member_ref or check["member_ref"]).upper()
            == check["member_ref"]
        )
        held_by_another = self.sudo().search_count(
            [
                ("id", "!=", self.id),
                ("passkoop_card_ref", "=", token),
                ("company_id", "=", self.company_id.id),
            ]
        )
        # Never a reason to refuse a sale: a card held by another visitor stays theirs.
        if own and self.passkoop_card_ref != token and not held_by_another:
            self.sudo().write(
                {"passkoop_card_ref": token, "passkoop_member_ref": check["member_ref"]}
            )

    def _passkoop_card_texts(self):
        """The verifier's answers in the user's words, by reason_code, with their
        %(coop)s, %(code)s and %(date)s left to fill (also for the phone checker)."""
        _ = self.env._
        return {
            "ok": _("Member of %(coop)s, card valid until %(date)s"),
            "malformed": _("This is not a Pass'Koop card."),
            "unknown_issuer": _("Unknown coop %(code)s: import its directory entry."),
            "unknown_key": _(
                "Card signed with a key of %(coop)s that is unknown or no longer "
                "valid: update its directory entry."
            ),
            "bad_signature": _(
                "The card's signature is wrong: it was altered or forged."
            ),
            "expired": _("Card expired on %(date)s."),
            "revoked": _("Card revoked by its coop."),
        }

    def _passkoop_checker_texts(self):
        """What else the phone card checker says."""
        _ = self.env._
        return {
            "bad_entry": _("This file is not a Pass'Koop directory entry."),
            "entry_added": _("%(coop)s added: its members' cards are checked here."),
            "entry_ignored": _(
                "%(coop)s's entry ignored: the one held here is newer, or this one "
                "is not signed by a key it trusts."
            ),
            "no_camera": _("No camera: type the card's text instead."),
        }

    def _passkoop_card_reason_text(self, result, card):
        coop = self.env["passkoop.coop"].sudo().browse(result["coop_id"])
        own = card and card.issuer == self.env.company.passkoop_code
        if result["reason_code"] == "unknown_issuer" and own:
            # Not a partner's card (card-format.md): one of our own members'.
            return self.env._("A card of our own coop: a member, not a visitor.")
        return self._passkoop_card_texts()[result["reason_code"]] % {
            "coop": coop.name,
            "code": card.issuer if card else "",
            "date": format_date(self.env, card.until) if card else "",
        }
