"""Pages of the annual report. Thin: selectors read, services write."""

from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from fazhi.core import versions
from fazhi.core.http import form_data, int_param, require, year_param
from fazhi.core.routers import replica_view
from fazhi.deadlines.resolve import county_of
from fazhi.indicators.registry import catalogue_codes
from fazhi.orgs.models import Organisation
from fazhi.orgs.roles import Capability
from fazhi.orgs.scoping import get_for_user_or_404, user_capabilities
from fazhi.reports import chips, forms, readable, selectors, services
from fazhi.reports.document import FigureRef
from fazhi.reports.models import (
    DEFAULT_PART_ORDER,
    PART_HEADINGS,
    PART_LABELS,
    PUBLICATION_SOURCE,
    SUBMISSION_SOURCE,
    SUGGESTION_PARTS,
    State,
    Suggestion,
)


def _version(request, organisation, *, source=None):
    source = source if source is not None else request.GET
    return selectors.version_or_404(
        request.user, organisation, year_param(source, None), int_param(source, "v")
    )


def _page_url(version, name="reports:township", **extra) -> str:
    url = reverse(name, kwargs={"code": version.report.organisation.code})
    query = {"year": version.report.year, "v": version.number, **extra}
    return url + "?" + "&".join(f"{k}={v}" for k, v in query.items())


def _error_text(error: ValidationError) -> str:
    return "；".join(error.messages)


# --- list and report page ---------------------------------------------------------------------


@require_GET
@replica_view
def report_list(request):
    selectors.require_reader(request.user)
    rows = selectors.report_rows(request.user)
    townships = [
        org
        for org in Organisation.objects.for_user(request.user, selectors.WRITERS).filter(
            level="township"
        )
        if selectors.may_draft(request.user, org)
    ]
    context = {
        "rows": rows,
        "townships": townships,
        "default_year": timezone.localdate().year - 1,
        "may_collect": Capability.INSPECT in user_capabilities(request.user),
    }
    return render(request, "reports/list.html", context)


def _preview(document, organisation_code):
    """Parts → blocks → segments as (text, records URL or None)."""
    base = {}
    parts = []
    for part in document.parts:
        blocks = []
        for block in part.blocks:
            segments = []
            for segment in block.segments:
                if isinstance(segment, FigureRef):
                    if segment.code not in base:
                        base[segment.code] = reverse(
                            "indicators:records",
                            kwargs={"code": segment.organisation_code, "indicator": segment.code},
                        )
                    segments.append((segment.text, f"{base[segment.code]}?year={segment.year}"))
                else:
                    segments.append((segment, None))
            blocks.append({"level": block.level, "segments": segments})
        parts.append({"key": part.key, "heading": part.heading, "blocks": blocks})
    return parts


@require_GET
@replica_view
def township(request, code):
    organisation = selectors.township_or_404(request.user, code)
    years = selectors.years_of(request.user, organisation)
    year = year_param(request, years[0] if years else None)
    context = {
        "organisation": organisation,
        "years": years,
        "may_draft": selectors.may_draft(request.user, organisation),
        "may_approve": selectors.may_approve(request.user, organisation),
        "may_write": selectors.may_write(request.user, organisation),
        "create_form": forms.CreateForm(),
        "submission_source": SUBMISSION_SOURCE,
        "publication_source": PUBLICATION_SOURCE,
    }
    if year is None or year not in years:
        context["version"] = None
        return render(request, "reports/township.html", context)
    version = _version(request, organisation, source={"year": year, "v": request.GET.get("v")})
    document = selectors.document_of(version)
    today = timezone.localdate()
    context.update(
        {
            "version": version,
            "year": year,
            "versions": list(selectors.versions_of(request.user, organisation, year)),
            "document": document,
            "preview": _preview(document, organisation.code),
            "suggestions": selectors.suggestions_shown(version),
            "submission_due": selectors.submission_due(organisation, year),
            "publication_due": selectors.publication_due(organisation, year),
            # The workflow actions open to the user now (the services' preconditions decide).
            "open": services.open_actions(request.user, version),
            "submit_form": forms.SubmitForm(initial={"submitted_on": today}),
            "publish_form": forms.PublishForm(initial={"published_on": today}),
            "part_links": [(key, PART_LABELS[key]) for key in DEFAULT_PART_ORDER],
            # A return by the county stands until a newer version is submitted.
            "returned": selectors.open_return(organisation, year),
        }
    )
    return render(request, "reports/township.html", context)


