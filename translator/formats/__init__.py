"""Document formats: pull translatable text out of a document and put translations back."""
