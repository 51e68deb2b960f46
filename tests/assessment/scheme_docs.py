"""A small valid scheme file for the scheme tests, and ways to spoil it."""

import copy

import yaml

from fazhi.assessment.models import Category, Item, Scheme

BASE = {
    "format": "fazhi-scheme/1",
    "year": 2025,
    "title": "甲县2025年度考核细则",
    "total_points": 10,
    "grade_bands": [
        {"grade": "优秀", "min": 9},
        {"grade": "良好", "min": 8},
        {"grade": "合格", "min": 6},
        {"grade": "不合格", "min": 0},
    ],
    "categories": [
        {
            "name": "学法用法",
            "points": 6,
            "floor_at_zero": False,
            "items": [
                {
                    "code": "1.1",
                    "title": "全年学法不少于6次",
                    "points": 1.5,
                    "kind": "threshold",
                    "params": {"target": 6, "per_missing": 0.3, "cap": 1.2},
                    "indicator": "study.sessions",
                    "evidence": "学法记录",
                    "source": "S1 开江县 第6项",
                },
                {
                    "code": "1.2",
                    "title": "考试合格率",
                    "points": 2.5,
                    "kind": "ratio",
                    "params": {"mode": "banded", "target": 90, "step": 10, "per_step": 1},
                    "indicator": "study.exam_pass_rate",
                },
                {
                    "code": "1.3",
                    "title": "年终述法",
                    "points": 2,
                    "kind": "yesno",
                    "indicator": "governance.law_report_sessions",
                    "falsification_penalty": 0.5,
                },
            ],
        },
        {
            "name": "报送",
            "points": 4,
            "floor_at_zero": True,
            "items": [
                {
                    "code": "2.1",
                    "title": "年度报告按时报送",
                    "points": 2,
                    "kind": "late",
                    "params": {"late": 1, "missing": 2},
                    "fact": "report.submission",
                },
                {
                    "code": "2.2",
                    "title": "逾期事项",
                    "points": 2,
                    "kind": "deduction",
                    "params": {"per_unit": 0.5, "cap": 2},
                    "indicator": "deadlines.overdue",
                },
                {
                    "code": "2.3",
                    "title": "违法决策一票否决",
                    "points": 0,
                    "kind": "veto",
                    "params": {"scope": "whole"},
                },
            ],
        },
    ],
}


def document(**changes) -> dict:
    data = copy.deepcopy(BASE)
    data.update(changes)
    return data


def as_yaml(data: dict) -> bytes:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode()


def item(data: dict, code: str) -> dict:
    return next(i for c in data["categories"] for i in c["items"] if i["code"] == code)


def snapshot(county) -> list:
    """Every stored value of the county's schemes (to compare before and after)."""
    schemes = list(
        Scheme.objects.filter(county=county)
        .order_by("year")
        .values_list("pk", "year", "title", "total_points", "grade_bands", "locked_at")
    )
    categories = list(
        Category.objects.filter(scheme__county=county)
        .order_by("pk")
        .values_list("pk", "name", "points", "position", "floor_at_zero")
    )
    items = list(
        Item.objects.filter(scheme__county=county)
        .order_by("pk")
        .values_list(
            "pk",
            "category_id",
            "position",
            "code",
            "title",
            "points",
            "kind",
            "params",
            "indicator_code",
            "fact",
            "falsification_penalty",
            "evidence_hint",
            "source",
        )
    )
    return [schemes, categories, items]
