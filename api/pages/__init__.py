"""Server-rendered review pages: read source and translation side by side, fix, approve, publish."""
