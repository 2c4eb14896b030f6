"""Clauses: who is the subject of a verb group.

Reads: a text, its language, the sentence a verb group is in and where the verb group
starts (introductory words, determiners, pronouns, relative and reporting words, and the
allied subjects and names from the lexicon). Writes: a ``Subject`` (its kind: "we",
"allies", "alliance", "named" or "other"; its words and offsets), or None when the
clause has no subject of its own before the verb.

The subject is read from the clause, not from a window of words: the clause starts
after the last break before the verb (";", ":", an opening quote, or "that"/"que"
after a reporting verb: "we agree that Allies…"); its introductory phrases ("In 2014,",
"Si la situation l'exige,") are skipped; the first phrase left is the subject, however
long ("Allies whose defence spending is below this level will…"). A subject followed by
a verb of its own outside a relative clause belongs to that verb, not to a later one.
A pronoun ("they", "ils") takes the kind of the subject of the sentence before it.
"""

import re
from dataclasses import dataclass

from .common import LANGUAGES, compile_ci, grouped
from .lexicon import LEXICONS

_ADVERB = re.compile(r"[^\W\d_]+(?:ly|ment)", re.IGNORECASE)
# What may stand between "we"/"nous" and the verb group it is the subject of.
_CLOSE = re.compile(r"(?:\s+[^\W\d_]+[’']?){0,2}\s*")
_BREAK_RE = re.compile(r"[;:«“\"•]|\s[-–—]\s")
_NAMES = {
    language: "(?-i:"
    + grouped(
        [re.escape(name).replace(r"\ ", r"\s+") for name in LEXICONS[language].NAMES],
        case_sensitive=True,
    )
    + ")\\b"
    for language in LANGUAGES
}
_ARTICLE = {language: LEXICONS[language].ARTICLE for language in LANGUAGES}
_AND = {language: LEXICONS[language].AND for language in LANGUAGES}
# Named allies or partners, with their articles: "L'Allemagne et les Pays-Bas".
NAMED = {
    language: compile_ci(
        rf"{_ARTICLE[language]}?{_NAMES[language]}(?:(?:\s*,\s*|\s+{_AND[language]}\s+)"
        rf"{_ARTICLE[language]}?{_NAMES[language]})*"
    )
    for language in LANGUAGES
}
# An allied subject followed by a named partner: "L'OTAN et l'UE", "NATO and the EU".
_PARTNER = {
    language: compile_ci(
        rf"(?:\s*,\s*|\s+{_AND[language]}\s+){_ARTICLE[language]}?{_NAMES[language]}"
    )
    for language in LANGUAGES
}
ALLIED = {
    language: compile_ci(rf"(?:{grouped(LEXICONS[language].SUBJECTS)})\b") for language in LANGUAGES
}
DECIDER = {
    language: compile_ci(rf"(?:{grouped(LEXICONS[language].DECIDERS)})\b") for language in LANGUAGES
}
ALLIED_KINDS = frozenset({"we", "allies", "alliance", "named"})


@dataclass(frozen=True)
class Subject:
    kind: str  # "we", "allies", "alliance", "named" or "other"
    start: int
    end: int
    text: str
    pronoun: bool = False

    @property
    def allied(self) -> bool:
        return self.kind in ALLIED_KINDS


def clause_start(text: str, lang: str, sentence_start: int, verb_start: int) -> int:
    """Where the clause of the verb at ``verb_start`` starts."""
    lexicon = LEXICONS[lang]
    start = sentence_start
    for found in _BREAK_RE.finditer(text, sentence_start, verb_start):
        start = found.end()
    for found in lexicon.COMPLEMENTIZER.finditer(text, start, verb_start):
        if lexicon.REPORTING.search(text, max(start, found.start() - 40), found.start()):
            start = found.end()
    return start


def reported(text: str, lang: str, sentence_start: int, verb_start: int) -> bool:
    """Whether the clause of the verb opens after a reporting verb ("said that …")."""
    lexicon = LEXICONS[lang]
    start = clause_start(text, lang, sentence_start, verb_start)
    if start <= sentence_start:
        return False
    return bool(lexicon.COMPLEMENTIZER.search(text, max(sentence_start, start - 5), start))


