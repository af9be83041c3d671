"""Language detection: langdetect's n-gram model combined with letter and word evidence.

``detect(text)`` returns a :class:`Detection`: an ISO 639-1 code (or ``"und"``) and a
confidence in 0..1. URLs, e-mail addresses, @mentions, #hashtags and digits are dropped first;
then the script most of the words are written in (capitalised words, mostly names, count half)
picks the route, and only the words in that script are looked at:

* Cyrillic: a naive-Bayes model of Cyrillic spelling (tell letters such as і ї є ґ ў ы э ё ъ
  щ и ј, letter pairs, word endings and function words) and of the words themselves (whether
  pymorphy3's Ukrainian and Russian dictionaries list each one) ranks uk/ru/be/bg, and mk/sr
  when the text has a letter only they use (ј, љ, њ, ђ, ћ, џ, ѓ, ќ, ѕ; Macedonian without one
  reads as Bulgarian). langdetect (seeded, restricted to its Cyrillic profiles) is asked only
  when the model is torn between two languages, and its vote is bounded.
* Latin: langdetect (seeded) votes, and letters beyond a-z (ł ś ż, ß, ő ű, ...; none at all
  hints at English) and frequent words ("der", "się", "the", "morgen", "evening") weigh in,
  so that short phrases langdetect is sure about and wrong on ("Es regnet stark" nl, "I love
  you" sk) come out right. Short text (under 40 letters) chooses among the languages a
  Ukrainian newsroom meets most; longer text, or a letter only a rarer language has, opens
  the choice to all the Latin-script languages langdetect knows bar a few noisy ones.
* Any other script: langdetect over the remaining profiles decides.

Too little evidence gives ``Detection("und", 0.0)``: fewer than three letters, or a single
word without a decisive letter ("Київ" is uk, "Привет" could be ru/uk/bg). langdetect and
pymorphy3 are imported lazily: langdetect's profiles are read once per route into factories
private to the detector, the two dictionaries once per process on the first Cyrillic text of
two words or more, the word lists (``data/``) on first use; importing this package imports
nothing heavy and reads no files.
"""

from translator.detect.detector import MIN_LETTERS, UNDETERMINED, Detection, detect

__all__ = ["MIN_LETTERS", "UNDETERMINED", "Detection", "detect"]
