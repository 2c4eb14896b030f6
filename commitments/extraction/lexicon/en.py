"""The English word lists of the extractor, one section per stage that reads them.

Plain data and regex fragments; the stages compile and apply them.
"""

import re

from ..common import TWO_PERCENT, YEAR, Keywords, alt, compile_ci, grouped

# ---------------------------------------------------------- quantities (quantities.py)

# Comparator words before a figure, by comparator, tried in this order.
COMPARATOR_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "at_least",
        (
            r"at\s+least",
            r"a\s+minimum\s+of",
            r"no\s+less\s+than",
            r"not\s+less\s+than",
            r"minimum\s+of",
        ),
    ),
    (
        "at_most",
        (
            r"at\s+most",
            r"no\s+more\s+than",
            r"not\s+more\s+than",
            r"a\s+maximum\s+of",
            r"maximum\s+of",
        ),
    ),
    (
        "more_than",
        (r"more\s+than", r"in\s+excess\s+of", r"upwards\s+of", r"over", r"above", r"exceeding"),
    ),
    ("up_to", (r"up\s+to",)),
    (
        "about",
        (
            r"about",
            r"around",
            r"approximately",
            r"roughly",
            r"some",
            r"nearly",
            r"almost",
            r"close\s+to",
        ),
    ),
    ("exactly", (r"exactly", r"precisely")),
)
PERCENT_SIGN = r"(?:%|per\s*cent\b|percent\b)"
# What makes a percentage a share of GDP.
GDP_TAIL = (
    r"\s+of\s+(?:(?:our|their|its|national|annual|the)\s+)*"
    r"(?:GDP\b|gross\s+domestic\s+product(?:\s*\(\s*GDP\s*\))?)"
)
# What makes a percentage a share of defence budgets or expenditure.
BUDGET_TAIL = (
    r"\s+of\s+(?:(?:our|their|its|national|annual|total|the)\s+)*"
    r"(?:defen[cs]e|military)\s+(?:budgets?|expenditures?|spending)"
)
MULTIPLIERS = {
    "trillion": 10**12,
    "trillions": 10**12,
    "tn": 10**12,
    "billion": 10**9,
    "billions": 10**9,
    "bn": 10**9,
    "million": 10**6,
    "millions": 10**6,
    "mn": 10**6,
    "m": 10**6,
    "thousand": 10**3,
    "k": 10**3,
}
# A currency written after the number.
CURRENCY_AFTER = r"\s*(?P<cur>euros?\b|€|EUR\b|(?:US\s+)?dollars?\b|US\$|\$|USD\b)"
THOUSANDS_SEPARATOR = ","

# ------------------------------------------------------------ deadlines (deadlines.py)

COUNT_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
}
COUNT = alt([r"\d{1,2}", grouped(tuple(COUNT_WORDS))])
# Year-based deadlines, tried in this order on the words just before each year found.
BEFORE_YEAR: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "by",
        compile_ci(rf"\bby\s+(?:the\s+)?(?:end\s+of\s+(?:the\s+year\s+)?|end[-\s]|year\s+)?{YEAR}"),
    ),
    ("by", compile_ci(rf"\b(?:no|not)\s+later\s+than\s+(?:the\s+end\s+of\s+)?{YEAR}")),
    ("by", compile_ci(rf"\bbefore\s+the\s+end\s+of\s+{YEAR}")),
    (
        "review",
        compile_ci(
            r"\b(?:review(?:ed|s)?|revisit(?:ed|s)?|reassess(?:ed|es)?|re-?examin(?:ed|es|e))"
            rf"(?:\s+[^\s.;:!?]+){{0,4}}?\s+in\s+{YEAR}"
        ),
    ),
    ("in", compile_ci(rf"\bin\s+{YEAR}")),
)
# Relative deadlines ("within a decade", "d'ici dix ans"), run only when a unit appears.
WITHIN: tuple[re.Pattern[str], ...] = (
    compile_ci(
        r"\bwithin\s+(?:the\s+)?(?:next\s+|coming\s+)?"
        rf"(?:(?P<count>{COUNT})\s+)?(?P<unit>years?|decades?)\b"
    ),
)
WITHIN_UNITS = ("year", "decade")
EVENT_WORDS = compile_ci(r"\b(?:summit|meeting|conference|anniversary|session)s?\b")
FUTURE_MARKERS = compile_ci(
    r"\b(?:next|upcoming|forthcoming|will|shall|look\s+forward|to\s+be\s+held)\b"
)

# ---------------------------------------------------------- categories (categories.py)

