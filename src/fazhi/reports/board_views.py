"""The county's collection board (县级报告收取) and its actions. Thin: reports.collection reads,
reports.services writes. Only county inspectors see any of it: for everyone else the county and
its townships do not exist here (404)."""

from datetime import timedelta
from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from fazhi.checker.output import PART_SHORT_NAMES, labelled
from fazhi.core import versions
from fazhi.core.actions import run_action
from fazhi.core.http import int_param, year_param
from fazhi.core.routers import replica_view
from fazhi.deadlines.resolve import county_of
from fazhi.orgs.models import Organisation
from fazhi.orgs.roles import Capability, Level
from fazhi.orgs.scoping import get_for_user_or_404, scope_root
from fazhi.reports import collection, forms, selectors, services
from fazhi.reports.models import ExternalReport, ReportVersion


def _default_year(request) -> int:
    return year_param(request, timezone.localdate().year - 1)


def _county(request) -> Organisation:
    counties = collection.inspected_counties(request.user)
    code = request.GET.get("county")
    if code:
        county = counties.filter(code=code).first()
    else:
        root = scope_root(request.user, [Capability.INSPECT])
        county = root if root is not None and root.level == Level.COUNTY else None
        county = county or counties.order_by("path").first()
    if county is None:
        raise Http404("未找到该县（区），或您无权查看报告收取情况。")
    return county


def _township(request, code) -> Organisation:
    township = get_for_user_or_404(
        Organisation.objects.current(), request.user, [Capability.INSPECT], code=code
    )
    if township.level != Level.TOWNSHIP:
        raise Http404("只有乡镇（街道）报送年度报告。")
    return township


def _board_url(county, year, code=None) -> str:
    url = f"{reverse('reports:board')}?county={county.code}&year={year}"
    return url + (f"#t-{code}" if code else "")


def _detail_url(township, year) -> str:
    return f"{reverse('reports:collection', kwargs={'code': township.code})}?year={year}"


@require_GET
@replica_view
def board(request):
    county = _county(request)
    year = _default_year(request)
    rows = collection.collection_board(county, year)
    submitted = [row.version for row in rows if row.version is not None]
    seen = versions.current_versions(ReportVersion, [v.pk for v in submitted])
    entries = [
        {
            "row": row,
            "open": services.collection_actions(request.user, row.version) if row.version else [],
            "seen": seen.get(row.version.pk) if row.version else None,
        }
        for row in rows
    ]
    today = timezone.localdate()
    context = {
        "county": county,
        "counties": list(collection.inspected_counties(request.user).order_by("path")),
        "year": year,
        "years": list(range(today.year - 1, today.year - 6, -1)),
        "entries": entries,
        "summary": collection.collection_summary(rows),
        "submission_due": selectors.submission_due(county, year),
        "publication_due": selectors.publication_due(county, year),
    }
    return render(request, "reports/board.html", context)


def _presentable(result: dict | None) -> dict | None:
    return labelled(result) if result else None


@require_GET
@replica_view
def township(request, code):
    """One township's report as collected: its state, the checker's full result and the table
    of its figures beside the ledgers'."""
    township = _township(request, code)
    county = county_of(township)
    year = _default_year(request)
    row = collection.board_row(county, township, year)
    source = row.version or row.external
    result = None
    if source is not None:
        result = type(source).objects.filter(pk=source.pk).values_list("check_result", flat=True)
        result = result.first()
    version = row.version
    context = {
        "county": county,
        "township": township,
        "year": year,
        "row": row,
        "check": _presentable(result),
        "open": services.collection_actions(request.user, version) if version else [],
        "seen": versions.current_version(version) if version else None,
        "upload_form": forms.UploadForm(initial={"submitted_on": timezone.localdate()}),
        "may_upload": version is None,
        "rectify_default": timezone.localdate() + timedelta(days=30),
    }
    return render(request, "reports/collection.html", context)


def _back(request, township, year):
    if request.POST.get("back") == "detail":
        return redirect(_detail_url(township, year))
    return redirect(_board_url(county_of(township), year, township.code))


def _submitted_version(township, year, number) -> ReportVersion:
    version = (
        ReportVersion.objects.filter(
            report__organisation=township, report__year=year, number=number
        )
        .select_related("report__organisation")
        .first()
    )
    if version is None:
        raise Http404("未找到该报告版本。")
    return version


def _collection_action(request, code, form_class, check, service, done):
    township = _township(request, code)
    year = year_param(request.POST, None)
    if year is None:
        raise Http404("请指定报告年度。")
    version = _submitted_version(township, year, int_param(request.POST, "v"))
    form = form_class(request.POST)

    def call(data):
        data.pop("v", None)
        service(actor=request.user, version=version, **data)

    run_action(
        request,
        form,
        call,
        done=done,
        failed="未能办理：",
        check=lambda: check(request.user, version),
        record=version,
    )
    return _back(request, township, year)


