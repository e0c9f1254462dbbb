/* global nacl */
/**
 * The writing side of card-format.md in the browser: card tokens and directory
 * entries, byte for byte what tools/card_format.py writes (tested on the vectors of
 * card-vectors.json, signed with their seeds). The reading side is passkoop_card.js.
 *
 * No framework: the Pass'Koop kit (/passkoop/kit) inlines it into one HTML file that
 * works from the disk with no network.
 *
 * Keys are 32-byte Ed25519 seeds. Ed25519 signatures are deterministic (RFC 8032):
 * WebCrypto where the browser has it and TweetNaCl (the global `nacl`) sign the same
 * bytes.
 */
import {parseCard} from "./passkoop_card.js";

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
// PKCS #8 wrapping of a raw Ed25519 seed (RFC 8410), for WebCrypto's importKey.
const PKCS8_ED25519 = [
    0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22,
    0x04, 0x20,
];

/**
 * RFC 4648 base32, upper case, without padding.
 * @param {Uint8Array} bytes
 * @returns {String}
 */
export function base32Encode(bytes) {
    let text = "";
    let bits = 0;
    let value = 0;
    for (const byte of bytes) {
        value = ((value << 8) | byte) & 0xffff;
        bits += 8;
        while (bits >= 5) {
            bits -= 5;
            text += BASE32[(value >> bits) & 31];
        }
    }
    return bits ? text + BASE32[(value << (5 - bits)) & 31] : text;
}

/**
 * base64url without padding (RFC 7515).
 * @param {Uint8Array} bytes
 * @returns {String}
 */
export function base64UrlEncode(bytes) {
    let binary = "";
    for (const byte of bytes) {
        binary += String.fromCharCode(byte);
    }
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/**
 * JSON as Python's json.dumps(value, separators=(",", ":")) writes it: every
 * character outside printable ASCII escaped (ensure_ascii), so that an entry
 * written here and one written by Odoo are the same bytes.
 * @param {*} value
 * @returns {String}
 */
export function pythonJson(value) {
    return JSON.stringify(value).replace(
        /[\u007f-\uffff]/g,
        (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`
    );
}

let webCryptoSigns = Boolean(globalThis.crypto?.subtle);

/**
 * The Ed25519 signature of `message` by the key of `seed`.
 * @param {Uint8Array} seed 32 bytes
 * @param {Uint8Array} message
 * @param {Object} [options]
 * @param {Boolean} [options.fallback] use TweetNaCl even where WebCrypto could
 * @returns {Promise<Uint8Array>} 64 bytes
 */
export async function signEd25519(seed, message, {fallback} = {}) {
    if (webCryptoSigns && !fallback) {
        try {
            const key = await crypto.subtle.importKey(
                "pkcs8",
                new Uint8Array([...PKCS8_ED25519, ...seed]),
                {name: "Ed25519"},
                false,
                ["sign"]
            );
            return new Uint8Array(
                await crypto.subtle.sign({name: "Ed25519"}, key, message)
            );
        } catch (error) {
            if (error.name !== "NotSupportedError") {
                throw error;
            }
            webCryptoSigns = false; // no Ed25519 in this browser: TweetNaCl from now on
        }
    }
    return nacl.sign.detached(message, nacl.sign.keyPair.fromSeed(seed).secretKey);
}

/**
 * The 32-byte public key of a seed.
 * @param {Uint8Array} seed
 * @returns {Uint8Array}
 */
export function publicKeyOf(seed) {
    return nacl.sign.keyPair.fromSeed(seed).publicKey;
}

/**
 * What two coops read to each other to compare a key (card_format.fingerprint):
 * the first 32 hex digits of its SHA-256, upper case, in groups of 4.
 * @param {Uint8Array} publicKey
 * @returns {Promise<String>}
 */
export async function fingerprint(publicKey) {
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", publicKey));
    const hex = [...digest.slice(0, 16)]
        .map((byte) => byte.toString(16).padStart(2, "0"))
        .join("")
        .toUpperCase();
    return hex.match(/.{4}/g).join(" ");
}

/**
 * The signed token of a card (card_format.card_token).
 * @param {Uint8Array} seed
 * @param {String} issuer the coop's code
 * @param {String} kid
 * @param {String} serial
 * @param {String} member
 * @param {String} until ISO date, the last day the card is valid
 * @param {Object} [options] passed to signEd25519
 * @returns {Promise<String>}
 */
export async function cardToken(
    seed,
    issuer,
    kid,
    serial,
    member,
    until,
    options = {}
) {
    const signed = `PK1:${issuer}:${kid}:${serial}:${member}:${until.replace(/-/g, "")}:`;
    if (!parseCard(signed + "A".repeat(103))) {
        throw new Error(`a field of ${signed} is outside its characters`);
    }
    const signature = await signEd25519(
        seed,
        new TextEncoder().encode(signed),
        options
    );
    return signed + base32Encode(signature);
}

/**
 * A directory entry: the JWS compact serialization of `payload` signed with `kid`
 * (card_format.entry_document).
 * @param {Uint8Array} seed
 * @param {String} kid
 * @param {Object} payload its members in the order they are to be written
 * @param {Object} [options] passed to signEd25519
 * @returns {Promise<String>}
 */
export async function entryDocument(seed, kid, payload, options = {}) {
    const header = {alg: "EdDSA", kid, typ: "passkoop-directory+jws"};
    const signingInput = [header, payload]
        .map((part) => base64UrlEncode(new TextEncoder().encode(pythonJson(part))))
        .join(".");
    const signature = await signEd25519(
        seed,
        new TextEncoder().encode(signingInput),
        options
    );
    return `${signingInput}.${base64UrlEncode(signature)}`;
}
