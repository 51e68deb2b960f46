"""Pages of every ledger kind, driven by its registry entry. Thin: services do the writing."""

from csp.constants import SELF
from csp.decorators import csp_replace
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from fazhi.core import versions
from fazhi.core.actions import form_errors_text
from fazhi.core.history import history_entries
from fazhi.core.http import form_data, form_files, require
from fazhi.core.paging import BoundedCountPaginator, KeysFirstPaginator
from fazhi.core.uploads import read_upload
from fazhi.ledgers import attachments, excel, jobs, personal, selectors, services
from fazhi.ledgers.forms import (
    ArchiveForm,
    AttachmentArchiveForm,
    AttachmentForm,
    AttachmentReplaceForm,
    ImportForm,
    record_filterset_class,
    record_form_class,
)
from fazhi.ledgers.models import Attachment, PersonalDataAccess
from fazhi.ledgers.registry import get_kind
from fazhi.orgs.roles import Capability
from fazhi.orgs.scoping import (
    get_for_user_or_404,
    has_any_capability,
    has_capability,
    require_capability,
)

PAGE_SIZE = 50
COUNT_CAP = 1000  # a list counts this far ("1000+ 条") unless its page lies further
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _kind_for_viewer(request, slug):
    kind = get_kind(slug)
    require(selectors.may_view_kind(request.user, kind), "您的角色无权查看该台账。")
    return kind


def _kind_for_editor(request, slug):
    kind = _kind_for_viewer(request, slug)
    require(selectors.may_edit_kind(request.user, kind), "您的角色无权录入该台账。")
    return kind


def _require_edit(request, kind, record) -> None:
    require_capability(
        request.user, kind.edit_capabilities, "您的角色无权修改该记录。", record.organisation
    )


def _apply_errors(form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{filename}"
    return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)


@require_GET
def ledger_index(request):
    return render(
        request, "ledgers/index.html", {"groups": selectors.ledger_overview(request.user)}
    )


@require_GET
def record_list(request, kind):
    kind = _kind_for_viewer(request, kind)
    show_archived = request.GET.get("archived") == "1" and selectors.may_restore(request.user)
    records = selectors.records_for(request.user, kind, archived=show_archived)
    filterset = record_filterset_class(kind)(request.GET or None, records, user=request.user)
    records = filterset.qs.select_related("organisation").prefetch_related(*kind.related)
    number = request.GET.get("page")
    page = BoundedCountPaginator(records, PAGE_SIZE, number=number, cap=COUNT_CAP)
    page = page.get_page(number)
    unmasked_ids = personal.reveal(
        user=request.user, kind=kind, records=page.object_list, context="list"
    )
    return render(
        request,
        "ledgers/list.html",
        {
            "kind": kind,
            "filterset": filterset,
            "page": page,
            "unmasked_ids": unmasked_ids,
            "show_archived": show_archived,
            "may_edit": selectors.may_edit_kind(request.user, kind),
            "may_restore": selectors.may_restore(request.user),
        },
    )


@require_GET
def record_detail(request, kind, pk):
    kind = _kind_for_viewer(request, kind)
    record = selectors.record_or_404(request.user, kind, pk)
    may_edit = has_any_capability(request.user, kind.edit_capabilities, record.organisation)
    unmasked_ids = personal.reveal(user=request.user, kind=kind, records=[record], context="detail")
    history = history_entries(
        record, lambda name, value: personal.shown(kind, name, value, record.pk in unmasked_ids)
    )
    history += attachments.attachment_history(record)
    history.sort(key=lambda entry: entry.when, reverse=True)
    return render(
        request,
        "ledgers/detail.html",
        {
            "kind": kind,
            "record": record,
            "record_name": kind.record_name(record, unmasked=record.pk in unmasked_ids),
            "unmasked_ids": unmasked_ids,
            "attachments": attachments.attachments_of(record),
            "removed_attachments": attachments.attachments_of(record, removed=True),
            "history": history,
            "may_edit": may_edit and not record.is_archived,
            "may_restore": record.is_archived
            and has_capability(request.user, Capability.ORG_MANAGE, record.organisation),
            "attachment_form": AttachmentForm(
                initial={"category": kind.default_attachment_category}
            ),
            "archive_form": ArchiveForm(),
        },
    )


