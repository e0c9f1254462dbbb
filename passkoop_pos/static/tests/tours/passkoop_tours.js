/* global posmodel */
import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import * as PaymentScreen from "@point_of_sale/../tests/tours/utils/payment_screen_util";
import * as Passkoop from "@passkoop_pos/../tests/tours/passkoop_tour_utils";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as ReceiptScreen from "@point_of_sale/../tests/tours/utils/receipt_screen_util";
import {namesShownAsText} from "@passkoop_membership/../tests/tours/passkoop_backoffice_tour";
import {registry} from "@web/core/registry";
import {scan_barcode} from "@point_of_sale/../tests/tours/utils/common";

registry.category("web_tour.tours").add("passkoop_member_pricing", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            ProductScreen.clickDisplayedProduct("Organic Lentils"),
            ProductScreen.totalAmountIs("10.00"),
            Passkoop.clickVisitorButton(),
            Passkoop.chooseType("passkoop-type-partner"),
            Passkoop.chooseCoop("Hendaya"),
            Passkoop.findVisitor("PK-0042", "Mathilde Etcheverry"),
            Passkoop.statusIs("Member terms"),
            Passkoop.welcome(),
            ProductScreen.customerIsSelected("Mathilde Etcheverry"),
            // Member prices: the lines are priced again.
            ProductScreen.totalAmountIs("8.00"),
            Passkoop.pay(),
            ReceiptScreen.isShown(),
            Passkoop.receiptSays("Pass'Koop visitor — HendayaKoop — Member terms"),
        ].flat(),
});

registry.category("web_tour.tours").add("passkoop_limits", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            // A refused coop: the cashier sees why and cannot welcome.
            Passkoop.clickVisitorButton(),
            Passkoop.chooseType("passkoop-type-partner"),
            Passkoop.chooseCoop("La Louve"),
            Passkoop.findVisitor("Paul", "Paul Lefèvre"),
            Passkoop.statusIs("Visitors of this kind may not buy here."),
            Passkoop.cannotWelcome(),
            Passkoop.discard(),
            // A discovery card used up, where the cashier may confirm.
            ProductScreen.clickDisplayedProduct("Organic Lentils"),
            Passkoop.clickVisitorButton(),
            Passkoop.chooseType("passkoop-type-trial"),
            Passkoop.findVisitor("Nico", "Nico Larralde"),
            Passkoop.statusIs("Limit reached: 4 of 4 visits."),
            Passkoop.welcome(),
            ProductScreen.clickPayButton(),
            PaymentScreen.clickPaymentMethod("Bank"),
            PaymentScreen.clickValidate(),
            Dialog.confirm("Sell anyway"),
            ReceiptScreen.isShown(),
            Passkoop.receiptSays("Limit reached: 4 of 4 visits."),
        ].flat(),
});

/** With pos_loyalty, which validates orders in two steps: the cashier is asked once. */
registry.category("web_tour.tours").add("passkoop_ask_once", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            ProductScreen.clickDisplayedProduct("Organic Lentils"),
            Passkoop.clickVisitorButton(),
            Passkoop.chooseType("passkoop-type-trial"),
            Passkoop.findVisitor("Nico", "Nico Larralde"),
            Passkoop.welcome(),
            ProductScreen.clickPayButton(),
            PaymentScreen.clickPaymentMethod("Bank"),
            Passkoop.countDialogs(),
            PaymentScreen.clickValidate(),
            Dialog.confirm("Sell anyway"),
            ReceiptScreen.isShown(),
            Passkoop.dialogsOpenedAre(1),
        ].flat(),
});

