# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hashlib
import json
import re
import unicodedata
from datetime import timedelta

from odoo import api, fields, models, tools
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools import card_format


class ResCompany(models.Model):
    _inherit = "res.company"

    passkoop_partner_policy_id = fields.Many2one(
        "passkoop.policy",
        string="Partner-coop visitors policy",
        domain="[('visitor_type', '=', 'partner'), ('company_id', '=', id)]",
        ondelete="restrict",
        help="What members of partner coops get, unless their coop has its own policy.",
    )
    passkoop_trial_policy_id = fields.Many2one(
        "passkoop.policy",
        string="Trial visitors policy",
        domain="[('visitor_type', '=', 'trial'), ('company_id', '=', id)]",
        ondelete="restrict",
        help="What discovery / trial visitors get.",
    )
    passkoop_nonmember_cap = fields.Float(
        string="Non-member turnover cap (%)",
        default=20.0,
        digits=(5, 1),
        help="French law (loi 1947, art. 3): the share of turnover made with "
        "non-members, 20 % unless your statutes say otherwise.",
    )

    passkoop_cap_partner = fields.Boolean(
        string="Partner-coop members count as non-members",
        default=True,
        help="Sales to members of partner coops count toward the non-member cap.",
    )
    passkoop_cap_trial = fields.Boolean(
        string="Trial visitors count as non-members",
        default=True,
        help="Sales to discovery / trial visitors count toward the non-member cap.",
    )

    passkoop_retention_months = fields.Integer(
        string="Keep visitors' data (months)",
        default=36,
        help="Visitors not seen for this long are anonymised every night: their "
        "visits stay, as anonymous figures. CNIL: customer data at most 3 years "
        "after the last contact.",
    )
    passkoop_consent_text = fields.Text(
        string="Consent text",
        compute="_compute_passkoop_consent_text",
        help="What the cashier reads to a visitor before keeping their data; "
        "kept with each consent.",
    )

    passkoop_code = fields.Char(
        string="Pass'Koop code",
        copy=False,
        help="Your coop's code in the Pass'Koop network, printed on your members' "
        "cards (2 to 16 capital letters or digits, e.g. HENDAYAKOOP).",
    )
    passkoop_entry_date = fields.Datetime(
        string="Directory entry issued on",
        readonly=True,
        copy=False,
        help="The issued_at of the directory entry published last.",
    )
    passkoop_entry_digest = fields.Char(
        string="Directory entry fingerprint", readonly=True, copy=False
    )
    passkoop_signing_key_ids = fields.One2many(
        "passkoop.signing.key", "company_id", string="Pass'Koop signing keys"
    )

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        companies._passkoop_create_default_policies()
        return companies

    def write(self, vals):
        if vals.get("passkoop_code"):
            vals["passkoop_code"] = vals["passkoop_code"].strip().upper()
        if "passkoop_code" in vals:
            self._passkoop_check_code_change(vals["passkoop_code"])
        if {"passkoop_partner_policy_id", "passkoop_trial_policy_id"} & set(vals):
            self.env.registry.clear_cache()
        return super().write(vals)

    def _passkoop_check_code_change(self, code):
        """The code is printed on the cards: changing it would void them."""
        for company in self.filtered(lambda c: c.passkoop_code not in (False, code)):
            issued = (
                self.env["passkoop.card"]
                .sudo()
                .search_count(
                    [("company_id", "=", company.id), ("state", "=", "active")]
                )
            )
            if issued:
                raise UserError(
                    self.env._(
                        "Your cards carry the code %(code)s: partner coops would "
                        "refuse them under another code. Keep it, or revoke them "
                        "first.",
                        code=company.passkoop_code,
                    )
                )

    @api.depends("name", "passkoop_retention_months")
    @api.depends_context("lang")
    def _compute_passkoop_consent_text(self):
        for company in self:
            company.passkoop_consent_text = self.env._(
                "The visitor agrees that %(coop)s keeps their name and details to "
                "welcome them, for at most %(months)s months after their last visit, "
                "and knows they may ask for them to be erased.",
                coop=company.name,
                months=company.passkoop_retention_months,
            )

    @api.constrains("passkoop_retention_months")
    def _check_passkoop_retention_months(self):
        if any(company.passkoop_retention_months < 1 for company in self):
            raise ValidationError(
                self.env._("Visitors' data is kept at least one month.")
            )

    @api.constrains("passkoop_code")
    def _check_passkoop_code(self):
        for company in self.filtered("passkoop_code"):
            if not card_format.CODE_RE.fullmatch(company.passkoop_code):
                raise ValidationError(
                    self.env._(
                        "The Pass'Koop code %(code)s is not valid: use 2 to 16 "
                        "capital letters or digits, e.g. HENDAYAKOOP.",
                        code=company.passkoop_code,
                    )
                )

    # ------------------------------------------------------- signing keys

    def passkoop_generate_key(self):
        """Add a new signing key to the company; return its key id (K1, K2…).

        The newest key valid today signs the next cards; older keys stay valid
        for the cards they signed until they are retired.
        """
        self.ensure_one()
        user = self.env.user
        if not self.env.su and (
            not user.has_group("passkoop_membership.group_passkoop_manager")
            or self not in user.company_ids
        ):
            # The key signs every card the coop issues next: administrators only.
            raise AccessError(
                self.env._(
                    "Only a Pass'Koop administrator of %(company)s can add a "
                    "signing key.",
                    company=self.name,
                )
            )
        keys = self.env["passkoop.signing.key"].sudo()
        numbers = [
            int(kid[1:])
            for kid in keys.search([("company_id", "=", self.id)]).mapped("kid")
            if re.fullmatch(r"K[0-9]{1,7}", kid)
        ]
        kid = f"K{max(numbers, default=0) + 1}"
        seed = card_format.generate_seed()
        keys.create(
            {
                "kid": kid,
                "public_key": card_format.b32encode(card_format.public_key(seed)),
                "private_key": card_format.b32encode(seed),
                # The day before it first signs: a partner whose date is behind
                # ours (overseas France, another time zone) accepts today's cards
                # (card-format.md, "Time zones").
                "valid_from": fields.Date.context_today(self) - timedelta(days=1),
                "company_id": self.id,
            }
        )
        return kid

    def _passkoop_signing_key(self, newest=True):
        """A key valid today (the first one is generated), as superuser.

        The newest signs the cards. The directory entry is signed by the oldest
        (``newest=False``): the key partners already trust vouches for a new
        one, so a key change reaches them without an administrator's click.
        """
        self.ensure_one()
        today = fields.Date.context_today(self)
        keys = (
            self.env["passkoop.signing.key"]
            .sudo()
            .search([("company_id", "=", self.id)], order="id desc" if newest else "id")
        )
        key = next((key for key in keys if key._is_valid_on(today)), None)
        if key is None:
            kid = self.passkoop_generate_key()
            key = keys.search([("company_id", "=", self.id), ("kid", "=", kid)])
        return key

    def _passkoop_ensure_code(self):
        """The coop's code, made from its name the first time it is needed
        (HendayaKoop -> HENDAYAKOOP); Settings shows it and can change it
        before the first card."""
        self.ensure_one()
        if not self.passkoop_code:
            letters = unicodedata.normalize("NFKD", self.name or "").upper()
            code = re.sub(r"[^A-Z0-9]", "", letters)[:16]
            self.sudo().passkoop_code = code if len(code) >= 2 else f"COOP{self.id}"
        return self.passkoop_code

    def passkoop_export_directory(self):
        """This company's signed directory entry (JWS text, card-format.md)."""
        self.ensure_one()
        self._passkoop_ensure_code()
        signer = self._passkoop_signing_key(newest=False)
        keys, revoked = self._passkoop_published()
        payload = {
            "format": card_format.ENTRY_FORMAT,
            "code": self.passkoop_code,
            "name": self.name,
            "city": self.city or "",
            "country": self.country_id.code or "",
            "email": self.email or "",
            "website": self.website or "",
            "url": f"{self.get_base_url()}/passkoop/directory.jws"
            f"?code={self.passkoop_code}",
            "keys": keys._entry_values(),
            "revoked": revoked.mapped("serial"),
            "welcome": self._passkoop_welcome(),
        }
        payload["issued_at"] = self._passkoop_entry_issued_at(payload)
        return card_format.entry_document(signer._seed(), signer.kid, payload)

    def _passkoop_published(self):
        """What this coop tells partners about its cards: the keys still valid and
        the serials of revoked cards not expired yet (as superuser)."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        not_expired = ["|", ("valid_until", "=", False), ("valid_until", ">=", today)]
        keys = (
            self.env["passkoop.signing.key"]
            .sudo()
            .search([("company_id", "=", self.id), *not_expired])
        )
        revoked = (
            self.env["passkoop.card"]
            .sudo()
            .search(
                [
                    ("company_id", "=", self.id),
                    ("state", "=", "revoked"),
                    ("valid_until", ">=", today),
                ],
                order="serial",
            )
        )
        return keys, revoked

    def _passkoop_entry_issued_at(self, payload):
        """The entry's issued_at: unchanged while its content is (the same entry
        is then signed again byte for byte, Ed25519 being deterministic: it can
        be cached), later than the last one as soon as it changes, even within
        the same second (partners keep the newest: an old revoked list must not
        come back)."""
        content = json.dumps(payload, sort_keys=True).encode()
        digest = hashlib.sha256(content).hexdigest()
        company = self.sudo()
        if digest != company.passkoop_entry_digest or not company.passkoop_entry_date:
            now = fields.Datetime.now().replace(microsecond=0)
            last = company.passkoop_entry_date
            company.write(
                {
                    "passkoop_entry_digest": digest,
                    "passkoop_entry_date": max(now, last + timedelta(seconds=1))
                    if last
                    else now,
                }
            )
        return company.passkoop_entry_date.strftime("%Y-%m-%dT%H:%M:%SZ")

    def _passkoop_welcome(self):
        """The entry's summary of how this coop welcomes visitors."""
        company = self.sudo()
        partner, trial = (
            company.passkoop_partner_policy_id,
            company.passkoop_trial_policy_id,
        )
        # The entry is read by other coops: in the company's own language.
        lang = company.partner_id.lang or self.env.lang
        _ = self.with_context(lang=lang).env._
        partner_mode, trial_mode = partner.mode or "refused", trial.mode or "refused"
        welcome_partner = {
            "member_terms": _("Members of partner coops shop on member terms."),
            "limited": _(
                "Members of partner coops may shop here: %(limits)s.",
                limits=partner.with_context(lang=lang).limits,
            ),
            "refused": _("Members of partner coops may not shop here."),
        }
        welcome_trial = {
            "member_terms": _("Discovery visits on member terms."),
            "limited": _(
                "Discovery visits: %(limits)s.",
                limits=trial.with_context(lang=lang).limits,
            ),
            "refused": _("No discovery visits."),
        }
        return {
            "partner": partner_mode,
            "trial": trial_mode,
            "summary": f"{welcome_partner[partner_mode]} {welcome_trial[trial_mode]}",
        }

    @tools.ormcache("self.id")
    def _passkoop_default_policy_ids(self):
        """{visitor type: default policy id}, cached: every check needs it."""
        self.ensure_one()
        company = self.sudo()
        return {
            "partner": company.passkoop_partner_policy_id.id,
            "trial": company.passkoop_trial_policy_id.id,
        }

    def _passkoop_create_default_policies(self):
        """Give each company the default policies it lacks, named in its language."""
        Policy = self.env["passkoop.policy"].sudo()
        for company in self:
            _ = self.with_context(lang=company.partner_id.lang or self.env.lang).env._
            if not company.passkoop_partner_policy_id:
                company.passkoop_partner_policy_id = Policy.create(
                    {
                        "name": _("Partner-coop members"),
                        "visitor_type": "partner",
                        "mode": "member_terms",
                        "company_id": company.id,
                    }
                )
            if not company.passkoop_trial_policy_id:
                company.passkoop_trial_policy_id = Policy.create(
                    {
                        "name": _("Discovery card: 3 visits"),
                        "visitor_type": "trial",
                        "mode": "limited",
                        "max_visits": 3,
                        "limit_action": "block",
                        "company_id": company.id,
                    }
                )

    def _passkoop_total_sales(self, date_from, date_to):
        """Sales of the period, taxes included: customer invoices less credit notes,
        plus the visits recorded by hand (those sales are recorded nowhere else)."""
        self.ensure_one()
        groups = (
            self.env["account.move"]
            .sudo()
            ._read_group(
                [
                    ("company_id", "=", self.id),
                    ("state", "=", "posted"),
                    ("move_type", "in", ("out_invoice", "out_refund")),
                    ("invoice_date", ">=", date_from),
                    ("invoice_date", "<=", date_to),
                ],
                [],
                ["amount_total_signed:sum"],
            )
        )
        invoiced = groups[0][0] or 0.0
        [(by_hand,)] = (
            self.env["passkoop.visit.report"]
            .sudo()
            ._read_group(
                [
                    ("company_id", "=", self.id),
                    ("date", ">=", date_from),
                    ("date", "<=", date_to),
                    *self._passkoop_visits_by_hand_domain(),
                ],
                [],
                ["amount:sum"],
            )
        )
        return invoiced + (by_hand or 0.0)

    def _passkoop_visits_by_hand_domain(self):
        """The visits entered by hand (paper sheets): without a till, all of them."""
        return []

    def _passkoop_nonmember_share(self, date=None, cap=None):
        """Loi 1947, art. 3: the fiscal year's sales to visitors against the cap
        (``cap``: another than the company's, e.g. one being typed in Settings)."""
        self.ensure_one()
        fiscal_year = self.compute_fiscalyear_dates(
            date or fields.Date.context_today(self)
        )
        date_from, date_to = fiscal_year["date_from"], fiscal_year["date_to"]
        types = [
            visitor_type
            for visitor_type, counted in (
                ("partner", self.passkoop_cap_partner),
                ("trial", self.passkoop_cap_trial),
            )
            if counted
        ]
        [(visitor_sales,)] = (
            self.env["passkoop.visit.report"]
            .sudo()
            ._read_group(
                [
                    ("company_id", "=", self.id),
                    ("visitor_type", "in", types),
                    ("date", ">=", date_from),
                    ("date", "<=", date_to),
                ],
                [],
                ["amount:sum"],
            )
        )
        visitor_sales = visitor_sales or 0.0
        total = self._passkoop_total_sales(date_from, date_to)
        share = 100.0 * visitor_sales / total if total else 0.0
        cap = self.passkoop_nonmember_cap if cap is None else cap
        state, message = self._passkoop_cap_status(share, cap)
        return {
            "date_from": date_from,
            "date_to": date_to,
            "total_sales": total,
            "visitor_sales": visitor_sales,
            "share": share,
            "cap": cap,
            "state": state,
            "share_text": self._passkoop_percent(share),
            "message": message,
        }

    def _passkoop_percent(self, value):
        """A percentage in the user's language: "87,6" in French, "20" for 20.0."""
        return tools.formatLang(
            self.env, value, digits=0 if value == round(value) else 1
        )

    def _passkoop_cap_status(self, share, cap):
        """The state of ``share`` against ``cap`` and its words, the same in
        Settings and on the dashboard: fine under 80 % of the cap, a warning from
        there, passed above it."""
        _ = self.env._
        state = "over" if share > cap else "warning" if share >= 0.8 * cap else "fine"
        numbers = {
            "share": self._passkoop_percent(share),
            "cap": self._passkoop_percent(cap),
        }
        if state == "over":
            message = _(
                "Cap passed: %(share)s %% of sales for a cap of %(cap)s %%.", **numbers
            )
        elif state == "warning":
            message = _(
                "Visitors' sales have reached 80 %% of the cap: %(share)s %% of sales "
                "for a cap of %(cap)s %%. Check your statutes before welcoming more.",
                **numbers,
            )
        else:
            message = _(
                "Visitors' sales: %(share)s %% of sales, for a cap of %(cap)s %%.",
                **numbers,
            )
        return state, message
