/** Screenshots of a screen as its users see it, and the words it shows. */

/** Every text of the screen a user can see: text, placeholders, tooltips. */
function visibleTexts() {
    const texts = new Set();
    const add = (text) => {
        const clean = (text || "").replace(/\s+/g, " ").trim();
        if (clean) {
            texts.add(clean);
        }
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const parent = walker.currentNode.parentElement;
        if (parent?.checkVisibility() && !parent.closest("script, style")) {
            add(walker.currentNode.textContent);
        }
    }
    for (const element of document.querySelectorAll("[placeholder], [title]")) {
        if (element.checkVisibility()) {
            add(element.getAttribute("placeholder"));
            add(element.getAttribute("title"));
        }
    }
    return [...texts];
}

/**
 * Ask the test for a screenshot of the screen as it is (for the readme), and give
 * it the words the screen shows (the test looks for English left in French).
 * @param {String} name file name, without extension
 */
export function screenshot(name) {
    return [
        {
            content: `screenshot ${name}`,
            trigger: "body",
            run: async () => {
                // eslint-disable-next-line no-console
                console.log(`passkoop-texts:${name}:${JSON.stringify(visibleTexts())}`);
                // eslint-disable-next-line no-console
                console.log(`passkoop-screenshot:${name}`);
                // Until the test says the screen is taken (screenshots.py), not
                // longer than 1.5 s when no test is there to take it.
                for (let waited = 0; waited < 1500; waited += 50) {
                    if (document.body.dataset.passkoopTaken === name) {
                        return;
                    }
                    await new Promise((resolve) => setTimeout(resolve, 50));
                }
            },
        },
    ];
}
