"""Starting the fakes: in the test's own event loop (async tests) or in a background thread
with its own loop (sync tests, and tests whose client blocks, such as the sync openai SDK).

Import the fixtures into a test module to use them:
`from tests.fakes.fixtures import openai_fake, anthropic_fake, azure_fake, fakes_in_thread`.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Iterator
from typing import TypeVar

import pytest

from tests.fakes.anthropic_server import AnthropicFake
from tests.fakes.azure_server import AzureFake
from tests.fakes.base import FakeServer
from tests.fakes.openai_server import OpenAIFake

__all__ = ["FakeThread", "Fakes", "openai_fake", "anthropic_fake", "azure_fake", "fakes_in_thread"]

F = TypeVar("F", bound=FakeServer)


class FakeThread:
    """Runs fakes on one event loop in a daemon thread; `start(fake)` returns it started."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, name="fake-providers", daemon=True)
        self._thread.start()
        self._fakes: list[FakeServer] = []

    def start(self, fake: F) -> F:
        asyncio.run_coroutine_threadsafe(fake.start(), self.loop).result(timeout=10)
        self._fakes.append(fake)
        return fake

    def stop(self) -> None:
        async def close_all() -> None:
            for fake in self._fakes:
                await fake.aclose()
            # handlers still sleeping (slow / stall behaviours whose client left) end here
            others = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for t in others:
                t.cancel()
            await asyncio.gather(*others, return_exceptions=True)

        asyncio.run_coroutine_threadsafe(close_all(), self.loop).result(timeout=10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(timeout=10)
        self.loop.close()

    def __enter__(self) -> FakeThread:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


class Fakes:
    """The three fakes, started together."""

    def __init__(self, openai: OpenAIFake, anthropic: AnthropicFake, azure: AzureFake) -> None:
        self.openai = openai
        self.anthropic = anthropic
        self.azure = azure


@pytest.fixture
async def openai_fake() -> AsyncIterator[OpenAIFake]:
    async with OpenAIFake() as fake:
        yield fake  # type: ignore[misc]


@pytest.fixture
async def anthropic_fake() -> AsyncIterator[AnthropicFake]:
    async with AnthropicFake() as fake:
        yield fake  # type: ignore[misc]


@pytest.fixture
async def azure_fake() -> AsyncIterator[AzureFake]:
    async with AzureFake() as fake:
        yield fake  # type: ignore[misc]


@pytest.fixture
def fakes_in_thread() -> Iterator[Fakes]:
    with FakeThread() as t:
        yield Fakes(t.start(OpenAIFake()), t.start(AnthropicFake()), t.start(AzureFake()))
