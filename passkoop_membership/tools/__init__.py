from . import card_format
from . import download
from . import directory_entry
from . import fetch
