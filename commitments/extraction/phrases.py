"""Commitment phrases: the words that make a sentence a commitment.

Reads: a text, its language, its sentence offsets and its quantities (subjects, names
of allies and partners, verb forms and adverbs from the lexicon). Writes: for each
sentence, the phrase hits found in it (span, rule with its strength and binding mode,
and the kind of subject: the allies, NATO or named countries).
"""

import re
from bisect import bisect_right
from dataclasses import dataclass

from .common import AP, LANGUAGES, Quantity, compile_ci, grouped
from .lexicon import LEXICONS, en, fr


def _names_pattern(language: str) -> str:
    names = [re.escape(name).replace(r"\ ", r"\s+") for name in LEXICONS[language].NAMES]
    return f"(?-i:{grouped(names, case_sensitive=True)})\\b"


_NAME = {language: _names_pattern(language) for language in LANGUAGES}
_ARTICLE = {language: LEXICONS[language].ARTICLE for language in LANGUAGES}
_AND = {language: LEXICONS[language].AND for language in LANGUAGES}
_NAMED_SUBJECT = {
    language: (
        rf"{_NAME[language]}(?:(?:\s*,\s*|\s+{_AND[language]}\s+){_ARTICLE[language]}?"
        rf"{_NAME[language]})*"
    )
    for language in LANGUAGES
}
_ARTICLE_BEFORE = {language: compile_ci(rf"\b{_ARTICLE[language]}$") for language in LANGUAGES}
_NAMED_HEAD = {
    language: compile_ci(rf"{_ARTICLE[language]}?{_NAME[language]}") for language in LANGUAGES
}
_NAMED_PARTNER = {
    language: compile_ci(
        rf"(?:\s*,\s*|\s+{_AND[language]}\s+){_ARTICLE[language]}?{_NAME[language]}"
    )
    for language in LANGUAGES
}

_SUBJECTS = {language: LEXICONS[language].SUBJECTS for language in LANGUAGES}
_DECIDERS = {language: LEXICONS[language].DECIDERS for language in LANGUAGES}
_SUBJECT = {language: grouped(_SUBJECTS[language]) for language in LANGUAGES}
# Who may take a collective decision, looked for before the verb in the sentence.
_DECIDER = {
    language: compile_ci(
        rf"\b(?:{grouped(_SUBJECTS[language] + _DECIDERS[language])}\b"
        rf"|{_NAMED_SUBJECT[language]})"
    )
    for language in LANGUAGES
}
_ALLIES_HEAD = {language: LEXICONS[language].ALLIES_HEAD for language in LANGUAGES}
# A subject right after one of these is a complement ("contre les Alliés", "OTAN-Serbie")
# or the second half of a subject already seen ("L'OTAN et l'UE").
_BLOCKED_BEFORE = {language: LEXICONS[language].BLOCKED_BEFORE for language in LANGUAGES}
_NATIONAL = {language: LEXICONS[language].NATIONAL for language in LANGUAGES}
_NOUS = compile_ci(r"\bnous\b")
# At most three words between a subject and its verb for the phrase to include the subject.
_ADJACENT = re.compile(r"(?:\s+[^\s.,;:!?«»()\"“”]+){0,3}\s+")
_LIST_LEAD = compile_ci(r"\b(?:nous\s+avons|we\s+have)\s*:$")
_LIST_ITEM = {language: LEXICONS[language].LIST_ITEM for language in LANGUAGES}

# Strength of each kind of phrase: the base of a candidate's confidence.
_COMMIT = 0.8
_DECISION = 0.7
_NAMED_PLEDGE = 0.65
_FUTURE = 0.55
_RESOLVE = 0.45


@dataclass(frozen=True)
class _Rule:
    """One commitment phrase and how to read it.

    ``pattern`` is regex source. ``bound`` is "alliance", "each_ally" or "named" when
    the phrase fixes it, "subject" when it follows the grammatical subject, and "auto"
    for first-person phrases (a national pledge when the sentence speaks of national
    budgets, forces or GDP). ``check`` asks for an allied subject before the verb
    ("subject") or for an earlier "nous" in the sentence ("nous", for "… et
    veillerons à"). Rules with a ``subj`` group name their subject themselves.
    """

    pattern: str
    strength: float
    bound: str
    check: str = ""
    needs_amount: bool = False


