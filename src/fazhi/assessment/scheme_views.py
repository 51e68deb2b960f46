"""Pages of the assessment scheme (考核细则): the list by county and year, a scheme's detail,
copy from last year, import, export, lock and the edit of an item or a category. The county's
inspector and administrator manage; its townships read (for their self-assessment)."""

from urllib.parse import quote

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from fazhi.assessment import scheme_io, schemes
from fazhi.assessment.models import Category, Item, Scheme
from fazhi.assessment.rules import PARAMS
from fazhi.core import versions
from fazhi.core.forms import Form
from fazhi.core.http import form_data, form_files, require
from fazhi.core.uploads import read_upload
from fazhi.orgs.models import Organisation
from fazhi.orgs.roles import Level
from fazhi.orgs.scoping import get_for_user_or_404, require_capability

MANAGE_MESSAGE = "只有本县（区）的督察或系统管理员可以管理考核细则。"
CONTENT_TYPES = {
    scheme_io.YAML: "application/yaml; charset=utf-8",
    scheme_io.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _styled(form):
    """Bootstrap classes on the form's widgets (no inline style: the CSP refuses it)."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "form-select")
        elif not isinstance(widget, forms.HiddenInput):
            widget.attrs.setdefault("class", "form-control")
    return form


def _scheme(request, pk: int) -> Scheme:
    return get_object_or_404(schemes.visible_schemes(request.user), pk=pk)


def _require_manager(request, county) -> None:
    require(schemes.may_manage(request.user, county), MANAGE_MESSAGE)


def _managed_county(request, code: str) -> Organisation:
    """A county the user manages (403 for roles that manage none, 404 for other counties)."""
    require_capability(request.user, schemes.MANAGE, MANAGE_MESSAGE)
    county = get_for_user_or_404(
        Organisation.objects.filter(level=Level.COUNTY),
        request.user,
        capabilities=schemes.MANAGE,
        code=code,
    )
    _require_manager(request, county)
    return county


def _managed_counties(user) -> list:
    counties = Organisation.objects.filter(level=Level.COUNTY).order_by("path")
    if not (user.is_superuser and user.is_active):
        counties = counties.for_user(user, schemes.MANAGE)
    return [county for county in counties if schemes.may_manage(user, county)]


def scheme_list(request):
    visible = list(schemes.visible_schemes(request.user).order_by("county__path", "-year"))
    managed = _managed_counties(request.user)
    counties = {county.pk: {"county": county, "schemes": [], "manage": True} for county in managed}
    for scheme in visible:
        entry = counties.setdefault(
            scheme.county_id, {"county": scheme.county, "schemes": [], "manage": False}
        )
        entry["schemes"].append(scheme)
    return render(
        request,
        "assessment/scheme_list.html",
        {"counties": sorted(counties.values(), key=lambda e: e["county"].path)},
    )


def scheme_detail(request, pk: int):
    scheme = _scheme(request, pk)
    manage = schemes.may_manage(request.user, scheme.county)
    items = list(scheme.items.order_by("category__position", "position", "pk"))
    categories = []
    for category in scheme.categories.order_by("position", "pk"):
        rows = [
            {
                "item": item,
                "rule": schemes.describe_rule(item),
                "reads": schemes.reads(item),
            }
            for item in items
            if item.category_id == category.pk
        ]
        categories.append({"category": category, "rows": rows})
    return render(
        request,
        "assessment/scheme_detail.html",
        {
            "scheme": scheme,
            "categories": categories,
            "item_count": len(items),
            "manage": manage,
            "editable": manage and not scheme.locked,
            "problems": schemes.scheme_errors(scheme) if manage and not scheme.locked else [],
            "version": versions.current_version(scheme),
        },
    )


@require_GET
def scheme_export(request, pk: int, fmt: str):
    if fmt not in CONTENT_TYPES:
        raise Http404("没有这种导出格式。")
    scheme = _scheme(request, pk)
    _require_manager(request, scheme.county)
    response = HttpResponse(schemes.scheme_export(scheme, fmt), content_type=CONTENT_TYPES[fmt])
    filename = quote(f"{scheme.county.name}{scheme.year}年度考核细则.{fmt}")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{filename}"
    return response


@require_POST
def scheme_lock(request, pk: int):
    scheme = _scheme(request, pk)
    _require_manager(request, scheme.county)
    try:
        schemes.scheme_lock(
            request.user, scheme, seen_version=request.POST.get(versions.FIELD) or None
        )
    except versions.StaleEdit as stale:
        messages.error(request, f"{stale.message}请核对后再锁定。")
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(request, f"{scheme.year}年度考核细则已锁定，此后不能修改。")
    return redirect("schemes:detail", pk=scheme.pk)


# --- copy and import -----------------------------------------------------------------------------


class CopyForm(Form):
    source = forms.ModelChoiceField(label="复制哪一年的细则", queryset=Scheme.objects.none())
    year = forms.IntegerField(label="新细则的年度", min_value=2000, max_value=2100)
    title = forms.CharField(
        label="名称", max_length=200, required=False, help_text="留空则沿用原名称并改为新年度"
    )

    def __init__(self, *args, county, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["source"]
        field.queryset = Scheme.objects.filter(county=county).order_by("-year")
        field.label_from_instance = lambda scheme: f"{scheme.year}年度：{scheme.title}"
        latest = field.queryset.first()
        if latest is not None:
            self.initial.setdefault("source", latest.pk)
            self.initial.setdefault("year", latest.year + 1)
        else:
            self.initial.setdefault("year", timezone.localdate().year)


def scheme_copy(request, code: str):
    county = _managed_county(request, code)
    form = _styled(CopyForm(form_data(request), county=county))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            scheme = schemes.scheme_copy(
                request.user, data["source"], data["year"], title=data["title"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"已复制为{scheme.year}年度考核细则，可修改后锁定。")
            return redirect("schemes:detail", pk=scheme.pk)
    return render(request, "assessment/scheme_copy.html", {"county": county, "form": form})


class ImportForm(Form):
    file = forms.FileField(label="考核细则文件（.yaml 或 .xlsx）")
    year = forms.IntegerField(
        label="导入为哪一年度",
        min_value=2000,
        max_value=2100,
        required=False,
        help_text="留空则按文件中写明的年度",
    )


def scheme_import(request, code: str):
    county = _managed_county(request, code)
    form = _styled(ImportForm(form_data(request), form_files(request)))
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        fmt = scheme_io.guess_format(upload.name)
        if fmt is None:
            form.add_error("file", "请上传 .yaml（.yml）或 .xlsx 文件。")
        else:
            try:
                outcome = schemes.scheme_import(
                    request.user,
                    county,
                    read_upload(upload),
                    fmt,
                    year=form.cleaned_data["year"],
                )
            except schemes.SchemeInvalid as invalid:
                errors = invalid.errors_list
            except ValidationError as error:
                form.add_error("file", error)
            else:
                messages.success(
                    request,
                    f"导入完成：新增 {outcome.items_created} 项，修改 {outcome.items_updated} 项，"
                    f"未变化 {outcome.items_unchanged} 项，删除 {outcome.items_removed} 项。",
                )
                return redirect("schemes:detail", pk=outcome.scheme.pk)
    return render(
        request,
        "assessment/scheme_import.html",
        {"county": county, "form": form, "errors": errors},
    )


# --- edits --------------------------------------------------------------------------------------


def _item_form(item: Item, data):
    fields = {
        "title": forms.CharField(label="考核内容", max_length=300),
        "points": forms.DecimalField(label="分值", max_digits=6, decimal_places=2),
    }
    initial = {"title": item.title, "points": scheme_io.number_text(item.points)}
    for spec in PARAMS[item.kind]:
        fields[f"param_{spec.name}"] = forms.CharField(
            label=spec.label,
            required=False,
            help_text="" if spec.required and spec.default is None else "可留空",
        )
        if spec.name in item.params:
            initial[f"param_{spec.name}"] = str(item.params[spec.name])
    fields["reason"] = forms.CharField(label="修改理由", max_length=100, required=False)
    fields[versions.FIELD] = versions.version_field()
    form_class = type("ItemForm", (Form,), fields)
    form = form_class(data, initial=initial)
    return _styled(versions.carry(form, versions.current_version(item)))


def _editable(request, model, pk):
    obj = get_object_or_404(
        model.objects.select_related("scheme__county").filter(
            scheme__in=schemes.visible_schemes(request.user)
        ),
        pk=pk,
    )
    _require_manager(request, obj.scheme.county)
    require(not obj.scheme.locked, schemes.LOCKED_MESSAGE)
    return obj


def item_edit(request, pk: int):
    item = _editable(request, Item, pk)
    form = _item_form(item, form_data(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        params = {
            spec.name: data[f"param_{spec.name}"].strip()
            for spec in PARAMS[item.kind]
            if data[f"param_{spec.name}"].strip()
        }
        try:
            schemes.item_update(
                request.user,
                item,
                title=data["title"],
                points=data["points"],
                params=params,
                reason=data["reason"],
                seen_version=versions.seen(form),
            )
        except versions.StaleEdit as stale:
            versions.keep_input(form, stale)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"项目 {item.code} 已保存。")
            return redirect("schemes:detail", pk=item.scheme_id)
    return render(
        request,
        "assessment/scheme_item_edit.html",
        {
            "item": item,
            "scheme": item.scheme,
            "form": form,
            "reads": schemes.reads(item),
            "rule": schemes.describe_rule(item),
        },
    )


class CategoryForm(versions.VersionedForm):
    name = forms.CharField(label="类别名称", max_length=100)
    points = forms.DecimalField(label="分值", max_digits=6, decimal_places=2)
    floor_at_zero = forms.BooleanField(label="扣完为止", required=False)


def category_edit(request, pk: int):
    category = _editable(request, Category, pk)
    form = CategoryForm(
        form_data(request),
        initial={
            "name": category.name,
            "points": scheme_io.number_text(category.points),
            "floor_at_zero": category.floor_at_zero,
        },
    )
    versions.carry(_styled(form), versions.current_version(category))
    if request.method == "POST" and form.is_valid():
        try:
            schemes.category_update(
                request.user,
                category,
                name=form.cleaned_data["name"],
                points=form.cleaned_data["points"],
                floor_at_zero=form.cleaned_data["floor_at_zero"],
                seen_version=versions.seen(form),
            )
        except versions.StaleEdit as stale:
            versions.keep_input(form, stale)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"类别“{category.name}”已保存。")
            return redirect("schemes:detail", pk=category.scheme_id)
    return render(
        request,
        "assessment/scheme_category_edit.html",
        {"category": category, "scheme": category.scheme, "form": form},
    )
