"""Output provenance: fingerprints of served responses (every provider), corpus scans that
trace leaked text back to tenants, and a keyed watermark for self-hosted models."""

__all__: list[str] = []
