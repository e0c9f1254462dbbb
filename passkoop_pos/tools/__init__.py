from . import revoked_packing
