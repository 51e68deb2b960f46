"""Every write to the annual reports, with the workflow 草稿 → 审定 → 报送 → 公开.

A version is editable only as a draft. Approval freezes its figures; from then on any change
needs a new version copied from it. All functions validate, raise Chinese errors and run in a
transaction.
"""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from fazhi.core import actions, versions
from fazhi.core.services import save_validated
from fazhi.core.uploads import read_upload, upload_limits
from fazhi.orgs.models import Organisation
from fazhi.orgs.roles import Capability, Level
from fazhi.orgs.scoping import has_capability
from fazhi.reports import checking, selectors
from fazhi.reports.models import (
    DEFAULT_PART_ORDER,
    PART_LABELS,
    SUBMITTED_STATES,
    SUGGESTION_PARTS,
    CountyReportSetting,
    ExternalReport,
    PartText,
    Report,
    ReportVersion,
    State,
    Suggestion,
    SuggestionState,
)
from fazhi.reports.references import FigureValues, parse

MAX_TEXT = 20000
# State labels read 已审定, 已报送, 已公开: "该版本已审定", not "已已审定".
LOCKED = "该版本{state}，不能修改；如需修改，请新建版本。"


def _require(actor, capability, organisation, message):
    if actor is not None and not has_capability(actor, capability, organisation):
        raise PermissionDenied(message)


def _require_draft(version: ReportVersion) -> None:
    if version.state != State.DRAFT:
        raise ValidationError(LOCKED.format(state=State(version.state).label))


def _locked(version: ReportVersion) -> ReportVersion:
    """The version re-read under a row lock, so two workflow steps never interleave."""
    return (
        ReportVersion.objects.select_for_update()
        .select_related("report__organisation")
        .get(pk=version.pk)
    )


# --- creating a report and its versions ------------------------------------------------------


@transaction.atomic
def report_create(*, actor, organisation: Organisation, year, today: date | None = None):
    """A new report for a township and year, version 1 drafted from the ledgers."""
    from fazhi.reports.drafting import build_draft

    _require(actor, Capability.REPORT_DRAFT, organisation, "您无权起草该单位的年度报告。")
    today = today or timezone.localdate()
    if organisation.level != Level.TOWNSHIP:
        raise ValidationError({"organisation": "年度报告由乡镇（街道）起草。"})
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise ValidationError({"year": "请填写报告年度。"}) from None
    if not 2000 <= year <= today.year:
        raise ValidationError({"year": f"报告年度须在 2000 至 {today.year} 年之间。"})
    if Report.objects.filter(organisation=organisation, year=year).exists():
        raise ValidationError({"year": f"{year}年度的报告已经存在，请在原报告上修改或新建版本。"})
    report = save_validated(
        Report(organisation=organisation, year=year, created_by=actor),
        actor=actor,
        reason="新建年度报告",
    )
    draft = build_draft(organisation, year, today=today)
    version = save_validated(
        ReportVersion(
            report=report,
            number=1,
            title=draft.title,
            recipient=draft.recipient,
            signed_on=draft.signed_on,
            part_order=list(draft.part_order),
            created_by=actor,
        ),
        actor=actor,
        reason="根据台账起草第1版",
    )
    for key in DEFAULT_PART_ORDER:
        save_validated(PartText(version=version, key=key, text=draft.parts[key]), actor=actor)
    for position, item in enumerate(draft.suggestions, start=1):
        save_validated(
            Suggestion(
                version=version,
                part=item.part,
                position=position,
                drafted=True,
                original_text=item.text,
                text=item.text,
                evidence=item.evidence,
            ),
            actor=actor,
        )
    return version


# The precondition of each workflow action on a version (see fazhi.core.actions): who may,
# and whether the version's state allows it whatever the input.


