"""The French word lists of the extractor, one section per stage that reads them.

Plain data and regex fragments; the stages compile and apply them.
"""

import re

from ..common import AP, TWO_PERCENT, YEAR, Keywords, alt, compile_ci, grouped

# ---------------------------------------------------------- quantities (quantities.py)

# Comparator words before a figure, by comparator, tried in this order.
COMPARATOR_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "at_least",
        (
            r"au\s+moins",
            r"au\s+minimum",
            r"un\s+minimum\s+de",
            r"pas\s+moins\s+de",
            r"minimum(?:\s+de)?",
        ),
    ),
    (
        "at_most",
        (
            r"pas\s+plus\s+de",
            r"au\s+plus",
            r"au\s+maximum",
            r"un\s+maximum\s+de",
            r"maximum(?:\s+de)?",
        ),
    ),
    ("more_than", (r"plus\s+de", r"supérieure?s?\s+à", r"au-delà\s+de", r"dépassant")),
    ("up_to", (rf"jusqu{AP}\s*(?:à|a)",)),
    (
        "about",
        (
            r"environ",
            r"près\s+de",
            r"quelque",
            r"approximativement",
            r"autour\s+de",
            rf"de\s+l{AP}ordre\s+de",
        ),
    ),
    ("exactly", (r"exactement", r"précisément")),
)
PERCENT_SIGN = r"(?:%|pour\s*cent\b)"
# What makes a percentage a share of GDP.
GDP_TAIL = (
    rf"\s+(?:de|du|d{AP})\s*(?:(?:notre|leur|son|sa|nos|leurs|ses|le)\s+|l{AP})?"
    r"(?:produit\s+intérieur\s+brut(?:\s*\(\s*PIB\s*\))?|PIB\b)"
)
# What makes a percentage a share of defence budgets or expenditure.
BUDGET_TAIL = (
    rf"\s+(?:de|des|du|d{AP})\s*(?:(?:nos|leurs|notre|leur|ses|son|sa|les|la|le)\s+|l{AP})?"
    r"(?:budgets?|dépenses)\s+(?:nationa(?:l|ux|les?)\s+)?"
    r"(?:de\s+(?:la\s+)?défense|militaires?)(?:\s+nationa(?:l|ux|les?)\b)?"
)
MULTIPLIERS = {
    "milliard": 10**9,
    "milliards": 10**9,
    "md": 10**9,
    "mds": 10**9,
    "million": 10**6,
    "millions": 10**6,
    "m": 10**6,
    "mille": 10**3,
    "k": 10**3,
}
# A currency written after the number.
CURRENCY_AFTER = (
    rf"(?:\s*(?:d{AP}|de\s))?\s*(?P<cur>euros?\b|€|EUR\b|"
    r"dollars?(?:\s+(?:américains|US)\b)?|US\$|\$|USD\b)"
)
THOUSANDS_SEPARATOR = "."

# ------------------------------------------------------------ deadlines (deadlines.py)

