"""The administrator's pages: people, their roles, Excel import, and the audit list.

A page without ORG_MANAGE anywhere is refused (403); a person outside the administrator's
subtree does not exist for them (404); one they see but do not wholly manage (a role elsewhere)
is shown read-only, phone masked.
"""

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from fazhi.core import versions
from fazhi.core.http import form_data, form_files, require
from fazhi.core.uploads import read_upload
from fazhi.ledgers.excel import ImportFailed
from fazhi.orgs.models import Membership
from fazhi.orgs.roles import Capability
from fazhi.orgs.scoping import require_capability
from fazhi.people import excel, selectors, services
from fazhi.people.filters import AdminActionFilter, PersonFilter
from fazhi.people.forms import ImportForm, PersonCreateForm, PersonForm, RoleGrantForm, styled
from fazhi.people.permissions import may_manage, person_of

PAGE_SIZE = 50
ADMINS_ONLY = "只有系统管理员可以管理人员。"


def _require_admin(request) -> None:
    require_capability(request.user, Capability.ORG_MANAGE, ADMINS_ONLY)


def _visible_person(request, pk: int):
    _require_admin(request)
    try:
        return selectors.people_for(request.user).get(pk=pk)
    except get_user_model().DoesNotExist as exc:
        raise Http404("未找到该人员，或您无权查看。") from exc


def _managed_person(request, pk: int):
    user = _visible_person(request, pk)
    require(may_manage(request.user, user), services.NOT_YOURS)
    return user


