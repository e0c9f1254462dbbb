/**
 * The Pass'Koop rule, for the till: the same decision as the server's
 * res.partner._passkoop_evaluate() (passkoop_membership/models/res_partner.py),
 * made from the records the till loaded, so that it also works offline.
 * Both are tested on passkoop_membership/static/tests/policy_cases.json.
 */
import {_t} from "@web/core/l10n/translation";
import {formatDate} from "@web/core/l10n/dates";

const {DateTime} = luxon;

/**
 * @param {Object} args
 * @param {Object} args.visitor {visitor_type, member_ref, name, email, registration_date,
 *   anonymous}: anonymous when the visitor is their coop's shared "Visitors – <coop>"
 *   contact
 * @param {Object|null} args.coop {id, name, agreement_state, active} or null
 * @param {Object|null|undefined} args.policy passkoop.policy fields; null when none is
 *   configured, undefined when the partner is not a visitor
 * @param {Number} args.visitCount done visits that count
 * @param {DateTime} args.today the cashier's local date
 * @param {Object|null} [args.card] the check of the card the visitor showed
 *   ({valid, reason, coopId}), null when they showed none
 * @returns {Object} the passkoop_check() answer, plus `status` and `text`, the
 *   answer in words, and `on_trust` ({proof, from_visit}) when the visitor lacks
 *   a proof the policy asks only from a later visit
 */
export function passkoopEvaluate(args) {
    const result = passkoopDecide(args);
    result.text = result.reason || passkoopTermsText(result, args.visitor.visitor_type);
    return result;
}

/**
 * The policy that applies to a visitor: their coop's override, else the company's
 * default for their type (as res.partner._passkoop_policy() on the server).
 * @param {Object} company res.company record
 * @param {Object} partner res.partner record, or what the till knows of a visitor
 * @returns {Object|null}
 */
export function passkoopPolicyOf(company, partner) {
    const type = partner.passkoop_visitor_type;
    const override = type === "partner" && partner.passkoop_coop_id?.policy_id;
    const policy =
        override ||
        (type === "partner"
            ? company.passkoop_partner_policy_id
            : company.passkoop_trial_policy_id);
    return policy || null;
}

function passkoopDecide({visitor, coop, policy, visitCount, today, card}) {
    const result = {
        allowed: true,
        action: "allow",
        reason: "",
        visit_count: visitCount,
        visits_left: null,
        expiry_date: null,
        status: visitor.visitor_type ? "can_shop" : false,
    };
    const refuse = (status, reason, action = "block") =>
        Object.assign(result, {status, reason, action, allowed: action !== "block"});
    if (!visitor.visitor_type) {
        return result;
    }
    let expiry = null;
    if (policy && policy.mode === "limited") {
        const registered = visitor.registration_date
            ? DateTime.fromISO(visitor.registration_date)
            : today;
        if (policy.period_days) {
            expiry = registered.plus({days: policy.period_days}).startOf("day");
            result.expiry_date = expiry.toISODate();
        }
        if (policy.max_visits) {
            result.visits_left = Math.max(policy.max_visits - visitCount, 0);
        }
    }
    if (
        visitor.visitor_type === "partner" &&
        (!coop || !coop.active || coop.agreement_state !== "active")
    ) {
        return refuse(
            "coop_suspended",
            _t("%(coop)s has no active agreement with us.", {coop: coop?.name || ""})
        );
    }
    if (!policy) {
        return refuse(
            "refused",
            _t("No Pass'Koop policy is set for this kind of visitor.")
        );
    }
    if (policy.mode === "refused") {
        return refuse("refused", _t("Visitors of this kind may not buy here."));
    }
    const missing = proofMissing(policy, visitor, card, coop);
    if (missing && passkoopProofDue(policy, visitCount)) {
        return refuse("incomplete", missing);
    }
    if (missing) {
        // Not asked yet: believed on their word.
        result.on_trust = {proof: policy.proof, from_visit: policy.proof_from_visit};
    }
    if (policy.registration_required && !(visitor.name && visitor.email)) {
        return refuse("incomplete", _t("Registration is required: name and email."));
    }
    const anonymous = visitor.anonymous && passkoopAnonymousRefusal(policy);
    if (anonymous) {
        return refuse("incomplete", anonymous);
    }
    if (policy.max_visits && visitCount >= policy.max_visits) {
        return refuse(
            "limit_reached",
            _t("Limit reached: %(count)s of %(max)s visits.", {
                count: visitCount,
                max: policy.max_visits,
            }),
            policy.limit_action
        );
    }
    if (expiry && today.startOf("day") > expiry) {
        const date = formatDate(expiry);
        return refuse(
            "expired",
            visitor.visitor_type === "trial"
                ? _t("Trial period ended on %(date)s.", {date})
                : _t("Welcome period ended on %(date)s.", {date}),
            policy.limit_action
        );
    }
    if (result.visits_left === 1) {
        result.status = "last_visit";
    }
    return result;
}

/**
 * Whether the proof is asked at the visit that follows `visitCount` done visits
 * (as the server's passkoop.policy._passkoop_proof_due()); before it, the
 * visitor is believed on their word.
 * @param {Object} policy passkoop.policy fields
 * @param {Number} visitCount done visits that count
 * @returns {Boolean}
 */
export function passkoopProofDue(policy, visitCount) {
    return policy.proof !== "none" && visitCount + 1 >= (policy.proof_from_visit || 1);
}

/**
 * Why visitors may not come anonymously under this policy, or "" when they may
 * (as the server's passkoop.policy._passkoop_anonymous_refusal()): one shared
 * contact per coop carries every traveller's anonymous visits, so a limit would
 * count nobody's, nor would the visit from which a proof is asked.
 * @param {Object} policy passkoop.policy fields
 * @returns {String}
 */
