from . import controllers
from . import models
from . import tools
from . import report
from . import wizard
