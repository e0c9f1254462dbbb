import {PasskoopVisitorDialog} from "@passkoop_pos/app/passkoop_visitor_dialog/passkoop_visitor_dialog";
import {ProductScreen} from "@point_of_sale/app/screens/product_screen/product_screen";
import {makeAwaitable} from "@point_of_sale/app/store/make_awaitable_dialog";
import {patch} from "@web/core/utils/patch";

/** A scanned Pass'Koop card opens the visitor's dialog, their status in view. */
patch(ProductScreen.prototype, {
    async _passkoopScan(code) {
        const visitor =
            this.pos.config.passkoop_enabled &&
            this.pos.passkoopVisitorByCard(code.base_code || code.code);
        if (visitor) {
            await makeAwaitable(this.dialog, PasskoopVisitorDialog, {partner: visitor});
        }
        return Boolean(visitor);
    },
    async _barcodeProductAction(code) {
        if (!(await this._passkoopScan(code))) {
            return super._barcodeProductAction(...arguments);
        }
    },
    async _barcodePartnerAction(code) {
        if (!(await this._passkoopScan(code))) {
            return super._barcodePartnerAction(...arguments);
        }
    },
});
