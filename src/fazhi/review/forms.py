from django import forms

from fazhi.core.forms import Form

ACCEPTED = ".txt,.md,.docx,.pdf"


class ReportUploadForm(Form):
    report = forms.FileField(
        label="年度报告文件（.txt、.md、.docx、.pdf）",
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ACCEPTED}),
    )
