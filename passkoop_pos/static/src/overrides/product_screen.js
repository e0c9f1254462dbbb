import {ProductScreen} from "@point_of_sale/app/screens/product_screen/product_screen";
import {patch} from "@web/core/utils/patch";
import {useBarcodeReader} from "@point_of_sale/app/barcode/barcode_reader_hook";

/**
 * Cards scanned on the product screen open the visitor dialog: signed Pass'Koop
 * cards and visitors' card numbers, by the barcode nomenclature's rules. A card
 * number the nomenclature takes for a product or a customer is tried as a
 * visitor's card only when the till holds no product or customer with that
 * barcode (by index: a scan costs the same with 5,000 visitors).
 */
patch(ProductScreen.prototype, {
    setup() {
        super.setup(...arguments);
        useBarcodeReader({
            passkoop_card: this._passkoopCardAction,
            passkoop_visitor: this._passkoopVisitorAction,
        });
    },

    /** A signed card, even a truncated one: checked offline, the dialog says what it is. */
    async _passkoopCardAction(code) {
        if (this.pos.config.passkoop_enabled) {
            const card = await this.pos.passkoopVerifyCard(code.code);
            await this.pos.passkoopChooseVisitor({card});
        }
    },

    async _passkoopVisitorAction(code) {
        if (!(await this._passkoopWelcomeCardHolder(code))) {
            this.barcodeReader.showNotFoundNotification(code);
        }
    },

    /** @returns {Promise<Boolean>} whether the code is a visitor's card number */
    async _passkoopWelcomeCardHolder(code) {
        const visitor =
            this.pos.config.passkoop_enabled &&
            (await this.pos.passkoopVisitorByCard(code.code));
        if (visitor) {
            await this.pos.passkoopChooseVisitor({partner: visitor});
        }
        return Boolean(visitor);
    },

    async _barcodeProductAction(code) {
        const models = this.pos.models;
        const loaded =
            models["product.product"].getBy("barcode", code.base_code) ||
            models["product.packaging"].getBy("barcode", code.base_code);
        if (loaded || !(await this._passkoopWelcomeCardHolder(code))) {
            return super._barcodeProductAction(...arguments);
        }
    },

    async _barcodePartnerAction(code) {
        const loaded = this.pos.models["res.partner"].getBy("barcode", code.code);
        if (loaded || !(await this._passkoopWelcomeCardHolder(code))) {
            return super._barcodePartnerAction(...arguments);
        }
    },
});
