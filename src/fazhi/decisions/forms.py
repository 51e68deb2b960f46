"""Forms of the workflow actions: they only parse input; the services judge it."""

from django import forms

from fazhi.core.forms import Form
from fazhi.core.versions import VersionedForm
from fazhi.core.widgets import DateInput
from fazhi.decisions.models import Opinion, ParticipationForm, Result, Step
from fazhi.ledgers.models import Attachment

DATE = DateInput(attrs={"class": "form-control form-control-sm"})
TEXT = forms.TextInput(attrs={"class": "form-control form-control-sm"})
AREA = forms.Textarea(attrs={"rows": 2, "class": "form-control form-control-sm"})
SELECT = forms.Select(attrs={"class": "form-select form-select-sm"})


def _date(label):
    return forms.DateField(label=label, widget=DATE)


def _text(label, required=False, area=False):
    return forms.CharField(label=label, required=required, widget=AREA if area else TEXT)


class EvidenceForm(Form):
    evidence = _text("情况说明", area=True)
    attachment = forms.ModelChoiceField(
        label="证明材料（本决策的附件）",
        queryset=Attachment.objects.none(),
        required=False,
        widget=SELECT,
    )

    def __init__(self, *args, attachments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attachment"].queryset = Attachment.objects.filter(
            pk__in=[attachment.pk for attachment in attachments]
        )


class ParticipationOpenForm(Form):
    started_on = _date("开始日期")
    ends_on = _date("截止日期")
    participation_form = forms.ChoiceField(
        label="公众参与方式", choices=ParticipationForm.choices, widget=SELECT
    )
    method = _text("方式说明（选“其他”时必填，如网站名称、座谈对象）")
    shortened_reason = _text("缩短期限的说明（不足法定期限时必填）", area=True)


class ParticipationCompleteForm(EvidenceForm):
    done_on = _date("结束日期")


class ProcedureForm(EvidenceForm):
    step = forms.ChoiceField(
        label="程序",
        choices=[(Step.EXPERT.value, Step.EXPERT.label), (Step.RISK.value, Step.RISK.label)],
        widget=SELECT,
    )
    done_on = _date("完成日期")
    method = _text("方式（如专家书面论证、委托第三方评估）")


class WaiveForm(Form):
    step = forms.ChoiceField(label="程序", choices=Step.choices, widget=SELECT)
    reason = _text("不适用理由", area=True)


class LegalityForm(EvidenceForm):
    submitted_on = _date("送审日期")
    reviewed_on = _date("审查日期")
    opinion = forms.ChoiceField(label="审查意见", choices=Opinion.choices, widget=SELECT)


# The forms of actions that write the decision itself carry its version (fazhi.core.actions);
# those that record a procedure only add (or complete) a step.


class CollectiveForm(VersionedForm, EvidenceForm):
    decided_on = _date("会议日期")
    meeting = _text("会议（常务会议或全体会议）")
    result = forms.ChoiceField(label="决定结果", choices=Result.choices, widget=SELECT)
    dissent = _text("不同意见（没有请填“无”）", area=True)


class PublishForm(VersionedForm):
    published_on = _date("公布日期")
    channel = _text("公布渠道")
    late_reason = _text("逾期公布原因（逾期时必填）", area=True)


class FileForm(VersionedForm):
    filed_on = _date("归档日期")
    dossier_number = _text("档案号")
