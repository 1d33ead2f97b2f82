"""Catalogue policy: which models each jurisdiction is offered and from which hosting regions."""

__all__: list[str] = []
