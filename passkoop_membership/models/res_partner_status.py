# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# One file per concern of res.partner, as core mail splits it (docs/style.md).
# pylint: disable=consider-merging-classes-inherited
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression

from ..tools import card_format

STATUSES = [
    ("can_shop", "Can shop"),
    ("last_visit", "Last trial visit"),
    ("limit_reached", "Limit reached"),
    ("expired", "Expired"),
    ("coop_suspended", "Coop suspended"),
    ("incomplete", "Information missing"),
    ("refused", "Refused"),
]
# What of a policy the status follows (the limit's action changes what the
# till does, not the status).
POLICY_RULE = (
    "mode",
    "max_visits",
    "period_days",
    "proof",
    "proof_from_visit",
    "registration_required",
)
POLICY_PATHS = (
    "passkoop_coop_id.policy_id",
    "company_id.passkoop_partner_policy_id",
    "company_id.passkoop_trial_policy_id",
)
STORED = ("passkoop_status_stored", "passkoop_status_from", "passkoop_status_until")
# Everything but the date that the rule (_passkoop_evaluate) reads.
RULE_INPUTS = (
    "passkoop_visitor_type",
    "company_id",
    "name",
    "email",
    "passkoop_member_ref",
    "passkoop_card_ref",
    "passkoop_registration_date",
    "passkoop_visit_ids.state",
    "passkoop_coop_id.active",
    "passkoop_coop_id.agreement_state",
    "passkoop_coop_id.anonymous_partner_id",
    "passkoop_coop_id.code",
    "passkoop_coop_id.revoked_serials",
    *(
        f"passkoop_coop_id.key_ids.{field}"
        for field in ("state", "kid", "public_key", "valid_from", "valid_until")
    ),
    *POLICY_PATHS,
    *(f"{path}.{field}" for path in POLICY_PATHS for field in POLICY_RULE),
)


