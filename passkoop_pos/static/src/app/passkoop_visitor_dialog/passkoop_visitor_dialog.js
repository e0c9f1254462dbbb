import {Component, useEffect, useRef, useState} from "@odoo/owl";
import {
    passkoopAnonymousRefusal,
    passkoopProofDue,
} from "@passkoop_pos/app/passkoop_rule";
import {visitorMatches, visitorSearchDomain} from "@passkoop_pos/app/passkoop_search";
import {ConnectionLostError} from "@web/core/network/rpc";
import {Dialog} from "@web/core/dialog/dialog";
import {_t} from "@web/core/l10n/translation";
import {useDebounced} from "@web/core/utils/timing";
import {usePos} from "@point_of_sale/app/store/pos_hook";
import {uuidv4} from "@point_of_sale/utils";

const SHOWN = 8;

/**
 * The cashier's one dialog: visitor type, home coop, find or register the visitor
 * (or an anonymous visit), see whether they may shop. It decides nothing about
 * the order: it returns the chosen visitor, {partner, cardToken}, or nothing.
 */
export class PasskoopVisitorDialog extends Component {
    static template = "passkoop_pos.PasskoopVisitorDialog";
    static components = {Dialog};
    static props = {
        partner: {type: Object, optional: true},
        // A scanned card, checked: passkoopVerifyCard()'s answer.
        card: {type: Object, optional: true},
        getPayload: Function,
        close: Function,
    };

    setup() {
        this.pos = usePos();
        const card = this.props.card;
        const partner =
            this.props.partner || (card?.valid && this.pos.passkoopVisitorOfCard(card));
        // The visitor of a valid card the till does not know: registered by the
        // server (online) or when the order arrives (offline).
        const cardVisitor =
            card?.valid && !partner && this.pos.passkoopCardVisitor(card);
        this.state = useState({
            type: card
                ? "partner"
                : partner?.passkoop_visitor_type || this.pos.passkoopVisitorTypes[0],
            // A card refused names nobody: not even their coop is taken from it.
            coopId:
                partner?.passkoop_coop_id?.id ||
                (card?.valid && card.coop?.id) ||
                false,
            coopQuery: "",
            query: "",
            selectedId: (!partner?.isPending && partner?.id) || false,
            // A visitor not saved yet: known by their card, or registered offline.
            pending: partner?.isPending ? partner : cardVisitor || null,
            registering: false,
            form: {name: "", email: "", member_ref: "", card_ref: "", consent: false},
            completion: {member_ref: "", email: ""},
            message: "",
            // A visitor of the same name, shown before registering another.
            namesake: null,
            otherThan: false,
        });
        this.searchRef = useRef("search");
        useEffect(
            () => this.searchRef.el?.focus(),
            () => [this.state.type, this.state.coopId]
        );
        this.searchServerSoon = useDebounced(() => this.searchServer(), 300);
        if (cardVisitor && !this.offline) {
            this.registerFromCard();
        }
    }

    /** The scanned card's holder, registered online from the card alone. */
    async registerFromCard() {
        try {
            const partnerId = await this.pos.data.call(
                "res.partner",
                "passkoop_register_from_card",
                [this.props.card.token]
            );
            await this.pos.data.read("res.partner", [partnerId]);
            Object.assign(this.state, {pending: null, selectedId: partnerId});
        } catch {
            // Offline, or refused by the server: the till's own check stands, and
            // the server checks the card again when the order arrives.
        }
    }

    get typeOptions() {
        const labels = {
            partner: _t("Member of a partner coop"),
            trial: _t("Discovery / trial"),
        };
        return this.pos.passkoopVisitorTypes.map((type) => ({
            type,
            label: labels[type],
        }));
    }

    get coop() {
        return (
            this.state.coopId && this.pos.models["passkoop.coop"].get(this.state.coopId)
        );
    }

    get matchingCoops() {
        const query = this.state.coopQuery.trim().toLowerCase();
        return this.pos.passkoopCoops.filter((coop) =>
            [coop.name, coop.code, coop.city].some((text) =>
                (text || "").toLowerCase().includes(query)
            )
        );
    }

    /** The coops shown: the chosen one always among them. */
    get coops() {
        const shown = this.matchingCoops.slice(0, SHOWN);
        const chosen = this.coop;
        return chosen && !shown.includes(chosen) ? [chosen, ...shown] : shown;
    }

    get hiddenCoops() {
        return Math.max(this.matchingCoops.length - SHOWN, 0);
    }

    get hiddenCoopsText() {
        return _t("+%(count)s more: type a name, code or city", {
            count: this.hiddenCoops,
        });
    }

    /** Whose visitor the cashier is looking for: a type, and a coop for members. */
    get ready() {
        return this.state.type === "trial" || Boolean(this.coop);
    }

    isOfChoice(partner) {
        return (
            partner.passkoop_visitor_type === this.state.type &&
            (this.state.type === "trial" ||
                partner.passkoop_coop_id?.id === this.state.coopId)
        );
    }