def new_version_check(actor, version: ReportVersion) -> None:
    report = version.report
    _require(actor, Capability.REPORT_DRAFT, report.organisation, "您无权修改该单位的年度报告。")
    if report.versions.filter(state=State.DRAFT).exists():
        raise ValidationError("该报告已有未审定的草稿版本，请直接修改草稿。")


def approve_check(actor, version: ReportVersion) -> None:
    organisation = version.report.organisation
    _require(actor, Capability.REPORT_APPROVE, organisation, "只有单位领导可以审定年度报告。")
    if version.state != State.DRAFT:
        raise ValidationError(f"只有草稿可以审定，该版本{State(version.state).label}。")
    empty = _empty_parts(version)
    if empty:
        raise ValidationError(f"以下部分没有内容，不能审定：{'、'.join(empty)}。")


def submit_check(actor, version: ReportVersion) -> None:
    organisation = version.report.organisation
    _require(actor, Capability.REPORT_APPROVE, organisation, "只有单位领导可以报送年度报告。")
    if version.state != State.APPROVED:
        raise ValidationError("只有已审定的版本可以报送。")


def publish_check(actor, version: ReportVersion) -> None:
    if actor is not None and not selectors.may_write(actor, version.report.organisation):
        raise PermissionDenied("您无权登记该报告的公开情况。")
    if version.state != State.SUBMITTED:
        raise ValidationError("只有已报送的版本可以登记公开。")
    if version.returned_at is not None:
        raise ValidationError("该版本已被县里退回修改，请复制为新版本，修改后重新报送。")


# Each workflow action of a version and its precondition, in the page's order.
ACTION_CHECKS = {
    "approve": approve_check,
    "submit": submit_check,
    "publish": publish_check,
    "new_version": new_version_check,
}


def open_actions(actor, version: ReportVersion) -> list[str]:
    """The workflow actions the actor may take on the version now: exactly those whose service
    would accept valid input."""
    return actions.open_actions(ACTION_CHECKS, actor, version)


@transaction.atomic
def version_new(*, actor, version: ReportVersion) -> ReportVersion:
    """A new draft copied from a version (the only way to change an approved or sent one)."""
    version = _locked(version)
    new_version_check(actor, version)
    report = version.report
    number = (report.versions.aggregate(top=Max("number"))["top"] or 0) + 1
    new = save_validated(
        ReportVersion(
            report=report,
            number=number,
            title=version.title,
            recipient=version.recipient,
            signed_on=version.signed_on,
            part_order=list(version.part_order),
            copied_from=version,
            created_by=actor,
        ),
        actor=actor,
        reason=f"由第{version.number}版复制",
    )
    for part in version.parts.all():
        save_validated(PartText(version=new, key=part.key, text=part.text), actor=actor)
    for item in version.suggestions.all():
        save_validated(
            Suggestion(
                version=new,
                part=item.part,
                position=item.position,
                drafted=item.drafted,
                original_text=item.original_text,
                text=item.text,
                evidence=item.evidence,
                state=item.state,
            ),
            actor=actor,
        )
    return new


# --- editing a draft --------------------------------------------------------------------------


def _clean_text(text: str, field: str = "text") -> str:
    text = (text or "").replace("\r\n", "\n").strip()
    if len(text) > MAX_TEXT:
        raise ValidationError({field: f"正文不能超过 {MAX_TEXT} 字。"})
    try:
        parse(text)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from None
    return text


# The edits below take the version of the part, title block or suggestion the person saw
# (`seen_version`, fazhi.core.versions): a save on an older one is refused (StaleEdit). The
# report version's row lock queues every edit of a draft.


@transaction.atomic
def part_save(*, actor, version: ReportVersion, key: str, text: str, seen_version=None):
    version = _locked(version)
    _require(actor, Capability.REPORT_DRAFT, version.report.organisation, "您无权修改该报告。")
    _require_draft(version)
    if key not in PART_LABELS:
        raise ValidationError({"key": "没有这个部分。"})
    part = PartText.objects.filter(version=version, key=key).first()
    versions.check(part, seen_version)
    text = _clean_text(text)
    part = part or PartText(version=version, key=key)
    part.text = text
    return save_validated(part, actor=actor, reason=f"修改“{PART_LABELS[key]}”")


