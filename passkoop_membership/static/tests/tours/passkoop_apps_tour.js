import {registry} from "@web/core/registry";
import {screenshot} from "@passkoop_membership/../tests/tours/passkoop_screenshot";

/** An addon's page in Odoo's Apps: its description drawn, every picture loaded. */
registry.category("web_tour.tours").add("passkoop_apps_description", {
    steps: () => [
        {
            content: "the description and its pictures are shown",
            trigger: ".o_form_view .o_field_html img[src*='/static/description/']",
        },
        {
            content: "every picture of the description loaded",
            trigger: ".o_form_view .o_field_html",
            run: async () => {
                const images = [...document.querySelectorAll(".o_field_html img")];
                await Promise.all(
                    images.map((img) =>
                        img.complete
                            ? null
                            : new Promise((resolve) => {
                                  img.onload = img.onerror = resolve;
                              })
                    )
                );
                const broken = images.filter((img) => !img.naturalWidth);
                if (broken.length) {
                    throw new Error(`broken pictures: ${broken.map((i) => i.src)}`);
                }
            },
        },
        ...screenshot("apps"),
    ],
});
