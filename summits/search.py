"""Search over paragraphs: the pure parts (query words, French verb forms, snippets).

On PostgreSQL the search is full-text, in the document's own language configuration
(`french_unaccent`, `english_unaccent`: the stock configurations with accents folded,
created by migration summits 0002_search). On SQLite it falls back to matching the
casefolded, accent-free words of the query inside `Paragraph.folded_text`.
"""

import re
from dataclasses import dataclass

from django.utils.html import escape

from .text import fold

# Text search configuration for each document language (see migration 0002_search).
SEARCH_CONFIGS = {"fr": "french_unaccent", "en": "english_unaccent"}

# Markers that ts_headline puts around the matched words; replaced by <mark> after
# the rest of the snippet has been escaped.
START_SEL = "\x02"
STOP_SEL = "\x03"

_WORD = re.compile(r"\w+(?:['’]\w+)*", re.UNICODE)


def query_words(query: str) -> list[str]:
    """The words of a search query, in order, without duplicates (case-insensitive)."""
    words = []
    seen = set()
    for match in _WORD.finditer(query):
        word = match.group()
        if fold(word) not in seen:
            seen.add(fold(word))
            words.append(word)
    return words


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


@dataclass(frozen=True)
class _FoldedText:
    folded: str
    origin: list[int]  # index in the original text of each folded character


def _fold_with_offsets(text: str) -> _FoldedText:
    folded = []
    origin = []
    for index, char in enumerate(text):
        for out in fold(char):
            folded.append(out)
            origin.append(index)
    return _FoldedText("".join(folded), origin)


def match_spans(text: str, words: list[str]) -> list[tuple[int, int]]:
    """(start, end) offsets in text of every accent- and case-insensitive occurrence."""
    folded = _fold_with_offsets(text)
    spans = []
    for word in words:
        needle = fold(word)
        if not needle:
            continue
        start = folded.folded.find(needle)
        while start != -1:
            end = start + len(needle)
            spans.append((folded.origin[start], folded.origin[end - 1] + 1))
            start = folded.folded.find(needle, end)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def highlight_snippet(text: str, words: list[str], width: int = 240) -> str:
    """HTML: an escaped excerpt of text around the first match, matches in <mark>."""
    spans = match_spans(text, words)
    if spans:
        first = spans[0][0]
        start = max(0, first - width // 3)
        if start:
            space = text.find(" ", start)
            start = space + 1 if 0 <= space < first else start
    else:
        start = 0
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    parts = []
    cursor = start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        parts.append(escape(text[cursor:span_start]))
        parts.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        cursor = span_end
    parts.append(escape(text[cursor:end]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return prefix + "".join(parts) + suffix


def headline_to_html(headline: str) -> str:
    """Escape a ts_headline result, keeping only the marks it was asked to put."""
    return escape(headline).replace(START_SEL, "<mark>").replace(STOP_SEL, "</mark>")


def occurrences(folded_text: str, words: list[str]) -> int:
    """How many times the folded words occur in a folded text (the SQLite ranking)."""
    return sum(folded_text.count(fold(word)) for word in words if fold(word))


@dataclass(frozen=True)
class Result:
    paragraph: object
    rank: float
    snippet: str  # HTML, escaped, matches in <mark>


def _language_query(words: list[str], language: str, config: str):
    from django.contrib.postgres.search import SearchQuery

    query = None
    for word in words:
        forms = french_verb_forms(word) if language == "fr" else [word]
        term = None
        for form in forms:
            single = SearchQuery(form, config=config, search_type="plain")
            term = single if term is None else term | single
        query = term if query is None else query & term
    return query


def postgresql_search(paragraphs, words: list[str], *, limit: int) -> list[Result]:
    """Full-text search of paragraphs, each in its document's language configuration."""
    from django.contrib.postgres.search import SearchHeadline, SearchRank, SearchVectorField
    from django.db.models import Case, F, FloatField, Q, TextField, When
    from django.db.models.expressions import RawSQL

    matches = Q()
    ranks = []
    headlines = []
    for language, config in SEARCH_CONFIGS.items():
        query = _language_query(words, language, config)
        # The stored vector of migration 0005_search_vectors, with its GIN index.
        vector = RawSQL(
            f'"summits_paragraph"."search_{language}"', [], output_field=SearchVectorField()
        )
        matches |= Q(document__language=language) & Q(**{f"vector_{language}": query})
        paragraphs = paragraphs.alias(**{f"vector_{language}": vector})
        ranks.append(When(document__language=language, then=SearchRank(vector, query)))
        headlines.append(
            When(
                document__language=language,
                then=SearchHeadline(
                    "text",
                    query,
                    config=config,
                    start_sel=START_SEL,
                    stop_sel=STOP_SEL,
                    min_words=20,
                    max_words=45,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                ),
            )
        )
    # Rank first, then write snippets for the page only: ts_headline is the costly part,
    # and PostgreSQL would otherwise compute it for every match before the sort.
    ranked = list(
        paragraphs.filter(matches)
        .annotate(rank=Case(*ranks, default=0.0, output_field=FloatField()))
        .order_by("-rank", "document__published_on", "position")
        .values_list("pk", "rank")[:limit]
    )
    rank_of = dict(ranked)
    found = {
        p.pk: p
        for p in paragraphs.filter(pk__in=rank_of).annotate(
            headline=Case(*headlines, default=F("text"), output_field=TextField())
        )
    }
    return [
        Result(paragraph=found[pk], rank=rank_of[pk], snippet=headline_to_html(found[pk].headline))
        for pk, _rank in ranked
    ]
