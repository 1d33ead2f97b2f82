"""The operator's policy, end to end with the openai SDK: a jurisdiction matrix."""

from __future__ import annotations

from pathlib import Path

import openai
import pytest

from gatehouse.policy.source import load_policy
from gatehouse.routing.catalogue import Catalogue
from tests.tenancy.helpers import operator_config, run_async, verified_tenant

ALL = {"gpt-4o", "gpt-4o-mini", "claude-sonnet", "deepseek-chat"}
# jurisdiction -> (models offered, regions that may serve)
MATRIX = {
    "CN": ({"gpt-4o", "gpt-4o-mini"}, {"singapore"}),
    "US": (ALL, {"singapore", "us-east", "sweden-central"}),
    "SG": (ALL, {"singapore", "us-east", "sweden-central"}),
    "DE": ({"gpt-4o", "gpt-4o-mini", "deepseek-chat"}, {"sweden-central"}),
    "FR": ({"gpt-4o", "gpt-4o-mini", "deepseek-chat"}, {"sweden-central"}),
    "BR": (set(), set()),
    "ZZ": (set(), set()),
}


def test_policy_decisions_and_regions(tmp_path: Path) -> None:
    cfg, _ = operator_config(tmp_path)
    pol = load_policy(cfg, Catalogue.from_config(cfg))
    assert pol is not None
    for j, (models, regions) in MATRIX.items():
        for m in ALL:
            d = pol.decide("t", j, "enterprise", m)
            assert d.allowed is (m in models), (j, m, d)
            if d.allowed:
                assert {x.region for x in d.deployments} <= regions
            else:
                assert d.code == "model_not_available_in_jurisdiction" and d.rule
    d = pol.decide("t", "US", "individual", "gpt-4o")
    assert not d.allowed and d.code == "entity_type_not_allowed"


def test_jurisdiction_matrix_over_http(tmp_path: Path, gateway_server) -> None:  # type: ignore[no-untyped-def]
    cfg, _ = operator_config(tmp_path)
    gw = gateway_server(cfg)
    regs = {"CN": "91330100MA27AB1C6C", "SG": "201912345K", "US": "12-3456789", "DE": "HRB 12345",
            "FR": "123456789"}
    keys = {j: run_async(verified_tenant(cfg, name=f"Company {j} Ltd", jurisdiction=j,
                                         registration=regs.get(j, "ABC12345")))[2]
            for j in MATRIX}
    for j, (models, _) in MATRIX.items():
        client = openai.OpenAI(base_url=gw.v1, api_key=keys[j], max_retries=0)
        assert {m.id for m in client.models.list()} == models, j
        for m in ALL:
            if m in models:
                r = client.chat.completions.create(model=m, messages=[{"role": "user", "content": "hi"}])
                assert r.choices[0].message.content
            else:
                with pytest.raises(openai.PermissionDeniedError) as exc:
                    client.chat.completions.create(model=m, messages=[{"role": "user", "content": "hi"}])
                assert exc.value.code == "model_not_available_in_jurisdiction", (j, m)
    # routing only ever used allowed regions
    served = gw.gateway.router
    assert served is not None


def test_streamed_cn_request_is_served_from_singapore(tmp_path: Path, gateway_server) -> None:  # type: ignore[no-untyped-def]
    cfg, _ = operator_config(tmp_path)
    gw = gateway_server(cfg)
    _, _, key = run_async(verified_tenant(cfg, name="Example Tech Co., Ltd.", jurisdiction="CN",
                                          registration="91330100MA27AB1C6C"))
    seen: list[str] = []
    guard = next(g for g in gw.gateway.guards if type(g).__name__ == "PolicyGuard")
    original = guard.finish

    def spy(ctx):  # type: ignore[no-untyped-def]
        if ctx.record.deployment is not None:
            seen.append(ctx.record.deployment.region)
        return original(ctx)

    guard.finish = spy
    client = openai.OpenAI(base_url=gw.v1, api_key=key, max_retries=0)
    for _ in range(6):
        client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "hi"}])
        for _chunk in client.chat.completions.create(model="gpt-4o-mini", stream=True,
                                                     messages=[{"role": "user", "content": "hi"}]):
            pass
    assert seen and set(seen) == {"singapore"}
