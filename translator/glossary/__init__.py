"""Domain glossaries: file formats, lemma-aware matching, enforcement in translation."""
