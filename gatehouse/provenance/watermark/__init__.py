"""Keyed watermark for self-hosted models: green-list logit bias (Kirchenbauer et al. 2023),
one key per tenant, and a many-key detector with a family-wise error bound."""

__all__: list[str] = []
