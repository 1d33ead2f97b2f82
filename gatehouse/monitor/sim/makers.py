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
        # "v5" (holdout5) keeps the classic conventions for the shared makers and adds the
        # `*5` makers below, which choose their own conventions per tenant

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

    # ---- holdout5 ("v5") ----------------------------------------------------------------
    def paraphrase(self, rng: random.Random, template: str) -> str:
        """One account's rewording of a shared template: word swaps, a prefix and a suffix."""
        out = template
        for a, b in self.p["para_swap"]:
            if a in out and rng.random() < 0.5:
                out = out.replace(a, b, 1)
        return f"{rng.choice(self.p['para_prefix'])}{out}{rng.choice(self.p['para_suffix'])}"

    def harvest5(self, domains: list[str], *, caps: list[int], templates: list[str] | None = None,
                 system: str | None = None, cot: float = 0.0, cot_json: float = 0.0, logprobs: int = 0,
                 temps: list[float] | None = None, fewshot: float = 0.0, n_max: int = 1,
                 cap_field: str = "max_tokens", stream: float = 0.0, model: str = "gpt-4o",
                 cot_templates: list[str] | None = None) -> Maker:
        """Harvesting as holdout5's clients do it: the cap drawn per request from `caps`, the
        reasoning asked for in the text or as a JSON field (`cot_json`), `n` up to `n_max`."""
        tpls = templates or self.p["harvest"]
        cot_tpls = cot_templates or self.p["cot"]
        temp_list = temps or [0.8]

        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            r = rng.random()
            json_cot = False
            if r < cot_json:
                content = self.p["cot_json"].format(q=self.question(rng, domains))
                json_cot = True
            elif r < cot_json + cot:
                content = rng.choice(cot_tpls).format(q=self.question(rng, domains))
            else:
                content = rng.choice(tpls).format(t=self.topic(rng, domains))
            msgs: list[dict[str, Any]] = []
            if system:
                msgs.append({"role": "system", "content": system})
            if fewshot and rng.random() < fewshot:
                msgs.append({"role": "user", "content": rng.choice(tpls).format(t=self.topic(rng, domains))})
                msgs.append({"role": "assistant", "content": self.doc(rng, domains, 80)})
            msgs.append({"role": "user", "content": content})
            cap = rng.choice(caps)
            body: dict[str, Any] = {"model": model, "messages": msgs, "temperature": rng.choice(temp_list), cap_field: cap}
            if json_cot:
                body["response_format"] = {"type": "json_object"}
            if logprobs:
                body["logprobs"] = True
                body["top_logprobs"] = logprobs
            if n_max > 1:
                body["n"] = rng.randint(2, n_max)
            if stream and rng.random() < stream:
                body["stream"] = True
            out = rng.randint(int(cap * 0.3), int(cap * 1.1)) if cap < 1500 else rng.randint(450, 2000)
            return body, min(out, cap)
        return make

    def pref_pairs(self, domains: list[str], temps: tuple[float, float], judge: float = 0.25,
                   cap: int = 1024, templates: list[str] | None = None) -> Maker:
        """Preference data: each prompt sent twice, at a low and a high temperature (the pair
        a reward model is trained on), with some judge prompts comparing two drafts."""
        pending: list[list[dict[str, Any]]] = []
        tpls = templates or self.p["harvest"]

        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            if pending:
                msgs = pending.pop()
                return {"model": "gpt-4o", "messages": msgs, "temperature": temps[1], "max_tokens": cap}, rng.randint(200, cap)
            q = self.question(rng, domains)
            if rng.random() < judge:
                a, b = self.doc(rng, domains, 50), self.doc(rng, domains, 50)
                content = rng.choice(self.p["pref"]).format(q=q, a=a, b=b)
                return {"model": "gpt-4o", "messages": [{"role": "user", "content": content}], "temperature": 0.0,
                        "max_tokens": 400}, rng.randint(60, 400)
            msgs = [{"role": "user", "content": q if rng.random() < 0.5 else rng.choice(tpls).format(t=self.topic(rng, domains))}]
            if rng.random() < 0.9:
                pending.append(msgs)
            return {"model": "gpt-4o", "messages": msgs, "temperature": temps[0], "max_tokens": cap}, rng.randint(200, cap)
        return make

    def toolset(self, rng: random.Random, domains: list[str], k: int) -> list[dict[str, Any]]:
        tools: list[dict[str, Any]] = []
        for _ in range(k):
            d = rng.choice(domains)
            a, b = self.v.pick(rng, d, 2)
            tools.append({"type": "function", "function": {
                "name": f"{rng.choice(['fetch', 'lookup', 'create', 'calc', 'query', 'send'])}_{a}_{b}"[:60],
                "description": f"Returns {b} data for a {a}.",
                "parameters": {"type": "object", "properties": {"id": {"type": "string"}, a: {"type": "string"}},
                               "required": ["id"]}}})
        return tools

    def tool_traces(self, domains: list[str], cap: int = 2500, tasks: list[str] | None = None) -> Maker:
        """Tool-use trace harvesting: a fresh tool set per request over many domains, synthetic
        trajectories of one to three rounds (some with parallel calls)."""
        task_tpls = tasks or self.p["agent"]
        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            tools = self.toolset(rng, domains, rng.randint(2, 6))
            task = rng.choice(task_tpls).format(t=self.topic(rng, domains), n=rng.randint(1000, 99999))
            msgs: list[dict[str, Any]] = [{"role": "user", "content": task + " Explain each step you take."}]
            for i in range(rng.choice([0, 1, 1, 2, 3])):
                calls = [{"id": f"call_{i}_{j}", "type": "function",
                          "function": {"name": str(rng.choice(tools)["function"]["name"]), "arguments": '{"id": "%d"}' % rng.randint(1, 9999)}}
                         for j in range(rng.randint(1, 3))]
                msgs.append({"role": "assistant", "content": None, "tool_calls": calls})
                for c in calls:
                    msgs.append({"role": "tool", "tool_call_id": c["id"], "content": self.doc(rng, domains, 25)})
            body = {"model": "gpt-4o", "messages": msgs, "tools": tools, "tool_choice": rng.choice(["auto", "auto", "required"]),
                    "parallel_tool_calls": True, "temperature": rng.choice([0.7, 0.9, 1.0]), "max_tokens": cap}
            return body, rng.randint(250, min(cap, 1400))
        return make

    # honest
    def agent(self, domain: str, app: str, tools: list[dict[str, Any]]) -> Maker:
        """An agent framework used honestly: one fixed tool set, an app system prompt, growing
        multi-turn conversations with real tool results, short tool-calling outputs (`tools`: the
        tenant's fixed set, from `toolset`)."""
        system = f"You are {app}, an operations agent. Use the tools to act; reply concisely."

        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            msgs: list[dict[str, Any]] = [{"role": "system", "content": system},
                                          {"role": "user", "content": rng.choice(self.p["agent"]).format(
                                              t=self.topic(rng, [domain]), n=rng.randint(1000, 99999))}]
            for i in range(rng.choice([0, 1, 1, 2, 2, 3, 4])):
                name = str(tools[rng.randrange(len(tools))]["function"]["name"])
                msgs.append({"role": "assistant", "content": None, "tool_calls": [
                    {"id": f"call_{i}", "type": "function", "function": {"name": name, "arguments": '{"id": "%d"}' % rng.randint(1, 99999)}}]})
                msgs.append({"role": "tool", "tool_call_id": f"call_{i}", "content": '{"status": "ok", "%s": "%s"}' % tuple(self.v.pick(rng, domain, 2))})
            body = {"model": "gpt-4o-mini", "messages": msgs, "tools": tools, "tool_choice": "auto",
                    "temperature": rng.choice([0.0, 0.1, 0.2]), "max_tokens": 800}
            return body, rng.randint(20, 260)
        return make

    def tutor(self, subject: str, domains: list[str]) -> Maker:
        """A tutoring app: students ask for step-by-step explanations, with follow-ups."""
        system = f"You are a patient {subject} tutor for high-school and college students. Explain step by step and check understanding."

        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            msgs: list[dict[str, Any]] = [{"role": "system", "content": system}]
            if rng.random() < 0.4:
                msgs.append({"role": "user", "content": rng.choice(self.p["tutor"]).format(t=self.topic(rng, domains), q=self.question(rng, domains))})
                msgs.append({"role": "assistant", "content": "Let's go step by step. " + self.doc(rng, domains, 40)})
                if rng.random() < 0.5:
                    msgs.append({"role": "user", "content": "ok, can you show step 2 again with another example?"})
                    msgs.append({"role": "assistant", "content": self.doc(rng, domains, 30)})
            msgs.append({"role": "user", "content": rng.choice(self.p["tutor"]).format(t=self.topic(rng, domains), q=self.question(rng, domains))})
            return {"model": "gpt-4o", "messages": msgs, "temperature": 0.5, "max_tokens": 1200, "stream": True}, rng.randint(150, 900)
        return make

    def lp_classifier(self, domains: list[str], top: int) -> Maker:
        """A reranker / moderation classifier scoring with one token and its top logprobs."""
        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            d = self.doc(rng, domains, rng.randint(20, 90))
            if rng.random() < 0.6:
                content = f"Query: {self.question(rng, domains)}\nPassage: {d}\nDoes the passage answer the query? Answer yes or no."
            else:
                content = f"Does this message break the community rules? Reply Y or N.\nMessage: {d}"
            body = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": content}], "temperature": 0,
                    "max_tokens": 1, "logprobs": True, "top_logprobs": top}
            return body, 1
        return make

    def synth_data(self, domain: str) -> Maker:
        """A QA team generating synthetic test data: n > 1 at a high temperature, short JSON."""
        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            w1, w2 = self.v.pick(rng, domain, 2)
            body: dict[str, Any] = {"model": "gpt-4o-mini", "messages": [
                {"role": "user", "content": rng.choice(self.p["synth"]).format(w1=w1, w2=w2)}],
                "n": rng.choice([3, 5, 5, 8]), "temperature": rng.choice([1.0, 1.1, 1.2]), "max_tokens": 300}
            if rng.random() < 0.5:
                body["response_format"] = {"type": "json_object"}
            return body, rng.randint(40, 200)
        return make

    def saas(self, customers: list[tuple[str, str]]) -> Maker:
        """A multi-customer SaaS on one key: each request carries one end customer's system
        prompt (a few big customers, a long tail), and that customer's users' questions."""
        weights = [1.0 / (i + 1) for i in range(len(customers))]
        prompts = [self.p["saas"][i % len(self.p["saas"])].format(c=c, d=d) for i, (c, d) in enumerate(customers)]

        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            i = rng.choices(range(len(customers)), weights)[0]
            d = customers[i][1]
            msgs: list[dict[str, Any]] = [{"role": "system", "content": prompts[i]}]
            if rng.random() < 0.5:
                a, b = self.v.pick(rng, d, 2)
                msgs.append({"role": "user", "content": rng.choice(self.p["support"]).format(w1=a, w2=b)})
                msgs.append({"role": "assistant", "content": f"Thanks for reaching out! The {a} is listed under {b}."})
            if rng.random() < 0.6:
                w1, w2 = self.v.pick(rng, d, 2)
                msgs.append({"role": "user", "content": rng.choice(self.p["support"]).format(w1=w1, w2=w2)})
            else:
                msgs.append({"role": "user", "content": rng.choice(self.p["chat"]).format(t=self.topic(rng, [d]))})
            return {"model": "gpt-4o-mini", "messages": msgs, "temperature": 0.4, "max_tokens": 500}, rng.randint(40, 300)
        return make

    def consumer(self, domains: list[str]) -> Maker:
        """A consumer app (ideas, captions, messages): streamed, warm, sometimes two drafts."""
        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            msgs: list[dict[str, Any]] = []
            if rng.random() < 0.3:
                msgs.append({"role": "user", "content": rng.choice(self.p["consumer"]).format(t=self.topic(rng, domains))})
                msgs.append({"role": "assistant", "content": "Here are a few ideas you might like!"})
            msgs.append({"role": "user", "content": rng.choice(self.p["consumer"]).format(t=self.topic(rng, domains))})
            body: dict[str, Any] = {"model": "gpt-4o-mini", "messages": msgs, "temperature": rng.choice([0.9, 1.0, 1.1]),
                                    "stream": True}
            if rng.random() < 0.15:
                body["n"] = 2
            return body, rng.randint(40, 350)
        return make

    def indexer(self, app_system: str, domains: list[str]) -> Maker:
        """A RAG product: embeds documents overnight (01:00-05:00 UTC), answers questions by day."""
        rag = self.rag(app_system, domains)

        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            if 1.0 <= (ts % 86400.0) / 3600.0 < 5.0:
                return {"model": "text-embedding-3-small", "input": self.doc(rng, domains, rng.randint(60, 250))}, 0
            return rag(rng, ts)
        return make

    # ---- holdout6 ("v6") ----------------------------------------------------------------
    # holdout6 keeps the classic conventions for the shared makers; these are its own.

    # honest
    def doc_review(self, firm: str, kind: str, domains: list[str], cap: int) -> Maker:
        """A legal / medical document-review firm: long documents in, long memos out, often at
        the output cap (`finish_reason` "length")."""
        system = f"You are the review assistant at {firm}. Be precise, cite sections, never speculate."

        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            d = self.doc(rng, domains, rng.randint(500, 1400))
            msgs = [{"role": "system", "content": system},
                    {"role": "user", "content": rng.choice(self.p["review"]).format(kind=kind, d=d)}]
            body = {"model": "gpt-4o", "messages": msgs, "temperature": rng.choice([0.0, 0.1, 0.2]), "max_tokens": cap}
            return body, min(cap, rng.randint(int(cap * 0.6), int(cap * 1.3)))
        return make

    def labeler(self, domains: list[str], labels: list[str], top: int) -> Maker:
        """A data-labeling vendor: a label plus a one-line rationale, with logprobs, over whatever
        its clients send (many domains)."""
        names = ", ".join(labels)

        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            d = self.doc(rng, domains, rng.randint(15, 80))
            body = {"model": "gpt-4o-mini", "messages": [
                {"role": "user", "content": rng.choice(self.p["label"]).format(labels=names, d=d)}],
                "temperature": 0, "max_tokens": rng.choice([16, 32, 48]), "logprobs": True, "top_logprobs": top}
            return body, rng.randint(3, 30)
        return make

    def localize(self, customer: str, lang: str, domain: str) -> Maker:
        """A translation company's key for one end customer: that customer's glossary prompt,
        one target language, its own subject matter."""
        system = self.p["loc"].format(c=customer, lang=lang)

        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            d = self.doc(rng, [domain], rng.randint(20, 200))
            body = {"model": "gpt-4o", "messages": [{"role": "system", "content": system}, {"role": "user", "content": d}],
                    "temperature": 0.0, "max_tokens": 4096}
            return body, int(len(d.split()) * rng.uniform(1.1, 1.6))
        return make

    def sweep(self, domains: list[str], temps: list[float], ns: list[int], repeats: int) -> Maker:
        """A research group's eval runs: each benchmark item sent at every temperature of a
        sweep (`repeats` of them), with n > 1 samples, seeded."""
        queue: list[tuple[list[dict[str, Any]], float]] = []

        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            if not queue:
                q = self.question(rng, domains)
                content = self.p["eval_cot"].format(q=q) if rng.random() < 0.6 else q
                msgs = [{"role": "user", "content": content}]
                queue.extend((msgs, t) for t in rng.sample(temps, min(repeats, len(temps))))
            msgs, t = queue.pop(0)
            n = rng.choice(ns)
            body: dict[str, Any] = {"model": "gpt-4o", "messages": msgs, "temperature": t, "max_tokens": 768, "seed": 7}
            if n > 1:
                body["n"] = n
            return body, rng.randint(80, 600)
        return make

    def reseller(self, domains: list[str]) -> Maker:
        """A chatbot platform's customer: the platform's one system prompt (shared with every
        other customer of the platform), that customer's users' questions."""
        system = str(self.p["reseller"])

        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            d = rng.choice(domains)
            msgs: list[dict[str, Any]] = [{"role": "system", "content": system}]
            if rng.random() < 0.35:
                a, b = self.v.pick(rng, d, 2)
                msgs.append({"role": "user", "content": rng.choice(self.p["support"]).format(w1=a, w2=b)})
                msgs.append({"role": "assistant", "content": f"Happy to help! Could you tell me more about the {a}?"})
            if rng.random() < 0.6:
                a, b = self.v.pick(rng, d, 2)
                msgs.append({"role": "user", "content": rng.choice(self.p["support"]).format(w1=a, w2=b)})
            else:
                msgs.append({"role": "user", "content": rng.choice(self.p["chat"]).format(t=self.topic(rng, [d]))})
            return {"model": "gpt-4o-mini", "messages": msgs, "temperature": 0.5, "max_tokens": 350}, rng.randint(30, 250)
        return make

    def quiz(self, course: str, domains: list[str]) -> Maker:
        """A course team generating quiz questions as JSON on its own subject."""
        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            content = rng.choice(self.p["quiz"]).format(k=rng.choice([5, 10, 10, 15]), t=self.topic(rng, domains), course=course)
            body = {"model": "gpt-4o", "messages": [{"role": "user", "content": content}], "temperature": 0.7,
                    "max_tokens": 2000, "response_format": {"type": "json_object"}}
            return body, rng.randint(400, 1600)
        return make

    def essay(self, domains: list[str], cap: int) -> Maker:
        """Someone trying the API by asking for one long essay."""
        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            content = rng.choice(self.p["essay"]).format(t=self.topic(rng, domains))
            return {"model": "gpt-4o", "messages": [{"role": "user", "content": content}], "temperature": 0.8,
                    "max_tokens": cap}, min(cap, rng.randint(900, 2600))
        return make

    def app(self, system: str, domains: list[str]) -> Maker:
        """A consumer app's real traffic under its own system prompt (short user asks)."""
        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            msgs: list[dict[str, Any]] = [{"role": "system", "content": system}]
            if rng.random() < 0.3:
                msgs.append({"role": "user", "content": rng.choice(self.p["app_user"]).format(t=self.topic(rng, domains))})
                msgs.append({"role": "assistant", "content": "Done! Anything else?"})
            msgs.append({"role": "user", "content": rng.choice(self.p["app_user"]).format(t=self.topic(rng, domains))})
            return {"model": "gpt-4o-mini", "messages": msgs, "temperature": 0.7, "max_tokens": 400,
                    "stream": rng.random() < 0.7}, rng.randint(30, 260)
        return make

    # distilling
    def deepen(self, domains: list[str], caps: list[int], temps: list[float], system: str | None = None,
               templates: list[str] | None = None) -> Maker:
        """Harvesting through conversations: a long first answer, then follow-ups ("go deeper",
        "another example") that re-send the growing conversation."""
        tpls = templates or self.p["harvest"]

        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            msgs: list[dict[str, Any]] = [{"role": "system", "content": system}] if system else []
            msgs.append({"role": "user", "content": rng.choice(tpls).format(t=self.topic(rng, domains))})
            for _ in range(rng.choice([0, 1, 1, 2, 2, 3, 4])):
                msgs.append({"role": "assistant", "content": self.doc(rng, domains, rng.randint(80, 200))})
                msgs.append({"role": "user", "content": rng.choice(self.p["followup"])})
            cap = rng.choice(caps)
            body = {"model": "gpt-4o", "messages": msgs, "temperature": rng.choice(temps), "max_tokens": cap}
            return body, min(cap, rng.randint(int(cap * 0.4), int(cap * 1.1)) if cap < 1500 else rng.randint(500, 2200))
        return make

    def jsonset(self, domains: list[str], caps: list[int], json_mode: float = 0.6, system: str | None = None) -> Maker:
        """Asking for ready-made training data: k Q&A / instruction pairs as JSON per request."""
        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            content = rng.choice(self.p["jsonset"]).format(k=rng.choice([10, 20, 20, 25, 50]), t=self.topic(rng, domains))
            msgs: list[dict[str, Any]] = [{"role": "system", "content": system}] if system else []
            msgs.append({"role": "user", "content": content})
            cap = rng.choice(caps)
            body: dict[str, Any] = {"model": "gpt-4o", "messages": msgs, "temperature": rng.choice([0.8, 0.9, 1.0]), "max_tokens": cap}
            if rng.random() < json_mode:
                body["response_format"] = {"type": "json_object"}
            return body, min(cap, rng.randint(1500, 6000))
        return make

    def pair_gen(self, domains: list[str], judge: float = 0.3) -> Maker:
        """Preference data written in one request (a chosen and a rejected answer), with
        judge prompts comparing two drafts."""
        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            q = self.question(rng, domains)
            if rng.random() < judge:
                a, b = self.doc(rng, domains, 50), self.doc(rng, domains, 50)
                content = rng.choice(self.p["pref"]).format(q=q, a=a, b=b)
                return {"model": "gpt-4o", "messages": [{"role": "user", "content": content}], "temperature": 0.0,
                        "max_tokens": 300}, rng.randint(40, 300)
            content = rng.choice(self.p["pair"]).format(q=q)
            return {"model": "gpt-4o", "messages": [{"role": "user", "content": content}],
                    "temperature": rng.choice([0.7, 1.0]), "max_tokens": 2000}, rng.randint(400, 1800)
        return make