@require_POST
def create(request, code):
    organisation = selectors.township_or_404(request.user, code)
    require(selectors.may_draft(request.user, organisation), "您无权起草该单位的年度报告。")
    form = forms.CreateForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写有效的报告年度。")
        return redirect("reports:township", code=code)
    try:
        version = services.report_create(
            actor=request.user, organisation=organisation, year=form.cleaned_data["year"]
        )
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect("reports:township", code=code)
    messages.success(request, f"已根据台账起草{version.report.year}年度报告第1版。")
    return redirect(_page_url(version))


# --- editing a draft ------------------------------------------------------------------------


# What each form of the edit page saves, and what the person is told then.
EDIT_FORMS = {"part": forms.PartForm, "details": forms.DetailsForm, "own": forms.OwnSuggestionForm}


def _save_edit(name, actor, version, key, data) -> str:
    if name == "details":
        services.details_save(actor=actor, version=version, **data)
        return "标题和成文日期已保存。"
    if name == "own":
        services.suggestion_add(actor=actor, version=version, **data)
        return "自拟内容已添加。"
    services.part_save(actor=actor, version=version, key=key, **data)
    return f"“{PART_LABELS[key]}”已保存。"


def _add_errors(form, error: ValidationError) -> None:
    pairs = error.message_dict.items() if hasattr(error, "error_dict") else [(None, error.messages)]
    for field, errors in pairs:
        form.add_error(field if field in form.fields else None, errors)


@require_http_methods(["GET", "POST"])
def edit(request, code):
    """A draft, part by part: the part's text, its suggestions, and the title block."""
    organisation = selectors.township_or_404(request.user, code)
    require(selectors.may_draft(request.user, organisation), "您无权修改该单位的年度报告。")
    source = request.POST if request.method == "POST" else request.GET
    version = _version(request, organisation, source=source)
    key = source.get("part") or DEFAULT_PART_ORDER[0]
    if key not in PART_LABELS:
        raise Http404("没有这个部分。")
    if request.method == "GET":
        return _edit_page(request, organisation, version, key)
    if not version.editable:
        messages.error(request, services.LOCKED.format(state=State(version.state).label))
        return redirect(_page_url(version))
    name = request.POST.get("form")
    name = name if name in EDIT_FORMS else "part"
    form = EDIT_FORMS[name](request.POST)
    status = 200
    if name == "part" and "preview" in request.POST:  # 预览 without JavaScript: nothing saved
        return _edit_page(request, organisation, version, key, {name: form})
    if form.is_valid():
        try:
            done = _save_edit(name, request.user, version, key, form.cleaned_data)
        except versions.StaleEdit as stale:
            versions.keep_input(form, stale, _shown)
            status = 409
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, done)
            return redirect(_page_url(version, "reports:edit", part=key))
    return _edit_page(request, organisation, version, key, {name: form}, status=status)


def _shown(field, value):
    """History values as the editor shows them: figures by name."""
    texts = ("text", "original_text")
    return readable.to_display(value) if field in texts and isinstance(value, str) else value


def _preview_of(form, stored: str, version, values):
    """Chips of the text in the form: what was typed when it reads, else what is stored."""
    if form.is_bound and form.is_valid():
        stored = form.cleaned_data["text"]
    return chips.paragraphs(stored, version, values)


def _edit_page(request, organisation, version, key, kept=None, *, status=200):
    """The edit page; `kept` holds posted forms shown again with their input ({"part": form},
    {"suggestion": (pk, form)} …), the others show what is saved, with its version. Text is
    shown with figures by name (readable.py), beside chips of its figures and the picker."""
    kept = kept or {}
    part = version.parts.filter(key=key).first()
    page_forms = {
        "part": forms.PartForm(
            initial={
                "text": readable.to_display(part.text if part else ""),
                versions.FIELD: versions.current_version(part),
            }
        ),
        "details": forms.DetailsForm(
            initial={
                "title": version.title,
                "recipient": version.recipient,
                "signed_on": version.signed_on,
                versions.FIELD: versions.current_version(version),
            }
        ),
        "own": forms.OwnSuggestionForm(initial={"part": key}),
    }
    page_forms.update({name: form for name, form in kept.items() if name in page_forms})
    kept_pk, kept_form = kept.get("suggestion", (None, None))
    items = (
        list(version.suggestions.filter(part=key).order_by("position", "pk"))
        if key in SUGGESTION_PARTS
        else []
    )
    item_versions = versions.current_versions(Suggestion, [s.pk for s in items])
    # Every catalogue figure once: the picker lists them, the chips show some of them.
    values = chips.values_for(version, catalogue_codes())
    suggestions = [
        (
            s,
            kept_form
            if s.pk == kept_pk
            else forms.SuggestionForm(
                initial={
                    "suggestion": s.pk,
                    "state": s.state,
                    "text": readable.to_display(s.text),
                    versions.FIELD: item_versions[s.pk],
                }
            ),
            chips.with_chips(chips.paragraphs(s.text, version, values)),
        )
        for s in items
    ]
    context = {
        "organisation": organisation,
        "version": version,
        "key": key,
        "heading": PART_HEADINGS[key],
        "part_links": [(k, PART_LABELS[k]) for k in DEFAULT_PART_ORDER],
        "part_form": page_forms["part"],
        "details_form": page_forms["details"],
        "own_form": page_forms["own"],
        "suggestions": suggestions,
        "has_suggestions": key in SUGGESTION_PARTS,
        "page_url": _page_url(version),
        "preview": _preview_of(page_forms["part"], part.text if part else "", version, values),
        "query": (request.GET.get("q") or "").strip(),
        "choices": chips.choices(request.GET.get("q") or "", version, values),
    }
    return render(request, "reports/edit.html", context, status=status)


