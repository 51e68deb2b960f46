"""Indicators over the API: the catalogue, figures of organisations × years, and the records
behind a figure. Figures come only from the indicator engine (engine.evaluate, as the pages'
selectors); organisations are looked up in the user's scope, another's is 404. (Not named
indicators.py: by the import contracts that name is an app's registration of computations.)"""

from datetime import date, datetime

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from fazhi.api import bounds
from fazhi.catalogue import load_catalogue
from fazhi.core.http import MAX_YEAR, MIN_YEAR, int_param, year_param
from fazhi.indicators import engine, selectors
from fazhi.indicators.formatting import format_value

MAX_ORGANISATIONS = 50
MAX_YEARS = 10


class IndicatorSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField(help_text="指标名称")
    unit = serializers.CharField(allow_blank=True, help_text="计量单位")
    kind = serializers.CharField(help_text="count / sum / ratio")
    counts = serializers.CharField(help_text="统计口径")
    numerator = serializers.CharField(allow_null=True, help_text="比率的分子指标")
    denominator = serializers.CharField(allow_null=True, help_text="比率的分母指标")


def _number(value):
    """An int stays an int; a Decimal becomes a JSON number (values carry ≤ 2 places)."""
    return None if value is None else (value if isinstance(value, int) else float(value))


class FigureSerializer(serializers.Serializer):
    organisation_code = serializers.CharField()
    organisation_name = serializers.CharField()
    year = serializers.IntegerField()
    code = serializers.CharField()
    value = serializers.FloatField(allow_null=True, help_text="无可计算的值时为 null")
    text = serializers.CharField(help_text="页面和报告中的写法，如“95.5%”")
    numerator = serializers.FloatField(allow_null=True)
    denominator = serializers.FloatField(allow_null=True)


class FigureListSerializer(serializers.Serializer):
    results = FigureSerializer(many=True)


class RecordSerializer(serializers.Serializer):
    record_id = serializers.IntegerField()
    occurred_on = serializers.DateField(allow_null=True)
    organisation = serializers.CharField()
    label = serializers.CharField(help_text="记录名称（个人信息按页面规则遮蔽）")
    url = serializers.CharField(allow_null=True, help_text="台账页面地址")


class SectionSerializer(serializers.Serializer):
    role = serializers.CharField(allow_blank=True, help_text="“分子”“分母”，非比率指标为空")
    code = serializers.CharField()
    name = serializers.CharField()
    value = serializers.FloatField(allow_null=True)
    text = serializers.CharField()
    count = serializers.IntegerField(help_text="记录总数")
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    records = RecordSerializer(many=True)


class FigureRecordsSerializer(serializers.Serializer):
    organisation_code = serializers.CharField()
    year = serializers.IntegerField()
    code = serializers.CharField()
    value = serializers.FloatField(allow_null=True)
    text = serializers.CharField()
    sections = SectionSerializer(many=True)


def _date(value):
    """The record's date; a bare year (records dated by year only) is no date."""
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


def _values(request, name: str) -> list[str]:
    """`?name=a&name=b` or `?name=a,b`, trimmed, each once."""
    values = []
    for raw in request.query_params.getlist(name):
        values.extend(part.strip() for part in raw.split(","))
    return list(dict.fromkeys(v for v in values if v))


def _years(request) -> list[int]:
    raw = _values(request, "year")
    if not raw:
        raise ValidationError({"year": ["请指定年度。"]})
    years = [year_param({"year": value}, None) for value in raw]
    if None in years:
        raise ValidationError({"year": [f"年度须为 {MIN_YEAR}—{MAX_YEAR} 之间的整数。"]})
    if len(years) > MAX_YEARS:
        raise ValidationError({"year": [f"一次最多查询 {MAX_YEARS} 个年度。"]})
    return years