COUNT_WORDS = {
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "quinze": 15,
    "vingt": 20,
    "trente": 30,
}
COUNT = alt([r"\d{1,2}", grouped(tuple(COUNT_WORDS))])
# Year-based deadlines, tried in this order on the words just before each year found.
BEFORE_YEAR: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "by",
        compile_ci(
            rf"\bd{AP}\s*ici\s+(?:(?:à|a)\s+)?(?:(?:la\s+)?fin\s+(?:de\s+)?"
            rf"(?:l{AP}année\s+)?|l{AP}an(?:née)?\s+|l{AP}horizon\s+(?:de\s+)?)?{YEAR}"
        ),
    ),
    (
        "by",
        compile_ci(
            rf"\bau\s+plus\s+tard\s+(?:en\s+|d{AP}\s*ici\s+(?:à\s+)?|(?:à\s+la\s+)?fin\s+"
            rf"(?:de\s+)?|pour\s+)?{YEAR}"
        ),
    ),
    ("by", compile_ci(rf"\b(?:à|a)\s+l{AP}horizon\s+(?:de\s+)?{YEAR}")),
    ("by", compile_ci(rf"\bavant\s+(?:la\s+)?fin\s+(?:de\s+)?(?:l{AP}année\s+)?{YEAR}")),
    (
        "review",
        compile_ci(
            r"\b(?:réexamen|réexamin\w*|révision|révis\w*|réévalu\w*|revue?s?"
            rf"|(?:fera|feront)\s+l{AP}objet\s+d{AP}un\s+(?:ré)?examen)"
            rf"(?:\s+[^\s.;:!?]+){{0,4}}?\s+en\s+{YEAR}"
        ),
    ),
    ("in", compile_ci(rf"\ben\s+{YEAR}")),
)
# Relative deadlines ("within a decade", "d'ici dix ans"), run only when a unit appears.
WITHIN: tuple[re.Pattern[str], ...] = (
    compile_ci(
        rf"\b(?:dans\s+un\s+délai\s+(?:de\s+|d{AP})|d{AP}\s*ici\s+|dans\s+les\s+|"
        rf"en\s+l{AP}espace\s+(?:de\s+|d{AP})|sous\s+|au\s+cours\s+des\s+)"
        rf"(?P<count>{COUNT})\s+(?:prochaines\s+)?"
        r"(?P<unit>ans|années|an|décennies|décennie)\b"
    ),
    compile_ci(
        rf"\b(?:dans|d{AP}\s*ici|au\s+cours\s+de|en\s+l{AP}espace\s+d{AP})\s*"
        r"(?:une|la|la\s+prochaine)\s+(?P<unit>décennie)\b"
    ),
)
WITHIN_UNITS = (" an", "année", "décenni")
EVENT_WORDS = compile_ci(r"\b(?:sommet|réunion|conférence|anniversaire|rencontre|session)s?\b")
FUTURE_MARKERS = compile_ci(
    r"\b(?:prochaine?s?|tiendra|tiendront|se\s+déroulera|aura\s+lieu|auront\s+lieu"
    r"|retrouver|hâte|accueillera|organisera|sera\s+organisée?)\b"
)

# ---------------------------------------------------------- categories (categories.py)

# Keywords of each category (see Keywords for how they match).
CATEGORY_KEYWORDS: dict[str, Keywords] = {
    "major_equipment": Keywords(
        (
            "équipements majeur",
            "équipement majeur",
            "grands équipements",
            "matériels majeur",
            "matériel majeur",
        )
    ),
    "defence_spending": Keywords(
        (
            "produit intérieur brut",
            "dépenses de défense",
            "dépenses de la défense",
            "dépenses militaires",
            "budgets de défense",
            "budget de défense",
            "budgets de la défense",
            "budget de la défense",
            "budgets militaires",
            "budget militaire",
            "investissement dans la défense",
            "investissements dans la défense",
            "investissements de défense",
            "engagement d investissement",
            "financement commun",
            "ressources suffisantes",
        ),
        ("PIB",),
        TWO_PERCENT,
    ),
    "ukraine": Keywords(
        ("ukrain", "zelensk", "kyiv ", "kiev ", "programme global d assistance"),
        ("PAC", "CAP", "NSATU"),
    ),
    "arms_control": Keywords(
        (
            "maîtrise des armements",
            "contrôle des armements",
            "non prolifération",
            "désarmement",
            "réduction des risques stratégiques",
        ),
        ("TNP", "FCE", "START", "TPNW", "TICE"),
    ),
    "nuclear": Keywords(("nucléaire",)),
    "climate": Keywords(("climat", "émission", "gaz à effet de serre", "carbone")),
    "energy": Keywords(
        (
            "énergétique",
            "sources d énergie",
            "énergie ",
            "énergies propres",
            "énergies renouvelables",
        )
    ),
    "space": Keywords(("espace ", "spatial", "spatiaux", "contre espace")),
    "cyber": Keywords(("cyber",)),
    "hybrid": Keywords(("hybride", "désinformation", "mésinformation", "ingérence")),
    "counter_terrorism": Keywords(("terroris", "antiterroris", "daech", "eiil ")),
    "human_security": Keywords(
        (
            "femmes paix et sécurité",
            "femmes la paix et la sécurité",
            "sécurité humaine",
            "enfants et les conflits armés",
            "traite des êtres humains",
            "égalité des sexes",
            "genre ",
        )
    ),
    "innovation": Keywords(
        (
            "innov",
            "technologies émergentes",
            "technologie émergente",
            "technologies de rupture",
            "technologies perturbatrices",
            "start up",
            "startup",
            "intelligence artificielle",
            "quantique",
            "transformation numérique",
        ),
        ("DIANA",),
    ),
    "industry": Keywords(
        ("industri", "production ", "munition", "acquisition", "obstacles au commerce")
    ),
    "enlargement": Keywords(
        (
            "adhésion",
            "porte ouverte",
            "finlande",
            "suède",
            "nouveau membre",
            "nouveaux membres",
            "membre à part entière",
            "membres à part entière",
            "élargissement",
            "deviendra membre",
        ),
        ("MAP",),
    ),
    "resilience": Keywords(
        (
            "résilien",
            "infrastructures critiques",
            "infrastructure critique",
            "infrastructures essentielles",
            "infrastructures sous marines",
            "chaînes d approvisionnement",
            "chaîne d approvisionnement",
            "préparation civile",
            "vulnérabilités",
        )
    ),
    "partnerships": Keywords(
        (
            "partenaire",
            "partenariat",
            "union européenne",
            "indo pacifique",
            "balkans",
            "géorgi",
            "moldav",
            "moldova",
            "bosnie",
            "serbie",
            "kosovo",
            "kfor",
            "iraq",
            "irak",
            "jordan",
            "dialogue méditerranéen",
            "initiative de coopération d istanbul",
            "union africaine",
            "nations unies",
            "organisations internationales",
            "organisation internationale",
            "bureau de liaison",
            "voisinage",
        ),
        ("UE",),
    ),
    "deterrence": Keywords(
        (
            "dissuasion",
            "défense collective",
            "posture",
            "plans de défense",
            "plan de défense",
            "flanc est",
            "flanc oriental",
            "défense aérienne",
            "antimissile",
            "missile",
            "modèle de force",
            "renfort",
            "forces ",
            "commandement et contrôle",
            "commandement et le contrôle",
            "interopérabilité",
            "article 5 ",
            "territoire allié",
        ),
        ("IAMD", "BMD"),
    ),
}
# Phrases whose words would mislead the category.
CATEGORY_EXCLUSIONS: tuple[str, ...] = (
    " dotés d armes nucléaires ",
    " espace aérien ",
    " charte des nations unies ",
)

