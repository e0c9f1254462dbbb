import {AlertDialog} from "@web/core/confirmation_dialog/confirmation_dialog";
import {PaymentScreen} from "@point_of_sale/app/screens/payment_screen/payment_screen";
import {_t} from "@web/core/l10n/translation";
import {ask} from "@point_of_sale/app/store/make_awaitable_dialog";
import {patch} from "@web/core/utils/patch";

patch(PaymentScreen.prototype, {
    /** Apply the visitor's policy before the sale is recorded (online or not). */
    async _isOrderValid(isForceValidate) {
        if (!(await super._isOrderValid(...arguments))) {
            return false;
        }
        const order = this.currentOrder;
        const partner = this.pos.passkoopOrderVisitor(order);
        if (!order.passkoop_visitor_type || !partner) {
            return true;
        }
        const check = this.pos.passkoopCheck(partner, order);
        if (check.action === "block") {
            this.dialog.add(AlertDialog, {
                title: _t("Pass'Koop: this visitor may not buy"),
                body: check.reason,
            });
            return false;
        }
        if (check.action === "confirm") {
            const confirmed = await ask(this.dialog, {
                title: _t("Pass'Koop: limit reached"),
                body: _t(
                    "%(reason)s Sell anyway? The visit will be recorded as over the limit.",
                    {
                        reason: check.reason,
                    }
                ),
                confirmLabel: _t("Sell anyway"),
                cancelLabel: _t("Cancel"),
            });
            if (!confirmed) {
                return false;
            }
            order.update({passkoop_override: true});
        } else if (check.action === "warn") {
            this.notification.add(check.reason, {
                type: "warning",
                title: _t("Pass'Koop"),
            });
        }
        return true;
    },
});
