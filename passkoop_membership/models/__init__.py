from . import passkoop_policy
from . import passkoop_coop
from . import passkoop_visit
from . import res_company
from . import res_partner
from . import res_config_settings
from . import passkoop_dashboard
