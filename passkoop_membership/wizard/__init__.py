from . import passkoop_network_export
from . import passkoop_directory_import
from . import base_partner_merge
