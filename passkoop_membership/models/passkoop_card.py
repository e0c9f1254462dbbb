# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import functools
import io
import subprocess

import qrcode
import qrcode.image.svg

from odoo import api, fields, models, tools
from odoo.exceptions import UserError
from odoo.tools.misc import find_in_path

# Debian's wkhtmltopdf (its Qt unpatched) prints a page's HTML at 77 % of its size
# and ignores --disable-smart-shrinking; measured on 0.12.6, a card at 1.29 comes
# out at 85.6 x 53.9 mm. The patched build prints it at size.
UNPATCHED_WKHTMLTOPDF_ZOOM = 1.29


@functools.cache
def _wkhtmltopdf_is_patched():
    try:
        version = subprocess.run(
            [find_in_path("wkhtmltopdf"), "--version"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return True  # no wkhtmltopdf: nothing is printed anyway
    return "patched qt" in version


# What the card's signature covers: a card is issued anew, never edited.
SIGNED_FIELDS = {"partner_id", "serial", "member_ref", "token", "key_id", "valid_until"}


class PasskoopCard(models.Model):
    """A Pass'Koop card the company issued to one of its own members."""

    _name = "passkoop.card"
    _description = "Pass'Koop card"
    _inherit = ["mail.thread"]
    _order = "id desc"
    _rec_name = "serial"
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner",
        string="Member",
        required=True,
        index=True,
        readonly=True,
        ondelete="cascade",
        check_company=True,
    )
    serial = fields.Char(required=True, readonly=True, copy=False)
    member_ref = fields.Char(
        string="Membership number",
        required=True,
        readonly=True,
        help="The number partner coops see on the card.",
    )
    token = fields.Char(
        required=True,
        readonly=True,
        copy=False,
        help="What the QR code holds, signed by your coop.",
    )
    key_id = fields.Many2one(
        "passkoop.signing.key", string="Signed with", readonly=True, check_company=True
    )
    valid_until = fields.Date(required=True, readonly=True)
    state = fields.Selection(
        [("active", "Valid"), ("revoked", "Revoked")],
        required=True,
        default="active",
        readonly=True,
        tracking=True,
    )
    revoke_date = fields.Date(string="Revoked on", readonly=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        readonly=True,
        default=lambda self: self.env.company,
    )

    _sql_constraints = [
        (
            "serial_company_unique",
            "unique(company_id, serial)",
            "A card serial is used once per company.",
        )
    ]

    def write(self, vals):
        revived = vals.get("state") == "active" and "revoked" in self.mapped("state")
        if not self.env.su and (SIGNED_FIELDS & set(vals) or revived):
            raise UserError(
                self.env._(
                    "A card cannot be changed or given back once revoked: issue a "
                    "new card to the member instead."
                )
            )
        return super().write(vals)

    def action_revoke(self):
        """Withdraw the cards (lost card, member left): the next directory entry
        lists them and partner coops refuse them."""
        today = fields.Date.context_today(self)
        for card in self.filtered(lambda c: c.state == "active"):
            card.write({"state": "revoked", "revoke_date": today})
        return True

    def action_send_by_email(self):
        """Open the email to the members with their cards and phone links: for
        one card, the email to read over; for many (the list's Action menu, a
        coop sends hundreds), one email each, sent from the same template."""
        cards = self.filtered(lambda c: c.state == "active")
        if not cards:
            raise UserError(self.env._("Only active cards are sent."))
        template = self.env.ref("passkoop_membership.mail_template_passkoop_card")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Send the card")
            if len(cards) == 1
            else self.env._("Send the cards"),
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_model": self._name,
                "default_res_ids": cards.ids,
                "default_template_id": template.id,
                "default_composition_mode": (
                    "comment" if len(cards) == 1 else "mass_mail"
                ),
            },
        }

    def _qr_code(self):
        """The token as a QR code in alphanumeric mode, level M (card-format.md):
        version 6 for a 143-character token, small enough for any phone."""
        self.ensure_one()
        code = qrcode.QRCode(
            error_correction=qrcode.constants.ERROR_CORRECT_M,
            border=2,
            image_factory=qrcode.image.svg.SvgPathImage,
        )
        code.add_data(self.token, optimize=0)
        code.make()
        return code

    def _qr_svg(self):
        buffer = io.BytesIO()
        self._qr_code().make_image().save(buffer)
        return buffer.getvalue()

    @api.model
    def _print_zoom(self):
        """The zoom that prints a card at credit-card size with this wkhtmltopdf."""
        return 1 if _wkhtmltopdf_is_patched() else UNPATCHED_WKHTMLTOPDF_ZOOM

    def _qr_data_uri(self):
        return "data:image/svg+xml;base64," + base64.b64encode(self._qr_svg()).decode()

    def _access_hash(self):
        """The signature of the member's link to their card page."""
        self.ensure_one()
        return tools.hmac(self.env(su=True), "passkoop-card", (self.id, self.token))

    def _welcome_line(self, shown=4):
        """Where the card is welcome, in one line that fits on the printed card:
        the first partner coops by name, and how many more."""
        self.ensure_one()
        coops = self.company_id._passkoop_welcoming_coops()
        if not coops:
            return self.env._("Welcome in the partner coops of the Pass'Koop network.")
        names = ", ".join(coops[:shown].mapped("name"))
        if len(coops) > shown:
            return self.env._(
                "Welcome at %(names)s and %(count)s more coops.",
                names=names,
                count=len(coops) - shown,
            )
        return self.env._("Welcome at %(names)s.", names=names)

    def _page_url(self):
        self.ensure_one()
        return f"{self.get_base_url()}/passkoop/card/{self.id}/{self._access_hash()}"
