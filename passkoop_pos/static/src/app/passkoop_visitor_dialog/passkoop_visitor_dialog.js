import {Component, useEffect, useRef, useState} from "@odoo/owl";
import {
    passkoopAnonymousAllowed,
    passkoopMissing,
} from "@passkoop_pos/app/passkoop_rule";
import {Dialog} from "@web/core/dialog/dialog";
import {_t} from "@web/core/l10n/translation";
import {useDebounced} from "@web/core/utils/timing";
import {usePos} from "@point_of_sale/app/store/pos_hook";
import {visitorMatches} from "@passkoop_pos/app/passkoop_search";

const SHOWN = 8;
// The registration's fields, in the order the cashier fills them in.
const FORM_FIELDS = ["name", "member_ref", "email", "card_ref"];

/**
 * The cashier's one dialog: find the visitor (in every coop at once, or in the
 * coop or kind chosen), or register one in place (or an anonymous visit), see
 * whether they may shop and, at a limit, what else can be done. It asks the
 * store for data and the rule (passkoop_rule.js) for decisions, and decides
 * nothing about the order: it returns the chosen visitor, {partner,
 * cardToken}, a sale at the normal price, {ordinary: true}, or nothing.
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
        const types = this.pos.passkoopVisitorTypes;
        this.state = useState({
            // Not chosen (false): the search looks among every kind of visitor.
            type: card
                ? "partner"
                : partner?.passkoop_visitor_type || (types.length === 1 && types[0]),
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
            // The cashier registers a visitor (the form also opens by itself
            // when the search finds nobody).
            registering: false,
            form: {name: "", email: "", member_ref: "", card_ref: "", consent: false},
            // What the registration lacks, said beside each field at once.
            errors: {},
            completion: {member_ref: "", email: ""},
            completionError: "",
            // A visitor of the same name, shown before registering another.
            namesake: null,
            otherThan: false,
        });
        this.searchRef = useRef("search");
        this.formRef = useRef("form");
        useEffect(
            () => this.focusNext(),
            () => [this.state.type, this.state.coopId]
        );
        this.searchServerSoon = useDebounced(() => this.searchServer(), 300);
        if (cardVisitor) {
            this.registerFromCard(card);
        }
    }

    /** The cursor where the cashier types next: the registration's first field
     * still to fill in, else the visitor search. */
    focusNext() {
        const form = this.formRef.el;
        const empty =
            form &&
            FORM_FIELDS.map((field) =>
                form.querySelector(`.passkoop-form-${field.replace("_", "-")}`)
            ).find((input) => input && !input.value);
        (empty || this.searchRef.el)?.focus();
    }

    /** The scanned card's holder, registered online from the card alone. */
    async registerFromCard(card) {
        const partner = await this.pos.passkoopRegisterFromCard(card);
        if (partner) {
            Object.assign(this.state, {pending: null, selectedId: partner.id});
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

    /** Whose visitor a new one would be: a type, and a coop for members. */
    get ready() {
        return this.state.type === "trial" || Boolean(this.coop);
    }

    /** Whether a visitor is among those the cashier is looking at: of the kind
     * and coop chosen, or any the till welcomes while none is chosen. */
    isOfChoice(partner) {
        const type = partner.passkoop_visitor_type;
        return (
            this.pos.passkoopVisitorTypes.includes(type) &&
            (!this.state.type || type === this.state.type) &&
            (!this.state.coopId || partner.passkoop_coop_id?.id === this.state.coopId)
        );
    }

    /** The visitors that match what was typed, in every coop until one is
     * chosen; before anything is typed, the regulars of the coop chosen (or the
     * discovery visitors) come first, and nobody while nothing is chosen. */
    get candidates() {
        const query = this.state.query;
        if (!query.trim() && !this.ready) {
            return [];
        }
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

    /** Where a visitor comes from, said beside their name: their coop, or
     * discovery. */
    whereFrom(partner) {
        return partner.passkoop_coop_id?.name || _t("Discovery / trial");
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

    /** At a limit the policy sets: the visitor may still buy at the till's
     * normal price, or join the coop. */
    get atLimit() {
        return ["limit_reached", "expired"].includes(this.check?.status);
    }

    /** What the cashier can do after a limit, in words. */
    get nextStep() {
        const check = this.check;
        if (!this.atLimit) {
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

    /** How to join the coop, as the coop wrote it in Settings. */
    get joinText() {
        return this.atLimit ? this.pos.company.passkoop_join_text || "" : "";
    }

    /** What the policy asks that the selected visitor's profile lacks. */
    get missing() {
        const selected = this.selected;
        if (!selected || selected.isPending) {
            return {};
        }
        const fields = passkoopMissing(
            this.pos.passkoopPolicy(selected),
            {
                member_ref: selected.passkoop_member_ref,
                name: selected.name,
                email: selected.email,
            },
            this.check
        );
        return Object.fromEntries(fields.map((field) => [field, true]));
    }

    get canComplete() {
        return this.missing.member_ref || this.missing.email;
    }

    /** The policy a new visitor of this type (and coop) would get. */
    get policy() {
        return (
            this.state.type &&
            this.pos.passkoopPolicy({
                passkoop_visitor_type: this.state.type,
                passkoop_coop_id: this.coop,
            })
        );
    }

    get canGoAnonymous() {
        return (
            !this.offline &&
            this.state.type === "partner" &&
            passkoopAnonymousAllowed(this.policy, this.coop)
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
            coopId: type === "trial" ? false : this.state.coopId,
            selectedId: false,
            pending: null,
            errors: {},
        });
    }

    setCoop(coop) {
        Object.assign(this.state, {
            type: "partner",
            coopId: coop.id,
            selectedId: false,
            pending: null,
            errors: {},
        });
    }

    onCoopKeydown(ev) {
        const [only, ...others] = this.matchingCoops;
        if (ev.key === "Enter" && only && !others.length) {
            this.setCoop(only);
        }
    }

    /** A visitor picked: their kind and coop become the dialog's. */
    select(partner) {
        Object.assign(this.state, {
            type: partner.passkoop_visitor_type,
            coopId: partner.passkoop_coop_id?.id || false,
            pending: partner.isPending ? partner : null,
            selectedId: partner.isPending ? false : partner.id,
            registering: false,
            errors: {},
            completionError: "",
            namesake: null,
            otherThan: false,
        });
    }

    onSearchInput() {
        const query = this.state.query.trim();
        // Until the cashier types in the form, it follows the search.
        if (!this.state.registering) {
            Object.assign(this.state.form, {name: "", email: ""});
            this.state.form[query.includes("@") ? "email" : "name"] = query;
        }
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
        await this.pos.passkoopSearchVisitors(
            this.state.query,
            {type: this.state.type, coopId: this.state.coopId},
            SHOWN
        );
    }

    /** The registration form: asked for, or opened by a search that finds
     * nobody (the name typed is the new visitor's). */
    get showForm() {
        return (
            this.state.registering ||
            (!this.selected &&
                this.state.query.trim().length >= 2 &&
                !this.candidates.length)
        );
    }

    get formTitle() {
        return this.state.registering
            ? _t("New visitor")
            : _t("No visitor found: register them.");
    }

    get offlineText() {
        return _t("Offline: the visitor is saved when the sale reaches the server.");
    }

    startRegistration() {
        Object.assign(this.state, {
            registering: true,
            selectedId: false,
            pending: null,
            errors: {},
        });
        const query = this.state.query.trim();
        this.state.form[query.includes("@") ? "email" : "name"] = query;
    }

    /** The cashier fills the form in: it no longer follows the search. */
    onFormInput() {
        this.state.registering = true;
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

    /** The fields the new visitor's policy asks, beyond the name. */
    get asked() {
        const policy = this.policy;
        return {
            member_ref: policy?.proof === "member_ref",
            email: Boolean(policy?.registration_required),
        };
    }

    /**
     * Everything the registration lacks, by field, at once: the rule says what
     * the policy asks (passkoopMissing()), the till what it needs.
     * @param {Object} registration
     * @returns {Object} field: what to do
     */
    registrationErrors(registration) {
        const errors = {};
        if (!this.ready) {
            errors.coop = this.pos.passkoopVisitorTypes.includes("trial")
                ? _t("Choose the visitor's home coop, or Discovery / trial.")
                : _t("Choose the visitor's home coop.");
        }
        if (!registration.name) {
            errors.name = _t("Give at least the visitor's name.");
        }
        if (this.ready) {
            const visitor = this.pos.passkoopRegisteredVisitor(registration);
            const missing = passkoopMissing(
                this.policy,
                {
                    member_ref: registration.passkoop_member_ref,
                    name: registration.name,
                    email: registration.email,
                },
                this.pos.passkoopCheck(visitor)
            );
            if (missing.includes("member_ref")) {
                errors.member_ref = _t(
                    "The membership number at the home coop is required."
                );
            }
            if (missing.includes("email")) {
                errors.email = _t("Their coop's policy asks for an email.");
            }
        }
        if (!registration.passkoop_consent) {
            errors.consent = _t("The visitor must agree that their data is kept.");
        }
        return errors;
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
                partner.passkoop_visitor_type === registration.passkoop_visitor_type &&
                (registration.passkoop_visitor_type === "trial" ||
                    partner.passkoop_coop_id?.id === registration.passkoop_coop_id) &&
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

    /** Save the visitor (on the server, or offline with the order) and welcome
     * them when they may shop. */
    async register() {
        const registration = this.registration;
        const errors = this.registrationErrors(registration);
        this.state.errors = errors;
        if (Object.keys(errors).length) {
            return;
        }
        const namesake =
            !registration.passkoop_other_than && this.namesakeOf(registration);
        if (namesake) {
            this.state.namesake = namesake;
            return;
        }
        const {visitor, error} = await this.pos.passkoopRegisterVisitor(registration);
        if (error) {
            this.state.errors = {server: error};
            return;
        }
        this.select(visitor);
        if (this.check.action === "allow") {
            this.confirm();
        }
    }

    /** Fill in what the policy asks, right here; the server checks it again. */
    async complete() {
        const completion = this.state.completion;
        this.state.completionError = await this.pos.passkoopCompleteVisitor(
            this.selected,
            {
                email: completion.email.trim(),
                passkoop_member_ref: completion.member_ref.trim(),
            }
        );
    }

    async goAnonymous() {
        this.select(await this.pos.passkoopAnonymousVisitor(this.coop));
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

    /** The visitor pays the till's normal price, as any customer: no visit. */
    sellAtNormalPrice() {
        this.props.getPayload({ordinary: true});
        this.props.close();
    }
}
