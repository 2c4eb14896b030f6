"""NATO's names of allies and of its aggregates, in English and French, as they appear
in its tables: "Czechia", "Türkiye", "Slovak Republic", "Netherlands¹", "France (a)".

`match_name` strips footnote marks, accents, case and spacing before looking a name up,
so that every spelling NATO has used matches one ISO code (or one aggregate).
"""

import re
import unicodedata

from summits.text import fold as fold_text

# ISO 3166 alpha-3 code -> the names NATO's tables have used, English and French.
ALLY_NAMES: dict[str, tuple[str, ...]] = {
    "ALB": ("Albania", "Albanie"),
    "BEL": ("Belgium", "Belgique"),
    "BGR": ("Bulgaria", "Bulgarie"),
    "CAN": ("Canada",),
    "HRV": ("Croatia", "Croatie"),
    "CZE": ("Czechia", "Czech Republic", "Tchéquie", "République tchèque"),
    "DNK": ("Denmark", "Danemark"),
    "EST": ("Estonia", "Estonie"),
    "FIN": ("Finland", "Finlande"),
    "FRA": ("France",),
    "DEU": ("Germany", "Allemagne"),
    "GRC": ("Greece", "Grèce"),
    "HUN": ("Hungary", "Hongrie"),
    "ISL": ("Iceland", "Islande"),
    "ITA": ("Italy", "Italie"),
    "LVA": ("Latvia", "Lettonie"),
    "LTU": ("Lithuania", "Lituanie"),
    "LUX": ("Luxembourg",),
    "MNE": ("Montenegro", "Monténégro"),  # the same once folded, kept for the reader
    "NLD": ("Netherlands", "The Netherlands", "Pays-Bas"),
    "MKD": ("North Macedonia", "Macédoine du Nord", "Republic of North Macedonia"),
    "NOR": ("Norway", "Norvège"),
    "POL": ("Poland", "Pologne"),
    "PRT": ("Portugal",),
    "ROU": ("Romania", "Roumanie"),
    "SVK": ("Slovak Republic", "Slovakia", "Slovaquie", "République slovaque"),
    "SVN": ("Slovenia", "Slovénie"),
    "ESP": ("Spain", "Espagne"),
    "SWE": ("Sweden", "Suède"),
    "TUR": ("Türkiye", "Turkey", "Turquie"),
    "GBR": ("United Kingdom", "Royaume-Uni"),
    "USA": ("United States", "United States of America", "États-Unis"),
}

# Aggregate code (Measurement.Aggregate) -> its names.
AGGREGATE_NAMES: dict[str, tuple[str, ...]] = {
    "europe_canada": (
        "NATO Europe and Canada",
        "NATO Europe & Canada",
        "Europe and Canada",
        "OTAN Europe et Canada",
        "Europe de l'OTAN et Canada",
        "Pays européens de l'OTAN et Canada",
    ),
    "nato_total": ("NATO Total", "NATO - Total", "Total NATO", "Total OTAN", "OTAN Total"),
}

# Rows NATO prints that are neither an ally nor an aggregate the tracker keeps.
OTHER_ROWS: tuple[str, ...] = ("NATO Europe", "OTAN Europe", "Europe de l'OTAN")

# Footnote marks after a name: superscripts, "(a)", "(1)", "*", a digit stuck to it.
# (No name of an ally or aggregate ends in a digit.)
_FOOTNOTES = re.compile(
    r"(?:[\s,]*(?:[\u00b9\u00b2\u00b3\u2070-\u2079]+|\(\w{1,2}\)|\*+|\d{1,2}))+$"
)


def fold(name: str) -> str:
    """The key a name is looked up by: no footnote mark, accent, case or extra space;
    the same apostrophes, dashes and "&"."""
    text = _FOOTNOTES.sub("", unicodedata.normalize("NFKC", _FOOTNOTES.sub("", name.strip())))
    text = fold_text(text.replace("\u2013", "-").replace("\u2014", "-"))
    return " ".join(re.sub(r"\s*-\s*", "-", text).split())


def _index() -> dict[str, tuple[str, str]]:
    index: dict[str, tuple[str, str]] = {}
    for kind, table in (("ally", ALLY_NAMES), ("aggregate", AGGREGATE_NAMES)):
        for code, names in table.items():
            for name in names:
                key = fold(name)
                if key in index and index[key] != (kind, code):
                    raise ValueError(f"{name!r} names both {index[key]} and {(kind, code)}")
                index[key] = (kind, code)
    for name in OTHER_ROWS:
        index[fold(name)] = ("other", "")
    return index


INDEX = _index()


def match_name(name: str) -> tuple[str, str] | None:
    """("ally", ISO code), ("aggregate", code), ("other", "") for a row NATO prints
    that the tracker does not keep, or None for a name not known."""
    return INDEX.get(fold(name))
