"""Finding NATO's tables in a release and reading their figures (pure functions).

A table is found by its header row of years ("2014 … 2024 2025e": at least three
consecutive years, the last ones marked "e" as estimates); what it holds is read from
the title lines just above it (TABLE_KINDS). Below the header, one row per ally under
NATO's name for it (names.match_name), then the aggregates, then footnotes. A table of
another kind (national currency, constant prices, personnel…) is passed over.

Refused, with the sheet and row named: a row with figures under a name that is not
known, a cell that is not a figure, a table needed that is missing or found twice, a
year after the edition's.
"""

import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _

from . import names
from .sheets import ReleaseError, Sheet


@dataclass(frozen=True)
class TableKind:
    """A table the tracker reads, how its title says so, and the indicator it feeds."""

    indicator: str  # indicator slug
    name: str  # the indicator's name, when it must be created
    name_fr: str
    unit: str  # Indicator.Unit
    description: str
    description_fr: str
    needs: tuple[tuple[str, ...], ...]  # each group: one of these words in the title
    never: tuple[str, ...]  # none of these words in the title


# Matched on the folded title (names.fold: no accent, lower case), English and French.
TABLE_KINDS: dict[str, TableKind] = {
    "gdp-share": TableKind(
        indicator="defence-expenditure-gdp",
        name="Defence expenditure as a share of GDP",
        name_fr="Dépenses de défense en part du PIB",
        unit="pct_gdp",
        description="NATO estimates of each ally's defence expenditure as a percentage of "
        "its gross domestic product.",
        description_fr="Estimations de l’OTAN des dépenses de défense de chaque Allié en "
        "pourcentage de son produit intérieur brut.",
        needs=(
            ("gdp", "pib", "gross domestic product"),
            ("share", "%", "percent", "percentage", "pourcentage", "part"),
        ),
        never=("per capita", "par habitant", "equipment", "equipement"),
    ),
    "equipment-share": TableKind(
        indicator="major-equipment-share",
        name="Major equipment as a share of defence expenditure",
        name_fr="Équipements majeurs en part des dépenses de défense",
        unit="pct_defence_budget",
        description="Equipment expenditure, research and development included, as a "
        "percentage of each ally's defence expenditure.",
        description_fr="Dépenses d’équipement, recherche et développement compris, en "
        "pourcentage des dépenses de défense de chaque Allié.",
        needs=(("equipment", "equipement"),),
        never=("million", "dollars", "personnel", "infrastructure"),
    ),
    "usd": TableKind(
        indicator="defence-expenditure-usd",
        name="Defence expenditure in US dollars",
        name_fr="Dépenses de défense en dollars des États-Unis",
        unit="USD_million",
        description="Each ally's defence expenditure in million US dollars, at current "
        "prices and exchange rates, as NATO publishes it.",
        description_fr="Dépenses de défense de chaque Allié en millions de dollars des "
        "États-Unis, aux prix et taux de change courants, telles que l’OTAN les publie.",
        needs=(("us dollars", "usd", "dollars des etats-unis", "dollars americains"),
               ("defence expenditure", "defense expenditure", "depenses de defense")),
        never=("constant", "gdp", "gross domestic product", "pib", "per capita", "par habitant"),
    ),
}  # fmt: skip

TITLE = re.compile(
    r"(defence expenditure of nato countries|depenses de defense des pays de l'otan)"
    r"\s*\(\s*2014\s*-\s*(\d{4})\s*\)"
)
YEAR_CELL = re.compile(r"^(\d{4})\s*(e|est\.?|\*)?$", re.IGNORECASE)
NO_FIGURE = {"", "-", "–", "—", "..", "…", "n.a.", "na", "n/a", "x", "nd", "n.d."}
FOOTNOTE = re.compile(
    r"^(\(?[a-z0-9]{1,2}\)|[\u00b9\u00b2\u00b3\u2070-\u2079*]|notes?\b|sources?\b|e\s*[:=]|"
    r"estimates?\b|estimations?\b|figures?\b|les chiffres\b)",
    re.IGNORECASE,
)
TWO_PLACES = Decimal("0.01")
LABEL_LINES = 4  # title lines kept above a header


@dataclass(frozen=True)
class Column:
    index: int
    year: int
    estimate: bool


@dataclass(frozen=True)
class Figure:
    kind: str  # TABLE_KINDS key
    code: str  # ISO code of the ally, or Measurement.Aggregate
    is_aggregate: bool
    year: int
    value: Decimal
    estimate: bool
    where: str  # "sheet 'Table 3', row 12"


