# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io
import json
import logging
from datetime import date, timedelta

from odoo.tests import tagged

from ..tools import card_format
from .common import in_french
from .kit import PASSPHRASE, KitCase, members_csv
from .phone import SCREENSHOTS, VISIBLE_TEXTS
from .screenshots import english_left
from .test_card import SEEDS, VECTORS


def read_qr_code(data_url):
    """The text of a QR code image (a data: URL), as a reader at the till gets it."""
    import zxingcpp  # noqa: PLC0415 - a test dependency (requirements-dev.txt)
    from PIL import Image  # noqa: PLC0415

    image = Image.open(io.BytesIO(base64.b64decode(data_url.split(",", 1)[1])))
    found = zxingcpp.read_barcode(image.convert("L"))
    return found.text if found else None


_logger = logging.getLogger(__name__)
# Clicks and keystrokes a volunteer may take to issue a hundred cards from a CSV,
# beyond choosing the files and typing the passphrase (issue 23).
MAX_ACTIONS = 25
# The issue button: its words, and whether it is disabled.
PREVIEW = 'document.getElementById("kit-preview").textContent'
ISSUE_BUTTON = """[document.getElementById("kit-issue").textContent.trim(),
    document.getElementById("kit-issue").disabled]"""
# Words of the kit's English source that its French page must not show.
ENGLISH = [
    "Open your coop",
    "create your coop",
    "Passphrase",
    "Issue",
    "Print",
    "Save the coop",
    "Directory entry",
    "Members",
    "Valid until",
    "Serial",
    "Revoke",
    "cards issued",
    "no card",
    "Line ",
    "Name column",
]