@transaction.atomic
def details_save(
    *, actor, version: ReportVersion, title: str, recipient: str, signed_on, seen_version=None
):
    version = _locked(version)
    _require(actor, Capability.REPORT_DRAFT, version.report.organisation, "您无权修改该报告。")
    _require_draft(version)
    versions.check(version, seen_version)
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": "请填写标题。"})
    if not isinstance(signed_on, date):
        raise ValidationError({"signed_on": "请填写成文日期。"})
    if signed_on.year < version.report.year:
        raise ValidationError({"signed_on": "成文日期不能早于报告年度。"})
    version.title, version.recipient, version.signed_on = (
        title,
        (recipient or "").strip(),
        signed_on,
    )
    return save_validated(version, actor=actor, reason="修改标题、主送机关或成文日期")


def _suggestion_locked(suggestion: Suggestion) -> Suggestion:
    return (
        Suggestion.objects.select_for_update()
        .select_related("version__report__organisation")
        .get(pk=suggestion.pk)
    )


@transaction.atomic
def suggestion_set(
    *, actor, suggestion: Suggestion, state: str, text: str | None = None, seen_version=None
):
    """Keep, edit (with the new text) or drop one suggestion."""
    suggestion = _suggestion_locked(suggestion)
    version = suggestion.version
    _require(actor, Capability.REPORT_DRAFT, version.report.organisation, "您无权修改该报告。")
    _require_draft(version)
    versions.check(suggestion, seen_version)
    if state not in SuggestionState.values:
        raise ValidationError({"state": "请选择保留、修改或删除。"})
    if state == SuggestionState.EDITED:
        text = _clean_text(text)
        if not text:
            raise ValidationError({"text": "修改后的内容不能为空；不需要这一条请选择删除。"})
        suggestion.text = text
    elif state == SuggestionState.KEPT and suggestion.drafted:
        suggestion.text = suggestion.original_text
    suggestion.state = state
    return save_validated(
        suggestion, actor=actor, reason=f"起草建议：{SuggestionState(state).label}"
    )


@transaction.atomic
def suggestion_add(*, actor, version: ReportVersion, part: str, text: str) -> Suggestion:
    """The person's own item in the 不足 or 安排 part."""
    version = _locked(version)
    _require(actor, Capability.REPORT_DRAFT, version.report.organisation, "您无权修改该报告。")
    _require_draft(version)
    if part not in SUGGESTION_PARTS:
        raise ValidationError({"part": "只有“存在的不足和原因”和“下一年度主要安排”可以逐条添加。"})
    text = _clean_text(text)
    if not text:
        raise ValidationError({"text": "请填写内容。"})
    position = (version.suggestions.aggregate(top=Max("position"))["top"] or 0) + 1
    return save_validated(
        Suggestion(
            version=version,
            part=part,
            position=position,
            drafted=False,
            text=text,
            state=SuggestionState.EDITED,
        ),
        actor=actor,
        reason="添加自拟内容",
    )


# --- workflow ---------------------------------------------------------------------------------


def _empty_parts(version: ReportVersion) -> list[str]:
    texts = {part.key: part.text.strip() for part in version.parts.all()}
    kept = set(
        version.suggestions.exclude(state=SuggestionState.DROPPED).values_list("part", flat=True)
    )
    return [
        PART_LABELS[key]
        for key in DEFAULT_PART_ORDER
        if not texts.get(key) and not (key in SUGGESTION_PARTS and key in kept)
    ]


