"""Translate many files in one run: formats, paths, manifest, report, and the run itself."""
