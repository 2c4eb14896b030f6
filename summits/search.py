"""Search over paragraphs: the pure parts, shared by both databases.

Reads: what a reader typed in the search box. Writes: nothing; it gives the query each
database runs (summits.fulltext runs them).

The query language is PostgreSQL's `websearch_to_tsquery`, read once here so that both
databases understand the same thing:

- words: every word must occur in the paragraph (whole words; accents and capitals
  aside; another form of the same word counts too, see `same_stem`);
- "a quoted phrase": these words, one after the other (« » and “ ” work too);
- `a or b` (or `ou`): either word;
- `-word` or `-"a phrase"`: paragraphs that have it are left out.
"""

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer
from django.utils.html import escape

# On SQLite, the word as typed counts this many times its other forms in the ranking
# ("engageons" before "engage" for a search of "engageons").
EXACT_WEIGHT = 3

# Words joined by this are either-or ("or" in websearch_to_tsquery, "ou" in French).
OR_WORDS = {"or", "ou"}

_QUOTES = '"“”«»„'
_TOKEN = re.compile(
    rf"(?P<neg>(?<!\S)-)?(?:[{_QUOTES}](?P<phrase>[^{_QUOTES}]*)[{_QUOTES}]?|(?P<word>[^\W_]+))"
)
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Term:
    """One word, or the words of a quoted phrase (matched as written on SQLite)."""

    words: tuple[str, ...]
    phrase: bool = False


@dataclass(frozen=True)
class Query:
    """Groups that must all match (within a group, any term: "or"), and exclusions."""

    groups: tuple[tuple[Term, ...], ...] = ()
    excluded: tuple[Term, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.groups)

    def websearch(self, *, french: bool) -> str:
        """The query as websearch_to_tsquery reads it; in French, a verb form in -ons
        is also searched as its infinitive ("engageons or engager")."""
        groups = []
        for group in self.groups:
            alternatives = []
            for term in group:
                if term.phrase:
                    alternatives.append('"' + " ".join(term.words) + '"')
                elif french:
                    alternatives.extend(french_verb_forms(term.words[0]))
                else:
                    alternatives.append(term.words[0])
            groups.append(" or ".join(dict.fromkeys(alternatives)))
        for term in self.excluded:
            words = " ".join(term.words)
            groups.append(f'-"{words}"' if term.phrase else f"-{words}")
        return " ".join(groups)

    def fts5(self, forms: dict[str, list[str]]) -> str:
        """The query as an FTS5 MATCH expression; `forms` gives, for a folded word, the
        indexed words that count as it (same_stem); a word missing from it counts alone.
        Phrases are matched word for word."""

        def term_expression(term: Term, *, widen: bool) -> str:
            if term.phrase:
                return _fts5_string(" ".join(term.words))
            word = fts_fold(term.words[0])
            others = [w for w in forms.get(word, []) if w != word] if widen else []
            # bm25 adds up its phrases: repeated, the word as typed weighs more.
            typed = [word] * (EXACT_WEIGHT if others else 1)
            return " OR ".join(_fts5_string(w) for w in typed + list(dict.fromkeys(others)))

        wanted = " AND ".join(
            "(" + " OR ".join(term_expression(term, widen=True) for term in group) + ")"
            for group in self.groups
        )
        if not self.excluded:
            return wanted
        unwanted = " OR ".join(term_expression(term, widen=False) for term in self.excluded)
        return f"({wanted}) NOT ({unwanted})"

    def marked(self, forms: dict[str, list[str]]) -> tuple[set[str], list[tuple[str, ...]]]:
        """What a snippet marks: the folded words (with their forms) and the phrases."""
        words: set[str] = set()
        phrases = []
        for group in self.groups:
            for term in group:
                if term.phrase:
                    phrases.append(tuple(fts_fold(word) for word in term.words))
                else:
                    word = fts_fold(term.words[0])
                    words.update(forms.get(word, [word]))
                    words.add(word)
        return words, phrases

    def stemmed(self, language: str) -> tuple[set[str], list[tuple[str, ...]]]:
        """What a snippet marks in a text in `language` ("french", "english"): the stems
        of the words (and of a French verb's infinitive) and of the phrases' words, to
        compare with `folded_stem` of the text's words."""
        words: set[str] = set()
        phrases = []
        for group in self.groups:
            for term in group:
                if term.phrase:
                    phrases.append(tuple(folded_stem(word, language) for word in term.words))
                else:
                    forms = french_verb_forms(term.words[0]) if language == "french" else []
                    words.update(folded_stem(form, language) for form in [term.words[0], *forms])
        return words, phrases

    def words(self) -> list[str]:
        """The folded single words to look up in the index's vocabulary (not phrases)."""
        return list(
            dict.fromkeys(
                fts_fold(term.words[0])
                for group in self.groups
                for term in group
                if not term.phrase
            )
        )


