# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare

from odoo.addons.passkoop_membership.models.passkoop_policy import VISITOR_TYPES
from odoo.addons.passkoop_membership.tools.card_format import CARD_CHECKS

# A card that fails for these reasons was still signed by its coop: what it
# says of its holder is true (a member whose card expired or was revoked since).
SIGNED_BY_ITS_COOP = ("ok", "expired", "revoked")
# Fields of a synced order the server sets itself, whatever a till sends.
SERVER_OWNED = ("passkoop_card_check", "passkoop_visit_id")


class PosOrder(models.Model):
    _inherit = "pos.order"

    passkoop_coop_id = fields.Many2one(
        "passkoop.coop", string="Visitor's coop", readonly=True
    )
    passkoop_visitor_type = fields.Selection(
        VISITOR_TYPES, string="Pass'Koop visitor", readonly=True
    )
    passkoop_override = fields.Boolean(
        string="Confirmed at the till",
        readonly=True,
        help="The till says the cashier confirmed the sale although the visitor's "
        "limit was reached: a claim only. What the server established is the "
        "visit's limit outcome.",
    )
    passkoop_terms = fields.Char(
        string="Pass'Koop terms",
        readonly=True,
        copy=False,
        help="What the visitor was told, printed on the receipt: the till's words, "
        "then the server's once it records the visit.",
    )
    passkoop_visit_id = fields.Many2one(
        "passkoop.visit", string="Pass'Koop visit", readonly=True, copy=False
    )

    passkoop_card_token = fields.Char(
        string="Pass'Koop card scanned",
        readonly=True,
        copy=False,
        help="The card the visitor showed at the till, checked again here.",
    )
    passkoop_refused_card = fields.Char(
        string="Pass'Koop card refused at the till",
        readonly=True,
        copy=False,
        help="A card the till refused, scanned for this sale: it named nobody.",
    )
    passkoop_card_check = fields.Selection(
        CARD_CHECKS,
        string="Card check on the server",
        readonly=True,
        copy=False,
        help="What the server found when it checked the card again. Anything "
        "but valid means the till accepted a card that does not hold.",
    )

    passkoop_registration = fields.Text(
        string="Visitor registered offline",
        readonly=True,
        copy=False,
        help="The visitor the till registered while offline, until the server "
        "has saved them (then emptied: their details are kept once, on them).",
    )

    def _process_order(self, order, existing_order):
        # What the server establishes, no till says: a card checked, a visit.
        for field in SERVER_OWNED:
            order.pop(field, None)
        return super()._process_order(order, existing_order)

    def action_pos_order_paid(self):
        # Both the till's sync and the back office's payment wizard pass here:
        # Odoo checks the payments, then writes the order paid, where its visit
        # is recorded (write()).
        paying = self.with_context(passkoop_paying=True)
        result = super(PosOrder, paying).action_pos_order_paid()
        if self.refunded_order_id:
            self.refunded_order_id._passkoop_cancel_visit_if_fully_refunded()
        return result

    def write(self, vals):
        if vals.get("state") == "paid" and self.env.context.get("passkoop_paying"):
            for order in self:
                order._passkoop_record_visit()
        return super().write(vals)

    def _passkoop_record_visit(self):
        """One visit per paid visitor order, however often the till sends it.

        Recorded as Odoo writes the order paid, before the French
        certification (l10n_fr_pos_cert) numbers it: that number locks a row
        of the company until the end of the transaction, so that the company's
        sales take it one at a time. A visit recorded after it made every
        other till's sale wait for it, or replay (bench/bench_saturday.py).
        """
        self.ensure_one()
        if self.refunded_order_id:
            return  # it cancels its order's visit instead, once paid
        if self.passkoop_card_token and not self.passkoop_card_check:
            self._passkoop_check_card()
        if self.passkoop_refused_card:
            self._passkoop_say_refused_card()
        if self.passkoop_registration:
            self._passkoop_register_visitor()
        visitor = self.partner_id
        if self.passkoop_visit_id or not visitor.passkoop_visitor_type:
            return
        if not self.passkoop_visitor_type:
            # Chosen from Odoo's customer list (or sent by any client): a visitor
            # all the same, whose visit counts.
            self.write(
                {
                    "passkoop_visitor_type": visitor.passkoop_visitor_type,
                    "passkoop_coop_id": visitor.passkoop_coop_id.id,
                }
            )
        if self.name == "/":
            # Named now as Odoo names it when paid: the visit's origin.
            self.name = self._compute_order_name()
        visit = self.env["passkoop.visit"].create(
            {
                "partner_id": visitor.id,
                "amount": self.amount_total,
                "date": self.company_id._passkoop_local_today(self.date_order),
                "origin": self.name,
                "pos_order_id": self.id,
            }
        )
        # Their status, stored again now: not while holding the number.
        visitor.flush_recordset(["passkoop_status_stored"])
        self.write({"passkoop_visit_id": visit.id, "passkoop_terms": visit.terms})
        self._passkoop_say_limit_outcome(visit)

    def _passkoop_note(self, body):
        """Say ``body`` in the order's chatter, as a note of the user syncing.

        _message_log() writes the note message_post() would, without looking
        for recipients a note has none of: 1 query and 1.6 ms of CPU where
        message_post() took 6 queries and 4.0 ms, for one visitor sale in five
        on a busy Saturday (those past their trial's limit, confirmed).
        """
        self._message_log(body=body)

    def _passkoop_say_limit_outcome(self, visit):
        """Say in the order's chatter what the server established at the limit
        (the visit's limit_outcome), never what the till claimed."""
        if visit.limit_outcome not in ("confirmed", "sold_despite_block"):
            return
        _ = self.env._
        visitor = visit.partner_id.display_name
        if visit.limit_outcome == "confirmed":
            body = _(
                "Pass'Koop: %(cashier)s confirmed the sale although the limit of "
                "%(visitor)s was reached.",
                cashier=self.user_id.name or self.env.user.name,
                visitor=visitor,
            )
        else:
            body = _(
                "Pass'Koop: sold to %(visitor)s although the policy blocks this "
                "sale: %(reason)s The sale is kept, flagged as sold despite block.",
                visitor=visitor,
                reason=visit.terms,
            )
            if self.passkoop_override:
                body += " " + _(
                    "The till says the cashier confirmed it: a confirmation "
                    "counts only past a limit the policy lets the cashier confirm."
                )
        self._passkoop_note(body)

    def _passkoop_check_card(self):
        """Check the scanned card again, whatever the till said: a visitor the
        till registered from the card (offline too) is found or created here;
        a card that fails is flagged on the order and said in its chatter, the
        sale is kept. Only a card its coop really signed names a visitor: a
        forged one creates nobody."""
        Partner = self.env["res.partner"].with_company(self.company_id)
        check = Partner.passkoop_verify_card(
            self.passkoop_card_token,
            self.company_id._passkoop_local_today(self.date_order),
        )
        vals = {"passkoop_card_check": check["reason_code"]}
        signed = check["reason_code"] in SIGNED_BY_ITS_COOP
        if not self.partner_id.passkoop_visitor_type and signed:
            vals["partner_id"] = Partner._passkoop_visitor_from_card(
                check, self.passkoop_card_token
            ).id
            vals["passkoop_coop_id"] = check["coop_id"]
            vals["passkoop_visitor_type"] = "partner"
        elif check["valid"]:
            self.partner_id._passkoop_take_card(check, self.passkoop_card_token)
        self.write(vals)
        if not check["valid"]:
            self._passkoop_note(
                self.env._(
                    "Pass'Koop: the card scanned at the till does not hold when "
                    "checked again: %(reason)s The sale is kept.",
                    reason=check["reason"],
                )
            )

    def _passkoop_say_refused_card(self):
        """A card the till refused was scanned for this sale: said in the order's
        chatter, with the reason the server finds; it names nobody."""
        check = (
            self.env["res.partner"]
            .with_company(self.company_id)
            .passkoop_verify_card(
                self.passkoop_refused_card,
                self.company_id._passkoop_local_today(self.date_order),
            )
        )
        self._passkoop_note(
            self.env._(
                "Pass'Koop: a card refused at the till was scanned for this sale "
                "(%(reason)s); the visitor was found otherwise, or none was.",
                reason=check["reason"] or check["reason_code"],
            )
        )

    def _passkoop_register_visitor(self):
        """Save the visitor the till registered offline (or find them again) as
        the order's customer. Refused by the server's checks, the sale is kept
        all the same and the reason is said in the order's chatter."""
        registration = self.passkoop_registration
        self.passkoop_registration = False
        if self.partner_id.passkoop_visitor_type:
            return
        Partner = self.env["res.partner"].with_company(self.company_id)
        try:
            with self.env.cr.savepoint():
                visitor_id = Partner.passkoop_register_from_pos(
                    json.loads(registration)
                )
        except (ValueError, UserError) as error:  # ValidationError is a UserError
            self._passkoop_note(
                self.env._(
                    "Pass'Koop: the visitor registered at the till while offline "
                    "could not be saved (%(reason)s). The sale is kept, without "
                    "a visit.",
                    reason=error.args[0],
                )
            )
            return
        self.partner_id = visitor_id

    def _passkoop_cancel_visit_if_fully_refunded(self):
        """A visitor who brought everything back did not really visit."""
        self.ensure_one()
        digits = self.env["decimal.precision"].precision_get("Product Unit of Measure")
        fully_refunded = all(
            float_compare(line.refunded_qty, line.qty, precision_digits=digits) >= 0
            for line in self.lines
            if line.qty > 0
        )
        if fully_refunded and self.passkoop_visit_id.state == "done":
            # The cashier may refund; the visit log follows, whoever refunded.
            self.passkoop_visit_id.sudo().action_cancel()

    def read_pos_data(self, data, config_id):
        """Send the till its visitors' fresh counters with the synced orders: the
        visitors as the till loads them at opening (VISITOR_FIELDS), which is
        all a sync can change of them (a card taken, a registration). Core's
        whole set of partner fields cost a visitor's sync more than its visit
        (its price list alone 3 queries: bench/bench_saturday.py)."""
        results = super().read_pos_data(data, config_id)
        visitors = (self.partner_id | self.refunded_order_id.partner_id).filtered(
            "passkoop_visitor_type"
        )
        if visitors and config_id:
            results["res.partner"] = (
                self.env["res.partner"]
                .with_context(active_test=False)
                ._passkoop_read_visitors([("id", "in", visitors.ids)])
            )
        return results
