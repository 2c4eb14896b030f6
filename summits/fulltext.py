"""Full-text search of paragraphs, in the database: FTS5 on SQLite, text search
vectors on PostgreSQL. The query language is read by summits.search.

Reads: summits_paragraph; on SQLite its FTS5 index `summits_paragraph_fts` (and the
index's vocabulary, to find the other forms of a word); on PostgreSQL the vectors
`search_fr` and `search_en` of migration 0002_search, with their GIN indexes.
Writes: on SQLite, the index, its vocabulary view and the triggers that keep it in
step with the paragraphs (`install_sqlite_index`, run by migration 0004_fulltext and
after every migrate, in case a later migration rebuilt the paragraph table).

Both databases take a word, or another form of it, in its French or its English stem.
SQLite ranks the matches by bm25 (in C, inside the index), the most recent
RANK_WINDOW of them; PostgreSQL ranks only the page shown: its candidates are the most
recently loaded matches, which the GIN index (rare words) or the (document, position)
index read backwards (common words) gives without reading the others.

The vectors are columns that migration 0002 adds in raw SQL, not a GeneratedField of
the model: a GeneratedField(SearchVector(...)) cannot be created on SQLite (its
`to_tsvector('…'::regconfig, …)` is not SQLite's SQL), and SQLite is the default.
"""

from __future__ import annotations

import functools
from functools import cached_property

from django.db import connections
from django.db.models import Case, F, FloatField, Q, When
from django.db.models.expressions import RawSQL

from . import search

# Matches are counted exactly up to this many; beyond, the page says "more than".
COUNT_LIMIT = 200
# Words of the index's vocabulary read for each start of a stem (see search.same_stem).
VOCABULARY_LIMIT = 400
# SQLite ranks the most recent matches, up to this many (see SqliteMatches).
RANK_WINDOW = 5000
# A search in up to this many documents names them in the FTS5 query; in more, it joins
# the paragraphs (a term per document would make each match slower to rank).
DOCUMENT_TERMS_LIMIT = 40

FTS_TABLE = "summits_paragraph_fts"
VOCABULARY_TABLE = "summits_paragraph_fts_vocab"
_COLUMNS = "text, document_id"
_TRIGGERS = {
    "summits_paragraph_fts_insert": (
        "AFTER INSERT ON summits_paragraph BEGIN "
        f"INSERT INTO {FTS_TABLE}(rowid, {_COLUMNS}) VALUES (new.id, new.text, new.document_id);"
        " END"
    ),
    "summits_paragraph_fts_delete": (
        "AFTER DELETE ON summits_paragraph BEGIN "
        f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {_COLUMNS}) "
        "VALUES ('delete', old.id, old.text, old.document_id); END"
    ),
    "summits_paragraph_fts_update": (
        "AFTER UPDATE OF id, text, document_id ON summits_paragraph BEGIN "
        f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {_COLUMNS}) "
        "VALUES ('delete', old.id, old.text, old.document_id); "
        f"INSERT INTO {FTS_TABLE}(rowid, {_COLUMNS}) VALUES (new.id, new.text, new.document_id);"
        " END"
    ),
}


def install_sqlite_index(connection) -> bool:
    """Create the FTS5 index of the paragraphs, its vocabulary and its triggers where
    they are missing; rebuild the index from the paragraphs when anything was missing.
    Returns whether anything was. Nothing to do on other databases."""
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE name IN (%s, %s)",
            ["summits_paragraph", FTS_TABLE],
        )
        present = {name for (name,) in cursor.fetchall()}
        if "summits_paragraph" not in present:
            return False  # migrated back before the paragraphs existed
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        triggers = {name for (name,) in cursor.fetchall()}
        missing = FTS_TABLE not in present or not triggers.issuperset(_TRIGGERS)
        if not missing:
            return False
        # Accents and case folded ("defense" finds "Défense"); whole words ("PAC" is not
        # in "capacités"). Both columns are read from summits_paragraph (external
        # content); the document's id is indexed too, so that a search in a few
        # documents is one more term of the query rather than a join.
        # (Quoted as tools that look for a table's index expect: content="table".)
        cursor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5({_COLUMNS}, "
            'content="summits_paragraph", content_rowid="id", '
            "tokenize='unicode61 remove_diacritics 2')"
        )
        cursor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {VOCABULARY_TABLE} "
            f"USING fts5vocab({FTS_TABLE}, 'row')"
        )
        for name, body in _TRIGGERS.items():
            cursor.execute(f"CREATE TRIGGER IF NOT EXISTS {name} {body}")
        cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")
    return True


