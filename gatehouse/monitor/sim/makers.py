"""Request makers: one function per traffic pattern, each returning (body, completion tokens).

A maker is `make(rng, ts) -> (body, out_tokens)`; it closes over the tenant's vocabulary,
phrasing set and habits. Text is built from domain words so that topic breadth is real.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

from gatehouse.monitor.sim.vocab import PHRASES, Vocab

__all__ = ["Maker", "Kit"]

Maker = Callable[[random.Random, float], tuple[dict[str, Any], int]]
_VERBS = "affects shapes limits explains supports changes drives reveals improves requires".split()
_LANGS = ["French", "German", "Spanish", "Japanese", "Portuguese", "Korean", "Italian", "Dutch"]


class Kit:
    """Builders shared by the makers for one phrasing set."""

    def __init__(self, vocab: Vocab, phrasing: str, style: str = "classic") -> None:
        self.v = vocab
        self.p: dict[str, Any] = PHRASES[phrasing]
        # "v3" (holdout3) changes how requests are built, not only their words: the newer
        # `max_completion_tokens`, seeds on evaluation sweeps, few-shot and system-prompt
        # reasoning instructions in harvests, tool-use traces replayed as multi-turn requests
        self.style = style

    def _limit(self, body: dict[str, Any], tokens: int) -> dict[str, Any]:
        """Set the output cap the way this style's clients do."""
        body["max_completion_tokens" if self.style == "v3" else "max_tokens"] = tokens
        return body

    def topic(self, rng: random.Random, domains: list[str]) -> str:
        d = rng.choice(domains)
        a, b = self.v.pick(rng, d, 2)
        return f"the {a} and {b}" if rng.random() < 0.5 else f"{a} in {rng.choice(self.v.pick(rng, d, 1))} {b}"

    def doc(self, rng: random.Random, domains: list[str], words: int) -> str:
        out: list[str] = []
        n = 0
        while n < words:
            d = rng.choice(domains)
            a, b, c = self.v.pick(rng, d, 3)
            s = f"The {a} {rng.choice(_VERBS)} the {b} of {c}."
            out.append(s)
            n += 6
        return " ".join(out)

    def question(self, rng: random.Random, domains: list[str]) -> str:
        return str(rng.choice(self.p["q"]).format(t=self.topic(rng, domains)))

    # ---- honest -------------------------------------------------------------------------
    def support(self, company: str, domain: str, turns: float = 0.6) -> Maker:
        system = f"You are the support assistant for {company}. Answer questions about our {domain} services politely and briefly."

        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            w1, w2 = self.v.pick(rng, domain, 2)
            msgs: list[dict[str, Any]] = [{"role": "system", "content": system}]
            if rng.random() < turns:
                for _ in range(rng.randint(1, 3)):
                    a, b = self.v.pick(rng, domain, 2)
                    msgs.append({"role": "user", "content": rng.choice(self.p["support"]).format(w1=a, w2=b)})
                    msgs.append({"role": "assistant", "content": f"Sure, the {a} can be checked in your account under {b}."})
            msgs.append({"role": "user", "content": rng.choice(self.p["support"]).format(w1=w1, w2=w2)})
            return self._limit({"model": "gpt-4o-mini", "messages": msgs, "temperature": 0.3}, 400), rng.randint(40, 220)
        return make

    def summarize(self, domains: list[str]) -> Maker:
        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            d = self.doc(rng, domains, rng.randint(150, 500))
            body = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": self.p["summ"].format(d=d)}],
                    "temperature": 0.2, "max_tokens": 300}
            return body, rng.randint(60, 160)
        return make

    def translate(self, domains: list[str]) -> Maker:
        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            d = self.doc(rng, domains, rng.randint(20, 120))
            body = {"model": "gpt-4o", "messages": [{"role": "user", "content": self.p["trans"].format(lang=rng.choice(_LANGS), d=d)}],
                    "temperature": 0.0, "max_tokens": 2048}
            return body, int(len(d.split()) * rng.uniform(1.1, 1.6))
        return make

    def extract(self, domain: str) -> Maker:
        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            d = self.doc(rng, [domain], rng.randint(80, 300))
            body = {"model": "gpt-4o-mini", "messages": [
                {"role": "system", "content": "You extract structured data. Reply with JSON only."},
                {"role": "user", "content": self.p["extract"].format(d=d)}],
                "temperature": 0, "response_format": {"type": "json_object"}, "max_tokens": 500}
            return body, rng.randint(30, 90)
        return make

    def ide(self, ide: str) -> Maker:
        system = f"You are a coding assistant inside {ide}. Prefer short, correct code."

        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            t = self.topic(rng, ["programming", "programming", "math"])
            msgs: list[dict[str, Any]] = [{"role": "system", "content": system}]
            for _ in range(rng.randint(0, 4)):
                msgs.append({"role": "user", "content": f"fix the {self.v.pick(rng, 'programming', 1)[0]} in this code"})
                msgs.append({"role": "assistant", "content": "Here is a corrected version of the function."})
            ask = f"Refactor this code to handle {t}" if rng.random() < 0.5 else f"Why does my {t} throw an exception?"
            if rng.random() < 0.05:
                ask += " Explain your reasoning step by step."
            msgs.append({"role": "user", "content": ask})
            return {"model": "gpt-4o", "messages": msgs, "temperature": 0.2, "stream": True}, rng.randint(80, 450)
        return make

    def rag(self, app_system: str, domains: list[str]) -> Maker:
        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            ctx = self.doc(rng, domains, rng.randint(100, 300))
            msgs = [{"role": "system", "content": f"{app_system}\n\nContext:\n{ctx}"},
                    {"role": "user", "content": self.question(rng, domains)}]
            return {"model": "gpt-4o-mini", "messages": msgs, "temperature": 0.1, "max_tokens": 600}, rng.randint(80, 300)
        return make

    def eval_team(self, domains: list[str]) -> Maker:
        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            body, out = make0(rng, ts)
            if self.style == "v3":
                body["seed"] = 1234
            return body, out

        def make0(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            q = self.question(rng, domains)
            r = rng.random()
            if r < 0.55:
                opts = [self.topic(rng, domains) for _ in range(4)]
                content = self.p["eval_mc"].format(q=q, a=opts[0], b=opts[1], c=opts[2], e=opts[3])
                return {"model": "gpt-4o", "messages": [{"role": "user", "content": content}], "temperature": 0, "max_tokens": 5}, 1
            if r < 0.85:
                body = {"model": "gpt-4o", "messages": [{"role": "user", "content": self.p["eval_cot"].format(q=q)}],
                        "temperature": 0, "max_tokens": 1024}
                return body, rng.randint(150, 600)
            return {"model": "gpt-4o", "messages": [{"role": "user", "content": q}], "temperature": 0, "max_tokens": 512}, rng.randint(60, 300)
        return make

    def chat(self, domains: list[str], n_multi: float = 0.0, conversational: float = 0.5) -> Maker:
        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            msgs: list[dict[str, Any]] = []
            if rng.random() < conversational:
                for _ in range(rng.randint(1, 5)):
                    msgs.append({"role": "user", "content": rng.choice(self.p["chat"]).format(t=self.topic(rng, domains))})
                    msgs.append({"role": "assistant", "content": "That's a great question, here is a short overview."})
            msgs.append({"role": "user", "content": rng.choice(self.p["chat"]).format(t=self.topic(rng, domains))})
            body: dict[str, Any] = {"model": "gpt-4o-mini", "messages": msgs, "temperature": round(rng.uniform(0.7, 1.0), 1)}
            if rng.random() < n_multi:
                body["n"] = rng.randint(2, 4)
            return body, rng.randint(60, 380)
        return make

    def classify(self, domains: list[str]) -> Maker:
        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            d = self.doc(rng, domains, rng.randint(15, 60))
            body = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": self.p["classify"].format(d=d)}],
                    "temperature": 0, "max_tokens": 1, "logprobs": True, "top_logprobs": 3}
            return body, 1
        return make

    # ---- distilling ---------------------------------------------------------------------
    def harvest(self, domains: list[str], *, system: str | None = None, cot: float = 0.0, logprobs: int = 0,
                max_tokens: int = 4096, templates: list[str] | None = None, temp: float = 0.8,
                temps: list[float] | None = None, fewshot: float = 0.0, cot_system: bool = False) -> Maker:
        """`temps`: a temperature drawn per request; `fewshot`: share of requests that carry one
        worked example as a prior user/assistant exchange; `cot_system`: the reasoning
        instruction goes in the system prompt instead of the user text."""
        tpls = templates or self.p["harvest"]

        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            sys_cot = False
            if rng.random() < cot:
                if cot_system and rng.random() < 0.5:
                    content = self.question(rng, domains)
                    sys_cot = True
                else:
                    content = rng.choice(self.p["cot"]).format(q=self.question(rng, domains))
            else:
                content = rng.choice(tpls).format(t=self.topic(rng, domains))
            msgs: list[dict[str, Any]] = []
            if system or sys_cot:
                text = system or ""
                if sys_cot:
                    text = (text + " " if text else "") + "Always reason step by step and show your reasoning before the answer."
                msgs.append({"role": "system", "content": text})
            if fewshot and rng.random() < fewshot:
                msgs.append({"role": "user", "content": rng.choice(tpls).format(t=self.topic(rng, domains))})
                msgs.append({"role": "assistant", "content": self.doc(rng, domains, 60)})
            msgs.append({"role": "user", "content": content})
            t = temp if temps is None else rng.choice(temps)
            body: dict[str, Any] = self._limit({"model": "gpt-4o", "messages": msgs, "temperature": t}, max_tokens)
            if logprobs:
                body["logprobs"] = True
                body["top_logprobs"] = logprobs
            out = rng.randint(int(max_tokens * 0.3), int(max_tokens * 1.1)) if max_tokens < 1500 else rng.randint(450, 1800)
            return body, min(out, max_tokens)
        return make

    def preference(self, domains: list[str]) -> Maker:
        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            q = self.question(rng, domains)
            if rng.random() < 0.5:
                a, b = self.doc(rng, domains, 40), self.doc(rng, domains, 40)
                content = rng.choice(self.p["pref"]).format(q=q, a=a, b=b)
                return {"model": "gpt-4o", "messages": [{"role": "user", "content": content}], "temperature": 0.3, "max_tokens": 800}, rng.randint(150, 600)
            body = {"model": "gpt-4o", "messages": [{"role": "user", "content": q}], "n": rng.randint(2, 4),
                    "temperature": rng.choice([0.2, 0.7, 1.0, 1.3]), "max_tokens": 1200}
            return body, rng.randint(600, 2400)
        return make

    def tools(self, domains: list[str]) -> Maker:
        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            tools: list[dict[str, Any]] = []
            for _ in range(rng.randint(1, 4)):
                d = rng.choice(domains)
                a, b = self.v.pick(rng, d, 2)
                tools.append({"type": "function", "function": {
                    "name": f"{rng.choice(['get', 'search', 'update', 'compute', 'list'])}_{a}_{b}"[:60],
                    "description": f"Operates on {a} and {b}.",
                    "parameters": {"type": "object", "properties": {a: {"type": "string"}, "limit": {"type": "integer"}}}}})
            content = f"Use the tools to {rng.choice(['plan', 'research', 'resolve', 'book', 'analyse'])} {self.topic(rng, domains)}, then summarise."
            msgs: list[dict[str, Any]] = [{"role": "user", "content": content}]
            if self.style == "v3" and rng.random() < 0.5:  # continue a synthetic trajectory
                name = str(tools[0]["function"]["name"])
                msgs.append({"role": "assistant", "content": None, "tool_calls": [
                    {"id": "call_1", "type": "function", "function": {"name": name, "arguments": "{}"}}]})
                msgs.append({"role": "tool", "tool_call_id": "call_1", "content": self.doc(rng, domains, 30)})
            body = self._limit({"model": "gpt-4o", "messages": msgs, "tools": tools, "tool_choice": "auto" if self.style == "v3" else "required",
                                "temperature": 0.7}, 2000)
            return body, rng.randint(200, 900)
        return make
