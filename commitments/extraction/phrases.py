"""Commitment phrases: the verb group that makes a clause a commitment, and its subject.

Reads: a text, its language, its sentence offsets and its quantities (verb forms,
adverbs and the verbs of meetings and debates from the lexicon; the subject through
``clauses``). Writes: for each sentence, the ``Hit``s found in it: the verb group (its
span, the rule that read it, with its form and strength) and the subject it has (its
kind: we, the allies, the Alliance, named countries).

A verb group is one of the forms of a commitment, in both languages: a commissive verb
in the present ("nous nous engageons à", "Allies agree to", "réaffirment leur
engagement"), a decision in the past ("nous avons décidé", "Allies have agreed"), a
future ("nous renforcerons", "Allies will", "l'OTAN continuera"), a future passive ("sera
réexaminé en 2031", "will be reviewed"), and a resolve ("sommes déterminés à", "are
determined to"). First-person groups carry their subject ("nous", "we"); the others take
the subject the clause reader finds, which must be allied (the allies, NATO, its leaders
or ministers, named countries, or a pronoun that refers to them). Futures of meeting
and debate ("nous nous réunirons", "will discuss"), negated ones ("ne reconnaîtront
jamais", "will never") and passives of need ("will be needed") are not commitments.
"""

import re
from bisect import bisect_right
from dataclasses import dataclass

from .clauses import Subject, read_subject, reported, sentence_subject
from .common import AP, LANGUAGES, Quantity, compile_ci
from .lexicon import LEXICONS, en, fr

FORMS: tuple[str, ...] = ("commissive", "decision", "future", "passive", "resolve", "list")

# Strength of each kind of phrase: the base of a candidate's confidence.
COMMIT = 0.8
DECISION = 0.7
FUTURE = 0.55
PASSIVE = 0.5
RESOLVE = 0.45
# At most three words between a subject and its verb for the phrase to include the subject.
_ADJACENT = re.compile(r"(?:\s+[^\s.,;:!?«»()\"“”]+){0,3}\s+|\s*")
_WORD_BEFORE = re.compile(r"([^\W\d_]+)[\s’']*$")
_WORD_AFTER = re.compile(r"\s+(?:[^\W\d_]+ly\s+|also\s+|further\s+)?([^\W\d_]+(?:\s+place)?)")
_LAST_WORD = re.compile(r"([^\W\d_]+)\W*$")
_NOUS = compile_ci(r"\bnous\b")
_PAST = compile_ci(r"\b[^\W\d_]+ed\b")
_AUXILIARY = compile_ci(r"\W*(?:have|has|had|remain|remains|are|is)\b")
_NATIONAL = {language: LEXICONS[language].NATIONAL for language in LANGUAGES}


@dataclass(frozen=True)
class Rule:
    """One verb group and how to read it.

    ``pattern`` is regex source. ``bound`` is "alliance", "each_ally" or "named" when
    the group fixes it, "subject" when it follows the subject, and "auto" for the first
    person (a national pledge when the sentence speaks of national budgets, forces or
    GDP). ``check``: "" for first-person groups (their subject is in the pattern),
    "clause" for an allied subject read by the clause reader, "passive" for any subject
    but an event, "reported" for an allied subject after a reporting verb ("a indiqué que
    les Alliés continueraient"), "nous" for a French 1st-person verb after "nous".
    """

    name: str
    pattern: str
    strength: float
    bound: str
    form: str
    check: str = ""
    needs_amount: bool = False
    verify: str = ""  # a regex the group's last word must match in full (cheap scan first)
    anchor: str = ""  # a cheap regex for the group's last characters, scanned first
    # An English simple past ("Allies agreed") is also a participle ("the agreed level"):
    # without its auxiliary it must follow its subject (or the comma closing an aside).
    bare_past: bool = False


