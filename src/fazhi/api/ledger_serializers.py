"""Serializers of the ledger API, generated from each LedgerKind (one class per kind, made once).

Input is only converted here (types, lengths, choices, the organisation by its code in the
user's scope); every rule of a record is the ledger services' (fazhi.ledgers.services), as for
the pages' forms. Output masks personal data unless the record's id is in the context's
`unmasked_ids` (fazhi.ledgers.personal.reveal, which logged the showing).
"""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers

from fazhi.core import versions
from fazhi.ledgers.forms import organisations_for
from fazhi.ledgers.models import AttachmentCategory
from fazhi.ledgers.personal import shown
from fazhi.ledgers.registry import LedgerKind
from fazhi.orgs.models import Organisation

FIELD_TYPES = {
    models.DateField: "date",
    models.BooleanField: "boolean",
    models.DecimalField: "decimal",
    models.IntegerField: "integer",
    models.TextField: "text",
    models.CharField: "string",
}


def _field_type(field) -> str:
    if field.choices:
        return "choice"
    return next((name for cls, name in FIELD_TYPES.items() if isinstance(field, cls)), "string")


def kind_fields(kind: LedgerKind) -> list[dict]:
    """The fields a record of the kind is written with, in form order, labelled in Chinese."""
    rows = []
    for name in ("organisation", "occurred_on", *kind.fields):
        field = kind.model._meta.get_field(name)
        rows.append(
            {
                "name": name,
                "label": str(field.verbose_name),
                "type": "organisation" if name == "organisation" else _field_type(field),
                "required": not (field.blank or field.null or field.has_default()),
                "personal": name in kind.personal_fields,
                "choices": [
                    {"value": str(value), "label": str(label)} for value, label in field.choices
                ]
                if field.choices
                else [],
            }
        )
    return rows


class ChoiceSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()


class KindFieldSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    type = serializers.ChoiceField(
        choices=[
            "organisation",
            "date",
            "boolean",
            "decimal",
            "integer",
            "text",
            "string",
            "choice",
        ]
    )
    required = serializers.BooleanField()
    personal = serializers.BooleanField(help_text="个人信息：无权查看的角色看到的是遮蔽后的值")
    choices = ChoiceSerializer(many=True)


class KindSerializer(serializers.Serializer):
    slug = serializers.CharField()
    label = serializers.CharField()
    domain = serializers.CharField()
    may_edit = serializers.BooleanField()
    fields = KindFieldSerializer(many=True)


def _component(kind: LedgerKind) -> str:
    """A schema component name from the slug: "study-sessions" -> "StudySessions"."""
    return "".join(part.capitalize() for part in kind.slug.replace("_", "-").split("-"))


class OrganisationCodeField(serializers.SlugRelatedField):
    """An organisation by its code, among those the user may write the kind for."""

    default_error_messages = {
        "does_not_exist": "单位代码“{value}”不存在，或不在您的权限范围内。",
        "invalid": "单位代码无效。",
    }

    def __init__(self, **kwargs):
        super().__init__(slug_field="code", queryset=Organisation.objects.none(), **kwargs)

    def to_internal_value(self, data):
        # A code is digits; anything else (huge numbers, NUL bytes) is simply not one.
        if not isinstance(data, str | int) or len(str(data)) > 32 or "\x00" in str(data):
            self.fail("invalid")
        return super().to_internal_value(str(data))


class RecordSerializerBase(serializers.ModelSerializer):
    """What a generated record serializer shares; `kind` is set on each generated class."""

    kind: LedgerKind

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.context.get("user")
        field = self.fields.get("organisation")
        if user is not None and field is not None and not field.read_only:
            editable = organisations_for(user, self.kind, self.kind.edit_capabilities)
            # Abolished units only for the records already theirs (as the page's form).
            current = models.Q(abolished_on__isnull=True)
            if self.instance is not None and not isinstance(self.instance, list | tuple):
                current |= models.Q(pk=getattr(self.instance, "organisation_id", None))
            field.queryset = editable.filter(current)
        # Personal values may come back masked (as the detail showed them); the services keep
        # the saved value then, so the model's own checks run there, not here.
        for name in self.kind.personal_fields:
            if name in self.fields:
                own = self.kind.model._meta.get_field(name).validators
                self.fields[name].validators = [
                    v for v in self.fields[name].validators if not any(v is o for o in own)
                ]

    def build_standard_field(self, field_name, model_field):
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        # A model's limit written as a float (0.5 hours) is a Decimal to a decimal field.
        for limit in ("min_value", "max_value"):
            if isinstance(kwargs.get(limit), float):
                kwargs[limit] = Decimal(str(kwargs[limit]))
        # An integer column's range as every database has it (SQLite would take 64 bits where
        # PostgreSQL takes 16), so input and schema are the same on both.
        portable = BaseDatabaseOperations.integer_field_ranges.get(model_field.get_internal_type())
        if portable and issubclass(field_class, serializers.IntegerField):
            low, high = portable
            kwargs["min_value"] = max(kwargs.get("min_value", low), low)
            kwargs["max_value"] = min(kwargs.get("max_value", high), high)
        elif portable and "choices" in kwargs:  # the choices bound it already
            kwargs["validators"] = [
                validator
                for validator in kwargs.get("validators", [])
                if not isinstance(validator, MinValueValidator | MaxValueValidator)
            ]
        return field_class, kwargs

    def to_representation(self, instance):
        data = super().to_representation(instance)
        unmasked = instance.pk in self.context.get("unmasked_ids", ())
        for name in self.kind.personal_fields:
            if name in data and data[name] is not None:
                data[name] = shown(self.kind, name, data[name], unmasked)
        data["organisation_name"] = instance.organisation.name
        data["record_name"] = self.kind.record_name(instance, unmasked=unmasked)
        data["computed"] = {
            column.label: str(column.value(instance)) for column in self.kind.computed_columns
        }
        return data


