"""Forms built from a ledger kind's declaration. They only convert input; services validate."""

from datetime import date

import django_filters
from django import forms
from django.db import models
from django.db.models.functions import ExtractMonth
from django.db.models.lookups import Exact
from django_filters.constants import EMPTY_VALUES

from fazhi.core import versions
from fazhi.core.forms import Form, ModelForm
from fazhi.core.widgets import DateInput
from fazhi.ledgers.citations import CitationInput, CitationTextarea
from fazhi.ledgers.models import AttachmentCategory
from fazhi.ledgers.personal import mask_value, may_see_personal, search_condition
from fazhi.ledgers.registry import LedgerKind
from fazhi.orgs.models import Organisation
from fazhi.orgs.scoping import scope_queryset


def _style(field: forms.Field) -> None:
    widget = field.widget
    if isinstance(widget, forms.CheckboxInput):
        widget.attrs.setdefault("class", "form-check-input")
    elif isinstance(widget, forms.Select):
        widget.attrs.setdefault("class", "form-select")
    else:
        widget.attrs.setdefault("class", "form-control")


def organisations_for(user, kind: LedgerKind, capabilities):
    return scope_queryset(
        Organisation.objects.filter(level=kind.org_level),
        user,
        org_field="",
        capabilities=capabilities,
    )


def record_form_class(kind: LedgerKind):
    def formfield(field: models.Field, **kwargs):
        if isinstance(field, models.DateField):
            kwargs["widget"] = DateInput()
        if isinstance(field, models.TextField):
            kwargs["widget"] = forms.Textarea(attrs={"rows": 3})
        if field.name in kind.citations:
            textarea = isinstance(field, models.TextField)
            kwargs["widget"] = CitationTextarea(attrs={"rows": 3}) if textarea else CitationInput()
        return field.formfield(**kwargs)

    class Meta:
        model = kind.model
        fields = ("organisation", "occurred_on", *kind.fields)
        formfield_callback = formfield

    def __init__(self, *args, user, **kwargs):
        ModelForm.__init__(self, *args, **kwargs)
        # Abolished units are offered only to the records already theirs.
        editable = organisations_for(user, kind, kind.edit_capabilities)
        current = editable.filter(
            models.Q(abolished_on__isnull=True) | models.Q(pk=self.instance.organisation_id)
        )
        self.fields["organisation"].queryset = current
        for field in self.fields.values():
            _style(field)
        # Personal data of a saved record: masked for roles that may not see it (the service
        # keeps the real value when the mask comes back unchanged).
        saved = self.instance if self.instance.pk else None
        # An edit carries the version of the record it shows (fazhi.core.versions).
        if saved is None:
            del self.fields[versions.FIELD]
        elif not self.is_bound:
            self.initial[versions.FIELD] = versions.current_version(saved)
        self.shows_personal_data = False
        if saved is not None and kind.personal_fields:
            if may_see_personal(user, saved.organisation):
                self.shows_personal_data = True
            else:
                for name, kind_of_data in kind.personal_fields.items():
                    if name in self.fields:
                        self.initial[name] = mask_value(getattr(saved, name), kind_of_data)

    def clean(self):
        # The services refuse these dates too; said here as well, the page shows them beside
        # the other fields' mistakes instead of only once those are put right.
        cleaned = ModelForm.clean(self)
        for name, message in kind.happened_errors(cleaned).items():
            self.add_error(name, message)
        return cleaned

    def _post_clean(self):
        # Model validation happens once, in the service; the form only converts values.
        pass

    return type(
        f"{kind.model.__name__}Form",
        (ModelForm,),
        {
            "Meta": Meta,
            "__init__": __init__,
            "clean": clean,
            "_post_clean": _post_clean,
            versions.FIELD: versions.version_field(),
        },
    )


class ArchiveForm(Form):
    reason = forms.CharField(
        label="归档原因", max_length=200, widget=forms.TextInput(attrs={"class": "form-control"})
    )


class AttachmentForm(Form):
    file = forms.FileField(
        label="文件", widget=forms.ClearableFileInput(attrs={"class": "form-control"})
    )
    category = forms.ChoiceField(
        label="类别",
        choices=AttachmentCategory.choices,
        initial=AttachmentCategory.PHOTO,
        widget=forms.Select(attrs={"class": "form-select"}),
    )


class AttachmentArchiveForm(Form):
    reason = forms.CharField(
        label="移除原因",
        max_length=200,
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
        error_messages={"required": "请填写移除原因。"},
    )
    seen_version = versions.version_field()