# Keywords of each category (see Keywords for how they match).
CATEGORY_KEYWORDS: dict[str, Keywords] = {
    "major_equipment": Keywords(("major equipment",)),
    "defence_spending": Keywords(
        (
            "gross domestic product",
            "defence spending",
            "defense spending",
            "defence expenditure",
            "defense expenditure",
            "defence budget",
            "defense budget",
            "military spending",
            "military expenditure",
            "military budget",
            "defence investment pledge",
            "defense investment pledge",
            "investment in defen",
            "investing in defen",
            "invest in defen",
            "common funding",
            "sufficient resources",
        ),
        ("GDP",),
        TWO_PERCENT,
    ),
    "ukraine": Keywords(
        ("ukrain", "zelensk", "kyiv ", "comprehensive assistance package"),
        ("CAP", "NSATU"),
    ),
    "arms_control": Keywords(
        (
            "arms control",
            "non proliferation",
            "nonproliferation",
            "disarmament",
            "risk reduction",
        ),
        ("NPT", "CFE", "START", "TPNW", "CTBT"),
    ),
    "nuclear": Keywords(("nuclear",)),
    "climate": Keywords(("climat", "emission", "greenhouse gas", "net zero", "carbon")),
    "energy": Keywords(("energy",)),
    "space": Keywords(("space ", "outer space", "space based")),
    "cyber": Keywords(("cyber",)),
    "hybrid": Keywords(("hybrid", "disinformation", "misinformation", "interference")),
    "counter_terrorism": Keywords(("terroris", "counter terroris", "daesh", "isis ", "isil ")),
    "human_security": Keywords(
        (
            "women peace and security",
            "human security",
            "children and armed conflict",
            "trafficking in human beings",
            "gender",
        )
    ),
    "innovation": Keywords(
        (
            "innovat",
            "emerging and disruptive technolog",
            "emerging technolog",
            "disruptive technolog",
            "start up",
            "startup",
            "artificial intelligence",
            "quantum",
            "digital transformation",
        ),
        ("DIANA",),
    ),
    "industry": Keywords(("industr", "production ", "munition", "procurement", "trade barriers")),
    "enlargement": Keywords(
        (
            "membership",
            "accession",
            "open door",
            "finland",
            "sweden",
            "new member",
            "enlargement",
        ),
        ("MAP",),
    ),
    "resilience": Keywords(
        (
            "resilien",
            "critical infrastructure",
            "critical undersea infrastructure",
            "undersea infrastructure",
            "supply chain",
            "civil preparedness",
            "vulnerabilit",
        )
    ),
    "partnerships": Keywords(
        (
            "partner",
            "european union",
            "indo pacific",
            "balkans",
            "georgia",
            "moldova",
            "bosnia",
            "serbia",
            "kosovo",
            "kfor",
            "iraq",
            "jordan",
            "mediterranean dialogue",
            "african union",
            "united nations",
            "international organi",
            "liaison office",
            "neighbourhood",
            "neighborhood",
        ),
        ("EU",),
    ),
    "deterrence": Keywords(
        (
            "deterren",
            "collective defen",
            "posture",
            "defence plan",
            "defense plan",
            "eastern flank",
            "air and missile defen",
            "missile",
            "force model",
            "reinforcement",
            "forces ",
            "command and control",
            "interoperability",
            "article 5 ",
            "allied territory",
        ),
        ("IAMD", "BMD"),
    ),
}
# Phrases whose words would mislead the category.
CATEGORY_EXCLUSIONS: tuple[str, ...] = (
    " nuclear armed ",
    " charter of the united nations ",
    " un charter ",
)

# ------------------------------------------------------------- commitment phrases (phrases.py)

ADVERB = (
    r"(?:today|also|jointly|collectively|individually|further|therefore|again|now"
    r"|hereby|all|each|[^\W\d_]+ly)"
)
ADVERBS = rf"(?:{ADVERB}\s+){{0,2}}"
NAMES = (
    "Albania",
    "Belgium",
    "Bulgaria",
    "Canada",
    "Croatia",
    "Czechia",
    "Czech Republic",
    "Denmark",
    "Estonia",
    "Finland",
    "France",
    "Germany",
    "Greece",
    "Hungary",
    "Iceland",
    "Italy",
    "Latvia",
    "Lithuania",
    "Luxembourg",
    "Montenegro",
    "Netherlands",
    "North Macedonia",
    "Norway",
    "Poland",
    "Portugal",
    "Romania",
    "Slovakia",
    "Slovenia",
    "Spain",
    "Sweden",
    "Türkiye",
    "Turkey",
    "United Kingdom",
    "UK",
    "United States",
    "US",
    "Ukraine",
    "Georgia",
    "Moldova",
    "Republic of Moldova",
    "Bosnia and Herzegovina",
    "Serbia",
    "Kosovo",
    "Australia",
    "Japan",
    "New Zealand",
    "Republic of Korea",
    "South Korea",
    "European Union",
    "EU",
    "Jordan",
    "Iraq",
    "Tunisia",
    "Mauritania",
    "Switzerland",
    "Austria",
    "Ireland",
    "Malta",
)
SUBJECTS = (
    r"allies",
    r"all\s+allies",
    r"nato\s+allies",
    r"the\s+allies",
    r"the\s+member\s+(?:states|countries)",
    r"nato",
    r"the\s+alliance",
    r"the\s+organi[sz]ation",
)
# Those who decide for the Alliance: its leaders and its ministers.
DECIDERS = (
    r"(?:the\s+)?(?:allied\s+|nato\s+)?leaders",
    r"(?:the\s+)?heads\s+of\s+state(?:\s+and\s+government)?",
    r"(?:the\s+)?(?:allied\s+|nato\s+|foreign\s+|defen[cs]e\s+)?ministers",
)
ARTICLE = r"(?:the\s+)"
AND = r"and"
ALLIES_HEAD = compile_ci(r"(?:all\s+|nato\s+|the\s+)?allies\b|the\s+member\b")
NATIONAL = compile_ci(
    r"\bnational\b|individually|each\s+ally"
    r"|\bour\s+(?:gdp|gross\s+domestic\s+product|defen[cs]e\s+(?:budgets?|spending)"
    r"|forces|infrastructure)|\binvest\b|\bspend\b"
    r"|provide\s+(?:[^\W\d_]+ly\s+)?(?:the\s+|our\s+)?forces"
)
LIST_ITEM = compile_ci(
    r"(?:agreed|decided|endorsed|approved|adopted|reaffirmed|tasked|established|launched"
    r"|strengthened|put\s+in\s+place)\b"
)