def _first_person_fr() -> tuple[Rule, ...]:
    """French groups after "nous", strongest first (they share one scan)."""
    adv = fr.ADVERBS
    return (
        Rule("fr.commit", rf"nous\s+engageons{adv}\s+(?:à|a)\b", COMMIT, "auto", "commissive"),
        Rule(
            "fr.commit",
            rf"(?:nous\s+)?sommes{adv}\s+engagée?s(?:\s+(?:à|a)\b)?",
            COMMIT,
            "auto",
            "commissive",
        ),
        Rule(
            "fr.reaffirm",
            rf"(?:réaffirmons|réitérons|renouvelons|confirmons){adv}\s+"
            rf"(?:(?:notre|nos|la|les)\s+(?:[^\W\d_]+\s+)?(?:engagements?|attachement"
            rf"|détermination|volonté|décisions?)|l{AP}engagement)\b",
            COMMIT - 0.05,
            "auto",
            "commissive",
        ),
        Rule(
            "fr.steadfast",
            r"(?:sommes|restons|demeurons)(?:\s+[^\W\d_]+){0,2}\s+dans\s+notre\s+engagement\b",
            DECISION,
            "auto",
            "commissive",
        ),
        Rule(
            "fr.decided",
            rf"(?:avons|avions){adv}\s+(?:convenu|décidé|approuvé|adopté|entériné|acté"
            r"|chargé|pris\s+(?:des|les|la|de\s+nouvelles)\s+décisions?)\b",
            DECISION,
            "alliance",
            "decision",
        ),
        Rule("fr.decided", rf"sommes{adv}\s+convenue?s\b", DECISION, "alliance", "decision"),
        Rule(
            "fr.intend",
            rf"avons{adv}\s+l{AP}intention\s+de\b",
            COMMIT - 0.1,
            "auto",
            "commissive",
        ),
        Rule(
            "fr.decide",
            r"(?:approuvons|adoptons|entérinons|décidons|convenons|chargeons|lançons)\b",
            DECISION,
            "alliance",
            "commissive",
        ),
        Rule(
            "fr.future",
            rf"continuerons{adv}\s+(?:de\b|d{AP}|à\b|a\b)",
            FUTURE,
            "auto",
            "future",
        ),
        Rule("fr.future", r"allons\b", FUTURE, "auto", "future"),
        Rule(
            "fr.future",
            rf"(?:ne\s+|n{AP})?{fr.PRONOUNS}(?:{fr.ADVERB}\s+)?{fr.FUTURE_1PL}",
            FUTURE,
            "auto",
            "future",
        ),
        Rule(
            "fr.resolve",
            rf"(?:sommes|restons|demeurons){adv}\s+(?:déterminée?s|résolue?s|attachée?s)"
            r"\s+(?:à|au|aux)\b",
            RESOLVE,
            "auto",
            "resolve",
        ),
    )


def _perfect_fr() -> tuple[Rule, ...]:
    """French groups after "ont"/"a"/"avaient" ("les Alliés ont décidé"), one scan."""
    return (
        Rule(
            "fr.decided-3",
            rf"(?:décidé|convenu|approuvé|adopté|entériné|acté)\b|chargé(?=\s+(?:le|la|les|l{AP}))"
            r"|pris\s+(?:des|les|de\s+nouvelles)\s+décisions\b",
            DECISION,
            "alliance",
            "decision",
            check="clause",
        ),
        Rule(
            "fr.undertook-3",
            rf"(?:pris|annoncé|adopté|souscrit)\s+(?:[^\W\d_]+{AP}?\s*){{0,4}}?"
            rf"(?:engagements?|promesses?)\b(?=\s+(?:à|a|de|d{AP}))",
            COMMIT - 0.05,
            "alliance",
            "decision",
            check="clause",
        ),
        Rule(
            "fr.pledged-3",
            r"(?:engagé|promis|alloué|consacré)\b",
            DECISION,
            "each_ally",
            "decision",
            check="clause",
            needs_amount=True,
        ),
        Rule(
            "fr.expressed-3",
            r"(?:exprimé|réaffirmé)\s+leur\s+(?:[^\W\d_]+\s+)?"
            r"(?:détermination|volonté|engagement|attachement)\b",
            RESOLVE,
            "subject",
            "resolve",
            check="clause",
        ),
    )