class AttachmentReplaceForm(Form):
    file = forms.FileField(
        label="新文件",
        widget=forms.ClearableFileInput(attrs={"class": "form-control form-control-sm"}),
        error_messages={"required": "请选择用来替换的新文件。"},
    )
    seen_version = versions.version_field()


class ImportForm(Form):
    file = forms.FileField(
        label="Excel 文件（.xlsx）",
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ".xlsx"}),
    )


class MonthOf(ExtractMonth):
    """The month of a date; on SQLite by its built-in strftime, not Django's Python function
    (called once a row, it made a county's month filter walk at a third of the speed)."""

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.lhs)
        return f"CAST(strftime('%%m', {sql}) AS INTEGER)", params


class ChineseOrderingFilter(django_filters.OrderingFilter):
    """A list sorted by one column, ties in the list's date order; "倒序" reverses the whole
    order. Total (pages never overlap) and served by the column's index (0xxx_search_and_list_
    indexes: column, then date and id descending) walked forwards or backwards."""

    descending_fmt = "%s（倒序）"

    def filter(self, qs, value):
        ordering = [self.get_ordering_value(p) for p in value or () if p not in EMPTY_VALUES]
        if not ordering:
            return qs
        column = ordering[0]
        descending = column.startswith("-")
        if column.lstrip("-") == "occurred_on":
            ties = ["-pk"] if descending else ["pk"]
        else:
            ties = ["occurred_on", "pk"] if descending else ["-occurred_on", "-pk"]
        return qs.order_by(column, *ties)


SEARCH_MAX = 100
MIN_YEAR, MAX_YEAR = 1900, 9998  # a year outside has no date range; filtered on `year` alone


def record_filterset_class(kind: LedgerKind):
    """Year, month, organisation, the kind's choice fields, free text and ordering; all in
    the URL."""
    model = kind.model
    # Never by a personal field: the order of masked names would tell them apart.
    sortable = [
        "occurred_on",
        *[f for f in kind.list_columns if f != "organisation" and f not in kind.personal_fields],
    ]

    def search(self, queryset, name, value):
        if not kind.search_fields:
            return queryset
        return queryset.filter(search_condition(kind, self.user, value))

    def in_year(self, queryset, name, value):
        # Also as a date range (year follows the date), so the date indexes seek to it.
        year = int(value)
        if not MIN_YEAR <= year <= MAX_YEAR:
            return queryset.filter(year=year)
        month = self.form.cleaned_data.get("month")
        first, last = (1, 12) if not month else (int(month), int(month))
        start = date(year, first, 1)
        end = date(year + 1, 1, 1) if last == 12 else date(year, last + 1, 1)
        return queryset.filter(year=year, occurred_on__gte=start, occurred_on__lt=end)

    def in_month(self, queryset, name, value):
        if self.form.cleaned_data.get("year") is not None:
            return queryset  # in_year narrowed the dates to the month
        return queryset.filter(Exact(MonthOf("occurred_on"), int(value)))

    attrs = {
        "year": django_filters.NumberFilter(label="年度", method="in_year"),
        # The month of the record's date: a dashboard's monthly chart opens one month's records.
        "month": django_filters.ChoiceFilter(
            label="月份",
            method="in_month",
            choices=[(month, f"{month}月") for month in range(1, 13)],
            empty_label="全部",
        ),
        "organisation": django_filters.ModelChoiceFilter(
            label="单位", queryset=Organisation.objects.none(), empty_label="全部单位"
        ),
        # Bounded: an overlong pattern is a 500 on SQLite ("LIKE pattern too complex").
        "q": django_filters.CharFilter(label="搜索", method="search", max_length=SEARCH_MAX),
        "sort": ChineseOrderingFilter(
            label="排序",
            empty_label="默认",
            fields=[(name, name) for name in sortable],
            field_labels={name: str(model._meta.get_field(name).verbose_name) for name in sortable},
        ),
    }
    for name in kind.filter_fields:
        attrs[name] = django_filters.ChoiceFilter(
            label=str(model._meta.get_field(name).verbose_name),
            choices=model._meta.get_field(name).choices,
            empty_label="全部",
        )

    class Meta:
        model = kind.model
        fields: list[str] = []
        form = Form

    def __init__(self, data=None, queryset=None, *, user, **kwargs):
        django_filters.FilterSet.__init__(self, data, queryset, **kwargs)
        self.user = user
        self.filters["organisation"].queryset = organisations_for(
            user, kind, kind.view_capabilities
        )
        for field in self.form.fields.values():
            _style(field)

    attrs.update(
        {
            "Meta": Meta,
            "__init__": __init__,
            "search": search,
            "in_year": in_year,
            "in_month": in_month,
        }
    )
    return type(f"{model.__name__}FilterSet", (django_filters.FilterSet,), attrs)
