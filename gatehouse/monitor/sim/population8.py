"""holdout8's population (`style="v8"`): phrasing J and a domain mix of its own (both defined
here), new honest hard negatives next to the earlier ones, new distiller habits, and campaigns
dealt network, client, timing, wording, account size and shape in `_plans8`.

Honest, new: legal/medical/financial research firms asking for long analytical answers across
several domains with follow-ups; benchmark companies with a key per client project (broad
topics at temperature 0, calibration logprobs, pass@k with n > 1, long-form graded answers);
customer-support BPOs answering for 30-120 client brands from two or three sites (ticket
replies, macros, summaries); a data-labeling marketplace (labels with logprobs, pairwise judging,
reference answers for annotators to edit); multilingual content farms writing templated long
articles in many languages on many topics; universities with a key per course, every request
from the campus /24s; nightly ETL jobs; CI code-review bots; hobbyists using bring-your-own-key
desktop and web clients, many from mobile carriers' shared (CGNAT) ranges, as are a third of the
trial accounts.

Distillers, new: answer-critique-revise harvesting (`rubric`), self-instruct (a generation
request for new tasks, then the generated tasks answered one by one), multilingual instruction
harvesting (`polyglot`), a domain-a-day coverage schedule (narrow on any day, broad over the
week), disguises wearing a research firm's, a BPO brand's or a course's system prompt; four
turncoats (two with one key). Campaigns are dealt networks (own /24s, shared cloud, residential,
mobile CGNAT ranges also used by honest consumers), clients (one, an SDK or a BYO-key app per
account, per request), timing (shared sessions, office hours, all-week trickle, a relay of
accounts used one after another, nightly cron), wording (verbatim, reworded, or each account its
own subset of templates), account size (tiny, small, moderate), keys per account (one or
several), cover share and kind, billing contacts and harvest style.
"""

from __future__ import annotations

import random
from typing import Any

from gatehouse.monitor.sim import timing as T
from gatehouse.monitor.sim.generator import SimTenant
from gatehouse.monitor.sim.makers import Kit, Maker
from gatehouse.monitor.sim.mixture import Mixture
from gatehouse.monitor.sim.population import _COMPANIES, _first_harvest, _Ids, _mixed, _tenant
from gatehouse.monitor.sim.population6 import _harvest_at
from gatehouse.monitor.sim.vocab import DOMAINS, EXTRA_DOMAINS, G_DOMAINS, H_DOMAINS, Vocab, seeded_vocab

__all__ = ["populate8"]

# ---- identities, networks, clients --------------------------------------------------------
_CC8 = ["US", "US", "US", "GB", "CA", "IE", "DE", "FR", "ES", "PL", "NL", "IN", "PH", "CO", "SG", "JP", "KR", "TW",
        "AU", "BR", "MX", "ZA", "EG", "ID"]
_CLOUDS8 = ["35.199.40", "35.199.41", "52.14.180", "3.88.215", "20.84.12", "138.68.70", "159.89.130", "51.15.204"]
_CGNAT8 = ["172.56.14", "172.58.91", "107.77.201", "166.198.31", "49.36.122", "117.98.4"]
_ORGS8 = "Ashdown Brackley Corrigan Delphine Easterly Fennick Galloway Hartwell Ivers Juniper Kilbride Lorne".split()
_SCRIPT_UAS8 = ["python-requests/2.32.3", "httpx/0.28.1", "aiohttp/3.11.16", "Go-http-client/2.0", "node-fetch/3.3.2",
                "curl/8.12.1", "okhttp/4.12.0", "reqwest/0.12.15", "Java-http-client/21.0.6"]
_BYOK_UAS8 = ["ChatBox/1.10.4", "TypingMind/2025.3", "BoltAI/1.33.0 (macOS)", "LibreChat/0.7.7",
              "OpenCat/3.2 (iOS)", "Msty/1.7.1"]
_APP_UAS8 = ["quill-backend/3.2 httpx/0.28.1", "nova-api/1.22", "atlas-gateway/1.1.0", "pennant-server/4.9"]
_BENCH_UA8 = "evalkit/0.9.4 (python)"
_BPO_UA8 = "deskflow-connector/5.1"
_LANGS8 = ["French", "German", "Spanish", "Japanese", "Portuguese", "Italian", "Dutch", "Polish", "Korean", "Vietnamese",
           "Indonesian", "Turkish", "Arabic", "Hindi", "Thai", "Swedish"]
_LABELS8 = [["toxic", "safe"], ["helpful", "unhelpful"], ["billing", "technical", "account", "other"],
            ["relevant", "partially relevant", "irrelevant"], ["positive", "negative", "neutral", "mixed"],
            ["factual", "hallucinated", "unverifiable"]]
_COURSES8 = ["law", "medicine", "finance", "programming", "biology", "math", "physics", "chemistry", "pharmacology",
             "urban_planning", "semiconductors", "taxation", "economics"]

# ---- vocabulary: six domains of its own, three borrowed, six shared ones dropped ------------
_J_DOMAINS: dict[str, str] = {
    "pharmacology": "pharmacokinetics receptor agonist antagonist halflife bioavailability clearance dosage "
                    "metabolite toxicity formulary contraindication excipient titration placebo",
    "semiconductors": "wafer lithography transistor dopant etching photoresist yield foundry die substrate "
                      "annealing gate leakage interconnect packaging cleanroom",
    "urban_planning": "zoning density transit corridor setback easement streetscape greenway infill "
                      "rezoning sprawl parcel boulevard mixed-use walkability",
    "oceanography": "salinity upwelling thermocline current tide plankton trench buoy reef sediment "
                    "estuary gyre bathymetry swell acidification",
    "taxation": "deduction withholding bracket exemption filing audit levy credit remittance "
                "depreciation nexus residency treaty assessment refund",
    "economics": "elasticity inflation tariff unemployment subsidy monopoly equilibrium demand supply "
                 "recession stimulus productivity wage interest output",
}
_J_DROPPED = {"history", "cooking", "music", "sports", "telecom", "philosophy", "hr"}
_J_BORROWED = {"insurance": EXTRA_DOMAINS["insurance"], "cybersecurity": G_DOMAINS["cybersecurity"],
               "nutrition": H_DOMAINS["nutrition"]}
_J_SYL = "bre ol cand usk ferr ith mal orn pev qua sil tov ung yar zeb hol wim ekt gra dun".split()


def _vocab8(rng: random.Random, invented: int = 60) -> Vocab:
    """Holdout8's domains: the shared ones less `_J_DROPPED`, three borrowed and six new, each
    with seeded invented terms."""
    domains = {**{d: w for d, w in DOMAINS.items() if d not in _J_DROPPED}, **_J_BORROWED, **_J_DOMAINS}
    return seeded_vocab(rng, dict(sorted(domains.items())), _J_SYL, invented)


