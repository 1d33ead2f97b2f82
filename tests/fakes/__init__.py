"""Local HTTP servers that speak each provider's real wire format (see `base` for the
behaviours a request can ask for). Start them with `async with OpenAIFake() as fake:` in
async tests, or with `FakeThread` / the fixtures in `tests.fakes.fixtures`."""

from tests.fakes.anthropic_server import AnthropicFake
from tests.fakes.azure_server import AzureFake
from tests.fakes.base import Behaviour, FakeServer, Recorded, behaviour_of
from tests.fakes.fixtures import FakeThread, Fakes
from tests.fakes.openai_server import OpenAIFake

__all__ = ["AnthropicFake", "AzureFake", "Behaviour", "FakeServer", "FakeThread", "Fakes", "OpenAIFake",
           "Recorded", "behaviour_of"]
