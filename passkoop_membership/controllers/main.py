# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hashlib

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

    @http.route(
        "/passkoop/directory.jws",
        type="http",
        auth="public",
        methods=["GET"],
        sitemap=False,
    )
    def directory_entry(self, code=None, download=None, **kwargs):
        """This coop's signed directory entry, for partner coops (no login).

        ``code`` picks the coop when the database holds several.
        """
        companies = (
            request.env["res.company"]
            .sudo()
            .search(
                [("passkoop_code", "!=", False)]
                + ([("passkoop_code", "=", code.strip().upper())] if code else [])
            )
        )
        if len(companies) != 1:
            raise request.not_found()
        document = companies.passkoop_export_directory()
        etag = hashlib.sha256(document.encode()).hexdigest()[:32]
        headers = [
            ("Content-Type", "application/jose"),
            ("ETag", f'"{etag}"'),
            ("Cache-Control", "public, max-age=300"),
        ]
        if download:
            filename = f"{companies.passkoop_code.lower()}-directory.jws"
            headers.append(
                ("Content-Disposition", f'attachment; filename="{filename}"')
            )
        if request.httprequest.if_none_match.contains(etag):
            return request.make_response(b"", headers=headers, status=304)
        return request.make_response(document, headers=headers)
