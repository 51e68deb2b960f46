"""The county result's charts as ECharts options (plain JSON, drawn by dashboards/dashboard.js):
totals by rank as bars, and each township's score rate per category as a heat map. Every
value is a number results.scheme_result computed; each bar links to the township's page."""

from decimal import Decimal

from django.urls import reverse

from fazhi.assessment.results import SchemeResult

# Every township named on the axis (ECharts would skip some of 30).
LABELS = {"interval": 0, "fontSize": 11}


def township_url(organisation, year: int) -> str:
    url = reverse("assessment_results:township", kwargs={"code": organisation.code})
    return f"{url}?year={year}"


def _float(value: Decimal) -> float:
    return float(value)


def result_charts(result: SchemeResult) -> dict:
    year = result.scheme.year
    ranked = result.ranked
    names = [t.organisation.name for t in ranked]
    totals = {
        "title": "总分（按排名）",
        "option": {
            "tooltip": {"trigger": "item"},
            "grid": {"left": 96, "right": 40, "top": 8, "bottom": 24},
            "xAxis": {"type": "value", "max": _float(result.scheme.total_points)},
            "yAxis": {"type": "category", "inverse": True, "data": names, "axisLabel": LABELS},
            "series": [
                {
                    "type": "bar",
                    "label": {"show": True, "position": "right"},
                    "data": [
                        {
                            "value": _float(t.total),
                            "url": township_url(t.organisation, year),
                        }
                        for t in ranked
                    ],
                }
            ],
        },
    }
    categories = result.categories
    cells = []
    for row, township in enumerate(ranked):
        for column, category in enumerate(township.categories):
            points = category.category.points
            rate = category.subtotal / points * 100 if points else Decimal(0)
            cells.append(
                {
                    "value": [column, row, round(_float(rate), 1)],
                    "url": township_url(township.organisation, year),
                }
            )
    heatmap = {
        "title": "各类别得分率（%）",
        "option": {
            "tooltip": {"trigger": "item"},
            "grid": {"left": 96, "right": 16, "top": 8, "bottom": 96},
            "xAxis": {
                "type": "category",
                "data": [c.name for c in categories],
                "axisLabel": {"interval": 0, "rotate": 30},
            },
            "yAxis": {"type": "category", "inverse": True, "data": names, "axisLabel": LABELS},
            "visualMap": {
                "min": 0,
                "max": 100,
                "calculable": False,
                "orient": "horizontal",
                "left": "center",
                "bottom": 0,
                "inRange": {"color": ["#d9534f", "#f0ad4e", "#5cb85c"]},
            },
            "series": [
                {
                    "type": "heatmap",
                    "label": {"show": len(categories) * len(ranked) <= 120},
                    "data": cells,
                }
            ],
        },
    }
    return {"totals": totals, "categories": heatmap}
