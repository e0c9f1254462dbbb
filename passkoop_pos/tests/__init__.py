from . import test_pos_visits