# ------------------------------------------------------------- commitment phrases (phrases.py)

ADVERB = (
    rf"(?:aujourd{AP}hui|également|aussi|donc|ensemble|déjà|encore|enfin|désormais"
    r"|toujours|[^\W\d_]+ment)"
)
ADVERBS = rf"(?:\s+{ADVERB}){{0,2}}"
PRONOUNS = rf"(?:(?:nous|le|la|les|lui|leur|y|en)\s+|l{AP})?"
# First-person plural future ("renforcerons", "mettrons", "poursuivrons", "serons"…),
# minus present tenses and nouns with the same ending ("tirons", "œuvrons", "environs").
FUTURE_1PL = (
    r"(?!(?:(?:re|at)?tir|admir|aspir|inspir|désir|expir|soupir|envir|potir|œuvr|oeuvr"
    r"|(?:dé)?livr|(?:r|entr)?ouvr|(?:dé|re)?couvr|escadr|chaudr)ons\b)"
    r"(?:[^\W\d_]+(?:erons|irons|drons|ttrons|vrons|rrons|îtrons)|aurons|saurons)\b"
)
# Third-person future ("continuera", "continueront"), minus look-alikes ("tira", "ouvra").
NOT_FUTURE_3 = (
    r"(?!(?:(?:re|at)?tir|admir|aspir|inspir|désir|œuvr|oeuvr|(?:dé)?livr|(?:r|entr)?ouvr"
    r"|(?:dé|re)?couvr)a\b)"
)
FUTURE_3 = (
    rf"{NOT_FUTURE_3}(?:[^\W\d_]+(?:eront|iront|dront|ttront|vront|rront|îtront"
    r"|era|ira|dra|ttra|vra|rra|îtra)|auront|sauront|aura|saura)\b"
)
# Third-person conditional, the future of reported speech ("a indiqué que les Alliés
# continueraient"), minus the modals ("pourraient", "devraient", "serait").
CONDITIONAL_3 = (
    r"(?!(?:pourr|devr|ser)(?:ait|aient)\b)"
    r"[^\W\d_]+(?:eraient|iraient|draient|ttraient|vraient|rraient|îtraient"
    r"|erait|irait|drait|ttrait|vrait|rrait|îtrait)\b"
)
NAMES = (
    "Albanie",
    "Belgique",
    "Bulgarie",
    "Canada",
    "Croatie",
    "Tchéquie",
    "République tchèque",
    "Danemark",
    "Estonie",
    "Finlande",
    "France",
    "Allemagne",
    "Grèce",
    "Hongrie",
    "Islande",
    "Italie",
    "Lettonie",
    "Lituanie",
    "Luxembourg",
    "Monténégro",
    "Pays-Bas",
    "Macédoine du Nord",
    "Norvège",
    "Pologne",
    "Portugal",
    "Roumanie",
    "Slovaquie",
    "Slovénie",
    "Espagne",
    "Suède",
    "Turquie",
    "Türkiye",
    "Royaume-Uni",
    "États-Unis",
    "Etats-Unis",
    "Ukraine",
    "Géorgie",
    "Moldavie",
    "République de Moldova",
    "Moldova",
    "Bosnie-Herzégovine",
    "Serbie",
    "Kosovo",
    "Australie",
    "Japon",
    "Nouvelle-Zélande",
    "République de Corée",
    "Corée du Sud",
    "Union européenne",
    "UE",
    "Jordanie",
    "Iraq",
    "Irak",
    "Tunisie",
    "Mauritanie",
    "Suisse",
    "Autriche",
    "Irlande",
    "Malte",
)
SUBJECTS = (
    r"les\s+alliés",
    r"tous\s+les\s+alliés",
    r"nos\s+alliés",
    r"ses\s+alliés",
    r"leurs\s+alliés",
    r"les\s+(?:pays|nations|états)\s+(?:membres|alliés)",
    rf"les\s+pays\s+de\s+l{AP}(?:alliance|otan)",
    r"les\s+nations\s+alliées",
    rf"les\s+membres\s+de\s+l{AP}(?:otan|alliance)",
    rf"membres\s+de\s+l{AP}(?:otan|alliance)",
    rf"la\s+mission\s+de\s+l{AP}otan(?:\s+en\s+[^\W\d_]+)?",
    rf"l{AP}otan",
    rf"l{AP}alliance",
    rf"l{AP}organisation",
)
# Those who decide for the Alliance: its leaders and its ministers.
DECIDERS = (
    r"les\s+dirigeants(?:\s+alliés)?",
    rf"les\s+chefs\s+d{AP}[ée]tat(?:\s+et\s+de\s+gouvernement)?",
    r"les\s+ministres(?:\s+(?:alliés|des\s+alliés|des\s+affaires\s+étrangères|de\s+la\s+défense))?",
)
ARTICLE = rf"(?:l{AP}|la\s+|le\s+|les\s+)"
AND = r"et"
ALLIES_HEAD = compile_ci(
    r"(?:tous\s+les\s+|les\s+|nos\s+|ses\s+|leurs\s+)?alliés\b|les\s+(?:pays|nations|états)\b"
    r"|(?:les\s+)?membres\b"
)
NATIONAL = compile_ci(
    r"\bnationa(?:l|le|les|ux)\b|individuellement|chaque\s+allié"
    r"|\bnotre\s+(?:pib|produit\s+intérieur\s+brut)"
    r"|\bnos\s+(?:budgets|dépenses|forces|cyberdéfenses?|infrastructures)"
    r"|\binvestir\b|\bdépenser\b|fournir\s+(?:[^\W\d_]+ment\s+)?(?:les|des|nos)\s+forces"
)
LIST_ITEM = compile_ci(
    r"(?:convenu|décidé|approuvé|adopté|réaffirmé|entériné|établi|lancé|renforcé"
    r"|mis\s+en\s+place)\b"
)

