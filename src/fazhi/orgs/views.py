from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from fazhi.core.history import history_entries
from fazhi.core.http import form_data
from fazhi.orgs import selectors, services
from fazhi.orgs.forms import OrganisationFilterForm, OrganisationForm
from fazhi.orgs.models import Organisation
from fazhi.orgs.roles import Capability
from fazhi.orgs.scoping import get_for_user_or_404, has_capability, require_capability


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
    return render(request, "orgs/list.html", {"form": form, "organisations": organisations})


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
        },
    )


def organisation_edit(request, code: str):
    organisation = _visible(request, code)
    _require(request, Capability.ORG_MANAGE, organisation)
    # The form edits a copy: the service compares the cleaned values with the saved ones.
    form = OrganisationForm(
        form_data(request), instance=Organisation.objects.get(pk=organisation.pk)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.organisation_update(
                actor=request.user,
                organisation=organisation,
                reason=data["reason"],
                code=data["code"],
                name=data["name"],
            )
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
