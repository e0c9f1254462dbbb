/* global posmodel */
/** For setup/bench only (bench/bench_counter.py): the dialog with 5,000 visitors. */
import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import {registry} from "@web/core/registry";

/** The next frame after the till rendered what the cashier did. */
function painted() {
    return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
}

/**
 * Milliseconds from an action to the next frame showing what `ready` waits for.
 * @param {Function} act
 * @param {Function} ready
 * @returns {Promise<Number>}
 */
async function timed(act, ready) {
    const start = performance.now();
    act();
    while (!ready()) {
        await painted();
    }
    await painted();
    return performance.now() - start;
}

registry.category("web_tour.tours").add("passkoop_counter_bench", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            ProductScreen.clickDisplayedProduct("Desk Pad"),
            {
                content: "from the button to Mathilde welcomed, each keystroke timed",
                trigger: "body",
                timeout: 60000,
                run: async () => {
                    const $ = (selector) => document.querySelector(selector);
                    const start = performance.now();
                    const opening = await timed(
                        () => $(".passkoop-visitor-button").click(),
                        () => $(".passkoop-coop")
                    );
                    const coop = await timed(
                        () => $(".passkoop-coop").click(),
                        () => $(".passkoop-candidate")
                    );
                    const input = $(".passkoop-visitor-search");
                    const keystrokes = [];
                    for (const length of [1, 2, 3, 4, 5, 6, 7, 8]) {
                        const query = "Mathilde".slice(0, length);
                        keystrokes.push(
                            await timed(
                                () => {
                                    input.value = query;
                                    input.dispatchEvent(new Event("input"));
                                },
                                // Owl renders before the next frame.
                                () => true
                            )
                        );
                    }
                    if (!$(".passkoop-candidate")?.textContent.includes("Mathilde")) {
                        throw new Error("Mathilde is not found");
                    }
                    const welcomed = await timed(
                        () => $(".passkoop-candidate").click(),
                        () => $(".passkoop-status")
                    );
                    const closed = await timed(
                        () => $(".passkoop-confirm").click(),
                        () => !$(".passkoop-visitor-dialog")
                    );
                    const figures = {
                        visitors: posmodel.models["res.partner"].filter(
                            (partner) => partner.passkoop_visitor_type
                        ).length,
                        opening,
                        coop,
                        keystrokes,
                        select: welcomed,
                        welcome: closed,
                        total: performance.now() - start,
                    };
                    // eslint-disable-next-line no-console
                    console.log(`passkoop-bench-counter ${JSON.stringify(figures)}`);
                },
            },
        ].flat(),
});
