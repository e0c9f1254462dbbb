from . import passkoop_network_export
