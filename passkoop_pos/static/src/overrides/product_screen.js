import {PasskoopVisitorDialog} from "@passkoop_pos/app/passkoop_visitor_dialog/passkoop_visitor_dialog";
import {ProductScreen} from "@point_of_sale/app/screens/product_screen/product_screen";
import {makeAwaitable} from "@point_of_sale/app/store/make_awaitable_dialog";
import {patch} from "@web/core/utils/patch";

/** A scanned card opens the visitor dialog: a signed Pass'Koop card checked offline
 * with the partner coops' keys, or a visitor's card number. */
patch(ProductScreen.prototype, {
    async _passkoopScan(code) {
        if (!this.pos.config.passkoop_enabled) {
            return false;
        }
        if (code.code.startsWith("PK1:")) {
            // A Pass'Koop card, even a truncated one: the dialog says what it is.
            const card = await this.pos.passkoopVerifyCard(code.code);
            await makeAwaitable(this.dialog, PasskoopVisitorDialog, {card});
            return true;
        }
        const visitor = this.pos.passkoopVisitorByCard(code.base_code || code.code);
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
