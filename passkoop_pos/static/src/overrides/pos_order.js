import {PosOrder} from "@point_of_sale/app/models/pos_order";
import {passkoopPolicyOf} from "@passkoop_pos/app/passkoop_rule";
import {_t} from "@web/core/l10n/translation";
import {patch} from "@web/core/utils/patch";

patch(PosOrder.prototype, {
    /**
     * A visitor pays what their policy gives: its price list, else the till's
     * own (none: the products' prices), never the partner's default price list,
     * which Odoo computes for every partner without one (the first price list:
     * in a coop, often the member one). However the visitor became the customer
     * (Pass'Koop's dialog, Odoo's customer list, a scan), and offline too: the
     * lines are priced again as Odoo does. Other customers as Odoo prices them.
     * @param {Object|false} newPartner
     */
    /**
     * A visitor chosen from Odoo's customer list is a visitor all the same: the
     * order says so (the receipt's line, the server's visit); another customer,
     * or none, makes it an ordinary order again.
     * @param {Object|false} partner
     */
    set_partner(partner) {
        super.set_partner(...arguments);
        const type = partner?.passkoop_visitor_type || false;
        if (type || (partner && this.passkoop_visitor_type)) {
            this.update({
                passkoop_visitor_type: type,
                passkoop_coop_id: (type && partner.passkoop_coop_id) || false,
            });
        }
    },

    updatePricelistAndFiscalPosition(newPartner) {
        super.updatePricelistAndFiscalPosition(...arguments);
        if (!newPartner?.passkoop_visitor_type) {
            return;
        }
        const pricelist =
            passkoopPolicyOf(this.company, newPartner)?.pricelist_id ||
            this.config.pricelist_id;
        if (this.pricelist_id?.id !== pricelist?.id) {
            this.set_pricelist(pricelist);
        }
    },

    /** "Pass'Koop visitor — HendayaKoop — Trial visit 2 of 3": the terms the
     * cashier saw, kept on the order when it was paid. */
    export_for_printing() {
        const result = super.export_for_printing(...arguments);
        if (this.passkoop_visitor_type && this.passkoop_terms) {
            const where = this.passkoop_coop_id?.name || _t("Discovery / trial");
            // Not in a template string: the translation extractor would miss it.
            result.passkoopLine = [
                _t("Pass'Koop visitor"),
                where,
                this.passkoop_terms,
            ].join(" — ");
        }
        return result;
    },
});
