# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Pass'Koop Point of Sale",
    "summary": "Welcome partner-coop visitors at the till: member pricing, "
    "policy checks (also offline) and visit recording",
    "version": "18.0.1.2.1",
    "category": "Sales/Point of Sale",
    "website": "https://github.com/passkoop/passkoop",
    "author": "Pass'Koop contributors",
    "license": "AGPL-3",
    "installable": True,
    "auto_install": True,
    "depends": ["passkoop_membership", "point_of_sale"],
    "data": [
        "security/passkoop_pos_security.xml",
        "data/barcode_rule_data.xml",
        "views/pos_order_views.xml",
        "views/res_config_settings_views.xml",
        "report/passkoop_visit_report_views.xml",
    ],
    "demo": ["demo/food_coop_demo.xml"],
    "assets": {
        "point_of_sale._assets_pos": [
            "passkoop_membership/static/lib/tweetnacl/nacl-fast.min.js",
            "passkoop_membership/static/src/card/passkoop_card.js",
            "passkoop_membership/static/src/card/passkoop_directory.js",
            "passkoop_pos/static/src/**/*",
        ],
        "web.assets_tests": [
            "passkoop_pos/static/tests/tours/**/*",
        ],
    },
}
