"""Names beyond the glossary: find people, places and organisations, romanise them (2010 table)."""
