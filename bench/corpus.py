"""Measure the extractor on the development corpus: recall and precision per language
and per form, and which rules the corpus needs.

    python bench/corpus.py                    # both languages; exit 1 under the targets
    python bench/corpus.py --language fr --misses
    python bench/corpus.py --extra reported.txt   # cases exported by export_corpus_cases

The corpus (bench/corpus/fr.txt, en.txt) is written for the project, in the style of
NATO declarations, and kept apart from the seed texts. A sentence counts as found when
a candidate overlaps it. Among found commitments, "scope", "quantity" and "deadline"
count those read right (who is bound; the first quantity's comparator, value and unit;
the first dated deadline's year). Targets: recall >= 95 % and precision >= 85 % in each
language; every rule of the extractor is needed by at least two corpus sentences.
"""

import argparse
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from commitments.extraction import LANGUAGES, find_candidates  # noqa: E402
from commitments.extraction.corpus import Case, parse  # noqa: E402

CORPUS = ROOT / "bench" / "corpus"
RECALL_TARGET = 0.95
PRECISION_TARGET = 0.85
RULE_MINIMUM = 2


@dataclass
class Tally:
    commitments: int = 0
    others: int = 0
    found: int = 0  # commitments with a candidate
    false: int = 0  # other sentences with a candidate
    scope: int = 0
    quantity: int = 0
    deadline: int = 0

    @property
    def recall(self) -> float | None:
        return self.found / self.commitments if self.commitments else None

    @property
    def precision(self) -> float | None:
        proposed = self.found + self.false
        return self.found / proposed if proposed else None

    def add(self, other: "Tally") -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class Report:
    language: str
    forms: dict[str, Tally] = field(default_factory=dict)
    misses: list[Case] = field(default_factory=list)
    false: list[tuple[Case, object]] = field(default_factory=list)
    rules: Counter = field(default_factory=Counter)  # rule -> sentences that need it
    rule_forms: dict[str, set] = field(default_factory=lambda: defaultdict(set))

    @property
    def total(self) -> Tally:
        total = Tally()
        for tally in self.forms.values():
            total.add(tally)
        return total


def corpus_cases(language: str, extra: tuple[Path, ...] = ()) -> list[Case]:
    path = CORPUS / f"{language}.txt"
    cases = parse(path.read_text(encoding="utf-8"), name=path.name)
    for other in extra:
        if other.name.startswith(f"{language}") or f".{language}." in other.name:
            cases += parse(other.read_text(encoding="utf-8"), name=other.name)
    return cases


def _overlapping(case: Case, language: str) -> list:
    kwargs = {"lead": case.lead} if case.lead else {}
    candidates = find_candidates(case.text, language, case.year, **kwargs)
    return [c for c in candidates if c.start < case.end and case.start < c.end]


def evaluate(language: str, extra: tuple[Path, ...] = ()) -> Report:
    report = Report(language)
    for case in corpus_cases(language, extra):
        tally = report.forms.setdefault(case.form, Tally())
        found = _overlapping(case, language)
        if not case.commitment:
            tally.others += 1
            if found:
                tally.false += 1
                report.false.append((case, found[0]))
            continue
        tally.commitments += 1
        if not found:
            report.misses.append(case)
            continue
        tally.found += 1
        candidate = found[0]
        rule = getattr(candidate, "rule", "") or "?"
        report.rules[rule] += 1
        report.rule_forms[rule].add(case.form)
        tally.scope += candidate.bound == case.scope
        quantity = candidate.quantities[0] if candidate.quantities else None
        read = (quantity.comparator, quantity.value, quantity.unit) if quantity else None
        tally.quantity += read == case.quantity
        dated = [d.year for d in candidate.deadlines if d.year]
        tally.deadline += (dated[0] if dated else None) == case.deadline
    return report


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.1f} %"


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole}" if whole else "—"


def table(report: Report) -> str:
    lines = [
        f"Language: {report.language}",
        "",
        "| form | commitments | others | recall | precision | others proposed | scope | quantity "
        "| deadline |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    rows = sorted(report.forms.items()) + [("**all**", report.total)]
    for form, tally in rows:
        lines.append(
            f"| {form} | {tally.commitments} | {tally.others} | {_pct(tally.recall)} "
            f"| {_pct(tally.precision)} | {tally.false} | {_share(tally.scope, tally.found)} "
            f"| {_share(tally.quantity, tally.found)} | {_share(tally.deadline, tally.found)} |"
        )
    return "\n".join(lines)


def rule_table(reports: list[Report], rules: list[str]) -> str:
    lines = ["| rule | " + " | ".join(r.language for r in reports) + " |", "|---|"]
    lines[-1] += "---:|" * len(reports)
    for rule in rules:
        counts = " | ".join(str(r.rules.get(rule, 0)) for r in reports)
        lines.append(f"| {rule} | {counts} |")
    return "\n".join(lines)


def shortfalls(report: Report, rules: list[str]) -> list[str]:
    """What keeps this language under the targets (empty when they are met)."""
    total = report.total
    failures = []
    if (total.recall or 0) < RECALL_TARGET:
        failures.append(f"{report.language}: recall {_pct(total.recall)} < 95 %")
    if (total.precision or 0) < PRECISION_TARGET:
        failures.append(f"{report.language}: precision {_pct(total.precision)} < 85 %")
    for rule in rules:
        if rule.startswith(f"{report.language}.") and report.rules[rule] < RULE_MINIMUM:
            failures.append(f"{rule}: needed by {report.rules[rule]} corpus sentence(s)")
    return failures


def all_rules() -> list[str]:
    try:
        from commitments.extraction.phrases import rule_names
    except ImportError:  # an extractor without named rules
        return []
    return rule_names()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--language", choices=LANGUAGES, action="append")
    parser.add_argument("--extra", type=Path, action="append", default=[])
    parser.add_argument("--misses", action="store_true", help="list missed and false ones")
    args = parser.parse_args(argv)
    extra = tuple(args.extra)
    reports = [evaluate(language, extra) for language in args.language or LANGUAGES]
    rules = all_rules()
    failures: list[str] = []
    for report in reports:
        print(table(report), end="\n\n")
        failures += shortfalls(report, rules)
        if args.misses:
            for case in report.misses:
                print(f"  missed  {report.language}:{case.line} [{case.form}] {case.sentence}")
            for case, candidate in report.false:
                phrase = getattr(candidate, "phrase", "")
                print(f"  false   {report.language}:{case.line} [{case.form}] {case.sentence}")
                print(f"          read: {phrase!r}")
            print()
    if rules:
        print("Corpus sentences that need each rule:", end="\n\n")
        print(rule_table(reports, rules), end="\n\n")
    for failure in failures:
        print(f"NOT MET: {failure}")
    if not failures:
        print("Targets met: recall >= 95 %, precision >= 85 %, every rule needed twice.")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
