"""The extractor's word lists: one module per language (``fr``, ``en``), each with a
section per stage, and the lists every language shares (abbreviations).

``LEXICONS[language]`` is the module of that language.
"""

from types import ModuleType

from . import en, fr

LEXICONS: dict[str, ModuleType] = {"fr": fr, "en": en}

# Words that take a full stop without ending the sentence ("Mme.", "p. ex."); any single
# letter does too ("M. Stoltenberg", "U.S.", "e.g.").
ABBREVIATIONS = frozenset(
    {
        "mm",
        "mme",
        "mmes",
        "mlle",
        "mlles",
        "dr",
        "pr",
        "mgr",
        "mr",
        "mrs",
        "ms",
        "st",
        "ste",
        "sr",
        "jr",
        "gen",
        "gén",
        "col",
        "lt",
        "cdt",
        "cf",
        "ex",
        "vs",
        "env",
        "approx",
        "al",
        "éd",
        "ed",
        "coll",
        "av",
        "apr",
        "inc",
        "ltd",
        "corp",
        "dept",
    }
)
# Abbreviations that are only abbreviations before a number ("art. 5", "no. 3").
NUMBER_ABBREVIATIONS = frozenset(
    {"art", "arts", "no", "nos", "pp", "vol", "ch", "chap", "fig", "para", "sect"}
)
