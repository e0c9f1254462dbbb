/**
 * Partner coops' directory entries in the browser (card-format.md, "The directory
 * entry"): reading one, field by field as the server's
 * passkoop_membership/tools/directory_entry.py does, and the trust rule of
 * passkoop.coop.passkoop_import_directory(). The three give the same outcome on
 * every case of passkoop_membership/static/tests/entry_vectors.json.
 *
 * No framework here, like passkoop_card.js: the till has it through Odoo's assets,
 * the phone card checker (/passkoop/check) imports it as a plain ES module.
 */
import {CARD_FIELDS, base32Decode, verifyEd25519} from "./passkoop_card.js";

const ENTRY_FORMAT = "passkoop-directory/1";
const ENTRY_TYPE = "passkoop-directory+jws";
const MAX_DOCUMENT = 2000000; // characters, as the server
const [CODE, KID, SERIAL] = CARD_FIELDS;
const BASE64URL = /^[A-Za-z0-9_-]*$/;
const UTC_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Why a document is not an entry: caught by readEntry(). */
class InvalidEntry extends Error {}

/**
 * base64url without padding (RFC 7515), as JWS writes it.
 * @param {String} text
 * @returns {Uint8Array}
 */
function base64UrlDecode(text) {
    if (!BASE64URL.test(text)) {
        throw new InvalidEntry("not base64url");
    }
    const base64 = text.replace(/-/g, "+").replace(/_/g, "/");
    return Uint8Array.from(
        atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4)),
        (c) => c.charCodeAt(0)
    );
}

/**
 * Whether the numbers of a date (and time) matched by a pattern are real ones.
 * @param {String[]} match year, month, day[, hours, minutes, seconds]
 * @returns {Boolean}
 */
function realMoment([year, month, day, hours = 0, minutes = 0, seconds = 0]) {
    const numbers = [year, month, day, hours, minutes, seconds].map(Number);
    const date = new Date(Date.UTC(numbers[0], numbers[1] - 1, ...numbers.slice(2)));
    return (
        date.getUTCFullYear() === numbers[0] &&
        date.getUTCMonth() === numbers[1] - 1 &&
        date.getUTCDate() === numbers[2] &&
        date.getUTCHours() === numbers[3] &&
        date.getUTCMinutes() === numbers[4] &&
        date.getUTCSeconds() === numbers[5]
    );
}

/**
 * A text member of the payload, trimmed ("" when absent and optional).
 * @param {Object} payload
 * @param {String} name
 * @param {Object} [options]
 * @param {Boolean} [options.required]
 * @param {Number} [options.size] the longest it may be
 * @returns {String}
 */
function text(payload, name, {required = false, size = 256} = {}) {
    const value = payload[name];
    if ((value === undefined || value === null) && !required) {
        return "";
    }
    if (
        typeof value !== "string" ||
        value.length > size ||
        (required && !value.trim())
    ) {
        throw new InvalidEntry(`the field ${name} is missing or wrong`);
    }
    return value.trim();
}

/**
 * A key's bound: null, or a real "YYYY-MM-DD" date.
 * @param {*} value
 * @returns {String|null}
 */
function day(value) {
    if (value === undefined || value === null) {
        return null;
    }
    const match = typeof value === "string" && value.match(DAY);
    if (!match || !realMoment(match.slice(1))) {
        throw new InvalidEntry("not a date (YYYY-MM-DD)");
    }
    return value;
}

/**
 * The entry's keys, each a valid key id and a 32-byte Ed25519 public key.
 * @param {*} keys
 * @returns {Object[]} {kid, public_key, valid_from, valid_until}
 */
function entryKeys(keys) {
    if (!Array.isArray(keys) || !keys.length || keys.length > 100) {
        throw new InvalidEntry("it lists no keys");
    }
    const read = keys.map((key) => {
        if (!key || typeof key !== "object" || !KID.test(String(key.kid))) {
            throw new InvalidEntry("a key has no valid key id");
        }
        const raw = typeof key.public_key === "string" && base32Decode(key.public_key);
        if (!raw || raw.length !== 32) {
            throw new InvalidEntry(`the key ${key.kid} is not a 32-byte Ed25519 key`);
        }
        return {
            kid: key.kid,
            public_key: key.public_key,
            valid_from: day(key.valid_from),
            valid_until: day(key.valid_until),
        };
    });
    if (new Set(read.map((key) => key.kid)).size !== read.length) {
        throw new InvalidEntry("two keys have the same key id");
    }
    return read;
}

/**
 * Whether a key is valid on a day (card-format.md: each bound optional).
 * @param {Object} key {valid_from, valid_until}, ISO dates or null
 * @param {String} isoDay
 * @returns {Boolean}
 */
