"""How the OpenAPI schema describes the API's own parts (imported by the app config)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = "fazhi.api.authentication.TokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "个人接口令牌：`Authorization: Token fz_…`（在“接口令牌”页面创建）。",
        }


# The errors every operation may answer with, documented once here so that no endpoint has to
# list them and the published contract matches what the server really says (the fuzz test in
# tests/api/test_fuzz.py holds every answer to the schema). Codes an operation documents itself
# (e.g. with extend_schema) are left as they are.
ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string", "description": "中文说明"}},
    "required": ["detail"],
}
# A refused input: {"字段": ["中文说明", …]} (nested for nested fields), or {"detail": "…"}.
INPUT_ERROR = {"type": "object", "additionalProperties": True}
ERROR_DESCRIPTIONS = {
    "400": "输入有误：各字段的中文说明",
    "401": "未登录，或令牌无效、已撤销、已过期",
    "403": "无权进行此操作",
    "404": "没有找到，或无权查看（含超出范围的页码）",
    "415": "请求体格式不受支持",
    "429": "请求过于频繁",
}


def _error_codes(operation: dict) -> list[str]:
    params = {param.get("in") for param in operation.get("parameters", [])}
    codes = []
    if params or "requestBody" in operation:
        codes.append("400")
    if operation.get("security") and {} not in operation["security"]:
        codes += ["401", "403", "429"]
    if params & {"path", "query"}:
        codes.append("404")
    if "requestBody" in operation:
        codes.append("415")
    return codes


def document_errors(result, generator, request, public):
    """drf-spectacular post-processing hook: adds the common error answers to each operation."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault("Error", ERROR)
    schemas.setdefault("InputError", INPUT_ERROR)
    for methods in result.get("paths", {}).values():
        for operation in methods.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            for code in _error_codes(operation):
                name = "InputError" if code == "400" else "Error"
                operation["responses"].setdefault(
                    code,
                    {
                        "description": ERROR_DESCRIPTIONS[code],
                        "content": {
                            "application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}
                        },
                    },
                )
    return result


# The docs page groups operations by tag; drf-spectacular names a tag after the path's first
# part (English). Each group is named in Chinese instead.
TAG_NAMES = {
    "me": "当前用户",
    "assessment": "考核",
    "checker": "报告检查",
    "deadlines": "期限提醒",
    "findings": "督察问题",
    "indicators": "指标",
    "reports": "年度报告",
}


def chinese_tags(result, generator, request, public):
    """drf-spectacular post-processing hook: every tag named in Chinese."""
    for methods in result.get("paths", {}).values():
        for operation in methods.values():
            if isinstance(operation, dict) and "tags" in operation:
                operation["tags"] = [TAG_NAMES.get(tag, tag) for tag in operation["tags"]]
    return result
