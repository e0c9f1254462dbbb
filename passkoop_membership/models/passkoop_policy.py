# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

VISITOR_TYPES = [
    ("partner", "Member of a partner coop"),
    ("trial", "Discovery / trial"),
]


class PasskoopPolicy(models.Model):
    _name = "passkoop.policy"
    _description = "Pass'Koop visitor policy"
    _inherit = ["mail.thread"]
    _order = "visitor_type, name"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    visitor_type = fields.Selection(
        VISITOR_TYPES, required=True, default="partner", tracking=True
    )
    mode = fields.Selection(
        [
            ("member_terms", "Member terms"),
            ("limited", "Limited"),
            ("refused", "Refused"),
        ],
        required=True,
        default="member_terms",
        help="Member terms: welcomed like a member, with no limit.\n"
        "Limited: welcomed for a number of visits and/or days.\n"
        "Refused: visitors of this kind may not buy.",
        tracking=True,
    )
    max_visits = fields.Integer(
        string="Visits allowed",
        help="0 means no limit on the number of visits.",
        tracking=True,
    )
    period_days = fields.Integer(
        string="Days allowed",
        help="Counted from the visitor's registration date. 0 means no limit in time.",
        tracking=True,
    )
    limit_action = fields.Selection(
        [
            ("block", "Block the sale"),
            ("confirm", "Ask the cashier to confirm"),
            ("warn", "Warn and go on"),
        ],
        string="Once the limit is reached",
        required=True,
        default="block",
        tracking=True,
    )
    proof = fields.Selection(
        [
            ("none", "None (trust)"),
            ("member_ref", "Membership number at the home coop"),
            ("signed_card", "Signed Pass'Koop card"),
        ],
        string="Proof required",
        required=True,
        default="none",
        tracking=True,
    )
    proof_from_visit = fields.Integer(
        string="Proof asked from visit",
        required=True,
        default=1,
        help="The visit from which the proof is asked: 1 asks it at the first "
        "visit; 2 believes visitors on their word at their first visit (on "
        "trust) and asks the proof from the second on.",
        tracking=True,
    )
    registration_required = fields.Boolean(
        help="The visitor must give a name and an email before shopping.", tracking=True
    )
    pricelist_id = fields.Many2one(
        "product.pricelist",
        string="Member price list",
        check_company=True,
        help="Applied to these visitors at the till. Empty: the till's own price list.",
        tracking=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    active = fields.Boolean(default=True, tracking=True)
    limits = fields.Char(
        compute="_compute_limits",
        help="The limits in words, for the list: unlimited, 4 visits, 60 days…",
    )

    @api.depends_context("lang")
    @api.depends("mode", "max_visits", "period_days")
    def _compute_limits(self):
        _ = self.env._
        for policy in self:
            visits, days = policy.max_visits, policy.period_days
            if policy.mode != "limited" or not (visits or days):
                policy.limits = _("Unlimited") if policy.mode != "refused" else ""
            elif visits and days:
                policy.limits = _(
                    "%(visits)s visits in %(days)s days", visits=visits, days=days
                )
            elif visits:
                policy.limits = _("%(visits)s visits", visits=visits)
            else:
                policy.limits = _("%(days)s days", days=days)

    def _passkoop_proof_due(self, visit_count):
        """Whether the proof is asked at the visit that follows ``visit_count``
        done visits; before it, the visitor is believed on their word."""
        return self.proof != "none" and visit_count + 1 >= self.proof_from_visit

    def _passkoop_anonymous_refusal(self):
        """Why visitors may not come anonymously under this policy ('' when they
        may): one shared contact per coop carries every traveller's anonymous
        visits, so a limit on visits or days would count nobody's, and the
        visit from which a proof is asked would be nobody's either."""
        if self.mode == "limited":
            return self.env._(
                "No anonymous visit under a policy with a limit: register the "
                "visitor, so that their own visits are counted."
            )
        if self.proof != "none":
            return self.env._(
                "No anonymous visit under a policy that asks for a proof: "
                "register the visitor, so that their own visits are counted."
            )
        return ""

    def _passkoop_proof_summary(self):
        """The proof visitors give, in words, for the directory entry: what is
        asked and from which visit ('' when nothing is asked)."""
        _ = self.env._
        if not self or self.mode == "refused" or self.proof == "none":
            return ""  # no policy: no sale, nothing to prove
        proof = {
            "member_ref": _("membership number at their home coop"),
            "signed_card": _("signed Pass'Koop card of their home coop"),
        }[self.proof]
        trusted = self.proof_from_visit - 1
        if trusted <= 0:
            return _("Proof asked: %(proof)s.", proof=proof)
        if trusted == 1:
            return _("First visit on trust, then proof asked: %(proof)s.", proof=proof)
        return _(
            "First %(count)s visits on trust, then proof asked: %(proof)s.",
            count=trusted,
            proof=proof,
        )

    @api.constrains("proof_from_visit")
    def _check_proof_from_visit(self):
        for policy in self:
            if policy.proof_from_visit < 1:
                raise ValidationError(
                    self.env._(
                        "Policy %(policy)s: the proof is asked from visit 1 on "
                        "(at the first visit) or later.",
                        policy=policy.name,
                    )
                )

    @api.constrains("max_visits", "period_days", "mode")
    def _check_limits(self):
        for policy in self:
            if policy.max_visits < 0 or policy.period_days < 0:
                raise ValidationError(
                    self.env._(
                        "Policy %(policy)s: the number of visits and of days "
                        "cannot be negative.",
                        policy=policy.name,
                    )
                )
            if policy.mode == "limited" and not (
                policy.max_visits or policy.period_days
            ):
                raise ValidationError(
                    self.env._(
                        "Policy %(policy)s is limited: set a number of visits, "
                        "a number of days, or both.",
                        policy=policy.name,
                    )
                )
