"""Turn the raw text of a communiqué into clean, structured paragraphs.

The input is the text as it was found: a copy from nato.int, a page scraped from a news
site, or text extracted from a PDF, in French or English. The output keeps the official
paragraph numbers and bullet items, removes the web-page furniture around the body and
repairs the defects that copying leaves, recording each one so that nothing is lost
silently. Everything here is a pure function of its input: no database, no Django.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

__all__ = [
    "DEFECT_KINDS",
    "REMOVED_KINDS",
    "Defect",
    "IngestError",
    "ParsedDocument",
    "ParsedParagraph",
    "Removed",
    "SUPPORTED_LANGUAGES",
    "Vocabulary",
    "check_language",
    "decode",
    "detect_language",
    "is_chrome",
    "join_lines",
    "normalize_compatibility",
    "other_language",
    "parse",
    "parse_text",
    "sha256_text",
]

DEFECT_KINDS = ("repeated_text", "cut", "stray_break", "stray_punctuation", "duplicate")
REMOVED_KINDS = ("title", "chrome", "front_matter", "back_matter", "duplicate")

NO_STRUCTURE_WARNING = "No paragraph structure found: the text is kept as prose paragraphs."


class IngestError(ValueError):
    """The input cannot be read as a communiqué; the message is meant for an admin."""


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Defect:
    """Something wrong in a paragraph of the source, repaired or only flagged."""

    kind: str
    text: str = ""
    count: int = 1

    def as_dict(self) -> dict[str, str | int]:
        return {"kind": self.kind, "text": self.text, "count": self.count}


@dataclass(frozen=True)
class Removed:
    """Text of the source that is not kept as a paragraph."""

    kind: str
    text: str
    line: int


@dataclass(frozen=True)
class ParsedParagraph:
    """A kept paragraph: a numbered paragraph, one of its bullet items, or prose."""

    position: int
    number: int | None
    label: str
    parent_position: int | None
    text: str
    defects: tuple[Defect, ...]
    line: int

    @property
    def anchor(self) -> str:
        return anchor_for(self.label)


def anchor_for(label: str) -> str:
    """HTML anchor of a label: "p27" for ¶27, "p34-3" for its 3rd bullet item, "s3" for §3."""
    if label.startswith("§"):
        return "s" + label[1:]
    return "p" + label.replace(" •", "-")


@dataclass(frozen=True)
class ParsedDocument:
    """What parse_text found in a text: its paragraphs and what was set aside."""

    encoding: str
    language: str
    title: str
    numbered: bool
    paragraphs: tuple[ParsedParagraph, ...]
    removed: tuple[Removed, ...]
    warnings: tuple[str, ...]

    @property
    def defects_count(self) -> int:
        return sum(len(paragraph.defects) for paragraph in self.paragraphs)


# --------------------------------------------------------------------------- decoding

_MAGIC_NUMBERS: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "a ZIP archive (or a Word, Excel or OpenDocument file)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"%PDF", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"{\\rtf", "an RTF document"),
)
_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_SAVE_AS_TEXT = "Copy the communiqué text and save it as a plain UTF-8 .txt file."

# Control characters that have no place in a text (tab, line ends and form feed do).
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_MAX_CONTROL_RATIO = 0.01
# A Windows-1252 reading of random bytes is full of accented letters and symbols;
# French or English prose has few of them.
_MAX_NON_ASCII_RATIO = 0.3
_MIN_LETTER_RATIO = 0.5


def decode(data: bytes) -> tuple[str, str]:
    """Decode the bytes of an uploaded text; return (text, encoding).

    The encoding is "utf-8-sig" (UTF-8 with a byte-order mark, which is removed),
    "utf-8", or "cp1252" when the bytes are not UTF-8 but read as Windows-1252 text.
    Raises IngestError for anything that is not a readable text.
    """
    if not data:
        raise IngestError("The file is empty.")
    for magic, description in _MAGIC_NUMBERS:
        if data.startswith(magic):
            raise IngestError(f"The file is {description}, not plain text. {_SAVE_AS_TEXT}")
    if data.startswith(_UTF16_BOMS):
        raise IngestError(f"The file is encoded as UTF-16, which is not supported. {_SAVE_AS_TEXT}")
    if b"\x00" in data:
        raise IngestError(
            f"The file contains NUL bytes: it is binary data, not a text. {_SAVE_AS_TEXT}"
        )

    if data.startswith(_UTF8_BOM):
        try:
            text, encoding = data[len(_UTF8_BOM) :].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as error:
            raise IngestError(
                "The file starts with a UTF-8 marker but is not valid UTF-8 "
                f"(byte {error.start + len(_UTF8_BOM)} cannot be read). {_SAVE_AS_TEXT}"
            ) from None
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            try:
                text, encoding = data.decode("cp1252"), "cp1252"
            except UnicodeDecodeError as error:
                raise IngestError(
                    "The file is neither UTF-8 nor Windows-1252 text "
                    f"(byte 0x{data[error.start]:02X} at position {error.start} cannot be "
                    f"read). {_SAVE_AS_TEXT}"
                ) from None

    if not text:
        raise IngestError("The file is empty.")
    if not text.strip():
        raise IngestError("The file contains only whitespace: there is no text to read.")
    controls = len(_CONTROL_RE.findall(text))
    if controls > _MAX_CONTROL_RATIO * len(text):
        raise IngestError(
            f"The file contains {controls} control characters: it looks like binary data, "
            f"not a text. {_SAVE_AS_TEXT}"
        )
    if encoding == "cp1252" and not _looks_like_prose(text):
        raise IngestError(
            "The file is not UTF-8, and read as Windows-1252 it does not look like a text "
            f"(too many symbols and accented letters). {_SAVE_AS_TEXT}"
        )
    return text, encoding


def _looks_like_prose(text: str) -> bool:
    visible = [ch for ch in text if not ch.isspace()]
    if not visible:
        return False
    non_ascii = sum(1 for ch in visible if ord(ch) > 127) / len(visible)
    letters = sum(1 for ch in visible if ch.isalpha()) / len(visible)
    return non_ascii <= _MAX_NON_ASCII_RATIO and letters >= _MIN_LETTER_RATIO


def sha256_text(text: str) -> str:
    """Hex SHA-256 of the text encoded as UTF-8: the checksum of a stored document."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------- language

