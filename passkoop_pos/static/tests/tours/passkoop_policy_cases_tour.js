import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import {registry} from "@web/core/registry";

const {DateTime} = luxon;

/**
 * The till's offline rule against the cases the server's tests use
 * (passkoop_membership/static/tests/policy_cases.json): one mismatch fails.
 * @param {Object} kase a case of the file
 * @param {DateTime} today
 * @param {Object} vectors card_vectors.json, for the cases with a card, with the
 *   cases' own cards among its cards
 * @returns {Promise<String[]>} what differs
 */
async function mismatches(kase, today, vectors) {
    // Looked up in the till's page: this file is also loaded with the back office.
    const {passkoopAnonymousAllowed, passkoopEvaluate, passkoopMissing} =
        odoo.loader.modules.get("@passkoop_pos/app/passkoop_rule");
    const visitor = kase.visitor;
    const card = visitor.card ? await cardCheck(vectors, kase, today) : null;
    const registered = today.minus({days: visitor.registered_days_ago || 0});
    const coopName = "A coop";
    const args = {
        visitor: {
            visitor_type: visitor.visitor_type,
            member_ref: visitor.member_ref || "",
            name: visitor.name || "A visitor",
            email: visitor.email || "",
            registration_date: registered.toISODate(),
            anonymous: Boolean(visitor.anonymous),
        },
        coop: kase.coop && {id: 1, name: coopName, active: true, ...kase.coop},
        policy: kase.policy && {
            mode: "member_terms",
            max_visits: 0,
            period_days: 0,
            limit_action: "block",
            proof: "none",
            proof_from_visit: 1,
            registration_required: false,
            ...kase.policy,
        },
        visitCount: kase.visits,
        today,
        card,
    };
    const result = passkoopEvaluate(args);
    const expect = kase.expect;
    const expiry =
        expect.expiry_in_days === null
            ? null
            : today.plus({days: expect.expiry_in_days}).toISODate();
    const got = {
        allowed: result.allowed,
        action: result.action,
        visits_left: result.visits_left,
        expiry_date: result.expiry_date,
        status: result.status,
        reason: Boolean(result.reason),
        text: result.text,
    };
    // Optional in the cases: what the dialog offers the cashier.
    if ("missing" in kase.expect) {
        got.missing = String(passkoopMissing(args.policy, args.visitor, result));
    }
    if ("anonymous_visit" in kase.expect) {
        got.anonymous_visit = passkoopAnonymousAllowed(args.policy, args.coop);
    }
    const wanted = {
        ...expect,
        expiry_date: expiry,
        text: expect.text
            .replace(
                "{expiry}",
                expiry && DateTime.fromISO(expiry).toFormat("MM/dd/yyyy")
            )
            .replace("{coop}", coopName),
        missing: String(expect.missing),
    };
    return Object.keys(got)
        .filter((key) => got[key] !== wanted[key])
        .map((key) => `${kase.name}: ${key} is ${got[key]}, expected ${wanted[key]}`);
}

/**
 * The till's check of a case's card, against the vectors' directory entry; the
 * card's coop is the visitor's (id 1) unless the case says "other", and the till's
 * coop has the case's own code, if any.
 * @param {Object} vectors
 * @param {Object} kase
 * @param {DateTime} today
 * @returns {Promise<Object>} the rule's card argument
 */
async function cardCheck(vectors, kase, today) {
    const visitor = kase.visitor;
    const {buildDirectory, cardReasonText, verifyCard} = odoo.loader.modules.get(
        "@passkoop_pos/app/passkoop_card"
    );
    const entry = vectors.directory.entry;
    const coop = {
        id: visitor.card_coop === "other" ? 2 : 1,
        name: entry.name,
        code: entry.code,
        revoked_serials: entry.revoked.join("\n"),
    };
    const keys = entry.keys.map((key) => ({...key, coop_id: coop}));
    const {token} = vectors.cards.find((vector) => vector.name === visitor.card);
    const result = await verifyCard(
        token,
        buildDirectory([coop], keys),
        today.toISODate()
    );
    return {
        valid: result.valid,
        reason: cardReasonText(result, kase.our_code),
        coopId: coop.id,
    };
}

registry.category("web_tour.tours").add("passkoop_policy_cases", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            {
                content: "the till's rule decides every shared case as the server does",
                trigger: "body",
                run: async () => {
                    const load = async (name) =>
                        (
                            await fetch(`/passkoop_membership/static/tests/${name}`)
                        ).json();
                    const {cases, cards} = await load("policy_cases.json");
                    const vectors = await load("card_vectors.json");
                    vectors.cards.push(...cards);
                    const today = DateTime.now().startOf("day");
                    const wrong = [];
                    for (const kase of cases) {
                        wrong.push(...(await mismatches(kase, today, vectors)));
                    }
                    if (cases.length < 20 || wrong.length) {
                        throw new Error(
                            `${cases.length} cases, ${wrong.length} wrong:\n${wrong.join("\n")}`
                        );
                    }
                },
            },
        ].flat(),
});
