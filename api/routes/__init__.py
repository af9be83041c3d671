"""Route modules: each handler is a few lines over the translator library."""