@require_http_methods(["GET", "POST"])
def record_create(request, kind):
    kind = _kind_for_editor(request, kind)
    form = record_form_class(kind)(form_data(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        organisation = data.pop("organisation")
        try:
            record = services.record_create(
                actor=request.user, kind=kind, organisation=organisation, data=data
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, f"已保存{kind.label}。")
            return redirect("ledgers:detail", kind=kind.slug, pk=record.pk)
    return render(request, "ledgers/form.html", {"kind": kind, "form": form, "record": None})


@require_http_methods(["GET", "POST"])
def record_edit(request, kind, pk):
    kind = _kind_for_viewer(request, kind)
    record = selectors.record_or_404(request.user, kind, pk)
    _require_edit(request, kind, record)
    require(not record.is_archived, "该记录已归档，不能修改。")
    # The form works on a copy; the service compares cleaned values with the saved record.
    copy = kind.model.objects.get(pk=record.pk)
    form = record_form_class(kind)(form_data(request), instance=copy, user=request.user)
    if request.method == "GET" and form.shows_personal_data:
        personal.reveal(user=request.user, kind=kind, records=[record], context="form")
    status = 200
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        seen = data.pop(versions.FIELD, "") or None
        try:
            services.record_update(
                actor=request.user, kind=kind, record=record, data=data, seen_version=seen
            )
        except versions.StaleEdit as stale:
            # The other person's change is shown as the detail page would show it.
            unmasked = personal.reveal(
                user=request.user, kind=kind, records=[record], context="form"
            )
            versions.keep_input(
                form,
                stale,
                lambda name, value: personal.shown(kind, name, value, record.pk in unmasked),
            )
            status = 409
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, "修改已保存。")
            return redirect("ledgers:detail", kind=kind.slug, pk=record.pk)
    context = {"kind": kind, "form": form, "record": record}
    return render(request, "ledgers/form.html", context, status=status)


@require_http_methods(["GET", "POST"])
def record_archive(request, kind, pk):
    kind = _kind_for_viewer(request, kind)
    record = selectors.record_or_404(request.user, kind, pk)
    _require_edit(request, kind, record)
    form = ArchiveForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.record_archive(
                actor=request.user, kind=kind, record=record, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, "记录已归档，不再计入统计和列表；管理员可以恢复。")
            return redirect("ledgers:list", kind=kind.slug)
    return render(request, "ledgers/archive.html", {"kind": kind, "record": record, "form": form})


@require_POST
def record_restore(request, kind, pk):
    kind = _kind_for_viewer(request, kind)
    record = selectors.record_or_404(request.user, kind, pk)
    require_capability(
        request.user,
        Capability.ORG_MANAGE,
        "只有系统管理员可以恢复已归档的记录。",
        record.organisation,
    )
    try:
        services.record_restore(actor=request.user, kind=kind, record=record)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(request, "记录已恢复。")
    return redirect("ledgers:detail", kind=kind.slug, pk=record.pk)


@require_POST
def attachment_upload(request, kind, pk):
    kind = _kind_for_viewer(request, kind)
    record = selectors.record_or_404(request.user, kind, pk)
    _require_edit(request, kind, record)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            attachments.attachment_add(
                actor=request.user,
                kind=kind,
                record=record,
                uploaded=form.cleaned_data["file"],
                category=form.cleaned_data["category"],
            )
        except ValidationError as error:
            messages.error(request, "上传失败：" + "；".join(error.messages))
        else:
            messages.success(request, "附件已上传。")
    else:
        messages.error(request, "上传失败：" + form_errors_text(form))
    return redirect("ledgers:detail", kind=kind.slug, pk=record.pk)


def _attachment_for(request, pk):
    """(attachment, kind, record) the user may see, or 404: the attachment's kind and record
    must be visible too (archived records only to administrators)."""
    attachment = get_for_user_or_404(
        Attachment.objects.select_related("stored_file"), request.user, pk=pk
    )
    kind = selectors.kind_of_attachment(attachment)
    if kind is None or not selectors.may_view_kind(request.user, kind):
        raise Http404("未找到该附件。")
    record = selectors.record_or_404(request.user, kind, attachment.record_id)
    return attachment, kind, record


@require_GET
def attachment_download(request, pk):
    attachment, _, _ = _attachment_for(request, pk)
    stored = attachment.stored_file
    return FileResponse(
        stored.file.open("rb"),
        as_attachment=True,
        filename=attachment.name,
        content_type=stored.content_type,
    )


@require_GET
@xframe_options_sameorigin
@csp_replace({"frame-ancestors": [SELF]})
def attachment_preview(request, pk):
    """A PDF or photo shown inline (in the record page's frame), with the download's checks."""
    attachment, _, _ = _attachment_for(request, pk)
    if not (attachment.is_pdf or attachment.is_image):
        raise Http404("该附件不能在页面中预览，请下载后查看。")
    stored = attachment.stored_file
    return FileResponse(
        stored.file.open("rb"),
        as_attachment=False,
        filename=attachment.name,
        content_type=stored.content_type,
    )


@require_GET
def attachment_thumbnail(request, pk):
    attachment, _, _ = _attachment_for(request, pk)
    if not attachment.is_image:
        raise Http404("该附件不是图片。")
    try:
        content = attachments.thumbnail(attachment.stored_file)
    except ValidationError as error:
        raise Http404("图片无法生成缩略图。") from error
    response = HttpResponse(content, content_type=attachments.THUMBNAIL_TYPE)
    response["Cache-Control"] = "private, max-age=3600"
    return response


def _attachment_for_editor(request, pk):
    attachment, kind, record = _attachment_for(request, pk)
    _require_edit(request, kind, record)
    require(not record.is_archived, "该记录已归档，不能修改附件。")
    require(not attachment.is_archived, "该附件已移除或已被替换。")
    return attachment, kind, record


@require_http_methods(["GET", "POST"])
def attachment_archive(request, pk):
    def remove(common, data):
        attachments.attachment_archive(**common, reason=data["reason"])

    return _attachment_change(
        request,
        pk,
        "archive",
        AttachmentArchiveForm,
        remove,
        lambda old, _new: f"已移除附件“{old.name}”，文件保留在修改记录中。",
    )


@require_http_methods(["GET", "POST"])
def attachment_replace(request, pk):
    def replace(common, data):
        return attachments.attachment_replace(**common, uploaded=data["file"])

    return _attachment_change(
        request,
        pk,
        "replace",
        AttachmentReplaceForm,
        replace,
        lambda old, new: f"已用“{new.name}”替换“{old.name}”，原文件保留。",
    )


def _attachment_change(request, pk, action, form_class, change, success):
    """The one shape of removing and replacing an attachment: the editor's form carrying the
    attachment's version, the service, a stale edit answered with 409 and the other's change."""
    attachment, kind, record = _attachment_for_editor(request, pk)
    form = versions.carry(
        form_class(form_data(request), form_files(request)), versions.current_version(attachment)
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        common = {
            "actor": request.user,
            "kind": kind,
            "record": record,
            "attachment": attachment,
            "seen_version": versions.seen(form),
        }
        try:
            result = change(common, form.cleaned_data)
        except versions.StaleEdit as stale:
            versions.keep_input(form, stale)
            status = 409
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, success(attachment, result))
            return redirect("ledgers:detail", kind=kind.slug, pk=record.pk)
    return _attachment_page(request, action, kind, record, attachment, form, status)


def _attachment_page(request, action, kind, record, attachment, form, status):
    unmasked = personal.may_see_personal(request.user, record.organisation)
    context = {
        "action": action,
        "kind": kind,
        "record": record,
        "record_name": kind.record_name(record, unmasked=unmasked),
        "attachment": attachment,
        "form": form,
    }
    return render(request, "ledgers/attachment_change.html", context, status=status)


@require_GET
def template_download(request, kind):
    kind = _kind_for_viewer(request, kind)
    return _xlsx(excel.template_bytes(kind), _quote(f"{kind.label}导入模板.xlsx"))


@require_GET
def record_export(request, kind):
    kind = _kind_for_viewer(request, kind)
    records = jobs.exported_records(request.user, kind, request.GET)
    if records.count() > jobs.EXPORT_JOB_ROWS:  # a background job with a progress page
        return redirect("jobs:detail", pk=jobs.start_export(request.user, kind, request.GET).pk)
    records = records.select_related("organisation")
    unmasked_ids = personal.reveal(user=request.user, kind=kind, records=records, context="export")
    content = excel.export_bytes(kind, records, unmasked_ids=unmasked_ids)
    return _xlsx(content, _quote(jobs.export_filename(kind)))


@require_http_methods(["GET", "POST"])
def record_import(request, kind):
    kind = _kind_for_editor(request, kind)
    form = ImportForm(form_data(request), form_files(request))
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            data = read_upload(form.cleaned_data["file"])
            rows = excel.count_rows(data)
            if rows > jobs.IMPORT_JOB_ROWS:  # a background job with a progress page
                job = jobs.start_import(request.user, kind, data, rows)
                return redirect("jobs:detail", pk=job.pk)
            result = excel.import_rows(actor=request.user, kind=kind, data=data)
        except excel.ImportFailed as failure:
            result = failure.result
        except ValidationError as error:
            form.add_error("file", error)
    return render(request, "ledgers/import.html", {"kind": kind, "form": form, "result": result})


@require_GET
def access_log(request):
    """Administrators read who was shown personal data, within their own subtree."""
    require(selectors.may_restore(request.user), "只有系统管理员可以查看个人信息查看记录。")
    entries = PersonalDataAccess.objects.for_user(request.user, {Capability.ORG_MANAGE})
    page = KeysFirstPaginator(entries.select_related("user", "organisation"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "ledgers/access_log.html", {"page": page})
