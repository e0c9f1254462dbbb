from . import test_policy_cases
from . import test_visitor_rules
from . import test_visits
from . import test_concurrency
from . import test_security
from . import test_performance
from . import test_settings
from . import test_visit_report
