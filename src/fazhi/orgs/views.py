from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from fazhi.core import versions
from fazhi.core.history import history_entries
from fazhi.core.http import form_data, form_files, require
from fazhi.core.imports import ImportFailed
from fazhi.core.uploads import read_upload
from fazhi.orgs import divisions, excel, selectors, services
from fazhi.orgs.forms import (
    ChildForm,
    MergeForm,
    OrganisationFilterForm,
    OrganisationForm,
    ReasonForm,
    TreeImportForm,
)
from fazhi.orgs.models import Organisation
from fazhi.orgs.roles import CHILD_LEVEL, ROLE_CAPABILITIES, Capability, Level
from fazhi.orgs.scoping import (
    get_for_user_or_404,
    has_capability,
    memberships_of,
    require_capability,
)


def _visible(request, code: str) -> Organisation:
    return get_for_user_or_404(
        Organisation.objects.select_related("parent"), request.user, code=code
    )


def _require(request, capability: Capability, organisation: Organisation) -> None:
    require_capability(request.user, capability, "您的角色无权进行此操作。", organisation)


def organisation_list(request):
    form = OrganisationFilterForm(request.GET or None)
    organisations = selectors.organisation_list(user=request.user)
    if form.is_valid():
        if form.cleaned_data["level"]:
            organisations = organisations.filter(level=form.cleaned_data["level"])
        if query := form.cleaned_data["q"].strip():
            organisations = organisations.filter(name__contains=query) | organisations.filter(
                code__contains=query
            )
    return render(
        request,
        "orgs/list.html",
        {"form": form, "organisations": organisations, "can_setup": _may_enter_setup(request.user)},
    )


def organisation_detail(request, code: str):
    organisation = _visible(request, code)
    return render(
        request,
        "orgs/detail.html",
        {
            "organisation": organisation,
            "children": selectors.organisation_children(
                user=request.user, organisation=organisation
            ),
            "members": selectors.organisation_members(organisation=organisation),
            "can_manage": has_capability(request.user, Capability.ORG_MANAGE, organisation),
            "can_restructure": organisation.parent is not None
            and has_capability(request.user, Capability.ORG_MANAGE, organisation.parent),
            "division": divisions.county(organisation.division_code)
            if organisation.level == Level.COUNTY and organisation.division_code
            else None,
        },
    )


def organisation_edit(request, code: str):
    organisation = _visible(request, code)
    _require(request, Capability.ORG_MANAGE, organisation)
    # The form edits a copy: the service compares the cleaned values with the saved ones.
    form = OrganisationForm(
        form_data(request), instance=Organisation.objects.get(pk=organisation.pk)
    )
    versions.carry(form, versions.current_version(organisation))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.organisation_update(
                actor=request.user,
                organisation=organisation,
                reason=data["reason"],
                code=data["code"],
                name=data["name"],
                seen_version=versions.seen(form),
            )
        except versions.StaleEdit as stale:
            versions.keep_input(form, stale)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "单位信息已保存。")
            return redirect("orgs:detail", code=organisation.code)
    return render(request, "orgs/edit.html", {"organisation": organisation, "form": form})


def organisation_history(request, code: str):
    organisation = _visible(request, code)
    _require(request, Capability.ORG_MANAGE, organisation)
    return render(
        request,
        "orgs/history.html",
        {"organisation": organisation, "entries": history_entries(organisation)},
    )


# --- the tree from the division list, and its adjustments -----------------------------------


def _require_parent_manager(request, organisation: Organisation) -> None:
    require(
        organisation.parent is not None
        and has_capability(request.user, Capability.ORG_MANAGE, organisation.parent),
        "只有上级单位的系统管理员可以合并或撤销该单位。",
    )


def _may_enter_setup(user) -> bool:
    if user.is_superuser and user.is_active:
        return True
    return any(
        m.organisation.level == Level.COUNTY and Capability.ORG_MANAGE in ROLE_CAPABILITIES[m.role]
        for m in memberships_of(user)
    )


def setup(request):
    """Pick a county: search by name or code, or browse 省 → 市 → 县."""
    require(_may_enter_setup(request.user), "只有县（区）的系统管理员可以从区划名录建立单位。")
    query = request.GET.get("q", "").strip()[:50]
    province = request.GET.get("province", "").strip()
    city = request.GET.get("city", "").strip()
    context = {"q": query, "province": province, "city": city}
    if query:
        context["counties"] = divisions.search(query)
    elif province and city:
        context["counties"] = divisions.counties_in(province, city)
    elif province:
        context["cities"] = divisions.cities(province)
    else:
        context["provinces"] = divisions.provinces()
    return render(request, "orgs/setup.html", context)


