# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import json
import logging

from odoo.tests import tagged

from ..tools import card_format
from .common import in_french
from .phone import VISIBLE_TEXTS, PhoneCase
from .screenshots import english_left
from .test_card import SEEDS, VECTORS, entry

_logger = logging.getLogger(__name__)

# The QR code of a card shown to the camera: a video of it, read by the checker's
# detector (Chromium on Linux has no BarcodeDetector: Odoo's ZXing, from the cache).
# READ_QR reads the stream for up to 30 s; its answer is awaited longer (a
# request to the browser gives up after 10 s unless told otherwise).
READ_QR_SECONDS = 45
READ_QR = """(async (image) => {
    const picture = new Image();
    picture.src = image;
    await picture.decode();
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 400;
    const context = canvas.getContext("2d");
    const draw = () => {
        context.fillStyle = "#fff";
        context.fillRect(0, 0, 400, 400);
        context.drawImage(picture, 20, 20, 360, 360);
    };
    draw();
    const video = document.createElement("video");
    video.muted = true;
    video.srcObject = canvas.captureStream(10);
    const frames = setInterval(draw, 100);
    await video.play();
    const detector = await window.passkoopChecker.qrDetector();
    try {
        // Up to 30 s of frames, by the clock: on a loaded machine (a CI run
        // beside other tests) each reading is slow, and the stream gave no
        // readable frame in the 5 s this once waited.
        const end = Date.now() + 30000;
        let failure = "no code in any frame";
        while (Date.now() < end) {
            const codes = await detector.detect(video).catch((error) => {
                failure = String(error);
                return [];
            });
            if (codes.length) {
                return [detector.constructor.name, codes[0].rawValue];
            }
            await new Promise((resolve) => setTimeout(resolve, 100));
        }
        // Why no frame was read, for the test's failure message.
        const size = `${video.videoWidth}x${video.videoHeight}`;
        return [detector.constructor.name, null, failure, video.readyState, size];
    } finally {
        clearInterval(frames);
    }
})"""

# A coop's entry chosen as a file, as a volunteer does; what the page says of it.
CHOOSE_ENTRY_FILE = """async (entry) => {
    const input = document.getElementById("passkoop-entry");
    const files = new DataTransfer();
    files.items.add(new File([entry], "hendayakoop-directory.jws"));
    input.files = files.files;
    input.dispatchEvent(new Event("change"));
    const answer = document.getElementById("passkoop-answer");
    for (let i = 0; i < 200 && !answer.textContent.includes("HendayaKoop"); i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return answer.textContent;
}"""

# static/tests/entry_vectors.json read by the module the checker imports.
ENTRY_VECTORS = """(async () => {
    const base = "/passkoop_membership/static";
    const {entryVectorsWrong} = await import(`${base}/tests/entry_vectors.js`);
    return entryVectorsWrong(await import(`${base}/src/card/passkoop_directory.js`));
})()"""


