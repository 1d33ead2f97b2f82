"""holdout7's population (`style="v7"`): holdout5's and holdout6's honest hard negatives together,
the classic ones, classroom cohorts and a hackathon of tiny honest accounts, and campaigns dealt
their own combination of network, client, parameters, wording, timing, cover and account size."""

from __future__ import annotations

import random
from typing import Any

from gatehouse.monitor.sim import timing as T
from gatehouse.monitor.sim.generator import SimTenant
from gatehouse.monitor.sim.makers import Kit, Maker
from gatehouse.monitor.sim.mixture import Mixture
from gatehouse.monitor.sim.population import _COMPANIES, _first_harvest, _Ids, _mixed, _tenant
from gatehouse.monitor.sim.population6 import _harvest_at

__all__ = ["populate7"]

# ---- holdout7 ("v7") ----------------------------------------------------------------------
# Written before any detection result on holdout7 was seen. Two phrasings at once: every tenant
# (honest or not) writes the shared templates in phrasing G or H (the makers only H has always
# use H); domains `vocab.make_vocab(domain_set="I")`. Honest: the classic tenants, holdout5's
# (agents, tutors, logprob classifiers, synthetic data with n > 1, multi-customer SaaS, consumer
# app, indexers) and holdout6's (reseller customers sharing one system prompt, document review at
# the cap, labelers with logprobs, a localization vendor and an education platform with a key per
# customer/class, temperature sweeps with n > 1, quiz generators, a flat global service), plus
# classroom cohorts and a hackathon: many tiny honest accounts on one campus /24 with one client,
# one assignment prompt and shared lab sessions; hobbyists; trial accounts, a third of them
# asking for long essays. Distillers: single tenants, four turncoats, and campaigns whose choices
# are dealt in `_plans7`.

_CC7 = ["US", "US", "US", "GB", "CA", "DE", "FR", "NL", "CH", "SE", "IN", "SG", "JP", "KR", "HK", "AU", "BR", "MX",
        "AE", "NG", "TR", "VN"]
_CLOUDS7 = ["34.145.20", "34.145.21", "44.201.6", "54.88.140", "20.119.33", "35.240.8", "13.212.77"]
_ORGS7 = "Amberly Northgate Quillon Rivulet Stonebridge Tessellate Upland Veritas Willowmere Yarrow Zephyr Calder".split()
_SCRIPT_UAS7 = ["python-requests/2.32.3", "httpx/0.28.1", "aiohttp/3.11.11", "Go-http-client/2.0", "node-fetch/3.3.2",
                "curl/8.11.1", "okhttp/4.12.0", "reqwest/0.12.12"]
_RESELLER_UA7 = "chatnest-sdk/3.4.1 (python)"
_RESELLER_NET7 = "52.58.210"
_APP_UAS7 = ["quill-backend/3.0 httpx/0.28.1", "nova-api/1.19", "atlas-gateway/1.0.2", "pennant-server/4.6"]
_LANGS7 = ["French", "German", "Spanish", "Japanese", "Portuguese", "Italian", "Dutch", "Polish", "Korean", "Vietnamese",
           "Arabic", "Turkish"]
_LABELS7 = [["toxic", "safe"], ["spam", "ham", "unsure"], ["billing", "technical", "account", "other"],
            ["relevant", "partially relevant", "irrelevant"], ["positive", "negative", "neutral", "mixed"]]
_COHORT_UAS7 = ["OpenAI/Python 1.66.3", "OpenAI/NodeJS 4.86.2", "python-requests/2.32.3"]


def _tz7(rng: random.Random) -> float:
    return rng.choice([-8.0, -6.0, -5.0, -3.0, 0.0, 1.0, 2.0, 3.0, 4.0, 5.5, 7.0, 8.0, 9.0, 10.0])


def _honest7(ids: _Ids, rng: random.Random, pattern: str, m: Mixture, keys: int = 1,
             nets: list[str] | None = None, ua: str | None = None) -> SimTenant:
    nets = nets or ([rng.choice(_CLOUDS7)] if rng.random() < m.honest_cloud else [ids.net()])
    t = _tenant(ids, rng, "honest", pattern, keys=keys, nets=nets, uas=m.sdk_uas, ua=ua)
    t.jurisdiction = rng.choice(_CC7)
    return t


