import {Component, onWillStart, useState} from "@odoo/owl";
import {deserializeDate, formatDate, serializeDate} from "@web/core/l10n/dates";
import {DateTimeInput} from "@web/core/datetime/datetime_input";
import {_t} from "@web/core/l10n/translation";
import {formatMonetary} from "@web/views/fields/formatters";
import {registry} from "@web/core/registry";
import {useService} from "@web/core/utils/hooks";

/**
 * A period's visitors per coop, the non-member cap, the visitors near a limit;
 * each figure opens the visits behind it.
 */
export class PasskoopDashboard extends Component {
    static template = "passkoop_membership.PasskoopDashboard";
    static components = {DateTimeInput};
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.periods = [
            ["this_month", _t("This month")],
            ["last_month", _t("Last month")],
            ["fiscal_year", _t("This fiscal year")],
            ["custom", _t("Custom dates")],
        ];
        this.state = useState({data: null, period: "this_month", from: null, to: null});
        onWillStart(() => this.load());
    }

    /** The period as the server reads it: its name, and its days when custom. */
    get periodArgs() {
        const {period, from, to} = this.state;
        return period === "custom"
            ? [period, from && serializeDate(from), to && serializeDate(to)]
            : [period];
    }

    async load() {
        const data = await this.orm.call(
            "passkoop.dashboard",
            "get_data",
            this.periodArgs
        );
        this.state.data = data;
        this.state.from = deserializeDate(data.date_from);
        this.state.to = deserializeDate(data.date_to);
    }

    choosePeriod(period) {
        this.state.period = period;
        if (period !== "custom") {
            this.load();
        }
    }

    setDay(bound, day) {
        this.state[bound] = day;
        if (this.state.from && this.state.to && this.state.from <= this.state.to) {
            this.load();
        }
    }

    get periodText() {
        return `${formatDate(this.state.from)} – ${formatDate(this.state.to)}`;
    }

    /** Open the visits behind a figure: all the period's, one coop's, by visitor. */
    async openVisits(options = {}) {
        const [period, dateFrom, dateTo] = this.periodArgs;
        const action = await this.orm.call("passkoop.dashboard", "action_open_visits", [
            period,
            dateFrom || null,
            dateTo || null,
            options.coop ?? null,
            options.by || null,
        ]);
        this.action.doAction(action);
    }

    money(amount) {
        return formatMonetary(amount, {currencyId: this.state.data.currency_id});
    }

    /** Width of a coop's bar, against the coop that sold most. */
    barWidth(coop) {
        const top = Math.max(...this.state.data.coops.map((c) => c.sales), 1);
        return `${Math.round((100 * coop.sales) / top)}%`;
    }

    get capWidth() {
        const {share, cap} = this.state.data.cap;
        return `${Math.min(100, Math.round((100 * share) / (cap || 100)))}%`;
    }

    /** Bootstrap's tone of the gauge and its message: under the cap, close, passed. */
    get capTone() {
        return {fine: "success", warning: "warning", over: "danger"}[
            this.state.data.cap.state
        ];
    }

    /** The visitors list, filtered as the dashboard counts them. */
    async openCloseToLimit() {
        const action = await this.orm.call(
            "passkoop.dashboard",
            "action_open_close_to_limit",
            []
        );
        this.action.doAction(action);
    }

    openAction(xmlId) {
        this.action.doAction(xmlId);
    }

    openVisitor(visitor) {
        this.action.doAction({
            type: "ir.actions.act_window",
            res_model: "res.partner",
            res_id: visitor.id,
            views: [[false, "form"]],
        });
    }
}

registry.category("actions").add("passkoop_membership.dashboard", PasskoopDashboard);
