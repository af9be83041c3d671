"""Model packages: the Argos ``.argosmodel`` format, installed under ``TRANSLATOR_HOME``."""
