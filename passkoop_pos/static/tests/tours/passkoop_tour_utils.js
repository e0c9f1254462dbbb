/* global posmodel */
/** Steps of the cashier's Pass'Koop path, shared by the tours. */

import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as PaymentScreen from "@point_of_sale/../tests/tours/utils/payment_screen_util";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as ReceiptScreen from "@point_of_sale/../tests/tours/utils/receipt_screen_util";
import {ConnectionLostError} from "@web/core/network/rpc";
import {registry} from "@web/core/registry";

export {screenshot} from "@passkoop_membership/../tests/tours/passkoop_screenshot";

/**
 * Paying offline, Odoo's till shows its "Connection Lost" dialog and also writes
 * the ConnectionLostError to the console, which fails a browser test. Offline,
 * that error is expected: mark it handled before the till's own handler runs.
 */
registry.category("error_handlers").add(
    "passkoop_expected_offline_error",
    (env, error, originalError) => {
        if (
            originalError instanceof ConnectionLostError &&
            posmodel?.data.network.offline
        ) {
            error.event?.preventDefault();
        }
        return false;
    },
    {sequence: 0}
);

/** The till opened by a French-speaking cashier (whose labels Dialog cannot find). */
export function startPoSInFrench() {
    return [
        Chrome.startPoS(),
        {
            content: "open the register (its label is French too)",
            trigger: ".modal:not(.o_inactive_modal) .modal-footer .btn-primary",
            run: "click",
        },
    ].flat();
}

export function clickVisitorButton() {
    return [
        {
            content: "open the Partner-coop visitor dialog",
            trigger:
                ".control-buttons .passkoop-visitor-button, .passkoop-visitor-button",
            run: "click",
        },
    ];
}

export function chooseType(className) {
    return [
        {content: "choose the visitor type", trigger: `.${className}`, run: "click"},
    ];
}

export function chooseCoop(name) {
    return [
        {
            content: `search the home coop ${name}`,
            trigger: ".passkoop-coop-search",
            run: `edit ${name}`,
        },
        {
            content: `choose the home coop ${name}`,
            trigger: `.passkoop-coop:contains("${name}")`,
            run: "click",
        },
    ];
}

export function findVisitor(query, name) {
    return [
        {
            content: `look for ${query}`,
            trigger: ".passkoop-visitor-search",
            run: `edit ${query}`,
        },
        {
            content: `pick ${name}`,
            trigger: `.passkoop-candidate:contains("${name}")`,
            run: "click",
        },
    ];
}

export function statusIs(text) {
    return [
        {
            content: `the status says "${text}"`,
            trigger: `.passkoop-status-text:contains("${text}")`,
        },
    ];
}

export function welcome() {
    return [
        {
            content: "welcome the visitor",
            trigger: ".passkoop-confirm:not([disabled])",
            run: "click",
        },
        {
            content: "the dialog is closed",
            trigger: "body:not(:has(.passkoop-visitor-dialog))",
        },
    ];
}

export function dialogClosed() {
    return [
        {
            content: "the dialog is closed",
            trigger: "body:not(:has(.passkoop-visitor-dialog))",
        },
    ];
}

/** Save the new visitor: one who may shop is welcomed at once. */
export function saveAndWelcome() {
    return [
        {
            content: "save and welcome the visitor",
            trigger: ".passkoop-save-visitor",
            run: "click",
        },
        ...dialogClosed(),
    ];
}

/**
 * Type into the field the cursor is in, as a cashier does (keys, no click): the
 * dialog must have put the cursor there, or Tab moved it (one key more).
 * @param {String} selector the field the text goes to
 * @param {String} text
 * @param {Object} [options] {tab: the cashier presses Tab to get there}
 */
export function typeIn(selector, text, {tab = false} = {}) {
    return [
        {
            content: `type "${text}" in ${selector}${tab ? " (after Tab)" : ""}`,
            trigger: tab ? selector : `${selector}:focus`,
            run: () => {
                const input = document.querySelector(selector);
                input.focus(); // where Tab takes the cursor
                input.value = text;
                input.dispatchEvent(new Event("input", {bubbles: true}));
                window.passkoopKeys = (window.passkoopKeys || 0) + text.length + tab;
            },
        },
    ];
}

/**
 * What the registration lacks is said beside each field, all at once, and the
 * dialog shows it whole at the screen's size (nothing to scroll to).
 * @param {String[]} fields the fields said, e.g. ["name", "consent"]
 */
export function errorsBesideTheirFields(fields) {
    const selectors = fields.map((field) => `.passkoop-error-${field}`);
    return [
        {
            content: `said at once: ${fields.join(", ")}`,
            trigger: `.passkoop-visitor-dialog:has(${selectors.join("):has(")})`,
            run: () => {
                const hidden = [
                    ...selectors,
                    ".passkoop-save-visitor",
                    ".passkoop-confirm",
                ].filter((selector) => {
                    const box = document
                        .querySelector(selector)
                        .getBoundingClientRect();
                    return box.top < 0 || box.bottom > window.innerHeight;
                });
                const body = document.querySelector(".modal-body");
                if (hidden.length || body.scrollHeight > body.clientHeight + 1) {
                    throw new Error(
                        `to scroll to at ${window.innerWidth}x${window.innerHeight}: ${hidden}`
                    );
                }
            },
        },
    ];
}

