import {PosOrder} from "@point_of_sale/app/models/pos_order";
import {_t} from "@web/core/l10n/translation";
import {patch} from "@web/core/utils/patch";

patch(PosOrder.prototype, {
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
