/**
 * One person is one visitor: a visitor at a limit does not start over under the
 * same name, and a card the till refused names nobody.
 */
import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import * as Passkoop from "@passkoop_pos/../tests/tours/passkoop_tour_utils";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import {registry} from "@web/core/registry";
import {simulateBarCode} from "@barcodes/../tests/helpers";

function registerClaireAgain() {
    return [
        Passkoop.clickVisitorButton(),
        Passkoop.chooseType("passkoop-type-trial"),
        {trigger: ".passkoop-visitor-search", run: "edit claire muller"},
        {trigger: ".passkoop-register", run: "click"},
        {trigger: ".passkoop-consent", run: "click"},
        {trigger: ".passkoop-save-visitor", run: "click"},
        {
            content: "the cashier is shown the visitor of the same name",
            trigger: `.passkoop-namesake:contains("Claire Muller is already registered (Limit reached: 3 of 3 visits.)")`,
        },
    ].flat();
}

registry.category("web_tour.tours").add("passkoop_one_visitor", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            ProductScreen.clickDisplayedProduct("Organic Lentils"),
            // Claire, at her limit, is registered again: it is her.
            registerClaireAgain(),
            {trigger: ".passkoop-namesake-same", run: "click"},
            Passkoop.statusIs("Limit reached: 3 of 3 visits."),
            Passkoop.cannotWelcome(),
            Passkoop.discard(),
            // Another Claire Muller: the cashier says so, the server keeps it.
            registerClaireAgain(),
            // Registered, she may shop: welcomed at once.
            {trigger: ".passkoop-namesake-other", run: "click"},
            Passkoop.dialogClosed(),
            Passkoop.payAndSeeReceipt(),
            Passkoop.receiptSays("Trial visit 1 of 3"),
        ].flat(),
});

registry.category("web_tour.tours").add("passkoop_card_refused_names_nobody", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            ProductScreen.clickDisplayedProduct("Organic Lentils"),
            {
                content: "scan Zoé's revoked card",
                trigger: "body",
                run: () => simulateBarCode([...window.passkoopTokens.revoked, "Enter"]),
            },
            {
                content: "refused, and the cashier is told to check who the visitor is",
                trigger: ".passkoop-card-check.alert-danger .passkoop-card-refused",
            },
            {
                content: "the refused card names nobody: no coop, no visitor offered",
                trigger:
                    ".passkoop-visitor-dialog:not(:has(.passkoop-coop.btn-primary)):not(:has(.passkoop-candidate))",
            },
            Passkoop.cannotWelcome(),
            // The cashier checked who she is, and finds her by name.
            Passkoop.chooseCoop("Coop A"),
            Passkoop.findVisitor("Zoé", "Zoé"),
            Passkoop.welcome(),
            Passkoop.payAndSeeReceipt(),
        ].flat(),
});