@transaction.atomic
def version_approve(*, actor, version: ReportVersion, today: date | None = None):
    """审定 by a leader: the figures' values are frozen into the version from now on."""
    version = _locked(version)
    approve_check(actor, version)
    organisation = version.report.organisation
    content = selectors.content_of(version)
    values = FigureValues.live(content.codes(), organisation, version.report.year, today=today)
    version.frozen_values = values.freeze()
    version.state = State.APPROVED
    version.approved_at = timezone.now()
    version.approved_by = actor
    return save_validated(version, actor=actor, reason="审定（数字已固定）")


@transaction.atomic
def version_submit(*, actor, version: ReportVersion, submitted_on: date | None = None):
    """报送 to the county (by a leader); the version is locked for good."""
    version = _locked(version)
    submit_check(actor, version)
    organisation = version.report.organisation
    submitted_on = submitted_on or timezone.localdate()
    if not isinstance(submitted_on, date) or submitted_on.year < version.report.year:
        raise ValidationError({"submitted_on": "报送日期不能早于报告年度。"})
    if submitted_on > timezone.localdate():
        raise ValidationError({"submitted_on": "报送日期不能晚于今天。"})
    version.state = State.SUBMITTED
    version.submitted_on = submitted_on
    version.submitted_by = actor
    version.submission_due_on = selectors.submission_due(organisation, version.report.year)
    _check_submitted(version)
    note = "（逾期报送）" if version.submitted_late else ""
    return save_validated(version, actor=actor, reason=f"报送{note}")


@transaction.atomic
def version_publish(
    *, actor, version: ReportVersion, published_on, channel: str, secrecy_reviewed: bool
):
    """公开: the publication date and channel (after the 保密审查)."""
    version = _locked(version)
    publish_check(actor, version)
    organisation = version.report.organisation
    errors = {}
    if not isinstance(published_on, date):
        errors["published_on"] = "请填写公开日期。"
    elif version.submitted_on and published_on < version.submitted_on:
        errors["published_on"] = "公开日期不能早于报送日期。"
    elif published_on > timezone.localdate():
        errors["published_on"] = "公开日期不能晚于今天。"
    channel = (channel or "").strip()
    if not channel:
        errors["channel"] = "请填写公开渠道（如政府网站栏目、报刊名称）。"
    if not secrecy_reviewed:
        errors["secrecy_reviewed"] = "公开前须经保密审查，请确认。"
    if errors:
        raise ValidationError(errors)
    version.state = State.PUBLISHED
    version.published_on = published_on
    version.publication_channel = channel
    version.published_by = actor
    version.secrecy_reviewed = True
    version.publication_due_on = selectors.publication_due(organisation, version.report.year)
    note = "（逾期公开）" if version.published_late else ""
    return save_validated(version, actor=actor, reason=f"登记公开{note}")


# --- the county's collection (县级报告收取) ---------------------------------------------------


def _check_submitted(version: ReportVersion) -> None:
    """The checker's verdict on the text as submitted (frozen figures written out), stored
    once so the county's board never runs the checker."""
    from fazhi.reports.composing import compose

    report = version.report
    content = selectors.content_of(version)
    text = compose(content, selectors.values_of(version, content)).plain_text()
    source = f"{report.organisation.name}{report.year}年度报告第{version.number}版"
    try:
        version.check_result, version.check_summary = checking.check_text(text, source, report.year)
    except ValidationError as error:  # the checker cannot read it: say so, still submit
        version.check_result, version.check_summary = None, {"error": " ".join(error.messages)}
        return
    # The report year's figures the text states by reference ({code}, not @prev or @change),
    # compared with the ledgers even where the checker reads no wording before them.
    texts = [*content.parts.values(), *(item.text for item in content.suggestions)]
    version.check_summary["references"] = sorted(
        {ref.code for text in texts for ref in parse(text) if not ref.modifier}
    )


