# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hashlib
import json

from markupsafe import Markup

from odoo import http
from odoo.http import request
from odoo.tools import consteq, file_open, format_date

from ..tools import card_format
from ..tools.inline_modules import inline_modules, safe_script

# The kit's scripts, inlined into its page in this order (each after what it uses).
KIT_LIBRARIES = (
    "passkoop_membership/static/lib/tweetnacl/nacl-fast.min.js",
    "passkoop_membership/static/lib/qrcode-generator/qrcode.js",
)
KIT_MODULES = (
    "passkoop_membership/static/src/card/passkoop_card.js",
    "passkoop_membership/static/src/card/passkoop_card_writer.js",
    "passkoop_membership/static/src/kit/kit.js",
)
# The phone checker's, for its one-file version (the served page loads them).
# Odoo's ZXing reads QR codes where the phone's browser cannot (iPhones, Firefox).
CHECKER_LIBRARIES = (
    "passkoop_membership/static/lib/tweetnacl/nacl-fast.min.js",
    "web/static/lib/zxing-library/zxing-library.js",
)
CHECKER_MODULES = (
    "passkoop_membership/static/src/card/passkoop_card.js",
    "passkoop_membership/static/src/card/passkoop_directory.js",
    "web/static/src/core/barcode/ZXingBarcodeDetector.js",
    "passkoop_membership/static/src/checker/checker.js",
)


def _read(path):
    """A file of the addons, as text."""
    with file_open(path) as file:
        return file.read()