registry.category("web_tour.tours").add("passkoop_trial_visit_count", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            ProductScreen.clickDisplayedProduct("Organic Lentils"),
            Passkoop.clickVisitorButton(),
            Passkoop.chooseType("passkoop-type-trial"),
            Passkoop.findVisitor("claire@example.org", "Claire Muller"),
            Passkoop.statusIs("Trial visit 3 of 3 (the last)"),
            {
                content: "the last trial visit stands out",
                trigger: ".passkoop-status.alert-warning",
            },
            Passkoop.welcome(),
            Passkoop.pay(),
            ReceiptScreen.isShown(),
            Passkoop.receiptSays(
                "Pass'Koop visitor — Discovery / trial — Trial visit 3 of 3 (the last)"
            ),
            ReceiptScreen.clickNextOrder(),
            // The till counted the visit: the card is used up.
            Passkoop.clickVisitorButton(),
            Passkoop.chooseType("passkoop-type-trial"),
            Passkoop.findVisitor("Claire", "Claire Muller"),
            Passkoop.statusIs("Limit reached: 3 of 3 visits."),
            Passkoop.cannotWelcome(),
        ].flat(),
});

registry.category("web_tour.tours").add("passkoop_french_cashier", {
    steps: () =>
        [
            Passkoop.startPoSInFrench(),
            ProductScreen.clickDisplayedProduct("Organic Lentils"),
            {
                content: "the button speaks French",
                trigger:
                    '.passkoop-visitor-button:contains("Visiteur coop partenaire")',
                run: "click",
            },
            Passkoop.chooseType("passkoop-type-partner"),
            Passkoop.chooseCoop("Hendaya"),
            Passkoop.findVisitor("Mathilde", "Mathilde Etcheverry"),
            Passkoop.statusIs("Conditions membre"),
            Passkoop.welcome(),
            Passkoop.pay(),
            ReceiptScreen.isShown(),
            Passkoop.receiptSays(
                "Visiteur Pass'Koop — HendayaKoop — Conditions membre"
            ),
        ].flat(),
});

registry.category("web_tour.tours").add("passkoop_offline", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            Passkoop.goOffline(),
            ProductScreen.clickDisplayedProduct("Organic Lentils"),
            Passkoop.clickVisitorButton(),
            Passkoop.chooseType("passkoop-type-trial"),
            Passkoop.findVisitor("Claire", "Claire Muller"),
            Passkoop.statusIs("Trial visit 3 of 3"),
            Passkoop.welcome(),
            Passkoop.pay(),
            Dialog.confirm("Continue with limited functionality"),
            ReceiptScreen.isShown(),
            Passkoop.receiptSays("visit 3 of 3"),
            Passkoop.unsyncedPaidOrdersAre(1),
            ReceiptScreen.clickNextOrder(),
            // Still offline: the till counts the sale it could not send yet.
            Passkoop.clickVisitorButton(),
            Passkoop.chooseType("passkoop-type-trial"),
            Passkoop.findVisitor("Claire", "Claire Muller"),
            Passkoop.statusIs("Limit reached: 3 of 3 visits."),
            Passkoop.cannotWelcome(),
            Passkoop.discard(),
            Passkoop.goOnlineAndSync(),
        ].flat(),
});

