import {registry} from "@web/core/registry";
import {screenshot} from "@passkoop_membership/../tests/tours/passkoop_screenshot";

registry.category("web_tour.tours").add("passkoop_visitor_sales_views", {
    steps: () => [
        {content: "the analysis opens as a pivot table", trigger: ".o_pivot table"},
        {
            content: "its rows are the partner coops",
            trigger: '.o_pivot th:contains("HendayaKoop")',
        },
        {
            content: "switch to the graph",
            trigger: ".o_switch_view.o_graph",
            run: "click",
        },
        {content: "the graph is drawn", trigger: ".o_graph_renderer canvas"},
        {content: "switch to the list", trigger: ".o_switch_view.o_list", run: "click"},
        {
            content: "the visits are listed",
            trigger: '.o_list_view td:contains("Mathilde")',
        },
    ],
});

registry.category("web_tour.tours").add("passkoop_coop_form", {
    steps: () => [
        {
            content: "open HendayaKoop",
            trigger: '.o_list_view td:contains("HendayaKoop")',
            run: "click",
        },
        {
            content: "its visits are counted",
            trigger: '.oe_stat_button:contains("Visits")',
        },
        {
            content: "its agreement is shown",
            trigger: '.o_statusbar_status .o_arrow_button_current:contains("Active")',
        },
        {content: "its history is kept", trigger: ".o-mail-Chatter"},
    ],
});

registry.category("web_tour.tours").add("passkoop_dashboard", {
    steps: () => [
        {
            content: "this month's visits are counted",
            trigger: '.passkoop-kpi-visits:contains("3")',
        },
        {
            content: "each coop has its bar, its visits counted in words",
            trigger:
                '.passkoop-coop-bar:contains("HendayaKoop"):contains("1 visit"):not(:contains("1 visits"))',
        },
        {
            content: "the cap gauge is drawn, red: visitors made all the sales",
            trigger: ".passkoop-cap-gauge .progress-bar.bg-danger",
        },
        {
            content: "and the cap says it is passed",
            trigger: '.alert-danger.passkoop-cap-over:contains("Cap passed: 100 %")',
        },
        {
            content: "and what the coop can do: its policies, its cap",
            trigger:
                '.passkoop-cap-over:contains("invite them to join") .passkoop-cap-policies + .passkoop-cap-settings',
        },
        {
            content: "last month: nothing yet",
            trigger: '.passkoop-periods button[data-period="last_month"]',
            run: "click",
        },
        {
            content: "no visit in that period",
            trigger: '.passkoop-kpi-visits:contains("0")',
        },
        {
            content: "any days: the cashier picks them",
            trigger: '.passkoop-periods button[data-period="custom"]',
            run: "click",
        },
        {
            content: "two day fields, the days of the month before",
            trigger: ".passkoop-custom-period input:eq(1)",
        },
        {
            content: "back to this month",
            trigger: '.passkoop-periods button[data-period="this_month"]',
            run: "click",
        },
        {
            content: "the visits figure opens the visits behind it",
            trigger: '.passkoop-kpi-visits:contains("3")',
            run: "click",
        },
        {
            content: "the three are listed",
            trigger:
                '.o_list_view:has(.o_data_row:contains("Claire")):has(.o_data_row:eq(2)):not(:has(.o_data_row:eq(3)))',
        },
        {
            content: "the search bar says which: the month's days, done visits",
            trigger:
                '.o_searchview_facet:contains("Period"):contains(" – ") ~ .o_searchview_facet:contains("Done")',
        },
        {
            content: "the person can remove the period",
            trigger: '.o_searchview_facet:contains("Period") .o_facet_remove',
            run: "click",
        },
        {
            content: "the filter is gone",
            trigger: '.o_searchview:not(:has(.o_searchview_facet:contains("Period")))',
        },
        {
            content: "back to the dashboard",
            trigger: ".o_breadcrumb .o_back_button, .breadcrumb-item:first-child a",
            run: "click",
        },
        {
            content: "HendayaKoop's bar opens its visit",
            trigger: '.passkoop-coop-bar:contains("HendayaKoop")',
            run: "click",
        },
        {
            content: "Mathilde's visit only",
            trigger:
                '.o_list_view:has(.o_data_row:contains("Mathilde")):not(:has(.o_data_row:contains("Claire")))',
        },
        {
            content: "the search bar says it is HendayaKoop's",
            trigger:
                '.o_searchview_facet:contains("Home coop"):contains("HendayaKoop")',
        },
        {
            content: "back to the dashboard",
            trigger: ".o_breadcrumb .o_back_button, .breadcrumb-item:first-child a",
            run: "click",
        },
        {
            content: "one visitor at or near the limit, in the visitors list's words",
            trigger:
                'h4:has(.passkoop-close-count:contains("1")) ~ ul .passkoop-close-visitor:contains("Claire"):contains("Last trial visit")',
        },
        {
            content: "the visitor one visit from the limit is listed",
            trigger: '.passkoop-close-visitor:contains("Claire")',
            run: "click",
        },
        {
            content: "her contact opens",
            trigger: '.o_breadcrumb:contains("Claire")',
        },
    ],
});