def _first_person_fr() -> tuple[_Rule, ...]:
    """French phrases after "nous", strongest first (they share one scan)."""
    adv = fr.ADVERBS
    return (
        _Rule(rf"nous\s+engageons{adv}\s+(?:à|a)\b", _COMMIT, "auto"),
        _Rule(rf"nous\s+sommes{adv}\s+engagée?s(?:\s+(?:à|a)\b)?", _COMMIT, "auto"),
        _Rule(
            rf"(?:réaffirmons|réitérons|renouvelons|confirmons){adv}\s+"
            rf"(?:(?:notre|nos)\s+(?:[^\W\d_]+\s+)?(?:engagements?|attachement)"
            rf"|l{AP}engagement)\b",
            _COMMIT - 0.05,
            "auto",
        ),
        _Rule(
            r"(?:sommes|restons|demeurons)(?:\s+[^\W\d_]+){0,2}\s+dans\s+notre\s+engagement\b",
            _DECISION,
            "auto",
        ),
        _Rule(
            rf"(?:avons|avions){adv}\s+(?:convenu|décidé|approuvé|adopté|entériné|acté"
            r"|chargé|pris\s+(?:des|les|la|de\s+nouvelles)\s+décisions?)\b",
            _DECISION,
            "alliance",
        ),
        _Rule(rf"sommes{adv}\s+convenue?s\b", _DECISION, "alliance"),
        _Rule(
            r"(?:approuvons|adoptons|entérinons|décidons|convenons|chargeons)\b",
            _DECISION,
            "alliance",
        ),
        _Rule(rf"continuerons{adv}\s+(?:de\b|d{AP}|à\b|a\b)", _FUTURE, "auto"),
        _Rule(r"allons\b", _FUTURE, "auto"),
        _Rule(
            rf"(?:ne\s+|n{AP})?{fr.PRONOUNS}(?:{fr.ADVERB}\s+)?{fr.FUTURE_1PL}",
            _FUTURE,
            "auto",
        ),
        _Rule(
            rf"(?:sommes|restons|demeurons){adv}\s+(?:déterminée?s|résolue?s|attachée?s)"
            r"\s+(?:à|au|aux)\b",
            _RESOLVE,
            "auto",
        ),
    )


def _third_person_fr() -> tuple[_Rule, ...]:
    adv = fr.ADVERBS
    return (
        # "…, et veillerons à" after a first-person clause.
        _Rule(
            rf"\bet\s+(?:ne\s+|n{AP})?{fr.PRONOUNS}(?:{fr.ADVERB}\s+)?{fr.FUTURE_1PL}",
            _FUTURE - 0.05,
            "auto",
            check="nous",
        ),
        # "L'OTAN continuera", "Les Alliés veilleront", "L'OTAN et l'UE continueront".
        _Rule(
            rf"\b(?P<subj>{_SUBJECT['fr']})\b"
            r"(?P<gap>(?:\s+(?!(?:que|qui)\b)[^\s.,;:!?«»\"“”]+){0,6}?)"
            rf"\s+(?:ne\s+|n{AP})?(?:se\s+|s{AP}|(?:le|la|les|lui|leur|y|en)\s+)?"
            rf"{fr.FUTURE_3}",
            _FUTURE,
            "subject",
        ),
        _Rule(
            rf"\bse\s+sont{adv}\s+mis\s+d{AP}accord\b|\bsont{adv}\s+convenus\b",
            _DECISION,
            "alliance",
            check="subject",
        ),
        _Rule(
            rf"\bse\s+sont{adv}\s+engagée?s\s+(?:à|a)\b|\bs{AP}est{adv}\s+engagée?\s+"
            rf"(?:à|a)\b|\bs{AP}engagen?t?{adv}\s+(?:à|a)\b",
            _COMMIT - 0.05,
            "subject",
            check="subject",
        ),
        _Rule(
            rf"\b(?:restent|demeurent|sont|reste|demeure|est){adv}\s+"
            r"(?:déterminée?s?|résolue?s?|attachée?s?)\s+(?:à|au|aux)\b",
            _RESOLVE,
            "subject",
            check="subject",
        ),
        # Named allies or partners: "L'Allemagne et les Pays-Bas se sont engagés à".
        _Rule(
            rf"(?P<subj>{_NAMED_SUBJECT['fr']})\s+(?:{fr.ADVERB}\s+)?"
            rf"(?:s{AP}engagen?t?\s+(?:à|a)\b|se\s+sont\s+engagée?s\b"
            rf"|s{AP}est\s+engagée?\b|(?:a|ont)\s+(?:décidé|promis|convenu|annoncé)\b"
            rf"|(?:ne\s+)?{fr.FUTURE_3_NAMED})",
            _NAMED_PLEDGE,
            "named",
        ),
    )


