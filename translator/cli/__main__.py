"""``python -m translator.cli``."""

from translator.cli.main import run

run()
