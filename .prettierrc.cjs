/** @type {import('prettier').Config} */
module.exports = {
    plugins: [require.resolve("@prettier/plugin-xml")],
    bracketSpacing: false,
    printWidth: 88,
    proseWrap: "always",
    tabWidth: 4,
    trailingComma: "es5",
    xmlWhitespaceSensitivity: "ignore",
};