/**
 * A name written as HTML (see test_hostile_names.py) shows as text, wherever
 * `where` is drawn: none of its tags is rendered, none of its code runs.
 * @param {String} where selector of the part of the screen that shows the name
 */
export function namesShownAsText(where) {
    return [
        {
            content: "the name is on the screen",
            trigger: `${where}:contains("Injected")`,
        },
        {
            content: "as text: no tag of it rendered, no code of it run",
            trigger: where,
            run: () => {
                const rendered = document.querySelector(".pkx, img[src='x']");
                if (rendered || window.passkoopInjected) {
                    throw new Error(
                        `a name was rendered as HTML: ${rendered?.outerHTML}`
                    );
                }
                if (
                    !document
                        .querySelector(where)
                        .textContent.includes('<b class="pkx">')
                ) {
                    throw new Error("the name's tags are not shown as text");
                }
            },
        },
    ];
}

registry.category("web_tour.tours").add("passkoop_names_shown_as_text", {
    steps: () => namesShownAsText(".o_action_manager"),
});

registry.category("web_tour.tours").add("passkoop_visitor_opens_on_its_tab", {
    steps: () => [
        {
            content: "open Mathilde from the visitors",
            trigger: '.o_list_view td:contains("Mathilde")',
            run: "click",
        },
        {
            content: "her form opens on the Pass'Koop tab",
            trigger: `.o_notebook .nav-link.active:contains("Pass'Koop")`,
        },
        {
            content: "her status is there",
            trigger: ".o_field_widget[name=passkoop_status]",
        },
    ],
});

/**
 * The administrator's screens, one tour each (test_ui.TestFrenchBackOffice opens
 * them in French): wait for the screen, bring a visitor's Pass'Koop tab into view,
 * then take the screen and its words.
 */
const SCREENS = {
    "1-dashboard": [".passkoop-kpi-visits"],
    "2-settings": [".o_field_widget[name=passkoop_nonmember_cap]"],
    "3-coops": [".o_list_view .o_data_row"],
    "4-coop": [".o_form_view:has(.o_field_widget[name=code]) .o-mail-Message"],
    "5-policy": [".o_form_view .o_field_widget[name=max_visits]"],
    "6-visitors": [".o_list_view .o_data_row"],
    "7-visitor": [
        ".o_form_view:has(.o_field_widget[name=passkoop_status]) .o-mail-Chatter",
    ],
    "8-visits": [".o_list_view .o_data_row"],
    "9-analysis": [".o_pivot table"],
    "10-cards": [
        ".o_list_view .o_data_row",
        {
            content: "select the cards: one Print button, and Actions",
            trigger: ".o_list_view thead .o_list_record_selector input",
            run: "click",
        },
        {trigger: ".o_control_panel_actions .o_cp_action_menus"},
    ],
    "11-keys": [".o_list_view .o_data_row"],
    "12-policies": [".o_list_view .o_data_row"],
    "13-visits-of-a-figure": [
        ".passkoop-kpi-visits",
        {
            content: "open the visits behind the figure",
            trigger: ".passkoop-kpi-visits",
            run: "click",
        },
        {
            content: "the search bar says which",
            trigger: '.o_searchview_facet:contains("Période")',
        },
        {trigger: ".o_list_view .o_data_row"},
    ],
    "14-card-email": [
        ".o_form_view .o_statusbar_status",
        {
            content: "send the card by email",
            trigger: 'button[name="action_send_by_email"]',
            run: "click",
        },
        {
            content: "the composer says what it sends",
            trigger: '.modal .modal-title:contains("Envoyer la carte")',
        },
        {trigger: ".modal .o_field_html"},
    ],
    "15-settings-privacy": [
        ".o_field_widget[name=passkoop_retention_months]",
        {
            content: "bring the privacy setting into view",
            trigger: ".o_field_widget[name=passkoop_retention_months]",
            run: () =>
                document
                    .querySelector(".o_field_widget[name=passkoop_retention_months]")
                    .scrollIntoView({block: "center"}),
        },
    ],
};
for (const [name, [ready, ...more]] of Object.entries(SCREENS)) {
    registry.category("web_tour.tours").add(`passkoop_screen_${name}`, {
        steps: () => [
            {content: `the screen ${name} is drawn`, trigger: ready},
            ...more,
            {
                content: "nothing is loading any more",
                trigger: "body:not(:has(.o_loading_indicator, .o-mail-Thread-loading))",
                run: () =>
                    document
                        .querySelector(
                            ".o_form_view:has([name=passkoop_status]) .o_notebook_headers .active"
                        )
                        ?.scrollIntoView({block: "start"}),
            },
            ...screenshot(name),
        ],
    });
}
