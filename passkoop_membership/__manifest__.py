# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Pass'Koop Membership",
    "summary": "Welcome the members of partner food cooperatives: "
    "partner coops, visitor policies, visitors and their visits",
    "version": "18.0.1.5.1",
    "category": "Sales/Members",
    "website": "https://github.com/passkoop/passkoop",
    "author": "Pass'Koop contributors",
    "license": "AGPL-3",
    "application": True,
    "installable": True,
    "depends": ["membership", "mail", "product"],
    "data": [
        "security/passkoop_security.xml",
        "security/ir.model.access.csv",
        "data/passkoop_policy_data.xml",
        "report/passkoop_card_report.xml",
        "data/passkoop_data.xml",
        "views/passkoop_policy_views.xml",
        "wizard/passkoop_directory_import_views.xml",
        "views/passkoop_coop_views.xml",
        "views/passkoop_visit_views.xml",
        "views/passkoop_card_views.xml",
        "views/passkoop_checker_templates.xml",
        "views/passkoop_kit_templates.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "views/passkoop_menus.xml",
        "views/passkoop_dashboard_views.xml",
        "report/passkoop_visit_report_views.xml",
        "report/passkoop_visitors_sheet.xml",
        "wizard/passkoop_network_export_views.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "passkoop_membership/static/src/dashboard/**/*",
        ],
        "web.assets_tests": [
            "passkoop_membership/static/tests/tours/**/*",
        ],
    },
    "demo": [
        "demo/res_company_demo.xml",
        "demo/passkoop_coop_demo.xml",
        "demo/res_partner_demo.xml",
        "demo/passkoop_card_demo.xml",
    ],
}