def _perfect_third_person_fr() -> tuple[_Rule, ...]:
    """French phrases after "ont"/"avaient" ("les Alliés ont décidé"), one scan."""
    return (
        _Rule(
            rf"annoncé\s+l{AP}adoption\s+d{AP}un\s+engagement\b",
            _COMMIT,
            "alliance",
            check="subject",
        ),
        _Rule(
            rf"(?:décidé|convenu|approuvé|adopté|entériné|acté)\b|chargé(?=\s+(?:le|la|les|l{AP}))"
            r"|pris\s+(?:des|les|de\s+nouvelles)\s+décisions\b",
            _DECISION,
            "alliance",
            check="subject",
        ),
        _Rule(
            r"(?:engagé|promis|alloué|consacré)\b",
            _DECISION,
            "each_ally",
            check="subject",
            needs_amount=True,
        ),
        _Rule(
            r"(?:exprimé|réaffirmé)\s+leur\s+(?:[^\W\d_]+\s+)?"
            r"(?:détermination|volonté|engagement|attachement)\b",
            _RESOLVE,
            "subject",
            check="subject",
        ),
    )


def _first_person_en() -> tuple[_Rule, ...]:
    """English phrases after "we", strongest first (they share one scan)."""
    adv = en.ADVERBS
    return (
        _Rule(
            rf"{adv}(?:have\s+|had\s+)?{adv}commit(?:ted)?\s+(?:ourselves\s+)?to\b", _COMMIT, "auto"
        ),
        _Rule(rf"(?:are|remain)\s+{adv}committed\s+to\b", _COMMIT - 0.05, "auto"),
        _Rule(
            rf"{adv}(?:reaffirm|reiterate|renew)\s+(?:our|the)\s+(?:[\w-]+\s+){{0,2}}?"
            r"commitments?\b",
            _COMMIT - 0.05,
            "auto",
        ),
        _Rule(rf"(?:have\s+)?{adv}pledged?\b", _COMMIT - 0.05, "auto"),
        _Rule(
            rf"{adv}(?:have\s+|had\s+)?{adv}(?:agreed|agree\s+to|decided|decide\s+to"
            r"|endorsed?|approved?|adopted?|tasked|task)\b",
            _DECISION,
            "alliance",
        ),
        _Rule(rf"{adv}(?:will|shall)\b|are\s+going\s+to\b", _FUTURE, "auto"),
        _Rule(rf"(?:are|remain)\s+{adv}(?:determined|resolved|resolute)\b", _RESOLVE, "auto"),
    )


def _third_person_en() -> tuple[_Rule, ...]:
    adv = en.ADVERBS
    return (
        _Rule(rf"\bwe{AP}ll\b", _FUTURE, "auto"),
        _Rule(
            rf"\b(?P<subj>{_SUBJECT['en']})\b"
            r"(?P<gap>(?:\s+(?!(?:that|which|who)\b)[^\s.,;:!?\"“”]+){0,6}?)"
            r"\s+(?:will|shall|would)\b(?!\s+(?:discuss|meet|address|examine)\b)",
            _FUTURE,
            "subject",
        ),
        _Rule(
            rf"\b(?:(?:have|has|had)\s+)?{adv}(?:agreed|decided|endorsed|approved|adopted"
            r"|tasked)\b",
            _DECISION,
            "alliance",
            check="subject",
        ),
        _Rule(
            r"\bannounced\s+the\s+adoption\s+of\s+a\s+(?:pledge|commitment)\b",
            _COMMIT,
            "alliance",
            check="subject",
        ),
        _Rule(
            rf"\b(?:(?:have|has|had)\s+)?{adv}(?:committed|pledged)\s+"
            rf"(?:themselves\s+|itself\s+)?to\b|\bcommits?\s+to\b"
            rf"|\b(?:remain|remains|are|is)\s+{adv}committed\s+to\b",
            _COMMIT - 0.05,
            "subject",
            check="subject",
        ),
        _Rule(
            rf"\b(?:(?:have|has|had)\s+)?{adv}(?:committed|pledged|allocated)\b",
            _DECISION,
            "each_ally",
            check="subject",
            needs_amount=True,
        ),
        _Rule(
            rf"\b(?:remain|remains|are|is)\s+{adv}(?:determined|resolved)\s+to\b",
            _RESOLVE,
            "subject",
            check="subject",
        ),
        _Rule(
            rf"(?P<subj>{_NAMED_SUBJECT['en']})\s+{adv}(?:will|shall"
            r"|(?:has|have)\s+(?:committed|pledged|agreed|decided)|committed|pledged"
            r"|agreed|decided|commits?\s+to)\b",
            _NAMED_PLEDGE,
            "named",
        ),
    )