@require_POST
def edit_preview(request, code):
    """The chips of the typed text (htmx, as the person types); nothing is saved."""
    organisation = selectors.township_or_404(request.user, code)
    require(selectors.may_draft(request.user, organisation), "您无权修改该单位的年度报告。")
    version = _version(request, organisation, source=request.POST)
    context = {"organisation": organisation, "version": version}
    try:
        paragraphs = chips.paragraphs(readable.to_stored(request.POST.get("text", "")), version)
    except ValidationError as error:
        context["errors"] = error.messages
    else:
        # An item's chips only when it holds a figure (its text is on the page already).
        compact = request.POST.get("compact") == "1"
        context["paragraphs"] = chips.with_chips(paragraphs) if compact else paragraphs
        if compact and not context["paragraphs"]:
            return HttpResponse("")
    return render(request, "reports/_figure_preview.html", context)


@require_GET
def figures(request, code):
    """The catalogue picker's list for a search (htmx); the edit page shows the same list."""
    organisation = selectors.township_or_404(request.user, code)
    require(selectors.may_draft(request.user, organisation), "您无权修改该单位的年度报告。")
    version = _version(request, organisation)
    context = {
        "organisation": organisation,
        "version": version,
        "query": (request.GET.get("q") or "").strip(),
        "choices": chips.choices(request.GET.get("q") or "", version),
    }
    return render(request, "reports/_figure_list.html", context)


@require_POST
def suggestion(request, code):
    organisation = selectors.township_or_404(request.user, code)
    require(selectors.may_draft(request.user, organisation), "您无权修改该单位的年度报告。")
    version = _version(request, organisation, source=request.POST)
    item = Suggestion.objects.filter(version=version, pk=int_param(request.POST, "suggestion"))
    item = item.first()
    if item is None:
        raise Http404("没有这条建议。")
    form = forms.SuggestionForm(request.POST)
    if form.is_valid():
        try:
            services.suggestion_set(
                actor=request.user,
                suggestion=item,
                state=form.cleaned_data["state"],
                text=form.cleaned_data["text"],
                seen_version=form.cleaned_data["seen_version"],
            )
            messages.success(request, "已保存。")
        except versions.StaleEdit as stale:
            versions.keep_input(form, stale, _shown)
            kept = {"suggestion": (item.pk, form)}
            return _edit_page(request, organisation, version, item.part, kept, status=409)
        except ValidationError as error:
            messages.error(request, _error_text(error))
    elif "text" in form.errors:
        messages.error(request, "；".join(form.errors["text"]))
    else:
        messages.error(request, "请选择保留、修改或删除。")
    return redirect(_page_url(version, "reports:edit", part=item.part))


# --- workflow -----------------------------------------------------------------------------------


def _workflow(request, code, step):
    organisation = selectors.township_or_404(request.user, code)
    require(selectors.may_write(request.user, organisation), "您无权办理该单位的年度报告。")
    version = _version(request, organisation, source=request.POST)
    try:
        result = step(version)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect(_page_url(version))
    return redirect(_page_url(result or version))


@require_POST
def approve(request, code):
    def step(version):
        services.version_approve(actor=request.user, version=version)
        messages.success(request, "已审定，报告中的数字已固定。")

    return _workflow(request, code, step)


@require_POST
def submit(request, code):
    def step(version):
        form = forms.SubmitForm(request.POST)
        if not form.is_valid():
            raise ValidationError("请填写报送日期。")
        version = services.version_submit(
            actor=request.user, version=version, submitted_on=form.cleaned_data["submitted_on"]
        )
        if version.submitted_late:
            messages.warning(
                request, f"已报送，但晚于报送截止日期（{version.submission_due_on}）。"
            )
        else:
            messages.success(request, "已报送。")

    return _workflow(request, code, step)


