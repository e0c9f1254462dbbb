# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).


def migrate(cr, version):
    """Visits recorded before 18.0.1.2.0 get their limit outcome from what was
    kept: within the limit when not flagged; past it, warned where the policy
    only warns, else sold despite block (a cashier's confirmation was not kept
    here: passkoop_pos's migration finds it on the order)."""
    cr.execute(
        """
        UPDATE passkoop_visit v
           SET limit_outcome = CASE
                   WHEN NOT COALESCE(v.over_limit, false) THEN 'within'
                   WHEN (SELECT p.limit_action FROM passkoop_policy p
                          WHERE p.id = v.policy_id) = 'warn' THEN 'warned'
                   ELSE 'sold_despite_block'
               END
         WHERE v.limit_outcome IS NULL
        """
    )