def _per_kind(make):
    """Made once per kind (a kind holds dicts, so it is keyed by its slug)."""
    made: dict[str, type] = {}

    def get(kind: LedgerKind) -> type:
        if kind.slug not in made:
            made[kind.slug] = make(kind)
        return made[kind.slug]

    return get


@_per_kind
def record_serializer_class(kind: LedgerKind):
    """The kind's record serializer: id, organisation (code), date, the kind's fields, plus its
    name, computed columns and archive state (read only)."""
    fields = ("id", "organisation", "occurred_on", *kind.fields, "year", "is_archived")
    meta = type(
        "Meta",
        (),
        {
            "model": kind.model,
            "fields": (*fields, "organisation_name", "record_name", "computed"),
            "read_only_fields": ("id", "year", "is_archived"),
            # Uniqueness and every other rule: the services' full_clean, in Chinese.
            "validators": [],
        },
    )
    attrs = {
        "Meta": meta,
        "kind": kind,
        "organisation": OrganisationCodeField(label="单位代码"),
        "organisation_name": serializers.CharField(read_only=True, label="单位名称"),
        "record_name": serializers.CharField(read_only=True, label="记录名称"),
        "is_archived": serializers.BooleanField(read_only=True, label="已归档"),
        "computed": serializers.DictField(
            child=serializers.CharField(), read_only=True, label="计算列"
        ),
    }
    return type(f"{_component(kind)}Record", (RecordSerializerBase,), attrs)


@_per_kind
def record_page_class(kind: LedgerKind):
    """One page of the kind's list (the pages' page size)."""
    return type(
        f"{_component(kind)}RecordPage",
        (serializers.Serializer,),
        {
            "count": serializers.IntegerField(label="符合条件的记录数"),
            "page": serializers.IntegerField(label="页码"),
            "num_pages": serializers.IntegerField(label="总页数"),
            "page_size": serializers.IntegerField(label="每页条数"),
            "results": record_serializer_class(kind)(many=True),
        },
    )


class ArchiveSerializer(serializers.Serializer):
    reason = serializers.CharField(
        label="归档原因",
        max_length=200,
        error_messages={"required": "请填写归档原因。", "blank": "请填写归档原因。"},
    )


class AttachmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(label="文件名")
    category = serializers.ChoiceField(choices=AttachmentCategory.choices, label="类别")
    category_label = serializers.CharField(source="get_category_display", label="类别名称")
    content_type = serializers.CharField(source="stored_file.content_type", label="文件类型")
    size = serializers.IntegerField(source="stored_file.size", label="大小（字节）")
    uploaded_at = serializers.DateTimeField(label="上传时间")
    download_url = serializers.SerializerMethodField(label="下载地址")
    version = serializers.SerializerMethodField(
        label="版本", help_text="移除或替换时放在 If-Match 中；已过时则返回 412"
    )
    removed_at = serializers.DateTimeField(
        source="archived_at", allow_null=True, label="移除或替换时间"
    )
    removed_reason = serializers.CharField(source="archive_reason", label="移除原因")
    replaced_by = serializers.IntegerField(
        source="replaced_by_id", allow_null=True, label="替换为（附件编号）"
    )

    def get_download_url(self, attachment) -> str:
        from django.urls import reverse

        return reverse("api:attachment_file", kwargs={"pk": attachment.pk})

    def get_version(self, attachment) -> str:
        # A list passes every version read in one query (versions.current_versions).
        known = self.context.get("versions", {})
        if attachment.pk in known:
            return known[attachment.pk]
        return versions.current_version(attachment)


class AttachmentUploadSerializer(serializers.Serializer):
    file = serializers.FileField(
        label="文件",
        error_messages={"required": "请选择要上传的文件。", "empty": "上传的文件是空的。"},
    )
    category = serializers.ChoiceField(
        choices=AttachmentCategory.choices, default=AttachmentCategory.PHOTO, label="类别"
    )


class AttachmentRemoveSerializer(serializers.Serializer):
    reason = serializers.CharField(
        label="移除原因",
        max_length=200,
        error_messages={"required": "请填写移除原因。", "blank": "请填写移除原因。"},
    )


class AttachmentReplaceSerializer(serializers.Serializer):
    file = serializers.FileField(
        label="新文件",
        error_messages={"required": "请选择用来替换的新文件。", "empty": "上传的文件是空的。"},
    )


class ProblemSerializer(serializers.Serializer):
    detail = serializers.CharField()


# The header of a write that must carry the object's version, and its answers when it does not.
VERSION_IF_MATCH = OpenApiParameter(
    "If-Match",
    str,
    OpenApiParameter.HEADER,
    required=True,
    description="读取时响应头 ETag 的值（版本号）；已过时返回 412，不保存；“*”不检查",
)
PRECONDITION_ERRORS = {
    412: OpenApiResponse(ProblemSerializer, description="版本已过时，未保存"),
    428: OpenApiResponse(ProblemSerializer, description="缺少 If-Match"),
}
