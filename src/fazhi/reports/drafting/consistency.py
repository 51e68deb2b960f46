"""A figure stated in part 1 never contradicts another: a part is never larger than its whole
unless the relation allows it and the clause says why (the rules are the catalogue's)."""

from fazhi.reports.drafting.facts import YearFacts
from fazhi.reports.drafting.tables import PHRASES, Statement


def _subsets() -> dict[str, list]:
    """Subset relations by their part's code. Provisional: numerator ≤ denominator of every
    ratio, until the catalogue states its relations as data."""
    from fazhi.catalogue import load_catalogue

    relations: dict[str, list] = {}
    for item in load_catalogue().indicators:
        if item.is_ratio:
            relations.setdefault(item.numerator, []).append((item.denominator, ""))
    return relations


def clause_for(facts: YearFacts, statement: Statement, stated: set[str]) -> str | None:
    """The clause stating a figure, or None when it has nothing to say or would contradict a
    figure of the draft."""
    code = statement.code
    if not facts.positive(code):
        return None
    text = f"{statement.phrase}{{{code}}}"
    for whole, explanation in _subsets().get(code, []):
        if whole not in PHRASES or not facts.positive(whole):
            continue
        if facts.value(code) > facts.value(whole):
            if not explanation:
                return None
            text += explanation
    previous = facts.value(code, facts.year - 1)
    # Part 1 reports achievements: a rise is worth saying; a fall goes to the 不足 part.
    if statement.compare and previous is not None and facts.value(code) > previous:
        text += f"，较上年{{{code}@change}}"
    return text
