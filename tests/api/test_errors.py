"""The error matrix: every failure answers with the OpenAI envelope and the right status."""

from __future__ import annotations

import socket

import httpx
import openai
import pytest

from gatehouse.config import DeploymentConfig, ModelConfig, ProviderConfig


def post(gw, body, key=None, path="/v1/chat/completions", **kw):
    headers = {"authorization": f"Bearer {key or gw.demo_key}", **kw.pop("headers", {})}
    return httpx.post(gw.base_url + path, headers=headers, timeout=30, **({"json": body} if not isinstance(body, (bytes, str)) else {"content": body}), **kw)


def envelope(r: httpx.Response) -> dict:
    err = r.json()["error"]
    assert set(err) == {"message", "type", "param", "code"}
    assert err["message"]
    return err


MSG = [{"role": "user", "content": "hello"}]


@pytest.fixture
def gw(gateway_server, sim_config):
    sim_config.server.max_body_bytes = 4096
    return gateway_server(sim_config)


def test_missing_and_wrong_key(gw) -> None:
    r = httpx.post(gw.v1 + "/chat/completions", json={"model": "gpt-4o", "messages": MSG})
    assert r.status_code == 401 and envelope(r)["code"] == "missing_api_key"
    r = post(gw, {"model": "gpt-4o", "messages": MSG}, key="sk-gh-wrong")
    assert r.status_code == 401 and envelope(r)["code"] == "invalid_api_key"
    with pytest.raises(openai.AuthenticationError):
        openai.OpenAI(base_url=gw.v1, api_key="nope", max_retries=0).models.list()


@pytest.mark.parametrize("body,param", [
    ({"messages": MSG}, "model"),
    ({"model": "gpt-4o"}, "messages"),
    ({"model": "gpt-4o", "messages": []}, "messages"),
    ({"model": "gpt-4o", "messages": "hi"}, "messages"),
    ({"model": "gpt-4o", "messages": [{"role": "wizard", "content": "x"}]}, "messages[0].role"),
    ({"model": "gpt-4o", "messages": MSG, "temperature": "hot"}, "temperature"),
    ({"model": "gpt-4o", "messages": MSG, "temperature": 2.5}, "temperature"),
    ({"model": "gpt-4o", "messages": MSG, "n": 0}, "n"),
    ({"model": "gpt-4o", "messages": MSG, "max_tokens": 0}, "max_tokens"),
    ({"model": "gpt-4o", "messages": MSG, "max_tokens": True}, "max_tokens"),
    ({"model": "gpt-4o", "messages": MSG, "stream": "yes"}, "stream"),
    ({"model": "gpt-4o", "messages": MSG, "stop": [1]}, "stop"),
    ({"model": "gpt-4o", "messages": MSG, "top_logprobs": 3}, "top_logprobs"),
    ({"model": "gpt-4o", "messages": MSG, "stream_options": {"include_usage": True}}, "stream_options"),
    ({"model": "gpt-4o", "messages": MSG, "tools": [{"type": "function"}]}, "tools[0].function.name"),
])
def test_bad_parameters_name_the_parameter(gw, body, param) -> None:
    r = post(gw, body)
    assert r.status_code == 400
    assert envelope(r)["param"] == param


def test_invalid_json_and_non_object(gw) -> None:
    r = post(gw, b"{not json")
    assert r.status_code == 400 and envelope(r)["code"] == "invalid_json"
    r = post(gw, b"[1,2]")
    assert r.status_code == 400
    r = post(gw, b"")
    assert r.status_code == 400


def test_body_limit_edge(gw) -> None:
    base = b'{"model":"gpt-4o","messages":[{"role":"user","content":"'
    tail = b'"}]}'
    fill = 4096 - len(base) - len(tail)
    r = post(gw, base + b"a" * fill + tail)
    assert r.status_code == 200  # exactly at the limit
    r = post(gw, base + b"a" * (fill + 1) + tail)
    assert r.status_code == 413 and envelope(r)["code"] == "request_too_large"