def _codes(request) -> list[str]:
    catalogue = load_catalogue()
    codes = _values(request, "code")
    unknown = [code for code in codes if code not in catalogue]
    if unknown:
        raise ValidationError({"code": [f"没有这个指标：{'、'.join(unknown[:5])}。"]})
    return codes or [item.code for item in catalogue.indicators]


@extend_schema(responses=IndicatorSerializer(many=True), summary="指标目录")
@api_view(["GET"])
def catalogue(request):
    rows = [
        {
            "code": item.code,
            "name": item.name,
            "unit": item.unit,
            "kind": item.kind,
            "counts": item.counts,
            "numerator": item.numerator,
            "denominator": item.denominator,
        }
        for item in load_catalogue().indicators
    ]
    return Response(IndicatorSerializer(rows, many=True).data)


@extend_schema(
    summary="指标数值（单位 × 年度）",
    description="每个单位的数值覆盖其全部下级单位，与页面和年度报告同一计算。",
    parameters=[
        OpenApiParameter("org", str, many=True, required=True, description="单位代码，可多个"),
        OpenApiParameter("year", int, many=True, required=True, description="年度，可多个"),
        OpenApiParameter("code", str, many=True, description="指标代码，缺省为全部指标"),
    ],
    responses=FigureListSerializer,
)
@api_view(["GET"])
def values(request):
    selectors.require_figure_viewer(request.user)
    codes_of_orgs = _values(request, "org")
    if not codes_of_orgs:
        raise ValidationError({"org": ["请指定单位代码。"]})
    if len(codes_of_orgs) > MAX_ORGANISATIONS:
        raise ValidationError({"org": [f"一次最多查询 {MAX_ORGANISATIONS} 个单位。"]})
    years = _years(request)
    codes = _codes(request)
    organisations = [
        selectors.organisation_or_404(request.user, bounds.code(c)) for c in codes_of_orgs
    ]
    table = engine.evaluate(codes, organisations, years)
    catalogue = load_catalogue()
    rows = [
        {
            "organisation_code": organisation.code,
            "organisation_name": organisation.name,
            "year": year,
            "code": code,
            "value": _number(figure.value),
            "text": format_value(code, figure.value),
            "numerator": _number(figure.numerator) if catalogue[code].is_ratio else None,
            "denominator": _number(figure.denominator) if catalogue[code].is_ratio else None,
        }
        for organisation in organisations
        for year in years
        for code in codes
        for figure in [table.figure(code, organisation, year)]
    ]
    return Response(FigureListSerializer({"results": rows}).data)


@extend_schema(
    summary="指标数值背后的记录",
    description="比率指标分“分子”“分母”两组列出；每组每页 100 条。",
    parameters=[
        OpenApiParameter("year", int, description="年度，缺省为今年"),
        OpenApiParameter("page", int, description="页码"),
    ],
    responses=FigureRecordsSerializer,
)
@api_view(["GET"])
def records(request, code, indicator):
    organisation = selectors.organisation_or_404(request.user, bounds.code(code))
    item = selectors.indicator_or_404(indicator)
    year = year_param(request.query_params, timezone.localdate().year)
    page = int_param(request.query_params, "page")
    value, sections = selectors.figure_sections(request.user, item, organisation, year, page)
    data = {
        "organisation_code": organisation.code,
        "year": year,
        "code": item.code,
        "value": _number(value),
        "text": format_value(item.code, value),
        "sections": [
            {
                "role": section.role,
                "code": section.indicator.code,
                "name": section.indicator.name,
                "value": _number(section.figure.value),
                "text": format_value(section.indicator.code, section.figure.value),
                "count": section.page.paginator.count,
                "page": section.page.number,
                "pages": section.page.paginator.num_pages,
                "records": [
                    {
                        "record_id": row.record_id,
                        "occurred_on": _date(row.occurred_on),
                        "organisation": row.organisation,
                        "label": row.label,
                        "url": row.url,
                    }
                    for row in section.rows
                ],
            }
            for section in sections
        ],
    }
    return Response(FigureRecordsSerializer(data).data)