_WORD_RE = re.compile(r"[^\W\d_]+")
_NON_WORD_RE = re.compile(r"[\W_]+")
_LANGUAGE_SAMPLE = 20_000
_FRENCH_STOPWORDS = frozenset(
    "le la les de des du et est un une en dans pour que qui nous sur au aux avec par pas ne "
    "sont ont cette ces ses leur leurs notre nos été être aussi mais ou où".split()
)
_ENGLISH_STOPWORDS = frozenset(
    "the of and to in is are we our that for with by as be this will has have not it its "
    "from at which their was were been also but or all these those".split()
)


# Words frequent in prose of other languages and rare in French and English ones: enough
# to tell a text in one of these languages, which the tracker does not read.
_OTHER_STOPWORDS = {
    "German": frozenset(
        "der die das und ist nicht mit sich auf für dem den des ein eine einer eines wir "
        "unser unsere wird werden haben hat auch nach bei aus zum zur über vom sind oder "
        "wie im".split()
    ),
    "Spanish": frozenset(
        "el los las del y por con para una es su sus al lo como más pero está han "
        "nuestro nuestra nuestros nuestras también entre sobre".split()
    ),
    "Italian": frozenset(
        "gli della delle dei degli che è per con una non sono nostro nostra nostri anche "
        "alla alle nel nella sul come tra".split()
    ),
    "Dutch": frozenset(
        "het een van dat zijn met voor niet aan ook bij wij onze worden wordt door naar "
        "hebben heeft deze".split()
    ),
    "Portuguese": frozenset(
        "os do da dos das em um uma com não por mais nossa nosso nossos são também ao "
        "pela pelo".split()
    ),
}
# French stopwords that Spanish, Italian or Portuguese prose uses as much.
_ROMANCE_SHARED = frozenset("de la en que un une se".split())
SUPPORTED_LANGUAGES = {"fr": "French", "en": "English"}
_MIN_OTHER_STOPWORDS = 5
_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")
_GREEK_RE = re.compile(r"[\u0370-\u03ff]")


def detect_language(text: str) -> str:
    """Return "fr" or "en", whichever has more stopwords in the text ("fr" on a tie).

    Only the start of a long text is read: a few thousand words are plenty.
    """
    counts = Counter(_WORD_RE.findall(text[:_LANGUAGE_SAMPLE].lower()))
    french = sum(counts[word] for word in _FRENCH_STOPWORDS)
    english = sum(counts[word] for word in _ENGLISH_STOPWORDS)
    return "en" if english > french else "fr"


# Short texts have few stopwords: a few more small words tell them apart.
_FRENCH_SHORT = _FRENCH_STOPWORDS | frozenset("à l d sa son se aucun aucune chaque sans".split())
_ENGLISH_SHORT = _ENGLISH_STOPWORDS | frozenset("a an on per each no any into than".split())


def language_of(text: str) -> str | None:
    """ "fr" or "en" for a short text (a note, a source's name), by its small words;
    None when it has none of either, or as many of each."""
    counts = Counter(_WORD_RE.findall(text[:_LANGUAGE_SAMPLE].lower()))
    french = sum(counts[word] for word in _FRENCH_SHORT)
    english = sum(counts[word] for word in _ENGLISH_SHORT)
    if french == english:
        return None
    return "fr" if french > english else "en"


def other_language(text: str) -> str | None:
    """The name of the language of a text written in neither French nor English
    ("German", or a script: "Cyrillic"), or None when it reads as French or English."""
    sample = text[:_LANGUAGE_SAMPLE]
    letters = sum(1 for ch in sample if ch.isalpha())
    for script, pattern in (("Cyrillic", _CYRILLIC_RE), ("Greek", _GREEK_RE)):
        if letters and len(pattern.findall(sample)) > letters / 2:
            return f"a language written in the {script} script"
    counts = Counter(_WORD_RE.findall(sample.lower()))
    known = max(
        sum(counts[word] for word in _FRENCH_STOPWORDS - _ROMANCE_SHARED),
        sum(counts[word] for word in _ENGLISH_STOPWORDS),
    )
    best, found = max(
        ((name, sum(counts[word] for word in words)) for name, words in _OTHER_STOPWORDS.items()),
        key=lambda pair: pair[1],
    )
    if found >= _MIN_OTHER_STOPWORDS and found > 2 * known:
        return best
    return None


def check_language(text: str) -> None:
    """Refuse a text in a language the tracker does not read (IngestError)."""
    language = other_language(text)
    if language is not None:
        supported = " and ".join(SUPPORTED_LANGUAGES.values())
        raise IngestError(
            f"The text seems to be in {language}: only {supported} texts can be loaded. "
            "Load the French or the English text of the communiqué."
        )


# --------------------------------------------------------------------------- lines

_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"  # zero-width spaces, BOM, soft hyphen
_INVISIBLE_RE = re.compile(f"[{_INVISIBLE}]")


def _compatibility_table() -> dict[int, str]:
    """Characters that stand for plain letters or spaces in copied or extracted text:
    ligatures (ﬁ, ﬃ), full-width letters and digits, typographic spaces, and the private
    bullets of word processors' symbol fonts. Ellipses, superscripts and fractions are
    left as they are: they mean something of their own."""
    table = {0xF0B7: "•", 0xF0A7: "▪", 0xF076: "•", 0xF0D8: "•"}
    for first, last in ((0xFB00, 0xFB06), (0xFF01, 0xFF5E), (0x2000, 0x200A)):
        for code in range(first, last + 1):
            table[code] = unicodedata.normalize("NFKC", chr(code))
    table[0x2011] = "-"  # non-breaking hyphen
    return table


_COMPATIBILITY = _compatibility_table()
_COMPATIBILITY_RE = re.compile("[" + "".join(map(chr, sorted(_COMPATIBILITY))) + "]")