def check_unchecked_versions(on_progress=None, townships=None) -> int:
    """Store the checker's verdict on submitted versions that have none (those submitted before
    the checker ran at 报送); the number of versions checked. Derived data: no history row.
    on_progress: a command-line bar (fazhi.core.progress) or a background job's, told the total
    and each township. townships: only their reports (a county's job), else every one."""
    count = 0
    unchecked = ReportVersion.objects.filter(
        state__in=SUBMITTED_STATES, check_summary__isnull=True
    ).select_related("report__organisation")
    if townships is not None:
        unchecked = unchecked.filter(report__organisation__in=townships)
    unchecked = list(unchecked)
    if on_progress:
        on_progress.start(len(unchecked))
    for version in unchecked:
        if on_progress:
            on_progress.advance(version.report.organisation.name)
        with transaction.atomic():
            _check_submitted(version)
            ReportVersion.objects.filter(pk=version.pk).update(
                check_result=version.check_result, check_summary=version.check_summary
            )
        count += 1
    return count


def _require_inspector(actor, organisation, message: str) -> None:
    _require(actor, Capability.INSPECT, organisation, message)


def _collection_check(version: ReportVersion) -> None:
    if version.state not in SUBMITTED_STATES:
        raise ValidationError("只有已报送或已公开的版本可以退回或收取。")
    if version.returned_at is not None:
        raise ValidationError("该版本已退回修改，请等待乡镇重新报送。")
    if version.received_at is not None:
        raise ValidationError("该版本已确认收取。")


def return_check(actor, version: ReportVersion) -> None:
    _require_inspector(actor, version.report.organisation, "只有县级督察人员可以退回年度报告。")
    _collection_check(version)


def receive_check(actor, version: ReportVersion) -> None:
    _require_inspector(actor, version.report.organisation, "只有县级督察人员可以收取年度报告。")
    _collection_check(version)


# The county inspector's actions on a township's submitted version, in the board's order.
COLLECTION_CHECKS = {"receive": receive_check, "return": return_check}


def collection_actions(actor, version: ReportVersion) -> list[str]:
    return actions.open_actions(COLLECTION_CHECKS, actor, version)


def _require_newest_submitted(version: ReportVersion) -> None:
    newer = ReportVersion.objects.filter(
        report_id=version.report_id, number__gt=version.number, state__in=SUBMITTED_STATES
    )
    if newer.exists():
        raise ValidationError("乡镇已报送更新的版本，请在新版本上办理。")


MAX_REASON = 1000


@transaction.atomic
def version_return(*, actor, version: ReportVersion, reason: str) -> ReportVersion:
    """退回修改: the township sees the reason, copies the version, corrects it and submits the
    new version."""
    version = _locked(version)
    return_check(actor, version)
    _require_newest_submitted(version)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "请填写退回理由。"})
    if len(reason) > MAX_REASON:
        raise ValidationError({"reason": f"退回理由不能超过 {MAX_REASON} 字。"})
    version.returned_at = timezone.now()
    version.returned_by = actor
    version.return_reason = reason
    return save_validated(version, actor=actor, reason=f"退回修改：{reason}")


@transaction.atomic
def version_receive(*, actor, version: ReportVersion) -> ReportVersion:
    """确认收取: the county accepts the submitted version; it can no longer be returned."""
    version = _locked(version)
    receive_check(actor, version)
    _require_newest_submitted(version)
    version.received_at = timezone.now()
    version.received_by = actor
    return save_validated(version, actor=actor, reason="确认收取")


UPLOAD_TYPES = {
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
}


