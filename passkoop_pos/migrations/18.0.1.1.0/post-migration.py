# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).


def migrate(cr, version):
    """Visits recorded before 18.0.1.1.0 past a limit their policy lets the
    cashier confirm, from an order whose till said the cashier confirmed it:
    confirmed (passkoop_membership's migration said sold despite block)."""
    cr.execute(
        """
        UPDATE passkoop_visit v
           SET limit_outcome = 'confirmed'
          FROM pos_order o, passkoop_policy p
         WHERE o.id = v.pos_order_id
           AND p.id = v.policy_id
           AND o.passkoop_override
           AND p.limit_action = 'confirm'
           AND v.limit_outcome = 'sold_despite_block'
        """
    )