def _third_person_fr() -> tuple[Rule, ...]:
    adv = fr.ADVERBS
    return (
        # "…, et veillerons à" after a first-person clause.
        Rule(
            "fr.and-future",
            rf"\bet\s+(?:ne\s+|n{AP})?{fr.PRONOUNS}(?:{fr.ADVERB}\s+)?{fr.FUTURE_1PL}",
            FUTURE - 0.05,
            "auto",
            "future",
            check="nous",
        ),
        # "Les Alliés continueront", "L'OTAN renforcera", "ils présenteront".
        Rule(
            "fr.future-3",
            rf"(?:\b(?:ne\s+|n{AP}))?(?:\b(?:se\s+|s{AP}|(?:le|la|les|lui|leur|y|en)\s+|l{AP}))?"
            r"\b[^\W\d_]+r(?:ont|a)\b|\b(?:vont|va)\s+(?=[^\W\d_]+(?:er|ir|re)\b)",
            FUTURE,
            "subject",
            "future",
            check="clause",
            verify=rf"{fr.FUTURE_3}|vont|va",
            anchor=r"r(?:ont|a)\b|\bv(?:ont|a)\s",
        ),
        Rule(
            "fr.reported-3",
            rf"(?:\b(?:se\s+|s{AP}|(?:le|la|les|lui|leur|y|en)\s+|l{AP}))?\b[^\W\d_]+r(?:ait|aient)\b",
            FUTURE - 0.05,
            "subject",
            "future",
            check="reported",
            verify=fr.CONDITIONAL_3,
            anchor=r"r(?:ait|aient)\b",
        ),
        Rule(
            "fr.agreed-3",
            rf"\bse\s+sont{adv}\s+mis\s+d{AP}accord\b|\bsont{adv}\s+convenus\b",
            DECISION,
            "alliance",
            "decision",
            check="clause",
        ),
        Rule(
            "fr.commit-3",
            rf"(?=[srd])\bse\s+sont{adv}\s+engagée?s\s+(?:à|a)\b|\bs{AP}est{adv}\s+engagée?\s+"
            rf"(?:à|a)\b|\bs{AP}engagen?t?{adv}\s+(?:à|a)\b"
            rf"|\b(?:sont|restent|demeurent){adv}\s+engagée?s\s+(?:à|a)\b",
            COMMIT - 0.05,
            "subject",
            "commissive",
            check="clause",
        ),
        Rule(
            "fr.present-3",
            rf"(?=[cdaeé])\b(?:conviennent|convient|décident|décide){adv}\s+(?:de\b|d{AP})"
            r"|\b(?:approuvent|adoptent|entérinent|chargent)\b",
            DECISION,
            "subject",
            "commissive",
            check="clause",
        ),
        Rule(
            "fr.reaffirm-3",
            rf"\b(?:réaffirment|réaffirme|réitèrent|renouvellent){adv}\s+(?:leur|son)\s+"
            r"(?:[^\W\d_]+\s+)?(?:engagements?|attachement|volonté|détermination)\b",
            COMMIT - 0.05,
            "subject",
            "commissive",
            check="clause",
        ),
        Rule(
            "fr.resolve-3",
            rf"(?=[rdse])\b(?:restent|demeurent|sont|reste|demeure|est){adv}\s+"
            r"(?:déterminée?s?|résolue?s?|attachée?s?)\s+(?:à|au|aux)\b",
            RESOLVE,
            "subject",
            "resolve",
            check="clause",
        ),
        # "La trajectoire sera réexaminée en 2031", "seront mis en place".
        Rule(
            "fr.passive",
            rf"\b(?:sera|seront){adv}\s+(?!{fr.ADVERB}\b)(?=\S)(?:[^\W\d_]+)\b",
            PASSIVE,
            "alliance",
            "passive",
            check="passive",
        ),
    )


