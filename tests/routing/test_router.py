"""Retries, backoff, fallback, circuit breakers and load balancing, on a scripted transport."""

from __future__ import annotations

from collections import Counter

import orjson
import pytest

from gatehouse.config import ModelConfig, DeploymentConfig, RoutingConfig, BreakerConfig
from gatehouse.errors import UpstreamStatusError, UpstreamTimeout, UpstreamUnavailable
from gatehouse.providers.base import Endpoint, ProviderCredentials
from gatehouse.providers.client import ProviderClient
from gatehouse.providers.mock import MockResponse, MockTransport
from gatehouse.providers.openai import OpenAIAdapter
from gatehouse.routing.catalogue import Catalogue
from gatehouse.routing.router import Router

OK = {"id": "x", "object": "chat.completion", "created": 1, "model": "m",
      "choices": [{"index": 0, "message": {"role": "assistant", "content": "hi"}, "finish_reason": "stop"}],
      "usage": {"prompt_tokens": 3, "completion_tokens": 1, "total_tokens": 4}}
BODY = {"model": "m", "messages": [{"role": "user", "content": "x"}]}


def make_router(scripts: dict[str, list[object]], models: dict[str, ModelConfig], **routing: object) -> tuple[Router, dict[str, MockTransport]]:
    transports = {}
    clients = {}
    for name, script in scripts.items():
        it = iter(script)

        def handler(req, it=it):
            step = next(it, 200)
            if isinstance(step, Exception):
                raise step
            if step == 200:
                return MockResponse(200, OK)
            return MockResponse(step, {"error": {"message": "boom", "type": "server_error"}})

        transports[name] = MockTransport(handler)
        clients[name] = ProviderClient(name, OpenAIAdapter(ProviderCredentials(base_url=f"http://{name}")), transports[name])
    cfg = RoutingConfig(backoff_base_s=0, **routing)
    from gatehouse.config import GatehouseConfig, ProviderConfig

    gc = GatehouseConfig(providers={n: ProviderConfig(kind="openai", base_url="http://x") for n in scripts}, models=models)
    return Router(Catalogue.from_config(gc), clients, cfg), transports


def model(*providers: str, fallback: str | None = None, priorities: tuple[int, ...] | None = None) -> ModelConfig:
    deps = [DeploymentConfig(provider=p, priority=(priorities[i] if priorities else 0)) for i, p in enumerate(providers)]
    return ModelConfig(deployments=deps, fallback=fallback)


async def test_retry_on_5xx_moves_to_next_deployment() -> None:
    router, t = make_router({"a": [500], "b": [200]}, {"m": model("a", "b", priorities=(0, 1))})
    served = await router.complete(Endpoint.CHAT, BODY, "m")
    assert served.deployment.provider == "b"
    assert [a.status for a in served.attempts] == [502, 200]
    assert len(t["a"].requests) == 1 and len(t["b"].requests) == 1


async def test_no_retry_on_client_error() -> None:
    router, t = make_router({"a": [400], "b": [200]}, {"m": model("a", "b", priorities=(0, 1))})
    with pytest.raises(UpstreamStatusError) as ei:
        await router.complete(Endpoint.CHAT, BODY, "m")
    assert ei.value.status_code == 400
    assert not t["b"].requests


async def test_retries_are_bounded() -> None:
    router, t = make_router({"a": [500, 500, 500, 500]}, {"m": model("a")}, retries=2)
    with pytest.raises(UpstreamStatusError):
        await router.complete(Endpoint.CHAT, BODY, "m")
    # one deployment: the first try plus `retries` more, then the error
    assert len(t["a"].requests) == 3


async def test_single_deployment_recovers_on_retry() -> None:
    router, t = make_router({"a": [503, 429, 200]}, {"m": model("a")}, retries=2)
    served = await router.complete(Endpoint.CHAT, BODY, "m")
    assert [a.status for a in served.attempts] == [502, 429, 200]


