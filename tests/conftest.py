import sys
from pathlib import Path

# The helpers that run Odoo on throwaway databases live beside the test command.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "setup"))
