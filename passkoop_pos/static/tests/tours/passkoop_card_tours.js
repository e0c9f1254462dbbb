/* global posmodel */
import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import * as PaymentScreen from "@point_of_sale/../tests/tours/utils/payment_screen_util";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as ReceiptScreen from "@point_of_sale/../tests/tours/utils/receipt_screen_util";
import {
    cannotWelcome,
    discard,
    goOffline,
    goOnlineAndSync,
    receiptSays,
    screenshot,
    startPoSInFrench,
    statusIs,
    unsyncedPaidOrdersAre,
    welcome,
} from "@passkoop_pos/../tests/tours/passkoop_tour_utils";
import {registry} from "@web/core/registry";
import {scan_barcode} from "@point_of_sale/../tests/tours/utils/common";
import {simulateBarCode} from "@barcodes/../tests/helpers";

/**
 * Scan a card the test issued: its token is known once the tour runs
 * (window.passkoopTokens, set by the test before it starts the tour).
 * @param {String} name
 */
function scanCard(name) {
    return [
        {
            content: `scan the ${name} card`,
            trigger: "body",
            run: () => simulateBarCode([...window.passkoopTokens[name], "Enter"]),
        },
    ];
}

/**
 * The vectors of card_vectors.json, and the till's directory of their entry.
 * @returns {Promise<Object>} {vectors, directory}
 */
async function vectorsAndDirectory() {
    const {buildDirectory} = odoo.loader.modules.get("@passkoop_pos/app/passkoop_card");
    const response = await fetch("/passkoop_membership/static/tests/card_vectors.json");
    const vectors = await response.json();
    const entry = vectors.directory.entry;
    const coop = {
        id: 1,
        name: entry.name,
        code: entry.code,
        revoked_serials: entry.revoked.join("\n"),
    };
    const keys = entry.keys.map((key) => ({...key, coop_id: coop}));
    return {vectors, directory: buildDirectory([coop], keys)};
}

/**
 * Every vector of card_vectors.json, checked by the till's verifier with WebCrypto
 * and with the TweetNaCl fallback, and every case of entry_vectors.json read by
 * the till's reader of entries: one answer different from the files fails.
 */
registry.category("web_tour.tours").add("passkoop_card_vectors", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            {
                content: "the till's verifier answers every vector as the file says",
                trigger: "body",
                run: async () => {
                    const {verifyCard, ed25519Implementation} = odoo.loader.modules.get(
                        "@passkoop_pos/app/passkoop_card"
                    );
                    const {vectors, directory} = await vectorsAndDirectory();
                    const wrong = [];
                    for (const fallback of [false, true]) {
                        for (const vector of vectors.cards) {
                            const result = await verifyCard(
                                vector.token,
                                directory,
                                vectors.today,
                                {fallback}
                            );
                            if (result.reason_code !== vector.reason_code) {
                                wrong.push(
                                    `${vector.name} (${fallback ? "TweetNaCl" : ed25519Implementation()}): ${result.reason_code}`
                                );
                            }
                        }
                    }
                    if (vectors.cards.length < 14 || wrong.length) {
                        throw new Error(`wrong answers:\n${wrong.join("\n")}`);
                    }
                },
            },
            {
                content:
                    "the till reads and trusts every shared entry case as the server",
                trigger: "body",
                run: async () => {
                    const {entryVectorsWrong} = await import(
                        "/passkoop_membership/static/tests/entry_vectors.js"
                    );
                    const wrong = await entryVectorsWrong(
                        odoo.loader.modules.get(
                            "@passkoop_membership/card/passkoop_directory"
                        )
                    );
                    if (wrong.length) {
                        throw new Error(`wrong entry outcomes:\n${wrong.join("\n")}`);
                    }
                },
            },
            {
                content:
                    "the till reads every packed list of revoked serials as the server packed it",
                trigger: "body",
                run: async () => {
                    const {RevokedSerials} = odoo.loader.modules.get(
                        "@passkoop_pos/app/passkoop_revoked"
                    );
                    const response = await fetch(
                        "/passkoop_pos/static/tests/revoked_packing_cases.json"
                    );
                    const {cases} = await response.json();
                    const wrong = [];
                    for (const {name, revoked, absent, packed} of cases) {
                        const read = new RevokedSerials(packed);
                        wrong.push(
                            ...revoked
                                .filter((serial) => !read.has(serial))
                                .map((serial) => `${name}: ${serial} not revoked`),
                            ...absent
                                .filter((serial) => read.has(serial))
                                .map((serial) => `${name}: ${serial} revoked`)
                        );
                    }
                    if (cases.length < 9 || wrong.length) {
                        throw new Error(`wrong packed lists:\n${wrong.join("\n")}`);
                    }
                },
            },
        ].flat(),
});

