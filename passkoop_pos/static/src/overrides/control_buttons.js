import {ControlButtons} from "@point_of_sale/app/screens/product_screen/control_buttons/control_buttons";
import {patch} from "@web/core/utils/patch";

patch(ControlButtons.prototype, {
    async clickPasskoopVisitor() {
        const order = this.currentOrder;
        const partner = order.passkoop_visitor_type
            ? this.pos.passkoopOrderVisitor(order)
            : undefined;
        await this.pos.passkoopChooseVisitor({partner: partner || undefined});
    },
});
