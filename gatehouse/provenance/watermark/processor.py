"""The sampling side, for `transformers`: a LogitsProcessor adding `delta` to green logits."""

from __future__ import annotations

from typing import Any

import torch
from transformers import LogitsProcessor

from gatehouse.provenance.watermark.scheme import WatermarkParams, green_mask

__all__ = ["GreenListProcessor"]


class GreenListProcessor(LogitsProcessor):
    """Biases every step towards the tenant key's green list (see `scheme`)."""

    def __init__(self, key: int, params: WatermarkParams) -> None:
        self.key = key
        self.params = params

    def __call__(self, input_ids: torch.LongTensor, scores: torch.FloatTensor) -> Any:
        vocab = scores.shape[-1]
        rows = []
        for row in input_ids.tolist():
            mask = green_mask(self.key, row[-self.params.context :], vocab, self.params)
            rows.append(torch.from_numpy(mask))
        bias = torch.stack(rows).to(device=scores.device, dtype=scores.dtype) * self.params.delta
        return scores + bias