/** The visitor welcomed buys lentils, paid by card: the receipt is shown. */
function sellLentils() {
    return [
        ProductScreen.addOrderline("Organic Lentils", "1"),
        ProductScreen.clickPayButton(),
        PaymentScreen.clickPaymentMethod("Bank"),
        PaymentScreen.clickValidate(),
        ReceiptScreen.isShown(),
    ].flat();
}

/** A card of a partner coop, scanned while the internet is down. */
registry.category("web_tour.tours").add("passkoop_card_offline", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            goOffline(),
            // Garbage and a truncated QR code: said so, nothing else happens.
            scan_barcode("PK1:COOPA:K1:0001"),
            {
                content: "a truncated card is not a card",
                trigger: `.passkoop-card-check.alert-danger:contains("This is not a Pass'Koop card.")`,
            },
            cannotWelcome(),
            discard(),
            scanCard("revoked"),
            {
                content: "the revoked card is refused, in words",
                trigger: `.passkoop-card-check.alert-danger:contains("Card revoked by its coop.")`,
            },
            cannotWelcome(),
            discard(),
            scanCard("own"),
            {
                content: "a card of this coop: one of its members, said so",
                trigger: `.passkoop-card-check:contains("A card of our own coop: a member, not a visitor.")`,
            },
            cannotWelcome(),
            discard(),
            scanCard("valid"),
            {
                content: "the card is valid: the member of Coop A is named by it",
                trigger: `.passkoop-card-check.alert-success:contains("Member of Coop A, card valid until")`,
            },
            statusIs("Member terms"),
            welcome(),
            sellLentils(),
            receiptSays("Coop A"),
            goOnlineAndSync(),
        ].flat(),
});

/** A French-speaking cashier scans cards online: the answers in French. */
registry.category("web_tour.tours").add("passkoop_card_french", {
    steps: () =>
        [
            startPoSInFrench(),
            ProductScreen.clickDisplayedProduct("Organic Lentils"),
            scanCard("revoked"),
            {
                content: "the revoked card is refused, in French",
                trigger: `.passkoop-card-check.alert-danger:contains("Carte révoquée par sa coop.")`,
            },
            screenshot("5-card-revoked"),
            discard(),
            scanCard("valid"),
            {
                content: "the valid card, in French",
                trigger: `.passkoop-card-check.alert-success:contains("Membre de Coop A, carte valable jusqu'au")`,
            },
            {
                content: "online, the server registered the holder from the card",
                trigger: `.passkoop-status:contains("Membre A-7 de Coop A")`,
            },
            statusIs("Conditions membre"),
            screenshot("4-card-scanned"),
            welcome(),
            ProductScreen.clickPayButton(),
            PaymentScreen.clickPaymentMethod("Bank"),
            PaymentScreen.clickValidate(),
            ReceiptScreen.isShown(),
        ].flat(),
});

/**
 * The till's directory of the vectors' coop and 340 others, each with 1,000
 * revoked serials: as the till read them from text before (baseline) and as it
 * reads them packed now (window.passkoopBench, from test_card_bench.py).
 * @param {Object} vectors card_vectors.json
 * @param {String} form "text", or a packed form of the bench ("run", "sparse")
 * @returns {Map} buildDirectory()'s answer
 */
function benchDirectory(vectors, form) {
    const {buildDirectory} = odoo.loader.modules.get("@passkoop_pos/app/passkoop_card");
    const {RevokedSerials} = odoo.loader.modules.get(
        "@passkoop_pos/app/passkoop_revoked"
    );
    const bench = window.passkoopBench;
    const entry = vectors.directory.entry;
    const coops = [{id: 1, name: entry.name, code: entry.code, vectors: true}];
    const keys = entry.keys.map((key) => ({...key, coop_id: coops[0]}));
    for (let n = 0; n < 340; n++) {
        const coop = {id: n + 2, name: `Coop ${n}`, code: `COOP${n}`};
        coops.push(coop);
        keys.push({...entry.keys[0], coop_id: coop});
    }
    if (form === "text") {
        for (const coop of coops) {
            coop.revoked_serials = (
                coop.vectors ? bench.vectors : bench.serials.run
            ).join("\n");
        }
        return buildDirectory(coops, keys);
    }
    return buildDirectory(
        coops,
        keys,
        (coop) =>
            new RevokedSerials(coop.vectors ? bench.vectors_packed : bench.packed[form])
    );
}