@dataclass
class Table:
    kind: str | None
    sheet: str
    row: int  # 1-based, the header's
    label: str
    columns: list[Column]
    figures: list[Figure] = field(default_factory=list)
    ended: bool = False

    @property
    def where(self) -> str:
        return place(self.sheet, self.row)

    @property
    def years(self) -> list[int]:
        return [column.year for column in self.columns]


@dataclass
class ParsedRelease:
    title: str
    tables: dict[str, Table]  # by kind
    passed_over: list[Table]  # tables found that the tracker does not read

    @property
    def figures(self) -> list[Figure]:
        return [figure for table in self.tables.values() for figure in table.figures]


def place(sheet: str, row: int) -> str:
    """ "sheet 'Table 3', row 12", in the reader's language."""
    return _("sheet %(sheet)s, row %(row)d") % {"sheet": repr(sheet), "row": row}


def text_of(cell) -> str:
    return "" if cell is None else str(cell).strip()


def year_of(cell) -> tuple[int, bool] | None:
    """(year, estimate) of a header cell: 2024, "2024", "2025e", "2025 e", "2025*"."""
    if isinstance(cell, bool):
        return None
    if isinstance(cell, int | float) and float(cell).is_integer():
        year, estimate = int(cell), False
    else:
        match = YEAR_CELL.match(text_of(cell) if isinstance(cell, str) else "")
        if match is None:
            return None
        year, estimate = int(match[1]), match[2] is not None
    return (year, estimate) if 1949 <= year <= 2100 else None


def header_columns(row: list) -> list[Column] | None:
    """The first run of at least three consecutive years in a row, or None."""
    run: list[Column] = []
    for index, cell in enumerate(row):
        found = year_of(cell)
        if found and (not run or found[0] == run[-1].year + 1):
            run.append(Column(index, *found))
            continue
        if len(run) >= 3:
            return run
        run = [Column(index, *found)] if found else []
    return run if len(run) >= 3 else None


def _says(folded: str, word: str) -> bool:
    """Whether a folded title has this word (or words), whole."""
    return re.search(rf"(?<![a-z]){re.escape(word)}(?![a-z])", folded) is not None


def classify(label: str) -> str | None:
    """The TABLE_KINDS key a table's title says it is, or None (a table not read)."""
    folded = names.fold(label)
    for kind, rule in TABLE_KINDS.items():
        if any(_says(folded, word) for word in rule.never):
            continue
        if all(any(_says(folded, word) for word in group) for group in rule.needs):
            return kind
    return None


def parse_value(cell, where: str, decimal_comma: bool = False) -> tuple[Decimal | None, bool]:
    """(value to two places, estimate mark) of a cell; (None, False) for no figure.
    A comma is a decimal separator when `decimal_comma`, or when it cannot be one of
    thousands ("1,90"; "35,123.4" is 35123.4)."""
    if cell is None or isinstance(cell, bool):
        return None, False
    if isinstance(cell, int | float):
        value, estimate = Decimal(repr(cell)), False
    else:
        text = re.sub(r"[\s\u00a0\u202f]", "", str(cell))
        if text.lower() in NO_FIGURE:
            return None, False
        estimate = text[-1:] in ("e", "E")
        text = text.rstrip("eE")
        if not decimal_comma and re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", text):
            text = text.replace(",", "")
        try:
            value = Decimal(text.replace(",", "."))
        except InvalidOperation:
            raise ReleaseError(
                _("%(where)s: %(cell)s is not a figure.")
                % {"where": where, "cell": repr(str(cell))}
            ) from None
    if not value.is_finite() or value < 0:
        raise ReleaseError(
            _("%(where)s: %(cell)s is not a figure of this table.")
            % {"where": where, "cell": repr(str(cell))}
        )
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP), estimate