def normalize_compatibility(text: str) -> str:
    """Ligatures and other compatibility characters as the letters they stand for."""
    if not _COMPATIBILITY_RE.search(text):
        return text
    return text.translate(_COMPATIBILITY)


# Paragraph number (1 to 3 digits) as copies of NATO texts write it: "27. Text",
# "27) Text", "27 - Text", "27 – Text", "(27) Text", or the number alone on its line.
_NUMBERED_RE = re.compile(
    r"(?:\((?P<paren>[1-9]\d{0,2})\)|(?P<value>[1-9]\d{0,2})(?P<mark>\.|\)| [-–—]))"
    r"(?: (?P<body>.*)|)"
)
# The style of a number's marker: "." ")" "-" (any dash) or "(".
_DASHES = frozenset("-–—")


def _number_style(match: re.Match[str]) -> str:
    if match["paren"]:
        return "("
    mark = match["mark"].strip()
    return "-" if mark in _DASHES else mark


def _glued_number_re(value: int, style: str) -> re.Pattern[str]:
    """The number `value` glued to the end of the previous sentence: "…démocratie.2. Nous"."""
    number = {
        ".": rf"{value}\.",
        ")": rf"{value}\)",
        "-": rf"{value} [-–—]",
        "(": rf"\({value}\)",
    }[style]
    return re.compile(rf"(?<=[.!?;»”\"])\s?{number} (?=[^\W\d_]|[«“\"(])")


_BULLET_RE = re.compile(r"([•·▪●◦‣■*\-–]) (.*)")
_DASH_BULLETS = frozenset("-–")

# Characters a complete sentence or paragraph can end with.
_FINAL_PUNCTUATION = frozenset('.!?:;»"”)…’]')
_SENTENCE_END = frozenset(".!?:;…")

_DOMAIN = r"(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,10}(?:/\S*)?"
_SITE_BLURB_RE = re.compile(
    r"(?:www\.)?[\w-]+\.(?:com|net|org|info|fr|be|ch|ca|eu|io|co|uk|de|news|tv|media|"
    r"africa|online|site)\b[\s(,:]",
    re.IGNORECASE,
)
_SOCIAL = r"(?:facebook|twitter|x|linkedin|whatsapp|telegram|messenger|reddit|pinterest|e-?mail)"
_MONTHS = (
    r"(?:jan(?:vier|uary)?|f[ée]v(?:rier)?|feb(?:ruary)?|mars?|march|avr(?:il)?|apr(?:il)?|"
    r"mai|may|juin|june?|juil(?:let)?|july?|ao[uû]t|aug(?:ust)?|sept?(?:embre|ember)?|"
    r"oct(?:obre|ober)?|nov(?:embre|ember)?|d[ée]c(?:embre|ember)?)\.?"
)
_WEEKDAYS = (
    r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thurs|fri|sat|sun)\.?,?"
)
# A date line: "Tuesday 11 July 2023", "11 juil. 2023", "July 11, 2023", "11/07/2023".
_DATE = (
    rf"(?:(?:le |on )?{_WEEKDAYS} )?(?:\d{{1,2}}(?:er|st|nd|rd|th)? {_MONTHS},? \d{{4}}|"
    rf"{_MONTHS} \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}|\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|"
    r"\d{4}-\d{2}-\d{2})"
)
_TIME = r"\d{1,2}(?:[:h]\d{2})?(?: ?[ap]\.?m\.?)?(?: ?\(?[A-Z]{2,4}\)?)?"
# A language selector: "English Français", "English | French | Russian | Ukrainian".
_LANGUAGE_NAMES = (
    r"english|french|fran[çc]ais|anglais|russian|russe|русский|ukrainian|ukrainien|"
    r"українська|deutsch|german|allemand|espa[ñn]ol|spanish|italiano|italian"
)
_SHORT_CHROME_RE = re.compile(
    "|".join(
        (
            rf"(?:partager|partagez|share|tweet|tweeter|imprimer|print|envoyer|e-?mail)"
            rf"(?: (?:sur|on|via|par|this|cet article|this (?:article|page|story)))?"
            rf"(?: {_SOCIAL})* ?:?",
            _SOCIAL,
            r"(?:contexte|context|background) ?:",
            r"ci-dessous,? (?:la|une|notre) vid[ée]o.*",
            r"(?:regardez|voir|watch|see) (?:la|the) vid[ée]o.*",
            r"vid[ée]o ?:?",
            r"sources? ?:.{0,80}",
            r"(?:laisser|laissez|poster|ajouter) (?:un|votre) commentaire.*",
            r"(?:leave|post|add) a (?:comment|reply).*",
            r"(?:commentaires?|comments?|r[ée]ponses?|replies) ?(?:\(\d+\))? ?:?",
            r"(?:related|similar|sur le m[êe]me sujet)(?: (?:articles?|stories|news|posts?))? ?:?",
            r"(?:publicit[ée]|advertisement|sponsored|sponsoris[ée])",
            r"(?:suivez-nous|follow us|abonnez-vous|subscribe)\b.*",
            r"(?:tags?|[ée]tiquettes?|mots-cl[ée]s|keywords|cat[ée]gories?) ?:.*",
            r"(?:cr[ée]dits? photos?|photo|image|illustration) ?:.*",
            r"(?:©|\(c\)|copyright)\b.*",
            r"(?:publi[ée]|published|mis [àa] jour|updated|last updated|issued on)\b.{0,60}",
            r"(?:press release|communiqu[ée] de presse) ?\(\d{4}\) ?\d*",
            rf"{_DATE}(?:,? (?:[àa] |at )?{_TIME})?(?: ?[-–|])?",
            rf"(?:{_LANGUAGE_NAMES})(?:[ /|·•,]+(?:{_LANGUAGE_NAMES}))*",
            # News sites' and document viewers' furniture.
            r"(?:you are|vous [êe]tes) (?:on|sur(?: la)?) (?:the )?page \d+.*",
            r"(?:enjoying|appreciating|profitez|appr[ée]ciez)\b.{0,60}",
            r".{0,40}\b(?:free trial|essai gratuit|p[ée]riode d.essai)\b.{0,60}",
            r"(?:already a (?:subscriber|member)|d[ée]j[àa] (?:abonn[ée]|inscrit)).*",
            r"(?:(?:cet )?article )?r[ée]serv[ée] aux (?:abonn[ée]s|membres).*",
            r"(?:subscribers? only|for subscribers|pour les abonn[ée]s).*",
            r"(?:sign in|sign up|log in|login|se connecter|connexion|s.identifier|register|"
            r"s.inscrire|mon compte|my account)\b.{0,40}",
            r"(?:we use|nous utilisons|ce site utilise|this (?:site|website) uses) (?:des )?"
            r"cookies\b.*",
            r"(?:accept(?:er)?|refuser|reject|decline|tout accepter|tout refuser|accept all|"
            r"reject all|manage cookies|g[ée]rer les cookies|param[èe]tres des cookies|"
            r"cookie settings|ok|j.accepte|i agree)(?: (?:all|tout|cookies|and close))?",
            r"(?:skip to (?:the )?(?:main )?content|aller au contenu(?: principal)?|menu|"
            r"search|rechercher|recherche|accueil|home|back to top|retour en haut)",
            r"\d+ ?min(?:utes?)? (?:read|de lecture)|(?:temps de )?lecture ?:? ?\d+ ?min\.?|"
            r"reading time ?:? ?\d+ ?min(?:utes?)?",
            r"(?:listen to this article|[ée]couter (?:cet |l.)article).*",
            r"(?:download|t[ée]l[ée]charger)(?: (?:the |le |this |ce )?(?:pdf|document|file|"
            r"fichier))?",
            r"(?:zoom(?: in| out)?|previous page|next page|page pr[ée]c[ée]dente|page suivante|"
            r"full ?screen|plein [ée]cran)",
            r"(?:newsletter|inscrivez-vous [àa] (?:la|notre) newsletter|"
            r"sign up for (?:our|the) newsletter).*",
            r"(?:most read|les plus lus|articles? populaires?|popular|trending|top stories)",
            r"page \d{1,4}(?: ?(?:/|sur|of|de) ?\d{1,4})?",
            r"\d{1,4} ?(?:/|sur|of) ?\d{1,4}",
            r"\d{1,3}",
            r"[-–—] ?\d{1,4} ?[-–—]",
            r"[-–—_*=~•·#. ]+",
        )
    ),
    re.IGNORECASE,
)
_LONG_CHROME_RE = re.compile(
    r"(?:(?:[àa] )?(?:lire|voir) (?:aussi|[ée]galement|plus)|(?:read|see) (?:more|also))\b"
    r"(?: ?:.*| .*)?",
    re.IGNORECASE,
)
_DOMAIN_RE = re.compile(_DOMAIN, re.IGNORECASE)
_SHORT_CHROME_MAX = 120
_LONG_CHROME_MAX = 200