def _first_person_en() -> tuple[Rule, ...]:
    """English groups after "we", strongest first (they share one scan)."""
    adv = en.ADVERBS
    return (
        Rule(
            "en.commit",
            rf"{adv}(?:have\s+|had\s+)?{adv}commit(?:ted)?\s+(?:ourselves\s+)?to\b",
            COMMIT,
            "auto",
            "commissive",
        ),
        Rule(
            "en.commit",
            rf"(?:are|remain)\s+{adv}committed\s+to\b",
            COMMIT - 0.05,
            "auto",
            "commissive",
        ),
        Rule(
            "en.reaffirm",
            rf"{adv}(?:reaffirm|reiterate|renew|confirm)\s+(?:our|the)\s+(?:[\w-]+\s+){{0,2}}?"
            r"(?:commitments?|resolve|determination|decisions?)\b",
            COMMIT - 0.05,
            "auto",
            "commissive",
        ),
        Rule(
            "en.steadfast",
            r"(?:are|remain)(?:\s+[^\W\d_]+){0,2}\s+in\s+our\s+commitment\b",
            DECISION,
            "auto",
            "commissive",
        ),
        Rule("en.pledge", rf"(?:have\s+)?{adv}pledged?\b", COMMIT - 0.05, "auto", "commissive"),
        Rule(
            "en.decided",
            rf"{adv}(?:have\s+|had\s+)?{adv}(?:agreed|decided|endorsed|approved|adopted|tasked)\b",
            DECISION,
            "alliance",
            "decision",
        ),
        Rule("en.intend", rf"{adv}intend\s+to\b", COMMIT - 0.1, "auto", "commissive"),
        Rule(
            "en.decide",
            rf"{adv}(?:agree\s+to|agree\s+on|decide\s+to|endorse|approve|adopt|task|launch)\b",
            DECISION,
            "alliance",
            "commissive",
        ),
        Rule(
            "en.future",
            rf"{adv}(?:will|shall)\b|are\s+going\s+to\b",
            FUTURE,
            "auto",
            "future",
        ),
        Rule(
            "en.resolve",
            rf"(?:are|remain)\s+{adv}(?:determined|resolved|resolute)\b",
            RESOLVE,
            "auto",
            "resolve",
        ),
    )


def _third_person_en() -> tuple[Rule, ...]:
    adv = en.ADVERBS
    return (
        Rule("en.future", rf"\bwe{AP}ll\b", FUTURE, "auto", "future"),
        # "Allies will", "NATO will", "they will", "Allies … are going to".
        Rule(
            "en.future-3",
            r"\b(?:will|shall)\b(?!\s+(?:[^\W\d_]+ly\s+)?be\s)|\b(?:is|are)\s+going\s+to\b",
            FUTURE,
            "subject",
            "future",
            check="clause",
        ),
        Rule(
            "en.reported-3",
            r"\bwould\b(?!\s+(?:[^\W\d_]+ly\s+)?be\s)",
            FUTURE - 0.05,
            "subject",
            "future",
            check="reported",
        ),
        Rule(
            "en.agreed-3",
            rf"\b(?:(?:have|has|had)\s+)?{adv}(?:agreed|decided|endorsed|approved|adopted"
            r"|tasked)\b|\breached\s+(?:an\s+)?agreement\b",
            DECISION,
            "alliance",
            "decision",
            check="clause",
            bare_past=True,
        ),
        Rule(
            "en.undertook-3",
            r"\b(?:(?:have|has|had)\s+)?(?:also\s+)?(?:made|announced|adopted|undertaken|taken\s+on)"
            r"\s+(?:[\w-]+\s+){0,4}?(?:commitments?|pledges?)\b(?=\s+to\b)",
            COMMIT - 0.05,
            "alliance",
            "decision",
            check="clause",
        ),
        Rule(
            "en.commit-3",
            rf"\b(?:(?:have|has|had)\s+)?{adv}(?:committed|pledged)\s+"
            rf"(?:themselves\s+|itself\s+)?to\b|\b(?:{adv})commits?\s+to\b"
            rf"|\b(?:remain|remains|are|is)\s+{adv}committed\s+to\b",
            COMMIT - 0.05,
            "subject",
            "commissive",
            check="clause",
            bare_past=True,
        ),
        Rule(
            "en.pledged-3",
            rf"\b(?:(?:have|has|had)\s+)?{adv}(?:committed|pledged|allocated)\b",
            DECISION,
            "each_ally",
            "decision",
            check="clause",
            needs_amount=True,
            bare_past=True,
        ),
        Rule(
            "en.present-3",
            r"\b(?:agree|agrees)\s+(?:to|on)\b|\b(?:decide|decides)\s+to\b"
            r"|\b(?:endorse|endorses|approve|approves|adopt|adopts|task|tasks)\b",
            DECISION,
            "subject",
            "commissive",
            check="clause",
        ),
        Rule(
            "en.reaffirm-3",
            r"\b(?:reaffirm|reaffirms|reiterate|reiterates|renew|renews)\s+(?:their|its)\s+"
            r"(?:[^\W\d_]+\s+)?(?:commitments?|resolve|determination)\b",
            COMMIT - 0.05,
            "subject",
            "commissive",
            check="clause",
        ),
        Rule(
            "en.resolve-3",
            rf"\b(?:remain|remains|are|is)\s+{adv}(?:determined|resolved)\s+to\b",
            RESOLVE,
            "subject",
            "resolve",
            check="clause",
        ),
        Rule(
            "en.expressed-3",
            r"\b(?:expressed|reaffirmed)\s+their\s+(?:[^\W\d_]+\s+)?"
            r"(?:determination|resolve|commitment|willingness)\b",
            RESOLVE,
            "subject",
            "resolve",
            check="clause",
            bare_past=True,
        ),
        # "The trajectory will be reviewed in 2031", "are to be revised".
        Rule(
            "en.passive",
            rf"\b(?:(?:will|shall)\s+{adv}be|(?:is|are)\s+to\s+be)\s+{adv}(?=\S)[^\W\d_]+\b",
            PASSIVE,
            "alliance",
            "passive",
            check="passive",
        ),
    )


