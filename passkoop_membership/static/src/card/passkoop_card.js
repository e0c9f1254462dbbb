/* global nacl */
/**
 * The Pass'Koop card verifier of card-format.md, in the browser: the same answers
 * as res.partner.passkoop_verify_card() on the server, both tested on
 * passkoop_membership/static/tests/card_vectors.json.
 *
 * No framework here: the till imports it through Odoo's assets, and the phone card
 * checker (/passkoop/check) loads it as a plain ES module. Directory entries are
 * read and trusted by passkoop_directory.js beside it.
 *
 * Signatures are checked with the browser's WebCrypto Ed25519 where it has it, else
 * with TweetNaCl.js (static/lib/tweetnacl, the global `nacl`): older browsers, and
 * pages served over plain http on a shop's network, where `crypto.subtle` does not
 * exist.
 */

/** The characters of each field of a card, after its PK1 prefix. */
export const CARD_FIELDS = [
    /^[A-Z0-9]{2,16}$/, // ISSUER
    /^[A-Z0-9]{1,8}$/, // KID
    /^[A-Z0-9]{1,16}$/, // SERIAL
    /^[A-Z0-9-]{1,32}$/, // MEMBER
    /^[0-9]{8}$/, // UNTIL
    /^[A-Z2-7]{103}$/, // SIG
];
const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/**
 * RFC 4648 base32 without padding, as the formats write it.
 * @param {String} text
 * @returns {Uint8Array|null} null if it is not base32
 */
export function base32Decode(text) {
    const bytes = [];
    let bits = 0;
    let value = 0;
    for (const char of text) {
        const index = BASE32.indexOf(char);
        if (index < 0) {
            return null;
        }
        value = ((value << 5) | index) & 0xffff;
        bits += 5;
        if (bits >= 8) {
            bits -= 8;
            bytes.push((value >> bits) & 0xff);
        }
    }
    return new Uint8Array(bytes);
}

/**
 * "YYYYMMDD" as an ISO date if it is a real calendar date, else null.
 * @param {String} text
 * @returns {String|null}
 */
function calendarDate(text) {
    const [year, month, day] = [text.slice(0, 4), text.slice(4, 6), text.slice(6)].map(
        Number
    );
    const date = new Date(Date.UTC(year, month - 1, day));
    const real =
        date.getUTCFullYear() === year &&
        date.getUTCMonth() === month - 1 &&
        date.getUTCDate() === day;
    return real ? `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6)}` : null;
}

/**
 * The fields of a well-formed token, or null (the verifier's "malformed").
 * @param {String} token
 * @returns {Object|null} {issuer, kid, serial, member, until (ISO date), signed,
 *   signature}
 */
export function parseCard(token) {
    if (typeof token !== "string") {
        return null;
    }
    const fields = token.split(":");
    if (fields.length !== 7 || fields[0] !== "PK1") {
        return null;
    }
    const values = fields.slice(1);
    if (!values.every((value, i) => CARD_FIELDS[i].test(value))) {
        return null;
    }
    const [issuer, kid, serial, member, until, sig] = values;
    const date = calendarDate(until);
    const signature = base32Decode(sig);
    if (!date || !signature || signature.length !== 64) {
        return null;
    }
    const signed = new TextEncoder().encode(token.slice(0, token.lastIndexOf(":") + 1));
    return {issuer, kid, serial, member, until: date, signed, signature};
}

let webCryptoEd25519 = Boolean(globalThis.crypto?.subtle);
const importedKeys = new Map();

/**
 * Whether `signature` is the Ed25519 signature of `message` by `publicKey`.
 * @param {Uint8Array} publicKey 32 bytes
 * @param {Uint8Array} message
 * @param {Uint8Array} signature 64 bytes
 * @param {Object} [options]
 * @param {Boolean} [options.fallback] use TweetNaCl even where WebCrypto could
 * @returns {Promise<Boolean>}
 */
