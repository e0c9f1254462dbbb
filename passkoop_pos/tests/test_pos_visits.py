# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import importlib.util
import json
import re
import threading
from datetime import date
from pathlib import Path

from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo import fields
from odoo.modules.module import get_module_path
from odoo.tests import freeze_time, new_test_user, tagged
from odoo.tools import mute_logger
from odoo.tools.safe_eval import safe_eval

from odoo.addons.point_of_sale.tests.common import TestPoSCommon

from ..models.res_partner import VISITOR_FIELDS
from .common import FrenchCoop


@tagged("post_install", "-at_install")
class TestPosVisits(FrenchCoop, TestPoSCommon):
    """What the server does with the orders a till sends."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.config = cls.basic_config
        company = cls.env.company
        cls.coop = (
            cls.env["passkoop.coop"]
            .sudo()
            .create(
                {"name": "HendayaKoop", "code": "HENDAYA", "agreement_state": "active"}
            )
        )
        cls.mathilde = cls.env["res.partner"].create(
            {
                "name": "Mathilde",
                "passkoop_visitor_type": "partner",
                "passkoop_coop_id": cls.coop.id,
            }
        )
        cls.claire = cls.env["res.partner"].create(
            {"name": "Claire", "passkoop_visitor_type": "trial"}
        )
        cls.trial_policy = company.passkoop_trial_policy_id  # 3 visits, then block
        cls.product = cls.create_product("Lentils", cls.categ_basic, 4.0)

    def setUp(self):
        super().setUp()
        self.open_new_session()

    def sync(self, customer, lines=None, **order_vals):
        data = self.create_ui_order_data(
            lines or [(self.product, 2)], customer=customer
        )
        data.update(order_vals)
        result = self.env["pos.order"].sync_from_ui([data])
        return self.env["pos.order"].browse(result["pos.order"][0]["id"]), data, result

    def visitor_order(self, customer, **vals):
        return self.sync(
            customer,
            passkoop_visitor_type=customer.passkoop_visitor_type,
            passkoop_coop_id=customer.passkoop_coop_id.id,
            **vals,
        )

    def test_paid_visitor_order_records_one_visit(self):
        order, data, _result = self.visitor_order(self.mathilde)
        visit = order.passkoop_visit_id
        self.assertRecordValues(
            visit,
            [
                {
                    "partner_id": self.mathilde.id,
                    "coop_id": self.coop.id,
                    "amount": 8.0,
                    "origin": order.name,
                    "pos_order_id": order.id,
                    "over_limit": False,
                    "state": "done",
                }
            ],
        )
        # The till sends the same order again (it did not get the answer).
        self.env["pos.order"].sync_from_ui([data])
        self.assertEqual(
            self.env["passkoop.visit"].search_count(
                [("partner_id", "=", self.mathilde.id)]
            ),
            1,
        )

    def test_a_sale_after_midnight_by_a_cashier_with_no_time_zone(self):
        """A cashier whose user has no time zone (imported with the others, say)
        sells at 00:30 in Paris: the visit is of that day, as the coop lives it,
        not of UTC's day before (another month's figures on the 1st)."""
        self.env.company.partner_id.tz = "Europe/Paris"
        self.assertFalse(self.env.context.get("tz") or self.env.user.tz)
        with freeze_time("2026-11-30 23:30:00"):
            order, _data, _result = self.visitor_order(self.mathilde)
        self.assertEqual(order.passkoop_visit_id.date, date(2026, 12, 1))

    def test_plain_customer_order_records_no_visit(self):
        customer = self.env["res.partner"].create({"name": "Regular member"})
        order, _data, _result = self.sync(customer)
        self.assertFalse(order.passkoop_visit_id)
        self.assertFalse(
            self.env["passkoop.visit"].search([("partner_id", "=", customer.id)])
        )

    def test_a_visitor_chosen_from_the_customer_list_is_a_visitor(self):
        """The till's flag or not (Odoo's customer list, an older till, any RPC
        client), a paid order of a visitor records their visit."""
        order, _data, _result = self.sync(self.mathilde)
        self.assertEqual(order.passkoop_visit_id.partner_id, self.mathilde)
        self.assertRecordValues(
            order,
            [{"passkoop_visitor_type": "partner", "passkoop_coop_id": self.coop.id}],
        )

    def chatter(self, order):
        return " ".join(str(body) for body in order.message_ids.mapped("body"))

    def filter_finds(self, view_xmlid, name):
        """The records a search view's filter finds, as the web client asks."""
        view = self.env.ref(view_xmlid)
        Model = self.env[view.model]
        arch = etree.fromstring(Model.get_view(view.id, "search")["arch"])
        [node] = arch.xpath(f"//filter[@name='{name}']")
        return Model.search(safe_eval(node.get("domain")))

    def test_visit_past_the_limit_is_kept_and_flagged(self):
        """A policy that lets the cashier confirm: the sale they confirmed past
        the limit is kept, flagged confirmed, and said on the order."""
        self.trial_policy.sudo().limit_action = "confirm"
        for _i in range(3):
            self.visitor_order(self.claire)
        self.assertEqual(self.claire.passkoop_check()["action"], "confirm")
        order, _data, _result = self.visitor_order(self.claire, passkoop_override=True)
        self.assertRecordValues(
            order.passkoop_visit_id,
            [{"limit_outcome": "confirmed", "over_limit": True}],
        )
        self.assertEqual(self.claire.passkoop_check()["visit_count"], 4)
        # The audit trail says who confirmed it, on the order.
        self.assertIn(
            "confirmed the sale although the limit of Claire", self.chatter(order)
        )
        # The same policy, and no confirmation sent (a modified till, any RPC
        # client): not confirmed, sold despite block.
        order, _data, _result = self.visitor_order(self.claire)
        self.assertRecordValues(
            order.passkoop_visit_id,
            [{"limit_outcome": "sold_despite_block", "over_limit": True}],
        )
        self.assertNotIn("confirmed the sale", self.chatter(order))
        self.assertIn("although the policy blocks this sale", self.chatter(order))

    def test_a_confirmation_within_the_limit_is_no_confirmation(self):
        """A till that says the cashier confirmed a sale no limit stopped: the
        server records a visit within the limit, and says nothing of a limit."""
        order, _data, _result = self.visitor_order(self.claire, passkoop_override=True)
        self.assertTrue(order.passkoop_override)  # the till's claim, kept as such
        self.assertRecordValues(
            order.passkoop_visit_id, [{"limit_outcome": "within", "over_limit": False}]
        )
        self.assertNotIn("Koop", self.chatter(order))

    def test_sale_the_policy_blocks_is_kept_and_flagged(self):
        """A modified or outdated till sells to a visitor whose policy blocks
        the sale, and says the cashier confirmed it: the sale is kept, flagged
        sold despite block, said in the order's chatter, found by the filters."""
        for _i in range(3):
            self.visitor_order(self.claire)
        self.assertEqual(self.claire.passkoop_check()["action"], "block")
        order, _data, _result = self.visitor_order(self.claire, passkoop_override=True)
        self.assertEqual(order.state, "paid")
        visit = order.passkoop_visit_id
        self.assertRecordValues(
            visit, [{"limit_outcome": "sold_despite_block", "over_limit": True}]
        )
        chatter = self.chatter(order)
        self.assertNotIn("confirmed the sale", chatter)
        self.assertIn(
            "sold to Claire although the policy blocks this sale: "
            "Limit reached: 3 of 3 visits. The sale is kept, flagged as sold "
            "despite block.",
            chatter,
        )
        self.assertIn("The till says the cashier confirmed it", chatter)
        self.assertEqual(
            self.filter_finds(
                "point_of_sale.view_pos_order_filter", "passkoop_sold_despite_block"
            ),
            order,
        )
        self.assertEqual(
            self.filter_finds(
                "passkoop_membership.passkoop_visit_view_search", "sold_despite_block"
            ),
            visit,
        )

    def test_proof_asked_from_visit_2_is_checked_again_on_sync(self):
        """A policy that believes visitors at their first visit: two tills, both
        offline, each think they sell Mathilde's first visit without her
        membership number. The server counts both: the first on trust, the
        second sold although the policy asked the proof, kept and flagged."""
        self.env.company.passkoop_partner_policy_id.sudo().write(
            {"proof": "member_ref", "proof_from_visit": 2}
        )
        first, _data, _result = self.visitor_order(self.mathilde)
        second, _data, _result = self.visitor_order(self.mathilde)
        self.assertRecordValues(
            first.passkoop_visit_id | second.passkoop_visit_id,
            [
                {"limit_outcome": "within", "over_limit": False},
                {"limit_outcome": "sold_despite_block", "over_limit": True},
            ],
        )
        self.assertEqual(
            first.passkoop_terms,
            "Member terms, on trust: membership number asked from visit 2",
        )
        self.assertIn(
            "sold to Mathilde although the policy blocks this sale: The "
            "membership number at the home coop is required.",
            self.chatter(second),
        )
        self.mathilde.passkoop_member_ref = "4567"
        third, _data, _result = self.visitor_order(self.mathilde)
        self.assertEqual(third.passkoop_visit_id.limit_outcome, "within")
        self.assertEqual(third.passkoop_terms, "Member terms")

    def test_a_limit_that_only_warns(self):
        self.trial_policy.sudo().limit_action = "warn"
        for _i in range(3):
            self.visitor_order(self.claire)
        order, _data, _result = self.visitor_order(self.claire, passkoop_override=True)
        self.assertRecordValues(
            order.passkoop_visit_id, [{"limit_outcome": "warned", "over_limit": True}]
        )
        self.assertNotIn("confirmed the sale", self.chatter(order))

    def test_anonymous_visit_under_a_policy_with_a_limit_keeps_the_sale(self):
        """The coop's shared visitors' contact, sold to where its policy now sets
        a limit (a till that got the contact before, any RPC client): the sale
        is kept, flagged, and the order's chatter says why."""
        anonymous = self.coop._get_anonymous_partner()
        self.coop.sudo().policy_id = self.trial_policy.sudo().copy(
            {"name": "Partner coop: 3 visits", "visitor_type": "partner"}
        )
        order, _data, _result = self.visitor_order(anonymous)
        self.assertEqual((order.state, order.partner_id), ("paid", anonymous))
        self.assertRecordValues(
            order.passkoop_visit_id,
            [{"limit_outcome": "sold_despite_block", "over_limit": True}],
        )
        self.assertIn(
            "No anonymous visit under a policy with a limit: register the visitor",
            self.chatter(order),
        )

    def test_upgrade_gives_past_visits_their_limit_outcome(self):
        """Databases made before the limit outcome: the migrations of both
        addons give each visit the outcome the server gives now."""
        self.trial_policy.sudo().write({"max_visits": 1, "limit_action": "confirm"})
        self.coop.sudo().policy_id = self.trial_policy.sudo().copy(
            {"visitor_type": "partner", "limit_action": "warn"}
        )
        for visitor, override in (
            (self.claire, False),
            (self.claire, True),
            (self.claire, False),
            (self.mathilde, False),
            (self.mathilde, True),
        ):
            self.visitor_order(visitor, passkoop_override=override)
        visits = self.env["passkoop.visit"].search(
            [("partner_id", "in", (self.claire | self.mathilde).ids)]
        )
        outcomes = {visit: visit.limit_outcome for visit in visits}
        self.assertEqual(
            sorted(outcomes.values()),
            ["confirmed", "sold_despite_block", "warned", "within", "within"],
        )
        self.env.cr.execute(
            "UPDATE passkoop_visit SET limit_outcome = NULL WHERE id IN %s",
            [tuple(visits.ids)],
        )
        for addon, version in (
            ("passkoop_membership", "18.0.1.2.0"),
            ("passkoop_pos", "18.0.1.1.0"),
        ):
            path = (
                Path(get_module_path(addon)) / f"migrations/{version}/post-migration.py"
            )
            spec = importlib.util.spec_from_file_location("post_migration", path)
            migration = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(migration)
            migration.migrate(self.env.cr, "18.0.1.0.0")
        visits.invalidate_recordset()
        self.assertEqual({visit: visit.limit_outcome for visit in visits}, outcomes)

    def visitor_order_seen(self, customer, pattern, name):
        """The visitor's order synced, and its queries in order: ``name`` for
        each that matches ``pattern``, "numbered" where the French
        certification took its number."""
        numbering = self.env.company.l10n_fr_pos_cert_sequence_id
        seen = []

        def hook(cr, query, params, start, delay):
            query = str(query)
            if "FOR UPDATE NOWAIT" in query and params[0] == numbering.id:
                seen.append("numbered")
            elif re.search(pattern, query):
                seen.append(name)

        thread = threading.current_thread()
        thread.query_hooks = [*getattr(thread, "query_hooks", ()), hook]
        try:
            order, _data, result = self.visitor_order(customer)
        finally:
            thread.query_hooks.remove(hook)
        return order, result, seen

    def test_the_visit_is_recorded_before_the_sale_is_numbered(self):
        # The French certification numbers the company's sales in one chain:
        # its number's row stays locked until the sync ends, so that the tills'
        # sales take it one at a time and a till that finds it taken replays
        # its whole sync. A visit recorded after the number made every till
        # wait for it (bench/bench_saturday.py); it is recorded before.
        order, _result, seen = self.visitor_order_seen(
            self.mathilde, r'^INSERT INTO "passkoop_visit"', "visit"
        )
        self.assertEqual(seen, ["visit", "numbered"])
        self.assertTrue(
            order.passkoop_visit_id and order.l10n_fr_secure_sequence_number
        )

    def test_a_visitors_sync_counts_their_visits_once_before_the_number(self):
        # The visit, the status stored again and the till's answer each need the
        # visitor's count; counted once, under the visitor's lock, before the
        # certification's number (while a sync holds it, the company's other
        # tills wait): each count was a query, two of them while holding it.
        self.visitor_order(self.claire)
        self.visitor_order(self.claire)
        _order, result, seen = self.visitor_order_seen(
            self.claire, r'(?is)count\(\*\).* FROM "?passkoop_visit\b', "counted"
        )
        self.assertEqual(seen, ["counted", "numbered"])
        answer = {p["id"]: p for p in result["res.partner"]}[self.claire.id]
        self.assertEqual(answer["passkoop_visit_count"], 3)
        self.assertEqual(self.claire.passkoop_status_stored, "limit_reached")

    def test_an_order_the_till_sends_paid_records_one_visit(self):
        # Odoo 18's till sends the state it shows: "paid" (payment_screen.js).
        order, data, _result = self.visitor_order(self.mathilde, state="paid")
        self.assertEqual(order.passkoop_visit_id.origin, order.name)
        self.env["pos.order"].sync_from_ui([data])
        self.assertEqual(self.mathilde.passkoop_visit_count, 1)

    def test_an_order_left_unpaid_records_no_visit(self):
        # Odoo keeps an order whose payments fall short as a draft (and logs
        # it: the sync goes on); its visitor did not visit.
        data = self.create_ui_order_data([(self.product, 2)], customer=self.mathilde)
        data["payment_ids"][0][2]["amount"] = 1.0  # of 8.00
        data.update(passkoop_visitor_type="partner", passkoop_coop_id=self.coop.id)
        with mute_logger("odoo.addons.point_of_sale.models.pos_order"):
            result = self.env["pos.order"].sync_from_ui([data])
        order = self.env["pos.order"].browse(result["pos.order"][0]["id"])
        self.assertEqual(order.state, "draft")
        self.assertFalse(order.passkoop_visit_id)
        self.assertEqual(self.mathilde.passkoop_visit_count, 0)

    def test_sync_answer_carries_fresh_counters(self):
        self.visitor_order(self.claire)
        _order, _data, result = self.visitor_order(self.claire)
        partners = {p["id"]: p for p in result["res.partner"]}
        self.assertEqual(partners[self.claire.id]["passkoop_visit_count"], 2)

    def offline_registration(self, **vals):
        """An order paid at a till that registered its visitor while offline."""
        registration = {
            "uid": vals.pop("uid", "a-till-uid"),
            "name": "Léa Martin",
            "email": "lea@example.org",
            "passkoop_consent": True,
            "passkoop_visitor_type": "trial",
            **vals,
        }
        return self.sync(
            False,
            passkoop_visitor_type="trial",
            passkoop_registration=json.dumps(registration),
        )

    def test_visitor_registered_offline_is_saved_with_the_order(self):
        order, _data, result = self.offline_registration()
        lea = order.partner_id
        self.assertRecordValues(
            lea,
            [
                {
                    "name": "Léa Martin",
                    "email": "lea@example.org",
                    "passkoop_visitor_type": "trial",
                    "passkoop_consent": True,
                    "company_id": self.env.company.id,
                }
            ],
        )
        self.assertEqual(order.passkoop_visit_id.partner_id, lea)
        self.assertEqual(order.passkoop_terms, "Trial visit 1 of 3")
        # Their details are kept once, on them; the till gets the real record.
        self.assertFalse(order.passkoop_registration)
        self.assertIn(lea.id, [partner["id"] for partner in result["res.partner"]])

    def test_two_tills_registering_the_same_person_offline_make_one_visitor(self):
        first, _data, _result = self.offline_registration(uid="till-1")
        second, _data, _result = self.offline_registration(
            uid="till-2", name="Lea MARTIN", email="LEA@example.org"
        )
        self.assertEqual(second.partner_id, first.partner_id)
        self.assertEqual(first.partner_id.passkoop_visit_count, 2)
        self.assertEqual(second.passkoop_terms, "Trial visit 2 of 3")
        # Also by card number, or by membership number at the same coop.
        by_card = self.offline_registration(
            uid="till-3", email="", passkoop_card_ref="COOPALIM-7"
        )[0]
        self.assertEqual(
            self.offline_registration(
                uid="till-4",
                name="Another name",
                email="",
                passkoop_card_ref="COOPALIM-7",
            )[0].partner_id,
            by_card.partner_id,
        )
        member = {
            "passkoop_visitor_type": "partner",
            "passkoop_coop_id": self.coop.id,
            "passkoop_member_ref": "H-12",
            "email": "",
        }
        self.assertEqual(
            self.offline_registration(uid="till-5", **member)[0].partner_id,
            self.offline_registration(uid="till-6", name="Samir", **member)[
                0
            ].partner_id,
        )

    def test_offline_registration_refused_by_the_server_keeps_the_sale(self):
        visits = self.env["passkoop.visit"].search_count([])
        for label, registration in {
            "no consent": {"passkoop_consent": False},
            "no name": {"name": ""},
            "a coop of no one": {
                "passkoop_visitor_type": "partner",
                "passkoop_coop_id": 999_999,
            },
        }.items():
            with self.subTest(label):
                order, _data, _result = self.offline_registration(**registration)
                self.assertEqual(order.state, "paid")
                self.assertFalse(order.partner_id)
                self.assertIn(
                    "could not be saved",
                    str(order.message_ids[:1].body),
                )
        # Garbage instead of a registration: the sale is kept too.
        order, _data, _result = self.sync(
            False, passkoop_visitor_type="trial", passkoop_registration="{not json"
        )
        self.assertEqual(order.state, "paid")
        self.assertEqual(self.env["passkoop.visit"].search_count([]), visits)

    def refund(self, order, quantity):
        line = order.lines[0]
        return self.sync(
            order.partner_id,
            lines=[
                {
                    "product": self.product,
                    "quantity": -quantity,
                    "refunded_orderline_id": line.id,
                }
            ],
        )[0]

    def test_full_refund_cancels_the_visit(self):
        order, _data, _result = self.visitor_order(self.claire)
        self.refund(order, 1)
        self.assertEqual(order.passkoop_visit_id.state, "done")
        refund = self.refund(order, 1)
        self.assertEqual(refund.refunded_order_id, order)
        self.assertEqual(order.passkoop_visit_id.state, "cancelled")
        self.assertFalse(refund.passkoop_visit_id)
        self.assertEqual(self.claire.passkoop_check()["visit_count"], 0)

    def test_analysis_deducts_partial_refunds_and_names_the_till(self):
        order, _data, _result = self.visitor_order(self.claire)  # 2 x 4.0
        self.refund(order, 1)
        report = self.env["passkoop.visit.report"].sudo()  # an administrator reads it
        row = report.search([("partner_id", "=", self.claire.id)])
        self.assertRecordValues(row, [{"amount": 4.0, "config_id": self.config.id}])
        self.refund(order, 1)
        self.assertFalse(report.search([("partner_id", "=", self.claire.id)]))

    def test_till_sales_count_in_the_non_member_share(self):
        self.visitor_order(self.claire)  # 8.0 to a visitor
        self.sync(self.env["res.partner"].create({"name": "A member"}))  # 8.0
        share = self.env.company._passkoop_nonmember_share()
        self.assertEqual(
            (share["total_sales"], share["visitor_sales"], share["share"]),
            (16.0, 8.0, 50.0),
        )

    def test_till_loads_the_visitors_it_may_meet(self):
        # A busy coop: the till preloads only its most frequent customers.
        self.env["ir.config_parameter"].sudo().set_param(
            "point_of_sale.limited_customer_count", 1
        )
        old = self.env["res.partner"].create(
            {
                "name": "Seen long ago",
                "passkoop_visitor_type": "trial",
                "passkoop_registration_date": fields.Date.today()
                - relativedelta(years=2),
            }
        )
        returning = self.env["res.partner"].create(
            {
                "name": "Came back last month",
                "passkoop_visitor_type": "trial",
                "passkoop_registration_date": fields.Date.today()
                - relativedelta(years=2),
            }
        )
        returning.passkoop_register_visit(
            date=fields.Date.today() - relativedelta(months=1)
        )
        data = self.pos_session.load_data([])
        loaded = {p["id"]: p for p in data["res.partner"]["data"]}
        self.assertIn(self.mathilde.id, loaded)
        self.assertIn(returning.id, loaded)
        self.assertNotIn(old.id, loaded)
        self.assertEqual(loaded[returning.id]["passkoop_visit_count"], 1)
        self.assertEqual(loaded[self.mathilde.id]["passkoop_coop_id"], self.coop.id)
        self.assertIn(self.coop.id, [c["id"] for c in data["passkoop.coop"]["data"]])
        policies = {p["id"] for p in data["passkoop.policy"]["data"]}
        self.assertIn(self.trial_policy.id, policies)

    def test_visitors_loaded_as_read_gives_them(self):
        """The till gets of each visitor it loads besides core's customers what
        read() gives (one query instead), empty values included."""
        self.env["ir.config_parameter"].sudo().set_param(
            "point_of_sale.limited_customer_count", 1
        )
        bare = self.env["res.partner"].create(
            {"name": "Nobody yet", "passkoop_visitor_type": "trial"}
        )
        known = self.env["res.partner"].create(
            {
                "name": "Maite",
                "email": "maite@example.org",
                "barcode": "PK-0042",
                "lang": "en_US",
                "passkoop_visitor_type": "partner",
                "passkoop_coop_id": self.coop.id,
                "passkoop_member_ref": "HK-42",
                "passkoop_card_ref": "PK1:TOKEN",
                "company_id": self.env.company.id,
            }
        )
        known.passkoop_register_visit(amount=4.0)
        known.passkoop_register_visit(amount=2.0).sudo().action_cancel()
        data = self.pos_session.load_data([])
        loaded = {p["id"]: p for p in data["res.partner"]["data"]}
        for visitor in (known, bare):
            with self.subTest(visitor=visitor.name):
                [read] = visitor.read(VISITOR_FIELDS, load=False)
                self.assertEqual(loaded[visitor.id], read)
        self.assertEqual(loaded[known.id]["passkoop_visit_count"], 1)
        self.assertIs(loaded[bare.id]["email"], False)

    def test_till_without_passkoop_loads_nothing_of_it(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "point_of_sale.limited_customer_count", 1
        )
        self.config.passkoop_enabled = False
        data = self.pos_session.load_data([])
        self.assertNotIn("passkoop.coop", data)
        self.assertNotIn(self.claire.id, [p["id"] for p in data["res.partner"]["data"]])

    def test_every_cashier_may_welcome_visitors(self):
        cashier = new_test_user(
            self.env, login="volunteer_cashier", groups="point_of_sale.group_pos_user"
        )
        self.assertTrue(cashier.has_group("passkoop_membership.group_passkoop_user"))
