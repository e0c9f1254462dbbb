from . import passkoop_network_export
from . import passkoop_directory_import