@transaction.atomic
def external_upload(
    *,
    actor,
    organisation: Organisation,
    year,
    uploaded,
    submitted_on,
    published_on=None,
    today: date | None = None,
) -> ExternalReport:
    """A report of a township not on the platform, uploaded by the county inspector (.docx or
    .pdf): checked like a submitted version; a newer upload replaces it on the board."""
    from fazhi.ledgers.attachments import detect_type, store_bytes

    _require_inspector(actor, organisation, "只有县级督察人员可以上传乡镇的年度报告。")
    today = today or timezone.localdate()
    if organisation.level != Level.TOWNSHIP:
        raise ValidationError({"organisation": "年度报告由乡镇（街道）报送。"})
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise ValidationError({"year": "请填写报告年度。"}) from None
    if not 2000 <= year < today.year:
        raise ValidationError({"year": f"报告年度须在 2000 至 {today.year - 1} 年之间。"})
    errors = {}
    if not isinstance(submitted_on, date):
        errors["submitted_on"] = "请填写报送日期。"
    elif not year < submitted_on.year or submitted_on > today:
        errors["submitted_on"] = "报送日期须在报告年度之后，且不能晚于今天。"
    if published_on is not None and (
        not isinstance(published_on, date)
        or (isinstance(submitted_on, date) and published_on < submitted_on)
        or published_on > today
    ):
        errors["published_on"] = "公开日期不能早于报送日期，也不能晚于今天。"
    if errors:
        raise ValidationError(errors)
    on_platform = ReportVersion.objects.filter(
        report__organisation=organisation, report__year=year, state__in=SUBMITTED_STATES
    )
    if on_platform.exists():
        raise ValidationError(f"{organisation.name}已在平台报送{year}年度报告，无需上传。")
    limits = upload_limits()
    data = read_upload(uploaded, limits)
    if not data:
        raise ValidationError({"file": "文件是空的。"})
    try:
        mime = detect_type(data)
    except ValidationError:
        mime = None
    if mime not in UPLOAD_TYPES:
        raise ValidationError({"file": "只能上传 Word（.docx）或 PDF 文件。"})
    name = (uploaded.name or f"报告.{UPLOAD_TYPES[mime]}").rsplit("/", 1)[-1][:255]
    result, summary = checking.check_bytes(data, name, year, limits)
    return save_validated(
        ExternalReport(
            organisation=organisation,
            year=year,
            stored_file=store_bytes(data, mime),
            file_name=name,
            submitted_on=submitted_on,
            published_on=published_on,
            check_result=result,
            check_summary=summary,
            uploaded_by=actor,
        ),
        actor=actor,
        reason="上传平台外报送的年度报告",
    )


# --- county settings --------------------------------------------------------------------------


def may_configure(user, county: Organisation) -> bool:
    return county.level == Level.COUNTY and has_capability(user, Capability.ORG_MANAGE, county)


@transaction.atomic
def county_setting_save(
    *,
    actor,
    county: Organisation,
    part_order,
    submission: tuple[int, int] | None = None,
    publication: tuple[int, int] | None = None,
) -> CountyReportSetting:
    """A county's order of the five parts (and, if it has its own, its deadline dates)."""
    if actor is not None and not may_configure(actor, county):
        raise PermissionDenied("只有县（区）系统管理员可以设置年度报告。")
    if county.level != Level.COUNTY:
        raise ValidationError({"county": "年度报告设置由县（区）作出。"})
    order = [key for key in (part_order or []) if key]
    if sorted(order) != sorted(DEFAULT_PART_ORDER):
        raise ValidationError({"part_order": "五个部分须各出现一次。"})
    errors = {}
    checked = {}
    for name, value, default in (
        ("submission", submission, (3, 1)),
        ("publication", publication, (4, 1)),
    ):
        month, day = value or default
        try:
            date(2024, int(month), int(day))  # a leap year: 2月29日 is allowed
        except (TypeError, ValueError):
            errors[name] = "请填写有效的月、日。"
            continue
        checked[name] = (int(month), int(day))
    if errors:
        raise ValidationError(errors)
    if checked["publication"] < checked["submission"]:
        raise ValidationError({"publication": "公开截止日不能早于报送截止日。"})
    setting = CountyReportSetting.objects.filter(county=county).first() or CountyReportSetting(
        county=county
    )
    setting.part_order = order
    setting.submission_month, setting.submission_day = checked["submission"]
    setting.publication_month, setting.publication_day = checked["publication"]
    return save_validated(setting, actor=actor, reason="设置年度报告部分顺序和期限")