def _office(rng: random.Random, count: int, tz: float, peak: float = 13.0, width: float = 2.5) -> list[float]:
    """About `count` times in office hours of `tz`, weekdays."""
    return T.diurnal(rng, count / 5.2, tz, peak=peak, width=width, weekend=0.1)


def populate7(rng: random.Random, kit: Kit, m: Mixture) -> list[SimTenant]:
    ids = _Ids(rng)
    kh = kit  # phrasing H (the mixture's), which has every template
    kg = Kit(kit.v, "G", kit.style)  # the other dialect of the shared templates
    doms = kit.v.domains
    v = m.volume
    out: list[SimTenant] = []

    def some(k: int) -> list[str]:
        return rng.sample(doms, k)

    def dialect() -> Kit:
        return kg if rng.random() < 0.5 else kh

    for pattern, count in m.honest.items():
        for _ in range(count):
            if pattern == "reseller":  # the platform's customers, most leaving from its own servers
                nets = [_RESELLER_NET7] if rng.random() < 0.6 else None
                t = _honest7(ids, rng, pattern, m, keys=rng.randint(1, 2), nets=nets)
            else:
                t = _honest7(ids, rng, pattern, m, keys=rng.randint(1, 3))
            z = _tz7(rng)
            k = dialect()
            if pattern == "support":
                t.makers = [k.support(rng.choice(_ORGS7 + _COMPANIES), rng.choice(doms), turns=0.45)]
                t.times = T.diurnal(rng, rng.uniform(400, 1300) * v, z, weekend=0.35)
            elif pattern == "summarize":
                t.makers = [k.summarize(some(rng.choice([1, 2, 3, 8])))]
                t.times = T.nightly(rng, rng.uniform(600, 1800) * v, begin=rng.uniform(0.0, 23.0), hours=rng.uniform(1.0, 4.0))
            elif pattern == "translate":
                t.makers = [k.translate(doms)]
                t.times = (T.nightly(rng, rng.uniform(700, 2000) * v, begin=rng.uniform(0.0, 4.0), hours=3.0)
                           if rng.random() < 0.5 else T.flat(rng, rng.uniform(1000, 2800) * v))
            elif pattern == "extract":
                t.makers = [k.extract(rng.choice(doms))]
                t.times = T.diurnal(rng, rng.uniform(300, 1000) * v, z, width=3.5)
            elif pattern == "ide":
                t.keys = [ids.key() for _ in range(rng.randint(5, 25))]
                t.makers = [k.ide(rng.choice(["VS Code", "JetBrains", "Neovim", "Zed"]))]
                t.times = T.diurnal(rng, len(t.keys) * rng.uniform(30, 90) * v, z)
            elif pattern == "rag":
                t.makers = [k.rag(f"You answer questions for {rng.choice(_ORGS7)} staff from the context only.",
                                  some(rng.randint(1, 3)))]
                t.times = T.diurnal(rng, rng.uniform(200, 900) * v, z)
            elif pattern == "eval":  # benchmark sweeps at temperature 0 in bursts
                t.makers = [k.eval_team(doms)]
                t.times = T.bursts(rng, int(rng.uniform(2000, 6000) * v) + 50, rng.randint(1, 4), rng.uniform(2, 10))
            elif pattern == "chat":
                t.makers = [k.chat(doms, n_multi=0.05)]
                t.times = T.diurnal(rng, rng.uniform(500, 1700) * v, z, width=4.5)
            elif pattern == "creative":
                t.makers = [k.chat(some(5), n_multi=0.3, conversational=0.3)]
                t.times = T.diurnal(rng, rng.uniform(200, 700) * v, z)
            elif pattern == "classify":
                t.makers = [k.classify(some(2))]
                t.times = T.flat(rng, rng.uniform(800, 2400) * v)
            elif pattern == "agent":
                d = rng.choice(doms)
                t.ua = rng.choice(["langchain-openai/0.3.7", "OpenAI/Python 1.66.3", "llama-index/0.12.22", "crewai/0.102.0"])
                t.makers = [k.agent(d, rng.choice(_ORGS7), k.toolset(rng, [d], rng.randint(3, 7)))]
                t.times = T.diurnal(rng, rng.uniform(300, 1100) * v, z, width=4.0)
            elif pattern == "tutor":
                subject = rng.choice(["math", "physics", "chemistry", "biology", "programming", "finance", "accounting"])
                t.makers = [k.tutor(subject.replace("programming", "coding"), [subject] + some(rng.randint(0, 2)))]
                t.times = T.diurnal(rng, rng.uniform(300, 900) * v, z, peak=rng.choice([16.0, 19.0, 21.0]), width=3.0, weekend=0.7)
            elif pattern == "lp_classifier":
                t.makers = [k.lp_classifier(some(rng.randint(1, 4)), rng.choice([5, 10, 20]))]
                t.times = T.flat(rng, rng.uniform(800, 2200) * v)
            elif pattern == "synth_data":  # n > 1 at high temperature, in bursts
                t.makers = [k.synth_data(rng.choice(doms))]
                t.times = T.bursts(rng, int(rng.uniform(500, 2200) * v) + 30, rng.randint(1, 3), rng.uniform(1, 4))
            elif pattern == "saas":
                t.keys = t.keys[:1]
                customers = [(rng.choice(_COMPANIES + _ORGS7) + " " + rng.choice(["Labs", "Co", "Group", "Health", "Retail"]),
                              rng.choice(doms)) for _ in range(rng.randint(15, 70))]
                t.makers = [k.saas(customers)]
                t.times = T.diurnal(rng, rng.uniform(600, 1500) * v, z, width=5.0, weekend=0.5)
            elif pattern == "consumer":  # weekend-heavy
                t.ua = rng.choice(["Vercel AI SDK/4.1", "OpenAI/NodeJS 4.86.2"])
                t.makers = [k.consumer(some(rng.randint(4, 8)))]
                t.times = T.diurnal(rng, rng.uniform(300, 900) * v, z, peak=20.0, width=3.5, weekend=2.0)
            elif pattern == "indexer":
                t.makers = [k.indexer(f"You answer questions about {rng.choice(_ORGS7)}'s documentation using the context.", some(2))]
                t.times = sorted(T.nightly(rng, rng.uniform(400, 1100) * v, begin=1.0, hours=4.0) + T.diurnal(rng, rng.uniform(150, 450) * v, z))
            elif pattern == "doc_review":
                legal = rng.random() < 0.6
                firm = f"{rng.choice(_ORGS7)} {'LLP' if legal else 'Clinical Review'}"
                kind = rng.choice(["contract", "lease", "NDA", "share purchase agreement"]) if legal else \
                    rng.choice(["discharge summary", "clinical trial protocol", "patient chart"])
                rd = ["law", "finance"] if legal else ["medicine", "biology"]
                t.keys = [ids.key() for _ in range(rng.randint(2, 6))]
                t.makers = [kh.doc_review(firm, kind, rd, rng.choice([4096, 4096, 8192]))]
                t.times = T.diurnal(rng, rng.uniform(150, 500) * v, z, width=3.0, weekend=0.15)
            elif pattern == "labeler":
                t.keys = [ids.key() for _ in range(rng.randint(3, 10))]
                t.makers = [kh.labeler(some(rng.randint(6, 12)), rng.choice(_LABELS7), rng.choice([5, 10]))]
                t.times = T.flat(rng, rng.uniform(1500, 3500) * v)
            elif pattern == "loc_vendor":  # a key per end customer
                t.keys = [ids.key() for _ in range(rng.randint(20, 80))]
                t.makers = [kh.localize(f"{rng.choice(_COMPANIES + _ORGS7)} {rng.choice(['Inc', 'GmbH', 'SA', 'KK', 'Ltd'])}",
                                        rng.choice(_LANGS7), rng.choice(doms)) for _ in t.keys]
                t.times = sorted(T.flat(rng, rng.uniform(1000, 2600) * v) + T.nightly(rng, rng.uniform(400, 1200) * v, 2.0, 3.0))
            elif pattern == "edu":  # a key per class
                t.keys = [ids.key() for _ in range(rng.randint(50, 160))]
                subjects = [rng.choice(doms) for _ in t.keys]
                t.makers = [k.tutor(s, [s] + some(rng.randint(0, 1))) for s in subjects]
                t.times = T.diurnal(rng, rng.uniform(1500, 3500) * v, z, peak=rng.choice([15.0, 17.0, 20.0]), width=3.5, weekend=0.6)
            elif pattern == "sweep":  # temperature sweeps with n > 1
                grid = [0.0, 0.2, 0.4, 0.6, 0.8, 1.0, 1.2]
                t.makers = [k.sweep(doms, grid[: rng.randint(4, 7)], [1, 1, 4, 5, 8, 10], rng.randint(3, 5))]
                t.times = T.bursts(rng, int(rng.uniform(1500, 4500) * v) + 40, rng.randint(2, 5), rng.uniform(2, 8))
            elif pattern == "reseller":
                t.ua = _RESELLER_UA7
                t.makers = [kh.reseller(some(rng.randint(1, 2)))]
                t.times = T.diurnal(rng, rng.uniform(30, 400) * v, z, width=4.0, weekend=0.5)
            elif pattern == "quizgen":
                d = rng.choice(doms)
                t.makers = [kh.quiz(f"{d.replace('_', ' ')} {rng.choice(['101', 'basics', 'advanced', 'certification'])}", [d])]
                t.times = T.diurnal(rng, rng.uniform(40, 250) * v, z, width=3.0, weekend=0.2)
            elif pattern == "global":
                t.keys = [ids.key() for _ in range(rng.randint(2, 8))]
                t.makers = [_mixed(k.support(rng.choice(_ORGS7), rng.choice(doms), turns=0.5),
                                   k.chat(some(3), conversational=0.4), 0.4)]
                t.times = T.flat(rng, rng.uniform(900, 2200) * v)
            elif pattern == "hobbyist":
                r = rng.random()
                t.makers = [k.chat(some(rng.randint(1, 5)), conversational=0.3) if r < 0.55 else
                            kh.essay(some(2), rng.choice([1500, 2000, 4096])) if r < 0.75 else
                            k.harvest(some(2), max_tokens=rng.choice([512, 1024]), cot=0.1, temp=0.7, templates=k.p["q"])]
                t.times = T.diurnal(rng, rng.uniform(1, 25), z)
            out.append(t)
    out.extend(_cohorts7(ids, rng, kh, kg, m))
    out.extend(_distillers7(ids, rng, kh, kg, m))
    out.extend(_turncoats7(ids, rng, kh, kg, m))
    plans = _plans7(rng, m)
    for ci, size in enumerate(m.campaigns):
        out.extend(_campaign7(ids, rng, kh, kg, m, f"camp_{ci + 1}", size, plans[ci]))
    out.extend(_trials7(ids, rng, kh, kg, m))
    return [t for t in out if t.times]


