/* global nacl */
/**
 * Pass'Koop cards at the till, offline: the verifier of card-format.md, giving the
 * same answers as res.partner.passkoop_verify_card() on the server. Both are tested
 * on passkoop_membership/static/tests/card_vectors.json.
 *
 * Signatures are checked with the browser's WebCrypto Ed25519 where it has it, else
 * with TweetNaCl.js (static/lib/tweetnacl): older browsers, and tills served over
 * plain http on the shop's network, where `crypto.subtle` does not exist.
 */
import {_t} from "@web/core/l10n/translation";

const {DateTime} = luxon;

const CARD_FIELDS = [
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
        value = (value << 5) | index;
        bits += 5;
        if (bits >= 8) {
            bits -= 8;
            bytes.push((value >> bits) & 0xff);
        }
    }
    return new Uint8Array(bytes);
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
    const date = DateTime.fromFormat(until, "yyyyMMdd");
    const signature = base32Decode(sig);
    if (!date.isValid || !signature || signature.length !== 64) {
        return null;
    }
    const signed = new TextEncoder().encode(token.slice(0, token.lastIndexOf(":") + 1));
    return {issuer, kid, serial, member, until: date.toISODate(), signed, signature};
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
 * The partner coops' entries as the till holds them, by code.
 * @param {Object[]} coops passkoop.coop records (code, name, revoked_serials)
 * @param {Object[]} keys trusted passkoop.coop.key records (coop_id, kid, public_key,
 *   valid_from, valid_until)
 * @returns {Map<String, Object>} code -> {coop, keys: Map kid -> key, revoked: Set}
 */
export function buildDirectory(coops, keys) {
    const directory = new Map();
    for (const coop of coops) {
        directory.set(coop.code, {
            coop,
            keys: new Map(),
            revoked: new Set((coop.revoked_serials || "").split(/\s+/).filter(Boolean)),
        });
    }
    for (const key of keys) {
        directory.get(key.coop_id?.code)?.keys.set(key.kid, key);
    }
    // A coop with no trusted key is not an issuer the till knows.
    for (const [code, entry] of directory) {
        if (!entry.keys.size) {
            directory.delete(code);
        }
    }
    return directory;
}

const dateOf = (value) => (value ? DateTime.fromISO(value).toISODate() : null);

/**
 * Check a card token, in the order of card-format.md.
 * @param {String} token
 * @param {Map} directory buildDirectory()'s answer
 * @param {String} today ISO date, the till's local day
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

/**
 * The check in words, as the server says it.
 * @param {Object} result verifyCard()'s answer
 * @returns {String}
 */
export function cardReasonText(result) {
    const coop = result.coop?.name || "";
    const until = result.valid_until
        ? DateTime.fromISO(result.valid_until).toLocaleString(DateTime.DATE_SHORT)
        : "";
    switch (result.reason_code) {
        case "ok":
            return _t("Member of %(coop)s, card valid until %(date)s", {
                coop,
                date: until,
            });
        case "unknown_issuer":
            return _t("Unknown coop %(code)s: import its directory entry.", {
                code: result.token.split(":")[1],
            });
        case "unknown_key":
            return _t(
                "Card signed with a key of %(coop)s that is unknown or no longer valid: update its directory entry.",
                {coop}
            );
        case "bad_signature":
            return _t("The card's signature is wrong: it was altered or forged.");
        case "expired":
            return _t("Card expired on %(date)s.", {date: until});
        case "revoked":
            return _t("Card revoked by its coop.");
        default:
            return _t("This is not a Pass'Koop card.");
    }
}
