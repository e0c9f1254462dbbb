import {passkoopEvaluate, passkoopTermsText} from "@passkoop_pos/app/passkoop_rule";
import {PosStore} from "@point_of_sale/app/store/pos_store";
import {_t} from "@web/core/l10n/translation";
import {patch} from "@web/core/utils/patch";

const {DateTime} = luxon;

patch(PosStore.prototype, {
    /** Coops whose members the cashier may welcome, by name. */
    get passkoopCoops() {
        return this.models["passkoop.coop"]
            .filter((coop) => coop.active && coop.agreement_state === "active")
            .sort((a, b) => a.name.localeCompare(b.name));
    },

    /** Visitor types this till welcomes. */
    get passkoopVisitorTypes() {
        const types = [];
        if (this.config.passkoop_welcome_partner) {
            types.push("partner");
        }
        if (this.config.passkoop_welcome_trial) {
            types.push("trial");
        }
        return types;
    },

    /**
     * The policy that applies to a visitor: their coop's override, else the company's
     * default (as res.partner._passkoop_policy() on the server).
     * @param {Object} partner res.partner record
     * @returns {Object|null}
     */
    passkoopPolicy(partner) {
        const type = partner.passkoop_visitor_type;
        const override = type === "partner" && partner.passkoop_coop_id?.policy_id;
        const policy =
            override ||
            (type === "partner"
                ? this.company.passkoop_partner_policy_id
                : this.company.passkoop_trial_policy_id);
        return policy || null;
    },

    /**
     * Visits that count: the server's counter (refreshed at each sync) plus this
     * till's paid orders not synced yet, e.g. while offline.
     * @param {Object} partner
     * @param {Object} [excludedOrder] the order being decided
     * @returns {Number}
     */
    passkoopVisitCount(partner, excludedOrder = null) {
        const unsynced = this.models["pos.order"].filter(
            (order) =>
                order !== excludedOrder &&
                order.isUnsyncedPaid &&
                order.passkoop_visitor_type &&
                order.partner_id?.id === partner.id
        ).length;
        return (partner.passkoop_visit_count || 0) + unsynced;
    },

    /**
     * Whether this visitor may shop now, by the rule of passkoop_check().
     * @param {Object} partner
     * @param {Object} [order] the order being decided, not counted as a past visit
     * @returns {Object} passkoopEvaluate() answer, plus `text` for people
     */
    passkoopCheck(partner, order = null) {
        const coop = partner.passkoop_coop_id;
        const result = passkoopEvaluate({
            visitor: {
                visitor_type: partner.passkoop_visitor_type,
                member_ref: partner.passkoop_member_ref,
                name: partner.name,
                email: partner.email,
                registration_date: partner.passkoop_registration_date,
            },
            coop: coop && {
                name: coop.name,
                active: coop.active,
                agreement_state: coop.agreement_state,
            },
            policy: partner.passkoop_visitor_type
                ? this.passkoopPolicy(partner)
                : undefined,
            visitCount: this.passkoopVisitCount(partner, order),
            today: DateTime.now(),
        });
        result.text =
            result.allowed && !result.reason
                ? passkoopTermsText(result)
                : result.reason;
        return result;
    },

    /**
     * Make the current order a visitor's order: their account, their policy's price
     * list (lines re-priced), and the Pass'Koop fields the server records the visit from.
     * @param {Object} partner
     */
    passkoopWelcome(partner) {
        const order = this.get_order();
        order.set_partner(partner);
        const pricelist = this.passkoopPolicy(partner)?.pricelist_id;
        if (pricelist) {
            order.set_pricelist(pricelist);
        }
        order.update({
            passkoop_visitor_type: partner.passkoop_visitor_type,
            passkoop_coop_id: partner.passkoop_coop_id || false,
            passkoop_override: false,
        });
    },

    /**
     * "Pass'Koop visitor — HendayaKoop — visit 2 of 3" (or "member terms").
     * @param {Object} order a paid visitor order
     * @returns {String}
     */
    passkoopReceiptLine(order) {
        const partner = order.get_partner();
        const policy = this.passkoopPolicy(partner);
        const where = order.passkoop_coop_id?.name || _t("Discovery / trial");
        const count = this.passkoopVisitCount(partner);
        const terms =
            policy?.mode === "limited" && policy.max_visits
                ? _t("visit %(n)s of %(total)s", {n: count, total: policy.max_visits})
                : policy?.mode === "limited"
                  ? _t("visit %(n)s", {n: count})
                  : _t("member terms");
        // Not in a template string: the translation extractor would miss it.
        return [_t("Pass'Koop visitor"), where, terms].join(" — ");
    },

    orderExportForPrinting(order) {
        const data = super.orderExportForPrinting(...arguments);
        if (order.passkoop_visitor_type && order.get_partner()?.passkoop_visitor_type) {
            data.passkoopLine = this.passkoopReceiptLine(order);
        }
        return data;
    },

    /**
     * The visitor whose card is this barcode, if any.
     * @param {String} code
     * @returns {Object|undefined}
     */
    passkoopVisitorByCard(code) {
        return this.models["res.partner"].find(
            (partner) =>
                partner.passkoop_visitor_type && partner.passkoop_card_ref === code
        );
    },
});
