/**
 * A partner coop's revoked serials as the till receives them: packed by the server
 * (passkoop_pos/tools/revoked_packing.py says the format), read here, the only
 * reader of that format. Each check looks one serial up: binary searches among a
 * width's bitmaps and in its sorted numbers; nothing is expanded into strings.
 */

const MAX_DIGITS = 15; // as the server: longer digit serials come as text
const DIGITS = /^[0-9]+$/;

/**
 * @param {String} text base64
 * @returns {Uint8Array}
 */
function base64Bytes(text) {
    return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}

/**
 * Unsigned LEB128 varints: the first number, then the gaps.
 * @param {Uint8Array} bytes
 * @returns {Float64Array} the numbers, increasing
 */
function numbersOfGaps(bytes) {
    const numbers = [];
    let previous = 0;
    let value = 0;
    let scale = 1;
    for (const byte of bytes) {
        value += (byte & 0x7f) * scale; // multiplications: beyond 32 bits exactly
        scale *= 128;
        if (byte < 0x80) {
            previous += value;
            numbers.push(previous);
            value = 0;
            scale = 1;
        }
    }
    return Float64Array.from(numbers);
}

/** Whether the sorted `numbers` hold `number` (binary search). */
function sortedHas(numbers, number) {
    let low = 0;
    let high = numbers.length - 1;
    while (low <= high) {
        const middle = (low + high) >> 1;
        if (numbers[middle] === number) {
            return true;
        }
        if (numbers[middle] < number) {
            low = middle + 1;
        } else {
            high = middle - 1;
        }
    }
    return false;
}

/**
 * Whether a bitmap holds a number.
 * @param {Object} bitmap {first, bits: Uint8Array}
 * @param {Number} number
 * @returns {Boolean}
 */
function bitmapHas({first, bits}, number) {
    const offset = number - first;
    return (
        offset >= 0 &&
        offset < bits.length * 8 &&
        (bits[Math.floor(offset / 8)] & (1 << offset % 8)) !== 0
    );
}

/** One width's numbers: bitmaps (by their first number) and gaps. */
class NumberGroup {
    constructor() {
        this.bitmaps = [];
        this.numbers = new Float64Array(0);
    }

    /**
     * @param {String} kind "b" (a bitmap) or "d" (gaps)
     * @param {String} body
     */
    add(kind, body) {
        if (kind === "b") {
            const dot = body.indexOf(".");
            this.bitmaps.push({
                first: Number(body.slice(0, dot)),
                bits: base64Bytes(body.slice(dot + 1)),
            });
        } else {
            this.numbers = numbersOfGaps(base64Bytes(body));
        }
    }

    /** @param {Number} number */
    has(number) {
        // The last bitmap starting at or before the number (binary search).
        let low = 0;
        let high = this.bitmaps.length - 1;
        while (low < high) {
            const middle = (low + high + 1) >> 1;
            if (this.bitmaps[middle].first <= number) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return (
            (this.bitmaps.length > 0 && bitmapHas(this.bitmaps[low], number)) ||
            sortedHas(this.numbers, number)
        );
    }
}

/** A coop's revoked serials, read from their packed text once. */
export class RevokedSerials {
    /** @param {String} packed the server's text ("" or false: none) */
    constructor(packed) {
        this.byWidth = new Map();
        this.others = new Set();
        for (const group of (packed || "").split(";").filter(Boolean)) {
            if (group.startsWith("*")) {
                for (const serial of group.slice(1).split(" ")) {
                    this.others.add(serial);
                }
                continue;
            }
            const [, width, kind, body] = group.match(/^(\d+)([bd])(.*)$/);
            if (!this.byWidth.has(Number(width))) {
                this.byWidth.set(Number(width), new NumberGroup());
            }
            this.byWidth.get(Number(width)).add(kind, body);
        }
        for (const group of this.byWidth.values()) {
            group.bitmaps.sort((a, b) => a.first - b.first);
        }
    }

    /**
     * @param {String} serial a card's SERIAL
     * @returns {Boolean} whether the coop revoked it
     */
    has(serial) {
        if (serial.length <= MAX_DIGITS && DIGITS.test(serial)) {
            const group = this.byWidth.get(serial.length);
            return Boolean(group) && group.has(Number(serial));
        }
        return this.others.has(serial);
    }
}
