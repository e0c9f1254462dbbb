import {ControlButtons} from "@point_of_sale/app/screens/product_screen/control_buttons/control_buttons";
import {PasskoopVisitorDialog} from "@passkoop_pos/app/passkoop_visitor_dialog/passkoop_visitor_dialog";
import {makeAwaitable} from "@point_of_sale/app/store/make_awaitable_dialog";
import {patch} from "@web/core/utils/patch";

patch(ControlButtons.prototype, {
    async clickPasskoopVisitor() {
        const partner = this.currentOrder.passkoop_visitor_type
            ? this.partner
            : undefined;
        await makeAwaitable(this.dialog, PasskoopVisitorDialog, {partner});
    },
});
