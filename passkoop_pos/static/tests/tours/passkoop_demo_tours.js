/* global posmodel */
/**
 * A Saturday at the demo's till, Caisse 1 of L'Épi bayonnais, in French, in a
 * database made as Odoo makes one for a coop in France: what a coop sells.
 */
import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import * as PaymentScreen from "@point_of_sale/../tests/tours/utils/payment_screen_util";
import * as Passkoop from "@passkoop_pos/../tests/tours/passkoop_tour_utils";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as ReceiptScreen from "@point_of_sale/../tests/tours/utils/receipt_screen_util";
import {registry} from "@web/core/registry";
import {simulateBarCode} from "@barcodes/../tests/helpers";

function sellBaguetteInCash() {
    return [
        ProductScreen.clickDisplayedProduct("Baguette tradition"),
        ProductScreen.clickPayButton(),
        PaymentScreen.clickPaymentMethod("Espèces"),
        PaymentScreen.clickValidate(),
        ReceiptScreen.isShown(),
    ].flat();
}

function nextCustomer() {
    return ReceiptScreen.clickNextOrder();
}

registry.category("web_tour.tours").add("passkoop_demo_saturday", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm(),
            // A member of the coop: a plain sale.
            sellBaguetteInCash(),
            nextCustomer(),
            // A member of a partner coop, found by name.
            Passkoop.clickVisitorButton(),
            Passkoop.chooseType("passkoop-type-partner"),
            Passkoop.chooseCoop("400COOP"),
            Passkoop.findVisitor("Inès", "Inès Moreau"),
            Passkoop.statusIs("Conditions membre"),
            Passkoop.screenshot("caisse-visiteur"),
            Passkoop.welcome(),
            sellBaguetteInCash(),
            Passkoop.receiptSays("400COOP"),
            nextCustomer(),
            // A discovery visitor, on their last trial visit.
            Passkoop.clickVisitorButton(),
            Passkoop.chooseType("passkoop-type-trial"),
            Passkoop.findVisitor("Nico", "Nico Larralde"),
            Passkoop.welcome(),
            sellBaguetteInCash(),
            Passkoop.receiptSays("Découverte"),
            nextCustomer(),
            // HendayaKoop's card, scanned.
            {
                content: "scan Mathilde's HendayaKoop card",
                trigger: ".product-screen",
                run: () => simulateBarCode([...window.passkoopMathildeCard, "Enter"]),
            },
            Passkoop.statusIs("Conditions membre"),
            Passkoop.welcome(),
            sellBaguetteInCash(),
            Passkoop.receiptSays("HendayaKoop"),
            nextCustomer(),
            // The shop's internet drops: a new visitor registered offline.
            Passkoop.goOffline(),
            Passkoop.clickVisitorButton(),
            Passkoop.chooseType("passkoop-type-trial"),
            {trigger: ".passkoop-visitor-search", run: "edit Léa Martin"},
            {trigger: ".passkoop-register", run: "click"},
            {trigger: ".passkoop-form-email", run: "edit lea@example.org"},
            {trigger: ".passkoop-consent", run: "click"},
            Passkoop.saveAndWelcome(),
            ProductScreen.clickDisplayedProduct("Baguette tradition"),
            ProductScreen.clickPayButton(),
            PaymentScreen.clickPaymentMethod("Espèces"),
            PaymentScreen.clickValidate(),
            Dialog.confirm(),
            ReceiptScreen.isShown(),
            Passkoop.goOnlineAndSync(),
            {
                content: "every sale reached the server",
                trigger: "body",
                run: () => {
                    const paid = posmodel.models["pos.order"].filter(
                        (order) => order.finalized && typeof order.id === "number"
                    );
                    if (paid.length !== 5) {
                        throw new Error(`${paid.length} orders synced, 5 expected`);
                    }
                },
            },
        ].flat(),
});
