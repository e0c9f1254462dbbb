from . import card_format