@require_POST
def return_report(request, code):
    return _collection_action(
        request,
        code,
        forms.ReturnForm,
        services.return_check,
        services.version_return,
        "已退回修改，乡镇将在报告页和工作台看到退回理由。",
    )


@require_POST
def receive_report(request, code):
    return _collection_action(
        request,
        code,
        forms.ReceiveForm,
        services.receive_check,
        services.version_receive,
        "已确认收取。",
    )


@require_POST
def upload_report(request, code):
    from django.contrib import messages

    township = _township(request, code)
    year = year_param(request.POST, None)
    if year is None:
        raise Http404("请指定报告年度。")
    form = forms.UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "未能上传：请选择文件并填写报送日期。")
        return redirect(_detail_url(township, year))
    try:
        services.external_upload(
            actor=request.user,
            organisation=township,
            year=year,
            uploaded=form.cleaned_data["file"],
            submitted_on=form.cleaned_data["submitted_on"],
            published_on=form.cleaned_data["published_on"],
        )
    except ValidationError as error:
        messages.error(request, "未能上传：" + "；".join(error.messages))
    else:
        messages.success(request, "报告已上传并完成审查。")
    return redirect(_detail_url(township, year))


@require_GET
def upload_file(request, code, pk):
    township = _township(request, code)
    upload = (
        ExternalReport.objects.filter(organisation=township, pk=pk)
        .select_related("stored_file")
        .first()
    )
    if upload is None:
        raise Http404("未找到该文件。")
    response = FileResponse(
        upload.stored_file.file.open("rb"), content_type=upload.stored_file.content_type
    )
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(upload.file_name)}"
    return response


def _check_item(result: dict, key: str) -> tuple[str, str, str] | None:
    """(source_ref tail, title, detail) of one item of a stored checker result: "f<index>"
    for a finding, "p<part>" for a missing part."""
    if key.startswith("f") and key[1:].isdigit():
        findings = result.get("findings") or []
        index = int(key[1:])
        if index < len(findings):
            finding = findings[index]
            line = f"（第 {finding['line']} 行）" if finding.get("line") else ""
            code = finding.get("code", "")
            return f"{code}:{finding.get('line') or 0}", finding["message"][:280], line
    if key.startswith("p"):
        part = (result.get("parts") or {}).get(key[1:])
        if part and part.get("status") == "missing":
            name = PART_SHORT_NAMES.get(key[1:], key[1:])
            return f"part:{key[1:]}", f"年度报告缺少“{name}”部分", ""
    return None


@require_POST
def finding_from_check(request, code):
    """督察问题 from the report checker's result on the submitted report (one per item)."""
    from fazhi.supervision.models import Source
    from fazhi.supervision.services import finding_open

    township = _township(request, code)
    year = year_param(request.POST, None)
    if year is None:
        raise Http404("请指定报告年度。")
    row = collection.board_row(county_of(township), township, year)
    source = row.version or row.external
    if source is None:
        raise Http404("该乡镇尚未报送报告。")
    form = forms.CheckFindingForm(request.POST)
    result = type(source).objects.filter(pk=source.pk).values_list("check_result", flat=True)
    item = _check_item(result.first() or {}, request.POST.get("finding", ""))
    if item is None or not form.is_valid():
        messages.error(
            request,
            "未能提出督察问题："
            + ("请填写整改期限。" if item is not None else "未找到该审查结果。"),
        )
        return _back(request, township, year)
    tail, title, line = item
    prefix = "report" if row.version is not None else "upload"
    try:
        finding_open(
            request.user,
            township,
            year=year,
            source=Source.CHECKER,
            title=f"{year}年度报告：{title}",
            detail=f"报告审查发现{line}：{title}",
            rectify_by=form.cleaned_data["rectify_by"],
            source_ref=f"{prefix}:{source.pk}:{tail}",
        )
    except ValidationError as error:
        messages.error(request, "未能提出督察问题：" + "；".join(error.messages))
    else:
        messages.success(request, "已提出督察问题，乡镇将在工作台看到并整改。")
    return _back(request, township, year)


def _board_job(request, start):
    """Start one of the board's background jobs for the county and year posted; then its
    progress page."""
    from fazhi.core.http import form_data

    data = form_data(request)
    county = collection.inspected_counties(request.user).filter(code=data.get("county")).first()
    if county is None:
        raise Http404("未找到该县（区），或您无权查看报告收取情况。")
    try:
        year = int(data.get("year", ""))
        job = start(request.user, county, year)
    except (ValueError, ValidationError):
        messages.error(request, "报告年度不正确。")
        return redirect(_board_url(county, timezone.localdate().year - 1))
    return redirect("jobs:detail", pk=job.pk)


@require_POST
def drafts_job(request):
    from fazhi.reports import jobs

    return _board_job(request, jobs.start_drafts)


@require_POST
def checks_job(request):
    from fazhi.reports import jobs

    return _board_job(request, jobs.start_checks)
