/** Steps of the cashier's Pass'Koop path, shared by the tours. */

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
