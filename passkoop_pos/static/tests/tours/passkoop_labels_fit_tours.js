import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Passkoop from "@passkoop_pos/../tests/tours/passkoop_tour_utils";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import {labelsFit} from "@passkoop_membership/../tests/tours/passkoop_labels_fit";
import {registry} from "@web/core/registry";

// The till's buttons in French at 1366x768: "Client" beside "Visiteur coop
// partenaire", then the visitor's coop beside the customer's name.
registry.category("web_tour.tours").add("passkoop_till_labels_fit", {
    steps: () =>
        [
            Chrome.startPoS(),
            {
                content: "open the register",
                trigger: ".modal:not(.o_inactive_modal) .modal-footer .btn-primary",
                run: "click",
            },
            ProductScreen.clickDisplayedProduct("Organic Lentils"),
            {
                content: "no customer yet",
                trigger: '.control-buttons .set-partner:contains("Client")',
            },
            labelsFit(".control-buttons"),
            Passkoop.clickVisitorButton(),
            Passkoop.chooseType("passkoop-type-partner"),
            Passkoop.chooseCoop("Hendaya"),
            Passkoop.findVisitor("Mathilde", "Mathilde Etcheverry"),
            Passkoop.welcome(),
            labelsFit(".control-buttons .passkoop-visitor-button"),
        ].flat(),
});