def _fts5_string(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def parse_query(text: str) -> Query:
    """Read a query typed in the search box (see the module's docstring)."""
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    joining = False  # the previous token was "or"
    for match in _TOKEN.finditer(unicodedata.normalize("NFC", text)):
        if match["word"] is not None:
            words = (match["word"],)
        else:
            words = tuple(_WORD.findall(match["phrase"]))
            if not words:
                continue
        if match["neg"]:
            excluded.append(Term(words, phrase=match["word"] is None))
            joining = False
            continue
        if match["word"] is not None and match["word"].casefold() in OR_WORDS:
            joining = bool(groups)
            continue
        term = Term(words, phrase=match["word"] is None)
        if joining:
            groups[-1].append(term)
        else:
            groups.append([term])
        joining = False
    return Query(tuple(tuple(group) for group in groups), tuple(excluded))


@lru_cache(maxsize=100_000)
def fts_fold(word: str) -> str:
    """A word as SQLite's unicode61 tokenizer indexes it with remove_diacritics 2:
    lower case, without accents."""
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def french_verb_forms(word: str) -> list[str]:
    """The word, and its infinitive when it reads as a first-person plural in -ons.

    The Snowball French stemmer leaves "engageons" as "engageon", so it would not meet
    "engagement" ("engag"). The infinitive ("engager") stems like the noun. Words in
    -ions ("nations", "décisions") are left alone.
    """
    lower = word.lower()
    if len(lower) < 6 or not lower.endswith("ons") or lower.endswith("ions"):
        return [word]
    stem = lower[:-3]
    if stem.endswith("ge"):  # mangeons -> manger
        stem = stem[:-1]
    elif stem.endswith("ç"):  # renforçons -> renforcer
        stem = stem[:-1] + "c"
    return [word, stem + "er"]


_STEMMERS = {language: snowballstemmer.stemmer(language) for language in ("french", "english")}

# Words shorter than this, and words with digits, are only ever matched as written: "PAC"
# is not "pacte", "2" is not "2014".
MIN_STEMMED = 4


@lru_cache(maxsize=50_000)
def stem(word: str, language: str) -> str:
    """The Snowball stem of a folded word, as PostgreSQL's french_unaccent and
    english_unaccent configurations compute it (accents removed first)."""
    return _STEMMERS[language].stemWord(word)


def folded_stem(word: str, language: str) -> str:
    return stem(fts_fold(word), language)


def stems(word: str) -> dict[str, set[str]]:
    """The French and English stems of a folded query word (and of its infinitive)."""
    return {
        "french": {stem(fts_fold(form), "french") for form in french_verb_forms(word)},
        "english": {stem(word, "english")},
    }


def stem_prefixes(word: str) -> list[str]:
    """Where, in an alphabetical list of words, those with the same stem as `word` are:
    the longest start each stem shares with the word it comes from ("presenc" from
    "presence", "engag" from "engager"). None for short words and numbers."""
    if len(word) < MIN_STEMMED or any(char.isdigit() for char in word):
        return []
    prefixes = set()
    forms = [fts_fold(form) for form in french_verb_forms(word)]
    for form in forms:
        for language in ("french", "english"):
            root = stem(form, language)
            shared = 0
            while shared < min(len(root), len(form)) and root[shared] == form[shared]:
                shared += 1
            prefixes.add(form[: max(shared, MIN_STEMMED - 1)])
    # A prefix that starts with another one is covered by it.
    return sorted(p for p in prefixes if not any(p != q and p.startswith(q) for q in prefixes))


def same_stem(word: str, candidates: list[str]) -> list[str]:
    """The candidate words (folded, from the index's vocabulary) that share a French or
    an English stem with the folded query word: "engagement", "engager" for
    "engageons"; never "pacifique" for "pac"."""
    if len(word) < MIN_STEMMED or any(char.isdigit() for char in word):
        return [word]
    wanted = stems(word)
    found = [word]
    for candidate in candidates:
        if candidate != word and any(
            stem(candidate, language) in roots for language, roots in wanted.items()
        ):
            found.append(candidate)
    return found


def snippet(
    text: str,
    words: set[str],
    phrases: list[tuple[str, ...]],
    *,
    length: int = 40,
    key: Callable[[str], str] = lambda word: fts_fold(word),
) -> str:
    """HTML: an escaped excerpt of `length` words of text around its first match, each
    matched word or phrase in <mark>. A word of the text matches when its key (folded,
    as SQLite's index reads it; or its stem) is one of `words`. Reads the text only as
    far as the excerpt goes."""
    tokens: list[tuple[int, int, str]] = []  # start, end, folded word
    spans: list[list[int]] = []  # [first token, last token] of each match
    stop = None  # tokens to read: up to the end of the excerpt
    for match in _WORD.finditer(text):
        index = len(tokens)
        word = key(match.group())
        tokens.append((match.start(), match.end(), word))
        if word in words:
            spans.append([index, index])
        for phrase in phrases:
            begin = index - len(phrase) + 1
            if begin >= 0 and word == phrase[-1]:
                if tuple(token[2] for token in tokens[begin:]) == phrase:
                    spans.append([begin, index])
        if stop is None and spans:
            stop = max(0, min(span[0] for span in spans) - length // 4) + length
        if stop is not None and len(tokens) >= stop:
            break
    if not tokens:
        return escape(text)
    merged: list[list[int]] = []
    for span in sorted(spans):
        if merged and span[0] <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], span[1])
        else:
            merged.append(span)
    first = max(0, merged[0][0] - length // 4) if merged else 0
    last = min(len(tokens), first + length)  # tokens[first:last] are shown
    begin = tokens[first][0] if first else 0
    end = tokens[last - 1][1] if last < len(tokens) or stop is not None else len(text)
    if end < len(text) and not _WORD.search(text, end):
        end = len(text)  # only punctuation left
    parts, cursor = [], begin
    for start_token, stop_token in merged:
        if start_token >= last or stop_token < first:
            continue
        start, finish = tokens[max(start_token, first)][0], tokens[min(stop_token, last - 1)][1]
        parts += [escape(text[cursor:start]), f"<mark>{escape(text[start:finish])}</mark>"]
        cursor = finish
    parts.append(escape(text[cursor:end]))
    return ("… " if begin else "") + "".join(parts) + (" …" if end < len(text) else "")


@dataclass(frozen=True)
class Result:
    paragraph: object
    rank: float
    snippet: str  # HTML, escaped, matches in <mark>
