"""Find commitment candidates in the clean text of a communiqué paragraph.

Editors confirm every candidate; this package only proposes them. Everything here is a
pure function of its arguments: no database access and no Django imports. Every offset
refers to the string passed in, so ``text[start:end]`` is always the reported text.

The work runs in stages, one module each, every one saying what it reads and writes:

* ``sentences``: the sentences of a paragraph;
* ``quantities``: percentages and amounts with their comparator ("au moins 2 % de notre
  produit intérieur brut (PIB)", "plus de 500 millions d'euros", "up to 1.5%",
  "€40 billion");
* ``deadlines``: "d'ici à 2050", "by 2035", "within a decade", "réexaminé en 2029",
  and scheduled events such as "notre prochain sommet en 2024";
* ``categories``: a category chosen from keywords with a fixed priority (most specific
  first);
* ``phrases``: the commitment phrases ("nous nous engageons à", "les Alliés ont
  décidé", "nous renforcerons", "l'OTAN continuera", "we commit to", "Allies will"…);
* ``assembly``: ``find_candidates``, the candidates of a paragraph.

The word lists live in ``lexicon`` (``lexicon.fr``, ``lexicon.en``). Non-breaking
spaces (U+00A0, U+202F) count as ordinary whitespace and typographic apostrophes as
plain ones, so raw scraped text works as well as collapsed text.
"""

from .assembly import find_candidates
from .categories import guess_category
from .common import (
    BOUNDS,
    CATEGORIES,
    COMPARATORS,
    DEADLINE_KINDS,
    LANGUAGES,
    UNITS,
    Candidate,
    Deadline,
    Quantity,
)
from .deadlines import find_deadlines
from .quantities import find_quantities
from .sentences import split_sentences

__all__ = [
    "BOUNDS",
    "CATEGORIES",
    "COMPARATORS",
    "DEADLINE_KINDS",
    "LANGUAGES",
    "UNITS",
    "Candidate",
    "Deadline",
    "Quantity",
    "find_candidates",
    "find_deadlines",
    "find_quantities",
    "guess_category",
    "split_sentences",
]