def test_body_limit_without_content_length(gw) -> None:
    def gen():
        yield b'{"model":"gpt-4o","messages":[{"role":"user","content":"'
        yield b"a" * 5000
        yield b'"}]}'

    r = httpx.post(gw.v1 + "/chat/completions", content=gen(), headers={"authorization": f"Bearer {gw.demo_key}"})
    assert r.status_code == 413


def test_unknown_model_and_path(gw) -> None:
    r = post(gw, {"model": "gpt-9", "messages": MSG})
    assert r.status_code == 404 and envelope(r)["code"] == "model_not_found"
    with pytest.raises(openai.NotFoundError):
        openai.OpenAI(base_url=gw.v1, api_key=gw.demo_key, max_retries=0).models.retrieve("gpt-9")
    r = httpx.get(gw.v1 + "/nowhere", headers={"authorization": f"Bearer {gw.demo_key}"})
    assert r.status_code == 404 and "error" in r.json()
    r = httpx.get(gw.v1 + "/chat/completions", headers={"authorization": f"Bearer {gw.demo_key}"})
    assert r.status_code == 405 and "error" in r.json()


def test_wrong_endpoint_for_model(gw) -> None:
    r = post(gw, {"model": "text-embedding-3-small", "messages": MSG})
    assert r.status_code == 400 and envelope(r)["param"] == "model"


def _dead_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def test_dead_upstream_is_502_without_leaking(gateway_server, sim_config, monkeypatch) -> None:
    monkeypatch.setenv("DEAD_KEY", "sk-upstream-secret-123")
    port = _dead_port()
    sim_config.providers["dead"] = ProviderConfig(kind="openai", base_url=f"http://127.0.0.1:{port}/v1", api_key_env="DEAD_KEY")
    sim_config.models["dead-model"] = ModelConfig(deployments=[DeploymentConfig(provider="dead")])
    gw = gateway_server(sim_config)
    r = post(gw, {"model": "dead-model", "messages": MSG})
    assert r.status_code == 502
    text = r.text
    assert str(port) not in text and "secret" not in text and "127.0.0.1" not in text
    with pytest.raises(openai.InternalServerError):
        openai.OpenAI(base_url=gw.v1, api_key=gw.demo_key, max_retries=0).chat.completions.create(model="dead-model", messages=MSG)


def test_slow_upstream_is_504(gateway_server, sim_config) -> None:
    sim_config.providers["slow"] = ProviderConfig(kind="simulator", options={"latency_ms": 3000})
    sim_config.models["slow-model"] = ModelConfig(deployments=[DeploymentConfig(provider="slow")])
    sim_config.routing.timeouts.first_byte_s = 0.2
    sim_config.routing.retries = 0
    gw = gateway_server(sim_config)
    r = post(gw, {"model": "slow-model", "messages": MSG})
    assert r.status_code == 504 and envelope(r)["code"] == "upstream_timeout"


def test_upstream_429_is_passed_as_429_with_retry_after(gateway_server, sim_config) -> None:
    from tests.api.upstream import serve_status

    with serve_status(429) as url:
        sim_config.providers["busy"] = ProviderConfig(kind="openai", base_url=url)
        sim_config.models["busy-model"] = ModelConfig(deployments=[DeploymentConfig(provider="busy")])
        sim_config.routing.retries = 0
        gw = gateway_server(sim_config)
        r = post(gw, {"model": "busy-model", "messages": MSG})
        assert r.status_code == 429 and r.headers["retry-after"]
        assert envelope(r)["type"] == "rate_limit_error"


def test_error_rate_upstream_with_retries_succeeds(gateway_server, sim_config) -> None:
    sim_config.providers["flaky"] = ProviderConfig(kind="simulator", options={"error_rate": 0.3})
    sim_config.providers["steady"] = ProviderConfig(kind="simulator")
    sim_config.models["flaky-model"] = ModelConfig(deployments=[DeploymentConfig(provider="flaky"), DeploymentConfig(provider="steady", priority=1)])
    gw = gateway_server(sim_config)
    for _ in range(20):
        assert post(gw, {"model": "flaky-model", "messages": MSG}).status_code == 200
