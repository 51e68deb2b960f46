from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from fazhi.core.http import form_data, form_files
from fazhi.orgs.roles import Capability
from fazhi.orgs.scoping import require_capability
from fazhi.review.forms import ReportUploadForm
from fazhi.review.services import check_uploaded_report, presentable


@require_http_methods(["GET", "POST"])
def check_report(request):
    require_capability(request.user, Capability.VIEW, "您的账号尚未分配角色。")
    form = ReportUploadForm(form_data(request), form_files(request))
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        try:
            result = check_uploaded_report(form.cleaned_data["report"])
        except ValidationError as error:
            form.add_error("report", error)
        else:
            context.update(presentable(result))
    return render(request, "review/check.html", context)