# ---------------------------------------------------------------------- clauses (clauses.py)

# Words that open an introductory phrase, not a subject ("En 2014, les Alliés…").
INTRO = compile_ci(
    rf"(?:en|à|a|au|aux|dans|depuis|lors|après|avant|pendant|pour|par|selon|sur|sous|avec"
    rf"|face|grâce|conformément|comme|ainsi|si|s{AP}il|s{AP}ils|lorsque|lorsqu{AP}|quand|dès"
    rf"|afin|tout|enfin|outre|s{AP}agissant|concernant|quant|par\s+ailleurs|de\s+plus|aujourd{AP}hui|ensemble|désormais|ici"
    r"|cependant|toutefois|néanmoins|[^\W\d_]+ment|\d)\b"
)
DETERMINERS = compile_ci(r"(?:tous\s+les|toutes\s+les|les|des|nos|ces|ses|leurs|notre)\s+")
FIRST_PERSON = compile_ci(r"nous\b")
PRONOUN = compile_ci(r"(?:ils|elles|il|elle)\b")
PLURAL_PRONOUN = compile_ci(r"(?:ils|elles)")
# A possessive or complement after an allied name: "l'OTAN-Serbie".
NOT_HEAD_AFTER = compile_ci(r"(?:-|’s|'s)")
# Verbs after which "que" opens a new clause ("nous avons décidé que les Alliés…").
REPORTING = compile_ci(
    r"(?:convenu|convenons|décidé|décidons|rappelons|rappelé|réaffirmons|réaffirmé|soulignons"
    r"|souligné|notons|affirmons|déclaré|annoncé|indiqué|affirmé|assuré|précisé|confirmé|confirmons"
    r"|estimé|ajouté|garantir|garantiront|garantira|garantissons|veillerons\s+à\s+ce"
    r"|veilleront\s+à\s+ce)\s*$"
)
COMPLEMENTIZER = compile_ci(rf"\b(?:que|qu{AP})\s*")
RELATIVE = compile_ci(rf"\b(?:qui|que|qu{AP}|dont|où|lequel|laquelle|lesquels|lesquelles)\b")
RELATIVE_END = compile_ci(r"\b(?:qui|dont|lequel|laquelle|lesquels|lesquelles)\s*$")
# A verb of its own between a subject and a later verb: that subject is not the later one's.
FINITE = compile_ci(
    r"\b(?:est|sont|était|étaient|a|ont|avait|avaient|reste|restent|demeure|demeurent)\b"
)
COORDINATION = compile_ci(r"(?:,\s*)?\b(?:et|mais|puis)\s*$")
NEGATION_BEFORE = compile_ci(
    rf"\b(?:ne|n{AP})\s*(?:(?:se|s{AP}|le|la|les|l{AP}|y|en|lui|leur)\s*)?$"
)
NEGATION_AFTER = compile_ci(r"\s+(?:[^\W\d_]+\s+)?(?:pas|jamais|plus|guère|aucune?)\b")
# French present forms differ from the infinitive a modal takes ("pourraient adopter").
HEDGE_BEFORE = compile_ci(r"(?!)")
# Future verbs that announce a meeting or a debate, not a commitment.
MEETING = compile_ci(
    r"(?:réuni|retrouver|rencontrer|revoir|rassembler|discuter|débattr|examiner|aborder|analyser"
    r"|pencher|envisager|dérouler)\w*\b"
)
# The meetings of the Alliance itself, which hosting or holding only announces.
MEETINGS = compile_ci(r"\b(?:sommets?|réunions?|rencontres?)\b")
# Verbs that announce a meeting when an event is their object ("tiendra son sommet").
HOSTING = compile_ci(r"(?:tiendr|accueiller|organiser|tenu|accueilli|organisé|représenté)\w*\b")
# Passives that always announce a meeting or who attends it.
HELD = compile_ci(r"(?:tenue?s?|représentée?s?)")
# For a named country, "sera"/"aura"/"pourra"/"devra" say too little to be a pledge.
WEAK = compile_ci(r"(?:ser|aur|pourr|devr)(?:a|ont)\b")
# The participle of a passive: "seront réexaminés", "sera mis en place".
PARTICIPLE = compile_ci(
    r"(?!(?:aussi|ainsi|parmi|ici|lui|celui|également|ensuite|aujourd)\b)"
    r"(?:[^\W\d_]{2,}(?:é|ée|és|ées|i|ie|is|ies|ise|ises|u|ue|us|ues|it|ite|its|ites|ert|erte"
    r"|erts|ertes|int|inte|ints|intes)|mis|mise|mises|pris|prise|prises)\b"
)
NEEDED = compile_ci(r"(?:requis|requise|requises|nécessaires?|indispensables?)\b")
# What may stand between a lead's verb group and its colon: "s'engagent à :".
LEAD_TAIL = compile_ci(rf"\s*(?:(?:[^\W\d_]+\s+){{0,2}}(?:de|d{AP}|à|a|au|aux))?\s*:$")
# A lead with no verb of its own: the items carry the participle ("Nous avons : • Convenu…").
AUXILIARY_LEAD = compile_ci(r"\b(?:avons|ont|avaient|avions)\s*:$")
