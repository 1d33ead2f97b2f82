"""The admin API's OpenAPI 3.1 document, generated from the endpoint table."""

from __future__ import annotations

import re
from typing import Any

__all__ = ["openapi_document"]

_PARAM = re.compile(r"\{([a-z_]+)\}")
_ERROR = {"description": "OpenAI-style error envelope",
          "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def openapi_document(endpoints: list[Any], gateway: Any = None) -> dict[str, Any]:
    paths: dict[str, dict[str, Any]] = {}
    for ep in endpoints:
        op: dict[str, Any] = {
            "summary": ep.summary,
            "operationId": ep.handler.__name__ if ep.handler.__name__ != "handler" else
            f"{ep.method.lower()}_{ep.path.strip('/').replace('/', '_').replace('{', '').replace('}', '')}",
            "description": f"Roles: {', '.join(sorted({'admin', *ep.roles}))}.",
            "tags": [ep.path.strip("/").split("/")[0]],
            "security": [{"adminKey": []}],
            "responses": {"200": {"description": "OK", "content": {"application/json": {}}},
                          "401": _ERROR, "403": _ERROR, "404": _ERROR, "400": _ERROR},
        }
        params = [{"name": n, "in": "path", "required": True, "schema": {"type": "string"}}
                  for n in _PARAM.findall(ep.path)]
        if params:
            op["parameters"] = params
        if ep.body:
            op["requestBody"] = {"content": {"application/json": {"schema": {
                "type": "object", "properties": {f: {} for f in ep.body}}}}}
        paths.setdefault("/admin/v1" + ep.path, {})[ep.method.lower()] = op
    return {
        "openapi": "3.1.0",
        "info": {"title": "Gatehouse admin API", "version": "1",
                 "description": "Tenants, vetting, API keys, catalogue policy and the audit trail. Authenticate "
                                "with an admin key: `Authorization: Bearer ghadm-...`."},
        "paths": paths,
        "components": {
            "securitySchemes": {"adminKey": {"type": "http", "scheme": "bearer"}},
            "schemas": {"Error": {"type": "object", "properties": {"error": {"type": "object", "properties": {
                "message": {"type": "string"}, "type": {"type": "string"}, "param": {"type": ["string", "null"]},
                "code": {"type": ["string", "null"]}}}}}},
        },
    }