def _trials7(ids: _Ids, rng: random.Random, kh: Kit, kg: Kit, m: Mixture) -> list[SimTenant]:
    """Honest accounts that send one to eight requests: a third ask for a long essay."""
    doms = kh.v.domains
    out: list[SimTenant] = []
    for _ in range(m.trial_accounts):
        t = _honest7(ids, rng, "trial", m)
        k = kg if rng.random() < 0.5 else kh
        r = rng.random()
        if r < 0.33:
            t.makers = [kh.essay(rng.sample(doms, 2), rng.choice([2000, 3000, 4096]))]
        elif r < 0.5:
            t.makers = [k.harvest(rng.sample(doms, 2), max_tokens=rng.choice([1024, 2000]), temp=0.7,
                                  templates=k.p["q"], cot=0.15)]
        else:
            t.makers = [k.chat(rng.sample(doms, rng.randint(1, 3)), conversational=0.2)]
        t.times = T.visit(rng, 5.0, 8)
        out.append(t)
    return out


def _cohorts7(ids: _Ids, rng: random.Random, kh: Kit, kg: Kit, m: Mixture) -> list[SimTenant]:
    """Honest groups of tiny accounts: university classes whose students each open an account
    for one assignment (one campus /24, the course's starter client, the assignment's prompt,
    two or three lab sessions), and a weekend hackathon (a venue /24, teams of a few keys)."""
    doms = kh.v.domains
    out: list[SimTenant] = []
    for size in m.cohorts:
        net = [f"{rng.randint(128, 171)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}"]
        ua = rng.choice(_COHORT_UAS7)
        k = kg if rng.random() < 0.5 else kh
        subject = rng.choice(["biology", "finance", "law", "physics", "programming", "climate", "accounting"])
        r = rng.random()
        if r < 0.4:  # "ask the model to explain each topic in the unit"
            assignment = k.tutor(subject.replace("programming", "coding"), [subject])
        elif r < 0.7:  # "generate study notes"
            assignment = k.harvest(
                [subject], max_tokens=rng.choice([800, 1500]), temp=0.7, templates=k.p["q"], cot=0.2)
        else:  # "write an essay with the model"
            assignment = kh.essay([subject, rng.choice(doms)], rng.choice([1500, 2000]))
        tz = _tz7(rng)
        starts = [d * T.DAY + (rng.choice([9.0, 11.0, 14.0, 16.0]) - tz) % 24.0 * 3600.0 for d in rng.sample(range(5), 3)]
        labs = [(s, s + rng.uniform(1.5, 3.0) * 3600.0) for s in starts]
        for _ in range(size):
            t = _honest7(ids, rng, "cohort", m, nets=net, ua=ua)
            t.jurisdiction = rng.choice(_CC7[:6])
            t.makers = [assignment if rng.random() < 0.8 else _mixed(assignment, k.chat(rng.sample(doms, 2), conversational=0.3), 0.3)]
            t.times = T.sessions(rng, labs, rng.randint(2, 14))
            out.append(t)
    if m.hackathon:  # one weekend, teams of one to three keys
        net = [f"{rng.randint(64, 100)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}"]
        begin = 5 * T.DAY + rng.uniform(8.0, 11.0) * 3600.0
        for _ in range(m.hackathon):
            t = _honest7(ids, rng, "hackathon", m, keys=rng.randint(1, 3), nets=net)
            k = kg if rng.random() < 0.5 else kh
            d = rng.choice(doms)
            r = rng.random()
            if r < 0.3:
                t.makers = [k.agent(d, rng.choice(_ORGS7), k.toolset(rng, [d], rng.randint(2, 5)))]
            elif r < 0.55:
                t.makers = [k.rag(f"You answer questions about {d.replace('_', ' ')} from the context.", [d])]
            elif r < 0.8:
                t.makers = [k.chat(rng.sample(doms, rng.randint(1, 3)), n_multi=0.1, conversational=0.4)]
            else:
                t.makers = [k.synth_data(d)]
            n = rng.randint(10, 250)
            t.times = sorted(T.WEEK_START + begin + rng.uniform(0, 34.0 * 3600.0) for _ in range(n))
            out.append(t)
    return out