registry.category("web_tour.tours").add("passkoop_offline_on_trust", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            Passkoop.goOffline(),
            ProductScreen.clickDisplayedProduct("Organic Lentils"),
            Passkoop.clickVisitorButton(),
            Passkoop.chooseType("passkoop-type-partner"),
            Passkoop.chooseCoop("Coopalim"),
            Passkoop.findVisitor("Lucas", "Lucas Bidart"),
            // Their first visit: believed on their word.
            Passkoop.statusIs(
                "Member terms, on trust: membership number asked from visit 2"
            ),
            {
                content: "nothing to fill in yet",
                trigger: "body:not(:has(.passkoop-completion))",
            },
            Passkoop.welcome(),
            Passkoop.pay(),
            Dialog.confirm("Continue with limited functionality"),
            ReceiptScreen.isShown(),
            Passkoop.receiptSays("on trust: membership number asked from visit 2"),
            Passkoop.unsyncedPaidOrdersAre(1),
            ReceiptScreen.clickNextOrder(),
            // Still offline: the unsent sale was their first, this is the second.
            ProductScreen.clickDisplayedProduct("Organic Lentils"),
            Passkoop.clickVisitorButton(),
            Passkoop.chooseType("passkoop-type-partner"),
            Passkoop.chooseCoop("Coopalim"),
            Passkoop.findVisitor("Lucas", "Lucas Bidart"),
            Passkoop.statusIs("The membership number at the home coop is required."),
            Passkoop.cannotWelcome(),
            Passkoop.discard(),
            Passkoop.goOnlineAndSync(),
            // Online, the cashier fills in what is now asked, right there.
            Passkoop.clickVisitorButton(),
            Passkoop.chooseType("passkoop-type-partner"),
            Passkoop.chooseCoop("Coopalim"),
            Passkoop.findVisitor("Lucas", "Lucas Bidart"),
            Passkoop.statusIs("The membership number at the home coop is required."),
            {
                content: "type the membership number",
                trigger: ".passkoop-complete-member-ref",
                run: "edit CA-314",
            },
            {
                content: "complete the visitor",
                trigger: ".passkoop-complete",
                run: "click",
            },
            Passkoop.statusIs("Member terms"),
            Passkoop.welcome(),
        ].flat(),
});

registry.category("web_tour.tours").add("passkoop_card_scan", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            ProductScreen.clickDisplayedProduct("Organic Lentils"),
            scan_barcode("PK-0042"),
            Passkoop.statusIs("Member terms"),
            Passkoop.welcome(),
            ProductScreen.customerIsSelected("Mathilde Etcheverry"),
            ProductScreen.totalAmountIs("8.00"),
        ].flat(),
});

registry.category("web_tour.tours").add("passkoop_block_at_payment", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            // Two orders for the same visitor at once: both look fine...
            ProductScreen.clickDisplayedProduct("Organic Lentils"),
            Passkoop.clickVisitorButton(),
            Passkoop.chooseType("passkoop-type-trial"),
            Passkoop.findVisitor("Claire", "Claire Muller"),
            Passkoop.statusIs("Trial visit 3 of 3"),
            Passkoop.welcome(),
            Chrome.createFloatingOrder(),
            ProductScreen.clickDisplayedProduct("Organic Lentils"),
            Passkoop.clickVisitorButton(),
            Passkoop.chooseType("passkoop-type-trial"),
            Passkoop.findVisitor("Claire", "Claire Muller"),
            Passkoop.welcome(),
            Passkoop.pay(),
            ReceiptScreen.isShown(),
            ReceiptScreen.clickNextOrder(),
            // ...but once one is paid, the other one is past the limit.
            ProductScreen.selectFloatingOrder(0),
            ProductScreen.clickPayButton(),
            PaymentScreen.clickPaymentMethod("Bank"),
            PaymentScreen.clickValidate(),
            Dialog.bodyIs("Limit reached: 3 of 3 visits."),
            Dialog.confirm(),
            PaymentScreen.isShown(),
        ].flat(),
});