def _read_row(
    table: Table, row: list, number: int, label_lines: list[str], decimal_comma: bool
) -> None:
    first = table.columns[0].index
    name = next((text_of(c) for c in row[:first] if text_of(c)), "")
    values = [row[c.index] if c.index < len(row) else None for c in table.columns]
    has_values = any(text_of(v) and text_of(v).lower() not in NO_FIGURE for v in values)
    where = place(table.sheet, number)
    if not name:
        if has_values:
            raise ReleaseError(
                _("%(where)s: figures without the name of an ally.") % {"where": where}
            )
        return
    match = names.match_name(name)
    if match is None:
        if has_values:
            raise ReleaseError(
                _(
                    "%(where)s: %(name)s is not the name of an ally or of an aggregate NATO "
                    "publishes (add it to the name variants if it is a new spelling)."
                )
                % {"where": where, "name": repr(name)}
            )
        if FOOTNOTE.match(name) or len(name) > 80:
            table.ended = True  # footnotes: the table is over
        else:
            label_lines.append(name)
        return
    kind, code = match
    if kind == "other" or table.kind is None:
        return
    seen = {(f.code, f.year) for f in table.figures}
    for column, cell in zip(table.columns, values, strict=True):
        value, marked = parse_value(cell, f"{where}, {column.year}", decimal_comma)
        if value is None:
            continue
        if (code, column.year) in seen:
            raise ReleaseError(
                _("%(where)s: %(name)s appears twice in this table.")
                % {"where": where, "name": repr(name)}
            )
        table.figures.append(
            Figure(
                kind=table.kind,
                code=code,
                is_aggregate=kind == "aggregate",
                year=column.year,
                value=value,
                estimate=column.estimate or marked,
                where=where,
            )
        )


def find_tables(sheet: Sheet) -> list[Table]:
    """Every table of a sheet, read (figures only for the kinds the tracker reads)."""
    tables: list[Table] = []
    label_lines: list[str] = []
    current: Table | None = None
    for number, row in enumerate(sheet.rows, start=1):
        columns = header_columns(row)
        before = [text_of(c) for c in row[: columns[0].index]] if columns else []
        if columns and not any(names.match_name(text) for text in before if text):
            label = " ".join([*label_lines[-LABEL_LINES:], *(t for t in before if t)])
            current = Table(classify(label), sheet.name, number, label, columns)
            tables.append(current)
            label_lines = []
            continue
        if current is None or current.ended:
            texts = [text_of(c) for c in row if text_of(c)]
            label_lines.extend(t for t in texts if not FOOTNOTE.match(t) and len(t) <= 200)
            continue
        _read_row(current, row, number, label_lines, sheet.decimal_comma)
    return tables


def parse_release(sheets: list[Sheet], *, edition_year: int) -> ParsedRelease:
    """The tables of TABLE_KINDS in a release, each found once; raises ReleaseError."""
    found: dict[str, Table] = {}
    passed_over: list[Table] = []
    for sheet in sheets:
        for table in find_tables(sheet):
            if table.kind is None:
                passed_over.append(table)
                continue
            if table.kind in found:
                raise ReleaseError(
                    _("Two tables of %(what)s: %(first)s and %(second)s.")
                    % {
                        "what": TABLE_KINDS[table.kind].name.lower(),
                        "first": found[table.kind].where,
                        "second": table.where,
                    }
                )
            late = [year for year in table.years if year > edition_year]
            if late:
                raise ReleaseError(
                    _("%(where)s: the header has %(year)d, after the edition's year (%(edition)d).")
                    % {"where": table.where, "year": late[0], "edition": edition_year}
                )
            if not table.figures:
                raise ReleaseError(
                    _("%(where)s: the table has no figure of any ally.") % {"where": table.where}
                )
            found[table.kind] = table
    if not found and not passed_over:
        raise ReleaseError(
            _(
                "No table with a header row of years (2014, 2015, …) was found in "
                "%(sheets)s: this is not NATO's release of defence expenditure."
            )
            % {"sheets": ", ".join(repr(s.name) for s in sheets)}
        )
    missing = [kind for kind in TABLE_KINDS if kind not in found]
    if missing:
        seen = "; ".join(f"{t.where}: {t.label[:80]!r}" for t in passed_over) or _("none")
        raise ReleaseError(
            _("Missing table(s): %(missing)s. Tables found and not read: %(seen)s.")
            % {
                "missing": ", ".join(TABLE_KINDS[kind].name.lower() for kind in missing),
                "seen": seen,
            }
        )
    return ParsedRelease(release_title(sheets), found, passed_over)


def release_title(sheets: list[Sheet]) -> str:
    """ "Defence Expenditure of NATO Countries (2014-2025)" as the file states it, or ""."""
    for sheet in sheets:
        for row in sheet.rows[:12]:
            for cell in row:
                text = text_of(cell)
                if text and TITLE.search(names.fold(text)):
                    return " ".join(text.split())
    return ""