def _distillers7(ids: _Ids, rng: random.Random, kh: Kit, kg: Kit, m: Mixture) -> list[SimTenant]:
    doms = kh.v.domains
    v = m.volume
    out: list[SimTenant] = []
    for pattern, count in m.distill.items():
        for i in range(count):
            keys = rng.randint(1, 4) if pattern == "drip" else rng.randint(1, 5)
            t = _tenant(ids, rng, "distiller", pattern, keys=keys,
                        nets=[rng.choice(_CLOUDS7)] if rng.random() < 0.3 else None,
                        uas=tuple(m.sdk_uas) if rng.random() < 0.65 else tuple(_SCRIPT_UAS7))
            t.jurisdiction = rng.choice(_CC7)
            k = kg if rng.random() < 0.5 else kh
            caps = rng.sample(m.harvest_max_tokens, rng.randint(1, 3))
            cap_field = rng.choice(["max_tokens", "max_tokens", "max_completion_tokens"])
            broad = rng.sample(doms, rng.randint(8, len(doms)))
            temps = rng.choice([[0.7], [1.0], [0.5, 0.7, 0.9]])
            z = _tz7(rng)
            if pattern == "harvest":
                t.makers = [k.harvest5(broad, caps=caps, temps=temps, fewshot=0.05, cap_field=cap_field, stream=0.2)]
                t.times = (_office(rng, int(rng.uniform(4000, 10000) * v), z, width=3.0) if i % 2 == 0
                           else T.flat(rng, rng.uniform(1200, 3000) * v))
            elif pattern == "cot":
                t.makers = [k.harvest5(broad, caps=caps, cot=0.45, cot_json=0.3, temps=temps, cap_field=cap_field)]
                t.times = T.diurnal(rng, rng.uniform(600, 1800) * v, z, width=5.0, weekend=0.6)
            elif pattern == "logprob":  # one greedy, one sampled
                t.makers = [k.harvest5(broad, caps=[256, 512, 768, 1024], logprobs=rng.choice([5, 10, 20]),
                                       temps=[0.0] if i % 2 == 0 else [0.0, 0.7, 1.0], cap_field=cap_field)]
                t.times = T.flat(rng, rng.uniform(700, 1800) * v)
            elif pattern == "preference":  # temperature pairs or chosen/rejected in one request
                t.makers = [k.pref_pairs(broad, rng.choice([(0.2, 1.0), (0.0, 0.9)])) if i % 2 == 0 else
                            kh.pair_gen(broad, judge=rng.uniform(0.15, 0.4))]
                t.times = T.flat(rng, rng.uniform(400, 1300) * v)
            elif pattern == "tools":
                t.makers = [k.tool_traces(broad, tasks=list(k.p["agent"]))]
                t.times = T.flat(rng, rng.uniform(500, 1400) * v)
            elif pattern == "multiturn":
                t.makers = [kh.deepen(broad, caps, temps, templates=list(k.p["harvest"]))]
                t.times = T.diurnal(rng, rng.uniform(600, 1800) * v, z, width=4.0, weekend=0.5)
            elif pattern == "jsonset":
                t.makers = [kh.jsonset(broad, [c for c in m.harvest_max_tokens if c >= 2000] or [4000])]
                t.times = T.diurnal(rng, rng.uniform(200, 700) * v, z, width=5.0, weekend=0.7)
            elif pattern == "disguise":  # an app's or the reseller's system prompt over harvesting
                kind = i % 3
                if kind == 0:
                    app = rng.choice(_ORGS7)
                    sysmsg = f"You are {app} Study Buddy, the homework helper in the {app} app. Be encouraging and clear."
                    t.ua = rng.choice(["OpenAI/NodeJS 4.86.2", "Vercel AI SDK/4.1"])
                elif kind == 1:
                    sysmsg = str(kh.p["reseller"])
                    t.ua = _RESELLER_UA7
                else:
                    sysmsg = str(kh.p["app"][1])
                    t.ua = _APP_UAS7[1]
                t.makers = [kh.deepen(broad, caps, [0.7], system=sysmsg) if rng.random() < 0.4 else
                            k.harvest5(broad, caps=caps, system=sysmsg, cot=0.2, temps=[0.7], stream=0.5)]
                t.times = T.diurnal(rng, rng.uniform(400, 1100) * v, z, peak=rng.choice([13.0, 17.0]), width=3.5, weekend=0.5)
            elif pattern == "drip":
                t.makers = [kh.deepen(broad, caps, temps) if rng.random() < 0.3 else
                            k.harvest5(broad, caps=caps, cot=0.3, temps=temps, cap_field=cap_field)]
                t.times = T.diurnal(rng, rng.uniform(6, 35), z, width=5.0, weekend=0.7)
            out.append(t)
    return out


