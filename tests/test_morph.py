"""One pymorphy3 dictionary per language per process, shared by detection and glossaries."""

import subprocess
import sys

COUNT_LOADS = """
import collections, pymorphy3
loads = collections.Counter()
original = pymorphy3.MorphAnalyzer.__init__
def counting(self, *args, lang=None, **kwargs):
    loads[lang] += 1
    original(self, *args, lang=lang, **kwargs)
pymorphy3.MorphAnalyzer.__init__ = counting
from translator.detect import detect
from translator.glossary.morphology import analyses
assert detect("Депутати проголосували за законопроект.").language == "uk"
assert analyses("депутатів")[0].lemma == "депутат"
print(sorted(loads.items()))
"""


def test_detection_and_glossary_load_the_ukrainian_dictionary_once() -> None:
    out = subprocess.run(
        [sys.executable, "-c", COUNT_LOADS], capture_output=True, text=True, check=True
    )
    assert out.stdout == "[('ru', 1), ('uk', 1)]\n"
