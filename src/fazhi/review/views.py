from urllib.parse import quote

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods

from fazhi.core.http import form_data, form_files
from fazhi.orgs.roles import Capability
from fazhi.orgs.scoping import require_capability
from fazhi.review import services
from fazhi.review.forms import ReportUploadForm

NO_ROLE = "您的账号尚未分配角色。"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = {
    "json": ("json", "application/json; charset=utf-8", services.result_json),
    "workbook": ("xlsx", XLSX, services.result_workbook),
}


@require_http_methods(["GET", "POST"])
def check_report(request):
    require_capability(request.user, Capability.VIEW, NO_ROLE)
    form = ReportUploadForm(form_data(request), form_files(request))
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        try:
            result = services.check_uploaded_report(form.cleaned_data["report"])
        except ValidationError as error:
            form.add_error("report", error)
        else:
            context.update(services.presentable(result))
            context["token"] = services.remember(request.session, result)
    return render(request, "review/check.html", context)


@require_GET
def download(request, token, fmt):
    """A result checked in this session, as JSON or as the workbook; another session's is 404."""
    require_capability(request.user, Capability.VIEW, NO_ROLE)
    result = services.recalled(request.session, token)
    if result is None:
        raise Http404("审查结果已过期，请重新上传报告。")
    suffix, content_type, render_bytes = FORMATS[fmt]
    response = HttpResponse(render_bytes(result), content_type=content_type)
    filename = quote(services.download_name(result, suffix))
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{filename}"
    return response