def setup_county(request, code: str):
    """What the division list holds for a county, and (POST) create it in one transaction."""
    require(_may_enter_setup(request.user), "只有县（区）的系统管理员可以从区划名录建立单位。")
    if divisions.county(code) is None:
        raise Http404("区划名录中没有该县（区）。")
    require(services.may_set_up(request.user, code), "您只能建立本县（区）的单位。")
    if request.method == "POST":
        try:
            result = services.county_setup(actor=request.user, county_code=code)
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
        else:
            messages.success(
                request,
                f"已建立：乡镇（街道）{result.townships_created} 个，"
                f"村（社区）{result.villages_created} 个。",
            )
            return redirect("orgs:detail", code=result.county.code)
    plan = services.county_setup_plan(code)
    return render(request, "orgs/setup_county.html", {"plan": plan})


def organisation_add(request, code: str):
    parent = _visible(request, code)
    _require(request, Capability.ORG_MANAGE, parent)
    require(parent.level != Level.VILLAGE, "村（社区）下不能再设下级单位。")
    level = CHILD_LEVEL[Level(parent.level)]
    form = ChildForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            child = services.organisation_create(
                actor=request.user, level=level, parent=parent, **form.cleaned_data
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"已新增{child.get_level_display()}：{child.name}。")
            return redirect("orgs:detail", code=parent.code)
    return render(
        request,
        "orgs/add.html",
        {"organisation": parent, "form": form, "level": Level(level).label},
    )


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def organisation_merge(request, code: str):
    organisation = _visible(request, code)
    _require_parent_manager(request, organisation)
    siblings = (
        Organisation.objects.current()
        .filter(parent_id=organisation.parent_id, level=organisation.level)
        .exclude(pk=organisation.pk)
    )
    form = MergeForm(form_data(request), siblings=siblings)
    if request.method == "POST" and form.is_valid():
        survivor = form.cleaned_data["survivor"]
        try:
            moved = services.organisation_merge(
                actor=request.user,
                absorbed=organisation,
                survivor=survivor,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            listed = "、".join(f"{label} {count} 条" for label, count in moved.items())
            messages.success(
                request,
                f"{organisation.name}已并入{survivor.name}" + (f"：{listed}。" if listed else "。"),
            )
            return redirect("orgs:detail", code=survivor.code)
    return render(
        request,
        "orgs/merge.html",
        {
            "organisation": organisation,
            "form": form,
            "references": services.references(organisation),
        },
    )


def _status_change(request, code: str, change, template_action: str):
    organisation = _visible(request, code)
    _require_parent_manager(request, organisation)
    form = ReasonForm(form_data(request))
    versions.carry(form, versions.current_version(organisation))
    if request.method == "POST" and form.is_valid():
        try:
            change(request, organisation, form)
        except versions.StaleEdit as stale:
            versions.keep_input(form, stale)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"已{template_action}：{organisation.name}。")
            return redirect("orgs:detail", code=organisation.code)
    return render(
        request,
        "orgs/status.html",
        {
            "organisation": organisation,
            "form": form,
            "action": template_action,
            "references": services.references(organisation),
        },
    )


def organisation_abolish(request, code: str):
    def change(request, organisation, form):
        services.organisation_abolish(
            actor=request.user,
            organisation=organisation,
            reason=form.cleaned_data["reason"],
            seen_version=versions.seen(form),
        )

    return _status_change(request, code, change, "撤销")


def organisation_reinstate(request, code: str):
    def change(request, organisation, form):
        services.organisation_reinstate(
            actor=request.user, organisation=organisation, reason=form.cleaned_data["reason"]
        )

    return _status_change(request, code, change, "恢复")


@require_GET
def tree_export(request, code: str):
    root = _visible(request, code)
    _require(request, Capability.ORG_MANAGE, root)
    response = HttpResponse(
        excel.export_bytes(root),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    filename = quote(f"{root.name}-单位表.xlsx")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{filename}"
    return response


def tree_import(request, code: str):
    root = _visible(request, code)
    _require(request, Capability.ORG_MANAGE, root)
    form = TreeImportForm(form_data(request), form_files(request))
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            data = read_upload(form.cleaned_data["file"])
            result = excel.import_tree(actor=request.user, root=root, data=data)
        except ImportFailed as failure:
            result = failure.result
        except ValidationError as error:
            form.add_error("file", error)
    return render(
        request, "orgs/import.html", {"organisation": root, "form": form, "result": result}
    )
