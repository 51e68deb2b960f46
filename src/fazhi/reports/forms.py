"""Forms of the report pages; every rule is in services, forms only read the fields."""

from django import forms
from django.utils import timezone

from fazhi.core.forms import Form
from fazhi.core.versions import VersionedForm
from fazhi.core.widgets import DateInput
from fazhi.reports import readable
from fazhi.reports.models import PART_LABELS, SUGGESTION_PARTS, SuggestionState

REFERENCE_HELP = (
    "数字请用右侧“插入数字”搜索插入，保存后随台账更新：{学法活动} 为本年度数，"
    "{学法活动·上年} 为上年数，{学法活动·较上年} 为与上年相比的增减。"
    "花括号本身请写成 {{ 或 }}。一行一段，以“（一）”开头的行为小标题。"
)


class FigureTextField(forms.CharField):
    """Report text as people write it ({学法活动}); cleaned to the stored references. Its
    initial value is the display form (readable.to_display of the stored text)."""

    def clean(self, value):
        return readable.to_stored(super().clean(value))


DATE_INPUT = DateInput(attrs={"class": "form-control"})


class CreateForm(Form):
    year = forms.IntegerField(
        label="报告年度", widget=forms.NumberInput(attrs={"class": "form-control"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("year", timezone.localdate().year - 1)


# The forms that save over a part, the title block or a suggestion carry its version.


class PartForm(VersionedForm):
    text = FigureTextField(
        label="正文",
        required=False,
        help_text=REFERENCE_HELP,
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 14}),
    )


class DetailsForm(VersionedForm):
    title = forms.CharField(
        label="标题", max_length=200, widget=forms.TextInput(attrs={"class": "form-control"})
    )
    recipient = forms.CharField(
        label="主送机关",
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    signed_on = forms.DateField(label="成文日期", widget=DATE_INPUT)


class SuggestionForm(VersionedForm):
    suggestion = forms.IntegerField(widget=forms.HiddenInput)
    state = forms.ChoiceField(label="处理", choices=SuggestionState.choices)
    text = FigureTextField(
        label="内容",
        required=False,
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 3}),
    )


class OwnSuggestionForm(Form):
    part = forms.ChoiceField(
        choices=[(k, PART_LABELS[k]) for k in SUGGESTION_PARTS], widget=forms.HiddenInput
    )
    text = FigureTextField(
        label="自拟内容",
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 3}),
    )


class SubmitForm(Form):
    submitted_on = forms.DateField(label="报送日期", widget=DATE_INPUT)


class PublishForm(Form):
    published_on = forms.DateField(label="公开日期", widget=DATE_INPUT)
    channel = forms.CharField(
        label="公开渠道",
        max_length=200,
        widget=forms.TextInput(
            attrs={"class": "form-control", "placeholder": "如：镇政府网站“法治政府建设”专栏"}
        ),
    )
    secrecy_reviewed = forms.BooleanField(label="已经保密审查", required=False)


class SettingForm(Form):
    part_order = forms.CharField(
        label="五部分顺序",
        help_text="按顺序填写部分代码，用逗号分隔：achievements（主要举措和成效）、shortcomings（不足和原因）、"
        "first_responsible（第一责任人）、plans（下一年度安排）、other（其他）",
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    submission_month = forms.IntegerField(label="报送截止：月", min_value=1, max_value=12)
    submission_day = forms.IntegerField(label="报送截止：日", min_value=1, max_value=31)
    publication_month = forms.IntegerField(label="公开截止：月", min_value=1, max_value=12)
    publication_day = forms.IntegerField(label="公开截止：日", min_value=1, max_value=31)

    def order(self) -> list[str]:
        return [key.strip() for key in self.cleaned_data["part_order"].split(",") if key.strip()]


# --- the county's collection -------------------------------------------------------------------


class ReturnForm(VersionedForm):
    v = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label="退回理由",
        max_length=1000,
        widget=forms.Textarea(attrs={"class": "form-control form-control-sm", "rows": 2}),
    )


class ReceiveForm(VersionedForm):
    v = forms.IntegerField(widget=forms.HiddenInput)


class UploadForm(Form):
    file = forms.FileField(
        label="报告文件（.docx 或 .pdf）",
        widget=forms.ClearableFileInput(
            attrs={"class": "form-control form-control-sm", "accept": ".docx,.pdf"}
        ),
    )
    submitted_on = forms.DateField(label="报送日期", widget=DATE_INPUT)
    published_on = forms.DateField(
        label="公开日期（已公开时填写）", required=False, widget=DATE_INPUT
    )


class CheckFindingForm(Form):
    """提出督察问题 from one item of the stored checker result (its index in the findings, or a
    missing part's code)."""

    finding = forms.CharField(max_length=40, widget=forms.HiddenInput)
    rectify_by = forms.DateField(
        label="整改期限",
        widget=DateInput(attrs={"class": "form-control form-control-sm"}),
        error_messages={"required": "请填写整改期限。"},
    )