export function passkoopAnonymousRefusal(policy) {
    if (policy.mode === "limited") {
        return _t(
            "No anonymous visit under a policy with a limit: register the visitor, so that their own visits are counted."
        );
    }
    if (policy.proof !== "none") {
        return _t(
            "No anonymous visit under a policy that asks for a proof: register the visitor, so that their own visits are counted."
        );
    }
    return "";
}

/**
 * Why the visitor has not given the proof the policy asks, or "" when they have
 * or it asks none, whether or not it is asked at this visit (as the server's
 * res.partner._passkoop_proof_missing()).
 * @param {Object} policy
 * @param {Object} visitor
 * @param {Object|null} card
 * @param {Object|null} coop
 * @returns {String}
 */
function proofMissing(policy, visitor, card, coop) {
    if (policy.proof === "member_ref" && !visitor.member_ref) {
        return _t("The membership number at the home coop is required.");
    }
    if (policy.proof === "signed_card") {
        return cardProofMissing(card, coop);
    }
    return "";
}

/**
 * Why the card does not prove membership of the home coop (as the server's
 * res.partner._passkoop_card_proof()), or "" when it does.
 * @param {Object|null} card
 * @param {Object|null} coop
 * @returns {String}
 */
function cardProofMissing(card, coop) {
    if (!card) {
        return _t("A signed Pass'Koop card is required: scan the visitor's card.");
    }
    if (!card.valid) {
        return card.reason;
    }
    if (card.coopId !== coop?.id) {
        return _t("The card is not of %(coop)s, the visitor's home coop.", {
            coop: coop?.name || "",
        });
    }
    return "";
}

/**
 * What the visitor gets, in words: "Member terms", "Trial visit 2 of 3, until
 * 31/12/2026"… (the server's res.partner._passkoop_terms_text() says the same).
 * @param {Object} result a passkoopDecide() answer that allows the sale
 * @param {String} visitorType "partner" or "trial"
 * @returns {String}
 */
function passkoopTermsText(result, visitorType) {
    const left = result.visits_left;
    if (left === null && result.expiry_date === null) {
        return onTrustText(result, _t("Member terms"));
    }
    const trial = visitorType === "trial";
    const parts = [];
    if (left !== null) {
        const n = result.visit_count + 1;
        const total = result.visit_count + left;
        if (trial) {
            parts.push(
                left === 1
                    ? _t("Trial visit %(n)s of %(total)s (the last)", {n, total})
                    : _t("Trial visit %(n)s of %(total)s", {n, total})
            );
        } else {
            parts.push(
                left === 1
                    ? _t("Visit %(n)s of %(total)s (the last)", {n, total})
                    : _t("Visit %(n)s of %(total)s", {n, total})
            );
        }
    }
    if (result.expiry_date) {
        const date = formatDate(DateTime.fromISO(result.expiry_date));
        if (parts.length) {
            parts.push(_t("until %(date)s", {date}));
        } else if (trial) {
            parts.push(_t("Trial period until %(date)s", {date}));
        } else {
            parts.push(_t("Welcome period until %(date)s", {date}));
        }
    }
    return onTrustText(result, parts.join(", "));
}

/**
 * The terms, and the proof asked later of a visitor welcomed on trust (the
 * server's res.partner._passkoop_on_trust_text() says the same).
 * @param {Object} result a passkoopDecide() answer
 * @param {String} terms
 * @returns {String}
 */
function onTrustText(result, terms) {
    const trust = result.on_trust;
    if (!trust) {
        return terms;
    }
    const visit = trust.from_visit;
    return trust.proof === "signed_card"
        ? _t("%(terms)s, on trust: Pass'Koop card asked from visit %(visit)s", {
              terms,
              visit,
          })
        : _t("%(terms)s, on trust: membership number asked from visit %(visit)s", {
              terms,
              visit,
          });
}

/**
 * What the visitor must still give for the policy to let them shop, among what
 * a cashier can type in: the fields the policy asks and the visitor lacks,
 * where the rule found them incomplete (as the server's
 * res.partner._passkoop_missing()).
 * @param {Object|null} policy passkoop.policy fields
 * @param {Object} visitor as for passkoopEvaluate(): {member_ref, name, email}
 * @param {Object} check passkoopEvaluate()'s answer for this visitor
 * @returns {String[]} among "member_ref", "name", "email"
 */
export function passkoopMissing(policy, visitor, check) {
    if (!policy || check?.status !== "incomplete") {
        return [];
    }
    const missing = [];
    if (
        policy.proof === "member_ref" &&
        passkoopProofDue(policy, check.visit_count) &&
        !visitor.member_ref
    ) {
        missing.push("member_ref");
    }
    if (policy.registration_required) {
        missing.push(...["name", "email"].filter((field) => !visitor[field]));
    }
    return missing;
}

/**
 * Whether a coop's travellers may come anonymously, on the coop's shared
 * "Visitors – <coop>" contact (as the server's
 * passkoop.coop._passkoop_anonymous_refusal()): a coop with an active agreement
 * whose policy lets them shop with no proof, no registration and no limit.
 * @param {Object|null} policy passkoop.policy fields
 * @param {Object|null} coop {active, agreement_state}
 * @returns {Boolean}
 */
export function passkoopAnonymousAllowed(policy, coop) {
    return Boolean(
        coop?.active &&
            coop.agreement_state === "active" &&
            policy &&
            policy.mode !== "refused" &&
            policy.proof === "none" &&
            !policy.registration_required &&
            !passkoopAnonymousRefusal(policy)
    );
}
