import {
    buildDirectory,
    cardReasonText,
    verifyCard,
} from "@passkoop_pos/app/passkoop_card";
import {passkoopEvaluate, passkoopPolicyOf} from "@passkoop_pos/app/passkoop_rule";
import {RevokedSerials} from "@passkoop_pos/app/passkoop_revoked";
import {visitorSearchDomain} from "@passkoop_pos/app/passkoop_search";
import {PasskoopVisitorDialog} from "@passkoop_pos/app/passkoop_visitor_dialog/passkoop_visitor_dialog";
import {PosStore} from "@point_of_sale/app/store/pos_store";
import {makeAwaitable} from "@point_of_sale/app/store/make_awaitable_dialog";
import {ConnectionLostError} from "@web/core/network/rpc";
import {_t} from "@web/core/l10n/translation";
import {patch} from "@web/core/utils/patch";
import {uuidv4} from "@point_of_sale/utils";

const {DateTime} = luxon;
// How often an open till asks for its partners' new keys and revocations.
const DIRECTORY_REFRESH_MS = 15 * 60 * 1000;

patch(PosStore.prototype, {
    async afterProcessServerData() {
        await super.afterProcessServerData(...arguments);
        // Card checks by token, kept for the rule (signed_card), which is synchronous.
        this.passkoopCardChecks = {};
        // In the background: the till is usable meanwhile.
        this.passkoopCheckLoadedCards();
        // A till open all day learns the revocations of the day.
        this.passkoopDirectoryVersion = this.config.passkoop_directory_version;
        if (this.config.passkoop_enabled) {
            setInterval(() => this.passkoopRefreshDirectory(), DIRECTORY_REFRESH_MS);
        }
    },

    /**
     * While online: the partner coops' keys and revoked cards the server holds
     * now, fetched only when they changed (the server answers a current copy
     * with its version alone); offline, the next refresh tries again.
     */
    async passkoopRefreshDirectory() {
        if (this.data.network.offline) {
            return;
        }
        const answer = await this.data.silentCall(
            "pos.session",
            "passkoop_refresh_directory",
            [[this.session.id], this.passkoopDirectoryVersion]
        );
        if (!answer || answer.version === this.passkoopDirectoryVersion) {
            return;
        }
        const keyIds = new Set(answer["passkoop.coop.key"].map((key) => key.id));
        for (const key of this.models["passkoop.coop.key"].getAll()) {
            if (!keyIds.has(key.id)) {
                key.delete(); // no longer trusted: its cards are refused
            }
        }
        this.models.loadData({
            "passkoop.coop": answer["passkoop.coop"],
            "passkoop.coop.key": answer["passkoop.coop.key"],
        });
        this.passkoopDirectoryVersion = answer.version;
        this._passkoopDirectory = null; // built again, with the new lists
        await this.passkoopCheckLoadedCards();
    },

    /** The partner coops' keys and revoked cards, by coop code (built once). */
    get passkoopDirectory() {
        if (!this._passkoopDirectory) {
            this._passkoopDirectory = buildDirectory(
                this.models["passkoop.coop"].filter((coop) => coop.active),
                this.models["passkoop.coop.key"].getAll(),
                (coop) => new RevokedSerials(coop.revoked_packed)
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
        result.text = cardReasonText(result, this.company.passkoop_code);
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
            isPending: true,
        };
    },

    /**
     * A visitor the cashier registered while offline: the server saves them (or
     * finds them again) when the order that carries the registration arrives.
     * @param {Object} registration passkoop_register_from_pos()'s values, and a uid
     * @returns {Object} res.partner-like values
     */
    passkoopRegisteredVisitor(registration) {
        return {
            id: `new:${registration.uid}`,
            name: registration.name,
            email: registration.email,
            passkoop_visitor_type: registration.passkoop_visitor_type,
            passkoop_coop_id:
                this.models["passkoop.coop"].get(registration.passkoop_coop_id) ||
                false,
            passkoop_member_ref: registration.passkoop_member_ref,
            passkoop_card_ref: registration.passkoop_card_ref,
            passkoop_registration_date: DateTime.now().toISODate(),
            passkoop_visit_count: 0,
            isPending: true,
            registration,
        };
    },

    /** @returns {Object|null} the registration an order carries */
    passkoopOrderRegistration(order) {
        return order.passkoop_registration
            ? JSON.parse(order.passkoop_registration)
            : null;
    },

    /** Visitors registered offline on this till's orders, not saved yet. */
    get passkoopPendingVisitors() {
        const byUid = new Map();
        for (const order of this.models["pos.order"].getAll()) {
            const registration = this.passkoopOrderRegistration(order);
            if (registration && !order.get_partner()) {
                byUid.set(
                    registration.uid,
                    this.passkoopRegisteredVisitor(registration)
                );
            }
        }
        return [...byUid.values()];
    },

    /**
     * The order's visitor: its customer, or the visitor registered offline or known
     * only by the card the cashier scanned.
     * @param {Object} order
     * @returns {Object|null}
     */
    passkoopOrderVisitor(order) {
        const partner = order.get_partner();
        if (partner?.passkoop_visitor_type) {
            return partner;
        }
        if (!order.passkoop_visitor_type) {
            return null;
        }
        const registration = this.passkoopOrderRegistration(order);
        if (registration) {
            return this.passkoopRegisteredVisitor(registration);
        }
        const check = this.passkoopCardChecks?.[order.passkoop_card_token];
        return check?.valid ? this.passkoopCardVisitor(check) : null;
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
        return passkoopPolicyOf(this.company, partner);
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
        const uid = partner.registration?.uid;
        const unsynced = this.models["pos.order"].filter(
            (order) =>
                order !== excludedOrder &&
                order.isUnsyncedPaid &&
                order.passkoop_visitor_type &&
                (order.partner_id?.id === partner.id ||
                    (!order.partner_id &&
                        ((card && order.passkoop_card_token === card) ||
                            (uid &&
                                this.passkoopOrderRegistration(order)?.uid === uid))))
        ).length;
        return (partner.passkoop_visit_count || 0) + unsynced;
    },

    /**
     * Whether this visitor may shop now, by the rule of passkoop_check().
     * @param {Object} partner
     * @param {Object} [order] the order being decided, not counted as a past visit
     * @param {String} [cardToken] a card the visitor just showed
     * @returns {Object} passkoopEvaluate()'s answer
     */
    passkoopCheck(partner, order = null, cardToken = null) {
        const coop = partner.passkoop_coop_id;
        const token =
            cardToken ||
            (order?.get_partner() === partner && order.passkoop_card_token) ||
            partner.passkoop_card_ref;
        const card = token && this.passkoopCardChecks?.[token];
        return passkoopEvaluate({
            visitor: {
                visitor_type: partner.passkoop_visitor_type,
                member_ref: partner.passkoop_member_ref,
                name: partner.name,
                email: partner.email,
                registration_date: partner.passkoop_registration_date,
                anonymous:
                    Boolean(partner.id) &&
                    coop?.anonymous_partner_id?.id === partner.id,
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
    },

    /**
     * The colour of an answer: green to shop, orange to mind (the last trial visit,
     * a limit passed), red when refused.
     * @param {Object} check passkoopCheck()'s answer
     * @returns {String} a Bootstrap tone
     */
    passkoopTone(check) {
        if (check.action === "block") {
            return "danger";
        }
        return check.action === "allow" && check.status !== "last_visit"
            ? "success"
            : "warning";
    },

    /**
     * Ask the cashier who the visitor is, then welcome them.
     * @param {Object} props the dialog's: a partner or a scanned card
     */
    async passkoopChooseVisitor(props = {}) {
        const choice = await makeAwaitable(this.dialog, PasskoopVisitorDialog, props);
        if (choice?.ordinary) {
            this.passkoopSellAsOrdinary();
        } else if (choice) {
            this.passkoopWelcome(choice.partner, choice.cardToken, choice.refusedCard);
        }
    },

    /**
     * Make the current order a visitor's order: their account (or, for a visitor
     * not saved yet, what the server needs to save them), their policy's prices
     * (lines re-priced, by the order: see overrides/pos_order.js), and the fields
     * the server records the visit from.
     * @param {Object} partner
     * @param {String|false} cardToken the card they showed
     * @param {String|false} refusedCard a card refused at the till for this sale
     */
    passkoopWelcome(partner, cardToken = false, refusedCard = false) {
        const order = this.get_order();
        if (partner.isPending) {
            order.set_partner(false);
            // Not the order's customer until the server saves them: priced as
            // the visitor they are all the same.
            order.updatePricelistAndFiscalPosition(partner);
        } else {
            order.set_partner(partner);
        }
        order.update({
            passkoop_visitor_type: partner.passkoop_visitor_type,
            passkoop_coop_id: partner.passkoop_coop_id || false,
            passkoop_override: false,
            passkoop_card_token: cardToken,
            passkoop_refused_card: refusedCard,
            passkoop_registration: partner.registration
                ? JSON.stringify(partner.registration)
                : false,
        });
    },

    /**
     * Sell the current order at the till's normal price, as to any customer: a
     * visitor at their limit who pays the normal price is no visitor of this
     * sale (no customer, no member prices, no visit: the server records a visit
     * only for a visitor's order).
     */
    passkoopSellAsOrdinary() {
        const order = this.get_order();
        order.set_partner(false);
        order.update({
            passkoop_visitor_type: false,
            passkoop_coop_id: false,
            passkoop_override: false,
            passkoop_card_token: false,
            passkoop_refused_card: false,
            passkoop_registration: false,
        });
    },

    /**
     * The holder of a valid card the till does not know, registered by the
     * server from the card alone (online).
     * @param {Object} card a valid passkoopVerifyCard() answer
     * @returns {Promise<Object|null>} the visitor, or null: offline, or refused
     *   by the server (the till's own check stands, and the server checks the
     *   card again when the order arrives)
     */
    async passkoopRegisterFromCard(card) {
        if (this.data.network.offline) {
            return null;
        }
        try {
            const partnerId = await this.data.call(
                "res.partner",
                "passkoop_register_from_card",
                [card.token]
            );
            const [partner] = await this.data.read("res.partner", [partnerId]);
            return partner;
        } catch {
            return null;
        }
    },

    /**
     * Visitors the till did not load (not seen for months), found on the server
     * with the meaning of the till's search; they join the till's records.
     * @param {String} query
     * @param {Object} scope {type, coopId}: either may be false (any)
     * @param {Number} limit
     * @returns {Promise<Object[]>} what the server found (none offline)
     */
    async passkoopSearchVisitors(query, {type, coopId}, limit) {
        if (query.trim().length < 2 || this.data.network.offline) {
            return [];
        }
        const domain = [
            type
                ? ["passkoop_visitor_type", "=", type]
                : ["passkoop_visitor_type", "in", this.passkoopVisitorTypes],
            ...visitorSearchDomain(query),
        ];
        if (coopId) {
            domain.push(["passkoop_coop_id", "=", coopId]);
        }
        try {
            return await this.data.searchRead("res.partner", domain, [], {limit});
        } catch (error) {
            if (error instanceof ConnectionLostError) {
                return []; // offline meanwhile: the loaded visitors are all there is
            }
            throw error;
        }
    },

    /**
     * Register a visitor: on the server, or (offline) with the order, which the
     * server saves them from when it arrives.
     * @param {Object} registration passkoop_register_from_pos()'s values
     * @returns {Promise<Object>} {visitor} or {error}: the server's refusal,
     *   or the till's own check of a visitor registered offline
     */
    async passkoopRegisterVisitor(registration) {
        if (!this.data.network.offline) {
            try {
                const partnerId = await this.data.call(
                    "res.partner",
                    "passkoop_register_from_pos",
                    [registration]
                );
                const [visitor] = await this.data.read("res.partner", [partnerId]);
                return {visitor};
            } catch (error) {
                if (!(error instanceof ConnectionLostError)) {
                    if (error.data?.message) {
                        return {error: error.data.message};
                    }
                    throw error;
                }
            }
        }
        const visitor = this.passkoopRegisteredVisitor({
            uid: uuidv4(),
            ...registration,
        });
        const check = this.passkoopCheck(visitor);
        return check.action === "block" ? {error: check.text} : {visitor};
    },

    /**
     * Fill in what a visitor's policy asks (online); the server checks it again.
     * @param {Object} partner
     * @param {Object} values {email, passkoop_member_ref}
     * @returns {Promise<String>} the server's refusal, "" when saved
     */
    async passkoopCompleteVisitor(partner, values) {
        try {
            await this.data.call("res.partner", "passkoop_complete_from_pos", [
                partner.id,
                values,
            ]);
            await this.data.read("res.partner", [partner.id]);
            return "";
        } catch (error) {
            if (!error.data?.message) {
                throw error;
            }
            return error.data.message;
        }
    },

    /**
     * The contact of a coop's anonymous visits, made by the server if needed.
     * @param {Object} coop passkoop.coop record
     * @returns {Promise<Object>} res.partner record
     */
    async passkoopAnonymousVisitor(coop) {
        if (coop.anonymous_partner_id) {
            return coop.anonymous_partner_id;
        }
        const partnerId = await this.data.call(
            "passkoop.coop",
            "passkoop_anonymous_partner_id",
            [[coop.id]]
        );
        return (
            this.models["res.partner"].get(partnerId) ||
            (await this.data.read("res.partner", [partnerId]))[0]
        );
    },

    /**
     * The visitor whose card number this is: looked up in the till's index, else
     * on the server (a visitor not seen for months is not loaded).
     * @param {String} code
     * @returns {Promise<Object|undefined>}
     */
    async passkoopVisitorByCard(code) {
        const loaded = this.models["res.partner"].getBy("passkoop_card_ref", code);
        if (loaded?.passkoop_visitor_type || this.data.network.offline) {
            return loaded?.passkoop_visitor_type ? loaded : undefined;
        }
        const [found] = await this.data.searchRead(
            "res.partner",
            [
                ["passkoop_visitor_type", "!=", false],
                ["passkoop_card_ref", "=", code],
            ],
            [],
            {limit: 1}
        );
        return found;
    },
});
