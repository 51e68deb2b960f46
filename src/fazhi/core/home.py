"""Panels on the home page (工作台), contributed by the apps.

Each app registers a function `panel(request) -> Panel | None` (None: nothing for this person)
in its AppConfig.ready; the home page shows every panel in `order`. The site stays thin and no
app imports another to appear on the home page.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Panel:
    title: str
    template: str  # rendered with `panel` (this object) in its context
    context: dict = field(default_factory=dict)
    order: int = 100
    link: str = ""  # "查看全部" target, optional


PanelFunction = Callable[[object], Panel | None]
_PANELS: list[PanelFunction] = []


def register(function: PanelFunction) -> PanelFunction:
    if function not in _PANELS:
        _PANELS.append(function)
    return function


def panels_for(request) -> list[Panel]:
    shown = [panel for function in _PANELS if (panel := function(request)) is not None]
    return sorted(shown, key=lambda panel: panel.order)
