"""Authorization matrix: each admin role does exactly what it should; tenant keys never reach
the admin API or another tenant's data."""

from __future__ import annotations

from pathlib import Path

import httpx
import openai
import pytest

from tests.tenancy.helpers import operator_config, run_async, verified_tenant

ROLES = ("admin", "reviewer", "billing", "auditor")
# (method, path template, body) -> roles allowed
MATRIX = [
    ("GET", "/tenants", None, {"admin", "reviewer", "billing", "auditor"}),
    ("GET", "/tenants/{t}", None, {"admin", "reviewer", "billing", "auditor"}),
    ("POST", "/tenants", {"name": "New Co Ltd", "jurisdiction": "US", "type": "enterprise"}, {"admin"}),
    ("GET", "/keys", None, {"admin", "reviewer", "auditor"}),
    ("POST", "/keys", {"tenant_id": "{t}"}, {"admin"}),
    ("POST", "/tenants/{t}/suspend", {"reason": "r"}, {"admin", "reviewer"}),
    ("GET", "/policy/explain?tenant={t}&model=gpt-4o", None, {"admin", "reviewer", "auditor", "billing"}),
    ("POST", "/policy/reload", {}, {"admin"}),
    ("GET", "/audit/verify", None, {"admin", "auditor"}),
    ("GET", "/audit/export", None, {"admin", "auditor"}),
    ("GET", "/admin-keys", None, {"admin"}),
]


@pytest.fixture
def env(tmp_path: Path, gateway_server):  # type: ignore[no-untyped-def]
    cfg, _ = operator_config(tmp_path)
    gw = gateway_server(cfg)
    admin = httpx.Client(base_url=gw.base_url + "/admin/v1", headers={"Authorization": f"Bearer {gw.admin_key}"})
    keys = {"admin": gw.admin_key}
    for role in ROLES[1:]:
        r = admin.post("/admin-keys", json={"name": f"{role} key", "role": role})
        assert r.status_code == 201, r.text
        keys[role] = r.json()["key"]
    yield gw, cfg, keys
    admin.close()


def test_role_matrix(env) -> None:  # type: ignore[no-untyped-def]
    gw, cfg, keys = env
    for method, path, body, allowed in MATRIX:
        for role in ROLES:
            tenant_id, _, _ = run_async(verified_tenant(cfg, name=f"Matrix {role} Ltd"))
            p = path.replace("{t}", tenant_id)
            b = {k: (v.replace("{t}", tenant_id) if isinstance(v, str) else v) for k, v in (body or {}).items()}
            r = httpx.request(method, gw.base_url + "/admin/v1" + p, json=b if body is not None else None,
                              headers={"Authorization": f"Bearer {keys[role]}"}, timeout=10)
            if role in allowed:
                assert r.status_code in (200, 201), (role, method, p, r.text)
            else:
                assert r.status_code == 403, (role, method, p, r.status_code)
                assert r.json()["error"]["code"] == "role_not_allowed"
    assert httpx.get(gw.base_url + "/admin/v1/tenants").status_code == 401
    doc = httpx.get(gw.base_url + "/admin/v1/openapi.json").json()
    assert doc["openapi"].startswith("3.") and "/admin/v1/tenants/{tenant_id}/vet" in doc["paths"]


def test_tenants_are_isolated(env) -> None:  # type: ignore[no-untyped-def]
    gw, cfg, keys = env
    a_id, _, a_key = run_async(verified_tenant(cfg, name="Alpha Ltd", limits={"rpm": 2}))
    b_id, _, b_key = run_async(verified_tenant(cfg, name="Beta Ltd"))
    # a tenant key is not an admin key
    for k in (a_key, b_key):
        r = httpx.get(gw.base_url + "/admin/v1/tenants", headers={"Authorization": f"Bearer {k}"})
        assert r.status_code == 401
    a = openai.OpenAI(base_url=gw.v1, api_key=a_key, max_retries=0)
    b = openai.OpenAI(base_url=gw.v1, api_key=b_key, max_retries=0)
    msg = [{"role": "user", "content": "hi"}]
    for _ in range(2):
        a.chat.completions.create(model="gpt-4o", messages=msg)
    with pytest.raises(openai.RateLimitError):
        a.chat.completions.create(model="gpt-4o", messages=msg)
    b.chat.completions.create(model="gpt-4o", messages=msg)  # A's limit does not touch B
    r = httpx.post(gw.base_url + f"/admin/v1/tenants/{a_id}/suspend", json={"reason": "abuse"},
                   headers={"Authorization": f"Bearer {keys['reviewer']}"})
    assert r.status_code == 200 and r.json()["status"] == "suspended"
    import time

    deadline = time.monotonic() + 2
    while time.monotonic() < deadline:
        try:
            a.models.list()
        except openai.PermissionDeniedError as exc:
            assert exc.code == "tenant_suspended"
            break
        time.sleep(0.05)
    else:
        raise AssertionError("suspension not visible")
    assert {m.id for m in b.models.list()}  # B unaffected
    audit = httpx.get(gw.base_url + "/admin/v1/audit/verify", headers={"Authorization": f"Bearer {keys['auditor']}"})
    assert audit.json()["ok"] is True
