# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import copy
import json
from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, new_test_user, tagged
from odoo.tools.misc import file_open

from ..tools import card_format
from .common import PasskoopCase

TODAY = date(2026, 11, 29)


def load_vectors():
    with file_open("passkoop_membership/static/tests/card_vectors.json") as vectors:
        return json.load(vectors)


VECTORS = load_vectors()
SEEDS = {kid: bytes.fromhex(key["seed_hex"]) for kid, key in VECTORS["keys"].items()}


def entry(kid="K1", seed=None, **changes):
    """HendayaKoop's directory entry of the vectors, changed and signed again."""
    payload = {**copy.deepcopy(VECTORS["directory"]["entry"]), **changes}
    return card_format.entry_document(seed or SEEDS[kid], kid, payload)


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestCardFormat(PasskoopCase):
    """The open formats, on every vector of card-vectors.json."""

    def test_every_card_vector(self):
        coop = self.env["passkoop.coop"].passkoop_import_directory(
            VECTORS["directory"]["jws"]
        )
        self.assertEqual(len(VECTORS["cards"]), 14)
        Partner = self.env["res.partner"].with_user(self.cashier)
        for vector in VECTORS["cards"]:
            with self.subTest(vector=vector["name"]):
                result = Partner.passkoop_verify_card(vector["token"], VECTORS["today"])
                self.assertEqual(result["reason_code"], vector["reason_code"])
                self.assertEqual(result["valid"], vector["reason_code"] == "ok")
                self.assertTrue(result["reason"])
                if vector["reason_code"] not in ("malformed", "unknown_issuer"):
                    self.assertEqual(result["coop_id"], coop.id)
        valid = Partner.passkoop_verify_card(VECTORS["cards"][0]["token"])
        self.assertEqual(
            {
                k: valid[k]
                for k in ("member_ref", "serial", "valid_until", "partner_id")
            },
            {
                "member_ref": "4567",
                "serial": "000123",
                "valid_until": "2027-12-31",
                "partner_id": False,
            },
        )
        self.assertIn("HendayaKoop", valid["reason"])

    def test_we_write_what_the_vectors_hold(self):
        """Deterministic Ed25519: our writer gives the vectors byte for byte."""
        self.assertEqual(entry(), VECTORS["directory"]["jws"])
        for kid, key in VECTORS["keys"].items():
            public = card_format.public_key(SEEDS[kid])
            self.assertEqual(card_format.b32encode(public), key["public_key"])
        token = card_format.card_token(
            SEEDS["K1"], "HENDAYAKOOP", "K1", "000123", "4567", date(2027, 12, 31)
        )
        self.assertEqual(token, VECTORS["cards"][0]["token"])

    def test_verify_never_raises(self):
        self.env["passkoop.coop"].passkoop_import_directory(VECTORS["directory"]["jws"])
        Partner = self.env["res.partner"].with_user(self.cashier)
        valid = VECTORS["cards"][0]["token"]
        for token in (
            None,
            42,
            "",
            "PK1::::::",
            valid[:-1] + "=",
            valid + ":",
            valid.replace("HENDAYAKOOP", "HÉNDAYAKOOP"),
            "PK1:" + "A" * 100_000,
            "<script>alert(1)</script>",
            ["PK1"],
        ):
            with self.subTest(token=str(token)[:40]):
                result = Partner.passkoop_verify_card(token, "not a date")
                self.assertFalse(result["valid"])
                self.assertEqual(result["reason_code"], "malformed")


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestDirectoryImport(PasskoopCase):
    """The trust rules of card-format.md."""

    def verify(self, token):
        return self.env["res.partner"].passkoop_verify_card(token)["reason_code"]

    def test_first_import_creates_the_coop_in_draft_and_trusts_its_keys(self):
        coop = (
            self.env["passkoop.coop"]
            .with_user(self.admin)
            .passkoop_import_directory(VECTORS["directory"]["jws"])
        )
        self.assertRecordValues(
            coop,
            [
                {
                    "code": "HENDAYAKOOP",
                    "name": "HendayaKoop",
                    "city": "Hendaye",
                    "agreement_state": "draft",
                    "revoked_count": 1,
                    "company_id": self.company.id,
                    "has_pending_entry": False,
                }
            ],
        )
        self.assertEqual(coop.key_ids.mapped("state"), ["trusted", "trusted"])
        fingerprint = coop.key_ids[0].fingerprint
        self.assertRegex(fingerprint, r"^([0-9A-F]{4} ){7}[0-9A-F]{4}$")

    def test_update_signed_by_a_trusted_key_applies(self):
        Coop = self.env["passkoop.coop"]
        coop = Coop.passkoop_import_directory(VECTORS["directory"]["jws"])
        card = VECTORS["cards"][0]["token"]
        self.assertEqual(self.verify(card), "ok")
        later = entry(
            kid="K2", revoked=["000045", "000123"], issued_at="2026-11-30T08:00:00Z"
        )
        self.assertEqual(Coop.passkoop_import_directory(later), coop)
        self.assertEqual(self.verify(card), "revoked")
        # Replaying the older entry does not bring the card back.
        Coop.passkoop_import_directory(VECTORS["directory"]["jws"])
        self.assertEqual(self.verify(card), "revoked")
        self.assertEqual(coop.revoked_count, 2)

    def test_key_change_signed_by_an_unknown_key_waits_for_an_administrator(self):
        Coop = self.env["passkoop.coop"]
        coop = Coop.passkoop_import_directory(VECTORS["directory"]["jws"])
        new_seed = bytes(range(32))
        new_key = card_format.b32encode(card_format.public_key(new_seed))
        takeover = entry(
            kid="K3",
            seed=new_seed,
            keys=[
                {
                    "kid": "K3",
                    "public_key": new_key,
                    "valid_from": None,
                    "valid_until": None,
                }
            ],
            revoked=[],
            issued_at="2026-11-30T08:00:00Z",
        )
        forged = card_format.card_token(
            new_seed, "HENDAYAKOOP", "K3", "000999", "4567", date(2027, 1, 1)
        )
        self.assertEqual(Coop.passkoop_import_directory(takeover), coop)
        self.assertTrue(coop.has_pending_entry)
        self.assertEqual(
            coop.key_ids.filtered(lambda k: k.state == "pending").kid, "K3"
        )
        self.assertEqual(self.verify(forged), "unknown_key")
        self.assertEqual(coop.revoked_count, 1, "nothing of it applies yet")
        with self.assertRaises(AccessError):
            coop.with_user(self.cashier).action_confirm_directory()
        coop.with_user(self.admin).action_confirm_directory()
        self.assertFalse(coop.has_pending_entry)
        self.assertEqual(coop.key_ids.kid, "K3")
        self.assertEqual(self.verify(forged), "ok")
        self.assertEqual(self.verify(VECTORS["cards"][0]["token"]), "unknown_key")

    def test_refused_key_change_leaves_the_trusted_keys(self):
        Coop = self.env["passkoop.coop"]
        coop = Coop.passkoop_import_directory(VECTORS["directory"]["jws"])
        new_seed = bytes(range(32))
        keys = [
            {
                "kid": "K1",
                "public_key": card_format.b32encode(card_format.public_key(new_seed)),
                "valid_from": None,
                "valid_until": None,
            }
        ]
        Coop.passkoop_import_directory(
            entry(seed=new_seed, keys=keys, issued_at="2026-12-01T00:00:00Z")
        )
        self.assertTrue(coop.has_pending_entry)
        coop.action_discard_directory()
        self.assertFalse(coop.has_pending_entry)
        self.assertEqual(coop.key_ids.mapped("state"), ["trusted", "trusted"])
        self.assertEqual(self.verify(VECTORS["cards"][0]["token"]), "ok")

    def test_what_is_not_an_entry_is_refused_and_writes_nothing(self):
        Coop = self.env["passkoop.coop"].with_context(active_test=False)
        good = VECTORS["directory"]["jws"]
        head, payload, sig = good.split(".")
        short_key = card_format.b32encode(b"\x01" * 31)
        cases = {
            "empty": "",
            "not text": b"\xff\xfe",
            "a product list": "apples;2.5\npears;3\n",
            "truncated": good[: len(good) // 2],
            "signature of another document": f"{head}.{payload}.{sig[:-4]}AAAA",
            "key of the wrong length": entry(
                keys=[{"kid": "K1", "public_key": short_key}]
            ),
            "signed with a key it does not list": entry(
                kid="K2", keys=[VECTORS["directory"]["entry"]["keys"][0]]
            ),
            "lower-case code": entry(code="hendayakoop"),
            "no name": entry(name=""),
            "bad date": entry(issued_at="yesterday"),
            "bad revoked list": entry(revoked="000045"),
            "wrong format": entry(format="passkoop-directory/9"),
            "huge": "x" * 3_000_000,
        }
        for label, document in cases.items():
            with self.subTest(case=label):
                count = Coop.search_count([])
                with self.assertRaisesRegex(UserError, "Pass'Koop directory entry"):
                    Coop.passkoop_import_directory(document)
                self.assertEqual(Coop.search_count([]), count)

    def test_our_own_entry_is_refused_in_words(self):
        """Our own coop is no partner of ours: its entry (the one we publish at
        /passkoop/directory.jws) is refused, by the model and the wizard alike,
        and nothing is written."""
        ours = self.company.passkoop_export_directory()
        code = self.company.passkoop_code
        Coop = self.env["passkoop.coop"].with_user(self.admin)
        said = rf"This is the directory entry of our own coop \({code}\)"
        with self.assertRaisesRegex(UserError, said):
            Coop.passkoop_import_directory(ours)
        wizard = (
            self.env["passkoop.directory.import"]
            .with_user(self.admin)
            .create({"file": base64.b64encode(ours.encode())})
        )
        for action in (wizard.action_preview, wizard.action_import):
            with self.subTest(action=action.__name__):
                with self.assertRaisesRegex(UserError, said):
                    action()
        self.assertFalse(
            Coop.with_context(active_test=False).search([("code", "=", code)])
        )
        # A partner's entry still comes in.
        self.assertTrue(Coop.passkoop_import_directory(VECTORS["directory"]["jws"]))

    def test_import_from_a_file_in_the_back_office(self):
        Wizard = self.env["passkoop.directory.import"].with_user(self.admin)
        wizard = Wizard.create(
            {"file": base64.b64encode(VECTORS["directory"]["jws"].encode())}
        )
        wizard.action_preview()
        self.assertFalse(
            self.env["passkoop.coop"].search([("code", "=", "HENDAYAKOOP")])
        )
        self.assertRecordValues(
            wizard, [{"code": "HENDAYAKOOP", "name": "HendayaKoop", "city": "Hendaye"}]
        )
        self.assertEqual(len(wizard.keys_text.splitlines()), 2)
        action = wizard.action_import()
        coop = self.env["passkoop.coop"].browse(action["res_id"])
        self.assertEqual((coop.code, coop.agreement_state), ("HENDAYAKOOP", "draft"))
        self.assertIn(coop.key_ids[0].fingerprint, wizard.keys_text)
        # The same file again: an update of the coop already known.
        again = Wizard.create({"file": wizard.file})
        again.action_preview()
        self.assertEqual(again.coop_id, coop)
        for vals in ({"file": base64.b64encode(b"\x00\xff not an entry")}, {}):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                Wizard.create(vals).action_preview()


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestCardIssue(PasskoopCase):
    """Our coop issues cards to its members."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.passkoop_code = "mycoop"
        cls.member = cls.env["res.partner"].create({"name": "Lucie", "ref": "m 42"})

    def test_issue_signs_a_card_partners_can_check(self):
        card = self.member.with_user(self.admin).passkoop_issue_card()
        self.assertEqual(self.company.passkoop_code, "MYCOOP")
        parsed = card_format.parse_card(card.token)
        self.assertEqual(
            (parsed.issuer, parsed.kid, parsed.serial, parsed.member, parsed.until),
            ("MYCOOP", "K1", card.serial, "M-42", date(2027, 11, 29)),
        )
        self.assertRegex(card.serial, r"^[0-9]{6}$")
        key = self.company.passkoop_signing_key_ids
        self.assertTrue(
            card_format.verify(
                card_format.b32decode(key.public_key), parsed.signed, parsed.signature
            )
        )
        # The card's QR code stays in alphanumeric mode: small enough to scan.
        self.assertIn(b"<svg", card._qr_svg())

    def test_issuing_again_revokes_the_previous_card(self):
        first = self.member.passkoop_issue_card()
        second = self.member.passkoop_issue_card(valid_until="2027-06-30")
        self.assertEqual((first.state, second.state), ("revoked", "active"))
        self.assertNotEqual(first.serial, second.serial)
        self.assertEqual(second.valid_until, date(2027, 6, 30))
        self.assertEqual(self.member.passkoop_card_count, 2)

    def test_card_lasts_until_the_end_of_the_membership(self):
        product = self.env["product.product"].create(
            {
                "name": "Membership 2027",
                "membership": True,
                "membership_date_from": "2026-01-01",
                "membership_date_to": "2027-03-31",
                "list_price": 10,
            }
        )
        self.member.create_membership_invoice(product, 10)
        self.assertEqual(self.member.membership_stop, date(2027, 3, 31))
        self.assertEqual(
            self.member.passkoop_issue_card().valid_until, date(2027, 3, 31)
        )

    def test_batch_issue_from_the_members_list(self):
        members = self.env["res.partner"].create(
            [{"name": f"Member {n}"} for n in range(30)]
        )
        action = members.with_user(self.admin).action_passkoop_issue_cards()
        cards = self.env["passkoop.card"].search(action["domain"])
        self.assertEqual(len(cards), 30)
        self.assertEqual(len(set(cards.mapped("serial"))), 30)
        self.assertEqual(set(cards.mapped("member_ref")), {str(m.id) for m in members})

    def test_what_cannot_be_issued(self):
        visitor = self.make_visitor()
        with self.assertRaisesRegex(UserError, "visitor"):
            visitor.passkoop_issue_card()
        self.member.ref = "n°42/b"
        with self.assertRaisesRegex(UserError, "cannot be printed"):
            self.member.passkoop_issue_card()
        self.assertFalse(self.env["passkoop.card"].search([]))

    def test_the_code_comes_from_the_coops_name_and_stays(self):
        self.company.write({"passkoop_code": False, "name": "La Coop' d'Hendaye"})
        card = self.member.passkoop_issue_card()
        self.assertEqual(self.company.passkoop_code, "LACOOPDHENDAYE")
        self.assertTrue(card.token.startswith("PK1:LACOOPDHENDAYE:K1:"))
        with self.assertRaisesRegex(UserError, "Your cards carry the code"):
            self.company.passkoop_code = "OTHER"
        card.action_revoke()
        self.company.passkoop_code = "OTHER"

    def test_each_fingerprint_says_what_to_do_with_it(self):
        """Our own key's fingerprint is to give; a partner's, to compare (our
        key's tooltip spoke of "the one your partner gives you")."""
        ours = self.env["passkoop.signing.key"].fields_get(["fingerprint"])
        theirs = self.env["passkoop.coop.key"].fields_get(["fingerprint"])
        self.assertIn("Give it to your partner coops", ours["fingerprint"]["help"])
        self.assertNotIn("your partner gives you", ours["fingerprint"]["help"])
        self.assertIn("your partner gives you", theirs["fingerprint"]["help"])
        key = self.env.company.passkoop_generate_key()
        signing_key = self.env["passkoop.signing.key"].search([("kid", "=", key)])
        self.assertTrue(signing_key.fingerprint)  # still computed

    def test_cards_and_keys_cannot_be_rewritten_by_rpc(self):
        card = self.member.passkoop_issue_card()
        key = self.company.passkoop_signing_key_ids
        as_admin = card.with_user(self.admin)
        for vals in (
            {"valid_until": "2099-12-31"},
            {"member_ref": "999"},
            {"token": "PK1:forged"},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                as_admin.write(vals)
        as_admin.action_revoke()
        with self.assertRaises(UserError):
            as_admin.write({"state": "active"})
        self.assertEqual((card.state, card.member_ref), ("revoked", "M-42"))
        with self.assertRaises(UserError):
            key.with_user(self.admin).write({"public_key": "A" * 52})
        key.with_user(self.admin).write({"valid_until": "2030-01-01"})
        self.assertEqual(str(key.valid_until), "2030-01-01")

    def test_private_keys_are_for_system_administrators_only(self):
        self.company.passkoop_generate_key()
        key = self.company.passkoop_signing_key_ids
        self.assertTrue(key.sudo().private_key)
        for user in (self.admin, self.cashier):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                key.with_user(user).read(["private_key"])
        self.assertTrue(key.with_user(self.admin).fingerprint)
        system = new_test_user(
            self.env, login="passkoop_it", groups="base.group_system"
        )
        self.assertTrue(key.with_user(system).private_key)

    def test_only_administrators_add_signing_keys(self):
        """Any RPC client may call passkoop_generate_key(): a cashier, or an
        administrator of another company, adds no key (it would sign cards)."""
        other = self.env["res.company"].create({"name": "Autre coop"})
        elsewhere = new_test_user(
            self.env,
            login="passkoop_admin_elsewhere",
            groups="base.group_user,passkoop_membership.group_passkoop_manager",
            company_id=other.id,
            company_ids=[(6, 0, other.ids)],
        )
        for user in (self.cashier, elsewhere):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.company.with_user(user).passkoop_generate_key()
        self.assertFalse(self.company.passkoop_signing_key_ids)
        self.assertEqual(
            self.company.with_user(self.admin).passkoop_generate_key(), "K1"
        )

    def test_a_new_key_signs_while_the_retired_one_keeps_its_cards(self):
        old_card = self.member.passkoop_issue_card()
        self.assertEqual(self.company.passkoop_generate_key(), "K2")
        other = self.env["res.partner"].create({"name": "Bruno"})
        self.assertEqual(
            card_format.parse_card(other.passkoop_issue_card().token).kid, "K2"
        )
        k1 = self.company.passkoop_signing_key_ids.filtered(lambda k: k.kid == "K1")
        k1.action_retire()
        self.assertEqual(k1.valid_until, old_card.valid_until)
        kids = [k["kid"] for k in self._exported_entry()["keys"]]
        self.assertEqual(kids, ["K1", "K2"])

    def test_our_own_card_is_no_partners_card_and_says_so(self):
        """card-format.md: unknown_issuer (we are no partner of ours), in words
        that tell the cashier it is one of our members."""
        token = self.member.passkoop_issue_card().token
        result = self.env["res.partner"].passkoop_verify_card(token)
        self.assertEqual(result["reason_code"], "unknown_issuer")
        self.assertEqual(
            result["reason"], "A card of our own coop: a member, not a visitor."
        )

    def test_the_entry_says_how_this_coop_welcomes_visitors(self):
        """From the company's own policies: partner-coop members and discovery."""
        self.member.passkoop_issue_card()
        self.assertEqual(
            self._exported_entry()["welcome"],
            {
                "partner": "member_terms",
                "trial": "limited",
                "summary": "Members of partner coops shop on member terms. "
                "Discovery visits: 3 visits.",
            },
        )
        self.partner_policy.write(
            {"mode": "limited", "max_visits": 4, "period_days": 60}
        )
        self.trial_policy.mode = "refused"
        self.assertEqual(
            self._exported_entry()["welcome"]["summary"],
            "Members of partner coops may shop here: 4 visits in 60 days. "
            "No discovery visits.",
        )

    def _exported_entry(self):
        _h, payload, _i, _s = card_format.read_document(
            self.company.passkoop_export_directory()
        )
        return payload


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestTwoCoops(PasskoopCase):
    """Coop A issues, coop B imports A's entry and checks A's members' cards."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.passkoop_code = "COOPA"
        cls.company_b = cls.env["res.company"].create({"name": "Coop B"})
        cls.env.user.company_ids |= cls.company_b
        cls.member = cls.env["res.partner"].create(
            {"name": "Lucie", "ref": "A-7", "company_id": cls.company.id}
        )

    def b_env(self):
        return self.env(
            context=dict(self.env.context, allowed_company_ids=[self.company_b.id])
        )

    def test_a_card_of_a_checked_by_b(self):
        card = self.member.passkoop_issue_card()
        revoked = self.env["res.partner"].create({"name": "Zoé"}).passkoop_issue_card()
        revoked.action_revoke()
        entry_a = self.company.passkoop_export_directory()
        env_b = self.b_env()
        coop_a = env_b["passkoop.coop"].passkoop_import_directory(entry_a)
        self.assertEqual(coop_a.company_id, self.company_b)
        Partner = env_b["res.partner"]
        check = Partner.passkoop_verify_card(card.token)
        self.assertEqual((check["reason_code"], check["coop_id"]), ("ok", coop_a.id))
        self.assertEqual(check["member_ref"], "A-7")
        self.assertEqual(
            Partner.passkoop_verify_card(revoked.token)["reason_code"], "revoked"
        )
        # Company A does not know itself as a partner: the card means nothing there.
        self.assertEqual(
            self.env["res.partner"].passkoop_verify_card(card.token)["reason_code"],
            "unknown_issuer",
        )
        # A revokes the card, B gets the next entry: refused.
        card.action_revoke()
        env_b["passkoop.coop"].passkoop_import_directory(
            self.company.passkoop_export_directory()
        )
        self.assertEqual(
            Partner.passkoop_verify_card(card.token)["reason_code"], "revoked"
        )

    def test_an_entry_changed_in_the_same_second_is_newer(self):
        """Time is frozen: a revocation right after an export still makes a newer
        entry, and the older one replayed does not bring the card back."""
        card = self.member.passkoop_issue_card()
        first = self.company.passkoop_export_directory()
        self.assertEqual(first, self.company.passkoop_export_directory())
        env_b = self.b_env()
        env_b["passkoop.coop"].passkoop_import_directory(first)
        card.action_revoke()
        second = self.company.passkoop_export_directory()
        issued = [
            card_format.read_document(entry)[1]["issued_at"]
            for entry in (first, second)
        ]
        self.assertLess(issued[0], issued[1])
        Coop = env_b["passkoop.coop"]
        Coop.passkoop_import_directory(second)
        Coop.passkoop_import_directory(first)
        check = env_b["res.partner"].passkoop_verify_card(card.token)
        self.assertEqual(check["reason_code"], "revoked")

    def test_a_new_key_reaches_partners_without_a_click(self):
        """The entry is signed by the key B trusts, and vouches for A's new key."""
        env_b = self.b_env()
        coop_a = env_b["passkoop.coop"].passkoop_import_directory(
            self.company.passkoop_export_directory()
        )
        self.assertEqual(self.company.passkoop_generate_key(), "K2")
        card = self.member.passkoop_issue_card()
        self.assertEqual(card.key_id.kid, "K2")
        coop_a.passkoop_import_directory(self.company.passkoop_export_directory())
        self.assertFalse(coop_a.has_pending_entry)
        self.assertEqual(coop_a.key_ids.mapped("kid"), ["K1", "K2"])
        check = env_b["res.partner"].passkoop_verify_card(card.token)
        self.assertEqual(check["reason_code"], "ok")

    def test_signed_card_policy(self):
        card = self.member.passkoop_issue_card()
        env_b = self.b_env()
        coop_a = env_b["passkoop.coop"].passkoop_import_directory(
            self.company.passkoop_export_directory()
        )
        coop_a.agreement_state = "active"
        env_b["passkoop.policy"].create(
            {
                "name": "Card holders",
                "visitor_type": "partner",
                "proof": "signed_card",
                "company_id": self.company_b.id,
            }
        )
        coop_a.policy_id = env_b["passkoop.policy"].search(
            [("name", "=", "Card holders")]
        )
        visitor = env_b["res.partner"].create(
            {
                "name": "Lucie",
                "passkoop_visitor_type": "partner",
                "passkoop_coop_id": coop_a.id,
                "passkoop_member_ref": "A-7",
            }
        )
        check = visitor.passkoop_check()
        self.assertEqual(check["action"], "block")
        self.assertIn("card", check["reason"])
        visitor.passkoop_card_ref = card.token
        self.assertEqual(visitor.passkoop_check()["action"], "allow")
        self.assertEqual(
            env_b["res.partner"].passkoop_verify_card(card.token)["partner_id"],
            visitor.id,
        )
        # Suspended agreement: the card is valid, the policy refuses, and says why.
        coop_a.agreement_state = "suspended"
        self.assertTrue(env_b["res.partner"].passkoop_verify_card(card.token)["valid"])
        self.assertIn("agreement", visitor.passkoop_check()["reason"])
        coop_a.agreement_state = "active"
        card.action_revoke()
        coop_a.passkoop_import_directory(self.company.passkoop_export_directory())
        check = visitor.passkoop_check()
        self.assertEqual(
            (check["action"], check["reason"]), ("block", "Card revoked by its coop.")
        )
