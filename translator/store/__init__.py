"""The parallel article store: source articles, their translations, segment by segment."""
