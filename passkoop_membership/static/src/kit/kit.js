/* global qrcode */
/**
 * The Pass'Koop kit (/passkoop/kit): one page, saved as one HTML file that works from
 * the disk with no network, with which a coop that runs no Odoo gives its members
 * signed cards and publishes its signed directory entry (card-format.md).
 *
 * Everything stays on the computer. The coop file (JSON) holds the coop's identity,
 * its cards and its keys; each key's seed is sealed with the passphrase (PBKDF2-SHA256
 * then AES-GCM), and is in clear only in this page's memory once the passphrase opened
 * it. The page also keeps the coop file in the browser (localStorage), sealed keys
 * included, so that it opens again with the passphrase alone.
 *
 * The texts are the page's hidden <p data-text> elements, translated by Odoo.
 */
import {base32Decode, parseCard} from "../card/passkoop_card.js";
import {
    base32Encode,
    cardToken,
    entryDocument,
    fingerprint,
    publicKeyOf,
    signEd25519,
} from "../card/passkoop_card_writer.js";

const FORMAT = "passkoop-kit/1";
const STORED = "passkoop-kit-coop";
const ITERATIONS = 600000; // OWASP's advice for PBKDF2-SHA256
const $ = (id) => document.getElementById(id);
// The issue button's words before a CSV is chosen ("Issue the cards").
const ISSUE_LABEL = $("kit-issue").textContent.trim();

/** The state of the page: the coop file, and the keys' seeds once opened. */
const kit = {
    coop: null,
    seeds: new Map(),
    rows: [],
    lastBatch: [],
    downloads: [],
    actions: 0,
};

// ------------------------------------------------------------------ words

function text(name, values = {}) {
    // "1 card", not "1 cards": a text may have its singular, <name>_one.
    const element =
        (values.count === 1 && document.querySelector(`[data-text="${name}_one"]`)) ||
        document.querySelector(`[data-text="${name}"]`);
    return (element ? element.textContent.replace(/\s+/g, " ").trim() : name).replace(
        /\{(\w+)\}/g,
        (_match, key) => values[key] ?? ""
    );
}

function say(message, kind = "info") {
    const box = $("kit-message");
    box.textContent = message;
    box.className = `message ${kind}`;
    box.hidden = !message;
}

function formatDate(iso) {
    const [year, month, day] = iso.split("-").map(Number);
    return new Date(year, month - 1, day).toLocaleDateString(
        document.documentElement.lang
    );
}