/** For bench/bench_cards.py: the till's verifier on 1,000 cards, timed. */
registry.category("web_tour.tours").add("passkoop_card_bench", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            {
                content: "verify 1,000 cards with each implementation",
                trigger: "body",
                run: async () => {
                    const {verifyCard, ed25519Implementation} = odoo.loader.modules.get(
                        "@passkoop_pos/app/passkoop_card"
                    );
                    const {vectors, directory} = await vectorsAndDirectory();
                    const figures = {verify: {}, revoked: {}};
                    for (const fallback of [false, true]) {
                        const start = performance.now();
                        for (let n = 0; n < 1000; n++) {
                            const result = await verifyCard(
                                vectors.cards[n % 3].token,
                                directory,
                                vectors.today,
                                {fallback}
                            );
                            if (!result.valid) {
                                throw new Error(result.reason_code);
                            }
                        }
                        const name = fallback ? "TweetNaCl" : ed25519Implementation();
                        figures.verify[name] = performance.now() - start;
                    }
                    // 341 coops' revoked lists: built, then 1,000 whole checks (the
                    // revoked vector among them) and 100,000 lookups, in each form.
                    const revokedCard = vectors.cards.find(
                        (card) => card.reason_code === "revoked"
                    );
                    const cards = [...vectors.cards.slice(0, 3), revokedCard];
                    const serials = window.passkoopBench.serials.sparse;
                    for (const form of ["text", "run", "sparse"]) {
                        let start = performance.now();
                        const big = benchDirectory(vectors, form);
                        const built = performance.now() - start;
                        start = performance.now();
                        for (let n = 0; n < 1000; n++) {
                            const card = cards[n % 4];
                            const result = await verifyCard(
                                card.token,
                                big,
                                vectors.today
                            );
                            if (result.reason_code !== card.reason_code) {
                                throw new Error(`${form}: ${result.reason_code}`);
                            }
                        }
                        const checked = performance.now() - start;
                        const entries = [...big.values()];
                        let found = 0;
                        start = performance.now();
                        for (let n = 0; n < 100000; n++) {
                            found += entries[n % 341].revoked.has(serials[n % 1000]);
                        }
                        const looked = performance.now() - start;
                        figures.revoked[form] = {
                            build_ms: built,
                            check_ms: checked / 1000,
                            lookup_us: (looked / 100000) * 1000,
                            found,
                        };
                    }
                    if (figures.revoked.text.found !== figures.revoked.run.found) {
                        throw new Error("the packed lists are not the text's");
                    }
                    // eslint-disable-next-line no-console
                    console.log(`passkoop-bench ${JSON.stringify(figures)}`);
                },
            },
        ].flat(),
});

/**
 * A partner's card scanned with the internet down: the till knows it from the
 * entry its coop imported, welcomes the holder and sells; the sale waits for the
 * connection, then is sent.
 * @param {String} coop the partner coop's name
 */
function cardAcceptedOffline(coop) {
    return [
        Chrome.startPoS(),
        Dialog.confirm("Open Register"),
        goOffline(),
        scanCard("valid"),
        {
            content: `the till knows ${coop}'s card offline`,
            trigger: `.passkoop-card-check.alert-success:contains("Member of ${coop}, card valid until")`,
        },
        statusIs("Member terms"),
        welcome(),
        sellLentils(),
        receiptSays(coop),
        unsyncedPaidOrdersAre(1),
        goOnlineAndSync(),
    ].flat();
}

/**
 * Coop B's till, in tests/test_network.py: coop A's card, scanned with the
 * internet down, after B synced A's entry over HTTP.
 */
registry.category("web_tour.tours").add("passkoop_network_card_accepted", {
    steps: () => cardAcceptedOffline("Coop A"),
});

/** A card issued by the kit of a coop without Odoo (TestKitCardAtTheTill). */
registry.category("web_tour.tours").add("passkoop_kit_card_offline", {
    steps: () => cardAcceptedOffline("DionyCoop"),
});

registry.category("web_tour.tours").add("passkoop_network_card_refused", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            goOffline(),
            scanCard("revoked"),
            {
                content: "A revoked it, B synced: refused offline, in words",
                trigger: `.passkoop-card-check.alert-danger:contains("Card revoked by its coop.")`,
            },
            cannotWelcome(),
            discard(),
        ].flat(),
});

/** A till open all day learns of a card revoked in the morning (tour of
 * test_a_card_revoked_this_morning_is_refused_this_afternoon). */
registry.category("web_tour.tours").add("passkoop_card_revoked_during_the_day", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            {
                content: "in the morning, Lucie's card holds at this till",
                trigger: "body",
                run: async () => {
                    const check = await posmodel.passkoopVerifyCard(
                        window.passkoopTokens.valid
                    );
                    if (!check.valid) {
                        throw new Error(check.reason_code);
                    }
                },
            },
            {
                content: "coop A revoked it; this coop syncs A's entry",
                trigger: "body",
                run: () =>
                    posmodel.data.orm.call(
                        "passkoop.coop",
                        "passkoop_import_directory",
                        [window.passkoopTokens.entry]
                    ),
            },
            {
                content: "the till refreshes, as it does every quarter of an hour",
                trigger: "body",
                run: () => posmodel.passkoopRefreshDirectory(),
            },
            goOffline(),
            scanCard("valid"),
            {
                content: "in the afternoon, offline: refused",
                trigger: `.passkoop-card-check.alert-danger:contains("Card revoked by its coop.")`,
            },
            cannotWelcome(),
            discard(),
        ].flat(),
});