export async function verifyEd25519(publicKey, message, signature, {fallback} = {}) {
    if (webCryptoEd25519 && !fallback) {
        try {
            const id = publicKey.join(",");
            if (!importedKeys.has(id)) {
                importedKeys.set(
                    id,
                    await crypto.subtle.importKey(
                        "raw",
                        publicKey,
                        {name: "Ed25519"},
                        false,
                        ["verify"]
                    )
                );
            }
            return await crypto.subtle.verify(
                {name: "Ed25519"},
                importedKeys.get(id),
                signature,
                message
            );
        } catch (error) {
            if (error.name === "NotSupportedError") {
                webCryptoEd25519 = false; // this browser has no Ed25519: never ask again
            }
            // A key WebCrypto refuses (not a curve point) is judged by TweetNaCl.
        }
    }
    return nacl.sign.detached.verify(message, signature, publicKey);
}

/** Which implementation checks signatures in this browser, for the benchmarks. */
export function ed25519Implementation() {
    return webCryptoEd25519 ? "WebCrypto" : "TweetNaCl";
}

/**
 * A coop's revoked serials from its text, one a line.
 * @param {Object} coop {revoked_serials}
 * @returns {Set<String>}
 */
function revokedSerialsText(coop) {
    return new Set((coop.revoked_serials || "").split(/\s+/).filter(Boolean));
}

/**
 * The partner coops' entries, by code.
 * @param {Object[]} coops {code, name, revoked_serials, ...}
 * @param {Object[]} keys trusted keys {coop_id (a coop), kid, public_key,
 *   valid_from, valid_until}
 * @param {Function} [revokedOf] a coop's revoked serials, as an object whose
 *   has(serial) says if one is revoked (the till receives them packed); by
 *   default read from its revoked_serials text
 * @returns {Map<String, Object>} code -> {coop, keys: Map kid -> key,
 *   revoked: {has(serial)}}
 */
export function buildDirectory(coops, keys, revokedOf = revokedSerialsText) {
    const directory = new Map();
    for (const coop of coops) {
        directory.set(coop.code, {coop, keys: new Map(), revoked: revokedOf(coop)});
    }
    for (const key of keys) {
        directory.get(key.coop_id?.code)?.keys.set(key.kid, key);
    }
    // A coop with no trusted key is not an issuer the verifier knows.
    for (const [code, entry] of directory) {
        if (!entry.keys.size) {
            directory.delete(code);
        }
    }
    return directory;
}

const dateOf = (value) => (value ? String(value).slice(0, 10) : null);

/**
 * Check a card token, in the order of card-format.md.
 * @param {String} token
 * @param {Map} directory buildDirectory()'s answer
 * @param {String} today ISO date, the verifier's local day
 * @param {Object} [options] passed to verifyEd25519
 * @returns {Promise<Object>} {valid, reason_code, coop, member_ref, serial,
 *   valid_until, token}
 */
export async function verifyCard(token, directory, today, options = {}) {
    const card = parseCard(token);
    const result = {
        token,
        valid: false,
        reason_code: "malformed",
        coop: null,
        member_ref: card?.member || null,
        serial: card?.serial || null,
        valid_until: card?.until || null,
    };
    const reason = async () => {
        if (!card) {
            return "malformed";
        }
        const entry = directory.get(card.issuer);
        if (!entry) {
            return "unknown_issuer";
        }
        result.coop = entry.coop;
        const key = entry.keys.get(card.kid);
        const from = dateOf(key?.valid_from);
        const until = dateOf(key?.valid_until);
        if (!key || (from && from > today) || (until && today > until)) {
            return "unknown_key";
        }
        const publicKey = base32Decode(key.public_key);
        if (!(await verifyEd25519(publicKey, card.signed, card.signature, options))) {
            return "bad_signature";
        }
        if (today > card.until) {
            return "expired";
        }
        return entry.revoked.has(card.serial) ? "revoked" : "ok";
    };
    result.reason_code = await reason();
    result.valid = result.reason_code === "ok";
    return result;
}
