"""HTTP front end (FastAPI) over the translator library."""
