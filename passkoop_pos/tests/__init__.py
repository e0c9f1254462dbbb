from . import test_pos_visits
from . import test_frontend
from . import test_card_frontend
from . import test_pos_cards
from . import test_card_bench
from . import test_pos_server_rules
from . import test_hostile_input
