"""The checks, one module per family; :data:`translator.qa.CHECKS` lists them in order."""