export function cannotWelcome() {
    return [
        {
            content: "the visitor cannot be welcomed",
            trigger: ".passkoop-confirm[disabled]",
        },
    ];
}

export function discard() {
    return [
        {
            content: "close the dialog",
            trigger: ".modal-footer .btn-secondary",
            run: "click",
        },
    ];
}

export function receiptSays(text) {
    return [
        {
            content: `the receipt says "${text}"`,
            trigger: `.pos-receipt .passkoop-receipt-line:contains("${text}")`,
        },
    ];
}

/** The browser says the network is gone, as it does when the shop's internet drops. */
export function goOffline() {
    return [
        {
            content: "the internet connection drops",
            trigger: "body",
            run: () => window.dispatchEvent(new Event("offline")),
        },
        {
            content: "the till knows it is offline",
            trigger: "body",
            run: () => {
                if (!posmodel.data.network.offline) {
                    throw new Error("the till did not go offline");
                }
            },
        },
    ];
}

/** The till holds this many paid orders it could not send. */
export function unsyncedPaidOrdersAre(count) {
    return [
        {
            content: `${count} paid order(s) wait for the connection`,
            trigger: "body",
            run: () => {
                const waiting = posmodel.models["pos.order"].filter(
                    (o) => o.isUnsyncedPaid
                );
                if (waiting.length !== count) {
                    throw new Error(
                        `${waiting.length} unsynced paid orders, expected ${count}`
                    );
                }
            },
        },
    ];
}

/** The connection comes back; the till sends what it kept, as at its next sale. */
export function goOnlineAndSync() {
    return [
        {
            content: "the internet connection comes back",
            trigger: "body",
            run: async () => {
                window.dispatchEvent(new Event("online"));
                await posmodel.syncAllOrders();
            },
        },
        ...unsyncedPaidOrdersAre(0),
    ];
}

/** From now on, count the dialogs the till opens (the count is checked by dialogsOpenedAre). */
export function countDialogs() {
    return [
        {
            content: "count the dialogs from now on",
            trigger: "body",
            run: () => {
                const seen = new Set();
                window.passkoopDialogs = [];
                new MutationObserver(() => {
                    for (const dialog of document.querySelectorAll(".modal-dialog")) {
                        if (!seen.has(dialog)) {
                            seen.add(dialog);
                            window.passkoopDialogs.push(
                                dialog.querySelector(".modal-title")?.textContent
                            );
                        }
                    }
                }).observe(document.body, {childList: true, subtree: true});
            },
        },
    ];
}

export function dialogsOpenedAre(count) {
    return [
        {
            content: `the till opened ${count} dialog(s)`,
            trigger: "body",
            run: () => {
                const titles = window.passkoopDialogs;
                if (titles.length !== count) {
                    throw new Error(
                        `${titles.length} dialogs opened, ${count} expected: ${titles.join(", ")}`
                    );
                }
            },
        },
    ];
}

/** From now on, count the cashier's clicks (clicksWere prints and checks them)
 * and the keys typeIn() types. */
export function countClicks() {
    return [
        {
            content: "count the clicks from now on",
            trigger: "body",
            run: () => {
                window.passkoopClicks = 0;
                window.passkoopKeys = 0;
                if (!window.passkoopCountingClicks) {
                    window.passkoopCountingClicks = true;
                    document.addEventListener(
                        "click",
                        () => window.passkoopClicks++,
                        true
                    );
                }
            },
        },
    ];
}

export function clicksWere(goal, what) {
    return [
        {
            content: `at most ${goal} click(s) ${what}`,
            trigger: "body",
            run: () => {
                const clicks = window.passkoopClicks;
                // eslint-disable-next-line no-console
                console.log(
                    `passkoop-clicks: ${clicks} ${what} (goal ${goal}), ${window.passkoopKeys} keys`
                );
                if (clicks > goal) {
                    throw new Error(`${clicks} clicks ${what}, goal ${goal}`);
                }
            },
        },
    ];
}

/**
 * Pay the order: to the payment screen, by `method`, validated. What comes next
 * (the receipt, or a dialog the policy asks for) is the tour's to say.
 * @param {String} method the payment method's name
 */
export function pay(method = "Bank") {
    return [
        ProductScreen.clickPayButton(),
        PaymentScreen.clickPaymentMethod(method),
        PaymentScreen.clickValidate(),
    ].flat();
}

/** Pay the order and see its receipt. */
export function payAndSeeReceipt(method = "Bank") {
    return [...pay(method), ReceiptScreen.isShown()].flat();
}