class ResPartner(models.Model):
    """The visitor's status, stored with the days over which it holds.

    The rule (_passkoop_evaluate) takes visits, policies, coops, cards and
    today's date. Stored, the status is recomputed by the ORM when any of the
    first four changes; for the date, each status keeps the days it holds
    (only the end of a period and a card's or key's dates move it). Read or
    searched on a day outside them, it is evaluated again, and a daily job
    stores it again: lists and filters of thousands of visitors read a column
    and never evaluate the rule one visitor at a time.
    """

    _inherit = "res.partner"

    passkoop_status = fields.Selection(
        STATUSES,
        string="Pass'Koop status",
        compute="_compute_passkoop_status",
        search="_search_passkoop_status",
    )
    passkoop_status_text = fields.Char(
        string="Status details", compute="_compute_passkoop_status_text"
    )
    passkoop_status_stored = fields.Selection(
        STATUSES,
        string="Pass'Koop status as stored",
        compute="_compute_passkoop_status_stored",
        store=True,
    )
    passkoop_status_from = fields.Date(
        string="Status holds from",
        compute="_compute_passkoop_status_stored",
        store=True,
    )
    passkoop_status_until = fields.Date(
        string="Status holds until",
        compute="_compute_passkoop_status_stored",
        store=True,
    )

    @api.depends(*RULE_INPUTS)
    def _compute_passkoop_status_stored(self):
        visitors = self.filtered("passkoop_visitor_type")
        (self - visitors).update(
            {
                "passkoop_status_stored": False,
                "passkoop_status_from": False,
                "passkoop_status_until": False,
            }
        )
        today = fields.Date.context_today(self)
        counts = visitors._passkoop_visit_counts()
        for partner in visitors:
            first, last = partner._passkoop_status_days(today)
            partner.update(
                {
                    "passkoop_status_stored": partner._passkoop_decide(
                        counts.get(partner, 0), today
                    )["status"],
                    "passkoop_status_from": first,
                    "passkoop_status_until": last,
                }
            )

    def _passkoop_status_days(self, today):
        """(first, last): the days around ``today`` over which only the date
        changing cannot change the rule's answer (None: no bound). The rule
        compares the date with the end of the visitor's period and with their
        card's and its coop's keys' days; each such day is an edge, and the
        answer may change between an edge and the day after it."""
        self.ensure_one()
        policy = self._passkoop_policy()
        edges = []
        registered = self.passkoop_registration_date
        if policy.mode == "limited" and policy.period_days and registered:
            edges.append(registered + timedelta(days=policy.period_days))
        card = card_format.parse_card(self.passkoop_card_ref)
        if policy.proof == "signed_card" and card:
            edges.append(card.until)
            for key in self.passkoop_coop_id.sudo().key_ids:
                if key.valid_from:
                    edges.append(key.valid_from - timedelta(days=1))
                if key.valid_until:
                    edges.append(key.valid_until)
        first = max(
            (edge + timedelta(days=1) for edge in edges if edge < today), default=None
        )
        last = min((edge for edge in edges if edge >= today), default=None)
        return first, last

    @api.model
    def _passkoop_status_holds(self, today):
        """The domain of the partners whose stored status holds on ``today``."""
        return [
            "|",
            ("passkoop_status_from", "=", False),
            ("passkoop_status_from", "<=", today),
            "|",
            ("passkoop_status_until", "=", False),
            ("passkoop_status_until", ">=", today),
        ]

    @api.model
    def _passkoop_status_outdated(self, today):
        """The domain of the visitors whose stored status may not hold on ``today``."""
        return [
            ("passkoop_visitor_type", "!=", False),
            "|",
            ("passkoop_status_from", ">", today),
            ("passkoop_status_until", "<", today),
        ]

    @api.depends_context("tz")
    @api.depends(
        "passkoop_status_stored", "passkoop_status_from", "passkoop_status_until"
    )
    def _compute_passkoop_status(self):
        # The three columns alone, not the partner's whole row by batches.
        self.fetch(STORED)
        today = fields.Date.context_today(self)
        outdated = self.filtered(
            lambda p: (p.passkoop_status_from or today) > today
            or (p.passkoop_status_until or today) < today
        )
        for partner in self - outdated:
            partner.passkoop_status = partner.passkoop_status_stored
        counts = outdated._passkoop_visit_counts()
        for partner in outdated:
            partner.passkoop_status = partner._passkoop_decide(
                counts.get(partner, 0), today
            )["status"]

    @api.depends_context("uid", "company", "tz", "lang")
    @api.depends(*RULE_INPUTS)
    def _compute_passkoop_status_text(self):
        visitors = self.filtered("passkoop_visitor_type")
        (self - visitors).passkoop_status_text = False
        today = fields.Date.context_today(self)
        for partner in visitors:
            partner.passkoop_status_text = partner._passkoop_evaluate(
                partner.passkoop_visit_count, today
            )["text"]

    def _search_passkoop_status(self, operator, value):
        if operator not in ("=", "!=", "in", "not in"):
            raise UserError(self.env._("Unsupported search on the visitor status."))
        values = [value] if isinstance(value, str) or not value else list(value)
        today = fields.Date.context_today(self)
        # Outdated statuses (days since the daily job) are evaluated again here.
        outdated = self.search(self._passkoop_status_outdated(today))
        domain = expression.OR(
            [
                expression.AND(
                    [
                        self._passkoop_status_holds(today),
                        [("passkoop_status_stored", "in", values)],
                    ]
                ),
                [
                    (
                        "id",
                        "in",
                        outdated.filtered(lambda p: p.passkoop_status in values).ids,
                    )
                ],
            ]
        )
        return domain if operator in ("=", "in") else ["!", *domain]

    @api.model
    def _passkoop_refresh_status(self):
        """Store again the statuses that no longer hold today (the daily job)."""
        today = fields.Date.context_today(self)
        outdated = self.with_context(active_test=False).search(
            self._passkoop_status_outdated(today)
        )
        for name in STORED:
            self.env.add_to_compute(self._fields[name], outdated)
        outdated.flush_recordset()
        return outdated
