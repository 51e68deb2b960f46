"""Figures outside the catalogue: coverage lists (villages without an advisor's service, theme
days without activity, expiring certificates), counts by status, chart breakdowns.

Each is computed by one function of its ledger app's selectors.py, registered here under a name
("legal_services.villages_without_service") with @named_figure. Pages mark the figures they show
with that name (templatetags/figure_marks.py), and tests/test_single_source.py recomputes every
marked figure through this registry, so a second computation in a view or template fails there.

A registered function takes keyword arguments among `organisation` (a subtree; None for all the
user may see), `user` (None: no user, as for an organisation's drafted report), `year` and
`today`; the registry passes those it accepts.
"""

import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

ARGUMENTS = ("organisation", "user", "year", "today")


@dataclass(frozen=True)
class NamedFigure:
    name: str
    function: Callable

    def compute(self, *, organisation, year: int, today: date, user=None):
        given = {"organisation": organisation, "user": user, "year": year, "today": today}
        accepted = inspect.signature(self.function).parameters
        return self.function(**{key: value for key, value in given.items() if key in accepted})


_FIGURES: dict[str, NamedFigure] = {}


def named_figure(name: str):
    """Register the decorated selector as the one computation of the figure `name`."""

    def register(function: Callable) -> Callable:
        if name in _FIGURES:
            raise ValueError(f"figure {name!r} has two computations")
        parameters = inspect.signature(function).parameters
        unknown = {
            key
            for key, parameter in parameters.items()
            if key not in ARGUMENTS and parameter.default is inspect.Parameter.empty
        }
        if unknown:
            raise ValueError(f"figure {name!r}: arguments {sorted(unknown)} cannot be given")
        _FIGURES[name] = NamedFigure(name, function)
        return function

    return register


def named_figures() -> dict[str, NamedFigure]:
    return dict(_FIGURES)


def figure_for(name: str) -> NamedFigure:
    return _FIGURES[name]


def shown_value(result, key=None):
    """The number a page shows of a figure's result: the count of a list or queryset; of a
    breakdown ({key: count}) one entry's count, or their total without a key; a number as it
    is."""
    if isinstance(result, QuerySet):
        return result.count()
    if isinstance(result, Mapping):
        counts = {str(k): value for k, value in result.items()}
        return counts.get(str(key), 0) if key is not None else sum(counts.values())
    if isinstance(result, list | tuple):
        return len(result)
    return result