/** The cashier's path in French, as the readme shows it (screenshots at 1366x768). */
registry.category("web_tour.tours").add("passkoop_walkthrough", {
    steps: () =>
        [
            Chrome.startPoS(),
            {
                content: "open the register",
                trigger: ".modal:not(.o_inactive_modal) .modal-footer .btn-primary",
                run: "click",
            },
            ProductScreen.clickDisplayedProduct("Organic Lentils"),
            Passkoop.clickVisitorButton(),
            {
                content: "pick HendayaKoop",
                trigger: '.passkoop-coop:contains("HendayaKoop")',
                run: "click",
            },
            {
                content: "pick Mathilde among her coop's regulars",
                trigger: '.passkoop-candidate:contains("Mathilde Etcheverry")',
                run: "click",
            },
            Passkoop.statusIs("Conditions membre"),
            Passkoop.screenshot("1-visitor-dialog"),
            Passkoop.welcome(),
            ProductScreen.totalAmountIs("8,00"),
            Passkoop.screenshot("2-member-prices"),
            Passkoop.pay(),
            ReceiptScreen.isShown(),
            Passkoop.receiptSays("Conditions membre"),
            Passkoop.screenshot("3-receipt"),
            ReceiptScreen.clickNextOrder(),
            // Claire's last trial visit: the cashier sees it before taking the money.
            ProductScreen.clickDisplayedProduct("Organic Lentils"),
            Passkoop.clickVisitorButton(),
            Passkoop.chooseType("passkoop-type-trial"),
            Passkoop.findVisitor("Claire", "Claire Muller"),
            Passkoop.statusIs("Passage d'essai 3 sur 3 (le dernier)"),
            Passkoop.welcome(),
            ProductScreen.clickPayButton(),
            {
                content: "the last trial visit is said on the payment screen",
                trigger:
                    '.passkoop-payment-notice.alert-warning:contains("le dernier")',
            },
            Passkoop.screenshot("6-payment-last-visit"),
            PaymentScreen.clickPaymentMethod("Bank"),
            PaymentScreen.clickValidate(),
            ReceiptScreen.isShown(),
            ReceiptScreen.clickNextOrder(),
            // A new visitor of a coop that asks for the membership number: what
            // the registration lacks is said at once, beside each field.
            ProductScreen.clickDisplayedProduct("Organic Lentils"),
            Passkoop.clickVisitorButton(),
            {trigger: ".passkoop-visitor-search", run: "edit Inès Martin"},
            {trigger: '.passkoop-coop:contains("400COOP")', run: "click"},
            {trigger: ".passkoop-save-visitor", run: "click"},
            Passkoop.errorsBesideTheirFields(["member-ref", "consent"]),
            Passkoop.screenshot("7-new-visitor"),
            Passkoop.discard(),
            // Claire comes back, at her limit: she may join, or pay the normal price.
            Passkoop.clickVisitorButton(),
            {trigger: ".passkoop-visitor-search", run: "edit Claire"},
            {trigger: '.passkoop-candidate:contains("Claire Muller")', run: "click"},
            Passkoop.statusIs("Limite atteinte"),
            {trigger: '.passkoop-join-text:contains("Adhésion à l\'accueil : 10 €")'},
            Passkoop.screenshot("8-limit-ways-forward"),
            {trigger: ".passkoop-normal-price", run: "click"},
            Passkoop.dialogClosed(),
            ProductScreen.totalAmountIs("10,00"),
        ].flat(),
});

registry.category("web_tour.tours").add("passkoop_register_search_anonymous", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            // A visitor the till does not hold (seen long ago) is found on the server.
            Passkoop.clickVisitorButton(),
            Passkoop.chooseType("passkoop-type-trial"),
            {
                content: "the till does not hold her",
                trigger: "body",
                run: () => {
                    if (
                        posmodel.models["res.partner"].find(
                            (partner) => partner.name === "Ancienne Visiteuse"
                        )
                    ) {
                        throw new Error("Ancienne Visiteuse was loaded");
                    }
                },
            },
            {
                content: "type her name",
                trigger: ".passkoop-visitor-search",
                run: "edit Ancienne",
            },
            {
                content: "the server found her as the cashier typed",
                trigger: '.passkoop-candidate:contains("Ancienne Visiteuse")',
                run: "click",
            },
            Passkoop.statusIs("Trial visit 1 of 3"),
            // A new visitor registered in place, with her consent.
            {
                content: "look for a new visitor",
                trigger: ".passkoop-visitor-search",
                run: "edit Léa Martin",
            },
            {content: "register her", trigger: ".passkoop-register", run: "click"},
            {
                content: "her email",
                trigger: ".passkoop-registration input[placeholder^='Email']",
                run: "edit lea@example.org",
            },
            {content: "she agrees", trigger: ".passkoop-consent", run: "click"},
            Passkoop.saveAndWelcome(),
            ProductScreen.customerIsSelected("Léa Martin"),
            // A traveller from a trust-mode coop, anonymously.
            Chrome.createFloatingOrder(),
            Passkoop.clickVisitorButton(),
            Passkoop.chooseType("passkoop-type-partner"),
            // Not where the policy sets a limit: the shared contact would count
            // nobody's visits.
            Passkoop.chooseCoop("Coopalim"),
            {
                content: "no anonymous visit under a policy with a limit",
                trigger:
                    ".passkoop-visitor-dialog:has(.passkoop-register):not(:has(.passkoop-anonymous))",
            },
            Passkoop.chooseCoop("Hendaya"),
            {content: "anonymous visit", trigger: ".passkoop-anonymous", run: "click"},
            Passkoop.statusIs("Member terms"),
            Passkoop.welcome(),
            ProductScreen.customerIsSelected("Visitors – HendayaKoop"),
        ].flat(),
});

