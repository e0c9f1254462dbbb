import {Component, onWillStart, useState} from "@odoo/owl";
import {formatMonetary} from "@web/views/fields/formatters";
import {registry} from "@web/core/registry";
import {useService} from "@web/core/utils/hooks";

const {DateTime} = luxon;

/** This month's visitors per coop, the non-member cap, the visitors near a limit. */
export class PasskoopDashboard extends Component {
    static template = "passkoop_membership.PasskoopDashboard";
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.state = useState({data: null});
        onWillStart(async () => {
            this.state.data = await this.orm.call("passkoop.dashboard", "get_data", []);
        });
    }

    get month() {
        return DateTime.fromISO(this.state.data.month).toFormat("LLLL yyyy");
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
