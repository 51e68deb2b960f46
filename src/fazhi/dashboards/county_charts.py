"""The county comparison's charts, ECharts options (plain JSON) built from the very cells the
table shows: a bar per township for one indicator, and a heat map of every shown figure by rank
(so that figures in different units share one colour scale). Every item opens its records."""

from decimal import Decimal

from fazhi.dashboards.county import CountyDashboard

ROW_HEIGHT = 30  # pixels per township in the heat map


def _number(value):
    # JSON has no Decimal (Django's encoder would write a string ECharts does not plot).
    return float(value) if isinstance(value, Decimal) else value


def rank_score(rank: int, ranked: int) -> float:
    """1 for the first, 0 for the last, evenly between: ranks of different figures compared."""
    if ranked <= 1:
        return 1.0
    return round(1 - (rank - 1) / (ranked - 1), 3)


def bar_chart(dashboard: CountyDashboard) -> dict | None:
    column = dashboard.chart_column
    if column is None or not dashboard.rows:
        return None
    cells = dashboard.column_cells(column.code)
    option = {
        "tooltip": {"trigger": "item", "formatter": "{b}：{c}" + column.unit},
        "grid": {"left": 56, "right": 16, "top": 32, "bottom": 8, "containLabel": True},
        "xAxis": {
            "type": "category",
            "data": [cell.organisation.name for cell in cells],
            "axisLabel": {"interval": 0, "rotate": 30 if len(cells) > 6 else 0},
        },
        "yAxis": {"type": "value", "name": column.unit},
        "series": [
            {
                "type": "bar",
                "label": {"show": True, "position": "top"},
                "data": [
                    {
                        "value": _number(cell.value),
                        "raw": cell.raw,
                        "org": cell.organisation.code,
                        "rank": cell.rank,
                        "url": cell.url,
                    }
                    for cell in cells
                ],
            }
        ],
    }
    return {"title": f"{column.name}（{column.unit}）", "code": column.code, "option": option}


def rank_map(dashboard: CountyDashboard) -> dict | None:
    if not dashboard.rows or not dashboard.columns:
        return None
    ranked = [
        sum(1 for row in dashboard.rows if row.cells[x].rank) for x in range(len(dashboard.columns))
    ]
    data = []
    for y, row in enumerate(dashboard.rows):
        for x, cell in enumerate(row.cells):
            if cell.rank is None:
                continue
            data.append(
                {
                    "value": [x, y, rank_score(cell.rank, ranked[x]), cell.rank],
                    "name": f"{row.township.name} · {cell.indicator.name}：{cell.text}，"
                    f"第{cell.rank}名",
                    "org": row.township.code,
                    "code": cell.code,
                    "url": cell.url,
                }
            )
    option = {
        "tooltip": {"trigger": "item", "formatter": "{b}"},
        "grid": {"left": 8, "right": 8, "top": 8, "bottom": 8, "containLabel": True},
        "xAxis": {
            "type": "category",
            "data": [column.name for column in dashboard.columns],
            "splitArea": {"show": True},
            "axisLabel": {"interval": 0, "rotate": 35, "width": 110, "overflow": "truncate"},
        },
        "yAxis": {
            "type": "category",
            "inverse": True,
            "data": [row.township.name for row in dashboard.rows],
        },
        "visualMap": {
            "show": False,
            "min": 0,
            "max": 1,
            "dimension": 2,
            "inRange": {"color": ["#e6a1a1", "#fbe5b6", "#b9dcb0"]},
        },
        "series": [
            {"type": "heatmap", "data": data, "label": {"show": True, "formatter": "{@[3]}"}}
        ],
    }
    height = 150 + ROW_HEIGHT * len(dashboard.rows)
    return {"title": "各项指标排名（1 为最好）", "option": option, "height": height}


def county_charts(dashboard: CountyDashboard) -> dict[str, dict]:
    charts = {"bar": bar_chart(dashboard), "ranks": rank_map(dashboard)}
    return {key: chart for key, chart in charts.items() if chart}
