/**
 * Labels the screen cuts ("Cli…", "Hors li…"), measured in the browser: a text
 * is cut when its box is narrower than what it holds (scrollWidth > clientWidth)
 * and the box hides the rest (ellipsis, hidden overflow), or when it is a button.
 */
import {registry} from "@web/core/registry";

/**
 * What is cut under `where`: one line per label, with the widths measured.
 * @param {String} where selector of the part of the screen to measure
 * @returns {String[]}
 */
export function labelsCut(where) {
    const cut = [];
    for (const root of document.querySelectorAll(where)) {
        for (const element of [root, ...root.querySelectorAll("*")]) {
            if (
                !element.checkVisibility() ||
                element.scrollWidth <= element.clientWidth + 1
            ) {
                continue;
            }
            const style = getComputedStyle(element);
            const text = (element.innerText || "").replace(/\s+/g, " ").trim();
            const isButton = element.matches("button, .btn");
            const hides = ["hidden", "clip"].includes(style.overflowX);
            const scrolls = ["auto", "scroll"].includes(style.overflowX);
            if (scrolls && element.matches(".o_list_renderer")) {
                cut.push(
                    `the list is wider than the screen (${element.scrollWidth}px)`
                );
            } else if (text && (isButton || hides)) {
                cut.push(
                    `"${text}" (${element.clientWidth}px < ${element.scrollWidth}px)`
                );
            }
        }
    }
    return cut;
}

/**
 * Buttons side by side that say the same ("Imprimer" twice).
 * @param {String} where selector of the part of the screen to look at
 * @returns {String[]}
 */
export function buttonsDoubled(where) {
    const doubled = [];
    for (const bar of document.querySelectorAll(
        `${where} .o_control_panel_actions, ${where} .o_form_statusbar, ${where} .modal-footer`
    )) {
        const seen = new Set();
        for (const button of bar.querySelectorAll("button, .btn")) {
            const text = (button.innerText || "").replace(/\s+/g, " ").trim();
            if (text && button.checkVisibility()) {
                if (seen.has(text)) {
                    doubled.push(`"${text}" twice`);
                }
                seen.add(text);
            }
        }
    }
    return doubled;
}

/**
 * A tour step: fails, saying which, when a label under `where` is cut or a
 * button doubled.
 * @param {String} where selector of the part of the screen to measure
 */
export function labelsFit(where) {
    return [
        {
            content: `every label of ${where} fits`,
            trigger: "body:not(:has(.o_loading_indicator, .o-mail-Thread-loading))",
            run: () => {
                const cut = [...labelsCut(where), ...buttonsDoubled(where)];
                if (cut.length) {
                    throw new Error(`labels cut or doubled: ${cut.join(" | ")}`);
                }
            },
        },
    ];
}

/**
 * The administrator's screens (test_labels_fit.TestLabelsFit opens them in French
 * at 1366x768): wait for the screen, do what shows more of it, then measure.
 */
const SCREENS = {
    dashboard: [".passkoop-kpi-visits"],
    settings: [
        ".o_field_widget[name=passkoop_nonmember_cap]",
        {
            content: 'the retention says its unit (it showed "36" alone)',
            trigger:
                ".o_field_widget[name=passkoop_retention_months] + span:contains(mois)",
        },
    ],
    coops: [".o_list_view .o_data_row"],
    coop: [".o_form_view .o_field_widget[name=code]"],
    policies: [".o_list_view .o_data_row"],
    policy: [".o_form_view .o_field_widget[name=max_visits]"],
    visitors: [".o_list_view .o_data_row"],
    visitor: [".o_form_view .o_field_widget[name=passkoop_status]"],
    visits: [".o_list_view .o_data_row"],
    visit: [".o_form_view .o_statusbar_status"],
    analysis: [".o_pivot table"],
    cards: [
        ".o_list_view .o_data_row",
        {
            content: "select the cards: their buttons show",
            trigger: ".o_list_view thead .o_list_record_selector input",
            run: "click",
        },
        {content: "the buttons are there", trigger: ".o_control_panel_actions button"},
    ],
    card: [".o_form_view .o_statusbar_status"],
    keys: [".o_list_view .o_data_row"],
};
for (const [name, [ready, ...more]] of Object.entries(SCREENS)) {
    registry.category("web_tour.tours").add(`passkoop_fit_${name}`, {
        steps: () => [
            {content: `the screen ${name} is drawn`, trigger: ready},
            ...more,
            ...labelsFit(".o_action_manager"),
        ],
    });
}