def _chunks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Comma-separated parts of text[start:end], brackets kept whole."""
    parts, depth, begin = [], 0, start
    for index in range(start, end):
        char = text[index]
        if char in "([":
            depth += 1
        elif char in ")]" and depth:
            depth -= 1
        elif char == "," and not depth:
            parts.append((begin, index))
            begin = index + 1
    parts.append((begin, end))
    return parts


def _skip_space(text: str, index: int, end: int) -> int:
    while index < end and (text[index].isspace() or text[index] in "«“\"'’("):
        index += 1
    return index


def _classify(text: str, lang: str, start: int, end: int) -> Subject:
    """The kind of the phrase that opens text[start:end]."""
    lexicon = LEXICONS[lang]
    words = text[start:end]
    first_person = lexicon.FIRST_PERSON.match(words)
    if first_person:
        return Subject("we", start, start + first_person.end(), words)
    if lexicon.PRONOUN.match(words):
        head = lexicon.PRONOUN.match(words)
        return Subject("other", start, start + head.end(), head.group(), pronoun=True)
    named = NAMED[lang].match(words)
    if named:
        return Subject("named", start, start + named.end(), named.group())
    offset = 0
    determiner = lexicon.DETERMINERS.match(words)
    for candidate in (0, determiner.end() if determiner else 0):
        allied = ALLIED[lang].match(words, candidate) or DECIDER[lang].match(words, candidate)
        if allied and not lexicon.NOT_HEAD_AFTER.match(words, allied.end()):
            offset = allied.end()
            partner = _PARTNER[lang].match(words, offset)
            if partner:
                return Subject("named", start, start + partner.end(), words[: partner.end()])
            if DECIDER[lang].match(words, candidate):
                kind = "alliance"
            else:
                kind = "allies" if lexicon.ALLIES_HEAD.match(words, candidate) else "alliance"
            return Subject(kind, start, start + offset, words[:offset])
    return Subject("other", start, end, words.strip())


def _phrases(text: str, lang: str, start: int, end: int) -> list[tuple[int, int]]:
    """The comma-separated parts of text[start:end] that are not introductory."""
    intro = LEXICONS[lang].INTRO
    found = []
    for begin, finish in _chunks(text, start, end):
        begin = _skip_space(text, begin, finish)
        if begin >= finish:
            continue
        opening = intro.match(text, begin, finish)
        if opening and _ADVERB.fullmatch(opening.group()) and finish == end:
            opening = None  # "Italy will": a name, not "Finally,"
        if opening and not (
            _ADVERB.fullmatch(opening.group()) and text[opening.end() : finish].strip()
        ):
            continue  # "En 2014,", "Finally,"
        found.append((begin, finish))
    return found


def _subject_phrase(text: str, lang: str, start: int, end: int) -> Subject | None:
    """The subject among the phrases before a verb: the first allied one, else the first
    ("La veille, les Alliés ont décidé": a fronted phrase of time, then the subject)."""
    phrases = _phrases(text, lang, start, end)
    subjects = [_classify(text, lang, *phrase) for phrase in phrases]
    for subject in subjects:
        if subject.kind != "other" or subject.pronoun:
            return subject
    return subjects[0] if subjects else None


def read_subject(
    text: str, lang: str, sentence_start: int, verb_start: int, previous: Subject | None = None
) -> Subject | None:
    """The subject of the verb group at ``verb_start`` (None: no subject before it).

    ``previous`` is the subject of the sentence before, which a pronoun refers to.
    """
    lexicon = LEXICONS[lang]
    start = clause_start(text, lang, sentence_start, verb_start)
    before = text[start:verb_start]
    coordinated = lexicon.COORDINATION.search(before)
    if coordinated and not before[: coordinated.start()].strip(" ,"):
        # "… et prendront": the subject is that of the clause before the "et".
        return read_subject(text, lang, sentence_start, max(sentence_start, start - 1), previous)
    if lexicon.RELATIVE_END.search(before):
        return Subject("other", verb_start, verb_start, "")  # "…, qui améliorera": a relative
    if coordinated:
        verb_start = start + coordinated.start()
    subject = _subject_phrase(text, lang, start, verb_start)
    if subject is None:
        return None
    if subject.pronoun:
        kind = previous.kind if previous is not None else ""
        if previous is None and lexicon.PLURAL_PRONOUN.fullmatch(subject.text):
            kind = "alliance"  # "Ils ont décidé" opening a text: those who met
        if kind not in ALLIED_KINDS or kind == "we":
            kind = "other"
        return Subject(kind, subject.start, subject.end, subject.text, pronoun=True)
    if (
        subject.kind == "we"
        and not coordinated
        and not _CLOSE.fullmatch(text, subject.end, verb_start)
    ):
        return Subject("other", subject.start, subject.end, subject.text)  # "Nous affirmons que…"
    if subject.kind != "other" and not coordinated:
        between = text[subject.end : verb_start]
        finite = lexicon.FINITE.search(between)
        if finite and not lexicon.RELATIVE.search(between, 0, finite.start()):
            return Subject("other", subject.start, subject.end, subject.text)
    return subject


def sentence_subject(text: str, lang: str, start: int, end: int) -> Subject | None:
    """The subject that opens a sentence (what a pronoun in the next one refers to)."""
    return _subject_phrase(text, lang, start, end)
