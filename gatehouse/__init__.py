"""Gatehouse: a governed, OpenAI-compatible gateway to AI models."""

__all__ = ["__version__"]

__version__ = "0.1.0"