# ---- phrasing J ---------------------------------------------------------------------------
_PHRASES8: dict[str, Any] = {
    "harvest": [
        "Write an authoritative explainer on {t}. Cover the fundamentals, the mechanisms, edge cases and worked examples.",
        "You are writing a chapter for a graduate textbook. Topic: {t}. Be complete and precise.",
        "Explain everything a practitioner needs to know about {t}, with concrete examples and common errors.",
        "Give a long, careful answer on {t}: start from the basics and build up to the advanced material.",
        "Draft the definitive FAQ on {t}: at least ten questions, each with a full answer.",
        "Teach me {t} as if I had to pass an expert exam on it tomorrow. Leave nothing out.",
        "Produce a detailed technical brief on {t} with sections, examples and a glossary.",
        "What is the most complete and correct explanation of {t} you can give? Write it in full.",
        "Write a rigorous deep-dive into {t}, including the reasoning behind each claim.",
    ],
    "cot": [
        "{q} Reason step by step, numbering each step, and state the answer at the end.",
        "Before answering, think aloud through every step. {q}",
        "{q}\nShow all intermediate reasoning. Last line: ANSWER: <answer>.",
        "Work through this slowly and explain each inference: {q}",
    ],
    "pref": [
        "Prompt: {q}\nCandidate A: {a}\nCandidate B: {b}\nWhich candidate is better? Reply 'A' or 'B' and one sentence why.",
        "Compare two answers to '{q}'.\n(1) {a}\n(2) {b}\nScore each from 1 to 10 for accuracy and helpfulness, then pick the better.",
    ],
    "support": [
        "hi, my {w1} was billed twice and the {w2} is still missing", "where do i change the {w1} on my account",
        "the app says {w1} failed again, tried {w2} already", "can i get a refund for the {w1}?",
        "how long does {w1} usually take? {w2} says pending", "need help, {w1} locked after {w2} update",
        "is {w1} covered under my {w2} plan", "why did my {w1} change without me doing anything",
    ],
    "chat": [
        "quick q: what is {t}?", "explain {t} in a few sentences", "I'm curious, how does {t} actually work",
        "what are the basics of {t}?", "tl;dr on {t} please", "can you help me make sense of {t}",
        "someone at work brought up {t}. what's that about",
    ],
    "summ": "Summarise the following in five bullet points for the weekly ops note.\n\n{d}",
    "trans": "Translate to {lang}. Keep formatting and product names unchanged.\n\n{d}",
    "extract": "Extract entities (people, organisations, dates, amounts) from the text as a JSON object.\n\n{d}",
    "classify": "Label the sentiment of this review: positive, negative or neutral. One word.\nReview: {d}",
    "eval_mc": "Q: {q}\n(A) {a}\n(B) {b}\n(C) {c}\n(D) {e}\nAnswer with a single letter.",
    "eval_cot": "Q: {q}\nReason briefly, then write 'Answer:' followed by your answer.",
    "q": [
        "What drives {t}?", "How should one think about {t}?", "Where does {t} usually go wrong?",
        "How do experts evaluate {t}?", "What is the key idea behind {t}?",
    ],
    "tutor": [
        "I don't understand {t} from today's lecture. Can you go through it step by step?",
        "Problem set question: {q} Please guide me through the steps rather than just giving the answer.",
        "Can you explain {t} with a simple worked example? My midterm is soon.",
        "Walk me through how to solve: {q}",
    ],
    "agent": [
        "Pull the open {t} cases and flag the ones older than a week.", "Check {t} for order {n} and update the customer.",
        "Compare this week's {t} figures with last week's and post a summary.", "File a ticket about {t} for account {n}.",
        "Find anything unusual in {t} since Monday and notify the owner.",
    ],
    "synth": [
        "Create a realistic fake {w1} record as JSON with id, {w2}, owner and status fields.",
        "Write one made-up customer email about {w1} that mentions {w2}. Vary tone and length.",
    ],
    "saas": [
        "You are the assistant for {c} ({d}). Be concise and friendly.",
        "You answer {c} customers' {d} questions. Do not give legal advice; hand refunds to a human.",
        "You are {c}'s help desk bot ({d}). Keep replies under 120 words.",
    ],
    "consumer": [
        "write a short caption about {t}", "give me some fun ideas involving {t}", "help me reply to a friend about {t}",
        "write a haiku about {t}", "what's a cool weekend plan around {t}",
    ],
    "cot_json": "Respond as JSON with keys \"chain_of_thought\" (every reasoning step) and \"final_answer\".\nQuestion: {q}",
    "para_prefix": ["", "", "Task: ", "Please -- ", "Hey! ", "Assignment: ", "Request. ", "For our dataset: "],
    "para_suffix": ["", "", " Thanks!", " Be exhaustive.", " Use numbered sections.", " Longer is better.", " Do not summarise."],
    "para_swap": [["Write", "Produce"], ["Explain", "Break down"], ["detailed", "in-depth"], ["complete", "full"],
                  ["examples", "worked cases"], ["Give", "Provide"], ["answer", "response"], ["long", "lengthy"],
                  ["rigorous", "careful"], ["Teach", "Explain to"]],
    "review": [
        "Review this {kind} and list every issue with its risk, the section it comes from and a proposed fix.\n\n{d}",
        "Write a review memo for the {kind} below: summary, key findings, open points, recommendations.\n\n{d}",
    ],
    "label": [
        "Pick exactly one label from [{labels}] for the text, then one short reason.\nText: {d}",
        "Labels: {labels}. First line: label. Second line: rationale (max 20 words).\nInput: {d}",
    ],
    "quiz": [
        "Write {k} multiple-choice questions on {t} for the {course} module. JSON list of {{question, options, answer}}.",
        "Create {k} revision questions with model answers about {t} for {course}, as JSON.",
    ],
    "essay": [
        "Write a long essay (about 1500 words) on {t}.", "I need a detailed article about {t}, intro to conclusion.",
        "write a full blog post on {t}, 1200+ words please",
    ],
    "followup": [
        "Elaborate on the third point with more detail.", "Another example please, a more difficult one.",
        "Now cover the exceptions and edge cases.", "Expand this into a complete section.",
        "What did you leave out? Add it.", "Redo it with every step of reasoning written out.",
    ],
    "jsonset": [
        "Generate {k} question/answer pairs about {t} as a JSON array with keys \"q\" and \"a\". Make each answer thorough.",
        "Output JSON {{\"examples\": [...]}} with {k} instruction-following examples on {t} (instruction, output).",
    ],
    "pair": [
        "Answer the prompt twice: a GOOD answer and a BAD-but-plausible answer, each labelled.\nPrompt: {q}",
        "Write a strong and a weak response to the question below, then say which is better and why.\n{q}",
    ],
    "app": [
        "You are Quill, the writing assistant inside the Quill notes app. Help users draft, edit and summarise notes.",
        "You are Nova, the coach inside the Nova fitness app. Be upbeat, brief and practical.",
        "You are Atlas, the errands assistant in the Atlas mobile app. Keep replies short and actionable.",
        "You are Pennant, the helper in the Pennant bookkeeping app. Answer plainly.",
    ],
    "app_user": [
        "clean up this note: {t}", "summarise my note on {t}", "what does {t} mean again",
        "draft a quick message about {t}", "make a checklist from: {t}", "rewrite this more formally: {t}",
    ],
    "sysprompt": [
        "You are {name}, the assistant of {org}. Give accurate, detailed answers.",
        "You are {name} from {org}. Explain things completely and clearly.",
    ],
    "reseller": "You are a helpful assistant on the ChatNest platform. Answer concisely; offer a human if unsure.",
    "loc": "You are {c}'s translation engine. Use the {c} glossary. Translate from English into {lang}; output the translation only.",
    # holdout8's own makers
    "analyst": [
        "Matter {ref}. Based on the excerpt below, analyse {t}: the governing principles, the competing positions, "
        "the risks, and what you would advise. Cite the excerpt where relevant.\n\nExcerpt:\n{d}",
        "Research request {ref}: prepare an analytical note on {t}. Consider the material below, identify the open "
        "questions and weigh the alternatives.\n\nMaterial:\n{d}",
        "For file {ref}: how does {t} bear on the situation described below? Give a structured analysis with a "
        "conclusion and caveats.\n\n{d}",
    ],
    "analyst_follow": [
        "Can you expand the risk section?", "How would the answer change in another jurisdiction?",
        "Summarise the analysis in a paragraph for the client.", "What authorities or studies should we check?",
    ],
    "bench_long": "Question {n}: {q}\nWrite a complete answer; it will be graded against a reference by a rubric.",
    "bpo_macro": [
        "Draft a polite reply to this customer email for the {c} team:\n\n{d}",
        "Summarise this {c} support ticket in two lines and tag its category:\n\n{d}",
        "Rewrite this agent reply in {c}'s brand voice, shorter and warmer:\n\n{d}",
    ],
    "reference": "Write a reference answer that annotators will edit and grade against. Task: {q}",
    "article": [
        "Write a {w}-word SEO article in {lang} titled '{t}'. Use H2 headings, a short intro, and a 3-question FAQ.",
        "In {lang}: write a {w}-word listicle about {t} for our blog. Friendly tone, subheadings, call to action.",
        "Create a {w}-word product-style guide in {lang} on {t} with an introduction, steps and a conclusion.",
    ],
    "ci_review": "Review this pull request diff for bugs, security issues and style. Reply with numbered comments.\n\n```diff\n{d}\n```",
    "essay_feedback": "Give me feedback on my essay draft for {c}: structure, argument, evidence. Don't rewrite it.\n\n{d}",
    "rubric": [
        "Answer the question. Then critique your answer against this rubric (accuracy, completeness, clarity), "
        "and finally write an improved answer labelled FINAL.\nQuestion: {q}",
        "Step 1: answer '{q}'. Step 2: list the weaknesses of your answer. Step 3: rewrite it fixing every weakness.",
    ],
    "self_gen": "Here are example tasks:\n1. {a}\n2. {b}\n3. {c}\nWrite {k} new tasks of the same kind on different subjects, "
                "one per line, numbered. Make them diverse and specific.",
    "self_task": [
        "Describe how {t} works and why it matters.", "Compare the main approaches to {t}.",
        "Give a step-by-step guide to {t}.", "List the common mistakes in {t} and how to avoid them.",
        "Explain {t} to a beginner, then to an expert.",
    ],
    "polyglot": ["Respond entirely in {lang}.", "Answer in {lang} only.", "Please reply in {lang}."],
}


