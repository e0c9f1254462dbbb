/**
 * Pass'Koop cards at the till: the verifier of passkoop_membership (the same one
 * the phone card checker uses), and its answers in the cashier's words.
 */
import {_t} from "@web/core/l10n/translation";
import {formatDate} from "@web/core/l10n/dates";

export * from "@passkoop_membership/card/passkoop_card";

const {DateTime} = luxon;

/**
 * The check in words, as the server says it.
 * @param {Object} result verifyCard()'s answer
 * @param {String} [ownCode] this coop's code: its own members' cards are no visitors'
 * @returns {String}
 */
export function cardReasonText(result, ownCode) {
    const coop = result.coop?.name || "";
    const until = result.valid_until
        ? formatDate(DateTime.fromISO(result.valid_until))
        : "";
    switch (result.reason_code) {
        case "ok":
            return _t("Member of %(coop)s, card valid until %(date)s", {
                coop,
                date: until,
            });
        case "unknown_issuer":
            if (ownCode && result.token.split(":")[1] === ownCode) {
                return _t("A card of our own coop: a member, not a visitor.");
            }
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