def _normalize(text: str) -> str:
    """LF line ends, no invisible characters, control characters turned into spaces."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if any(char in text for char in _INVISIBLE):
        text = _INVISIBLE_RE.sub("", text)
    text = normalize_compatibility(text)
    if _CONTROL_RE.search(text):
        text = _CONTROL_RE.sub(" ", text)
    return text


def _clean(text: str) -> str:
    """Collapse every run of whitespace (NBSP, narrow NBSP, controls…) into one space."""
    return " ".join(_normalize(text).split())


def is_chrome(text: str) -> bool:
    """Site furniture: share buttons, sources, comment boxes, page numbers, site names."""
    if _DOMAIN_RE.fullmatch(text) or _SITE_BLURB_RE.match(text):
        return True
    if text[0].islower():  # a hard-wrapped line of prose, never a heading
        return False
    if len(text) <= _SHORT_CHROME_MAX and _SHORT_CHROME_RE.fullmatch(text):
        return True
    return len(text) <= _LONG_CHROME_MAX and bool(_LONG_CHROME_RE.fullmatch(text))


def _ends_complete(text: str) -> bool:
    return bool(text) and text[-1] in _FINAL_PUNCTUATION


def _starts_lowercase(text: str) -> bool:
    return bool(text) and text[0].islower()


@dataclass
class _Line:
    """One line of the source, classified."""

    number: int  # 1-based line number
    text: str  # whitespace-collapsed
    kind: str = "plain"  # blank | chrome | numbered | bullet | plain
    value: int | None = None  # paragraph number of a numbered line
    body: str = ""  # the text after the number or bullet marker
    style: str = ""  # the marker of a numbered line: "." ")" "-" or "("
    blank_before: bool = True  # a blank line (or the start of the text) comes before it
    previous: str = ""  # text of the previous line that is neither blank nor chrome


def _split_lines(text: str) -> list[_Line]:
    text = _normalize(text)
    lines: list[_Line] = []
    blank_before = True
    previous = ""
    for number, raw in enumerate(text.split("\n"), start=1):
        cleaned = " ".join(raw.split())
        line = _Line(number, cleaned, body=cleaned, blank_before=blank_before, previous=previous)
        if not cleaned:
            line.kind = "blank"
            blank_before = True
        elif is_chrome(cleaned):
            line.kind = "chrome"
        else:
            _classify_marker(line)
            blank_before = False
            previous = cleaned
        lines.append(line)
    return lines


def _classify_marker(line: _Line) -> None:
    """Mark bullet items and paragraph numbers; leave anything doubtful as plain text."""
    starts_block = line.blank_before or _ends_complete(line.previous)
    if match := _BULLET_RE.fullmatch(line.text):
        marker, rest = match.groups()
        # A dash at the start of a wrapped line is punctuation, not a bullet.
        if rest and (marker not in _DASH_BULLETS or starts_block):
            line.kind, line.body = "bullet", rest
        return
    if match := _NUMBERED_RE.fullmatch(line.text):
        # "...under Article\n5. We..." in hard-wrapped text is not paragraph 5; the
        # caller also accepts the number that follows the previous one in any case.
        line.kind, line.value = "numbered", int(match["paren"] or match["value"])
        line.body, line.style = match["body"] or "", _number_style(match)
        if not starts_block:
            line.kind = "maybe_numbered"


# --------------------------------------------------------------------------- repairs

_TOKEN_PUNCTUATION = ".,;:!?…«»\"“”‘’'()[]{}—–-"
_REPEAT_MIN_WORDS = 8
_REPEAT_MAX_LEAD = 4
_CUT_CONTEXT_WORDS = 8
_ABBREVIATIONS = frozenset(
    "etc cf vs ex al approx incl fig figs vol vols chap sect art arts para paras no nos nr "
    "pp mr mrs ms dr prof gen col lt sgt jr sr st inc ltd co corp dept gov env av min max "
    "jan feb mar apr jun jul aug sep sept oct nov dec janv févr fév avr juil déc mme mlle "
    "mm coll éd resp hab tél".split()
)
# "données. ." (a lone mark after a mark) or "monde,," (a doubled mark, not "...").
_STRAY_PUNCTUATION_RE = re.compile(
    r"[.!?,;:](?P<lone>(?: [.,;]{1,2})+)(?= |$)|(?P<mark>,\.|;\.|:\.|\.\.|,,|;;|::)(?= |$)"
)
# A word ending with a period and the first letter of the next word.
_SENTENCE_BREAK_RE = re.compile(r"(?<!\S)(\S+)\. (?=(\w))")


def _token_key(token: str) -> str:
    return token.strip(_TOKEN_PUNCTUATION).lower() or token


def _matches(left: list[str], start: int, right: list[str], other: int, size: int) -> bool:
    """left[start:start+size] == right[other:other+size], stopping at the first difference."""
    if start < 0 or start + size > len(left) or other + size > len(right):
        return False
    # The last words first: a passage that recurs with a different ending fails at once.
    tail = max(0, size - _REPEAT_MIN_WORDS)
    if left[start + tail : start + size] != right[other + tail : other + size]:
        return False
    for offset in range(tail):
        if left[start + offset] != right[other + offset]:
            return False
    return True


def _find_repeat(
    kept: list[str], kept_keys: list[str], keys: list[str], index: int, earlier: int
) -> tuple[int, int, int] | None:
    """A copy, starting at keys[index], of the words kept[earlier:] that end the text so far.

    The copy may come after up to _REPEAT_MAX_LEAD stray words at the end of kept: a copy
    resumed in the middle of a sentence often starts with a word or two that differ
    ("reconnaissant que X" then "reconnaître X"); such stray words are only accepted right
    after the end of a sentence, which is also preferred for an exact copy. Returns (stray
    words, copy length, number of copies) or None.
    """
    best: tuple[int, int] | None = None
    for lead in range(_REPEAT_MAX_LEAD + 1):
        size = len(kept) - lead - earlier
        if size < _REPEAT_MIN_WORDS:
            break
        seam = len(kept) - lead - 1
        after_sentence = seam < 0 or kept[seam][-1] in _SENTENCE_END
        if (lead == 0 or after_sentence) and _matches(kept_keys, earlier, keys, index, size):
            if after_sentence:
                best = (lead, size)
                break
            best = (lead, size)
    if best is None:
        return None
    lead, size = best
    copies = 1
    while _matches(kept_keys, earlier, keys, index + copies * size, size):
        copies += 1
    return lead, size, copies


def _remove_repeats(tokens: list[str]) -> tuple[list[str], list[Defect]]:
    """Drop passages repeated back to back ("A B C A B C" -> "A B C").

    Words are compared lowercased and without punctuation. Shingles of _REPEAT_MIN_WORDS
    words are hashed as the text is scanned; when the shingle starting at a word was seen
    before, the words from there on are compared with the text kept since then. Linear in
    practice: a comparison only runs when a whole shingle recurs.
    """
    if len(tokens) < 2 * _REPEAT_MIN_WORDS:
        return tokens, []
    # Quick test on lowercased words: a repeated passage makes some shingle recur.
    lowered = " ".join(tokens).lower().split(" ")
    shingles = list(zip(*(lowered[start:] for start in range(_REPEAT_MIN_WORDS)), strict=False))
    if len(set(shingles)) == len(shingles):
        return tokens, []
    keys = [_token_key(token) for token in tokens]
    kept: list[str] = []
    kept_keys: list[str] = []
    last_seen: dict[tuple[str, ...], int] = {}
    defects: list[Defect] = []
    index = 0
    while index < len(tokens):
        shingle = tuple(keys[index : index + _REPEAT_MIN_WORDS])
        earlier = last_seen.get(shingle)
        found = None
        if earlier is not None:
            found = _find_repeat(kept, kept_keys, keys, index, earlier)
        if found is None:
            if len(shingle) == _REPEAT_MIN_WORDS:
                last_seen[shingle] = len(kept_keys)
            kept.append(tokens[index])
            kept_keys.append(keys[index])
            index += 1
            continue
        lead, size, copies = found
        removed = tokens[index : index + size]
        if lead:
            removed = kept[-lead:] + removed
            del kept[-lead:], kept_keys[-lead:]
        index += copies * size
        text = " ".join(removed)
        if defects and defects[-1].text == text:  # the same copy again, after stray words
            copies += defects.pop().count
        defects.append(Defect("repeated_text", text, copies))
    return kept, defects


def _repair_punctuation(text: str) -> tuple[str, list[Defect]]:
    """Remove doubled punctuation: "données. ." -> "données.", "monde,," -> "monde,"."""
    defects: list[Defect] = []

    def repair(match: re.Match[str]) -> str:
        start = match.start()
        if match["mark"] and (start == 0 or text[start - 1] in " .,;:!?"):
            return match[0]  # an ellipsis "...", or punctuation standing alone
        word = text[:start].rsplit(" ", 1)[-1]
        defects.append(Defect("stray_punctuation", word + match[0]))
        return match[0][0] if match["lone"] else match["mark"][-1]

    text = _STRAY_PUNCTUATION_RE.sub(repair, text)
    return text, defects


def _is_stray_break(word: str, following: str) -> bool:
    """A period after a word, followed by a lowercase word: "l’Alliance. territoire"."""
    if not following.islower() or "." in word:  # U.S., e.g., p.m., "..."
        return False
    bare = word.strip(_TOKEN_PUNCTUATION)
    return len(bare) > 1 and bare.lower() not in _ABBREVIATIONS


def _repair_breaks(text: str) -> tuple[str, list[Defect]]:
    """Remove a period that ends a sentence in the middle: "l’Alliance. territoire"."""
    defects: list[Defect] = []
    pieces: list[str] = []
    done = 0
    for match in _SENTENCE_BREAK_RE.finditer(text):
        if _is_stray_break(match[1], match[2]):
            before = text[: match.start()].rsplit(" ", 3)[-3:-1]
            after = text[match.end() :].split(" ", 1)[0]
            defects.append(Defect("stray_break", " ".join([*before, match[1] + ".", after])))
            pieces.append(text[done : match.end(1)])
            done = match.end(1) + 1
    pieces.append(text[done:])
    return "".join(pieces), defects


def _repair(text: str) -> tuple[str, tuple[Defect, ...]]:
    """Clean text of one paragraph and the defects found in it."""
    tokens, defects = _remove_repeats(text.split())
    text = " ".join(tokens)
    for step in (_repair_punctuation, _repair_breaks):
        text, found = step(text)
        defects.extend(found)
    if text and not _ends_complete(text):
        last_words = text.rsplit(" ", _CUT_CONTEXT_WORDS)[-_CUT_CONTEXT_WORDS:]
        defects.append(Defect("cut", " ".join(last_words)))
    return text, tuple(defects)


# --------------------------------------------------------------------------- wrapped lines

# A word cut by a hyphen at the end of a line, and the start of the next line.
_LINE_END_HYPHEN_RE = re.compile(r"([^\W\d_]+)-$")
_LINE_START_WORD_RE = re.compile(r"[^\W\d_]+")
_HYPHENATED_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")


@dataclass(frozen=True)
class Vocabulary:
    """The words of a text, to tell a word cut at a line end ("défen-" "se") from a
    compound split at its hyphen ("euro-" "atlantique")."""

    words: frozenset[str]
    hyphenated: frozenset[str]

    @classmethod
    def of(cls, text: str) -> Vocabulary:
        lowered = text.lower()
        return cls(frozenset(_WORD_RE.findall(lowered)), frozenset(_HYPHENATED_RE.findall(lowered)))

    def joins(self, head: str, tail: str) -> bool:
        """Whether head + tail is a word of the text and head-tail is not."""
        joined, compound = (head + tail).lower(), f"{head}-{tail}".lower()
        return joined in self.words and compound not in self.hyphenated


def join_lines(parts: Iterable[str], vocabulary: Vocabulary | None = None) -> str:
    """Lines of one paragraph as one text: a space between lines, none after a hyphen
    that ends a line before a word. The hyphen is dropped when the joined word is a word
    of the text ("défen-" "se": "défense") and kept otherwise ("euro-atlantique")."""
    text = ""
    for part in parts:
        if not part:
            continue
        head = _LINE_END_HYPHEN_RE.search(text[-80:]) if text.endswith("-") else None
        tail = _LINE_START_WORD_RE.match(part) if head else None
        if head and tail:
            drop = vocabulary is not None and vocabulary.joins(head[1], tail[0])
            text = (text[:-1] if drop else text) + part
        else:
            text = f"{text} {part}" if text else part
    return text


# --------------------------------------------------------------------------- structure


@dataclass
class _Item:
    """A paragraph being assembled from its lines."""

    kind: str  # numbered | bullet | prose
    line: int
    parts: list[str]
    number: int | None = None
    children: list[_Item] = field(default_factory=list)

    @property
    def text(self) -> str:
        return join_lines(self.parts)

    def append(self, text: str) -> None:
        self.parts.append(text)


@dataclass
class _Layout:
    """The paragraphs found in a text and what was set aside."""

    items: list[_Item]
    removed: list[Removed]
    title: str = ""
    numbered: bool = False
    warnings: list[str] = field(default_factory=list)


def _as_plain(line: _Line) -> None:
    line.kind, line.value, line.body, line.style = "plain", None, line.text, ""


def _split_glued(line: _Line, value: int, style: str) -> _Line | None:
    """Cut a line where paragraph `value` starts glued to the previous sentence
    ("…démocratie.2. Nous…"); return the numbered line that starts there, if any."""
    text = line.body if line.kind in ("numbered", "bullet") else line.text
    match = _glued_number_re(value, style).search(text)
    if match is None or match.start() == 0:
        return None
    before, after = text[: match.start()].rstrip(), text[match.end() :]
    if line.kind in ("numbered", "bullet"):
        line.body = before
    else:
        line.text = line.body = before
    return _Line(
        line.number,
        after,
        "numbered",
        value,
        after,
        blank_before=False,
        previous=before,
        style=style,
    )


def _runs(starts: list[_Line]) -> list[list[_Line]]:
    """Numbered lines cut where the numbering starts again at 1 (a second list)."""
    runs: list[list[_Line]] = []
    for line in starts:
        assert line.value is not None
        if runs and not (line.value == 1 and (runs[-1][-1].value or 0) > 2):
            runs[-1].append(line)
        else:
            runs.append([line])
    return runs


# Items of a list of headlines (a sidebar's "most read") are short and end without a stop.
_HEADLINE_ITEM = 80


def _accept_numbers(lines: list[_Line]) -> tuple[list[_Line], list[_Line]]:
    """The lines (some cut where a number was glued to a sentence) and the numbered
    lines that really start a paragraph, in order.

    Only the most common marker style counts ("1." or "1)" or "1 -" or "(1)"). A number
    that does not start a block is accepted when it follows the previous one, or, for
    the first, when the next one follows it (a text may start at any number). A short
    list numbered from 1 again (a sidebar's), short or made of headlines, is not the body's.
    """
    candidates = [line for line in lines if line.kind in ("numbered", "maybe_numbered")]
    styles = Counter(line.style for line in candidates if line.kind == "numbered")
    style = styles.most_common(1)[0][0] if styles else "."
    for line in candidates:
        if line.style != style:
            _as_plain(line)
    candidates = [line for line in candidates if line.kind != "plain"]
    following = {id(a): b.value for a, b in zip(candidates, candidates[1:], strict=False)}

    kept: list[_Line] = []
    starts: list[_Line] = []
    last: int | None = None
    for line in lines:
        if line.kind == "maybe_numbered":
            assert line.value is not None
            if line.value == (last + 1 if last is not None else 1) or (
                last is None and following.get(id(line)) == line.value + 1
            ):
                line.kind = "numbered"
            else:
                _as_plain(line)
        if line.kind == "numbered":
            starts.append(line)
            last = line.value
        kept.append(line)
        while last is not None and line.kind not in ("blank", "chrome"):
            glued = _split_glued(line, last + 1, style)
            if glued is None:
                break
            kept.append(glued)
            starts.append(glued)
            line, last = glued, last + 1

    runs = _runs(starts)
    if len(runs) > 1:
        body = max(runs, key=len)
        for run in runs:
            headlines = all(
                len(line.body) < _HEADLINE_ITEM and not _ends_complete(line.body) for line in run
            )
            if run is not body and (len(run) * 3 <= len(body) or headlines):
                for line in run:
                    _as_plain(line)
        starts = [line for line in starts if line.kind == "numbered"]
    return kept, starts


def _looks_numbered(lines: list[_Line], starts: list[_Line], body_end: int) -> bool:
    """At least two numbers, mostly rising, holding most of the text."""
    if len(starts) < 2:
        return False
    values = [line.value or 0 for line in starts]  # numbered lines all have one
    rising = sum(1 for a, b in zip(values, values[1:], strict=False) if b > a)
    if rising < (len(starts) - 1) / 2:
        return False
    first = starts[0].number
    total = sum(len(line.text) for line in lines if line.kind not in ("blank", "chrome"))
    body = sum(
        len(line.text)
        for line in lines
        if first <= line.number < body_end and line.kind not in ("blank", "chrome")
    )
    return body >= total / 2


def _numbered_layout(lines: list[_Line], starts: list[_Line]) -> _Layout | None:
    first, last = starts[0].number, starts[-1].number
    items: list[_Item] = []
    top: _Item | None = None
    current: _Item | None = None
    body_end = len(lines) + 1
    for line in lines:
        if line.number < first or line.kind in ("blank", "chrome"):
            continue
        if line.kind == "numbered":
            top = current = _Item("numbered", line.number, [line.body], number=line.value)
            items.append(top)
        elif line.kind == "bullet" and top is not None:
            current = _Item("bullet", line.number, [line.body])
            top.children.append(current)
        else:
            assert current is not None
            text = line.text
            after_body = line.number > last and line.blank_before
            if after_body and not (not _ends_complete(current.text) and _starts_lowercase(text)):
                body_end = line.number
                break
            current.append(text)
    if not _looks_numbered(lines, starts, body_end):
        return None

    removed: list[Removed] = []
    title = ""
    sites = {
        line.text.lower()
        for line in lines
        if line.kind == "chrome" and _DOMAIN_RE.fullmatch(line.text)
    }
    previous: _Line | None = None
    for line in lines:
        if line.kind == "blank" or first <= line.number < body_end:
            if line.kind == "chrome":
                removed.append(Removed("chrome", line.text, line.number))
            previous = None
            continue
        before = line.number < first
        if line.kind == "chrome" or any(site in line.text.lower() for site in sites):
            kind = "chrome"
        elif before and not title and _is_title(line.text):
            kind, title = "title", line.text
        elif before and previous is not None and _continues_title(title, previous, line):
            kind, title = "title", f"{title} {line.text}"
        else:
            kind = "front_matter" if before else "back_matter"
        removed.append(Removed(kind, line.text, line.number))
        previous = line if kind == "title" else None
    removed.sort(key=lambda entry: entry.line)
    return _Layout(items, removed, title=title, numbered=True)


def _continues_title(title: str, previous: _Line, line: _Line) -> bool:
    """A headline wrapped onto the next line: a long first line, then words that cannot
    start a heading of their own (lowercase, or an aside in parentheses)."""
    return (
        len(previous.text) >= _WRAPPED_TITLE_MIN
        and (line.text[0].islower() or line.text[0] == "(")
        and _is_title(f"{title} {line.text}")
    )


_WRAPPED_TITLE_MIN = 60


def _is_title(text: str) -> bool:
    return len(text) < 250 and text[-1] not in ".,;:-"


def _blocks(lines: list[_Line]) -> Iterator[list[_Line]]:
    """Runs of text lines separated by blank lines (chrome lines are skipped)."""
    block: list[_Line] = []
    for line in lines:
        if line.kind == "blank":
            if block:
                yield block
            block = []
        elif line.kind != "chrome":
            block.append(line)
    if block:
        yield block


def _hard_wrapped(block: list[_Line]) -> bool:
    """Lines of similar, short length that mostly end mid-sentence: a wrapped paragraph."""
    inner = block[:-1]
    if not inner or max(len(line.text) for line in inner) > 120:
        return False
    complete = sum(1 for line in inner if line.text[-1] in _SENTENCE_END)
    return complete <= len(inner) / 2


def _prose_layout(lines: list[_Line]) -> _Layout:
    removed = [Removed("chrome", line.text, line.number) for line in lines if line.kind == "chrome"]
    blocks = list(_blocks(lines))
    title = ""
    if blocks:
        head = blocks[0][0]
        following = blocks[0][1] if len(blocks[0]) > 1 else None
        others = len(blocks) > 1 or following is not None
        if (
            others
            and _is_title(head.text)
            and not (following and _starts_lowercase(following.text))
        ):
            title = head.text
            removed.append(Removed("title", head.text, head.number))
            blocks[0] = blocks[0][1:]
            blocks = [block for block in blocks if block]

    items: list[_Item] = []
    for block in blocks:
        wrapped = _hard_wrapped(block)
        current: _Item | None = None
        for line in block:
            text = line.body if line.kind == "bullet" else line.text
            joins = current is not None and (
                wrapped or (not _ends_complete(current.text) and _starts_lowercase(line.text))
            )
            if current is not None and joins and line.kind != "bullet":
                current.append(text)
            else:
                current = _Item("prose", line.number, [text])
                items.append(current)
    # One line per paragraph is a structure too: warn only when nothing splits the text.
    warnings = [NO_STRUCTURE_WARNING] if len(items) <= 1 else []
    removed.sort(key=lambda entry: entry.line)
    return _Layout(items, removed, title=title, warnings=warnings)


# --------------------------------------------------------------------------- assembly


def _words_key(texts: Iterable[str]) -> str:
    """Lowercase words of the texts, without punctuation: equal for copies of a text."""
    return "\n".join(_NON_WORD_RE.sub(" ", text.lower()).strip() for text in texts)


def _numbering_warnings(paragraphs: list[ParsedParagraph]) -> list[str]:
    numbered = [p for p in paragraphs if p.number is not None]
    if not numbered:
        return []
    warnings: list[str] = []
    lines_by_number: dict[int, list[int]] = {}
    for paragraph in numbered:
        assert paragraph.number is not None
        lines_by_number.setdefault(paragraph.number, []).append(paragraph.line)

    missing = sorted(set(range(1, max(lines_by_number) + 1)) - set(lines_by_number))
    for start, end in _ranges(missing):
        if start == end:
            warnings.append(f"Paragraph {start} is missing.")
        else:
            warnings.append(f"Paragraphs {start} to {end} are missing.")
    for number, lines in sorted(lines_by_number.items()):
        if len(lines) > 1:
            where = ", ".join(str(line) for line in lines)
            warnings.append(f"Paragraph {number} appears {len(lines)} times (lines {where}).")
    highest = 0
    for paragraph in numbered:
        assert paragraph.number is not None
        if paragraph.number < highest and len(lines_by_number[paragraph.number]) == 1:
            warnings.append(
                f"Paragraph {paragraph.number} (line {paragraph.line}) comes after paragraph "
                f"{highest}: the numbering is out of order."
            )
        highest = max(highest, paragraph.number)
    return warnings


def _ranges(numbers: list[int]) -> Iterator[tuple[int, int]]:
    if not numbers:
        return
    start = end = numbers[0]
    for number in numbers[1:]:
        if number != end + 1:
            yield start, end
            start = number
        end = number
    yield start, end


def _duplicate_label(number: int, occurrence: int) -> str:
    """Label of a number used twice or more: 12, then 12b, 12c…"""
    if occurrence == 1:
        return str(number)
    return f"{number}{chr(ord('a') + min(occurrence, 26) - 1)}"


def _assemble(
    layout: _Layout, vocabulary: Vocabulary | None = None
) -> tuple[list[ParsedParagraph], list[Removed]]:
    """Drop repeated paragraphs, repair defects, number and label what is kept."""
    removed = list(layout.removed)
    units: list[tuple[_Item, list[tuple[str, tuple[Defect, ...]]]]] = []
    first_by_key: dict[str, int] = {}
    copies: Counter[int] = Counter()
    for item in layout.items:
        repaired = [_repair(join_lines(part.parts, vocabulary)) for part in (item, *item.children)]
        key = _words_key(text for text, _ in repaired)
        if key.count(" ") >= 4 and key in first_by_key:
            copies[first_by_key[key]] += 1
            raw = "\n".join(text for text, _ in repaired)
            removed.append(Removed("duplicate", raw, item.line))
            continue
        first_by_key.setdefault(key, len(units))
        units.append((item, repaired))

    paragraphs: list[ParsedParagraph] = []
    occurrences: Counter[int] = Counter()
    prose = 0
    for index, (item, repaired) in enumerate(units):
        (text, defects), *children = repaired
        if copies[index]:
            defects = (*defects, Defect("duplicate", text, copies[index]))
        if item.number is not None:
            occurrences[item.number] += 1
            label = _duplicate_label(item.number, occurrences[item.number])
        else:
            prose += 1
            label = f"§{prose}"
        position = len(paragraphs) + 1
        paragraphs.append(
            ParsedParagraph(position, item.number, label, None, text, defects, item.line)
        )
        for rank, (child, (child_text, child_defects)) in enumerate(
            zip(item.children, children, strict=True), start=1
        ):
            paragraphs.append(
                ParsedParagraph(
                    len(paragraphs) + 1,
                    None,
                    f"{label} •{rank}",
                    position,
                    child_text,
                    child_defects,
                    child.line,
                )
            )
    removed.sort(key=lambda entry: entry.line)
    return paragraphs, removed


def parse_text(text: str, *, encoding: str = "utf-8") -> ParsedDocument:
    """Split a decoded text into clean paragraphs; the text itself is not modified.

    Accepts LF, CRLF or CR line ends. Raises IngestError when no paragraph is found.
    """
    lines = _split_lines(text)
    if all(line.kind == "blank" for line in lines):
        raise IngestError("The text is empty: there is nothing to read.")
    lines, starts = _accept_numbers(lines)
    layout = _numbered_layout(lines, starts) if len(starts) >= 2 else None
    if layout is None:
        for line in lines:
            if line.kind == "numbered":
                _as_plain(line)
        layout = _prose_layout(lines)

    paragraphs, removed = _assemble(layout, Vocabulary.of(_normalize(text)))
    if not paragraphs:
        raise IngestError(
            "No paragraph was found: every line looks like web-page furniture "
            "(share buttons, sources, comment boxes)."
        )

    warnings = [*layout.warnings, *_numbering_warnings(paragraphs)]
    if encoding == "cp1252":
        warnings.insert(0, "The file is not UTF-8; it was read as Windows-1252.")
    kept = " ".join(paragraph.text for paragraph in paragraphs)
    check_language(kept)
    language = detect_language(kept)
    return ParsedDocument(
        encoding=encoding,
        language=language,
        title=layout.title,
        numbered=layout.numbered,
        paragraphs=tuple(paragraphs),
        removed=tuple(removed),
        warnings=tuple(warnings),
    )


def parse(data: bytes) -> ParsedDocument:
    """Decode raw bytes and parse them (see decode and parse_text)."""
    text, encoding = decode(data)
    return parse_text(text, encoding=encoding)