def _turncoats7(ids: _Ids, rng: random.Random, kh: Kit, kg: Kit, m: Mixture) -> list[SimTenant]:
    """Honest tenants that turn one key to harvesting at day ~1, mid-week, day ~5 or day ~6,
    keeping 15-45% of its honest traffic on the turned key."""
    doms = kh.v.domains
    out: list[SimTenant] = []
    for i in range(m.turncoats):
        t = _honest7(ids, rng, "turncoat", m, keys=rng.choice([1, 1, 2, 3]))
        t.label = "distiller"
        k = kg if i % 2 == 0 else kh
        kind = ["support", "agent", "doc_review", "tutor"][i % 4]
        d = rng.choice(doms)
        if kind == "support":
            honest = k.support(rng.choice(_ORGS7), d)
        elif kind == "agent":
            honest = k.agent(d, rng.choice(_ORGS7), k.toolset(rng, [d], 4))
        elif kind == "doc_review":
            honest = kh.doc_review(f"{rng.choice(_ORGS7)} LLP", "contract", ["law", "finance"], 4096)
        else:
            honest = k.tutor("math", ["math", "physics"])
        t.makers = [honest] * len(t.keys)
        t.turn_key = t.keys[rng.randrange(len(t.keys))]
        when = [(0.7, 1.5), (2.5, 4.0), (4.5, 5.3), (5.7, 6.4)][i % 4]
        t.turn_ts = T.WEEK_START + rng.uniform(*when) * T.DAY
        broad = rng.sample(doms, rng.randint(8, 14))
        caps = rng.sample(m.harvest_max_tokens, 2)
        harvest = [k.harvest5(broad, caps=caps, cot=0.3, temps=[0.6, 0.8, 1.0], fewshot=0.1),
                   kh.deepen(broad, caps, [0.7, 0.9], templates=list(k.p["harvest"])),
                   kh.jsonset(broad, [4000, 5000]),
                   k.harvest5(broad, caps=[512, 1024], logprobs=10, temps=[0.0])][i % 4]
        t.turned = _mixed(harvest, honest, rng.uniform(0.15, 0.45))
        z = _tz7(rng)
        since = t.turn_ts - T.WEEK_START
        before = T.diurnal(rng, rng.uniform(400, 1100) * m.volume, z)
        after = T.flat(rng, rng.uniform(900, 2000) * m.volume, start=since)
        t.times = sorted(before + after)
        out.append(t)
    return out


