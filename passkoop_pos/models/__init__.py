from . import passkoop_coop
from . import passkoop_policy
from . import passkoop_visit
from . import pos_config
from . import pos_order
from . import pos_session
from . import res_config_settings
from . import res_partner
