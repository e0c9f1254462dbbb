import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import {registry} from "@web/core/registry";

const {DateTime} = luxon;

/**
 * The till's offline rule against the cases the server's tests use
 * (passkoop_membership/static/tests/policy_cases.json): one mismatch fails.
 * @param {Object} kase a case of the file
 * @param {DateTime} today
 * @returns {String[]} what differs
 */
function mismatches(kase, today) {
    // Looked up in the till's page: this file is also loaded with the back office.
    const {passkoopEvaluate} = odoo.loader.modules.get(
        "@passkoop_pos/app/passkoop_rule"
    );
    const visitor = kase.visitor;
    const registered = today.minus({days: visitor.registered_days_ago || 0});
    const result = passkoopEvaluate({
        visitor: {
            visitor_type: visitor.visitor_type,
            member_ref: visitor.member_ref || "",
            name: visitor.name || "A visitor",
            email: visitor.email || "",
            registration_date: registered.toISODate(),
        },
        coop: kase.coop && {name: "A coop", active: true, ...kase.coop},
        policy: kase.policy && {
            mode: "member_terms",
            max_visits: 0,
            period_days: 0,
            limit_action: "block",
            proof: "none",
            registration_required: false,
            ...kase.policy,
        },
        visitCount: kase.visits,
        today,
    });
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
    };
    const wanted = {...expect, expiry_date: expiry};
    return Object.keys(got)
        .filter((key) => got[key] !== wanted[key])
        .map((key) => `${kase.name}: ${key} is ${got[key]}, expected ${wanted[key]}`);
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
                    const response = await fetch(
                        "/passkoop_membership/static/tests/policy_cases.json"
                    );
                    const {cases} = await response.json();
                    const today = DateTime.now().startOf("day");
                    const wrong = cases.flatMap((kase) => mismatches(kase, today));
                    if (cases.length < 20 || wrong.length) {
                        throw new Error(
                            `${cases.length} cases, ${wrong.length} wrong:\n${wrong.join("\n")}`
                        );
                    }
                },
            },
        ].flat(),
});