registry.category("web_tour.tours").add("passkoop_partner_only_till", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            Passkoop.clickVisitorButton(),
            {
                content: "this till welcomes members of partner coops only",
                trigger: ".passkoop-visitor-dialog:not(:has(.passkoop-type-trial))",
            },
            Passkoop.chooseCoop("Hendaya"),
            Passkoop.findVisitor("Mathilde", "Mathilde Etcheverry"),
            Passkoop.statusIs("Member terms"),
        ].flat(),
});

registry.category("web_tour.tours").add("passkoop_warn", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            ProductScreen.clickDisplayedProduct("Organic Lentils"),
            Passkoop.clickVisitorButton(),
            Passkoop.chooseType("passkoop-type-trial"),
            Passkoop.findVisitor("Nico", "Nico Larralde"),
            Passkoop.statusIs("Limit reached: 2 of 2 visits."),
            Passkoop.welcome(),
            ProductScreen.clickPayButton(),
            {
                content: "the cashier is warned before taking the money",
                trigger:
                    '.passkoop-payment-notice.alert-warning:contains("Limit reached: 2 of 2 visits.")',
            },
            PaymentScreen.clickPaymentMethod("Bank"),
            PaymentScreen.clickValidate(),
            ReceiptScreen.isShown(),
        ].flat(),
});

registry.category("web_tour.tours").add("passkoop_hostile_names", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            ProductScreen.clickDisplayedProduct("Organic Lentils"),
            Passkoop.clickVisitorButton(),
            Passkoop.chooseType("passkoop-type-partner"),
            Passkoop.chooseCoop("Injected"),
            Passkoop.findVisitor("Zoé", "Zoé"),
            namesShownAsText(".passkoop-visitor-dialog"),
            Passkoop.welcome(),
            Passkoop.pay(),
            ReceiptScreen.isShown(),
            namesShownAsText(".pos-receipt .passkoop-receipt-line"),
        ].flat(),
});

