from django import forms

ACCEPTED = ".txt,.md,.docx,.pdf"


class ReportUploadForm(forms.Form):
    report = forms.FileField(
        label="年度报告文件（.txt、.md、.docx、.pdf）",
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ACCEPTED}),
    )
