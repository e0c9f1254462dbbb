# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, new_test_user


def in_french(env, modules=("passkoop_membership",), admin=False):
    """French in the test database (made in English): the language, the terms of
    ``modules`` (``"all"``: every installed module) and, with ``admin``, the
    administrator's language."""
    env["res.lang"]._activate_lang("fr_FR")
    if modules == "all":
        installed = env["ir.module.module"].search([("state", "=", "installed")])
        modules = installed.mapped("name")
    env["ir.module.module"]._load_module_terms(list(modules), ["fr_FR"], overwrite=True)
    if admin:
        env.ref("base.user_admin").lang = "fr_FR"


class PasskoopCase(TransactionCase):
    """A coop with its own policies, a partner coop, a cashier and an administrator."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.cashier = new_test_user(
            cls.env,
            login="passkoop_cashier",
            groups="base.group_user,passkoop_membership.group_passkoop_user",
        )
        cls.admin = new_test_user(
            cls.env,
            login="passkoop_admin",
            groups="base.group_user,passkoop_membership.group_passkoop_manager",
        )
        Policy = cls.env["passkoop.policy"]
        cls.partner_policy = Policy.create(
            {"name": "Partner-coop members", "visitor_type": "partner"}
        )
        cls.trial_policy = Policy.create(
            {
                "name": "Discovery card: 3 visits",
                "visitor_type": "trial",
                "mode": "limited",
                "max_visits": 3,
                "limit_action": "block",
            }
        )
        cls.company.write(
            {
                "passkoop_partner_policy_id": cls.partner_policy.id,
                "passkoop_trial_policy_id": cls.trial_policy.id,
            }
        )
        cls.coop = cls.env["passkoop.coop"].create(
            {"name": "HendayaKoop", "code": "HENDAYA", "agreement_state": "active"}
        )

    @classmethod
    def make_visitor(cls, name="Mathilde", visitor_type="partner", **vals):
        if visitor_type == "partner":
            vals.setdefault("passkoop_coop_id", cls.coop.id)
        return cls.env["res.partner"].create(
            {"name": name, "passkoop_visitor_type": visitor_type, **vals}
        )

    @staticmethod
    def add_visits(visitor, count, **vals):
        return visitor.env["passkoop.visit"].create(
            [{"partner_id": visitor.id, "amount": 10.0, **vals} for _i in range(count)]
        )