@require_POST
def new_version(request, code):
    def step(version):
        new = services.version_new(actor=request.user, version=version)
        messages.success(request, f"已由第{version.number}版复制出第{new.number}版草稿。")
        return new

    return _workflow(request, code, step)


@require_POST
def publish(request, code):
    def step(version):
        form = forms.PublishForm(request.POST)
        if not form.is_valid():
            raise ValidationError("请填写公开日期和公开渠道。")
        version = services.version_publish(actor=request.user, version=version, **form.cleaned_data)
        if version.published_late:
            messages.warning(
                request, f"已登记公开，但晚于公开截止日期（{version.publication_due_on}）。"
            )
        else:
            messages.success(request, "已登记公开。")

    return _workflow(request, code, step)


# --- comparison and downloads ------------------------------------------------------------


@require_GET
@replica_view
def compare(request, code):
    organisation = selectors.township_or_404(request.user, code)
    right = _version(
        request, organisation, source={"year": request.GET.get("year"), "v": request.GET.get("b")}
    )
    year = right.report.year
    versions = list(selectors.versions_of(request.user, organisation, year))
    left_number = int_param(request, "a")
    if left_number is None:
        earlier = [v for v in versions if v.number < right.number]
        left = earlier[-1] if earlier else right
    else:
        left = next((v for v in versions if v.number == left_number), None)
        if left is None:
            raise Http404("未找到该报告版本，或您无权查看。")
    context = {
        "organisation": organisation,
        "year": year,
        "left": left,
        "right": right,
        "versions": versions,
        "diffs": selectors.compare(left, right),
    }
    return render(request, "reports/compare.html", context)


def _download(request, code, render_name, extension, content_type):
    """The renderers are imported here: they pull in python-docx, openpyxl and LibreOffice."""
    organisation = selectors.township_or_404(request.user, code)
    version = _version(request, organisation)
    document = selectors.document_of(version)
    filename = f"{document.title}（第{version.number}版）.{extension}"
    if render_name == "docx":
        from fazhi.reports.docx import render_docx

        data = render_docx(document)
    elif render_name == "pdf":
        from fazhi.reports.pdf import PdfUnavailable, render_pdf

        try:
            data = render_pdf(document)
        except PdfUnavailable:
            message = "服务器未安装 LibreOffice，暂不能生成 PDF；请下载 Word 文件后自行转换。"
            return _download_error(request, organisation, version, message)
    else:
        from fazhi.reports.workpaper import render_workpaper

        data = render_workpaper(document)
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def _download_error(request, organisation, version, message):
    context = {
        "organisation": organisation,
        "version": version,
        "message": message,
        "page_url": _page_url(version),
    }
    return render(request, "reports/download_error.html", context, status=503)


@require_GET
@replica_view
def download_docx(request, code):
    return _download(
        request,
        code,
        "docx",
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )


@require_GET
@replica_view
def download_pdf(request, code):
    return _download(request, code, "pdf", "pdf", "application/pdf")


@require_GET
@replica_view
def download_workpaper(request, code):
    return _download(
        request,
        code,
        "workpaper",
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


# --- county settings -----------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def settings(request, code):
    organisation = get_for_user_or_404(Organisation.objects.all(), request.user, code=code)
    county = county_of(organisation)
    require(
        services.may_configure(request.user, county), "只有县（区）系统管理员可以设置年度报告。"
    )
    setting = selectors.county_setting(county)
    initial = {
        "part_order": ",".join(selectors.part_order_for(county)),
        "submission_month": setting.submission_month if setting else 3,
        "submission_day": setting.submission_day if setting else 1,
        "publication_month": setting.publication_month if setting else 4,
        "publication_day": setting.publication_day if setting else 1,
    }
    form = forms.SettingForm(form_data(request), initial=initial)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.county_setting_save(
                actor=request.user,
                county=county,
                part_order=form.order(),
                submission=(data["submission_month"], data["submission_day"]),
                publication=(data["publication_month"], data["publication_day"]),
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                target = "part_order" if field == "part_order" else None
                form.add_error(target, errors)
        else:
            messages.success(request, "年度报告设置已保存。")
            return redirect("reports:settings", code=code)
    context = {
        "county": county,
        "form": form,
        "order": [PART_HEADINGS[key] for key in selectors.part_order_for(county)],
        "submission_source": SUBMISSION_SOURCE,
        "publication_source": PUBLICATION_SOURCE,
    }
    return render(request, "reports/settings.html", context)
