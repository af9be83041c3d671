"""translator: offline translation and multilingual publishing.

Pipeline: detect -> segment -> (glossary) -> MT engine -> reassemble.
Importing this package has no side effects and imports nothing heavy.
"""

__version__ = "0.1.0"