@dataclass(frozen=True)
class _Scanner:
    """A compiled regex whose branch ``r<i>`` matches ``rules[i]``."""

    pattern: re.Pattern[str]
    rules: tuple[Rule, ...]
    lead: int  # characters of the first-person word the pattern opens with, else 0
    anchor: re.Pattern[str] | None = None  # where the pattern can end, found first

    def rule(self, match: re.Match[str]) -> Rule:
        if len(self.rules) == 1:
            return self.rules[0]
        for index, rule in enumerate(self.rules):
            if match.group(f"r{index}") is not None:
                return rule
        raise LookupError(match.group())  # unreachable: one branch always matched


def _family(lead: str, rules: tuple[Rule, ...], *, person: bool) -> _Scanner:
    """One scan for groups sharing their first words, strongest branch first."""
    branches = "|".join(f"(?P<r{index}>{rule.pattern})" for index, rule in enumerate(rules))
    return _Scanner(compile_ci(rf"\b{lead}\s+(?:{branches})"), rules, 1 if person else 0)


def _single(rule: Rule) -> _Scanner:
    anchor = compile_ci(rule.anchor) if rule.anchor else None
    return _Scanner(compile_ci(rule.pattern), (rule,), 0, anchor)


def _verified(rule: Rule, match: re.Match[str]) -> bool:
    """Whether the last word of the group passes the rule's full check (if it has one)."""
    if not rule.verify:
        return True
    last = _LAST_WORD.search(match.group())
    return bool(last and _VERIFY[rule.verify].fullmatch(last.group(1)))


_SCANNERS: dict[str, tuple[_Scanner, ...]] = {
    "fr": (
        _family("nous", _first_person_fr(), person=True),
        _family(rf"(?=[oa])(?:ont|a|avaient|avait){fr.ADVERBS}", _perfect_fr(), person=False),
        *map(_single, _third_person_fr()),
    ),
    "en": (
        _family("we", _first_person_en(), person=True),
        *map(_single, _third_person_en()),
    ),
}


_VERIFY = {
    rule.verify: compile_ci(rule.verify)
    for scanners in _SCANNERS.values()
    for scanner in scanners
    for rule in scanner.rules
    if rule.verify
}
_ANCHOR_REACH = 40  # how far before its anchor a group may start


