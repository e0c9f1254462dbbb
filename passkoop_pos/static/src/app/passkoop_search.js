/**
 * What the cashier types to find a visitor, with one meaning whether the till
 * looks among the visitors it loaded or asks the server: part of the name or the
 * email, or the whole card or membership number; case does not matter.
 */

/**
 * @param {Object} partner res.partner record, or a visitor not saved yet
 * @param {String} query
 * @returns {Boolean}
 */
export function visitorMatches(partner, query) {
    const wanted = query.trim().toLowerCase();
    const text = (value) => (value || "").toLowerCase();
    return Boolean(
        wanted &&
            (text(partner.name).includes(wanted) ||
                text(partner.email).includes(wanted) ||
                text(partner.passkoop_card_ref) === wanted ||
                text(partner.passkoop_member_ref) === wanted)
    );
}

/**
 * The same search, as a domain for the server.
 * @param {String} query
 * @returns {Array}
 */
export function visitorSearchDomain(query) {
    // Typed characters are matched as typed, not as SQL wildcards.
    const wanted = query.trim().replace(/[\\%_]/g, "\\$&");
    return [
        "|",
        "|",
        "|",
        ["name", "ilike", wanted],
        ["email", "ilike", wanted],
        ["passkoop_card_ref", "=ilike", wanted],
        ["passkoop_member_ref", "=ilike", wanted],
    ];
}
