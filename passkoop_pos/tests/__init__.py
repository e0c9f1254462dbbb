from . import test_pos_visits
from . import test_frontend