@tagged("post_install", "-at_install")
class TestCardChecker(PhoneCase):
    """The phone card checker of coops without Odoo, in Chromium, network cut."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        in_french(cls.env)
        company = cls.env.company
        company.write({"passkoop_code": "MYCOOP", "name": "DionyCoop"})
        company.partner_id.lang = "fr_FR"
        cls.env["passkoop.coop"].passkoop_import_directory(VECTORS["directory"]["jws"])
        member = cls.env["res.partner"].create({"name": "Lucie", "ref": "A-7"})
        # The day before the partner's card ends (31/12/2027, the vectors'):
        # the two answers say different dates.
        cls.own_card = member.passkoop_issue_card(valid_until="2027-12-30")

    @staticmethod
    def entry_files():
        """HendayaKoop's entries a coop could add as files, in this order: an
        older one, a newer one signed by a key nobody trusts, a newer one of its
        own that revokes the valid card (serial 000123)."""
        stranger = bytes(range(32))
        key = card_format.b32encode(card_format.public_key(stranger))
        newer, later = "2026-11-30T00:00:00Z", "2026-12-01T00:00:00Z"
        return {
            "older": entry(issued_at="2026-11-01T00:00:00Z", revoked=["000123"]),
            "untrusted": entry(
                kid="K9",
                seed=stranger,
                issued_at=newer,
                revoked=["000123"],
                keys=[
                    {
                        "kid": "K9",
                        "public_key": key,
                        "valid_from": None,
                        "valid_until": None,
                    }
                ],
            ),
            "newer": card_format.entry_document(
                SEEDS["K1"],
                "K1",
                {
                    **VECTORS["directory"]["entry"],
                    "issued_at": later,
                    "revoked": ["000045", "000123"],
                },
            ),
        }

    def test_cards_checked_on_the_phone_with_the_network_cut(self):
        cards = {vector["name"]: vector["token"] for vector in VECTORS["cards"]}
        tokens = {
            "partner": cards["valid"],
            "revoked": cards["revoked serial 000045"],
            "forged": cards["member number changed after signing"],
            "own": self.own_card.token,
            "garbage": "3760123456789",
        }
        url = f"{self.base_url()}/passkoop/check?code=MYCOOP"
        ready = "window.passkoopChecker?.ready"
        controlled = f"{ready} && navigator.serviceWorker.controller !== null"
        with self.phone(url, controlled) as browser:
            # Online: the shared entry cases, by the reader the page imported.
            entries_wrong = self.evaluate(browser, ENTRY_VECTORS)
            self.open_at_size(browser, url, ready, 390, 844)
            self.screenshot(browser, "checker-390.png")
            texts = self.evaluate(browser, VISIBLE_TEXTS)
            with self.network_cut(browser):
                browser.navigate_to(url, wait_stop=True)
                self.assertTrue(browser._wait_ready(ready))
                answers = self.evaluate(
                    browser,
                    f"""(async () => {{
                        const tokens = {json.dumps(tokens)};
                        const answers = {{}};
                        for (const [name, token] of Object.entries(tokens)) {{
                            const result = await window.passkoopChecker.check(token);
                            answers[name] = [result.reason_code, result.text,
                                document.getElementById("passkoop-answer").className];
                        }}
                        return answers;
                    }})()""",
                )
                image = "data:image/svg+xml;base64," + base64.b64encode(
                    self.own_card._qr_svg()
                ).decode("ascii")
                scanned = self.evaluate(
                    browser, f"{READ_QR}({json.dumps(image)})", READ_QR_SECONDS
                )
                files = self.evaluate(
                    browser,
                    f"""(async () => {{
                        const files = {json.dumps(self.entry_files())};
                        const answers = {{}};
                        const checker = window.passkoopChecker;
                        for (const [name, document] of Object.entries(files)) {{
                            const said = await checker.addEntry(document);
                            const card = await checker.check(
                                {json.dumps(tokens["partner"])});
                            answers[name] = [said, card.reason_code];
                        }}
                        return answers;
                    }})()""",
                )
        self.assertEqual(entries_wrong, [])
        self.assertEqual(english_left(texts), [])
        self.assertIn(
            "Télécharger cette page en un seul fichier, pour un téléphone ou un "
            "ordinateur sans réseau ou sans serveur",
            texts,
        )
        self.assertEqual(scanned, ["ZXingBarcodeDetector", self.own_card.token])
        self.assertEqual(
            answers["partner"],
            [
                "ok",
                "Membre de HendayaKoop, carte valable jusqu'au 31/12/2027",
                "answer valid",
            ],
        )
        self.assertEqual(
            answers["own"],
            [
                "ok",
                "Membre de DionyCoop, carte valable jusqu'au 30/12/2027",
                "answer valid",
            ],
        )
        self.assertEqual(
            answers["revoked"],
            ["revoked", "Carte révoquée par sa coop.", "answer refused"],
        )
        self.assertEqual(answers["forged"][0], "bad_signature")
        ignored = "Fiche de HendayaKoop ignorée"
        self.assertEqual(
            {name: (said.split(" :")[0], card) for name, (said, card) in files.items()},
            {
                "older": (ignored, "ok"),
                "untrusted": (ignored, "ok"),
                "newer": ("HendayaKoop ajoutée", "revoked"),
            },
        )
        self.assertEqual(
            answers["garbage"][:2], ["malformed", "Ce n'est pas une carte Pass'Koop."]
        )

    def test_the_checker_as_one_file_for_a_coop_with_no_server(self):
        """Downloaded as one file, the checker opens from the disk with the
        network cut and the server gone: it holds the entries its coop knows,
        reads QR codes, and adds a partner's newer entry file."""
        response = self.url_open("/passkoop/check?code=MYCOOP&download=1")
        self.assertEqual(
            response.headers["Content-Disposition"],
            'attachment; filename="passkoop-check-mycoop.html"',
        )
        self.assertNotRegex(response.text, r'src="/')  # nothing left to fetch
        _logger.info("The checker as one file: %s bytes", len(response.content))
        cards = {vector["name"]: vector["token"] for vector in VECTORS["cards"]}
        tokens = {
            "partner": cards["valid"],
            "revoked": cards["revoked serial 000045"],
            "unknown key": cards["unknown key id"],
            "own": self.own_card.token,
        }
        image = "data:image/svg+xml;base64," + base64.b64encode(
            self.own_card._qr_svg()
        ).decode("ascii")
        check_all = f"""(async () => {{
            const answers = {{}};
            for (const [name, token] of Object.entries({json.dumps(tokens)})) {{
                answers[name] = (await window.passkoopChecker.check(token)).text;
            }}
            return answers;
        }})()"""
        ready = "window.passkoopChecker?.ready"
        with self.offline_file(response.text, "passkoop-check-mycoop.html") as (
            browser,
            url,
        ):
            self.open_at_size(browser, url, ready, 390, 844)
            answers = self.evaluate(browser, check_all)
            scanned = self.evaluate(
                browser, f"{READ_QR}({json.dumps(image)})", READ_QR_SECONDS
            )
            added = self.evaluate(
                browser,
                f"({CHOOSE_ENTRY_FILE})({json.dumps(self.entry_files()['newer'])})",
            )
            self.evaluate(browser, "document.querySelector('details').open = true")
            self.screenshot(browser, "checker-file-390.png")
            texts = self.evaluate(browser, VISIBLE_TEXTS)
            width = self.evaluate(browser, "document.documentElement.scrollWidth")
            # Opened again: the entry file added is kept.
            self.open_at_size(browser, url, ready)
            again = self.evaluate(browser, check_all)
            self.screenshot(browser, "checker-file-1366.png")
        self.assertEqual(
            answers,
            {
                "partner": "Membre de HendayaKoop, carte valable jusqu'au 31/12/2027",
                "revoked": "Carte révoquée par sa coop.",
                "unknown key": "Carte signée avec une clé de HendayaKoop inconnue "
                "ou plus valable : mettez à jour sa fiche d'annuaire.",
                "own": "Membre de DionyCoop, carte valable jusqu'au 30/12/2027",
            },
        )
        self.assertEqual(scanned, ["ZXingBarcodeDetector", self.own_card.token])
        self.assertTrue(added.startswith("HendayaKoop ajoutée"), added)
        self.assertIn("hendayakoop-directory.jws", texts)
        self.assertEqual(again["partner"], "Carte révoquée par sa coop.")
        self.assertIn("Coops dont cette page vérifie les cartes : 2", texts)
        self.assertTrue(
            any(text.startswith("Ce fichier marche sans réseau") for text in texts),
            texts,
        )
        self.assertEqual(english_left(texts), [])
        self.assertLessEqual(width, 390)
