import {DataServiceOptions} from "@point_of_sale/app/models/data_service_options";
import {patch} from "@web/core/utils/patch";

patch(DataServiceOptions.prototype, {
    /** A scanned card number finds its visitor at once, among thousands. */
    get databaseIndex() {
        const indexes = super.databaseIndex;
        indexes["res.partner"] = [...indexes["res.partner"], "passkoop_card_ref"];
        return indexes;
    },
});