def _inlined(libraries, modules):
    """The scripts of a page that works alone from the disk: the libraries as
    they are, then the modules joined into one."""
    return {
        "scripts": Markup("\n".join(safe_script(_read(path)) for path in libraries)),
        "modules": Markup(inline_modules([(path, _read(path)) for path in modules])),
    }


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
        # Inline: the page opens offline alone.
        script = Markup(_read("passkoop_membership/static/src/card_page/card_page.js"))
        return self._passkoop_page(
            "passkoop_membership.passkoop_card_page",
            lang,
            {"card": card, "script": script},
            ("Cache-Control", "private, max-age=86400"),
            ("Referrer-Policy", "no-referrer"),
        )

    @http.route("/passkoop/partners", type="http", auth="public", methods=["GET"])
    def partners_page(self, code=None, **kwargs):
        """The coop's partners, for its website: where its members are welcome."""
        company = self._passkoop_company(code)
        lang = self._passkoop_lang(company.partner_id.lang)
        return self._passkoop_page(
            "passkoop_membership.passkoop_partners_page",
            lang,
            {"company": company, "coops": company._passkoop_welcoming_coops()},
            ("Cache-Control", "public, max-age=300"),
        )

    @http.route("/passkoop/kit", type="http", auth="public", methods=["GET"])
    def kit(self, download=None, lang=None, **kwargs):
        """The Pass'Koop kit: cards and directory entry for a coop without Odoo,
        in one page that works alone from the disk (``download=1`` saves it).
        French unless ``lang`` names another installed language."""
        lang = self._passkoop_lang(lang)
        headers = (
            [("Content-Disposition", 'attachment; filename="passkoop-kit.html"')]
            if download
            else []
        )
        return self._passkoop_page(
            "passkoop_membership.passkoop_kit_page",
            lang,
            {
                "downloaded": bool(download),
                **_inlined(KIT_LIBRARIES, KIT_MODULES),
            },
            *headers,
        )

    @http.route("/passkoop/check", type="http", auth="public", methods=["GET"])
    def card_checker(self, code=None, download=None, **kwargs):
        """The card checker for a phone, for coops with no Odoo: it checks cards
        in the browser with the entries of this coop and of its partners.

        ``download=1`` saves it as one file, every script inlined, that works
        from the disk with no server at all (the entries of today in it).
        """
        company = self._passkoop_company(code)
        lang = self._passkoop_lang(company.partner_id.lang)
        Partner = request.env["res.partner"].sudo().with_context(lang=lang)
        directory = self._passkoop_checker_directory(company)
        headers = []
        if download:
            filename = f"passkoop-check-{company.passkoop_code.lower()}.html"
            headers.append(
                ("Content-Disposition", f'attachment; filename="{filename}"')
            )
        return self._passkoop_page(
            "passkoop_membership.passkoop_checker_page",
            lang,
            {
                "company": company,
                "downloaded": bool(download),
                "held": Partner.env._(
                    "This file works with no network or server. It holds the "
                    "entries of %(date)s: download it again, or add your partners' "
                    "newer entries above, to know the cards they revoked since.",
                    date=format_date(
                        Partner.env, company._passkoop_today(), lang_code=lang
                    ),
                ),
                **(_inlined(CHECKER_LIBRARIES, CHECKER_MODULES) if download else {}),
                "known": sorted(coop["name"] for coop in directory["coops"]),
                # Inside <script>: JSON, not HTML-escaped, with every "<"
                # escaped (no "</script>" nor "<!--" can end or bend it).
                "data": Markup(
                    json.dumps(
                        {
                            **directory,
                            "downloaded": bool(download),
                            "lang": lang.replace("_", "-"),
                            "texts": {
                                **Partner._passkoop_card_texts(),
                                **Partner._passkoop_checker_texts(),
                            },
                        }
                    ).replace("<", "\\u003c")
                ),
            },
            *headers,
        )

    def _passkoop_checker_directory(self, company):
        """The issuers the checker knows: this coop and its partners with a key."""
        company = company.with_company(company)
        coops = (
            request.env["passkoop.coop"]
            .sudo()
            .search(
                [
                    ("company_id", "=", company.id),
                    ("key_ids.state", "=", "trusted"),
                ]
            )
        )
        own_keys, own_revoked = company._passkoop_published()
        issuers = [
            {
                "code": coop.code,
                "name": coop.name,
                "revoked_serials": coop.revoked_serials or "",
                "issued_at": coop.directory_issued_at
                and coop.directory_issued_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
            }
            for coop in coops
        ]
        keys = [
            {"code": key.coop_id.code, **key._entry_values()[0]}
            for key in coops.key_ids.filtered(lambda k: k.state == "trusted")
        ]
        if own_keys:
            issuers.append(
                {
                    "code": company.passkoop_code,
                    "name": company.name,
                    "revoked_serials": "\n".join(own_revoked.mapped("serial")),
                }
            )
            keys += [
                {"code": company.passkoop_code, **values}
                for values in own_keys._entry_values()
            ]
        return {"coops": issuers, "keys": keys}

    @http.route("/passkoop/check-sw.js", type="http", auth="public", methods=["GET"])
    def card_checker_worker(self, **kwargs):
        """The checker's service worker, served from /passkoop/ for its scope."""
        return self._passkoop_worker("checker/checker_sw.js")

    @http.route(
        "/passkoop/card/sw.js",
        type="http",
        auth="public",
        methods=["GET"],
        sitemap=False,
    )
    def card_page_worker(self, **kwargs):
        """The card page's service worker, served from /passkoop/card/ for its
        scope: the member's card opens offline."""
        return self._passkoop_worker("card_page/card_page_sw.js")

    def _passkoop_lang(self, wanted):
        """The language of a public page: ``wanted`` if installed, else French,
        else the database's first language (a Belgian coop's may have no French)."""
        installed = [code for code, _name in request.env["res.lang"].get_installed()]
        return next(
            (code for code in (wanted, "fr_FR") if code in installed), installed[0]
        )

    def _passkoop_page(self, template, lang, values, *headers):
        """A public page of ours: ``template`` rendered in ``lang``, as HTML."""
        html = (
            request.env["ir.qweb"]
            .with_context(lang=lang)
            ._render(template, {**values, "lang": lang})
        )
        return request.make_response(
            html, headers=[("Content-Type", "text/html; charset=utf-8"), *headers]
        )

    def _passkoop_worker(self, path):
        return request.make_response(
            _read(f"passkoop_membership/static/src/{path}"),
            headers=[
                ("Content-Type", "text/javascript; charset=utf-8"),
                ("Cache-Control", "no-cache"),
            ],
        )

    def _passkoop_company(self, code):
        """The coop a public page is about: ``code``, or the only one there is."""
        if code:
            code = code.strip().upper()
            if not card_format.CODE_RE.fullmatch(code):
                raise request.not_found()  # not a code: no need to ask the database
        companies = (
            request.env["res.company"]
            .sudo()
            .search(
                [("passkoop_code", "!=", False)]
                + ([("passkoop_code", "=", code)] if code else [])
            )
        )
        if len(companies) != 1:
            raise request.not_found()
        return companies

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
        companies = self._passkoop_company(code)
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
