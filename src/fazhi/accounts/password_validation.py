"""Password rules for a government intranet, with Chinese messages.

Django's zh_Hans catalogue lacks the current wording of the length message, so the length rule
is stated here; the character-class rule is ours (等保 guidance: at least three of four kinds).
"""

import string

from django.core.exceptions import ValidationError

MIN_LENGTH = 10
MIN_CLASSES = 3
CLASSES = (
    ("大写字母", lambda c: c.isascii() and c.isupper()),
    ("小写字母", lambda c: c.isascii() and c.islower()),
    ("数字", lambda c: c.isdigit()),
    ("符号", lambda c: c in string.punctuation or c == " "),
)


class MinimumLengthValidator:
    def __init__(self, min_length: int = MIN_LENGTH):
        self.min_length = min_length

    def validate(self, password, user=None):
        if len(password) < self.min_length:
            raise ValidationError(
                f"密码太短，至少需要 {self.min_length} 个字符。", code="password_too_short"
            )

    def get_help_text(self):
        return f"密码至少 {self.min_length} 个字符。"


class CharacterClassesValidator:
    def __init__(self, min_classes: int = MIN_CLASSES):
        self.min_classes = min_classes

    def validate(self, password, user=None):
        present = sum(1 for _, test in CLASSES if any(test(c) for c in password))
        if present < self.min_classes:
            raise ValidationError(
                "密码太简单：大写字母、小写字母、数字、符号四类中"
                f"至少要包含 {self.min_classes} 类。",
                code="password_too_simple",
            )

    def get_help_text(self):
        return f"大写字母、小写字母、数字、符号四类中至少包含 {self.min_classes} 类。"
