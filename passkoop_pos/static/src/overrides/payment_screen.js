import {AlertDialog} from "@web/core/confirmation_dialog/confirmation_dialog";
import {PaymentScreen} from "@point_of_sale/app/screens/payment_screen/payment_screen";
import {_t} from "@web/core/l10n/translation";
import {ask} from "@point_of_sale/app/store/make_awaitable_dialog";
import {patch} from "@web/core/utils/patch";

patch(PaymentScreen.prototype, {
    /** The visitor's answer, shown on the payment screen before the money is taken. */
    get passkoopCheck() {
        const order = this.currentOrder;
        const partner =
            order.passkoop_visitor_type && this.pos.passkoopOrderVisitor(order);
        return partner ? this.pos.passkoopCheck(partner, order) : null;
    },

    /**
     * Apply the visitor's policy once, before the sale is recorded (online or
     * not): here and not in _isOrderValid(), which pos_loyalty runs twice.
     */
    async validateOrder(isForceValidate) {
        const check = this.passkoopCheck;
        if (check && !(await this.passkoopAllowed(check))) {
            return;
        }
        return super.validateOrder(...arguments);
    },

    /**
     * Block, or ask the cashier whether to sell over the limit; keep the terms
     * for the receipt.
     * @param {Object} check passkoopCheck()'s answer
     * @returns {Promise<Boolean>} whether the sale may go on
     */
    async passkoopAllowed(check) {
        if (check.action === "block") {
            this.dialog.add(AlertDialog, {
                title: _t("Pass'Koop: this visitor may not buy"),
                body: check.text,
            });
            return false;
        }
        const override =
            check.action === "confirm" &&
            (await ask(this.dialog, {
                title: _t("Pass'Koop: limit reached"),
                body: _t(
                    "%(reason)s Sell anyway? The visit will be recorded as over the limit.",
                    {reason: check.text}
                ),
                confirmLabel: _t("Sell anyway"),
                cancelLabel: _t("Cancel"),
            }));
        if (check.action === "confirm" && !override) {
            return false;
        }
        this.currentOrder.update({
            passkoop_override: Boolean(override),
            passkoop_terms: check.text,
        });
        return true;
    },
});