def drop_sqlite_index(connection) -> None:
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for name in _TRIGGERS:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
        cursor.execute(f"DROP TABLE IF EXISTS {VOCABULARY_TABLE}")
        cursor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")


def ensure_sqlite_index(sender, using, **kwargs) -> None:
    """post_migrate: put the index back if a migration rebuilt the paragraph table
    (SQLite's way of altering a column drops the table's triggers)."""
    install_sqlite_index(connections[using])


class Matches:
    """The paragraphs matching a query, as Django's Paginator reads them: count()
    (exact up to COUNT_LIMIT, `more` beyond) and slices (one page of results, ranked,
    with their snippets)."""

    def __init__(
        self,
        paragraphs,
        query: search.Query,
        documents: list[int] | None = None,
        outside: list[int] | None = None,
    ):
        self.paragraphs = paragraphs  # a Paragraph queryset on the database to read
        self.query = query
        self.documents = documents  # only in these documents (ids; None: in all)
        self.outside = outside or None  # not in these documents (ids)
        self.connection = connections[paragraphs.db]

    @cached_property
    def _count(self) -> int:
        if not self.query or self.documents == []:
            return 0
        return self.count_matches(COUNT_LIMIT + 1)

    def count(self) -> int:
        return min(self._count, COUNT_LIMIT)

    @property
    def more(self) -> bool:
        """More matches than counted."""
        return self._count > COUNT_LIMIT

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            raise TypeError("Matches are read a page at a time.")
        start, stop = index.start or 0, index.stop
        if stop is None or stop <= start or not self.count():
            return []
        return self.page(start, stop - start)

    @staticmethod
    def _loading(paragraphs):
        """The paragraphs with what a result shows: their document and meeting."""
        from .models import without_document_text

        return (
            paragraphs.select_related("document__summit")
            .defer("folded_text", *without_document_text("document"))
            .order_by()
        )

    def count_matches(self, limit: int) -> int:
        raise NotImplementedError

    def page(self, offset: int, size: int) -> list[search.Result]:
        raise NotImplementedError


class SqliteMatches(Matches):
    """FTS5: the index gives the matches with their bm25 score, best first.

    Ranking costs about a microsecond a match, in C: a word in half of 100 000
    paragraphs would take tens of milliseconds. The index reads its matches newest
    first and stops after RANK_WINDOW: the best of the most recent ones come first.
    """

    _forms: dict[str, list[str]] = {}

    @cached_property
    def _text_expression(self) -> str:
        """The query on the text, each word widened to the indexed words of its stem
        (kept in _forms)."""
        ranges = []
        for word in self.query.words():
            for prefix in search.stem_prefixes(word):
                ranges.append((word, prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)))
        candidates: dict[str, list[str]] = {}
        if ranges:
            one = (
                f"SELECT * FROM (SELECT %s, term FROM {VOCABULARY_TABLE} "
                f"WHERE term >= %s AND term < %s LIMIT {VOCABULARY_LIMIT})"
            )
            with self.connection.cursor() as cursor:
                cursor.execute(
                    " UNION ALL ".join([one] * len(ranges)),
                    [value for row in ranges for value in row],
                )
                for word, term in cursor.fetchall():
                    candidates.setdefault(word, []).append(term)
        self._forms = {word: search.same_stem(word, terms) for word, terms in candidates.items()}
        return f"text : ({self.query.fts5(self._forms)})"

    def _from(self) -> tuple[str, list]:
        """FROM and WHERE of the matches, with their parameters."""
        expression = self._text_expression
        sql = f"FROM {FTS_TABLE}"
        where = f" WHERE {FTS_TABLE} MATCH %s"
        params: list = []
        for ids, operator, negation in ((self.documents, "AND", ""), (self.outside, "NOT", "NOT ")):
            if ids is None:
                continue
            if len(ids) <= DOCUMENT_TERMS_LIMIT:
                terms = " OR ".join(f'"{pk}"' for pk in ids)
                expression = f"({expression}) {operator} (document_id : ({terms}))"
            else:
                if " JOIN " not in sql:
                    sql += f" JOIN summits_paragraph p ON p.id = {FTS_TABLE}.rowid"
                where += f" AND p.document_id {negation}IN ({', '.join(['%s'] * len(ids))})"
                params += ids
        return sql + where, [expression, *params]

    def count_matches(self, limit: int) -> int:
        sql, params = self._from()
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM (SELECT 1 {sql} LIMIT %s)", [*params, limit])
            return cursor.fetchone()[0]

    def page(self, offset: int, size: int) -> list[search.Result]:
        sql, params = self._from()
        with self.connection.cursor() as cursor:
            # bm25 weighs the text alone (the document's id weighs nothing).
            cursor.execute(
                f"SELECT rowid, score FROM (SELECT {FTS_TABLE}.rowid AS rowid, "
                f"bm25({FTS_TABLE}, 1.0, 0.0) AS score {sql} "
                f"ORDER BY {FTS_TABLE}.rowid DESC LIMIT {RANK_WINDOW}) "
                "ORDER BY score, rowid DESC LIMIT %s OFFSET %s",
                [*params, size, offset],
            )
            ranked = cursor.fetchall()
        if not ranked:
            return []
        # Snippets in Python: FTS5's snippet() reads every match again to find 20 rows.
        words, phrases = self.query.marked(self._forms)
        found = self._loading(self.paragraphs).in_bulk([pk for pk, _score in ranked])
        return [
            search.Result(
                paragraph=found[pk],
                rank=-score,
                snippet=search.snippet(found[pk].text, words, phrases),
            )
            for pk, score in ranked
            if pk in found
        ]