@tagged("post_install", "-at_install")
class TestKit(KitCase):
    """The Pass'Koop kit of coops without Odoo, downloaded and opened from the
    disk in Chromium with the network cut: what it writes, Odoo reads."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        in_french(cls.env)
        cls.env.company.passkoop_code = "HOSTCOOP"

    def test_vectors_written_in_the_browser(self):
        """The kit's writer signs, with the vectors' seeds, the vectors' own tokens
        and entry, byte for byte, with WebCrypto and with TweetNaCl."""
        signed = []
        for vector in VECTORS["cards"]:
            token = vector["token"]
            prefix = token[: token.rfind(":") + 1]
            for kid, seed in SEEDS.items():
                mine = prefix + card_format.b32encode(
                    card_format.sign(seed, prefix.encode())
                )
                if token.count(":") == 6 and mine == token:
                    signed.append({**vector, "kid": kid, "prefix": prefix})
        # The tampered, truncated and unsigned ones are made from these by hand.
        self.assertEqual(len(signed), 10)

        def scenario(url):
            self.open_kit(url)
            return self.run_js(
                f"""(async () => {{
                const kit = window.passkoopKit;
                const vectors = {json.dumps(VECTORS)};
                const hex = (h) => Uint8Array.from(h.match(/../g),
                    (b) => parseInt(b, 16));
                const seeds = Object.fromEntries(Object.entries(vectors.keys)
                    .map(([kid, key]) => [kid, hex(key.seed_hex)]));
                const answers = [];
                for (const fallback of [false, true]) {{
                    for (const vector of {json.dumps(signed)}) {{
                        const card = kit.parseCard(vector.token);
                        const token = card
                            ? await kit.cardToken(seeds[vector.kid],
                                card.issuer, vector.token.split(":")[2],
                                card.serial, card.member, card.until, {{fallback}})
                            : vector.prefix + kit.base32Encode(
                                await kit.signEd25519(seeds[vector.kid],
                                    new TextEncoder().encode(vector.prefix),
                                    {{fallback}}));
                        answers.push([vector.name, fallback, token === vector.token]);
                    }}
                    const entry = await kit.entryDocument(seeds.K1, "K1",
                        vectors.directory.entry, {{fallback}});
                    answers.push(["entry", fallback, entry === vectors.directory.jws]);
                }}
                for (const [kid, key] of Object.entries(vectors.keys)) {{
                    answers.push([kid, "public key",
                        kit.base32Encode(kit.publicKeyOf(seeds[kid]))
                            === key.public_key]);
                    answers.push([kid, await kit.fingerprint(
                        kit.base32Decode(key.public_key)), true]);
                }}
                return answers;
            }})()"""
            )

        with self.kit_offline() as url:
            answers = scenario(url)
        expected = []
        for fallback in (False, True):
            expected += [[v["name"], fallback, True] for v in signed]
            expected.append(["entry", fallback, True])
        for kid, seed in SEEDS.items():
            fingerprint = card_format.fingerprint(card_format.public_key(seed))
            expected += [[kid, "public key", True], [kid, fingerprint, True]]
        self.assertEqual(answers, expected)

    def test_hundred_cards_from_a_csv_offline(self):
        """A volunteer creates the coop, then, on a browser that kept nothing,
        opens its file and issues a hundred cards from a CSV, prints them and
        writes the entry: Odoo imports the entry and accepts the printed cards."""

        def scenario(url):
            self.open_kit(url)
            self.screenshot(self.browser, "kit-1-start-1366.png")
            coop_file = self.create_coop()
            # Another day, another computer: nothing kept in the browser.
            self.run_js("localStorage.clear()")
            self.open_kit(url)
            wrong = self.open_coop(coop_file, "trois courgettes et un navet")
            still_closed = self.run_js(
                "[window.passkoopKit.kit.coop, "
                "document.getElementById('kit-start').hidden]"
            )
            opened = self.open_coop(coop_file, PASSPHRASE)
            self.choose_members(members_csv())
            before_issue = self.run_js(
                """[document.getElementById("kit-preview").textContent,
                    [...document.querySelectorAll("#kit-rejected li")]
                        .map((li) => li.textContent),
                    window.kitTest.visibleText()]"""
            )
            self.screenshot(self.browser, "kit-2-members-1366.png")
            self.run_js(
                """(async () => {
                const t = window.kitTest;
                t.click("#kit-issue");
                await t.until(() => window.passkoopKit.kit.lastBatch.length);
                window.print = () => { window.kitTest.printed = true; };
                t.click("#kit-print-new");
                t.click("#kit-write-entry");
                await t.until(() => window.passkoopKit.kit.downloads.length === 1);
                t.click("#kit-save");
            })()"""
            )
            actions = self.run_js("window.kitTest.actions")
            counted = self.run_js("window.passkoopKit.kit.actions")
            self.screenshot(self.browser, "kit-3-cards-1366.png")
            # What the printer gets: the A4 sheets, their QR codes read back.
            printed = self.run_js(
                """(async () => {
                const sheets = document.querySelectorAll("#kit-print .sheet");
                const tokens = [];
                for (const image of document.querySelectorAll("#kit-print img")) {
                    await image.decode();
                    tokens.push(image.src);
                }
                return {printed: window.kitTest.printed, sheets: sheets.length,
                    perSheet: [...sheets].map((s) => s.children.length),
                    tokens, visible: window.kitTest.visibleText()};
            })()"""
            )
            pdf = self.browser._websocket_request(
                "Page.printToPDF", params={"preferCSSPageSize": True}
            )
            (SCREENSHOTS / "kit-4-print.pdf").write_bytes(base64.b64decode(pdf["data"]))
            self.browser._websocket_request(
                "Emulation.setEmulatedMedia", params={"media": "print"}
            )
            self.screenshot(self.browser, "kit-5-print-sheet.png")
            self.browser._websocket_request(
                "Emulation.setEmulatedMedia", params={"media": ""}
            )
            downloads = self.run_js("window.passkoopKit.kit.downloads")
            # A card revoked, the entry written again.
            self.run_js(
                """(async () => {
                const t = window.kitTest;
                const revoke = () => [...document.querySelectorAll(
                    "#kit-card-rows tr")].find((row) =>
                    row.cells[0].textContent === "000007").querySelector(
                    "button:last-child");
                revoke().click();
                revoke().click();
                t.click("#kit-write-entry");
                await t.until(() => window.passkoopKit.kit.downloads.length === 3);
            })()"""
            )
            revoked_entry = self.run_js("window.passkoopKit.kit.downloads[2].content")
            self.open_kit(url, 390, 844)
            self.screenshot(self.browser, "kit-6-start-390.png")
            phone = self.open_coop(coop_file, PASSPHRASE)
            self.choose_members(members_csv(3))
            self.screenshot(self.browser, "kit-7-members-390.png")
            width = self.run_js("document.documentElement.scrollWidth")
            # The kit's day: the volunteer's computer's, not the server's.
            kit_today = self.run_js("new Date().toLocaleDateString('sv')")
            return locals()

        with self.kit_offline() as url:
            seen = scenario(url)
        _logger.info(
            "Pass'Koop kit: 100 cards from a CSV in %s clicks and keystrokes "
            "(the page counted %s)",
            seen["actions"],
            seen["counted"],
        )
        self.assertLessEqual(seen["actions"], MAX_ACTIONS)
        self.assertEqual(seen["counted"], seen["actions"])
        # The passphrase: a wrong one opens nothing, changes nothing.
        self.assertIn("Phrase de passe incorrecte", seen["wrong"])
        self.assertIn("sans la phrase de passe, la clé est perdue", seen["wrong"])
        self.assertEqual(seen["still_closed"], [None, False])
        self.assertEqual(seen["opened"], "DionyCoop est ouverte.")
        # The CSV: what cannot be used is said, line by line.
        preview, rejected, visible = seen["before_issue"]
        self.assertEqual(
            preview, "100 membres recevront une carte. 4 lignes ne peuvent pas servir :"
        )
        self.assertEqual(
            rejected,
            [
                "Ligne 102 : pas de numéro de membre ; pas de carte.",
                "Ligne 103 : numéro de membre « 12/34 » : lettres, chiffres et "
                "tirets seulement (32 au plus) ; pas de carte.",
                "Ligne 104 : numéro de membre 1000 déjà à la ligne 2 ; pas de carte.",
                "Ligne 105 : courriel « pas-une-adresse » : ce n'est pas une "
                "adresse ; pas de carte.",
            ],
        )
        # The printed sheets: ten A4 sheets of ten cards.
        printed = seen["printed"]
        self.assertTrue(printed["printed"])
        self.assertEqual(printed["perSheet"], [10] * 10)
        # The printed QR codes, read back, are cards Odoo accepts once it has
        # imported the kit's entry.
        names = [d["name"] for d in seen["downloads"]]
        self.assertEqual(names, ["diony-directory.jws", "diony-passkoop-kit.json"])
        coop = self.env["passkoop.coop"].passkoop_import_directory(
            seen["downloads"][0]["content"]
        )
        self.assertRecordValues(
            coop, [{"code": "DIONY", "name": "DionyCoop", "city": "Saint-Denis"}]
        )
        Partner = self.env["res.partner"]
        # The printed QR codes, read back by a QR reader (ZXing's C++ library).
        tokens = [read_qr_code(image) for image in printed["tokens"]]
        self.assertEqual(len(set(tokens)), 100, tokens[:3])
        answers = [Partner.passkoop_verify_card(token) for token in tokens]
        self.assertEqual({a["reason_code"] for a in answers}, {"ok"})
        self.assertEqual(
            sorted(a["member_ref"] for a in answers),
            [str(1000 + i) for i in range(100)],
        )
        today = date.fromisoformat(seen["kit_today"])
        in_a_year = date(today.year + 1, today.month, 1) + timedelta(today.day - 1)
        self.assertEqual(answers[0]["valid_until"], in_a_year.isoformat())
        # The revoked card, once partners have the new entry.
        self.env["passkoop.coop"].passkoop_import_directory(seen["revoked_entry"])
        by_serial = {a["serial"]: t for a, t in zip(answers, tokens, strict=True)}
        self.assertEqual(
            Partner.passkoop_verify_card(by_serial["000007"])["reason_code"],
            "revoked",
        )
        self.assertEqual(
            Partner.passkoop_verify_card(by_serial["000008"])["reason_code"], "ok"
        )
        # The French screens: no English, nothing wider than the phone.
        self.assertEqual(seen["phone"], "DionyCoop est ouverte.")
        self.assertLessEqual(seen["width"], 390)
        for text in (visible, printed["visible"]):
            for english in ENGLISH:
                self.assertNotIn(english, text)

    def test_a_new_key_and_the_old_one_retired(self):
        """The coop adds a key (with the coop file's passphrase: a wrong one adds
        nothing) and retires the old one: the new key signs the next cards, the
        entry signed by the old key brings partners the new one, and the old
        key's cards are accepted until their last day, no longer after it."""
        # One member, and one row of no use: each said in the singular.
        newcomer = (
            "Nom;Prénom;N° adhérent;Courriel\r\nEtxeberri;Paul;2000;\r\n"
            "Sans-numéro;Jon;;\r\n"
        )
        with self.kit_offline() as url:
            self.open_kit(url)
            self.create_coop()
            self.choose_members(members_csv(2, broken=False))
            old_cards = self.issue_cards()
            first_entry = self.write_entry()
            wrong = self.add_key("trois courgettes et un navet")
            keys_after_wrong = self.run_js("window.passkoopKit.kit.coop.keys.length")
            added = self.add_key(PASSPHRASE)
            retired = self.retire_key("K1")
            self.choose_members(newcomer)
            one_member = self.run_js(ISSUE_BUTTON)
            one_member_said = self.run_js(PREVIEW)
            # The new card lasts two years: it outlives the old key.
            two_years = (date.today() + timedelta(days=730)).isoformat()
            self.run_js(
                f"document.getElementById('kit-valid-until').value = '{two_years}'"
            )
            [new_card] = self.issue_cards()
            issued = self.run_js(
                f"[document.getElementById('kit-message').textContent, {ISSUE_BUTTON}]"
            )
            second_entry = self.write_entry()
            self.screenshot(self.browser, "kit-8-keys-1366.png")
            texts_1366 = self.run_js(VISIBLE_TEXTS)
            self.run_js("document.getElementById('kit-save').click()")
            coop_file = self.run_js("window.passkoopKit.kit.downloads.at(-1).content")
            # Another computer: the coop file opens with its one passphrase.
            self.run_js("localStorage.clear()")
            self.open_kit(url, 390, 844)
            reopened = self.open_coop(coop_file, PASSPHRASE)
            self.screenshot(self.browser, "kit-9-keys-390.png")
            keys_shown = self.run_js(
                "[...document.querySelectorAll('#kit-keys li')]"
                ".map((item) => item.textContent)"
            )
            texts_390 = self.run_js(VISIBLE_TEXTS)
            width = self.run_js("document.documentElement.scrollWidth")
        self.assertIn("Phrase de passe incorrecte", wrong)
        self.assertEqual(keys_after_wrong, 1)
        self.assertTrue(added.startswith("Clé K2 ajoutée"), added)
        self.assertTrue(retired.startswith("Clé K1 retirée"), retired)
        self.assertEqual(reopened, "DionyCoop est ouverte.")
        # One card, in the singular; once issued, nothing left to issue again.
        self.assertEqual(one_member, ["Émettre 1 carte", False])
        self.assertEqual(
            one_member_said,
            "1 membre recevra une carte. 1 ligne ne peut pas servir :",
        )
        self.assertEqual(
            issued,
            [
                "1 carte émise. Imprimez-la, et enregistrez le fichier de la coop.",
                ["Émettre les cartes", True],
            ],
        )
        self.assertEqual({token.split(":")[2] for token in old_cards}, {"K1"})
        self.assertEqual(new_card.split(":")[2], "K2")
        self.assertEqual(len(keys_shown), 2)
        self.assertIn("retirée : valable jusqu'au", keys_shown[0])
        self.assertIn("signe les nouvelles cartes", keys_shown[1])
        for texts in (texts_1366, texts_390):
            self.assertEqual(english_left(texts), [])
        self.assertLessEqual(width, 390)
        # A partner: the first entry trusted, the second applied by itself
        # (signed by the key it trusts, which vouches for the new one).
        Coop = self.env["passkoop.coop"]
        diony = Coop.passkoop_import_directory(first_entry)
        Coop.passkoop_import_directory(second_entry)
        self.assertFalse(diony.directory_pending)
        self.assertEqual(
            [(key.kid, key.state) for key in diony.key_ids.sorted("kid")],
            [("K1", "trusted"), ("K2", "trusted")],
        )
        # The old key ends with its cards' last day: they hold until then.
        verify = self.env["res.partner"].passkoop_verify_card
        last_day = date.fromisoformat(verify(old_cards[0])["valid_until"])
        self.assertEqual(diony.key_ids.sorted("kid")[0].valid_until, last_day)
        self.assertEqual(
            [verify(token, str(last_day))["reason_code"] for token in old_cards],
            ["ok", "ok"],
        )
        after = str(last_day + timedelta(days=1))
        self.assertEqual(verify(old_cards[0], after)["reason_code"], "unknown_key")
        self.assertEqual(verify(new_card, after)["reason_code"], "ok")
