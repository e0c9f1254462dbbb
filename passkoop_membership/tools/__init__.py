from . import card_format
from . import download