    /** The visitors that match what was typed; before anything is typed, the
     * regulars of the chosen coop (or the trial visitors) come first. */
    get candidates() {
        const query = this.state.query;
        const visitors = [
            ...this.pos.passkoopPendingVisitors,
            ...this.pos.models["res.partner"].getAll(),
        ].filter((partner) => this.isOfChoice(partner));
        if (query.trim()) {
            return visitors
                .filter((partner) => visitorMatches(partner, query))
                .slice(0, SHOWN);
        }
        return visitors
            .sort(
                (a, b) => (b.passkoop_visit_count || 0) - (a.passkoop_visit_count || 0)
            )
            .slice(0, SHOWN);
    }

    get selected() {
        return (
            this.state.pending ||
            (this.state.selectedId &&
                this.pos.models["res.partner"].get(this.state.selectedId))
        );
    }

    isSelected(partner) {
        return partner.id === this.selected?.id;
    }

    /** The scanned card, if it is the selected visitor's. */
    get cardToken() {
        const card = this.props.card;
        const selected = this.selected;
        const theirs =
            card?.valid &&
            selected &&
            (selected.id === `card:${card.token}` ||
                this.pos.passkoopVisitorOfCard(card) === selected);
        return theirs ? card.token : false;
    }

    get refusedCardText() {
        return _t(
            "This card names nobody: to welcome a visitor, find them by name and check who they are."
        );
    }

    get cardClass() {
        return this.props.card?.valid ? "alert-success" : "alert-danger";
    }

    get check() {
        const selected = this.selected;
        if (!selected) {
            return false;
        }
        // The card just scanned counts as shown, before the order carries it.
        return this.pos.passkoopCheck(selected, this.pos.get_order(), this.cardToken);
    }

    /** What the cashier can do after a refusal or a limit, in words. */
    get nextStep() {
        const check = this.check;
        if (!["limit_reached", "expired"].includes(check?.status)) {
            return "";
        }
        if (check.action === "confirm") {
            return _t("You can still sell: you will be asked to confirm at payment.");
        }
        if (check.action === "warn") {
            return _t("The sale is allowed: tell the visitor.");
        }
        return _t("To keep shopping here, the visitor can join the coop.");
    }

    /** What the policy asks that the selected visitor's profile lacks. */
    get missing() {
        const selected = this.selected;
        const policy = selected && this.pos.passkoopPolicy(selected);
        if (this.check?.status !== "incomplete" || !policy || selected.isPending) {
            return {};
        }
        return {
            member_ref:
                policy.proof === "member_ref" &&
                passkoopProofDue(policy, this.check.visit_count) &&
                !selected.passkoop_member_ref,
            email: policy.registration_required && !selected.email,
        };
    }

    get canComplete() {
        return this.missing.member_ref || this.missing.email;
    }

    /** The policy a new visitor of this type (and coop) would get. */
    get policy() {
        return this.pos.passkoopPolicy({
            passkoop_visitor_type: this.state.type,
            passkoop_coop_id: this.coop,
        });
    }

    get canGoAnonymous() {
        const policy = this.policy;
        return (
            !this.offline &&
            this.state.type === "partner" &&
            this.coop &&
            policy &&
            policy.mode !== "refused" &&
            policy.proof === "none" &&
            !policy.registration_required &&
            !passkoopAnonymousRefusal(policy)
        );
    }

    get emailPlaceholder() {
        return this.policy?.registration_required
            ? _t("Email (required)")
            : _t("Email (optional)");
    }

    get offline() {
        return this.pos.data.network.offline;
    }

    statusOf(partner) {
        return this.pos.passkoopCheck(partner, this.pos.get_order());
    }

    setType(type) {
        Object.assign(this.state, {
            type,
            selectedId: false,
            pending: null,
            registering: false,
            message: "",
        });
    }

    setCoop(coop) {
        Object.assign(this.state, {
            coopId: coop.id,
            selectedId: false,
            pending: null,
            message: "",
        });
    }

    onCoopKeydown(ev) {
        const [only, ...others] = this.matchingCoops;
        if (ev.key === "Enter" && only && !others.length) {
            this.setCoop(only);
        }
    }

    select(partner) {
        Object.assign(this.state, {
            pending: partner.isPending ? partner : null,
            selectedId: partner.isPending ? false : partner.id,
            registering: false,
            message: "",
            namesake: null,
            otherThan: false,
        });
    }

    onSearchInput() {
        this.state.message = "";
        this.searchServerSoon();
    }

    onSearchKeydown(ev) {
        if (ev.key === "Enter") {
            this.searchServer();
        }
    }

