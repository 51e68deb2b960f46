from django.core.validators import RegexValidator

phone_validator = RegexValidator(
    r"^[0-9+\- ]{7,20}$", "联系电话只能包含数字和“-”，长度 7 到 20 位。"
)
