"""Form widgets shared by every app, labelled in Chinese by the site rather than the browser."""

from django import forms

ISO_DATE = "%Y-%m-%d"
DATE_HINT = "年-月-日"
# Shown under every date field: an empty picker in a non-Chinese browser says "mm/dd/yyyy".
DATE_FORMAT_HINT = f"格式：{DATE_HINT}，如 2025-03-15"


class DateInput(forms.DateInput):
    """A browser date picker. Its value must be ISO (YYYY-MM-DD) whatever the locale: with the
    zh-hans format (2026/11/22) the browser shows an empty field and a required one blocks the
    form. The placeholder and tooltip say the order in Chinese (a browser without a picker
    shows the placeholder), and a line under the field says it whatever the browser's language
    (the browser's own empty picker reads e.g. "mm/dd/yyyy")."""

    input_type = "date"
    template_name = "core/widgets/date_input.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        widget["format_hint"] = DATE_FORMAT_HINT
        if widget["attrs"].get("id"):
            described = widget["attrs"].get("aria-describedby", "")
            hint_id = f"{widget['attrs']['id']}_format"
            widget["attrs"]["aria-describedby"] = f"{described} {hint_id}".strip()
        return context

    def __init__(self, attrs=None):
        attrs = {
            "placeholder": DATE_HINT,
            "title": f"{DATE_HINT}，例如 2025-03-15",
            **(attrs or {}),
        }
        super().__init__(attrs=attrs, format=ISO_DATE)


class FileInput(forms.FileInput):
    """A file input shown as the site's "选择文件" button and the chosen file's name (set by
    static/fazhi/forms.js), instead of the browser's own "Choose file / No file chosen"."""

    template_name = "core/widgets/file_input.html"
    button_label = "选择文件"
    empty_label = "未选择文件"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        widget["attrs"]["class"] = "fazhi-file-input visually-hidden"
        widget["button_label"] = self.button_label
        widget["empty_label"] = self.empty_label
        return context
