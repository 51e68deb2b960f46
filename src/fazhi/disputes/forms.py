"""Forms of the workflow actions; they only parse input, the services hold the rules."""

from django import forms

from fazhi.core.forms import Form
from fazhi.core.versions import VersionedForm
from fazhi.core.widgets import DateInput
from fazhi.disputes.models import FollowUpVisit

DATE = DateInput()


# The forms of actions that write the petition itself carry its version (fazhi.core.actions);
# an extension or a visit only adds a row.


class DecideForm(VersionedForm):
    decision = forms.ChoiceField(
        label="决定",
        choices=[("accept", "受理"), ("not_accept", "不予受理"), ("transfer", "转送有权处理机关")],
    )
    decided_on = forms.DateField(label="决定日期", widget=DATE)
    transferred_to = forms.CharField(label="转送单位", max_length=100, required=False)
    note = forms.CharField(label="说明（不予受理的理由）", max_length=500, required=False)


class ExtendForm(Form):
    approved_on = forms.DateField(label="批准日期", widget=DATE)
    days = forms.IntegerField(label="延长天数", min_value=1, max_value=30)
    approver = forms.CharField(label="批准人（负责人）", max_length=50)
    reason = forms.CharField(label="延期理由", max_length=500)


class ReplyForm(VersionedForm):
    replied_on = forms.DateField(label="答复日期", widget=DATE)
    reply_text = forms.CharField(label="答复意见", widget=forms.Textarea(attrs={"rows": 3}))


class ReviewForm(VersionedForm):
    requested_on = forms.DateField(label="请求复查日期", widget=DATE)
    review_body = forms.CharField(label="复查机关", max_length=100)


class VisitForm(Form):
    visited_on = forms.DateField(label="走访日期", widget=DATE)
    visitor = forms.CharField(label="走访人", max_length=50)
    method = forms.ChoiceField(label="方式", choices=FollowUpVisit.Method.choices)
    situation = forms.CharField(label="现实表现及情况", max_length=500)
