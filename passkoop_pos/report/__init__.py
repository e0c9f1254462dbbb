from . import passkoop_visit_report