@dataclass(frozen=True)
class _Scanner:
    """A compiled regex whose branch ``r<i>`` matches ``rules[i]``."""

    pattern: re.Pattern[str]
    rules: tuple[_Rule, ...]

    def rule(self, match: re.Match[str]) -> _Rule:
        if len(self.rules) == 1:
            return self.rules[0]
        for index, rule in enumerate(self.rules):
            if match.group(f"r{index}") is not None:
                return rule
        raise LookupError(match.group())  # unreachable: one branch always matched


def _family(lead: str, rules: tuple[_Rule, ...]) -> _Scanner:
    """One scan for phrases sharing their first words, strongest branch first."""
    branches = "|".join(f"(?P<r{index}>{rule.pattern})" for index, rule in enumerate(rules))
    return _Scanner(compile_ci(rf"\b{lead}\s+(?:{branches})"), rules)


def _single(rule: _Rule) -> _Scanner:
    return _Scanner(compile_ci(rule.pattern), (rule,))


_SCANNERS: dict[str, tuple[_Scanner, ...]] = {
    "fr": (
        _family("nous", _first_person_fr()),
        _family(rf"(?:ont|avaient|auraient){fr.ADVERBS}", _perfect_third_person_fr()),
        *map(_single, _third_person_fr()),
    ),
    "en": (_family("we", _first_person_en()), *map(_single, _third_person_en())),
}


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    rule: _Rule
    subject: str  # "allies", "nato" or "named" for third-person phrases, else ""


def _subject_kind(subject: str, rest: str, lang: str) -> str:
    """Classify a grammatical subject; ``rest`` is what follows it up to the verb."""
    if _NAMED_HEAD[lang].match(subject) or _NAMED_PARTNER[lang].match(rest):
        return "named"
    return "allies" if _ALLIES_HEAD[lang].match(subject) else "nato"


def _decider(text: str, start: int, end: int, lang: str) -> re.Match[str] | None:
    """The first allied subject between ``start`` and ``end`` that is not a complement."""
    for match in _DECIDER[lang].finditer(text, start, end):
        if not _BLOCKED_BEFORE[lang].search(text, max(0, match.start() - 12), match.start()):
            return match
    return None


def _accept(
    match: re.Match[str],
    rule: _Rule,
    text: str,
    lang: str,
    sentence: tuple[int, int],
    quantities: list[Quantity],
) -> _Hit | None:
    """The hit for ``match`` if the rule's conditions hold, else None."""
    sentence_start, sentence_end = sentence
    if match.end() > sentence_end:
        return None
    start = match.start()
    subject = ""
    groups = match.groupdict()
    if groups.get("subj"):
        if rule.bound == "named":  # take in the article: "L'Allemagne", "the Netherlands"
            article = _ARTICLE_BEFORE[lang].search(text, max(0, start - 5), start)
            start = article.start() if article else start
        if _BLOCKED_BEFORE[lang].search(text, max(0, start - 12), start):
            return None
        subject = _subject_kind(groups["subj"], groups.get("gap") or "", lang)
    if rule.check == "subject":
        window_start = max(sentence_start, match.start() - 250)
        decider = _decider(text, window_start, match.start(), lang)
        if decider is None:
            return None
        between = text[decider.end() : match.start()]
        subject = _subject_kind(decider.group(), between, lang)
        if len(between) <= 40 and _ADJACENT.fullmatch(between):  # "les Alliés ont décidé"
            start = decider.start()
            article = _ARTICLE_BEFORE[lang].search(text, max(0, start - 5), start)
            start = article.start() if article else start
    elif rule.check == "nous" and not _NOUS.search(text, sentence_start, match.start()):
        return None
    if rule.needs_amount and not any(
        q.unit in {"EUR", "USD"} and match.end() <= q.start and q.end <= sentence_end
        for q in quantities
    ):
        return None
    return _Hit(start, match.end(), rule, subject)


def _phrase_hits(
    text: str,
    lang: str,
    sentences: list[tuple[int, int]],
    quantities: list[Quantity],
) -> dict[int, list[_Hit]]:
    """Commitment phrases found in ``text``, grouped by sentence index."""
    starts = [start for start, _ in sentences]
    hits: dict[int, list[_Hit]] = {}
    for scanner in _SCANNERS[lang]:
        position = 0
        while match := scanner.pattern.search(text, position):
            index = bisect_right(starts, match.start()) - 1
            hit = None
            if index >= 0:
                rule = scanner.rule(match)
                hit = _accept(match, rule, text, lang, sentences[index], quantities)
            if hit is None:  # try again just after: a later subject may fit
                position = match.start() + 1
                continue
            hits.setdefault(index, []).append(hit)
            position = match.end()
    return hits
