# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.http import request
from odoo.tools import consteq


class PasskoopController(http.Controller):
    @http.route(
        "/passkoop/card/<int:card_id>/<string:access_hash>",
        type="http",
        auth="public",
        methods=["GET"],
        sitemap=False,
    )
    def card_page(self, card_id, access_hash, **kwargs):
        """The member's card on their phone, from the link of the card's email."""
        card = request.env["passkoop.card"].sudo().browse(card_id).exists()
        if (
            not card
            or card.state != "active"
            or not consteq(card._access_hash(), access_hash)
        ):
            raise request.not_found()
        lang = card.partner_id.lang or card.company_id.partner_id.lang
        card = card.with_context(lang=lang)
        html = (
            request.env["ir.qweb"]
            .with_context(lang=lang)
            ._render(
                "passkoop_membership.passkoop_card_page", {"card": card, "lang": lang}
            )
        )
        return request.make_response(
            html,
            headers=[
                ("Content-Type", "text/html; charset=utf-8"),
                ("Cache-Control", "private, max-age=86400"),
                ("Referrer-Policy", "no-referrer"),
            ],
        )
