"""A tiny GPT-2 and word-level tokenizer, built locally (nothing downloaded)."""

from __future__ import annotations

from pathlib import Path

__all__ = ["build_tiny_model", "corpus_texts"]


def corpus_texts(n: int = 400) -> list[str]:
    from tests.provenance import textgen

    return [t for _, t in textgen.served(n, 1, seed=99)]


def build_tiny_model(path: Path, *, train_steps: int = 0, seed: int = 0) -> Path:
    """Save a 2-layer GPT-2 (optionally trained a few steps on simulator prose) and its tokenizer."""
    import torch
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers
    from transformers import GPT2Config, GPT2LMHeadModel, PreTrainedTokenizerFast

    texts = corpus_texts()
    words: dict[str, int] = {"[UNK]": 0, "[EOS]": 1}
    tk = Tokenizer(models.WordLevel(vocab=words, unk_token="[UNK]"))
    tk.normalizer = normalizers.Lowercase()
    tk.pre_tokenizer = pre_tokenizers.Whitespace()
    for t in texts:
        for w, _ in tk.pre_tokenizer.pre_tokenize_str(t.lower()):
            words.setdefault(w, len(words))
    tk = Tokenizer(models.WordLevel(vocab=words, unk_token="[UNK]"))
    tk.normalizer = normalizers.Lowercase()
    tk.pre_tokenizer = pre_tokenizers.Whitespace()
    tok = PreTrainedTokenizerFast(tokenizer_object=tk, unk_token="[UNK]", eos_token="[EOS]", pad_token="[EOS]")
    torch.manual_seed(seed)
    cfg = GPT2Config(vocab_size=len(words), n_positions=512, n_embd=64, n_layer=2, n_head=2,
                     bos_token_id=1, eos_token_id=1)
    model = GPT2LMHeadModel(cfg)
    if train_steps:
        ids = [tok(t).input_ids[:128] for t in texts]
        opt = torch.optim.AdamW(model.parameters(), lr=3e-3)
        model.train()
        for step in range(train_steps):
            batch = [ids[(step * 8 + j) % len(ids)] for j in range(8)]
            m = min(len(b) for b in batch)
            x = torch.tensor([b[:m] for b in batch])
            loss = model(input_ids=x, labels=x).loss
            opt.zero_grad()
            loss.backward()
            opt.step()
        model.eval()
    path.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(path)
    tok.save_pretrained(path)
    return path
