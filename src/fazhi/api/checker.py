"""The report checker over the API: POST a report file, get the "fazhi.check/1" JSON the
checker page's download gives. Same upload limits and accepted types as the page; nothing is
stored."""

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view, parser_classes
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from fazhi.orgs.roles import Capability
from fazhi.orgs.scoping import require_capability
from fazhi.review import services

NO_ROLE = "您的账号尚未分配角色。"


class UploadSerializer(serializers.Serializer):
    report = serializers.FileField(help_text="年度报告文件（.txt、.md、.docx、.pdf）")


@extend_schema(
    request={"multipart/form-data": UploadSerializer},
    responses={200: OpenApiTypes.OBJECT},
    summary="检查年度报告文件",
    description="返回报告检查器的 fazhi.check/1 结果（与检查页面下载的 JSON 相同）；文件不保存。",
)
@api_view(["POST"])
@parser_classes([MultiPartParser])
def check(request):
    require_capability(request.user, Capability.VIEW, NO_ROLE)
    form = UploadSerializer(data=request.data)
    form.is_valid(raise_exception=True)
    try:
        result = services.check_uploaded_report(form.validated_data["report"])
    except DjangoValidationError as error:
        raise ValidationError({"report": error.messages}) from error
    return Response(result)