/** The internet drops: a new visitor is registered with the sale, saved once back. */
registry.category("web_tour.tours").add("passkoop_offline_registration", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            Passkoop.goOffline(),
            ProductScreen.clickDisplayedProduct("Organic Lentils"),
            Passkoop.clickVisitorButton(),
            Passkoop.chooseType("passkoop-type-trial"),
            {
                content: "look for Léa: she is not known",
                trigger: ".passkoop-visitor-search",
                run: "edit Léa",
            },
            {
                content: "register her, offline",
                trigger: ".passkoop-register",
                run: "click",
            },
            {
                content: "the cashier is told when she will be saved",
                trigger: ".passkoop-offline-registration",
            },
            {
                content: "her name was taken from the search",
                trigger: ".passkoop-form-name",
                run: "edit Léa Martin",
            },
            {trigger: ".passkoop-form-email", run: "edit lea@example.org"},
            {trigger: ".passkoop-consent", run: "click"},
            Passkoop.saveAndWelcome(),
            {
                content: "the visitor's name is on the Pass'Koop button",
                trigger: '.passkoop-visitor-button:contains("Léa Martin")',
            },
            Passkoop.pay(),
            Dialog.confirm("Continue with limited functionality"),
            ReceiptScreen.isShown(),
            Passkoop.receiptSays("Trial visit 1 of 3"),
            ReceiptScreen.clickNextOrder(),
            // Still offline, she comes back: found among the registrations kept.
            ProductScreen.clickDisplayedProduct("Organic Lentils"),
            Passkoop.clickVisitorButton(),
            Passkoop.chooseType("passkoop-type-trial"),
            Passkoop.findVisitor("lea@", "Léa Martin"),
            Passkoop.statusIs("Trial visit 2 of 3"),
            Passkoop.welcome(),
            Passkoop.pay(),
            ReceiptScreen.isShown(),
            Passkoop.unsyncedPaidOrdersAre(2),
            Passkoop.goOnlineAndSync(),
            {
                content: "the till now holds the visitor the server saved",
                trigger: "body",
                run: () => {
                    const lea = posmodel.models["res.partner"].find(
                        (partner) => partner.name === "Léa Martin"
                    );
                    if (lea?.passkoop_visit_count !== 2) {
                        throw new Error(`Léa's visits: ${lea?.passkoop_visit_count}`);
                    }
                },
            },
        ].flat(),
});

/** A Saturday at the counter: few clicks, nothing hidden, no dead end. */
registry.category("web_tour.tours").add("passkoop_counter", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            ProductScreen.clickDisplayedProduct("Organic Lentils"),
            // A known visitor: found by name in every coop at once.
            Passkoop.countClicks(),
            Passkoop.clickVisitorButton(),
            {
                content: "the coops not shown are said",
                trigger: '.passkoop-more-coops:contains("+5 more")',
            },
            Passkoop.typeIn(".passkoop-visitor-search", "Mathilde"),
            {
                content: "pick Mathilde, her coop said beside her name",
                trigger:
                    '.passkoop-candidate:contains("Mathilde Etcheverry"):has(.passkoop-candidate-coop:contains("HendayaKoop"))',
                run: "click",
            },
            Passkoop.welcome(),
            Passkoop.clicksWere(3, "from the button to a known visitor welcomed"),
            {
                content: "the button names her coop",
                trigger: '.passkoop-visitor-button:contains("HendayaKoop")',
            },
            // Samir's coop asks for his membership number: typed in right there.
            Passkoop.clickVisitorButton(),
            Passkoop.chooseCoop("400COOP"),
            {
                content:
                    "the cursor is in the visitor search, her coop's regulars listed",
                trigger: ".passkoop-visitor-search:focus",
            },
            {
                content: "pick Samir",
                trigger: '.passkoop-candidate:contains("Samir")',
                run: "click",
            },
            Passkoop.statusIs("The membership number at the home coop is required."),
            Passkoop.cannotWelcome(),
            {
                content: "type his membership number",
                trigger: ".passkoop-complete-member-ref",
                run: "edit 400-77",
            },
            {content: "complete", trigger: ".passkoop-complete", run: "click"},
            Passkoop.statusIs("Member terms"),
            Passkoop.welcome(),
            // A new visitor of 400COOP: what the search found nobody for is
            // registered in place, every missing field said at once.
            Chrome.createFloatingOrder(),
            Passkoop.clickVisitorButton(),
            {
                content: "register, nothing filled in",
                trigger: ".passkoop-register",
                run: "click",
            },
            {trigger: ".passkoop-save-visitor", run: "click"},
            Passkoop.errorsBesideTheirFields(["coop", "name", "consent"]),
            {trigger: '.passkoop-coop:contains("400COOP")', run: "click"},
            {trigger: ".passkoop-save-visitor", run: "click"},
            Passkoop.errorsBesideTheirFields(["name", "member-ref", "consent"]),
            Passkoop.discard(),
            Passkoop.countClicks(),
            Passkoop.clickVisitorButton(),
            Passkoop.typeIn(".passkoop-visitor-search", "Inès Martin"),
            {
                content: "nobody found: the registration is there, her name in it",
                trigger:
                    ".passkoop-registration .passkoop-form-name:value(Inès Martin)",
            },
            {
                content: "her coop",
                trigger: '.passkoop-coop:contains("400COOP")',
                run: "click",
            },
            Passkoop.typeIn(".passkoop-form-member-ref", "400-31"),
            {content: "she agrees", trigger: ".passkoop-consent", run: "click"},
            Passkoop.saveAndWelcome(),
            Passkoop.clicksWere(4, "from the button to a new visitor welcomed"),
            ProductScreen.customerIsSelected("Inès Martin"),
            // The card of a visitor not seen for years: found on the server.
            Chrome.createFloatingOrder(),
            ProductScreen.clickDisplayedProduct("Organic Lentils"),
            Passkoop.countClicks(),
            scan_barcode("PK-0777"),
            Passkoop.statusIs("Trial visit 1 of 3"),
            Passkoop.welcome(),
            Passkoop.clicksWere(1, "from a card scan to the visitor welcomed"),
            ProductScreen.customerIsSelected("Ancien Visiteur"),
            ProductScreen.totalAmountIs("8.00"),
            // Nico's discovery card is used up: he joins, or pays the normal price.
            Passkoop.clickVisitorButton(),
            Passkoop.typeIn(".passkoop-visitor-search", "Nico"),
            {
                content: "pick Nico",
                trigger: '.passkoop-candidate:contains("Nico Larralde")',
                run: "click",
            },
            Passkoop.statusIs("Limit reached: 3 of 3 visits."),
            Passkoop.cannotWelcome(),
            {
                content: "what the visitor can do next",
                trigger:
                    '.passkoop-next-step:contains("the visitor can join the coop")',
            },
            {
                content: "how to join, as the coop wrote it",
                trigger:
                    '.passkoop-join-text:contains("Membership at the reception desk: 10 €")',
            },
            Passkoop.countClicks(),
            {
                content: "sell at the normal price",
                trigger: ".passkoop-normal-price",
                run: "click",
            },
            Passkoop.dialogClosed(),
            Passkoop.clicksWere(1, "from the limit to a sale at the normal price"),
            ProductScreen.totalAmountIs("10.00"),
            {
                content: "an ordinary sale: no customer, no visitor",
                trigger:
                    '.passkoop-visitor-button:not(.active):contains("Partner-coop visitor")',
            },
            Passkoop.pay(),
            ReceiptScreen.isShown(),
        ].flat(),
});

