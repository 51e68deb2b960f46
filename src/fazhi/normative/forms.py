"""Forms of the 规范性文件 workflow actions (the services check the law; forms only parse)."""

from django import forms

from fazhi.core.forms import Form
from fazhi.core.versions import VersionedForm
from fazhi.core.widgets import DateInput
from fazhi.normative.models import CleanupItem, LegalityReview
from fazhi.normative.services.common import MAX_VALIDITY_YEARS

SHORT_TEXT = forms.Textarea(attrs={"rows": 2})


def _day(label):
    return forms.DateField(label=label, widget=DateInput)


# Every action on a document writes the document (its status, dates, number), so each form
# carries its version (fazhi.core.actions); so do a cleanup item's conclusion and the round's
# publication. Listing the documents in force only adds rows.


class ConsultationStartForm(VersionedForm):
    starts_on = _day("征求意见开始日期")
    ends_on = _day("征求意见截止日期")
    channel = forms.CharField(label="征求意见方式", max_length=100, initial="政府网站、公告栏")


class ConsultationCloseForm(VersionedForm):
    closed_on = _day("结束日期")
    comments_received = forms.IntegerField(label="收到意见（条）", min_value=0, required=False)
    adoption = forms.CharField(label="意见采纳情况", required=False, widget=SHORT_TEXT)


class ReviewSubmitForm(VersionedForm):
    submitted_on = _day("送审日期")


class ReviewRecordForm(VersionedForm):
    reviewed_on = _day("审核日期")
    opinion = forms.ChoiceField(label="审核意见", choices=LegalityReview.Opinion.choices)
    remarks = forms.CharField(label="审核意见说明", required=False, widget=SHORT_TEXT)


class DeliberationForm(VersionedForm):
    meeting_on = _day("会议日期")
    meeting_title = forms.CharField(label="会议名称", max_length=200, initial="镇党政联席会议")
    minutes_ref = forms.CharField(label="会议纪要", max_length=200, required=False)
    agreed = forms.TypedChoiceField(
        label="审议结果",
        choices=[("1", "审议通过"), ("0", "审议未通过")],
        coerce=lambda value: value == "1",
    )


class PublishForm(VersionedForm):
    published_on = _day("公布日期")
    doc_number = forms.CharField(label="文号", max_length=60)
    channel = forms.CharField(label="公布渠道", max_length=100, initial="政府网站、政务公开栏")
    validity_years = forms.IntegerField(
        label="有效期（年）", min_value=1, max_value=MAX_VALIDITY_YEARS, required=False
    )


class FileForm(VersionedForm):
    filed_on = _day("备案日期")
    authority = forms.CharField(label="备案机关", max_length=100, initial="县人民政府")


class AmendForm(VersionedForm):
    started_on = _day("启动修改日期")
    reason = forms.CharField(label="修改原因", max_length=200)


class RepealForm(VersionedForm):
    repealed_on = _day("废止日期")
    reason = forms.CharField(label="废止原因", max_length=200)


class ExpireForm(VersionedForm):
    expired_on = _day("失效日期")


class CleanupDecideForm(VersionedForm):
    item = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(
        label="清理结论",
        choices=CleanupItem.Decision.choices,
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    reason = forms.CharField(
        label="理由",
        max_length=200,
        required=False,
        widget=forms.TextInput(
            attrs={"class": "form-control form-control-sm", "placeholder": "理由（修改、废止必填）"}
        ),
    )


class CleanupApplyForm(VersionedForm):
    completed_on = _day("清理结果公布日期")


class EmptyForm(Form):
    pass
