"""The demo county's assessment schemes: the year before last's imported from
data/demo_scheme.yaml through the import service (so the demo proves the import) and locked
(scored), last year's copied from it with one change and left unlocked (the browser test edits
and locks it).
A second run changes nothing."""

from datetime import date
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from fazhi.assessment import schemes, scoring
from fazhi.assessment.models import Scheme
from fazhi.assessment.scheme_io import YAML
from fazhi.orgs.models import Organisation

SCHEME_FILE = Path(__file__).with_name("data") / "demo_scheme.yaml"
DEMO_COUNTY_CODE = "999901"
# Last year's change: study sessions count for more, the lecture item for less.
CHANGED_ITEMS = {"3.1": ("4.5", {"target": 4, "per_missing": 1}), "3.7": ("1", {})}


@transaction.atomic
def load(today: date | None = None) -> None:
    today = today or timezone.localdate()
    county = Organisation.objects.filter(code=DEMO_COUNTY_CODE).first()
    if county is None:
        return
    first, second = today.year - 2, today.year - 1
    base = Scheme.objects.filter(county=county, year=first).first()
    if base is None:
        base = schemes.scheme_import(
            None, county, SCHEME_FILE.read_bytes(), YAML, year=first
        ).scheme
        base.title = base.title.replace("2024", str(first))
        base.save(update_fields=["title"])
    schemes.scheme_lock(None, base)  # the year before last has been scored
    scoring.refresh_scores(base, today=today)
    if Scheme.objects.filter(county=county, year=second).exists():
        return
    copy = schemes.scheme_copy(None, base, second)
    for code, (points, params) in CHANGED_ITEMS.items():
        item = copy.items.get(code=code)
        schemes.item_update(
            None, item, title=item.title, points=points, params=params or item.params
        )
