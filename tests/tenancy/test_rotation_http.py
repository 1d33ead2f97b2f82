"""Key rotation over HTTP: the admin API issues a replacement; the old key keeps working until
its grace period ends, then gets 401; the new key works at once and afterwards."""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path

import httpx
import openai
import pytest

from tests.tenancy.helpers import operator_config, run_async, verified_tenant

MSG = [{"role": "user", "content": "hello"}]
GRACE_S = 2


def test_rotation_with_grace(gateway_server, tmp_path: Path) -> None:
    cfg, _ = operator_config(tmp_path)
    _, key_id, old_key = run_async(verified_tenant(cfg, name="Rotate Me Ltd", scopes=["gpt-4o-mini"],
                                                   limits={"rpm": 100}))
    gw = gateway_server(cfg)
    admin = {"authorization": f"Bearer {gw.admin_key}"}
    old = openai.OpenAI(base_url=gw.v1, api_key=old_key, max_retries=0)
    old.chat.completions.create(model="gpt-4o-mini", messages=MSG)

    with httpx.Client(base_url=gw.base_url, headers=admin, timeout=10) as http:
        r = http.post(f"/admin/v1/keys/{key_id}/rotate", json={"grace_s": GRACE_S, "reason": "scheduled"})
        assert r.status_code == 200, r.text
        body = r.json()
        rotated_at = time.monotonic()
        assert body["replaces"] == key_id and body["grace_s"] == GRACE_S
        assert body["scopes"] == ["gpt-4o-mini"] and body["limits"] == {"rpm": 100}
        new_id, new_key = body["id"], body["key"]
        assert new_key != old_key
        grace_until = datetime.fromisoformat(
            next(k for k in http.get("/admin/v1/keys").json()["data"] if k["id"] == key_id)["grace_until"])
        listed = {k["id"]: k["status"] for k in http.get("/admin/v1/keys").json()["data"]}
        assert listed[key_id] == "rotating" and listed[new_id] == "active"

    new = openai.OpenAI(base_url=gw.v1, api_key=new_key, max_retries=0)
    new.chat.completions.create(model="gpt-4o-mini", messages=MSG)  # works at once
    # The old key keeps working through the grace period, also once every process has reloaded.
    while time.monotonic() - rotated_at < GRACE_S - 0.7:
        old.chat.completions.create(model="gpt-4o-mini", messages=MSG)
        time.sleep(0.2)
    # The new key carries the old one's scopes.
    with pytest.raises(openai.PermissionDeniedError):
        new.chat.completions.create(model="gpt-4o", messages=MSG)

    time.sleep(max(0.0, (grace_until - datetime.now(grace_until.tzinfo)).total_seconds()) + 0.1)
    with pytest.raises(openai.AuthenticationError) as err:
        old.chat.completions.create(model="gpt-4o-mini", messages=MSG)
    assert err.value.status_code == 401 and err.value.code == "invalid_api_key"
    with pytest.raises(openai.AuthenticationError):
        old.models.list()
    new.chat.completions.create(model="gpt-4o-mini", messages=MSG)

    with httpx.Client(base_url=gw.base_url, headers=admin, timeout=10) as http:
        listed = {k["id"]: k["status"] for k in http.get("/admin/v1/keys").json()["data"]}
        assert listed[key_id] == "revoked" and listed[new_id] == "active"
        # A rotated key cannot be rotated again; its successor can.
        assert http.post(f"/admin/v1/keys/{key_id}/rotate", json={"grace_s": 0}).status_code == 400
        r = http.post(f"/admin/v1/keys/{new_id}/rotate", json={"grace_s": 0})
        assert r.status_code == 200
    # Grace 0: the old one stops as soon as the gateway has the change (within one second).
    t0 = time.monotonic()
    while True:
        try:
            new.models.list()
        except openai.AuthenticationError:
            break
        assert time.monotonic() - t0 < 1.0, "the rotated key still works"
        time.sleep(0.02)
    openai.OpenAI(base_url=gw.v1, api_key=r.json()["key"], max_retries=0).chat.completions.create(
        model="gpt-4o-mini", messages=MSG)
