"""The translation memory: approved translations of sentences, reused before MT."""