async def test_fallback_model_after_all_deployments_fail() -> None:
    router, t = make_router({"a": [500], "b": [200]}, {"m": model("a", fallback="f"), "f": model("b")})
    served = await router.complete(Endpoint.CHAT, BODY, "m")
    assert served.deployment.public_model == "f"
    assert served.body["model"] == "f"


async def test_timeouts_and_connect_errors_are_retried() -> None:
    from gatehouse.errors import UpstreamError

    router, _ = make_router({"a": [UpstreamTimeout("slow")], "b": [UpstreamError("refused")], "c": [200]},
                            {"m": model("a", "b", "c", priorities=(0, 1, 2))})
    served = await router.complete(Endpoint.CHAT, BODY, "m")
    assert served.deployment.provider == "c"


async def test_circuit_breaker_opens_and_cools_down() -> None:
    router, t = make_router({"a": [500] * 10, "b": [200] * 10}, {"m": model("a", "b", priorities=(0, 1))},
                            breaker=BreakerConfig(failures=2, cooldown_s=60))
    for _ in range(2):
        await router.complete(Endpoint.CHAT, BODY, "m")
    assert len(t["a"].requests) == 2
    for _ in range(3):
        await router.complete(Endpoint.CHAT, BODY, "m")
    assert len(t["a"].requests) == 2  # open: skipped
    dep = router.catalogue.get("m").deployments[0]
    router.balancer.health(dep).open_until = 0  # cool-down over
    await router.complete(Endpoint.CHAT, BODY, "m")
    assert len(t["a"].requests) == 3


async def test_all_breakers_open_is_503() -> None:
    router, _ = make_router({"a": [500] * 5}, {"m": model("a")}, breaker=BreakerConfig(failures=1, cooldown_s=60))
    with pytest.raises(UpstreamStatusError):
        await router.complete(Endpoint.CHAT, BODY, "m")
    with pytest.raises(UpstreamUnavailable) as ei:
        await router.complete(Endpoint.CHAT, BODY, "m")
    assert ei.value.status_code == 503


async def test_weighted_balancing() -> None:
    from gatehouse.config import GatehouseConfig

    models = {"m": ModelConfig(deployments=[DeploymentConfig(provider="a", weight=3), DeploymentConfig(provider="b", weight=1)])}
    router, t = make_router({"a": [200] * 1000, "b": [200] * 1000}, models)
    for _ in range(400):
        await router.complete(Endpoint.CHAT, BODY, "m")
    share = len(t["a"].requests) / 400
    assert 0.65 < share < 0.85


async def test_stream_failure_before_first_byte_is_retried() -> None:
    chunks = [b'data: {"id":"1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"hi"}}]}\n\n', b"data: [DONE]\n\n"]

    def bad(req):
        return MockResponse(200, chunks=[])  # closes without an event

    def good(req):
        return MockResponse(200, chunks=chunks)

    from gatehouse.config import GatehouseConfig, ProviderConfig

    clients = {"a": ProviderClient("a", OpenAIAdapter(ProviderCredentials(base_url="http://a")), MockTransport(bad)),
               "b": ProviderClient("b", OpenAIAdapter(ProviderCredentials(base_url="http://b")), MockTransport(good))}
    gc = GatehouseConfig(providers={n: ProviderConfig(kind="openai", base_url="http://x") for n in clients},
                         models={"m": model("a", "b", priorities=(0, 1))})
    router = Router(Catalogue.from_config(gc), clients, RoutingConfig(backoff_base_s=0))
    served = await router.stream(Endpoint.CHAT, {**BODY, "stream": True}, "m")
    assert served.deployment.provider == "b"
    got = [c async for c in served.stream]
    assert got[0]["choices"][0]["delta"]["content"] == "hi"
    sent = orjson.loads(clients["b"].transport.requests[0].body)
    assert sent["stream_options"]["include_usage"] is True
