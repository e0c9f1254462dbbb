/* global posmodel */
import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import * as Passkoop from "@passkoop_pos/../tests/tours/passkoop_tour_utils";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as ReceiptScreen from "@point_of_sale/../tests/tours/utils/receipt_screen_util";
import {registry} from "@web/core/registry";

/** Mathilde, a HendayaKoop member, welcomed through the Pass'Koop dialog. */
function welcomeMathilde() {
    return [
        Passkoop.clickVisitorButton(),
        Passkoop.chooseType("passkoop-type-partner"),
        Passkoop.chooseCoop("Hendaya"),
        Passkoop.findVisitor("PK-0042", "Mathilde Etcheverry"),
        Passkoop.welcome(),
        ProductScreen.customerIsSelected("Mathilde Etcheverry"),
    ].flat();
}

/** Nico, on a discovery card, welcomed through the Pass'Koop dialog. */
function welcomeNico() {
    return [
        Passkoop.clickVisitorButton(),
        Passkoop.chooseType("passkoop-type-trial"),
        Passkoop.findVisitor("Nico", "Nico Larralde"),
        Passkoop.welcome(),
        ProductScreen.customerIsSelected("Nico Larralde"),
    ].flat();
}

/** The customer chosen in Odoo's own customer list. */
function pickCustomer(name) {
    return [
        ProductScreen.clickPartnerButton(),
        ProductScreen.clickCustomer(name),
        ProductScreen.customerIsSelected(name),
    ].flat();
}

function noCustomer() {
    return [
        ProductScreen.clickPartnerButton(),
        {
            content: "unselect the customer in Odoo's customer list",
            trigger: ".modal .partner-list .unselect-tag",
            run: "click",
        },
        {
            content: "the order has no customer",
            trigger: "body:not(:has(.modal .partner-list))",
            run: () => {
                if (posmodel.get_order().get_partner()) {
                    throw new Error("the order still has a customer");
                }
            },
        },
    ].flat();
}

/** The lentils' line and the total, at this unit price. */
function lentilsAt(price) {
    return [
        ProductScreen.orderLineHas("Organic Lentils", "1", price),
        ProductScreen.totalAmountIs(price),
    ].flat();
}

/**
 * The member price list is the till's only one, so Odoo gives it to every
 * partner who has none: visitors pay what their policy gives all the same,
 * however they become the order's customer, online and offline.
 */
registry.category("web_tour.tours").add("passkoop_policy_prices", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            ProductScreen.clickDisplayedProduct("Organic Lentils"),
            lentilsAt("10.00"),
            // Switching visitor, then back to no customer, prices the lines again.
            welcomeMathilde(),
            lentilsAt("8.00"),
            welcomeNico(),
            lentilsAt("10.00"),
            welcomeMathilde(),
            lentilsAt("8.00"),
            noCustomer(),
            lentilsAt("10.00"),
            // The same visitors chosen in Odoo's own customer list.
            pickCustomer("Nico Larralde"),
            lentilsAt("10.00"),
            pickCustomer("Mathilde Etcheverry"),
            lentilsAt("8.00"),
            pickCustomer("Nico Larralde"),
            lentilsAt("10.00"),
            // Nico pays the normal price.
            welcomeNico(),
            lentilsAt("10.00"),
            Passkoop.payAndSeeReceipt(),
            Passkoop.receiptSays("Pass'Koop visitor — Discovery / trial"),
            ReceiptScreen.totalAmountContains("10.00"),
            ReceiptScreen.clickNextOrder(),
            // Offline, the same prices; Mathilde pays the member price.
            Passkoop.goOffline(),
            ProductScreen.clickDisplayedProduct("Organic Lentils"),
            lentilsAt("10.00"),
            welcomeMathilde(),
            lentilsAt("8.00"),
            pickCustomer("Nico Larralde"),
            lentilsAt("10.00"),
            welcomeMathilde(),
            lentilsAt("8.00"),
            Passkoop.payAndSeeReceipt(),
            Passkoop.receiptSays("Pass'Koop visitor — HendayaKoop — Member terms"),
            ReceiptScreen.totalAmountContains("8.00"),
            Passkoop.goOnlineAndSync(),
        ].flat(),
});
