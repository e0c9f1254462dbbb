"""Inside `odoo-bin shell` (see bench/saturday.py): a coop ready for its Saturday.

TILLS tills with an open session each, a product, VISITORS visitors shared by all
tills (every fifth one on a trial limited to TRIAL_VISITS visits, sales past the
limit confirmed by the cashier), then one JSON line of what the clients need.
TILLS, VISITORS and TRIAL_VISITS are set by a line put before this script.
"""

import json

# noqa: F821 below: env is given by odoo-bin shell, the numbers by the line above.
env = env(user=env.ref("base.user_admin").id)  # noqa: F821

company = env.company
company.passkoop_trial_policy_id.write(
    {"mode": "limited", "max_visits": TRIAL_VISITS, "limit_action": "confirm"}  # noqa: F821
)
coop = env["passkoop.coop"].create(
    {"name": "HendayaKoop", "code": "HENDAYA", "agreement_state": "active"}
)
visitors = env["res.partner"].create(
    [
        {
            "name": f"Visitor {n}",
            "passkoop_visitor_type": "trial" if n % 5 == 0 else "partner",
            "passkoop_coop_id": coop.id,
            "passkoop_consent": True,
        }
        for n in range(VISITORS)  # noqa: F821
    ]
)
# A customer who is no visitor: an order with a customer, Pass'Koop aside.
member = env["res.partner"].create({"name": "Member 1"})
product = env["product.product"].create(
    {
        "name": "Organic Lentils",
        "available_in_pos": True,
        "list_price": 4.0,
        "taxes_id": False,
    }
)
tills = []
for n in range(TILLS):  # noqa: F821
    # A cash drawer each: a cash journal belongs to one till.
    cash = env["pos.payment.method"].create(
        {
            "name": f"Cash {n + 1}",
            "is_cash_count": True,
            "journal_id": env["account.journal"]
            .create({"name": f"Cash till {n + 1}", "type": "cash", "code": f"SAT{n}"})
            .id,
        }
    )
    config = env["pos.config"].create(
        {"name": f"Till {n + 1}", "payment_method_ids": [(6, 0, cash.ids)]}
    )
    session = env["pos.session"].create({"config_id": config.id, "user_id": env.uid})
    session.set_opening_control(0, "")
    tills.append(
        {
            "config_id": config.id,
            "session_id": session.id,
            "pricelist_id": config.pricelist_id.id,
            "cash_id": cash.id,
        }
    )
env.cr.commit()
print(
    "SATURDAY "
    + json.dumps(
        {
            "tills": tills,
            "product_id": product.id,
            "coop_id": coop.id,
            "visitors": {v.id: v.passkoop_visitor_type for v in visitors},
            "member_id": member.id,
            "trial_visits": TRIAL_VISITS,  # noqa: F821
            "user_id": env.uid,
        }
    )
)
