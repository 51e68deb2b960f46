"""The township dashboard's charts: ECharts options (plain JSON) built from the counts the
ledger apps' selectors return; every data item carries the URL of the ledger records behind it.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse

from fazhi.disputes import selectors as disputes
from fazhi.orgs.models import Organisation
from fazhi.publicity import selectors as publicity
from fazhi.study import selectors as study

MONTHS = list(range(1, 13))


@dataclass(frozen=True)
class Chart:
    title: str
    figure: str  # the named figure the counts are (fazhi.indicators.named)
    counts: dict
    option: dict

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def as_json(self) -> dict:
        return {"title": self.title, "total": self.total, "option": self.option}


def _list_url(slug: str, organisation: Organisation, year: int, **filters) -> str:
    query = {"year": year, "organisation": organisation.pk, **filters}
    return f"{reverse('ledgers:list', kwargs={'kind': slug})}?{urlencode(query)}"


def township_charts(user, organisation: Organisation, year: int) -> dict[str, Chart]:
    scope = {"year": year, "organisation": organisation, "user": user}
    return {
        "publicity": publicity_chart(
            publicity.activities_by_month_and_form(**scope), organisation, year
        ),
        "mediation": mediation_chart(disputes.mediation_results(**scope), organisation, year),
        "study": study_chart(study.sessions_by_type(**scope), organisation, year),
    }


def publicity_chart(counts: dict, organisation: Organisation, year: int) -> Chart:
    series = []
    for form, label in publicity.ACTIVITY_FORMS:
        if not any(counts.get((form, m)) for m in MONTHS):
            continue
        series.append(
            {
                "name": label,
                "type": "bar",
                "stack": "forms",
                "data": [
                    {
                        "value": counts.get((form, m), 0),
                        "url": _list_url(
                            "publicity-activities", organisation, year, form=form, month=m
                        ),
                    }
                    for m in MONTHS
                ],
            }
        )
    option = {
        "tooltip": {"trigger": "item"},
        "legend": {"type": "scroll", "bottom": 0},
        "grid": {"left": 40, "right": 16, "top": 16, "bottom": 56},
        "xAxis": {"type": "category", "data": [f"{m}月" for m in MONTHS]},
        "yAxis": {"type": "value", "minInterval": 1},
        "series": series,
    }
    return Chart(
        "普法活动（按月、按形式）", "publicity.activities_by_month_and_form", counts, option
    )


def mediation_chart(counts: dict, organisation: Organisation, year: int) -> Chart:
    data = []
    for result, label in disputes.MEDIATION_RESULTS:
        if not counts.get(result):
            continue
        # Cases still being mediated have no result to filter on: list the whole year.
        filters = {"result": result} if result else {}
        data.append(
            {
                "name": label,
                "value": counts[result],
                "url": _list_url("mediations", organisation, year, **filters),
            }
        )
    option = {
        "tooltip": {"trigger": "item", "formatter": "{b}：{c}件（{d}%）"},
        "legend": {"bottom": 0},
        "series": [{"type": "pie", "radius": ["35%", "65%"], "data": data}],
    }
    return Chart("调解结果", "disputes.mediation_results", counts, option)


def study_chart(counts: dict, organisation: Organisation, year: int) -> Chart:
    choices = study.SESSION_TYPES
    option = {
        "tooltip": {"trigger": "item"},
        "grid": {"left": 96, "right": 24, "top": 8, "bottom": 24},
        "xAxis": {"type": "value", "minInterval": 1},
        "yAxis": {"type": "category", "data": [label for _, label in choices]},
        "series": [
            {
                "type": "bar",
                "data": [
                    {
                        "value": counts.get(key, 0),
                        "url": _list_url("study-sessions", organisation, year, session_type=key),
                    }
                    for key, _ in choices
                ],
            }
        ],
    }
    return Chart("学法活动（按形式）", "study.sessions_by_type", counts, option)