# Text search configuration for each document language (see migration 0002_search), and
# the Snowball stemmer it uses.
SEARCH_CONFIGS = {"fr": "french_unaccent", "en": "english_unaccent"}
STEMMERS = {"fr": "french", "en": "english"}


class PostgresqlMatches(Matches):
    """Text search vectors: the candidates are the newest matches (the GIN index gives
    rare words, the (document, position) index read backwards the common ones); rank and
    snippets are computed for the page alone."""

    @cached_property
    def _queries(self) -> dict:
        from django.contrib.postgres.search import SearchQuery

        return {
            language: SearchQuery(
                self.query.websearch(french=language == "fr"),
                config=config,
                search_type="websearch",
            )
            for language, config in SEARCH_CONFIGS.items()
        }

    def _vectors(self, paragraphs):
        from django.contrib.postgres.search import SearchVectorField

        return paragraphs.alias(
            **{
                f"vector_{language}": RawSQL(
                    f'"summits_paragraph"."search_{language}"', [], output_field=SearchVectorField()
                )
                for language in SEARCH_CONFIGS
            }
        )

    def _matching(self):
        # A word counts in either stem, French or English: one table, two GIN indexes
        # (a bitmap OR), no join to the documents.
        matches = Q()
        for language, query in self._queries.items():
            matches |= Q(**{f"vector_{language}": query})
        paragraphs = self._vectors(self.paragraphs).filter(matches)
        if self.documents is not None:
            paragraphs = paragraphs.filter(document_id__in=self.documents)
        if self.outside is not None:
            paragraphs = paragraphs.exclude(document_id__in=self.outside)
        return paragraphs

    def count_matches(self, limit: int) -> int:
        return self._matching().order_by().values("pk")[:limit].count()

    def page(self, offset: int, size: int) -> list[search.Result]:
        from django.contrib.postgres.search import SearchRank

        # Newest texts first: their (document, position) index, read backwards, gives
        # the first matches without reading the others, with or without documents chosen.
        newest = self._matching().order_by("-document_id", "-position")
        pks = list(newest.values_list("pk", flat=True)[offset : offset + size])
        if not pks:
            return []
        ranks = [
            When(document__language=language, then=SearchRank(F(f"vector_{language}"), query))
            for language, query in self._queries.items()
        ]
        rows = self._vectors(self._loading(self.paragraphs.filter(pk__in=pks))).annotate(
            rank=Case(*ranks, default=0.0, output_field=FloatField())
        )
        # Snippets in Python, marking the words whose stem (in the text's language) is
        # one of the query's: ts_headline, which parses each paragraph again, took as
        # long as the rest of the search.
        marks: dict[str, tuple] = {}
        results = []
        for row in sorted(rows, key=lambda row: (-row.rank, -row.pk)):
            language = STEMMERS.get(row.document.language, "french")
            if language not in marks:
                marks[language] = self.query.stemmed(language)
            words, phrases = marks[language]
            key = functools.partial(search.folded_stem, language=language)
            html = search.snippet(row.text, words, phrases, key=key)
            results.append(search.Result(paragraph=row, rank=row.rank, snippet=html))
        return results


def matches(paragraphs, text: str, *, documents=None, outside=None) -> Matches:
    """The paragraphs of `paragraphs` matching the query `text`, in `documents` and not
    in `outside` when given (lists of ids)."""
    query = search.parse_query(text)
    vendor = connections[paragraphs.db].vendor
    engine = PostgresqlMatches if vendor == "postgresql" else SqliteMatches
    return engine(paragraphs, query, documents, outside)
