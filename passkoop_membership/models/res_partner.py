# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import math
from datetime import date, datetime, timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date
from odoo.tools.mail import single_email_re

from ..tools import card_format
from .passkoop_policy import VISITOR_TYPES


class ResPartner(models.Model):
    _inherit = "res.partner"

    passkoop_visitor_type = fields.Selection(
        VISITOR_TYPES, string="Pass'Koop visitor", index=True
    )
    passkoop_coop_id = fields.Many2one(
        "passkoop.coop", string="Home coop", index=True, ondelete="restrict"
    )
    passkoop_member_ref = fields.Char(
        string="Membership number",
        help="The visitor's membership number at their home coop.",
    )
    passkoop_card_ref = fields.Char(
        string="Card number",
        index="btree_not_null",
        copy=False,
        help="The number or barcode on the visitor's card, unique in your company.",
    )
    passkoop_registration_date = fields.Date(
        string="Registration date",
        default=lambda self: self.env.company._passkoop_local_today(),
        copy=False,
    )
    passkoop_consent = fields.Boolean(
        string="Consent to data storage",
        copy=False,
        help="The visitor agreed that their data is kept to welcome them.",
    )
    passkoop_consent_date = fields.Datetime(
        string="Consent given on", readonly=True, copy=False
    )
    passkoop_consent_text = fields.Text(
        string="Consent text shown",
        readonly=True,
        copy=False,
        help="The words the visitor agreed to, as they were shown.",
    )
    passkoop_visit_ids = fields.One2many(
        "passkoop.visit", "partner_id", string="Pass'Koop visit log"
    )
    passkoop_visit_count = fields.Integer(
        string="Pass'Koop visits",
        compute="_compute_passkoop_visit_count",
        help="Visits that count toward the limit.",
    )

    # Two tills registering the same card at once both pass the Python check
    # below (neither sees the other's row): the database settles it.
    _sql_constraints = [
        (
            "passkoop_card_ref_company_unique",
            "unique(company_id, passkoop_card_ref)",
            "This card number already belongs to another visitor of your coop.",
        )
    ]

    # ------------------------------------------------------------------ checks

    @api.model_create_multi
    def create(self, vals_list):
        # A visitor belongs to the company that registers it.
        for vals in vals_list:
            if vals.get("passkoop_visitor_type") and not vals.get("company_id"):
                vals["company_id"] = self.env.company.id
            self.browse()._passkoop_check_card_free(
                vals.get("passkoop_card_ref"), vals.get("company_id")
            )
            self._passkoop_record_consent(vals)
        return super().create(vals_list)

    @api.constrains("passkoop_visitor_type", "passkoop_coop_id", "company_id")
    def _check_passkoop_coop(self):
        for partner in self:
            coop = partner.passkoop_coop_id
            if partner.passkoop_visitor_type == "partner" and not coop:
                raise ValidationError(
                    self.env._(
                        "%(name)s is a member of a partner coop: "
                        "choose their home coop.",
                        name=partner.display_name,
                    )
                )
            if coop and coop.sudo().company_id != partner.company_id:
                raise ValidationError(
                    self.env._(
                        "%(coop)s is a partner coop of another company than "
                        "%(name)s's: choose one of their company's partner coops.",
                        coop=coop.sudo().display_name,
                        name=partner.display_name,
                    )
                )

    def write(self, vals):
        if vals.get("passkoop_card_ref") or vals.get("company_id"):
            for partner in self:
                partner._passkoop_check_card_free(
                    vals.get("passkoop_card_ref", partner.passkoop_card_ref),
                    vals.get("company_id", partner.company_id.id),
                )
        if "passkoop_consent" in vals:
            vals = self._passkoop_record_consent(dict(vals))
        return super().write(vals)

    @api.model
    def _passkoop_record_consent(self, vals):
        """Consent is kept with its date and the words shown (the company's
        text, never one a client sends); withdrawn, both go."""
        vals.pop("passkoop_consent_date", None)
        vals.pop("passkoop_consent_text", None)
        if vals.get("passkoop_consent"):
            company = self.env.company.with_context(
                lang=self._passkoop_consent_lang(vals)
            )
            vals["passkoop_consent_date"] = fields.Datetime.now()
            vals["passkoop_consent_text"] = company.passkoop_consent_text
        elif "passkoop_consent" in vals:
            vals["passkoop_consent_date"] = vals["passkoop_consent_text"] = False
        return vals

    def _passkoop_consent_lang(self, vals):
        """The language the consent words are shown in: the user's; with none
        (data files, as the demo's visitors are made), the visitor's own."""
        if self.env.lang:
            return self.env.lang
        default = self.default_get(["lang"]).get("lang")  # the database's
        for lang in (vals.get("lang"), self[:1].lang, default):
            if lang and self.env["res.lang"]._get_code(lang):
                return lang
        return "en_US"

    def _passkoop_check_card_free(self, card_ref, company_id):
        """Refuse a card number another visitor of the company holds, naming them.

        Checked before writing, for that message; two tills at the same moment
        are told apart by the database (passkoop_card_ref_company_unique).
        """
        if not card_ref:
            return
        twin = self.with_context(active_test=False).search(
            [
                ("id", "not in", self.ids),
                ("passkoop_card_ref", "=", card_ref),
                ("company_id", "=", company_id or False),
            ],
            limit=1,
        )
        if twin:
            raise ValidationError(
                self.env._(
                    "Card %(card)s already belongs to %(name)s.",
                    card=card_ref,
                    name=twin.display_name,
                )
            )

    @api.constrains("email", "passkoop_visitor_type")
    def _check_passkoop_email(self):
        for partner in self:
            email = (partner.email or "").strip()
            if (
                partner.passkoop_visitor_type
                and email
                and not single_email_re.match(email)
            ):
                raise ValidationError(
                    self.env._(
                        "%(email)s is not a valid email address "
                        "(e.g. name@example.org).",
                        email=email,
                    )
                )

    # ------------------------------------------------------- the one rule

    def _passkoop_policy(self):
        """The policy that applies: the home coop's override, else the company's."""
        self.ensure_one()
        if self.passkoop_visitor_type == "partner" and self.passkoop_coop_id.policy_id:
            return self.passkoop_coop_id.policy_id
        defaults = (self.company_id or self.env.company)._passkoop_default_policy_ids()
        # Browsed together, the defaults of all visitors are read in one query.
        policies = self.env["passkoop.policy"].browse(filter(None, defaults.values()))
        return policies.filtered(lambda p: p.id == defaults[self.passkoop_visitor_type])

    def _passkoop_evaluate(self, visit_count, today, confirmed=False):
        """Decide whether this visitor may shop, given its counted visits and today.

        The single place of the rule: passkoop_check(), the status shown to
        people, the visit's limit outcome and (through the same cases) the till
        all follow it. Returns the passkoop_check() dict plus ``status`` and
        ``text``, the answer in words, and ``limit_outcome``: what a visit
        recorded now is at the limit (passkoop.visit), ``confirmed`` being the
        cashier's claim that they confirmed the sale. The claim counts only
        where the policy asks for a confirmation; a sale the policy blocks
        (or a confirmation it asks and nobody gave) is sold despite block.
        ``on_trust`` is there when the visitor lacks the proof the policy asks
        only from a later visit ({proof, from_visit}): welcomed on their word.
        """
        result = self._passkoop_decide(visit_count, today)
        result["text"] = result["reason"] or self._passkoop_terms_text(result)
        action = result["action"]
        if action == "allow":
            result["limit_outcome"] = "within"
        elif action == "warn":
            result["limit_outcome"] = "warned"
        elif action == "confirm" and confirmed:
            result["limit_outcome"] = "confirmed"
        else:
            result["limit_outcome"] = "sold_despite_block"
        return result

    def _passkoop_decide(self, visit_count, today):
        self.ensure_one()
        _ = self.env._
        coop = self.passkoop_coop_id
        policy = self._passkoop_policy() if self.passkoop_visitor_type else None
        result = {
            "allowed": True,
            "action": "allow",
            "reason": "",
            "visit_count": visit_count,
            "visits_left": None,
            "expiry_date": None,
            "pricelist_id": policy.pricelist_id.id if policy else False,
            "policy_id": policy.id if policy else False,
            "coop_id": coop.id,
            "status": "can_shop" if policy is not None else False,
        }

        def refuse(status, reason, action="block"):
            result.update(
                status=status, reason=reason, action=action, allowed=action != "block"
            )
            return result

        if policy is None:
            return result
        expiry = None
        if policy.mode == "limited":
            registered = self.passkoop_registration_date or today
            if policy.period_days:
                expiry = registered + timedelta(days=policy.period_days)
                result["expiry_date"] = fields.Date.to_string(expiry)
            if policy.max_visits:
                result["visits_left"] = max(policy.max_visits - visit_count, 0)

        if self.passkoop_visitor_type == "partner" and (
            not coop.active or coop.agreement_state != "active"
        ):
            return refuse(
                "coop_suspended",
                _("%(coop)s has no active agreement with us.", coop=coop.name),
            )
        if not policy:
            return refuse(
                "refused", _("No Pass'Koop policy is set for this kind of visitor.")
            )
        if policy.mode == "refused":
            return refuse("refused", _("Visitors of this kind may not buy here."))
        missing = self._passkoop_proof_missing(policy, today)
        if missing and policy._passkoop_proof_due(visit_count):
            return refuse("incomplete", missing)
        if missing:  # not asked yet: believed on their word
            result["on_trust"] = {
                "proof": policy.proof,
                "from_visit": policy.proof_from_visit,
            }
        unregistered = self._passkoop_unregistered(policy)
        if unregistered:
            return refuse("incomplete", unregistered)
        if policy.max_visits and visit_count >= policy.max_visits:
            return refuse(
                "limit_reached",
                _(
                    "Limit reached: %(count)s of %(max)s visits.",
                    count=visit_count,
                    max=policy.max_visits,
                ),
                policy.limit_action,
            )
        if expiry and today > expiry:
            date = format_date(self.env, expiry)
            return refuse(
                "expired",
                _("Trial period ended on %(date)s.", date=date)
                if self.passkoop_visitor_type == "trial"
                else _("Welcome period ended on %(date)s.", date=date),
                policy.limit_action,
            )
        if result["visits_left"] == 1:
            result["status"] = "last_visit"
        return result

    def _passkoop_proof_missing(self, policy, today):
        """Why the visitor has not given the proof the policy asks ('' when they
        have, or when it asks none), whether or not it is asked at this visit."""
        if policy.proof == "member_ref" and not self.passkoop_member_ref:
            return self.env._("The membership number at the home coop is required.")
        if policy.proof == "signed_card":
            return self._passkoop_card_proof(today)
        return ""

    def _passkoop_unregistered(self, policy):
        """Why the visitor is not registered as the policy needs ('' when they
        are): name and email where it requires them; someone of their own, not
        their coop's shared anonymous contact, where it sets a limit."""
        if policy.registration_required and not (self.name and self.email):
            return self.env._("Registration is required: name and email.")
        if self.passkoop_coop_id.anonymous_partner_id == self:
            return policy._passkoop_anonymous_refusal()
        return ""

    def _passkoop_missing(self, result):
        """What the visitor must still give for their policy to let them shop,
        among what a cashier can type in: the fields the policy asks and the
        profile lacks, where ``result`` (_passkoop_evaluate()'s) found them
        incomplete. The till's passkoopMissing() says the same."""
        self.ensure_one()
        policy = self._passkoop_policy() if self.passkoop_visitor_type else None
        if not policy or result["status"] != "incomplete":
            return []
        missing = []
        if (
            policy.proof == "member_ref"
            and policy._passkoop_proof_due(result["visit_count"])
            and not self.passkoop_member_ref
        ):
            missing.append("member_ref")
        if policy.registration_required:
            missing += [field for field in ("name", "email") if not self[field]]
        return missing

    def _passkoop_card_proof(self, today):
        """Why the visitor's card does not prove membership of their home coop
        (empty when it does): the token they showed is kept as their card number.
        A card of the home coop is checked against its keys alone, with no query
        of its own: a list of visitors checks all their cards at once."""
        _ = self.env._
        if not self.passkoop_card_ref:
            return _("A signed Pass'Koop card is required: scan the visitor's card.")
        coop = self.passkoop_coop_id.sudo()
        card = card_format.parse_card(self.passkoop_card_ref)
        if card and card.issuer == coop.code:
            check = {
                "coop_id": coop.id,
                "reason_code": coop._passkoop_card_reason(card, today),
            }
        else:  # not this coop's: the verifier says what it is
            check = self.with_company(
                self.company_id or self.env.company
            ).passkoop_verify_card(self.passkoop_card_ref, today)
            if check["reason_code"] == "ok":
                return _(
                    "The card is not of %(coop)s, the visitor's home coop.",
                    coop=coop.name,
                )
        if check["reason_code"] == "ok":
            return ""
        return check.get("reason") or self._passkoop_card_reason_text(check, card)

    def _passkoop_visit_counts(self):
        """Done visits per visitor: those the transaction knows already
        (passkoop_visit_count, in cache: counted under a visit's lock, or
        computed), the others in one query whatever their number."""
        field = self._fields["passkoop_visit_count"]
        unknown = self.browse(self.env.cache.get_missing_ids(self, field))
        counts = {
            partner: self.env.cache.get(partner, field) for partner in self - unknown
        }
        if unknown:  # no query for no visitor: the till's batches of contacts
            counts.update(
                self.env["passkoop.visit"]
                .sudo()
                ._read_group(
                    [("partner_id", "in", unknown.ids), ("state", "=", "done")],
                    ["partner_id"],
                    ["__count"],
                )
            )
        return counts

    def passkoop_check(self):
        """Whether this visitor may shop now: see the design's contract."""
        self.ensure_one()
        count = (
            self._passkoop_visit_counts().get(self, 0)
            if self.passkoop_visitor_type
            else 0
        )
        result = self._passkoop_evaluate(count, fields.Date.context_today(self))
        for key in ("status", "text", "limit_outcome", "on_trust"):
            result.pop(key, None)
        return result

    def passkoop_register_visit(self, amount=0.0, date=None, origin=None):
        """Record one visit of this visitor and return it. Never refuses a sale
        (but refuses, in words, values that are no amount, date or origin)."""
        self.ensure_one()
        _ = self.env._
        if (
            isinstance(amount, bool)
            or not isinstance(amount, int | float)
            or not math.isfinite(amount)
            or abs(amount) >= 1e12
        ):
            raise UserError(_("The amount of a visit must be a number."))
        if origin is not None and not (
            isinstance(origin, str) and len(origin) <= 256 and "\x00" not in origin
        ):
            raise UserError(
                _("The origin of a visit is a text of 256 characters at most.")
            )
        vals = {"partner_id": self.id, "amount": amount, "origin": origin}
        if date:
            vals["date"] = self._passkoop_date(date)
        return self.env["passkoop.visit"].create(vals)

    @api.model
    def _passkoop_date(self, value):
        """``value`` (a date or "YYYY-MM-DD") as a date, or a UserError in words."""
        if isinstance(value, date):
            return value.date() if isinstance(value, datetime) else value
        refusal = UserError(
            self.env._("%(value)s is not a date (YYYY-MM-DD).", value=repr(value)[:40])
        )
        if not (isinstance(value, str) and len(value) <= 32):
            raise refusal
        try:
            return fields.Date.to_date(value)
        except ValueError as error:
            raise refusal from error

    def _passkoop_lock(self):
        """Serialize visit registrations of one visitor across transactions,
        and return their done visits as counted once locked ({visitor: count}).

        An UPDATE (a mere SELECT FOR UPDATE is not enough) makes PostgreSQL abort
        the later of two concurrent transactions; Odoo retries it, and the retry
        counts the visit the other one recorded. Counted in the same query: a
        sync pays for each of them.
        """
        self.env["passkoop.visit"].flush_model(["partner_id", "state"])
        self.env.cr.execute(
            """
            UPDATE res_partner p SET passkoop_visitor_type = p.passkoop_visitor_type
             WHERE p.id IN %s
         RETURNING p.id, (SELECT count(*) FROM passkoop_visit v
                           WHERE v.partner_id = p.id AND v.state = 'done')
            """,
            [tuple(self.ids)],
        )
        return {self.browse(id_): count for id_, count in self.env.cr.fetchall()}

    def _passkoop_counted(self, count):
        """Keep ``count`` as this visitor's done visits in the transaction's
        cache, as counted under their lock: the status stored again and the
        till's answer read it there (_passkoop_visit_counts) instead of counting
        again."""
        self.ensure_one()
        self.env.cache.set(self, self._fields["passkoop_visit_count"], count)

    # ----------------------------------------------------------- status

    @api.depends("passkoop_visitor_type", "passkoop_visit_ids.state")
    def _compute_passkoop_visit_count(self):
        # Apart from the status: the till loads the counts of many visitors at once.
        counts = self.filtered("passkoop_visitor_type")._passkoop_visit_counts()
        for partner in self:
            partner.passkoop_visit_count = counts.get(partner, 0)

    def _passkoop_terms_text(self, result):
        """What the visitor gets, in words: 'Member terms', 'Trial visit 2 of 3,
        until 31/12/2026'… (the till's passkoopTermsText() says the same)."""
        _ = self.env._
        left, expiry = result["visits_left"], result["expiry_date"]
        if left is None and expiry is None:
            return self._passkoop_on_trust_text(result, _("Member terms"))
        trial = self.passkoop_visitor_type == "trial"
        parts = []
        if left is not None:
            n, total = result["visit_count"] + 1, result["visit_count"] + left
            if trial:
                parts.append(
                    _("Trial visit %(n)s of %(total)s (the last)", n=n, total=total)
                    if left == 1
                    else _("Trial visit %(n)s of %(total)s", n=n, total=total)
                )
            else:
                parts.append(
                    _("Visit %(n)s of %(total)s (the last)", n=n, total=total)
                    if left == 1
                    else _("Visit %(n)s of %(total)s", n=n, total=total)
                )
        if expiry:
            date = format_date(self.env, fields.Date.to_date(expiry))
            if parts:
                parts.append(_("until %(date)s", date=date))
            elif trial:
                parts.append(_("Trial period until %(date)s", date=date))
            else:
                parts.append(_("Welcome period until %(date)s", date=date))
        return self._passkoop_on_trust_text(result, ", ".join(parts))

    def _passkoop_on_trust_text(self, result, terms):
        """The terms, and the proof asked later of a visitor welcomed on trust
        (the till's passkoopTermsText() says the same)."""
        trust = result.get("on_trust")
        if not trust:
            return terms
        _ = self.env._
        if trust["proof"] == "signed_card":
            return _(
                "%(terms)s, on trust: Pass'Koop card asked from visit %(visit)s",
                terms=terms,
                visit=trust["from_visit"],
            )
        return _(
            "%(terms)s, on trust: membership number asked from visit %(visit)s",
            terms=terms,
            visit=trust["from_visit"],
        )

    # ----------------------------------------------------------- actions

    def action_passkoop_convert_to_member(self):
        """The visitor joins us: keep their visits, open the membership wizard."""
        for partner in self.filtered("passkoop_visitor_type"):
            partner.message_post(
                body=self.env._(
                    "Converted from Pass'Koop visitor (%(type)s) to member.",
                    type=dict(
                        self._fields["passkoop_visitor_type"]._description_selection(
                            self.env
                        )
                    )[partner.passkoop_visitor_type],
                )
            )
            partner.passkoop_visitor_type = False
        action = self.env["ir.actions.actions"]._for_xml_id(
            "membership.action_membership_invoice_view"
        )
        action["context"] = {"active_ids": self.ids, "active_model": "res.partner"}
        return action

    def action_passkoop_view_visits(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "passkoop_membership.action_passkoop_visits"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action