# ---------------------------------------------------------------------- clauses (clauses.py)

# Words that open an introductory phrase, not a subject ("In 2014, Allies…").
INTRO = compile_ci(
    r"(?:in|at|on|to|during|after|before|since|following|for|by|under|with|within|through"
    r"|according|regarding|concerning|as|like|if|should|when|whenever|once|while|where|unless|thus"
    r"|together|today|now|moreover|furthermore|however|nevertheless|finally"
    r"|[^\W\d_]+ly|\d)\b"
)
DETERMINERS = compile_ci(r"(?:all\s+the|all|the|our|these|those|its|their)\s+")
FIRST_PERSON = compile_ci(r"we\b")
PRONOUN = compile_ci(r"(?:they|it|he|she)\b")
PLURAL_PRONOUN = compile_ci(r"they")
# A possessive or complement after an allied name: "NATO's partners", "NATO-Serbia".
NOT_HEAD_AFTER = compile_ci(r"(?:-|’s|'s)")
# Verbs after which "that" opens a new clause ("we agree that Allies…").
REPORTING = compile_ci(
    r"(?:agree|agreed|decide|decided|recall|recalled|reaffirm|reaffirmed|stress|stressed"
    r"|underline|underlined|affirm|note|noted|said|say|says|state|stated|announce|announced"
    r"|declare|declared|confirm|confirmed|ensure|ensures|ensured|guarantee|guarantees"
    r"|added)\s*$"
)
COMPLEMENTIZER = compile_ci(r"\bthat\s*")
RELATIVE = compile_ci(r"\b(?:who|whom|whose|which|that|where)\b")
RELATIVE_END = compile_ci(r"\b(?:who|which|that)\s*$")
# A verb of its own between a subject and a later verb: that subject is not the later one's.
FINITE = compile_ci(r"\b(?:is|are|was|were|has|have|had|remain|remains)\b")
COORDINATION = compile_ci(r"(?:,\s*)?\b(?:and|but|then)\s*$")
NEGATION_BEFORE = compile_ci(r"(?!)")
NEGATION_AFTER = compile_ci(r"\s+(?:not|never|no\s+longer)\b")
HEDGE_BEFORE = compile_ci(r"\b(?:may|might|could|should|would|must|can|cannot|to|not)\s+$")
# Verbs after "will" that announce a meeting or a debate, not a commitment.
MEETING = compile_ci(
    r"(?:meet|reconvene|convene|gather|come\s+together|discuss|debate|examine|address|analy[sz]e"
    r"|consider|take\s+place)\b"
)
# The meetings of the Alliance itself, which hosting or holding only announces.
MEETINGS = compile_ci(r"\b(?:summits?|meetings?)\b")
# Verbs that announce a meeting when an event is their object ("will hold its summit").
HOSTING = compile_ci(r"(?:hold|host|held|hosted|organi[sz]ed|represented|attended|chaired)\b")
# Passives that always announce a meeting or who attends it.
HELD = compile_ci(r"(?:held|represented)")
# For a named country, "will be"/"will have" say too little to be a pledge.
WEAK = compile_ci(r"(?:be|have)\b")
# The participle of a passive: "will be reviewed", "will be set up".
PARTICIPLE = compile_ci(
    r"(?:[a-z]{2,}(?:ed|en)|held|set|made|kept|built|sent|brought|sought|put|met|spent|shown"
    r"|done|laid|paid|led|won|drawn|cut)\b"
)
NEEDED = compile_ci(r"(?:needed|required|necessary)\b")
# What may stand between a lead's verb group and its colon: "commit to:".
LEAD_TAIL = compile_ci(r"\s*(?:(?:[^\W\d_]+\s+){0,2}(?:to|on))?\s*:$")
# A lead with no verb of its own: the items carry the participle ("We have: • Agreed…").
AUXILIARY_LEAD = compile_ci(r"\b(?:have|has|had)\s*:$")