class _Kit8(Kit):
    """Holdout8's builders: phrasing J for the shared makers, and makers of its own."""

    def __init__(self, vocab: Vocab, style: str = "classic") -> None:
        super().__init__(vocab, "H", style)
        self.p = _PHRASES8

    # ---- honest ---------------------------------------------------------------------------
    def analyst(self, firm: str, domains: list[str], caps: list[int]) -> Maker:
        """A research firm: an excerpt and an analytical question across its practice areas,
        long answers, some follow-ups on a previous answer."""
        system = f"You are the research assistant at {firm}. Be rigorous, balanced and cite the material provided."

        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            ref = f"{rng.choice('ABCDEFGHKLMP')}-{rng.randint(1000, 9999)}"
            d = self.doc(rng, domains, rng.randint(120, 600))
            msgs: list[dict[str, Any]] = [{"role": "system", "content": system}, {"role": "user", "content": rng.choice(
                self.p["analyst"]).format(ref=ref, t=self.topic(rng, domains), d=d)}]
            if rng.random() < 0.3:
                msgs.append({"role": "assistant", "content": self.doc(rng, domains, rng.randint(150, 400))})
                msgs.append({"role": "user", "content": rng.choice(self.p["analyst_follow"])})
            cap = rng.choice(caps)
            body = {"model": "gpt-4o", "messages": msgs, "temperature": rng.choice([0.1, 0.2, 0.3]), "max_tokens": cap}
            return body, min(cap, rng.randint(600, 2600))
        return make

    def bench(self, domains: list[str], seed: int) -> Maker:
        """A benchmark company's runs: multiple choice (some with logprobs for calibration),
        short reasoning, long-form graded answers, pass@k with n > 1; temperature 0 unless
        sampling, seeded."""
        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            q = self.question(rng, domains)
            r = rng.random()
            body: dict[str, Any]
            if r < 0.4:
                opts = [self.topic(rng, domains) for _ in range(4)]
                content = self.p["eval_mc"].format(q=q, a=opts[0], b=opts[1], c=opts[2], e=opts[3])
                body = {"model": "gpt-4o", "messages": [{"role": "user", "content": content}], "temperature": 0,
                        "max_tokens": 1, "seed": seed}
                if rng.random() < 0.35:
                    body["logprobs"] = True
                    body["top_logprobs"] = 5
                return body, 1
            if r < 0.7:
                body = {"model": "gpt-4o", "messages": [{"role": "user", "content": self.p["eval_cot"].format(q=q)}],
                        "temperature": 0, "max_tokens": 1024, "seed": seed}
                return body, rng.randint(120, 700)
            if r < 0.9:
                content = self.p["bench_long"].format(n=rng.randint(1, 2000), q=q)
                body = {"model": "gpt-4o", "messages": [{"role": "user", "content": content}], "temperature": 0,
                        "max_tokens": rng.choice([1500, 2048]), "seed": seed}
                return body, rng.randint(400, 1700)
            body = {"model": "gpt-4o", "messages": [{"role": "user", "content": self.p["eval_cot"].format(q=q)}],
                    "temperature": 0.8, "n": rng.choice([5, 10]), "max_tokens": 1024, "seed": seed}
            return body, rng.randint(150, 600)
        return make

    def bpo(self, brands: list[tuple[str, str]]) -> Maker:
        """A support BPO: each request one client brand's prompt (a few big clients, a long tail),
        chats with the brand's customers, and agent macros (draft, summarise, rewrite)."""
        weights = [1.0 / (i + 1) ** 0.8 for i in range(len(brands))]
        prompts = [self.p["saas"][i % len(self.p["saas"])].format(c=c, d=d.replace("_", " ")) for i, (c, d) in enumerate(brands)]

        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            i = rng.choices(range(len(brands)), weights)[0]
            c, d = brands[i]
            if rng.random() < 0.3:
                content = rng.choice(self.p["bpo_macro"]).format(c=c, d=self.doc(rng, [d], rng.randint(40, 160)))
                return {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": content}], "temperature": 0.4,
                        "max_tokens": 500}, rng.randint(40, 300)
            msgs: list[dict[str, Any]] = [{"role": "system", "content": prompts[i]}]
            for _ in range(rng.choice([0, 0, 1, 1, 2, 3])):
                a, b = self.v.pick(rng, d, 2)
                msgs.append({"role": "user", "content": rng.choice(self.p["support"]).format(w1=a, w2=b)})
                msgs.append({"role": "assistant", "content": f"Thanks! I've checked the {a}; it shows under {b}."})
            w1, w2 = self.v.pick(rng, d, 2)
            msgs.append({"role": "user", "content": rng.choice(self.p["support"]).format(w1=w1, w2=w2)})
            return {"model": "gpt-4o-mini", "messages": msgs, "temperature": 0.3, "max_tokens": 400}, rng.randint(30, 240)
        return make

    def marketplace(self, domains: list[str], labels: list[str]) -> Maker:
        """A labeling marketplace: labels with logprobs, pairwise judging of two answers, and
        reference answers that annotators edit (long-ish, many domains)."""
        lab = self.labeler(domains, labels, 5)

        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            r = rng.random()
            if r < 0.45:
                return lab(rng, ts)
            q = self.question(rng, domains)
            if r < 0.75:
                a, b = self.doc(rng, domains, rng.randint(40, 120)), self.doc(rng, domains, rng.randint(40, 120))
                content = rng.choice(self.p["pref"]).format(q=q, a=a, b=b)
                return {"model": "gpt-4o", "messages": [{"role": "user", "content": content}], "temperature": 0,
                        "max_tokens": 300}, rng.randint(20, 200)
            body = {"model": "gpt-4o", "messages": [{"role": "user", "content": self.p["reference"].format(q=q)}],
                    "temperature": 0.3, "max_tokens": rng.choice([1000, 1500])}
            return body, rng.randint(300, 1400)
        return make

    def article(self, domains: list[str], langs: list[str], words: list[int]) -> Maker:
        """A content farm: templated long articles in many languages on many topics."""
        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            w = rng.choice(words)
            content = rng.choice(self.p["article"]).format(w=w, lang=rng.choice(langs), t=self.topic(rng, domains))
            cap = 4096 if w >= 1200 else 2500
            body = {"model": rng.choice(["gpt-4o-mini", "gpt-4o-mini", "gpt-4o"]), "messages": [
                {"role": "user", "content": content}], "temperature": rng.choice([0.8, 0.9, 1.0]), "max_tokens": cap}
            return body, min(cap, int(w * rng.uniform(1.2, 1.9)))
        return make

    def ci_review(self) -> Maker:
        """A code-review bot: a diff per pull request, numbered comments back."""
        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            lines = [f"{rng.choice('+- ')} {self.topic(rng, ['programming'])}" for _ in range(rng.randint(15, 120))]
            body = {"model": "gpt-4o", "messages": [
                {"role": "system", "content": "You are a senior reviewer. Be specific; skip praise."},
                {"role": "user", "content": self.p["ci_review"].format(d="\n".join(lines))}],
                "temperature": 0.1, "max_tokens": 1200}
            return body, rng.randint(60, 700)
        return make

    def course(self, course: str, subject: str, domains: list[str]) -> Maker:
        """A university course key: tutoring, essay feedback and short questions on its subject."""
        tutor = self.tutor(subject.replace("_", " "), [subject])
        chat = self.chat(domains, conversational=0.3)

        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            r = rng.random()
            if r < 0.5:
                return tutor(rng, ts)
            if r < 0.7:
                content = self.p["essay_feedback"].format(c=course, d=self.doc(rng, [subject], rng.randint(200, 700)))
                return {"model": "gpt-4o", "messages": [{"role": "user", "content": content}], "temperature": 0.4,
                        "max_tokens": 1200}, rng.randint(250, 900)
            return chat(rng, ts)
        return make

    def etl(self, domains: list[str]) -> Maker:
        """A nightly batch job: extraction, classification and summaries over one night's records."""
        parts = [self.extract(domains[0]), self.classify(domains), self.summarize(domains)]

        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            return parts[rng.choices([0, 1, 2], [0.5, 0.3, 0.2])[0]](rng, ts)
        return make

    # ---- distilling -----------------------------------------------------------------------
    def rubric(self, domains: list[str], caps: list[int], temps: list[float]) -> Maker:
        """Answer, self-critique and revision in one request: data for training critics and refiners."""
        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            content = rng.choice(self.p["rubric"]).format(q=self.question(rng, domains))
            cap = rng.choice(caps)
            body = {"model": "gpt-4o", "messages": [{"role": "user", "content": content}],
                    "temperature": rng.choice(temps), "max_tokens": cap}
            return body, min(cap, rng.randint(900, 3200))
        return make

    def self_instruct(self, domains: list[str], caps: list[int], temps: list[float],
                      templates: list[str] | None = None) -> Maker:
        """Self-instruct: a request asking for k new tasks from three seed tasks, then the
        generated tasks answered one per request (short imperative prompts, high caps)."""
        queue: list[str] = []
        tpls = templates or self.p["self_task"]

        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            if queue:
                cap = rng.choice(caps)
                body = {"model": "gpt-4o", "messages": [{"role": "user", "content": queue.pop(0)}],
                        "temperature": rng.choice(temps), "max_tokens": cap}
                return body, min(cap, rng.randint(400, 2200))
            k = rng.choice([5, 8, 10, 12])
            seeds = [rng.choice(tpls).format(t=self.topic(rng, domains)) for _ in range(3)]
            content = self.p["self_gen"].format(a=seeds[0], b=seeds[1], c=seeds[2], k=k)
            queue.extend(rng.choice(tpls).format(t=self.topic(rng, domains)) for _ in range(k))
            return {"model": "gpt-4o", "messages": [{"role": "user", "content": content}], "temperature": 1.0,
                    "max_tokens": 1000}, rng.randint(150, 600)
        return make

    def polyglot(self, domains: list[str], langs: list[str], caps: list[int], temps: list[float],
                 templates: list[str] | None = None) -> Maker:
        """Multilingual instruction harvesting: the harvest templates with an answer-language line."""
        tpls = templates or self.p["harvest"]

        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            ask = rng.choice(tpls).format(t=self.topic(rng, domains))
            lang = rng.choice(self.p["polyglot"]).format(lang=rng.choice(langs))
            content = f"{lang} {ask}" if rng.random() < 0.5 else f"{ask}\n{lang}"
            cap = rng.choice(caps)
            body = {"model": "gpt-4o", "messages": [{"role": "user", "content": content}],
                    "temperature": rng.choice(temps), "max_tokens": cap}
            return body, min(cap, rng.randint(int(cap * 0.4), int(cap * 1.1)) if cap < 1500 else rng.randint(600, 2400))
        return make

    def coverage(self, domains: list[str], caps: list[int], temps: list[float], per_day: int,
                 templates: list[str] | None = None) -> Maker:
        """Systematic coverage: one domain at a time (`per_day` blocks a day, in a fixed order),
        so a day looks narrow and the week covers every domain."""
        tpls = templates or self.p["harvest"]
        block = T.DAY / per_day

        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            d = domains[int((ts - T.WEEK_START) // block) % len(domains)]
            r = rng.random()
            content = (rng.choice(self.p["cot"]).format(q=self.question(rng, [d])) if r < 0.25
                       else rng.choice(tpls).format(t=self.topic(rng, [d])))
            cap = rng.choice(caps)
            body = {"model": "gpt-4o", "messages": [{"role": "user", "content": content}],
                    "temperature": rng.choice(temps), "max_completion_tokens": cap}
            return body, min(cap, rng.randint(500, 2200))
        return make


# ---- helpers --------------------------------------------------------------------------------
def _tz8(rng: random.Random) -> float:
    return rng.choice([-8.0, -7.0, -5.0, -4.0, -3.0, 0.0, 1.0, 2.0, 3.0, 5.5, 7.0, 8.0, 9.0, 10.0])


def _honest8(ids: _Ids, rng: random.Random, pattern: str, m: Mixture, keys: int = 1, nets: list[str] | None = None,
             ua: str | None = None) -> SimTenant:
    nets = nets or ([rng.choice(_CLOUDS8)] if rng.random() < m.honest_cloud else [ids.net()])
    t = _tenant(ids, rng, "honest", pattern, keys=keys, nets=nets, uas=m.sdk_uas, ua=ua)
    t.jurisdiction = rng.choice(_CC8)
    return t


def _office(rng: random.Random, count: int, tz: float, peak: float = 13.0, width: float = 2.0) -> list[float]:
    """Exactly `count` times in weekday office hours of `tz`."""
    days = [rng.randrange(5) for _ in range(count)]
    return sorted(T.WEEK_START + d * T.DAY + ((rng.gauss(peak, width) - tz) % 24.0) * 3600.0 for d in days)


def _nights(rng: random.Random, count: int, tz: float, nights: list[int]) -> list[float]:
    """Exactly `count` times between 00:00 and 05:00 in `tz` on the given nights."""
    return sorted(T.WEEK_START + rng.choice(nights) * T.DAY + ((rng.uniform(0.0, 5.0) - tz) % 24.0) * 3600.0
                  for _ in range(count))


def _keys(ids: _Ids, n: int) -> list[str]:
    return [ids.key() for _ in range(n)]


# ---- the population -------------------------------------------------------------------------
def populate8(rng: random.Random, kit: Kit, m: Mixture) -> list[SimTenant]:
    k = _Kit8(_vocab8(rng))
    kn = _Kit8(k.v, "v3")  # clients on `max_completion_tokens`, seeded evals, auto tool choice
    ids = _Ids(rng)
    out: list[SimTenant] = []
    for pattern, count in m.honest.items():
        for _ in range(count):
            out.append(_honest_tenant(ids, rng, k if rng.random() < 0.6 else kn, m, pattern))
    out.extend(_trials8(ids, rng, k, m))
    out.extend(_distillers8(ids, rng, k, m))
    out.extend(_turncoats8(ids, rng, k, m))
    plans = _plans8(rng, m)
    for ci, size in enumerate(m.campaigns):
        out.extend(_campaign8(ids, rng, k, m, f"camp_{ci + 1}", size, plans[ci]))
    return [t for t in out if t.times]


def _honest_tenant(ids: _Ids, rng: random.Random, k: _Kit8, m: Mixture, pattern: str) -> SimTenant:
    """One honest tenant of `pattern`: the classic kinds, holdout5-7's, and holdout8's own."""
    if pattern in _NEW_HONEST:
        return _NEW_HONEST[pattern](ids, rng, k, m)
    t = _honest8(ids, rng, pattern, m, keys=rng.randint(1, 3))
    _classic(ids, rng, k, m, t, pattern)
    return t


def _classic(ids: _Ids, rng: random.Random, k: _Kit8, m: Mixture, t: SimTenant, pattern: str) -> None:
    doms = k.v.domains
    v = m.volume
    z = _tz8(rng)
    if pattern == "support":
        t.makers = [k.support(rng.choice(_ORGS8 + _COMPANIES), rng.choice(doms), turns=0.5)]
        t.times = T.diurnal(rng, rng.uniform(400, 1300) * v, z, weekend=0.4)
    elif pattern == "summarize":
        t.makers = [k.summarize(rng.sample(doms, rng.choice([1, 2, 4])))]
        t.times = T.nightly(rng, rng.uniform(600, 1600) * v, begin=rng.uniform(0.0, 22.0), hours=rng.uniform(1.0, 3.0))
    elif pattern == "translate":
        t.makers = [k.translate(doms)]
        t.times = T.flat(rng, rng.uniform(900, 2500) * v)
    elif pattern == "extract":
        t.makers = [k.extract(rng.choice(doms))]
        t.times = T.diurnal(rng, rng.uniform(300, 900) * v, z, width=3.5)
    elif pattern == "ide":
        t.keys = _keys(ids, rng.randint(5, 30))
        t.ua = rng.choice(["Cursor/0.48", "continue-vscode/1.0.6", "OpenAI/NodeJS 4.89.0"])
        t.makers = [k.ide(rng.choice(["VS Code", "JetBrains", "Zed", "Cursor"]))]
        t.times = T.diurnal(rng, len(t.keys) * rng.uniform(30, 80) * v, z)
    elif pattern == "rag":
        t.makers = [k.rag(f"You answer {rng.choice(_ORGS8)} employees' questions from the context only.",
                          rng.sample(doms, rng.randint(1, 3)))]
        t.times = T.diurnal(rng, rng.uniform(200, 800) * v, z)
    elif pattern == "eval":
        t.makers = [k.eval_team(doms)]
        t.times = T.bursts(rng, int(rng.uniform(1500, 5000) * v) + 50, rng.randint(1, 3), rng.uniform(2, 8))
    elif pattern == "chat":
        t.makers = [k.chat(doms, n_multi=0.05)]
        t.times = T.diurnal(rng, rng.uniform(500, 1600) * v, z, width=4.5)
    elif pattern == "creative":
        t.makers = [k.chat(rng.sample(doms, 5), n_multi=0.3, conversational=0.3)]
        t.times = T.diurnal(rng, rng.uniform(200, 700) * v, z)
    elif pattern == "classify":
        t.makers = [k.classify(rng.sample(doms, 2))]
        t.times = T.flat(rng, rng.uniform(700, 2200) * v)
    elif pattern == "agent":
        d = rng.choice(doms)
        t.ua = rng.choice(["langchain-openai/0.3.12", "openai-agents/0.0.9", "llama-index/0.12.28", "crewai/0.108.0"])
        t.makers = [k.agent(d, rng.choice(_ORGS8), k.toolset(rng, [d], rng.randint(3, 8)))]
        t.times = T.diurnal(rng, rng.uniform(300, 1000) * v, z, width=4.0)
    elif pattern == "tutor":
        subject = rng.choice(["math", "physics", "chemistry", "biology", "programming", "economics", "pharmacology"])
        t.makers = [k.tutor(subject, [subject] + rng.sample(doms, rng.randint(0, 2)))]
        t.times = T.diurnal(rng, rng.uniform(300, 900) * v, z, peak=rng.choice([16.0, 19.0, 21.0]), width=3.0, weekend=0.7)
    elif pattern == "lp_classifier":
        t.makers = [k.lp_classifier(rng.sample(doms, rng.randint(1, 4)), rng.choice([5, 10, 20]))]
        t.times = T.flat(rng, rng.uniform(800, 2000) * v)
    elif pattern == "synth_data":
        t.makers = [k.synth_data(rng.choice(doms))]
        t.times = T.bursts(rng, int(rng.uniform(400, 2000) * v) + 30, rng.randint(1, 3), rng.uniform(1, 4))
    elif pattern == "saas":
        t.keys = t.keys[:1]
        customers = [(f"{rng.choice(_COMPANIES + _ORGS8)} {rng.choice(['Labs', 'Co', 'Health', 'Retail', 'Legal'])}",
                      rng.choice(doms)) for _ in range(rng.randint(15, 70))]
        t.makers = [k.saas(customers)]
        t.times = T.diurnal(rng, rng.uniform(600, 1400) * v, z, width=5.0, weekend=0.5)
    elif pattern == "consumer":
        t.ua = rng.choice(["Vercel AI SDK/4.3", "OpenAI/NodeJS 4.89.0"])
        t.ips = [f"{rng.choice(_CGNAT8)}.{rng.randint(1, 254)}" for _ in range(8)]
        t.makers = [k.consumer(rng.sample(doms, rng.randint(4, 8)))]
        t.times = T.diurnal(rng, rng.uniform(300, 900) * v, z, peak=20.0, width=3.5, weekend=2.0)
    elif pattern == "indexer":
        t.makers = [k.indexer(f"You answer questions about {rng.choice(_ORGS8)}'s handbook using the context.",
                              rng.sample(doms, 2))]
        t.times = sorted(T.nightly(rng, rng.uniform(400, 1000) * v, begin=1.0, hours=4.0)
                         + T.diurnal(rng, rng.uniform(150, 400) * v, z))
    elif pattern == "doc_review":
        t.keys = _keys(ids, rng.randint(2, 6))
        t.makers = [k.doc_review(f"{rng.choice(_ORGS8)} LLP", rng.choice(["contract", "lease", "credit agreement"]),
                                 ["law", "finance", "taxation"], rng.choice([4096, 8192]))]
        t.times = T.diurnal(rng, rng.uniform(150, 450) * v, z, width=3.0, weekend=0.15)
    elif pattern == "labeler":
        t.keys = _keys(ids, rng.randint(3, 10))
        t.makers = [k.labeler(rng.sample(doms, rng.randint(6, 12)), rng.choice(_LABELS8), rng.choice([5, 10]))]
        t.times = T.flat(rng, rng.uniform(1500, 3200) * v)
    elif pattern == "loc_vendor":
        t.keys = _keys(ids, rng.randint(20, 70))
        t.makers = [k.localize(f"{rng.choice(_COMPANIES + _ORGS8)} {rng.choice(['Inc', 'GmbH', 'SA', 'KK'])}",
                               rng.choice(_LANGS8), rng.choice(doms)) for _ in t.keys]
        t.times = sorted(T.flat(rng, rng.uniform(900, 2400) * v) + T.nightly(rng, rng.uniform(300, 1000) * v, 2.0, 3.0))
    elif pattern == "sweep":
        grid = [0.0, 0.25, 0.5, 0.75, 1.0, 1.25]
        t.makers = [k.sweep(doms, grid[: rng.randint(3, 6)], [1, 1, 4, 8], rng.randint(3, 5))]
        t.times = T.bursts(rng, int(rng.uniform(1200, 4000) * v) + 40, rng.randint(2, 4), rng.uniform(2, 8))
    elif pattern == "quizgen":
        d = rng.choice(doms)
        t.makers = [k.quiz(f"{d.replace('_', ' ')} {rng.choice(['101', 'foundations', 'advanced'])}", [d])]
        t.times = T.diurnal(rng, rng.uniform(40, 250) * v, z, width=3.0, weekend=0.2)
    elif pattern == "hobbyist":
        _hobbyist(rng, k, t, z)


def _hobbyist(rng: random.Random, k: _Kit8, t: SimTenant, z: float) -> None:
    doms = k.v.domains
    if rng.random() < 0.3:
        t.ips = [f"{rng.choice(_CGNAT8)}.{rng.randint(1, 254)}" for _ in range(3)]
    r = rng.random()
    t.makers = [k.chat(rng.sample(doms, rng.randint(1, 5)), conversational=0.3) if r < 0.55 else
                k.essay(rng.sample(doms, 2), rng.choice([1500, 2000, 4096])) if r < 0.75 else
                k.harvest(rng.sample(doms, 2), max_tokens=rng.choice([512, 1024]), cot=0.1, temp=0.7, templates=k.p["q"])]
    t.times = T.diurnal(rng, rng.uniform(1, 25), z)


def _research_firm(ids: _Ids, rng: random.Random, k: _Kit8, m: Mixture) -> SimTenant:
    """Legal, medical or financial research: analysts on several keys, office hours, long answers
    over the firm's practice areas."""
    t = _honest8(ids, rng, "research_firm", m, keys=rng.randint(3, 12))
    areas = rng.choice([["law", "taxation", "finance", "insurance"], ["medicine", "pharmacology", "biology", "nutrition"],
                        ["economics", "finance", "law", "urban_planning"]])
    firm = f"{rng.choice(_ORGS8)} {rng.choice(['Advisory', 'Research Partners', 'Consulting', 'Analytics'])}"
    t.makers = [k.analyst(firm, areas + rng.sample(k.v.domains, 1), rng.sample([2000, 3000, 4096], 2))]
    t.times = _office(rng, int(rng.uniform(600, 1800) * m.volume) + 5, _tz8(rng), width=2.5)
    return t


def _bench_co(ids: _Ids, rng: random.Random, k: _Kit8, m: Mixture) -> SimTenant:
    """A benchmark / evaluation company: a key per client project, every domain, nightly runs."""
    t = _honest8(ids, rng, "bench_co", m, keys=rng.randint(10, 40), ua=_BENCH_UA8)
    seed = rng.randint(1, 99)
    t.makers = [k.bench(k.v.domains, seed)]
    n = int(rng.uniform(4000, 9000) * m.volume) + 50
    t.times = sorted(T.bursts(rng, n // 2, rng.randint(3, 6), rng.uniform(2.0, 5.0))
                     + T.nightly(rng, n / 14, begin=rng.uniform(0.0, 4.0), hours=3.0))
    return t


def _bpo(ids: _Ids, rng: random.Random, k: _Kit8, m: Mixture) -> SimTenant:
    """A support BPO: a key per site/team, 30-120 client brands, sites in two or three time zones."""
    nets = [ids.net() for _ in range(rng.randint(2, 3))]
    t = _honest8(ids, rng, "bpo", m, keys=rng.randint(4, 15), nets=nets, ua=_BPO_UA8)
    doms = k.v.domains
    brands = [(f"{rng.choice(_COMPANIES + _ORGS8)} {rng.choice(['Telecom', 'Bank', 'Air', 'Shop', 'Energy', 'Care'])}",
               rng.choice(doms)) for _ in range(rng.randint(30, 120))]
    t.makers = [k.bpo(brands)]
    per = rng.uniform(1500, 3500) * m.volume
    t.times = sorted(x for z in rng.sample([8.0, -5.0, 5.5, 1.0], rng.randint(2, 3))
                     for x in T.diurnal(rng, per / 2, z, width=4.0, weekend=0.5))
    return t


def _label_market(ids: _Ids, rng: random.Random, k: _Kit8, m: Mixture) -> SimTenant:
    """A data-labeling marketplace: a key per project, a global workforce around the clock."""
    t = _honest8(ids, rng, "label_market", m, keys=rng.randint(8, 30))
    doms = k.v.domains
    t.makers = [k.marketplace(rng.sample(doms, rng.randint(8, len(doms))), rng.choice(_LABELS8)) for _ in t.keys]
    t.times = T.flat(rng, rng.uniform(1500, 3500) * m.volume)
    return t


def _content_farm(ids: _Ids, rng: random.Random, k: _Kit8, m: Mixture) -> SimTenant:
    """A multilingual content farm: long templated articles, many topics, nightly batches plus day jobs."""
    t = _honest8(ids, rng, "content_farm", m, keys=rng.randint(1, 4), ua=rng.choice(_SCRIPT_UAS8[:3]))
    doms = k.v.domains
    t.makers = [k.article(rng.sample(doms, rng.randint(6, len(doms))), rng.sample(_LANGS8, rng.randint(4, 10)),
                          rng.sample([600, 800, 1000, 1200, 1500, 2000], 3))]
    t.times = sorted(T.nightly(rng, rng.uniform(150, 500) * m.volume, begin=rng.uniform(0.0, 20.0), hours=3.0)
                     + T.diurnal(rng, rng.uniform(50, 200) * m.volume, _tz8(rng)))
    return t


def _university(ids: _Ids, rng: random.Random, k: _Kit8, m: Mixture) -> SimTenant:
    """A university: a key per course, all traffic from one or two campus /24s, term-time evenings."""
    nets = [f"{rng.randint(128, 171)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}" for _ in range(rng.randint(1, 2))]
    t = _honest8(ids, rng, "university", m, keys=rng.randint(40, 150), nets=nets)
    t.ips = [f"{rng.choice(nets)}.{rng.randint(1, 254)}" for _ in range(40)]
    t.jurisdiction = rng.choice(_CC8[:8])
    doms = k.v.domains
    courses = [rng.choice(_COURSES8) for _ in t.keys]
    t.makers = [k.course(f"{c.replace('_', ' ').title()} {rng.randint(100, 499)}", c if c in doms else "programming",
                         rng.sample(doms, 2)) for c in courses]
    t.uas = ["OpenAI/Python 1.70.0", "OpenAI/NodeJS 4.89.0", "python-requests/2.32.3"]
    t.times = T.diurnal(rng, rng.uniform(1200, 3000) * m.volume, _tz8(rng), peak=rng.choice([15.0, 20.0]), width=4.0, weekend=0.6)
    return t


def _etl(ids: _Ids, rng: random.Random, k: _Kit8, m: Mixture) -> SimTenant:
    """A nightly batch job on one key: a few hours of dense extraction and classification."""
    t = _honest8(ids, rng, "etl", m, keys=1, ua=rng.choice(["python-requests/2.32.3", "airflow-openai/1.4", "httpx/0.28.1"]))
    t.makers = [k.etl(rng.sample(k.v.domains, rng.randint(1, 3)))]
    t.times = T.nightly(rng, rng.uniform(800, 2400) * m.volume, begin=rng.uniform(0.0, 5.0), hours=rng.uniform(1.0, 3.0))
    return t


def _ci_review(ids: _Ids, rng: random.Random, k: _Kit8, m: Mixture) -> SimTenant:
    """A CI code-review bot: pull requests in weekday working hours, one client."""
    t = _honest8(ids, rng, "ci_review", m, keys=rng.randint(1, 3), nets=[rng.choice(_CLOUDS8)],
                 ua=rng.choice(["reviewbot/1.4.2", "pr-agent/0.27", "GitHub-Actions node-fetch/3.3.2"]))
    t.makers = [k.ci_review()]
    t.times = _office(rng, int(rng.uniform(300, 1200) * m.volume) + 5, _tz8(rng), width=3.0)
    return t


def _byok(ids: _Ids, rng: random.Random, k: _Kit8, m: Mixture) -> SimTenant:
    """A person using a bring-your-own-key desktop or mobile client: chat, essays, some long asks."""
    t = _honest8(ids, rng, "byok", m, keys=1, ua=rng.choice(_BYOK_UAS8))
    if rng.random() < 0.5:
        t.ips = [f"{rng.choice(_CGNAT8)}.{rng.randint(1, 254)}" for _ in range(4)]
    doms = k.v.domains
    t.makers = [_mixed(k.chat(rng.sample(doms, rng.randint(2, 6)), conversational=0.6),
                       k.essay(rng.sample(doms, 2), rng.choice([2000, 4096])), rng.uniform(0.05, 0.3))]
    t.times = T.diurnal(rng, rng.uniform(3, 40), _tz8(rng), peak=rng.choice([12.0, 21.0]), width=4.0, weekend=1.2)
    return t


_NEW_HONEST = {"research_firm": _research_firm, "bench_co": _bench_co, "bpo": _bpo, "label_market": _label_market,
               "content_farm": _content_farm, "university": _university, "etl": _etl, "ci_review": _ci_review,
               "byok": _byok}


def _trials8(ids: _Ids, rng: random.Random, k: _Kit8, m: Mixture) -> list[SimTenant]:
    """Honest accounts of one to eight requests: a third ask for a long essay, a third on CGNAT."""
    doms = k.v.domains
    out: list[SimTenant] = []
    for _ in range(m.trial_accounts):
        t = _honest8(ids, rng, "trial", m, ua=rng.choice(_BYOK_UAS8) if rng.random() < 0.2 else None)
        if rng.random() < 0.33:
            t.ips = [f"{rng.choice(_CGNAT8)}.{rng.randint(1, 254)}" for _ in range(2)]
        r = rng.random()
        if r < 0.33:
            t.makers = [k.essay(rng.sample(doms, 2), rng.choice([2000, 3000, 4096]))]
        elif r < 0.45:
            t.makers = [k.harvest(rng.sample(doms, 2), max_tokens=rng.choice([1024, 2000]), temp=0.7,
                                  templates=k.p["q"], cot=0.15)]
        else:
            t.makers = [k.chat(rng.sample(doms, rng.randint(1, 3)), conversational=0.2)]
        t.times = T.visit(rng, 5.0, 8)
        out.append(t)
    return out


def _disguise(rng: random.Random, k: _Kit8, i: int, broad: list[str], caps: list[int]) -> tuple[Maker, str]:
    """A harvester wearing a research firm's, a BPO brand's or a course's system prompt (and a
    matching client); returns the maker and the user agent."""
    kind = i % 3
    if kind == 0:
        firm = f"{rng.choice(_ORGS8)} Research Partners"
        system = f"You are the research assistant at {firm}. Be rigorous, balanced and cite the material provided."
        ua = rng.choice(["OpenAI/Python 1.70.0", "httpx/0.28.1"])
    elif kind == 1:
        system = str(k.p["saas"][0]).format(c=f"{rng.choice(_COMPANIES)} Telecom", d=rng.choice(broad).replace("_", " "))
        ua = _BPO_UA8
    else:
        subject = rng.choice(["physics", "economics", "biology"])
        system = f"You are a patient {subject} tutor for high-school and college students. Explain step by step and check understanding."
        ua = "OpenAI/Python 1.70.0"
    return k.harvest5(broad, caps=caps, system=system, cot=0.25, temps=[0.5, 0.7], stream=0.3), ua


def _distillers8(ids: _Ids, rng: random.Random, k: _Kit8, m: Mixture) -> list[SimTenant]:
    doms = k.v.domains
    v = m.volume
    out: list[SimTenant] = []
    for pattern, count in m.distill.items():
        for i in range(count):
            keys = rng.randint(1, 3) if pattern == "drip" else rng.randint(1, 5)
            t = _tenant(ids, rng, "distiller", pattern, keys=keys,
                        nets=[rng.choice(_CLOUDS8)] if rng.random() < 0.35 else None,
                        uas=tuple(m.sdk_uas) if rng.random() < 0.6 else tuple(_SCRIPT_UAS8))
            t.jurisdiction = rng.choice(_CC8)
            caps = rng.sample(m.harvest_max_tokens, rng.randint(1, 3))
            temps = rng.choice([[0.7], [1.0], [0.6, 0.8, 1.0]])
            broad = rng.sample(doms, rng.randint(8, len(doms)))
            z = _tz8(rng)
            t.makers, t.times = _distiller_traffic(rng, k, pattern, i, broad, caps, temps, z, v)
            if pattern == "disguise":
                t.makers[0], t.ua = _disguise(rng, k, i, broad, caps)
            out.append(t)
    return out


def _distiller_traffic(rng: random.Random, k: _Kit8, pattern: str, i: int, broad: list[str], caps: list[int],
                       temps: list[float], z: float, v: float) -> tuple[list[Maker], list[float]]:
    if pattern == "harvest":
        return ([k.harvest5(broad, caps=caps, temps=temps, cap_field=rng.choice(["max_tokens", "max_completion_tokens"]))],
                _office(rng, int(rng.uniform(3000, 7000) * v) + 5, z) if i % 2 == 0 else T.flat(rng, rng.uniform(1000, 2800) * v))
    if pattern == "cot":
        return [k.harvest5(broad, caps=caps, cot=0.5, cot_json=0.25, temps=temps)], T.diurnal(rng, rng.uniform(600, 1600) * v, z, width=5.0)
    if pattern == "logprob":
        return ([k.harvest5(broad, caps=[256, 512, 1024], logprobs=rng.choice([5, 10, 20]), temps=[0.0] if i % 2 == 0 else [0.0, 1.0])],
                T.flat(rng, rng.uniform(600, 1600) * v))
    if pattern == "preference":
        return ([k.pref_pairs(broad, (0.0, 1.0)) if i % 2 == 0 else k.pair_gen(broad, judge=0.3)],
                T.flat(rng, rng.uniform(400, 1200) * v))
    if pattern == "tools":
        return [k.tool_traces(broad, tasks=list(k.p["agent"]))], T.flat(rng, rng.uniform(400, 1200) * v)
    if pattern == "multiturn":
        return [k.deepen(broad, caps, temps)], T.diurnal(rng, rng.uniform(500, 1500) * v, z, width=4.0, weekend=0.5)
    if pattern == "jsonset":
        return [k.jsonset(broad, [c for c in caps if c >= 2000] or [4000])], T.diurnal(rng, rng.uniform(200, 600) * v, z, width=5.0)
    if pattern == "rubric":
        return [k.rubric(broad, [c for c in caps if c >= 1500] or [3000], temps)], T.flat(rng, rng.uniform(400, 1200) * v)
    if pattern == "selfinstruct":
        return [k.self_instruct(broad, caps, temps)], T.diurnal(rng, rng.uniform(600, 1600) * v, z, width=4.5, weekend=0.6)
    if pattern == "polyglot":
        return ([k.polyglot(broad, rng.sample(_LANGS8, rng.randint(3, 8)), caps, temps)],
                T.flat(rng, rng.uniform(600, 1600) * v))
    if pattern == "coverage":  # every domain, one block at a time
        return ([k.coverage(sorted(broad), caps, temps, rng.choice([1, 2, 3]))],
                _office(rng, int(rng.uniform(2000, 5000) * v) + 5, z, width=2.5))
    if pattern == "disguise":  # the maker is replaced by `_disguise`
        return [k.chat(broad)], T.diurnal(rng, rng.uniform(400, 1000) * v, z, peak=rng.choice([11.0, 14.0]), width=3.0, weekend=0.3)
    # drip: a few requests a day
    drip = (k.rubric(broad, [3000, 4096], temps) if i % 3 == 0 else
            k.self_instruct(broad, caps, temps) if i % 3 == 1 else
            k.harvest5(broad, caps=caps, cot=0.3, temps=temps))
    return [drip], T.diurnal(rng, rng.uniform(3, 25), z, width=5.0, weekend=0.7)


def _turncoats8(ids: _Ids, rng: random.Random, k: _Kit8, m: Mixture) -> list[SimTenant]:
    """Honest tenants whose one turned key starts harvesting: a BPO team key (one key) at day
    ~2.5, a course key (one key) at day ~3.5, a research firm at day ~1.2 and a content farm at
    day ~5; each keeps 10-40% of its honest traffic on the turned key."""
    doms = k.v.domains
    out: list[SimTenant] = []
    for i in range(m.turncoats):
        kind = ["bpo", "course", "research", "content"][i % 4]
        t = _honest8(ids, rng, "turncoat", m, keys=1 if kind in ("bpo", "course") else rng.randint(2, 4))
        t.label = "distiller"
        broad = rng.sample(doms, rng.randint(8, 14))
        caps = rng.sample(m.harvest_max_tokens, 2)
        if kind == "bpo":
            honest = k.bpo([(f"{rng.choice(_COMPANIES)} {x}", rng.choice(doms)) for x in ("Bank", "Air", "Shop", "Care")])
            turned = k.self_instruct(broad, caps, [0.7, 1.0])
            t.ua = _BPO_UA8
        elif kind == "course":
            c = rng.choice(["economics", "biology", "law"])
            honest = k.course(f"{c.title()} 201", c, [c])
            turned = k.polyglot(broad, rng.sample(_LANGS8, 5), caps, [0.7, 0.9])
        elif kind == "research":
            honest = k.analyst(f"{rng.choice(_ORGS8)} Advisory", ["law", "finance", "taxation"], [2000, 4096])
            turned = k.rubric(broad, [3000, 4096], [0.7])
        else:
            honest = k.article(broad[:4], rng.sample(_LANGS8, 4), [800, 1200])
            turned = k.jsonset(broad, [4000, 6000])
        t.makers = [honest] * len(t.keys)
        t.turn_key = t.keys[rng.randrange(len(t.keys))]
        when = [(2.2, 2.9), (3.2, 3.9), (1.0, 1.5), (4.7, 5.3)][i % 4]
        t.turn_ts = T.WEEK_START + rng.uniform(*when) * T.DAY
        t.turned = _mixed(turned, honest, rng.uniform(0.1, 0.4))
        since = t.turn_ts - T.WEEK_START
        before = T.diurnal(rng, rng.uniform(400, 1000) * m.volume, _tz8(rng))
        after = T.flat(rng, rng.uniform(800, 1800) * m.volume, start=since)
        t.times = sorted(before + after)
        out.append(t)
    return out


# ---- campaigns ----------------------------------------------------------------------------
def _deal(rng: random.Random, k: int, options: list[tuple[str, float]], default: str) -> list[str]:
    """Options over `k` campaigns, each at least once (as room allows), the rest `default`, shuffled."""
    out: list[str] = []
    for name, share in options:
        out += [name] * max(1, int(round(share * k)))
    out = (out + [default] * k)[:k]
    rng.shuffle(out)
    return out


def _plans8(rng: random.Random, m: Mixture) -> list[dict[str, Any]]:
    """Each campaign's choices, dealt so that each option occurs: network (own /24s, shared cloud,
    residential, mobile CGNAT), client (one, an SDK per account, per request, a BYO-key app per
    account), timing (shared sessions, office hours, trickle, relay, nightly), wording (verbatim,
    reworded, own template subset), account size (tiny 1-4, small 8-25, moderate 30-200 only for
    campaigns of at most 100), keys per account, cover share (5-65%) and kind, billing, style."""
    k = len(m.campaigns)
    nets = _deal(rng, k, [("cloud", 0.25), ("residential", 0.2), ("cgnat", 0.2)], "own")
    uas = _deal(rng, k, [("account", 0.2), ("request", 0.2), ("byok", 0.2)], "fixed")
    timing = _deal(rng, k, [("relay", 0.2), ("office", 0.2), ("trickle", 0.2), ("nightly", 0.15)], "sessions")
    wording = _deal(rng, k, [("reword", 0.3), ("subset", 0.3)], "verbatim")
    multikey = _deal(rng, k, [("yes", 0.3)], "no")
    jitter = _deal(rng, k, [("yes", 0.5)], "no")
    bill = _deal(rng, k, [("shell", 0.3)], "own")
    sizes = ["tiny"] * k
    small = sorted((i for i in range(k) if m.campaigns[i] <= 100), key=lambda i: m.campaigns[i])
    for j, i in enumerate(small):
        sizes[i] = "moderate" if j % 2 == 0 else "small"
    big = [i for i in range(k) if m.campaigns[i] > 100]
    for j, i in enumerate(big):
        sizes[i] = "small" if j % 3 == 1 else "tiny"
    lo, hi = m.cover_share
    covers = [lo + (hi - lo) * (j + rng.uniform(0.1, 0.9)) / k for j in range(k)]
    rng.shuffle(covers)
    fresh = ["rubric", "selfinstruct", "polyglot"]  # holdout8's own styles come first
    rest = ["plain", "cot", "logprob", "multiturn", "jsonset", "temppairs", "tools", "nsample", "pairs"]
    rng.shuffle(fresh)
    rng.shuffle(rest)
    styles = ((fresh + rest) * (k // 12 + 1))[:k]
    rng.shuffle(styles)
    cover_kinds = (["chat", "support", "consumer", "app", "bpo"] * (k // 5 + 1))[:k]
    rng.shuffle(cover_kinds)
    return [{"net": nets[i], "ua": uas[i], "timing": timing[i], "wording": wording[i], "multikey": multikey[i] == "yes",
             "jitter": jitter[i] == "yes", "bill": bill[i], "size": sizes[i], "cover": covers[i], "style": styles[i],
             "cover_kind": cover_kinds[i]} for i in range(k)]


def _harvester8(rng: random.Random, k: _Kit8, style: str, broad: list[str], caps: list[int], temps: list[float],
                tpls: list[str], cots: list[str]) -> Maker:
    if style == "multiturn":
        return k.deepen(broad, caps, temps, templates=tpls)
    if style == "jsonset":
        return k.jsonset(broad, [c for c in caps if c >= 2000] or [4000])
    if style == "pairs":
        return k.pair_gen(broad)
    if style == "temppairs":
        return k.pref_pairs(broad, (0.2, 1.0), templates=tpls)
    if style == "tools":
        return k.tool_traces(broad, tasks=list(k.p["agent"]))
    if style == "rubric":
        return k.rubric(broad, [c for c in caps if c >= 1500] or [3000], temps)
    if style == "selfinstruct":
        return k.self_instruct(broad, caps, temps)
    if style == "polyglot":
        return k.polyglot(broad, rng.sample(_LANGS8, rng.randint(3, 8)), caps, temps, templates=tpls)
    return k.harvest5(broad, caps=caps, templates=tpls, temps=[0.0] if style == "logprob" else temps,
                      cot=0.6 if style == "cot" else 0.1, cot_json=0.2 if style == "cot" else 0.0,
                      logprobs=rng.choice([5, 10]) if style == "logprob" else 0, n_max=4 if style == "nsample" else 1,
                      fewshot=0.05, cot_templates=cots)


def _cover8(rng: random.Random, k: _Kit8, kind: str, app_sys: str, app_doms: list[str]) -> Maker:
    doms = k.v.domains
    if kind == "chat":
        return k.chat(rng.sample(doms, rng.randint(2, 6)), conversational=0.4)
    if kind == "consumer":
        return k.consumer(rng.sample(doms, rng.randint(2, 6)))
    if kind == "support":
        return k.support(rng.choice(_ORGS8 + _COMPANIES), rng.choice(doms))
    if kind == "bpo":
        return k.bpo([(f"{rng.choice(_COMPANIES)} {x}", rng.choice(doms)) for x in ("Bank", "Air", "Shop")])
    return k.app(app_sys, app_doms)


def _count8(rng: random.Random, m: Mixture, size: str) -> int:
    if size == "moderate":
        return int(rng.uniform(30, 200) * m.volume) + 5
    if size == "small":
        return rng.randint(8, 25)
    return rng.randint(1, 4)


def _times8(rng: random.Random, timing: str, count: int, j: int, size: int, ctx: dict[str, Any]) -> list[float]:
    """Account `j`'s times under the campaign's timing."""
    tz = float(ctx["tz"])
    if timing == "office":
        return _office(rng, count, tz, peak=float(ctx["peak"]) + rng.uniform(-1.0, 1.0))
    if timing == "trickle":
        start = rng.uniform(0, 2.0 * T.DAY)
        end = rng.uniform(start + 3.5 * T.DAY, T.WEEK)
        return sorted(T.WEEK_START + rng.uniform(start, end) for _ in range(count))
    if timing == "relay":  # accounts used one after another, each for a short burst
        slot = T.WEEK * (j + rng.uniform(0.0, 1.0)) / size
        begin = min(slot, T.WEEK - 3.0 * 3600.0)
        return sorted(T.WEEK_START + begin + rng.uniform(0.0, rng.uniform(0.3, 3.0) * 3600.0) for _ in range(count))
    if timing == "nightly":
        return _nights(rng, count, tz, list(ctx["nights"]))
    return T.sessions(rng, list(ctx["windows"]), count)


def _campaign8(ids: _Ids, rng: random.Random, k: _Kit8, m: Mixture, cid: str, size: int,
               plan: dict[str, Any]) -> list[SimTenant]:
    doms = k.v.domains
    net_mode = str(plan["net"])
    nets = ([ids.net() for _ in range(rng.randint(1, 4))] if net_mode == "own"
            else rng.sample(_CLOUDS8, rng.randint(2, 4)) if net_mode == "cloud" else [])
    ua_mode = str(plan["ua"])
    ua = rng.choice(list(m.campaign_uas) or _SCRIPT_UAS8)
    sdk = sorted(set(m.sdk_uas)) or _SCRIPT_UAS8
    style = str(plan["style"])
    wording = str(plan["wording"])
    share = float(plan["cover"])
    cover_kind = str(plan["cover_kind"])
    templates = rng.sample(k.p["harvest"], rng.randint(3, 6))
    cots = rng.sample(k.p["cot"], 2)
    jitter = bool(plan["jitter"])
    caps = rng.sample(m.harvest_max_tokens, rng.randint(2, 4)) if jitter else [rng.choice(m.harvest_max_tokens)]
    temps = [0.5, 0.6, 0.7, 0.8, 0.9, 1.0] if jitter else [rng.choice([0.7, 0.8, 1.0])]
    broad = rng.sample(doms, rng.randint(10, len(doms)))
    app_i = rng.randrange(len(k.p["app"]))
    app_sys = str(k.p["app"][app_i])
    app_doms = rng.sample(doms, rng.randint(3, 6))
    lo, hi = m.session_hours
    ctx: dict[str, Any] = {
        "tz": _tz8(rng), "peak": rng.uniform(10.0, 15.5), "nights": rng.sample(range(7), rng.randint(3, 6)),
        "windows": [(s, s + rng.uniform(lo, hi) * 3600.0)
                    for s in (rng.uniform(0, T.WEEK - hi * 3600) for _ in range(m.session_windows))]}
    shell = f"ops@{rng.getrandbits(24):06x}.example" if plan["bill"] == "shell" else None
    cc = rng.choice(_CC8)
    shared = _harvester8(rng, k, style, broad, caps, temps, templates, cots)
    out: list[SimTenant] = []
    for j in range(size):
        t = _tenant(ids, rng, "distiller", "campaign",
                    ua=_APP_UAS8[app_i] if cover_kind == "app" and ua_mode == "fixed" else
                    rng.choice(_BYOK_UAS8) if ua_mode == "byok" else
                    rng.choice(sdk) if ua_mode != "fixed" else ua,
                    nets=[ids.net() for _ in range(2)] if net_mode == "residential" else nets or [rng.choice(_CGNAT8)])
        t.campaign = cid
        t.jurisdiction = cc if rng.random() < 0.6 else rng.choice(_CC8)
        if net_mode == "cgnat":
            t.ips = [f"{rng.choice(_CGNAT8)}.{rng.randint(1, 254)}" for _ in range(3)]
        if plan["multikey"]:
            t.keys = _keys(ids, rng.randint(2, 3))
        if ua_mode == "request":
            t.uas = rng.sample(sdk, min(len(sdk), rng.randint(2, 3)))
        if shell and rng.random() < 0.5:
            t.bill = shell
        if wording == "reword":
            harvest = _harvester8(rng, k, style, broad, caps, temps, [k.paraphrase(rng, x) for x in templates],
                                  [k.paraphrase(rng, x) for x in cots])
        elif wording == "subset":
            harvest = _harvester8(rng, k, style, broad, caps, temps, rng.sample(k.p["harvest"], 3), rng.sample(k.p["cot"], 2))
        else:
            harvest = shared
        cover = _cover8(rng, k, cover_kind, app_sys, app_doms)
        t.times = _times8(rng, str(plan["timing"]), _count8(rng, m, str(plan["size"])), j, size, ctx)
        t.makers = [_harvest_at(harvest, cover, share, rng.randrange(len(t.times))) if cover_kind == "app"
                    else _first_harvest(harvest, cover, share)]
        out.append(t)
    return out
