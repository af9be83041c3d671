"""Exports of a translated article for CAT tools: TMX and XLIFF."""