export function validOn(key, isoDay) {
    const from = key.valid_from && String(key.valid_from).slice(0, 10);
    const until = key.valid_until && String(key.valid_until).slice(0, 10);
    return (!from || from <= isoDay) && (!until || isoDay <= until);
}

/**
 * The header and payload of a JWS compact serialization, and what it signs.
 * @param {String} document
 * @returns {Object} {header, payload, signed, signature}
 */
function readDocument(document) {
    const parts = document.trim().split(".");
    if (parts.length !== 3) {
        throw new InvalidEntry("not a JWS compact serialization");
    }
    const json = (part) =>
        JSON.parse(
            new TextDecoder("utf-8", {fatal: true}).decode(base64UrlDecode(part))
        );
    const [header, payload] = [json(parts[0]), json(parts[1])];
    const isObject = (value) =>
        value !== null && typeof value === "object" && !Array.isArray(value);
    if (!isObject(header) || !isObject(payload)) {
        throw new InvalidEntry("not a JWS compact serialization");
    }
    if (header.alg !== "EdDSA" || typeof header.kid !== "string") {
        throw new InvalidEntry("not signed with EdDSA");
    }
    return {
        header,
        payload,
        signed: new TextEncoder().encode(`${parts[0]}.${parts[1]}`),
        signature: base64UrlDecode(parts[2]),
    };
}

/**
 * A directory entry signed by one of its own keys, valid on its issued_at, as a
 * coop and its keys for buildDirectory(); null if it is not one.
 * @param {String} document
 * @returns {Promise<Object|null>} {coop: {code, name, revoked_serials, issued_at},
 *   keys, signer}
 */
export async function readEntry(document) {
    try {
        if (typeof document !== "string" || document.length > MAX_DOCUMENT) {
            return null;
        }
        const {header, payload, signed, signature} = readDocument(document);
        if (![undefined, null, ENTRY_TYPE].includes(header.typ)) {
            return null;
        }
        if (payload.format !== ENTRY_FORMAT) {
            return null;
        }
        const code = text(payload, "code", {required: true, size: 16});
        const issuedAt = text(payload, "issued_at", {required: true});
        const time = issuedAt.match(UTC_TIME);
        const revoked = payload.revoked === undefined ? [] : payload.revoked;
        const valid =
            CODE.test(code) &&
            time &&
            realMoment(time.slice(1)) &&
            Array.isArray(revoked) &&
            revoked.every(
                (serial) => typeof serial === "string" && SERIAL.test(serial)
            );
        if (!valid) {
            return null;
        }
        const name = text(payload, "name", {required: true});
        for (const [member, size] of [
            ["city", 256],
            ["country", 2],
            ["email", 256],
            ["website", 256],
            ["url", 2048],
        ]) {
            text(payload, member, {size});
        }
        const keys = entryKeys(payload.keys);
        const signer = keys.find((key) => key.kid === header.kid);
        const trusted =
            signer &&
            validOn(signer, issuedAt.slice(0, 10)) &&
            (await verifyEd25519(base32Decode(signer.public_key), signed, signature));
        if (!trusted) {
            return null;
        }
        const coop = {
            code,
            name,
            revoked_serials: [...new Set(revoked)].sort().join("\n"),
            issued_at: issuedAt,
        };
        return {
            coop,
            keys: keys.map((key) => ({...key, coop_id: coop})),
            signer: {kid: signer.kid, public_key: signer.public_key},
        };
    } catch {
        return null;
    }
}

/**
 * What becomes of an entry read for a coop (card-format.md's trust rule, as
 * passkoop.coop.passkoop_import_directory() decides it).
 * @param {Object|null} held the coop's entry held, if any: {issued_at (or none),
 *   keys: the keys trusted for it {kid, public_key, valid_from, valid_until}}
 * @param {Object} entry readEntry()'s answer
 * @returns {String} "applied" (first entry, or signed by a key trusted and valid on
 *   its issued_at, not older than the one held), "pending" (an administrator must
 *   confirm its keys) or "stale" (older than the one held)
 */
export function entryOutcome(held, entry) {
    if (!held) {
        return "applied";
    }
    const issuedOn = entry.coop.issued_at.slice(0, 10);
    const signedByTrusted = held.keys.some(
        (key) =>
            key.kid === entry.signer.kid &&
            key.public_key === entry.signer.public_key &&
            validOn(key, issuedOn)
    );
    if (held.keys.length && !signedByTrusted) {
        return "pending";
    }
    if (held.issued_at && entry.coop.issued_at < held.issued_at) {
        return "stale";
    }
    return "applied";
}
