// ESLint for the addons' JavaScript (Odoo 18 ES modules and tours).
const js = require("@eslint/js");
const globals = require("globals");

module.exports = [
    js.configs.recommended,
    {
        files: ["**/static/**/*.js"],
        languageOptions: {
            ecmaVersion: 2024,
            sourceType: "module",
            globals: {...globals.browser, odoo: "readonly", owl: "readonly", luxon: "readonly"},
        },
        rules: {
            eqeqeq: "error",
            "no-console": "error",
            "no-var": "error",
            "prefer-const": "error",
            "no-unused-vars": ["error", {args: "none"}],
        },
    },
    {files: ["**/tests/**/*.json"], rules: {}},
    {ignores: ["node_modules/**", "**/static/lib/**"]},
];