def _plans7(rng: random.Random, m: Mixture) -> list[dict[str, Any]]:
    """Each campaign's choices, dealt over the campaigns so that each option occurs: network
    (own /24s, shared cloud, residential), client (one, an SDK per account, per request),
    parameters (fixed or jittered), wording (verbatim or reworded per account), timing (shared
    sessions, office hours, all-week trickle), cover share (spread over 10-70%), account size
    (tiny: 2-4 requests; moderate: 30-200, only for campaigns of at most 120 accounts; those of
    more are always tiny), harvest style and the dialect of the shared templates."""
    k = len(m.campaigns)

    def deal(options: list[tuple[str, float]], default: str) -> list[str]:
        out: list[str] = []
        for name, share in options:
            out += [name] * max(1, int(round(share * k)))
        out = (out + [default] * k)[:k]
        rng.shuffle(out)
        return out

    nets = deal([("cloud", 0.3), ("residential", 0.3)], "own")
    uas = deal([("account", 0.3), ("request", 0.3)], "fixed")
    jitter = deal([("yes", 0.5)], "no")
    reword = deal([("yes", 0.45)], "no")
    timing = deal([("office", 0.3), ("trickle", 0.3)], "sessions")
    small = sorted((i for i in range(k) if m.campaigns[i] <= 120), key=lambda i: m.campaigns[i])
    sizes = ["tiny"] * k
    tiny_at = rng.choice(small[1:]) if len(small) > 1 else -1  # one small campaign (not the smallest) tiny
    for i in small:
        sizes[i] = "tiny" if i == tiny_at else "moderate"
    lo, hi = m.cover_share
    covers = [lo + (hi - lo) * (j + rng.uniform(0.1, 0.9)) / k for j in range(k)]
    rng.shuffle(covers)
    styles = (["plain", "cot", "logprob", "nsample", "temppairs", "multiturn", "jsonset", "tools", "pairs"] * (k // 9 + 1))[:k]
    rng.shuffle(styles)
    cover_kinds = (["chat", "support", "consumer", "app"] * (k // 4 + 1))[:k]
    rng.shuffle(cover_kinds)
    return [{"net": nets[i], "ua": uas[i], "jitter": jitter[i] == "yes", "reword": reword[i] == "yes",
             "timing": timing[i], "size": sizes[i], "cover": covers[i], "style": styles[i],
             "cover_kind": cover_kinds[i], "dialect": rng.choice(["G", "H"])} for i in range(k)]


def _campaign7(ids: _Ids, rng: random.Random, kh: Kit, kg: Kit, m: Mixture, cid: str, size: int,
               plan: dict[str, Any]) -> list[SimTenant]:
    doms = kh.v.domains
    k = kg if plan["dialect"] == "G" else kh
    net_mode = str(plan["net"])
    nets = ([ids.net() for _ in range(rng.randint(2, 5))] if net_mode == "own"
            else rng.sample(_CLOUDS7, rng.randint(2, 4)))
    ua_mode = str(plan["ua"])
    ua = rng.choice(list(m.campaign_uas) or _SCRIPT_UAS7)
    sdk = sorted(set(m.sdk_uas)) or _SCRIPT_UAS7
    timing = str(plan["timing"])
    style = str(plan["style"])
    jitter = bool(plan["jitter"])
    reword = bool(plan["reword"])
    share = float(plan["cover"])
    cover_kind = str(plan["cover_kind"])
    templates = rng.sample(k.p["harvest"], rng.randint(3, 6))
    cots = rng.sample(k.p["cot"], 2)
    tasks = rng.sample(k.p["agent"], 3)
    caps = rng.sample(m.harvest_max_tokens, rng.randint(2, 4)) if jitter else [rng.choice(m.harvest_max_tokens)]
    temps = [0.5, 0.6, 0.7, 0.8, 0.9, 1.0] if jitter else [rng.choice([0.7, 0.8, 1.0])]
    cap_field = rng.choice(["max_tokens", "max_tokens", "max_completion_tokens"])
    broad = rng.sample(doms, rng.randint(10, len(doms)))
    app_i = rng.randrange(len(kh.p["app"]))
    app_sys = str(kh.p["app"][app_i])
    app_doms = rng.sample(doms, rng.randint(3, 6))
    tz = _tz7(rng)
    peak = rng.uniform(10.0, 15.5)
    lo, hi = m.session_hours
    windows = [(s, s + rng.uniform(lo, hi) * 3600.0)
               for s in (rng.uniform(0, T.WEEK - hi * 3600) for _ in range(m.session_windows))]
    shell = f"admin@{rng.getrandbits(24):06x}.example" if rng.random() < 0.3 else None
    cc = rng.choice(_CC7)

    def harvester(tpls: list[str], cot_tpls: list[str], task_tpls: list[str]) -> Maker:
        if style == "multiturn":
            return kh.deepen(broad, caps, temps, templates=tpls)
        if style == "jsonset":
            return kh.jsonset(broad, [c for c in caps if c >= 2000] or [4000])
        if style == "pairs":
            return kh.pair_gen(broad)
        if style == "temppairs":
            return k.pref_pairs(broad, (0.2, 1.0), templates=tpls)
        if style == "tools":
            return k.tool_traces(broad, tasks=task_tpls)
        return k.harvest5(broad, caps=caps, templates=tpls, temps=[0.0] if style == "logprob" and not jitter else temps,
                          cap_field=cap_field, cot=0.6 if style == "cot" else 0.1, cot_json=0.2 if style == "cot" else 0.0,
                          logprobs=rng.choice([5, 10]) if style == "logprob" else 0, n_max=4 if style == "nsample" else 1,
                          fewshot=0.05, cot_templates=cot_tpls)

    shared = harvester(templates, cots, tasks)
    out: list[SimTenant] = []
    for _ in range(size):
        t = _tenant(ids, rng, "distiller", "campaign",
                    ua=_APP_UAS7[app_i] if cover_kind == "app" and ua_mode == "fixed" else
                    rng.choice(sdk) if ua_mode != "fixed" else ua,
                    nets=[ids.net() for _ in range(2)] if net_mode == "residential" else nets)
        t.campaign = cid
        t.jurisdiction = cc if rng.random() < 0.65 else rng.choice(_CC7)
        if ua_mode == "request":
            t.uas = rng.sample(sdk, min(len(sdk), rng.randint(2, 3)))
        if shell and rng.random() < 0.5:
            t.bill = shell
        harvest = (harvester([k.paraphrase(rng, x) for x in templates], [k.paraphrase(rng, x) for x in cots],
                             [k.paraphrase(rng, x) for x in tasks]) if reword else shared)
        if cover_kind == "chat":
            cover = k.chat(rng.sample(doms, rng.randint(2, 6)), conversational=0.4)
        elif cover_kind == "consumer":
            cover = k.consumer(rng.sample(doms, rng.randint(2, 6)))
        elif cover_kind == "support":
            cover = k.support(rng.choice(_ORGS7 + _COMPANIES), rng.choice(doms))
        else:
            cover = kh.app(app_sys, app_doms)
        if plan["size"] == "moderate":
            count = int(rng.uniform(30, 200) * m.volume) + 5
        else:
            count = rng.randint(2, 4)
        if timing == "office" and count >= 20:
            t.times = _office(rng, count, tz, peak=peak + rng.uniform(-1.0, 1.0), width=2.0)
        elif timing == "office":  # a tiny account: its few requests on one weekday, office hours
            day = rng.randrange(5) * T.DAY
            t.times = sorted(T.WEEK_START + day + ((peak + rng.gauss(0, 2.0) - tz) % 24.0) * 3600.0 for _ in range(count))
        elif timing == "trickle":
            start = rng.uniform(0, 2.0 * T.DAY)
            end = rng.uniform(start + 3.5 * T.DAY, T.WEEK)
            t.times = sorted(T.WEEK_START + rng.uniform(start, end) for _ in range(count))
        else:
            t.times = T.sessions(rng, windows, count)
        if cover_kind == "app" and t.times:
            t.makers = [_harvest_at(harvest, cover, share, rng.randrange(len(t.times)))]
        else:
            t.makers = [_first_harvest(harvest, cover, share)]
        out.append(t)
    return out
