import {
    buildDirectory,
    cardReasonText,
    verifyCard,
} from "@passkoop_pos/app/passkoop_card";
import {passkoopEvaluate, passkoopTermsText} from "@passkoop_pos/app/passkoop_rule";
import {PosStore} from "@point_of_sale/app/store/pos_store";
import {_t} from "@web/core/l10n/translation";
import {patch} from "@web/core/utils/patch";

const {DateTime} = luxon;

patch(PosStore.prototype, {
    async afterProcessServerData() {
        await super.afterProcessServerData(...arguments);
        // Card checks by token, kept for the rule (signed_card), which is synchronous.
        this.passkoopCardChecks = {};
        // In the background: the till is usable meanwhile.
        this.passkoopCheckLoadedCards();
    },

    /** The partner coops' keys and revoked cards, by coop code (built once). */
    get passkoopDirectory() {
        if (!this._passkoopDirectory) {
            this._passkoopDirectory = buildDirectory(
                this.models["passkoop.coop"].filter((coop) => coop.active),
                this.models["passkoop.coop.key"].getAll()
            );
        }
        return this._passkoopDirectory;
    },

    /**
     * Check a card offline with the entries the till loaded, and keep the answer.
     * @param {String} token
     * @returns {Promise<Object>} verifyCard()'s answer, plus `text` for people
     */
    async passkoopVerifyCard(token) {
        const today = DateTime.now().toISODate();
        const result = await verifyCard(token, this.passkoopDirectory, today);
        result.text = cardReasonText(result);
        this.passkoopCardChecks[token] = result;
        return result;
    },

    /**
     * Check the cards the till holds: its visitors' (for their policies) and those
     * scanned for the orders still open (the till may have been reloaded offline).
     */
    async passkoopCheckLoadedCards() {
        const tokens = new Set([
            ...this.models["res.partner"].map((partner) => partner.passkoop_card_ref),
            ...this.models["pos.order"].map((order) => order.passkoop_card_token),
        ]);
        for (const token of tokens) {
            if (typeof token === "string" && token.startsWith("PK1:")) {
                await this.passkoopVerifyCard(token);
            }
        }
    },

    /**
     * The loaded visitor a valid card names: same coop, same membership number.
     * @param {Object} check passkoopVerifyCard()'s answer
     * @returns {Object|undefined}
     */
    passkoopVisitorOfCard(check) {
        const ref = check.member_ref?.toUpperCase();
        return this.models["res.partner"].find(
            (partner) =>
                partner.passkoop_visitor_type === "partner" &&
                partner.passkoop_coop_id?.id === check.coop?.id &&
                (partner.passkoop_card_ref === check.token ||
                    (partner.passkoop_member_ref || "").toUpperCase() === ref)
        );
    },

    /**
     * A visitor known only by their card, while the server has not registered them
     * (offline): what the rule and the order need, nothing stored.
     * @param {Object} check a valid passkoopVerifyCard() answer
     * @returns {Object} res.partner-like values
     */
    passkoopCardVisitor(check) {
        return {
            id: `card:${check.token}`,
            name: _t("%(coop)s member %(ref)s", {
                coop: check.coop.name,
                ref: check.member_ref,
            }),
            passkoop_visitor_type: "partner",
            passkoop_coop_id: check.coop,
            passkoop_member_ref: check.member_ref,
            passkoop_card_ref: check.token,
            passkoop_registration_date: DateTime.now().toISODate(),
            passkoop_visit_count: 0,
            isCardOnly: true,
        };
    },

    /**
     * The order's visitor: its customer, or the visitor known only by the card the
     * cashier scanned.
     * @param {Object} order
     * @returns {Object|null}
     */
    passkoopOrderVisitor(order) {
        const partner = order.get_partner();
        if (partner?.passkoop_visitor_type) {
            return partner;
        }
        const check = this.passkoopCardChecks?.[order.passkoop_card_token];
        return check?.valid && order.passkoop_visitor_type
            ? this.passkoopCardVisitor(check)
            : null;
    },
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
        const card = partner.passkoop_card_ref;
        const unsynced = this.models["pos.order"].filter(
            (order) =>
                order !== excludedOrder &&
                order.isUnsyncedPaid &&
                order.passkoop_visitor_type &&
                (order.partner_id?.id === partner.id ||
                    (card && !order.partner_id && order.passkoop_card_token === card))
        ).length;
        return (partner.passkoop_visit_count || 0) + unsynced;
    },

    /**
     * Whether this visitor may shop now, by the rule of passkoop_check().
     * @param {Object} partner
     * @param {Object} [order] the order being decided, not counted as a past visit
     * @param {String} [cardToken] a card the visitor just showed
     * @returns {Object} passkoopEvaluate() answer, plus `text` for people
     */
    passkoopCheck(partner, order = null, cardToken = null) {
        const coop = partner.passkoop_coop_id;
        const token =
            cardToken ||
            (order?.get_partner() === partner && order.passkoop_card_token) ||
            partner.passkoop_card_ref;
        const card = token && this.passkoopCardChecks?.[token];
        const result = passkoopEvaluate({
            visitor: {
                visitor_type: partner.passkoop_visitor_type,
                member_ref: partner.passkoop_member_ref,
                name: partner.name,
                email: partner.email,
                registration_date: partner.passkoop_registration_date,
            },
            coop: coop && {
                id: coop.id,
                name: coop.name,
                active: coop.active,
                agreement_state: coop.agreement_state,
            },
            policy: partner.passkoop_visitor_type
                ? this.passkoopPolicy(partner)
                : undefined,
            visitCount: this.passkoopVisitCount(partner, order),
            today: DateTime.now(),
            card: token
                ? {
                      valid: Boolean(card?.valid),
                      reason: card?.text || _t("This is not a Pass'Koop card."),
                      coopId: card?.coop?.id,
                  }
                : null,
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
    passkoopWelcome(partner, cardToken = false) {
        const order = this.get_order();
        if (!partner.isCardOnly) {
            order.set_partner(partner);
        }
        const pricelist = this.passkoopPolicy(partner)?.pricelist_id;
        if (pricelist) {
            order.set_pricelist(pricelist);
        }
        order.update({
            passkoop_visitor_type: partner.passkoop_visitor_type,
            passkoop_coop_id: partner.passkoop_coop_id || false,
            passkoop_override: false,
            passkoop_card_token: cardToken,
        });
    },

    /**
     * "Pass'Koop visitor — HendayaKoop — visit 2 of 3" (or "member terms").
     * @param {Object} order a paid visitor order
     * @returns {String}
     */
    passkoopReceiptLine(order) {
        const partner = this.passkoopOrderVisitor(order);
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
        if (order.passkoop_visitor_type && this.passkoopOrderVisitor(order)) {
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