    /** Visitors the till did not load (not seen for months), found on the server
     * with the same meaning; they join the till's records, and so the list. */
    async searchServer() {
        const query = this.state.query;
        if (query.trim().length < 2 || this.offline) {
            return;
        }
        const domain = [
            ["passkoop_visitor_type", "=", this.state.type],
            ...visitorSearchDomain(query),
        ];
        if (this.state.type === "partner") {
            domain.push(["passkoop_coop_id", "=", this.state.coopId]);
        }
        try {
            await this.pos.data.searchRead("res.partner", domain, [], {limit: SHOWN});
        } catch (error) {
            if (error instanceof ConnectionLostError) {
                return; // offline meanwhile: the loaded visitors are all there is
            }
            throw error;
        }
        if (query === this.state.query && !this.candidates.length) {
            this.state.message = _t("No visitor found.");
        }
    }

    startRegistration() {
        Object.assign(this.state, {
            registering: true,
            selectedId: false,
            pending: null,
            message: "",
        });
        const query = this.state.query.trim();
        this.state.form[query.includes("@") ? "email" : "name"] = query;
    }

    get registration() {
        const form = this.state.form;
        return {
            name: form.name.trim(),
            email: form.email.trim(),
            passkoop_member_ref: form.member_ref.trim(),
            passkoop_card_ref: form.card_ref.trim(),
            passkoop_consent: form.consent,
            passkoop_visitor_type: this.state.type,
            passkoop_coop_id: this.state.coopId,
            passkoop_other_than: this.state.otherThan,
        };
    }

    /**
     * A visitor the till holds under this name, of the same kind and coop: one
     * person is one visitor, and a visitor at a limit does not start over new.
     * @param {Object} registration
     * @returns {Object|undefined}
     */
    namesakeOf(registration) {
        const name = registration.name.toLowerCase();
        return [
            ...this.pos.passkoopPendingVisitors,
            ...this.pos.models["res.partner"].getAll(),
        ].find(
            (partner) =>
                this.isOfChoice(partner) &&
                (partner.name || "").trim().toLowerCase() === name
        );
    }

    get namesakeText() {
        const namesake = this.state.namesake;
        return _t("%(name)s is already registered (%(status)s). The same person?", {
            name: namesake.name,
            status: this.statusOf(namesake).text,
        });
    }

    /** The cashier says the visitor is not the one of the same name (kept). */
    registerAnotherPerson() {
        const namesake = this.state.namesake;
        Object.assign(this.state, {namesake: null, otherThan: namesake.id});
        this.register();
    }

    /** Register the visitor: on the server, or (offline) with the order. */
    async register() {
        const registration = this.registration;
        if (!registration.name) {
            this.state.message = _t("Give at least the visitor's name.");
            return;
        }
        if (!registration.passkoop_consent) {
            this.state.message = _t("The visitor must agree that their data is kept.");
            return;
        }
        const namesake =
            !registration.passkoop_other_than && this.namesakeOf(registration);
        if (namesake) {
            this.state.namesake = namesake;
            return;
        }
        if (this.offline) {
            this.registerOffline(registration);
            return;
        }
        try {
            const partnerId = await this.pos.data.call(
                "res.partner",
                "passkoop_register_from_pos",
                [registration]
            );
            const [partner] = await this.pos.data.read("res.partner", [partnerId]);
            this.select(partner);
        } catch (error) {
            if (error instanceof ConnectionLostError) {
                this.registerOffline(registration);
            } else if (error.data?.message) {
                this.state.message = error.data.message;
            } else {
                throw error;
            }
        }
    }

    /** Kept with the order: the server saves the visitor when the order arrives. */
    registerOffline(registration) {
        const visitor = this.pos.passkoopRegisteredVisitor({
            uid: uuidv4(),
            ...registration,
        });
        const check = this.pos.passkoopCheck(visitor);
        if (check.action === "block") {
            this.state.message = check.text;
            return;
        }
        this.select(visitor);
    }

    /** Fill in what the policy asks, right here; the server checks it again. */
    async complete() {
        const completion = this.state.completion;
        try {
            await this.pos.data.call("res.partner", "passkoop_complete_from_pos", [
                this.selected.id,
                {
                    email: completion.email.trim(),
                    passkoop_member_ref: completion.member_ref.trim(),
                },
            ]);
            await this.pos.data.read("res.partner", [this.selected.id]);
            this.state.message = "";
        } catch (error) {
            if (!error.data?.message) {
                throw error;
            }
            this.state.message = error.data.message;
        }
    }

    async goAnonymous() {
        const known = this.coop.anonymous_partner_id;
        if (known) {
            this.select(known);
            return;
        }
        const partnerId = await this.pos.data.call(
            "passkoop.coop",
            "passkoop_anonymous_partner_id",
            [[this.coop.id]]
        );
        const partner =
            this.pos.models["res.partner"].get(partnerId) ||
            (await this.pos.data.read("res.partner", [partnerId]))[0];
        this.select(partner);
    }

    confirm() {
        const card = this.props.card;
        this.props.getPayload({
            partner: this.selected,
            cardToken: this.cardToken,
            // Kept with the sale: the server says it in the order's chatter.
            refusedCard: card && !card.valid ? card.token : false,
        });
        this.props.close();
    }
}