def _form_error(form, error: ValidationError) -> None:
    """A service's refusal on the form: at the field it names when the form has it, else
    above the form (a model error may name a field the form does not show)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)


def mask_phone(phone: str) -> str:
    return f"{phone[:3]}****{phone[-4:]}" if len(phone) == 11 else ("****" if phone else "")


@require_GET
def person_list(request):
    _require_admin(request)
    people = PersonFilter(
        request.GET or None, selectors.people_for(request.user).order_by("username")
    )
    styled(people.form)
    page = Paginator(people.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    managed = selectors.manageable_ids(request.user, page)
    rows = []
    for user in page:
        person = person_of(user)
        phone = person.phone if person else ""
        memberships = list(user.memberships.all())
        # Accounts made before these pages have no unit of their own: their first role's.
        fallback = memberships[0].organisation.name if memberships else ""
        rows.append(
            {
                "user": user,
                "unit": person.organisation.name if person else fallback,
                "phone": phone if user.pk in managed else mask_phone(phone),
                "roles": [
                    f"{m.organisation.name}{m.get_role_display()}" for m in user.memberships.all()
                ],
                "managed": user.pk in managed,
            }
        )
    return render(request, "people/list.html", {"filter": people, "page": page, "rows": rows})


def _one_time(request, user, password: str, heading: str):
    """The one page that ever shows a one-time password (never stored, never cached)."""
    return render(
        request,
        "people/password_once.html",
        {"person": user, "password": password, "heading": heading},
    )


@require_http_methods(["GET", "POST"])
def person_create(request):
    _require_admin(request)
    form = PersonCreateForm(form_data(request), units=selectors.manageable_units(request.user))
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != versions.FIELD}
        try:
            user, password = services.person_create(actor=request.user, **data)
        except ValidationError as error:
            _form_error(form, error)
        else:
            return _one_time(request, user, password, "人员已新增")
    return render(request, "people/form.html", {"form": form, "creating": True})


@require_GET
def person_detail(request, pk: int):
    user = _visible_person(request, pk)
    managed = may_manage(request.user, user)
    person = person_of(user)
    phone = person.phone if person else ""
    return render(
        request,
        "people/detail.html",
        {
            "person": user,
            "unit": person.organisation if person else None,
            "phone": phone if managed else mask_phone(phone),
            "managed": managed,
            "is_self": user.pk == request.user.pk,
            "memberships": user.memberships.select_related("organisation").order_by(
                "organisation__path"
            ),
            "grant_form": RoleGrantForm(units=selectors.manageable_units(request.user)),
            "grantable": selectors.grantable_roles(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def person_edit(request, pk: int):
    user = _managed_person(request, pk)
    person = person_of(user)
    initial = {
        "display_name": user.display_name,
        "organisation": person.organisation if person else None,
        "phone": person.phone if person else "",
    }
    form = PersonForm(
        form_data(request), initial=initial, units=selectors.manageable_units(request.user)
    )
    versions.carry(form, versions.current_version(person))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.person_update(
                actor=request.user,
                user=user,
                display_name=data["display_name"],
                organisation=data["organisation"],
                phone=data["phone"],
                seen=versions.seen(form),
            )
        except versions.StaleEdit as stale:
            versions.keep_input(form, stale)
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, "人员信息已保存。")
            return redirect("people:detail", pk=user.pk)
    return render(request, "people/form.html", {"form": form, "person": user})


def _act(request, action, success: str, user):
    try:
        action()
    except (ValidationError, PermissionDenied) as error:
        text = "；".join(error.messages) if isinstance(error, ValidationError) else str(error)
        messages.error(request, text)
    else:
        messages.success(request, success)
    return redirect("people:detail", pk=user.pk)


@require_POST
def role_grant(request, pk: int):
    user = _managed_person(request, pk)
    form = RoleGrantForm(request.POST, units=selectors.manageable_units(request.user))
    if not form.is_valid():
        errors = [e for field_errors in form.errors.values() for e in field_errors]
        messages.error(request, "；".join(errors))
        return redirect("people:detail", pk=user.pk)
    data = form.cleaned_data
    return _act(
        request,
        lambda: services.role_grant(
            actor=request.user, user=user, organisation=data["organisation"], role=data["role"]
        ),
        "角色已授予。",
        user,
    )


@require_POST
def role_revoke(request, pk: int, membership: int):
    user = _managed_person(request, pk)
    found = (
        Membership.objects.filter(user=user, pk=membership).select_related("organisation").first()
    )
    if found is None:
        raise Http404("未找到该角色。")
    return _act(
        request,
        lambda: services.role_revoke(actor=request.user, membership=found),
        "角色已撤销。",
        user,
    )


@require_POST
def person_deactivate(request, pk: int):
    user = _managed_person(request, pk)
    return _act(
        request,
        lambda: services.person_deactivate(actor=request.user, user=user),
        "账号已停用：该人员不能再登录，其录入的记录和修改历史全部保留。",
        user,
    )


@require_POST
def person_reactivate(request, pk: int):
    user = _managed_person(request, pk)
    return _act(
        request,
        lambda: services.person_reactivate(actor=request.user, user=user),
        "账号已恢复。",
        user,
    )


@require_POST
def person_reset_password(request, pk: int):
    user = _managed_person(request, pk)
    try:
        password = services.person_reset_password(actor=request.user, user=user)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
        return redirect("people:detail", pk=user.pk)
    return _one_time(request, user, password, "密码已重置")


@require_GET
def template_download(request):
    _require_admin(request)
    response = HttpResponse(
        excel.template_bytes(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote('人员导入模板.xlsx')}"
    return response


@require_http_methods(["GET", "POST"])
def person_import(request):
    _require_admin(request)
    form = ImportForm(form_data(request), form_files(request))
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            data = read_upload(form.cleaned_data["file"])
            result = excel.import_people(actor=request.user, data=data)
        except ImportFailed as failure:
            result = failure.result
        except ValidationError as error:
            form.add_error("file", error)
    return render(request, "people/import.html", {"form": form, "result": result})


@require_GET
def audit_list(request):
    require(selectors.may_read_audit(request.user), "只有系统管理员和督察可以查看管理操作记录。")
    entries = AdminActionFilter(request.GET or None, selectors.audit_entries_for(request.user))
    styled(entries.form)
    page = Paginator(entries.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "people/audit.html", {"filter": entries, "page": page})
