/**
 * The shared directory entry cases (entry_vectors.json) against a reader of
 * entries in the browser: the till runs it on passkoop_directory.js as its assets
 * load it, the phone checker on the plain ES module it imports. No import here: it
 * is imported as a plain ES module by both.
 * @param {Object} reader {readEntry, entryOutcome}
 * @returns {Promise<String[]>} the cases answered otherwise than the file says
 */
export async function entryVectorsWrong({readEntry, entryOutcome}) {
    const load = async (name) =>
        (await fetch(`/passkoop_membership/static/tests/${name}`)).json();
    const {entries} = await load("entry_vectors.json");
    const cards = await load("card_vectors.json");
    const held = await readEntry(cards.directory.jws);
    const wrong = [];
    for (const vector of entries) {
        const entry = await readEntry(vector.document);
        const outcome = entry
            ? entryOutcome(vector.held ? {...held.coop, keys: held.keys} : null, entry)
            : "invalid";
        if (outcome !== vector.outcome) {
            wrong.push(`${vector.name}: ${outcome}, expected ${vector.outcome}`);
        }
    }
    if (entries.length < 24) {
        wrong.push(`only ${entries.length} cases`);
    }
    return wrong;
}
