"""A figure stated in part 1 never contradicts another: a part never exceeds its whole (the
catalogue's relations.yaml) unless the relation allows it and the clause says why, in words the
report checker accepts as the explanation."""

from functools import cache

from fazhi.catalogue import load_relations
from fazhi.reports.drafting.facts import YearFacts
from fazhi.reports.drafting.tables import EXPLANATIONS, PHRASES, Statement


@cache
def wholes_of() -> dict[str, list]:
    """The subset relations (listed and implied) by their part's code."""
    relations: dict[str, list] = {}
    for subset in load_relations().implied_subsets:
        relations.setdefault(subset.part, []).append(subset)
    return relations


def clause_for(facts: YearFacts, statement: Statement) -> str | None:
    """The clause stating a figure, or None when it has nothing to say or would contradict a
    figure of the draft."""
    code = statement.code
    if not facts.positive(code):
        return None
    text = f"{statement.phrase}{{{code}}}"
    exceeded = [
        subset
        for subset in wholes_of().get(code, [])
        if subset.whole in PHRASES
        and facts.positive(subset.whole)
        and facts.value(code) > facts.value(subset.whole)
    ]
    if exceeded:
        if any(subset.strict for subset in exceeded) or code not in EXPLANATIONS:
            return None  # a data error: say nothing rather than something false
        text += EXPLANATIONS[code]
    previous = facts.value(code, facts.year - 1)
    # Part 1 reports achievements: a rise is worth saying; a fall goes to the 不足 part.
    if statement.compare and previous is not None and facts.value(code) > previous:
        text += f"，较上年{{{code}@change}}"
    return text
