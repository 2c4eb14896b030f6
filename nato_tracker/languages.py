"""Data in both languages: the reader's own, else the other one, saying which.

A model keeps a text in each language in two fields (`name` and `name_fr`, or
`name_en` and `name_fr`); `Translated` reads the one of the active language and falls
back to the other. The value is a `Localized` string that knows its language, so that
a page can mark a fallback (`{{ value|marked }}`: `lang` attribute and "(en)").
"""

import unicodedata

from django.conf import settings
from django.utils.translation import get_language

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)


def active_language() -> str:
    """The active language's code ("en", "fr"), the default one outside a request."""
    code = (get_language() or settings.LANGUAGE_CODE)[:2]
    return code if code in LANGUAGE_CODES else settings.LANGUAGE_CODE


class Localized(str):
    """A text with the code of its language."""

    language: str

    def __new__(cls, text: str, language: str):
        value = super().__new__(cls, text)
        value.language = language
        return value

    @property
    def is_fallback(self) -> bool:
        """The text is not in the reader's language."""
        return bool(self) and self.language != active_language()


def pick(texts: dict[str, str]) -> Localized:
    """The text of the active language, else the first other one that is not empty
    (in settings.LANGUAGES order), else an empty text in the active language."""
    language = active_language()
    if texts.get(language):
        return Localized(texts[language], language)
    for code in LANGUAGE_CODES:
        if texts.get(code):
            return Localized(texts[code], code)
    return Localized("", language)


class Translated:
    """A read-only attribute over one field per language: `Translated(en="name",
    fr="name_fr")`."""

    def __init__(self, **fields: str):
        self.fields = fields

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        return pick({code: getattr(instance, field) for code, field in self.fields.items()})

    def field_for(self, language: str) -> str:
        """The model field holding the text in `language`."""
        return self.fields[language]


def sort_key(text: str) -> str:
    """Alphabetical order as a reader expects it, accents and capitals aside
    ("États-Unis" among the E, not after "Turquie")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def colon() -> str:
    """A colon as the reader's language sets it: ":" in English, no-break space and ":"
    in French (the space the French catalogue puts before every colon)."""
    return "\u00a0:" if active_language() == "fr" else ":"
