"""A small scheme for the scoring and results tests: categories and items built directly on the
models (the scheme helper's services validate and import; here only the numbers matter)."""

from decimal import Decimal

from fazhi.assessment.models import Category, Item, Scheme

BANDS = [
    {"grade": "优秀", "min": 90},
    {"grade": "良好", "min": 80},
    {"grade": "合格", "min": 60},
    {"grade": "不合格", "min": 0},
]


def make_scheme(county, year: int, categories, *, total=None, bands=None) -> Scheme:
    """`categories`: [(name, points, floor_at_zero, [item dicts])]; an item dict holds code,
    points, kind and optionally params, indicator_code, fact, falsification_penalty."""
    if total is None:  # a consistent scheme (scoring locks it, and only a consistent one locks)
        total = sum(Decimal(str(points)) for _, points, _, _ in categories)
    scheme = Scheme.objects.create(
        county=county,
        year=year,
        title=f"{county.name}{year}年度法治政府建设考核细则",
        total_points=Decimal(str(total)),
        grade_bands=BANDS if bands is None else bands,
    )
    for position, (name, points, floor, items) in enumerate(categories):
        category = Category.objects.create(
            scheme=scheme,
            position=position,
            name=name,
            points=Decimal(str(points)),
            floor_at_zero=floor,
        )
        for index, spec in enumerate(items):
            spec = dict(spec)
            Item.objects.create(
                scheme=scheme,
                category=category,
                position=index,
                code=spec.pop("code"),
                title=spec.pop("title", "考核内容"),
                points=Decimal(str(spec.pop("points"))),
                kind=spec.pop("kind"),
                params=spec.pop("params", {}),
                falsification_penalty=Decimal(str(spec.pop("falsification_penalty", 0))),
                **spec,
            )
    return scheme


def simple_scheme(county, year: int) -> Scheme:
    """Three categories, 100 points: study sessions over a threshold (20), the report's
    submission (10) and a manual item (70, so totals spread over the grade bands)."""
    return make_scheme(
        county,
        year,
        [
            (
                "学法用法",
                20,
                False,
                [
                    {
                        "code": "1.1",
                        "points": 20,
                        "kind": "threshold",
                        "params": {"target": 4, "per_missing": 5},
                        "indicator_code": "study.sessions",
                    }
                ],
            ),
            (
                "报告报送",
                10,
                False,
                [
                    {
                        "code": "2.1",
                        "points": 10,
                        "kind": "late",
                        "params": {"late": 5, "missing": 10},
                        "fact": "report.submission",
                    }
                ],
            ),
            (
                "综合评价",
                70,
                False,
                [{"code": "3.1", "points": 70, "kind": "manual", "falsification_penalty": 10}],
            ),
        ],
    )