function localToday() {
    const now = new Date();
    const pad = (n) => String(n).padStart(2, "0");
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function shiftDays(iso, days, years = 0) {
    const [year, month, day] = iso.split("-").map(Number);
    const date = new Date(Date.UTC(year + years, month - 1, day + days));
    return date.toISOString().slice(0, 10);
}

const escapeHtml = (value) =>
    String(value).replace(
        /[&<>"']/g,
        (c) =>
            ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"})[c]
    );

// ------------------------------------------------------- the sealed keys

const toBase64 = (bytes) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (value) => Uint8Array.from(atob(value), (c) => c.charCodeAt(0));

async function wrappingKey(passphrase, salt, iterations) {
    const material = await crypto.subtle.importKey(
        "raw",
        new TextEncoder().encode(passphrase),
        "PBKDF2",
        false,
        ["deriveKey"]
    );
    return crypto.subtle.deriveKey(
        {name: "PBKDF2", hash: "SHA-256", salt, iterations},
        material,
        {name: "AES-GCM", length: 256},
        false,
        ["encrypt", "decrypt"]
    );
}

/**
 * A seed sealed with the passphrase.
 * @param {Uint8Array} seed
 * @param {String} passphrase
 * @returns {Promise<Object>} {kdf, iterations, salt, iv, data}, base64
 */
export async function seal(seed, passphrase) {
    const salt = crypto.getRandomValues(new Uint8Array(16));
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const key = await wrappingKey(passphrase, salt, ITERATIONS);
    const data = await crypto.subtle.encrypt({name: "AES-GCM", iv}, key, seed);
    return {
        kdf: "PBKDF2-SHA256",
        iterations: ITERATIONS,
        cipher: "AES-256-GCM",
        salt: toBase64(salt),
        iv: toBase64(iv),
        data: toBase64(new Uint8Array(data)),
    };
}

/**
 * The seed of a sealed key, or null if the passphrase is not the one that sealed it.
 * @param {Object} sealed seal()'s answer
 * @param {String} passphrase
 * @returns {Promise<Uint8Array|null>}
 */
export async function unseal(sealed, passphrase) {
    try {
        const key = await wrappingKey(
            passphrase,
            fromBase64(sealed.salt),
            sealed.iterations
        );
        const seed = await crypto.subtle.decrypt(
            {name: "AES-GCM", iv: fromBase64(sealed.iv)},
            key,
            fromBase64(sealed.data)
        );
        return new Uint8Array(seed);
    } catch {
        return null;
    }
}

// ------------------------------------------------------------ the coop

function store() {
    localStorage.setItem(STORED, JSON.stringify(kit.coop));
    $("kit-unsaved").hidden = false;
}

function download(name, content, type) {
    const url = URL.createObjectURL(new Blob([content], {type}));
    const link = document.createElement("a");
    link.href = url;
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
    kit.downloads.push({name, content});
}

function saveCoopFile() {
    download(
        `${kit.coop.coop.code.toLowerCase()}-passkoop-kit.json`,
        JSON.stringify(kit.coop, null, 1),
        "application/json"
    );
    $("kit-unsaved").hidden = true;
    say(text("saved"), "ok");
}

/** The newest key valid on `day` signs cards; the oldest one signs the entry. */
function signingKey(day, newest = true) {
    const valid = kit.coop.keys.filter(
        (key) =>
            (!key.valid_from || key.valid_from <= day) &&
            (!key.valid_until || day <= key.valid_until)
    );
    return newest ? valid.at(-1) : valid[0];
}

async function newKey(passphrase) {
    const seed = crypto.getRandomValues(new Uint8Array(32));
    const numbers = kit.coop.keys.map((key) => Number(key.kid.slice(1)) || 0);
    const kid = `K${Math.max(0, ...numbers) + 1}`;
    kit.coop.keys.push({
        kid,
        public_key: base32Encode(publicKeyOf(seed)),
        // The day before it first signs: a partner whose date is behind ours
        // accepts today's cards (card-format.md, "Time zones").
        valid_from: shiftDays(localToday(), -1),
        valid_until: null,
        sealed: await seal(seed, passphrase),
    });
    kit.seeds.set(kid, seed);
    return kid;
}

async function createCoop(event) {
    event.preventDefault();
    const form = $("kit-create");
    const value = (name) => form.elements[name].value.trim();
    const code = value("code").toUpperCase();
    if (!/^[A-Z0-9]{2,16}$/.test(code)) {
        return say(text("bad_code"), "error");
    }
    if (!value("name")) {
        return say(text("no_name"), "error");
    }
    const passphrase = form.elements.passphrase.value;
    if (passphrase.length < 10) {
        return say(text("short_passphrase"), "error");
    }
    if (passphrase !== form.elements.passphrase2.value) {
        return say(text("passphrases_differ"), "error");
    }
    kit.coop = {
        format: FORMAT,
        coop: {
            code,
            name: value("name"),
            city: value("city"),
            country: value("country").toUpperCase(),
            email: value("email"),
            website: value("website"),
            url: value("url"),
            welcome: {
                partner: value("partner"),
                trial: value("trial"),
                summary: value("summary"),
            },
        },
        keys: [],
        next_serial: 1,
        cards: [],
        issued_at: null,
    };
    kit.seeds = new Map();
    await newKey(passphrase);
    form.reset();
    form.elements.country.value = "FR";
    store();
    await showCoop();
    saveCoopFile();
    say(text("created"), "ok");
}

/**
 * Open the coop file (chosen, else the one this browser keeps) with the passphrase.
 * A wrong passphrase changes nothing.
 */
async function openCoop(event) {
    event?.preventDefault();
    const file = $("kit-coop-file").files[0];
    let coop = null;
    try {
        coop = JSON.parse(file ? await file.text() : localStorage.getItem(STORED));
    } catch {
        coop = null;
    }
    if (coop?.format !== FORMAT || !coop.keys?.length) {
        return say(text(file ? "bad_coop_file" : "no_coop_file"), "error");
    }
    const passphrase = $("kit-open-passphrase").value;
    const seeds = new Map();
    for (const key of coop.keys) {
        const seed = await unseal(key.sealed, passphrase);
        if (!seed || base32Encode(publicKeyOf(seed)) !== key.public_key) {
            return say(text("wrong_passphrase"), "error");
        }
        seeds.set(key.kid, seed);
    }
    kit.coop = coop;
    kit.seeds = seeds;
    $("kit-open-passphrase").value = "";
    localStorage.setItem(STORED, JSON.stringify(coop));
    await showCoop();
    say(text("opened", {coop: coop.coop.name}), "ok");
}

async function showCoop() {
    const {coop} = kit.coop;
    $("kit-start").hidden = true;
    for (const id of ["kit-coop", "kit-members", "kit-cards", "kit-entry"]) {
        $(id).hidden = false;
    }
    $("kit-coop-title").textContent = `${coop.name} (${coop.code})`;
    await showKeys();
    $("kit-valid-until").value = shiftDays(localToday(), 0, 1);
    showCards();
}

// -------------------------------------------------------------- keys

/**
 * The keys, each with its fingerprint: the one that signs the new cards, the
 * retired ones with their last day, a button to retire an old one.
 */
async function showKeys() {
    const {keys} = kit.coop;
    const signer = signingKey(localToday());
    const items = [];
    for (const key of keys) {
        const item = document.createElement("li");
        const print = document.createElement("span");
        print.className = "fingerprint";
        print.textContent = await fingerprint(base32Decode(key.public_key));
        const state = key.valid_until
            ? text("key_until", {date: formatDate(key.valid_until)})
            : key === signer
              ? text("key_signs")
              : "";
        item.append(`${text("key_line", {kid: key.kid})} `, print);
        if (state) {
            item.append(` · ${state}`);
        }
        // An old key is retired once a newer one signs: never the last one.
        const newer = keys.slice(keys.indexOf(key) + 1);
        if (!key.valid_until && newer.some((other) => !other.valid_until)) {
            const button = document.createElement("button");
            button.type = "button";
            button.className = "small";
            button.textContent = text("retire");
            button.onclick = () => retireKey(key, button);
            item.append(" ", button);
        }
        items.push(item);
    }
    $("kit-keys").replaceChildren(...items);
}

/**
 * A new key, sealed with the passphrase of the coop file (one passphrase opens
 * every key): a wrong one adds nothing.
 */
async function addKey(event) {
    event.preventDefault();
    const passphrase = $("kit-new-key-passphrase").value;
    $("kit-new-key-passphrase").value = "";
    if (!(await unseal(kit.coop.keys[0].sealed, passphrase))) {
        return say(text("key_wrong_passphrase"), "error");
    }
    const kid = await newKey(passphrase);
    store();
    await showKeys();
    say(text("key_added", {kid}), "ok");
}

/**
 * Stop signing with a key. It stays valid for the cards it signed, and a day
 * past today's signatures (card-format.md, "Time zones"), as Odoo's keys do.
 */
async function retireKey(key, button) {
    if (button.dataset.confirm !== "1") {
        button.dataset.confirm = "1";
        button.textContent = text("retire_confirm");
        return;
    }
    const signed = kit.coop.cards
        .filter(
            (card) => card.state === "active" && card.token.split(":")[2] === key.kid
        )
        .map((card) => card.until);
    key.valid_until = [shiftDays(localToday(), 1), ...signed].sort().at(-1);
    store();
    await showKeys();
    say(text("key_retired", {kid: key.kid, date: formatDate(key.valid_until)}), "ok");
}

// ------------------------------------------------------------ members

/**
 * The rows of a CSV text (separator "," or ";", quotes as spreadsheets write them).
 * @param {String} content
 * @returns {String[][]}
 */
export function parseCsv(content) {
    const source = content.replace(/^\ufeff/, "");
    const firstLine = source.split(/\r?\n/, 1)[0];
    const separator =
        (firstLine.match(/;/g) || []).length > (firstLine.match(/,/g) || []).length
            ? ";"
            : ",";
    const rows = [];
    let row = [];
    let field = "";
    let quoted = false;
    for (let i = 0; i < source.length; i++) {
        const char = source[i];
        if (quoted) {
            if (char === '"' && source[i + 1] === '"') {
                field += '"';
                i++;
            } else if (char === '"') {
                quoted = false;
            } else {
                field += char;
            }
        } else if (char === '"') {
            quoted = true;
        } else if (char === separator) {
            row.push(field);
            field = "";
        } else if (char === "\n" || char === "\r") {
            if (char === "\r" && source[i + 1] === "\n") {
                i++;
            }
            row.push(field);
            rows.push(row);
            row = [];
            field = "";
        } else {
            field += char;
        }
    }
    if (field || row.length) {
        row.push(field);
        rows.push(row);
    }
    return rows;
}

const plain = (value) =>
    value
        .normalize("NFKD")
        .replace(/[\u0300-\u036f]/g, "")
        .toLowerCase();

/** Which column holds what, guessed from the header's words. */
function guessColumns(header) {
    const words = header.map(plain);
    const find = (test) => words.findIndex(test);
    const member = find((w) =>
        /(numero|n°|no\b|num\b|member|adherent|matricule|ref)/.test(w)
    );
    const email = find((w) => /(mail|courriel)/.test(w));
    const first = find((w) => /(prenom|first)/.test(w));
    const name = find(
        (w, i) =>
            i !== member && i !== email && i !== first && /(nom|name|last)/.test(w)
    );
    return {name, first, member, email};
}

function fillMapping(header) {
    const guess = guessColumns(header);
    for (const field of ["name", "first", "member", "email"]) {
        const select = $(`kit-column-${field}`);
        select.replaceChildren(new Option("—", "-1"));
        header.forEach((label, index) => {
            select.add(new Option(label || `${index + 1}`, String(index)));
        });
        select.value = String(guess[field]);
    }
}

/**
 * The CSV's rows checked: the members who can get a card, and the rows that
 * cannot be used with their reason.
 */
function readMembers() {
    const column = (field) => Number($(`kit-column-${field}`).value);
    const [nameAt, firstAt, memberAt, emailAt] = [
        "name",
        "first",
        "member",
        "email",
    ].map(column);
    const members = [];
    const rejected = [];
    const seen = new Map();
    kit.csv.slice(1).forEach((cells, index) => {
        const line = index + 2;
        if (cells.every((cell) => !cell.trim())) {
            return;
        }
        const cell = (at) => (at >= 0 ? (cells[at] || "").trim() : "");
        const name = [cell(firstAt), cell(nameAt)].filter(Boolean).join(" ");
        const raw = cell(memberAt);
        const member = raw.toUpperCase().replace(/\s+/g, "-");
        const email = cell(emailAt);
        let reason = null;
        if (!name) {
            reason = text("row_no_name");
        } else if (!raw) {
            reason = text("row_no_member");
        } else if (!/^[A-Z0-9-]{1,32}$/.test(member)) {
            reason = text("row_bad_member", {member: raw});
        } else if (email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
            reason = text("row_bad_email", {email});
        } else if (seen.has(member)) {
            reason = text("row_duplicate", {member: raw, line: seen.get(member)});
        }
        if (reason) {
            rejected.push({line, reason});
        } else {
            seen.set(member, line);
            members.push({name, member, email, line});
        }
    });
    kit.rows = members;
    const preview = [text("preview", {count: members.length})];
    if (rejected.length) {
        preview.push(text("preview_rejected", {count: rejected.length}));
    }
    $("kit-preview").textContent = preview.join(" ");
    $("kit-rejected").replaceChildren(
        ...rejected.map(({line, reason}) => {
            const item = document.createElement("li");
            item.textContent = text("row_line", {line, reason});
            return item;
        })
    );
    $("kit-issue").disabled = !members.length;
    $("kit-issue").textContent = text("issue_button", {count: members.length});
    return {members, rejected};
}

async function chooseCsv() {
    const file = $("kit-csv").files[0];
    if (!file) {
        return;
    }
    kit.csv = parseCsv(await file.text());
    if (kit.csv.length < 2) {
        $("kit-mapping").hidden = true;
        return say(text("empty_csv"), "error");
    }
    fillMapping(kit.csv[0]);
    $("kit-mapping").hidden = false;
    readMembers();
    say("");
}

/**
 * Issue a card to every member read from the CSV: all of them or none (every
 * token is signed before anything is kept). A member's previous card is revoked.
 */
async function issueCards() {
    const until = $("kit-valid-until").value;
    const today = localToday();
    if (!until || until < today) {
        return say(text("bad_until"), "error");
    }
    const key = signingKey(today);
    if (!key) {
        return say(text("no_key"), "error");
    }
    const {code} = kit.coop.coop;
    const cards = [];
    let serial = kit.coop.next_serial;
    try {
        for (const row of kit.rows) {
            const number = String(serial++).padStart(6, "0");
            cards.push({
                serial: number,
                member: row.member,
                name: row.name,
                email: row.email,
                until,
                issued: today,
                state: "active",
                token: await cardToken(
                    kit.seeds.get(key.kid),
                    code,
                    key.kid,
                    number,
                    row.member,
                    until
                ),
            });
        }
    } catch (error) {
        return say(text("not_issued", {error: error.message}), "error");
    }
    const renewed = new Set(cards.map((card) => card.member));
    for (const card of kit.coop.cards) {
        if (card.state === "active" && renewed.has(card.member)) {
            card.state = "revoked";
        }
    }
    kit.coop.cards.push(...cards);
    kit.coop.next_serial = serial;
    kit.lastBatch = cards.map((card) => card.serial);
    kit.rows = [];
    // Nothing left to issue: the button waits for the next CSV.
    $("kit-issue").disabled = true;
    $("kit-issue").textContent = ISSUE_LABEL;
    $("kit-csv").value = "";
    $("kit-csv").parentElement.querySelector(".file-name").textContent = "";
    $("kit-mapping").hidden = true;
    $("kit-rejected").replaceChildren();
    $("kit-preview").textContent = "";
    store();
    showCards();
    say(text("issued", {count: cards.length}), "ok");
}

// -------------------------------------------------------------- cards

function qrImage(token) {
    const code = qrcode(0, "M");
    code.addData(token, "Alphanumeric");
    code.make();
    return code.createDataURL(4, 4);
}

function cardHtml(card) {
    const {coop} = kit.coop;
    return `<div class="card">
<div class="card-text">
<div class="card-coop">${escapeHtml(coop.name)}</div>
<div class="card-title">${escapeHtml(text("card_title"))}</div>
<div class="card-name">${escapeHtml(card.name)}</div>
<div>${escapeHtml(text("card_member", {member: card.member}))}</div>
<div>${escapeHtml(text("card_until", {date: formatDate(card.until)}))}</div>
<div class="card-serial">${escapeHtml(text("card_serial", {serial: card.serial}))}</div>
</div>
<img class="card-qr" alt="QR" src="${qrImage(card.token)}"/>
<div class="card-token">${escapeHtml(card.token)}</div>
</div>`;
}

/** Print cards on A4 sheets of 86 × 54 mm cards, ten a sheet. */
function printCards(cards) {
    if (!cards.length) {
        return say(text("nothing_to_print"), "error");
    }
    const sheets = [];
    for (let i = 0; i < cards.length; i += 10) {
        sheets.push(
            `<div class="sheet">${cards
                .slice(i, i + 10)
                .map(cardHtml)
                .join("")}</div>`
        );
    }
    $("kit-print").innerHTML = sheets.join("");
    window.print();
}

/** The member's card as a page of its own, to keep on their phone. */
function phoneCard(card) {
    const {coop} = kit.coop;
    const lang = document.documentElement.lang;
    const page = `<!DOCTYPE html>
<html lang="${escapeHtml(lang)}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Pass'Koop · ${escapeHtml(coop.name)}</title></head>
<body style="margin:0;padding:4vmin;font-family:sans-serif;color:#222;background:#f4f1ea;text-align:center">
<div style="max-width:30rem;margin:0 auto;padding:4vmin;background:#fff;border-radius:12px">
<div style="font-size:1.2rem;font-weight:bold">Pass'Koop · ${escapeHtml(coop.name)}</div>
<img src="${qrImage(card.token)}" alt="QR" style="width:min(80vw,60vh,26rem);margin:3vmin auto;display:block;image-rendering:pixelated">
<div style="font-size:1.5rem;font-weight:bold">${escapeHtml(card.name)}</div>
<div style="font-size:1.2rem">${escapeHtml(text("card_member", {member: card.member}))}</div>
<div style="font-size:1.2rem">${escapeHtml(text("card_until", {date: formatDate(card.until)}))}</div>
<div style="margin-top:3vmin;color:#555">${escapeHtml(text("card_show"))}</div>
<div style="margin-top:3vmin;font:0.6rem monospace;word-break:break-all;color:#555">${escapeHtml(card.token)}</div>
</div></body></html>`;
    const name = plain(card.name).replace(/[^a-z0-9]+/g, "-");
    download(
        `pass-koop-${coop.code.toLowerCase()}-${card.serial}-${name}.html`,
        page,
        "text/html"
    );
}

function revoke(card, button) {
    if (button.dataset.confirm !== "1") {
        button.dataset.confirm = "1";
        button.textContent = text("revoke_confirm");
        return;
    }
    card.state = "revoked";
    store();
    showCards();
    say(text("revoked", {serial: card.serial}), "ok");
}

function showCards() {
    const today = localToday();
    const body = $("kit-card-rows");
    const rows = [...kit.coop.cards].reverse().map((card) => {
        const row = document.createElement("tr");
        const state =
            card.state === "revoked"
                ? text("state_revoked")
                : card.until < today
                  ? text("state_expired")
                  : text("state_active");
        for (const value of [
            card.serial,
            card.name,
            card.member,
            formatDate(card.until),
            state,
        ]) {
            const cell = document.createElement("td");
            cell.textContent = value;
            row.append(cell);
        }
        const actions = document.createElement("td");
        const button = (label, action) => {
            const element = document.createElement("button");
            element.type = "button";
            element.className = "small";
            element.textContent = text(label);
            element.onclick = () => action(element);
            actions.append(element);
        };
        if (card.state === "active") {
            button("print_one", () => printCards([card]));
            button("phone_file", () => phoneCard(card));
            button("revoke", (element) => revoke(card, element));
        }
        row.append(actions);
        return row;
    });
    body.replaceChildren(...rows);
    const active = kit.coop.cards.filter(
        (c) => c.state === "active" && c.until >= today
    );
    $("kit-card-count").textContent = text("card_count", {count: active.length});
    $("kit-print-new").disabled = !kit.lastBatch.length;
}

// ------------------------------------------------------------- entry

/** The entry's issued_at: now, and always later than the last one written. */
function issuedAt() {
    let now = new Date();
    now.setUTCMilliseconds(0);
    const last = kit.coop.issued_at ? new Date(kit.coop.issued_at) : null;
    if (last && now <= last) {
        now = new Date(last.getTime() + 1000);
    }
    return now.toISOString().replace(".000Z", "Z");
}

/** The coop's signed directory entry (card-format.md), as tools/card_format.py writes it. */
export async function directoryEntry() {
    const today = localToday();
    const {coop} = kit.coop;
    const signer = signingKey(today, false);
    const issued = issuedAt();
    const payload = {
        format: "passkoop-directory/1",
        code: coop.code,
        name: coop.name,
        city: coop.city,
        country: coop.country,
        email: coop.email,
        website: coop.website,
        url: coop.url,
        keys: kit.coop.keys
            .filter((key) => !key.valid_until || key.valid_until >= today)
            .map(({kid, public_key, valid_from, valid_until}) => ({
                kid,
                public_key,
                valid_from,
                valid_until,
            })),
        revoked: kit.coop.cards
            .filter((card) => card.state === "revoked" && card.until >= today)
            .map((card) => card.serial)
            .sort(),
        welcome: coop.welcome,
        issued_at: issued,
    };
    const document = await entryDocument(
        kit.seeds.get(signer.kid),
        signer.kid,
        payload
    );
    kit.coop.issued_at = issued;
    store();
    return document;
}

async function writeEntry() {
    const document = await directoryEntry();
    download(
        `${kit.coop.coop.code.toLowerCase()}-directory.jws`,
        document,
        "application/jose"
    );
    say(text("entry_written"), "ok");
}

// ------------------------------------------------------------ start

function start() {
    if (!globalThis.crypto?.subtle) {
        $("kit-no-crypto").hidden = false;
        $("kit-start").hidden = true;
        return;
    }
    const stored = localStorage.getItem(STORED);
    if (stored) {
        try {
            $("kit-stored").textContent = text("stored", {
                coop: JSON.parse(stored).coop.name,
            });
            $("kit-stored").hidden = false;
        } catch {
            localStorage.removeItem(STORED);
        }
    }
    // Every action a volunteer takes, counted (the kit's tests keep it low).
    document.addEventListener(
        "click",
        (event) => {
            if (event.target.closest("button, select, a:not([download])")) {
                kit.actions++;
            }
        },
        true
    );
    document.addEventListener(
        "keydown",
        (event) => {
            if (event.target.type !== "password") {
                kit.actions++; // the passphrase is not counted: it is not an action
            }
        },
        true
    );
    $("kit-create").elements.country.value = "FR";
    // The browser's own "no file chosen" is in its language: the kit says it.
    for (const input of document.querySelectorAll("label.file input")) {
        input.addEventListener("change", () => {
            input.parentElement.querySelector(".file-name").textContent =
                input.files[0]?.name || "";
        });
    }
    $("kit-open").onsubmit = openCoop;
    $("kit-create").onsubmit = createCoop;
    $("kit-csv").onchange = chooseCsv;
    for (const field of ["name", "first", "member", "email"]) {
        $(`kit-column-${field}`).onchange = readMembers;
    }
    $("kit-issue").onclick = issueCards;
    $("kit-print-new").onclick = () =>
        printCards(
            kit.coop.cards.filter((card) => kit.lastBatch.includes(card.serial))
        );
    $("kit-print-all").onclick = () =>
        printCards(
            kit.coop.cards.filter(
                (card) => card.state === "active" && card.until >= localToday()
            )
        );
    $("kit-save").onclick = saveCoopFile;
    $("kit-new-key").onsubmit = addKey;
    $("kit-write-entry").onclick = writeEntry;
    window.passkoopKit = {
        kit,
        base32Decode,
        base32Encode,
        fingerprint,
        publicKeyOf,
        signEd25519,
        parseCard,
        cardToken,
        entryDocument,
        directoryEntry,
        seal,
        unseal,
        ready: true,
    };
}

start();