/** What the cashier types finds the same visitors in the till and on the server. */
registry.category("web_tour.tours").add("passkoop_search_meaning", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            {
                content: "each query: the same visitors loaded and on the server",
                trigger: "body",
                run: async () => {
                    const {visitorMatches, visitorSearchDomain} =
                        odoo.loader.modules.get("@passkoop_pos/app/passkoop_search");
                    const visitors = posmodel.models["res.partner"].filter(
                        (partner) => partner.passkoop_visitor_type
                    );
                    const queries = [
                        "mathilde",
                        "ETCHE",
                        "lea@example",
                        "PK-0042",
                        "pk-0042",
                        "400-12",
                        "400",
                        "l_a",
                        "%",
                        "Léa",
                        "  Lea  ",
                    ];
                    const wrong = [];
                    for (const query of queries) {
                        const local = visitors
                            .filter((partner) => visitorMatches(partner, query))
                            .map((partner) => partner.id)
                            .sort();
                        const server = (
                            await posmodel.data.orm.search("res.partner", [
                                ["passkoop_visitor_type", "!=", false],
                                ...visitorSearchDomain(query),
                            ])
                        ).sort();
                        if (JSON.stringify(local) !== JSON.stringify(server)) {
                            wrong.push(`${query}: till ${local}, server ${server}`);
                        }
                    }
                    if (wrong.length) {
                        throw new Error(wrong.join("\n"));
                    }
                },
            },
        ].flat(),
});
