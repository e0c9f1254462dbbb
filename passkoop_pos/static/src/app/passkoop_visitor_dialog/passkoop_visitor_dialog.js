import {Component, useState} from "@odoo/owl";
import {Dialog} from "@web/core/dialog/dialog";
import {_t} from "@web/core/l10n/translation";
import {usePos} from "@point_of_sale/app/store/pos_hook";

const SHOWN = 8;

/**
 * The cashier's one dialog: visitor type, home coop, find or register the visitor
 * (or an anonymous visit), see whether they may shop, confirm.
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
        this.state = useState({
            type: card
                ? "partner"
                : partner?.passkoop_visitor_type || this.pos.passkoopVisitorTypes[0],
            coopId: partner?.passkoop_coop_id?.id || card?.coop?.id || false,
            coopQuery: "",
            query: "",
            selectedId: partner?.id || false,
            registering: false,
            form: {name: "", email: "", member_ref: "", card_ref: "", consent: false},
            serverIds: [],
            message: "",
            // The visitor of a valid card the till does not know: registered by the
            // server (online) or when the order arrives (offline).
            cardOnly: Boolean(card?.valid && !partner),
        });
        if (this.state.cardOnly && !this.offline) {
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
            const [partner] = await this.pos.data.read("res.partner", [partnerId]);
            Object.assign(this.state, {cardOnly: false, selectedId: partner.id});
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

    get coops() {
        const query = this.state.coopQuery.trim().toLowerCase();
        return this.pos.passkoopCoops
            .filter((coop) =>
                [coop.name, coop.code, coop.city].some((text) =>
                    (text || "").toLowerCase().includes(query)
                )
            )
            .slice(0, SHOWN);
    }

    /** Whose visitor the cashier is looking for: a type, and a coop for members. */
    get ready() {
        return this.state.type === "trial" || Boolean(this.coop);
    }

    get candidates() {
        const query = this.state.query.trim().toLowerCase();
        const coopId = this.state.coopId;
        return this.pos.models["res.partner"]
            .filter(
                (partner) =>
                    partner.passkoop_visitor_type === this.state.type &&
                    (this.state.type === "trial" ||
                        partner.passkoop_coop_id?.id === coopId) &&
                    (this.state.serverIds.includes(partner.id) ||
                        [
                            partner.name,
                            partner.email,
                            partner.passkoop_card_ref,
                            partner.passkoop_member_ref,
                        ].some(
                            (text) =>
                                query && (text || "").toLowerCase().includes(query)
                        ))
            )
            .slice(0, SHOWN);
    }

    get selected() {
        if (this.state.cardOnly) {
            return this.pos.passkoopCardVisitor(this.props.card);
        }
        return (
            this.state.selectedId &&
            this.pos.models["res.partner"].get(this.state.selectedId)
        );
    }

    /** The scanned card, if it is the selected visitor's. */
    get cardToken() {
        const card = this.props.card;
        const selected = this.selected;
        const theirs =
            card?.valid &&
            selected &&
            (selected.isCardOnly || this.pos.passkoopVisitorOfCard(card) === selected);
        return theirs ? card.token : false;
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
            this.state.type === "partner" &&
            this.coop &&
            policy &&
            policy.mode !== "refused" &&
            policy.proof === "none" &&
            !policy.registration_required
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

    statusText(partner) {
        return this.pos.passkoopCheck(partner, this.pos.get_order()).text;
    }

    setType(type) {
        Object.assign(this.state, {
            type,
            selectedId: false,
            registering: false,
            message: "",
        });
    }

    setCoop(coop) {
        Object.assign(this.state, {coopId: coop.id, selectedId: false, message: ""});
    }

    select(partner) {
        Object.assign(this.state, {
            cardOnly: false,
            selectedId: partner.id,
            registering: false,
            message: "",
        });
    }

    async searchServer() {
        const query = this.state.query.trim();
        if (!query || this.offline) {
            return;
        }
        const domain = [
            ["passkoop_visitor_type", "=", this.state.type],
            "|",
            "|",
            "|",
            ["name", "ilike", query],
            ["email", "ilike", query],
            ["passkoop_card_ref", "=", query],
            ["passkoop_member_ref", "=", query],
        ];
        if (this.state.type === "partner") {
            domain.push(["passkoop_coop_id", "=", this.state.coopId]);
        }
        const found = await this.pos.data.searchRead("res.partner", domain, [], {
            limit: SHOWN,
        });
        this.state.serverIds = found.map((partner) => partner.id);
        this.state.message = found.length ? "" : _t("No visitor found.");
    }

    onSearchKeydown(ev) {
        if (ev.key === "Enter") {
            this.searchServer();
        }
    }

    startRegistration() {
        Object.assign(this.state, {registering: true, selectedId: false, message: ""});
        this.state.form.name = this.state.query;
    }

    async register() {
        const form = this.state.form;
        if (!form.consent) {
            this.state.message = _t("The visitor must agree that their data is kept.");
            return;
        }
        const partnerId = await this.pos.data.call(
            "res.partner",
            "passkoop_register_from_pos",
            [
                {
                    name: form.name,
                    email: form.email,
                    passkoop_member_ref: form.member_ref,
                    passkoop_card_ref: form.card_ref,
                    passkoop_consent: form.consent,
                    passkoop_visitor_type: this.state.type,
                    passkoop_coop_id: this.state.coopId,
                },
            ]
        );
        const [partner] = await this.pos.data.read("res.partner", [partnerId]);
        this.select(partner);
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
        this.pos.passkoopWelcome(this.selected, this.cardToken);
        this.props.getPayload(this.selected);
        this.props.close();
    }
}
