# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The Pass'Koop kit downloaded as one file and opened from the disk in Chromium
with the network cut, and a volunteer's clicks and keystrokes in it (counted)."""

import json
from contextlib import contextmanager

from .phone import PhoneCase

PASSPHRASE = "trois courgettes et un radis"

# In the page: choose a file, click, type, as a volunteer would; each click and
# keystroke counted (choosing a file and typing the passphrase are not).
HELPERS = """
window.kitTest = window.kitTest || {
    actions: 0,
    setFile(id, name, content) {
        const input = document.getElementById(id);
        const files = new DataTransfer();
        files.items.add(new File([content], name));
        input.files = files.files;
        input.dispatchEvent(new Event("change"));
    },
    click(selector) {
        this.actions++;
        document.querySelector(selector).click();
    },
    type(selector, text, {secret} = {}) {
        const input = document.querySelector(selector);
        input.value = text;
        input.dispatchEvent(new Event("input"));
        if (!secret) {
            this.actions += text.length;
        }
    },
    async until(test) {
        for (let i = 0; i < 600; i++) {
            const value = test();
            if (value) {
                return value;
            }
            await new Promise((resolve) => setTimeout(resolve, 50));
        }
        throw new Error("timeout: " + test);
    },
    visibleText() {
        return [...document.querySelectorAll("main *")]
            .filter((e) => e.checkVisibility() && !e.children.length)
            .map((e) => e.textContent + " " + (e.placeholder || ""))
            .join("\\n");
    },
};
"""


def members_csv(count=100, broken=True):
    """A HelloAsso-like export: ";", a header in French, quotes, a BOM; with
    ``broken``, four rows that cannot be used."""
    lines = ["\ufeffNom;Prénom;N° adhérent;Courriel"]
    lines += [
        f'"Martin{i}";Jeanne;{1000 + i};jeanne{i}@example.org' for i in range(count)
    ]
    if broken:
        lines += [
            "Sans-numéro;Paul;;paul@example.org",
            "Barre;Léa;12/34;lea@example.org",
            f"Double;Anne;{1000};anne@example.org",
            "Courriel;Marc;777;pas-une-adresse",
        ]
    return "\r\n".join([*lines, ""])


class KitCase(PhoneCase):
    """The kit, from the file it downloads, in a browser with no network: the
    steps of a volunteer, each a method."""

    @contextmanager
    def kit_offline(self):
        """The kit downloaded, saved and opened from the disk with the network
        cut; yields its URL, ``self.browser`` being the browser."""
        response = self.url_open("/passkoop/kit?download=1")
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment", response.headers["Content-Disposition"])
        with self.offline_file(response.text, "passkoop-kit.html") as (browser, url):
            self.browser = browser
            try:
                yield url
            finally:
                del self.browser

    def run_js(self, expression):
        """The value of a JS expression in the kit, its promise awaited."""
        return self.evaluate(self.browser, expression)

    def open_kit(self, url, width=1366, height=768):
        self.open_at_size(self.browser, url, "window.passkoopKit?.ready", width, height)
        self.run_js(HELPERS)

    def create_coop(self, code="diony", name="DionyCoop", city="Saint-Denis"):
        """A coop created in the kit; its coop file (downloaded as the kit does)."""
        self.run_js(
            f"""(async () => {{
            const t = window.kitTest;
            const form = "#kit-create ";
            for (const [name, value] of Object.entries({{
                code: {json.dumps(code)}, name: {json.dumps(name)},
                city: {json.dumps(city)},
                email: "contact@dionycoop.example",
                website: "https://dionycoop.example",
                url: "https://dionycoop.example/passkoop-directory.jws",
                summary: "Les membres des coops partenaires font leurs courses "
                    + "comme nos coopérateurs."}})) {{
                t.type(form + `[name=${{name}}]`, value);
            }}
            t.type(form + "[name=passphrase]", {json.dumps(PASSPHRASE)},
                {{secret: true}});
            t.type(form + "[name=passphrase2]", {json.dumps(PASSPHRASE)},
                {{secret: true}});
            t.click(form + "button[type=submit]");
            await t.until(() => window.passkoopKit.kit.downloads.length);
        }})()"""
        )
        downloads = self.run_js("window.passkoopKit.kit.downloads")
        self.assertEqual(downloads[0]["name"], f"{code}-passkoop-kit.json")
        return downloads[0]["content"]

    def open_coop(self, coop_file, passphrase):
        """Open a coop file with a passphrase; what the page says."""
        return self.run_js(
            f"""(async () => {{
            const t = window.kitTest;
            t.setFile("kit-coop-file", "diony-passkoop-kit.json",
                {json.dumps(coop_file)});
            t.type("#kit-open-passphrase", {json.dumps(passphrase)}, {{secret: true}});
            document.getElementById("kit-message").hidden = true;
            t.click("#kit-open-button");
            await t.until(() => !document.getElementById("kit-message").hidden);
            return document.getElementById("kit-message").textContent;
        }})()"""
        )

    def choose_members(self, csv):
        """Choose the members' CSV: the columns are guessed, the rows checked."""
        self.run_js(
            f"""(async () => {{
            const t = window.kitTest;
            t.setFile("kit-csv", "adherents.csv", {json.dumps(csv)});
            await t.until(() => !document.getElementById("kit-issue").disabled);
        }})()"""
        )

    def issue_cards(self):
        """Issue the cards of the members chosen; their tokens."""
        return self.run_js(
            """(async () => {
            const t = window.kitTest;
            const kit = window.passkoopKit.kit;
            const before = kit.lastBatch;
            t.click("#kit-issue");
            await t.until(() => kit.lastBatch !== before);
            return kit.coop.cards.filter((card) => kit.lastBatch.includes(card.serial))
                .map((card) => card.token);
        })()"""
        )

    def write_entry(self):
        """Write the coop's directory entry; the file the kit downloads."""
        return self.run_js(
            """(async () => {
            const t = window.kitTest;
            const downloads = window.passkoopKit.kit.downloads;
            const before = downloads.length;
            t.click("#kit-write-entry");
            await t.until(() => downloads.length > before);
            return downloads.at(-1).content;
        })()"""
        )

    def add_key(self, passphrase):
        """Add a new key with the coop file's passphrase; what the page says."""
        return self.run_js(
            f"""(async () => {{
            const t = window.kitTest;
            t.type("#kit-new-key-passphrase", {json.dumps(passphrase)},
                {{secret: true}});
            document.getElementById("kit-message").hidden = true;
            t.click("#kit-new-key button[type=submit]");
            await t.until(() => !document.getElementById("kit-message").hidden);
            return document.getElementById("kit-message").textContent;
        }})()"""
        )

    def retire_key(self, kid):
        """Retire a key (two clicks: the button asks again); what the page says."""
        return self.run_js(
            f"""(async () => {{
            const t = window.kitTest;
            const button = () => [...document.querySelectorAll("#kit-keys li")]
                .find((item) => item.textContent.includes({json.dumps(kid)} + ","))
                .querySelector("button");
            const message = document.getElementById("kit-message");
            const before = message.textContent;
            button().click();
            button().click();
            await t.until(() => message.textContent !== before);
            return message.textContent;
        }})()"""
        )