def _anchored(scanner: _Scanner, anchor: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """The scanner's matches that end where its anchor does (a cheap scan first)."""
    found = []
    for end in anchor.finditer(text):
        window = max(0, end.start() - _ANCHOR_REACH)
        # the text after the anchor stays visible to lookaheads ("va" + an infinitive)
        for match in scanner.pattern.finditer(text, window, end.end() + _ANCHOR_REACH):
            if end.start() < match.end() <= end.end():
                found.append(match)
                break
    return found


def rule_names() -> list[str]:
    """Every rule of the extractor, by name (the corpus must need each of them)."""
    names = {rule.name for scanners in _SCANNERS.values() for s in scanners for rule in s.rules}
    return sorted(names | {f"{language}.list-lead" for language in LANGUAGES})


@dataclass(frozen=True)
class Hit:
    start: int  # the phrase: the subject when it is next to the verb group, then the group
    end: int
    verb_start: int  # the verb group alone
    rule: Rule
    subject: Subject | None  # None for first-person groups

    @property
    def subject_kind(self) -> str:
        return self.subject.kind if self.subject else "we"


def _word_before(text: str, start: int, end: int) -> str:
    found = _WORD_BEFORE.search(text, start, end)
    return found.group(1).lower() if found else ""


def _opens_clause(text: str, lang: str, sentence_start: int, position: int) -> bool:
    """Whether "nous"/"we" at ``position`` is a subject of its own clause, not one inside a
    relative clause ("la politique que nous avons adoptée", "the policy we adopted")."""
    lexicon = LEXICONS[lang]
    before = text[sentence_start:position].rstrip()
    if not before or not (before[-1].isalpha()):
        return True  # sentence start, or after punctuation
    word = _word_before(text, sentence_start, position)
    if lexicon.COORDINATION.search(before) or lexicon.INTRO.fullmatch(word):
        return True
    if lexicon.COMPLEMENTIZER.match(word) or word == "qu":
        start = before.lower().rfind(word)
        return bool(lexicon.REPORTING.search(before, 0, start))
    return False


def _negated(text: str, lang: str, match: re.Match[str]) -> bool:
    lexicon = LEXICONS[lang]
    after = lexicon.NEGATION_AFTER.match(text, match.end())
    if lang == "en":
        return bool(after or lexicon.NEGATION_AFTER.match(text, match.start() + 4))
    before = lexicon.NEGATION_BEFORE.search(text, max(0, match.start() - 12), match.start())
    opened = re.match(rf"(?:ne\s|n{AP})", match.group(), re.IGNORECASE)
    return bool(after and (before or opened))


def _verb_word(text: str, lang: str, rule: Rule, match: re.Match[str]) -> str:
    """The lexical verb of a future or passive group ("réunirons"; "meet" after "will")."""
    if lang == "en" and rule.form == "future" and not match.group().lower().endswith("to"):
        after = _WORD_AFTER.match(text, match.end())
        return after.group(1) if after else ""
    last = _LAST_WORD.search(match.group())
    return last.group(1) if last else ""


def _announces_a_meeting(
    text: str, lang: str, rule: Rule, match: re.Match[str], end: int, subject: Subject | None
) -> bool:
    """Whether a future or passive group announces a meeting or a debate, or a need."""
    lexicon = LEXICONS[lang]
    if rule.form not in {"future", "passive"}:
        return False
    verb = _verb_word(text, lang, rule, match)
    if lexicon.MEETING.fullmatch(verb):
        return True
    if lexicon.HOSTING.fullmatch(verb):
        if rule.form == "passive" and lexicon.HELD.fullmatch(verb):
            return True
        around = text[subject.start if subject else match.start() : end]
        return bool(lexicon.MEETINGS.search(around))
    if rule.form == "passive":
        return bool(lexicon.NEEDED.fullmatch(verb)) or not lexicon.PARTICIPLE.fullmatch(verb)
    return False


def _accept(
    scanner: _Scanner,
    match: re.Match[str],
    rule: Rule,
    text: str,
    lang: str,
    sentence: tuple[int, int],
    quantities: list[Quantity],
    previous: Subject | None,
) -> Hit | None:
    """The hit for ``match`` if the rule's conditions hold, else None."""
    sentence_start, sentence_end = sentence
    if match.end() > sentence_end or not _verified(rule, match) or _negated(text, lang, match):
        return None
    start = verb_start = match.start()
    subject = None
    if scanner.lead:
        if not _opens_clause(text, lang, sentence_start, match.start()):
            return None
        verb_start = text.index(" ", match.start()) + 1 if " " in match.group() else start
    elif rule.check in {"clause", "passive", "reported"}:
        if LEXICONS[lang].HEDGE_BEFORE.search(text, max(0, match.start() - 12), match.start()):
            return None  # "Leaders may adopt": a possibility, not a decision
        subject = read_subject(text, lang, sentence_start, match.start(), previous)
        if rule.check == "reported" and not reported(text, lang, sentence_start, match.start()):
            return None
        if rule.check in {"clause", "reported"}:
            if subject is None or not subject.allied:
                return None
            weak = LEXICONS[lang].WEAK
            if subject.kind == "named" and rule.form == "future":
                verb = _verb_word(text, lang, rule, match)
                if weak.fullmatch(verb) or weak.search(match.group()):
                    return None
        elif subject is not None and subject.kind == "we":
            subject = None
        past = rule.bare_past and _PAST.search(match.group())
        if past and subject is not None and not _AUXILIARY.match(match.group()):
            before = text[subject.end : match.start()]
            if not (_ADJACENT.fullmatch(before) or before.rstrip().endswith(",")):
                return None  # "the agreed level", "the norms that Allies agreed"
        if subject is not None and _ADJACENT.fullmatch(text[subject.end : match.start()]):
            if len(text[subject.end : match.start()]) <= 40:
                start = subject.start
    elif rule.check == "nous" and not _NOUS.search(text, sentence_start, match.start()):
        return None
    if _announces_a_meeting(text, lang, rule, match, sentence_end, subject):
        return None
    if rule.needs_amount and not any(
        q.unit in {"EUR", "USD"} and match.end() <= q.start and q.end <= sentence_end
        for q in quantities
    ):
        return None
    return Hit(start, match.end(), verb_start, rule, subject)


def phrase_hits(
    text: str,
    lang: str,
    sentences: list[tuple[int, int]],
    quantities: list[Quantity],
    previous: Subject | None = None,
) -> dict[int, list[Hit]]:
    """Commitment phrases found in ``text``, grouped by sentence index.

    ``previous`` is the subject of what came before the text (the lead of a list).
    """
    starts = [start for start, _ in sentences]
    subjects: dict[int, Subject | None] = {}

    def before(index: int) -> Subject | None:
        if index == 0:
            return previous
        if index - 1 not in subjects:
            subjects[index - 1] = sentence_subject(text, lang, *sentences[index - 1])
        return subjects[index - 1]

    hits: dict[int, list[Hit]] = {}

    def accept(scanner: _Scanner, match: re.Match[str]) -> bool:
        index = bisect_right(starts, match.start()) - 1
        if index < 0:
            return False
        rule = scanner.rule(match)
        hit = _accept(scanner, match, rule, text, lang, sentences[index], quantities, before(index))
        if hit is not None:
            hits.setdefault(index, []).append(hit)
        return hit is not None

    for scanner in _SCANNERS[lang]:
        if scanner.anchor is not None:
            for anchored in _anchored(scanner, scanner.anchor, text):
                accept(scanner, anchored)
            continue
        position = 0
        while found := scanner.pattern.search(text, position):
            # after a rejected match, try again just after its start: a later subject may fit
            position = found.end() if accept(scanner, found) else found.start() + 1
    return hits


def national(quote: str, lang: str) -> bool:
    """Whether a first-person commitment speaks of national budgets, forces or GDP."""
    return bool(_NATIONAL[lang].search(quote))
