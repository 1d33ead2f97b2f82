"""holdout5's population (`style="v5"`): its own honest hard negatives, distiller habits and
campaign plans, built from the same identities, networks and timing helpers as `population`."""

from __future__ import annotations

import random
from typing import Any

from gatehouse.monitor.sim import timing as T
from gatehouse.monitor.sim.generator import SimTenant
from gatehouse.monitor.sim.makers import Kit, Maker
from gatehouse.monitor.sim.mixture import Mixture
from gatehouse.monitor.sim.population import _COMPANIES, _UAS, _first_harvest, _Ids, _mixed, _tenant, _trials

__all__ = ["populate5"]

# ---- holdout5 ("v5") ----------------------------------------------------------------------
# Written before any detection result on holdout5 was seen. Its own population: a wider set of
# jurisdictions, several cloud /24s that honest tenants and some campaigns share, new honest
# hard negatives (agents, tutoring, logprob rerankers, synthetic test data, a multi-customer
# SaaS on one key, a weekend-heavy consumer app, embedding indexers) and new distiller habits.

_CC5 = ["US", "US", "US", "GB", "DE", "SG", "JP", "FR", "CA", "IN", "BR", "KR", "NL", "AU", "HK", "AE", "VN", "PL", "ID", "MX"]
_CLOUDS5 = ["35.203.47", "35.203.52", "52.14.88", "52.14.91", "20.62.130", "34.82.11"]
_APPS5 = "Relay Orbit Ledgerly Taskpilot Bramble Copperline Northwind Fable Quanta Helix Marlow Pinecrest".split()
_SCRIPT_UAS5 = ["python-requests/2.32.3", "aiohttp/3.10.5", "Go-http-client/1.1", "node-fetch/3.3.2",
                "curl/8.9.1", "okhttp/4.12.0", "axios/1.7.7"]


def _tz5(rng: random.Random) -> float:
    return rng.choice([-8.0, -6.0, -5.0, -3.0, 0.0, 1.0, 2.0, 4.0, 5.5, 7.0, 8.0, 9.0, 10.0])


def _honest5(ids: _Ids, rng: random.Random, pattern: str, m: Mixture, keys: int = 1) -> SimTenant:
    nets = [rng.choice(_CLOUDS5)] if rng.random() < m.honest_cloud else [ids.net()]
    t = _tenant(ids, rng, "honest", pattern, keys=keys, nets=nets, uas=m.sdk_uas)
    t.jurisdiction = rng.choice(_CC5)
    return t


def populate5(rng: random.Random, kit: Kit, m: Mixture) -> list[SimTenant]:
    ids = _Ids(rng)
    doms = kit.v.domains
    v = m.volume
    out: list[SimTenant] = []

    def some(k: int) -> list[str]:
        return rng.sample(doms, k)

    for pattern, count in m.honest.items():
        for _ in range(count):
            t = _honest5(ids, rng, pattern, m, keys=rng.randint(1, 3))
            z = _tz5(rng)
            if pattern == "support":
                t.makers = [kit.support(rng.choice(_COMPANIES), rng.choice(doms), turns=0.5)]
                t.times = T.diurnal(rng, rng.uniform(400, 1400) * v, z, weekend=0.4)
            elif pattern == "summarize":
                t.makers = [kit.summarize(some(rng.choice([1, 2, 3, 8])))]
                t.times = T.nightly(rng, rng.uniform(700, 1800) * v, begin=rng.uniform(0.0, 4.0), hours=rng.uniform(1.5, 4.0))
            elif pattern == "translate":  # half nightly localisation batches, half a flat stream
                t.makers = [kit.translate(doms)]
                t.times = (T.nightly(rng, rng.uniform(800, 2200) * v, begin=rng.uniform(0.0, 3.0), hours=3.0)
                           if rng.random() < 0.5 else T.flat(rng, rng.uniform(1200, 3000) * v))
            elif pattern == "extract":
                t.makers = [kit.extract(rng.choice(doms))]
                t.times = T.diurnal(rng, rng.uniform(300, 1000) * v, z, width=4.0)
            elif pattern == "ide":
                t.keys = [ids.key() for _ in range(rng.randint(4, 20))]
                t.makers = [kit.ide(rng.choice(["VS Code", "JetBrains", "Neovim", "Zed"]))]
                t.times = T.diurnal(rng, len(t.keys) * rng.uniform(40, 100) * v, z)
            elif pattern == "rag":
                t.makers = [kit.rag(f"You answer questions for {rng.choice(_COMPANIES)} staff using the context.", some(rng.randint(1, 3)))]
                t.times = T.diurnal(rng, rng.uniform(200, 800) * v, z)
            elif pattern == "oss_app":
                t.ua = "DocuChat/2.5"
                t.makers = [kit.rag("You are DocuChat, an open-source assistant. Cite the context.", some(1))]
                t.times = T.diurnal(rng, rng.uniform(50, 300) * v, z)
            elif pattern == "eval":  # broad benchmark sweeps at temperature 0, in a few bursts
                t.makers = [kit.eval_team(doms)]
                t.times = T.bursts(rng, int(rng.uniform(2000, 6000) * v) + 50, rng.randint(1, 4), rng.uniform(2, 10))
            elif pattern == "chat":
                t.makers = [kit.chat(doms, n_multi=0.05)]
                t.times = T.diurnal(rng, rng.uniform(500, 1800) * v, z, width=4.5)
            elif pattern == "creative":
                t.makers = [kit.chat(some(4), n_multi=0.25, conversational=0.3)]
                t.times = T.diurnal(rng, rng.uniform(200, 800) * v, z)
            elif pattern == "classify":
                t.makers = [kit.classify(some(2))]
                t.times = T.flat(rng, rng.uniform(1000, 2500) * v)
            elif pattern == "agent":  # an agent framework using its own tools honestly
                d = rng.choice(doms)
                app = rng.choice(_APPS5)
                t.ua = rng.choice(["langchain-openai/0.2.14", "OpenAI/Python 1.59.7", "llama-index/0.12.5"])
                t.makers = [kit.agent(d, app, kit.toolset(rng, [d], rng.randint(3, 7)))]
                t.times = T.diurnal(rng, rng.uniform(400, 1200) * v, z, width=4.0)
            elif pattern == "tutor":
                subject = rng.choice(["math", "physics", "chemistry", "biology", "programming", "finance"])
                t.makers = [kit.tutor(subject.replace("programming", "coding"), [subject] + some(rng.randint(0, 2)))]
                t.times = T.diurnal(rng, rng.uniform(300, 900) * v, z, peak=rng.choice([16.0, 19.0, 21.0]), width=3.0, weekend=0.7)
            elif pattern == "lp_classifier":
                t.makers = [kit.lp_classifier(some(rng.randint(1, 4)), rng.choice([5, 10, 20]))]
                t.times = T.flat(rng, rng.uniform(800, 2500) * v)
            elif pattern == "synth_data":
                t.makers = [kit.synth_data(rng.choice(doms))]
                t.times = T.bursts(rng, int(rng.uniform(500, 2500) * v) + 30, rng.randint(1, 3), rng.uniform(1, 4))
            elif pattern == "saas":  # one key, many end customers' system prompts
                t.keys = t.keys[:1]
                customers = [(rng.choice(_COMPANIES) + " " + rng.choice(["Labs", "Co", "Group", "Health", "Capital", "Retail"]), rng.choice(doms))
                             for _ in range(rng.randint(15, 80))]
                t.makers = [kit.saas(customers)]
                t.times = T.diurnal(rng, rng.uniform(600, 1600) * v, z, width=5.0, weekend=0.5)
            elif pattern == "consumer":  # weekend-heavy
                t.ua = rng.choice(["Vercel AI SDK/4.0", "OpenAI/NodeJS 4.77.0"])
                t.makers = [kit.consumer(some(rng.randint(4, 8)))]
                t.times = T.diurnal(rng, rng.uniform(300, 900) * v, z, peak=20.0, width=3.5, weekend=2.2)
            elif pattern == "indexer":
                t.makers = [kit.indexer(f"You answer questions about {rng.choice(_COMPANIES)}'s documentation using the context.", some(2))]
                t.times = sorted(T.nightly(rng, rng.uniform(400, 1200) * v, begin=1.0, hours=4.0) + T.diurnal(rng, rng.uniform(150, 500) * v, z))
            elif pattern == "hobbyist":
                r = rng.random()
                t.makers = [kit.chat(some(rng.randint(1, 5)), conversational=0.3) if r < 0.6 else
                            kit.harvest(some(2), max_tokens=rng.choice([256, 512, 1024]), cot=0.1, temp=0.7, templates=kit.p["q"])]
                t.times = T.diurnal(rng, rng.uniform(1, 25), z)
            out.append(t)
    out.extend(_distillers5(ids, rng, kit, m))
    out.extend(_turncoats5(ids, rng, kit, m))
    plans = _plans5(rng, m)
    for ci, size in enumerate(m.campaigns):
        out.extend(_campaign5(ids, rng, kit, m, f"camp_{ci + 1}", size, plans[ci]))
    trials = _trials(ids, rng, kit, m)
    for t in trials:
        t.jurisdiction = rng.choice(_CC5)
    out.extend(trials)
    return [t for t in out if t.times]


def _distillers5(ids: _Ids, rng: random.Random, kit: Kit, m: Mixture) -> list[SimTenant]:
    doms = kit.v.domains
    v = m.volume
    out: list[SimTenant] = []
    for pattern, count in m.distill.items():
        for _ in range(count):
            keys = rng.randint(3, 6) if pattern == "drip" else rng.randint(1, 4)
            t = _tenant(ids, rng, "distiller", pattern, keys=keys,
                        uas=tuple(m.sdk_uas) if rng.random() < 0.6 else tuple(_SCRIPT_UAS5))
            t.jurisdiction = rng.choice(_CC5)
            caps = rng.sample(m.harvest_max_tokens, rng.randint(1, 3))
            cap_field = rng.choice(["max_tokens", "max_tokens", "max_completion_tokens"])
            broad = rng.sample(doms, rng.randint(8, len(doms)))
            temps = rng.choice([[0.7], [1.0], [0.6, 0.8, 1.0]])
            z = _tz5(rng)
            if pattern == "harvest":
                t.makers = [kit.harvest5(broad, caps=caps, temps=temps, fewshot=0.1, cap_field=cap_field, stream=0.3)]
                t.times = (T.flat(rng, rng.uniform(1500, 3500) * v) if rng.random() < 0.5
                           else T.diurnal(rng, rng.uniform(1800, 4000) * v, z, width=6.0, weekend=0.7))
            elif pattern == "cot":  # reasoning asked for in the text or as a JSON "reasoning" field
                t.makers = [kit.harvest5(broad, caps=caps, cot=0.45, cot_json=0.35, temps=temps, cap_field=cap_field)]
                t.times = T.flat(rng, rng.uniform(700, 2000) * v)
            elif pattern == "logprob":
                t.makers = [kit.harvest5(broad, caps=[256, 384, 512, 768], logprobs=rng.choice([5, 10, 20]),
                                         temps=[0.0, 0.7, 1.0], cap_field=cap_field)]
                t.times = T.diurnal(rng, rng.uniform(800, 2000) * v, z, width=6.0, weekend=0.8)
            elif pattern == "nsample":  # n up to 4 at temperature 1
                t.makers = [kit.harvest5(broad, caps=caps, n_max=4, temps=[1.0], cot=0.2, cap_field=cap_field)]
                t.times = T.flat(rng, rng.uniform(600, 1500) * v)
            elif pattern == "preference":  # each prompt twice, at a low and a high temperature
                t.makers = [kit.pref_pairs(broad, rng.choice([(0.2, 1.0), (0.0, 0.9), (0.3, 1.2)]))]
                t.times = T.flat(rng, rng.uniform(500, 1500) * v)
            elif pattern == "tools":
                t.makers = [kit.tool_traces(broad)]
                t.times = T.flat(rng, rng.uniform(500, 1500) * v)
            elif pattern == "disguise":  # a study app's persona, office-hours traffic in its own time zone
                app = rng.choice(_APPS5)
                sysmsg = f"You are {app} Study Buddy, the homework helper in the {app} app. Be encouraging and clear."
                t.ua = rng.choice(["OpenAI/NodeJS 4.77.0", "Vercel AI SDK/4.0"])
                t.makers = [kit.harvest5(broad, caps=caps, system=sysmsg, cot=0.25, temps=[0.7], fewshot=0.05, stream=0.8)]
                t.times = T.diurnal(rng, rng.uniform(400, 1100) * v, z, peak=17.0, width=3.5, weekend=0.6)
            elif pattern == "drip":  # a slow drip spread over several keys
                t.makers = [kit.harvest5(broad, caps=caps, cot=0.3, temps=[0.7, 0.8, 0.9], cap_field=cap_field)]
                t.times = T.diurnal(rng, rng.uniform(12, 40), z, width=5.0, weekend=0.6)
            out.append(t)
    return out


def _turncoats5(ids: _Ids, rng: random.Random, kit: Kit, m: Mixture) -> list[SimTenant]:
    """Honest tenants that turn one key to harvesting mid-week, at different times; the turned
    key keeps some of its honest traffic."""
    doms = kit.v.domains
    out: list[SimTenant] = []
    for i in range(m.turncoats):
        t = _honest5(ids, rng, "turncoat", m, keys=rng.choice([1, 1, 2, 3]))
        t.label = "distiller"
        kind = ["support", "rag", "extract", "agent"][i % 4]
        d = rng.choice(doms)
        if kind == "support":
            honest = kit.support(rng.choice(_COMPANIES), d)
        elif kind == "rag":
            honest = kit.rag(f"You answer questions for {rng.choice(_COMPANIES)} staff using the context.", [d])
        elif kind == "extract":
            honest = kit.extract(d)
        else:
            honest = kit.agent(d, rng.choice(_APPS5), kit.toolset(rng, [d], 4))
        t.makers = [honest] * len(t.keys)
        t.turn_key = t.keys[-1]
        t.turn_ts = T.WEEK_START + rng.uniform(1.5, 5.5) * T.DAY
        harvest = kit.harvest5(rng.sample(doms, rng.randint(8, 14)), caps=rng.sample(m.harvest_max_tokens, 2), cot=0.3,
                               temps=[0.6, 0.8, 1.0], fewshot=0.1)
        t.turned = _mixed(harvest, honest, rng.uniform(0.2, 0.4))
        z = _tz5(rng)
        before = T.diurnal(rng, rng.uniform(500, 1200) * m.volume, z)
        after = T.flat(rng, rng.uniform(900, 2200) * m.volume, start=t.turn_ts - T.WEEK_START)
        t.times = sorted(before + after)
        out.append(t)
    return out


def _plans5(rng: random.Random, m: Mixture) -> list[dict[str, Any]]:
    """Each campaign's choices, dealt so that the mixture's shares hold over its campaigns
    (rounded) rather than only in expectation."""
    k = len(m.campaigns)

    def deal(options: list[tuple[str, float]], default: str) -> list[str]:
        out: list[str] = []
        for name, share in options:
            out += [name] * int(round(share * k))
        out = (out + [default] * k)[:k]
        rng.shuffle(out)
        return out

    nets = deal([("residential", m.residential), ("cloud", m.shared_cloud)], "own")
    uas = deal([("request", m.ua_per_request), ("account", m.ua_rotation)], "fixed")
    reword = deal([("yes", m.paraphrase)], "no")
    continuous = deal([("yes", m.continuous)], "no")
    jitter = deal([("yes", m.param_jitter)], "no")
    styles = ["plain", "cot", "logprob", "nsample", "pairs", "tools", "plain", "cot"] * (k // 8 + 1)
    styles = styles[:k]
    rng.shuffle(styles)
    return [{"net": nets[i], "ua": uas[i], "reword": reword[i] == "yes", "continuous": continuous[i] == "yes",
             "jitter": jitter[i] == "yes", "style": styles[i]} for i in range(k)]


def _campaign5(ids: _Ids, rng: random.Random, kit: Kit, m: Mixture, cid: str, size: int,
               plan: dict[str, Any]) -> list[SimTenant]:
    doms = kit.v.domains
    net_mode = str(plan["net"])
    nets = ([ids.net() for _ in range(rng.randint(2, 6))] if net_mode == "own"
            else rng.sample(_CLOUDS5, rng.randint(2, 4)))
    ua_mode = str(plan["ua"])
    ua = rng.choice(list(m.campaign_uas) or _SCRIPT_UAS5)
    sdk = sorted(set(m.sdk_uas)) or _UAS
    templates = rng.sample(kit.p["harvest"], rng.randint(3, 6))
    reword = bool(plan["reword"])
    continuous = bool(plan["continuous"])
    style = str(plan["style"])
    jitter = bool(plan["jitter"])
    caps = rng.sample(m.harvest_max_tokens, rng.randint(2, 4)) if jitter else [rng.choice(m.harvest_max_tokens)]
    temps = [0.6, 0.7, 0.8, 0.9, 1.0] if jitter else [rng.choice([0.7, 0.8, 1.0])]
    cap_field = rng.choice(["max_tokens", "max_completion_tokens"])
    lo_s, hi_s = m.cover_share
    share = rng.uniform(lo_s, hi_s)
    broad = rng.sample(doms, rng.randint(10, len(doms)))
    cover_kind = rng.choice(["chat", "consumer", "support"])
    lo, hi = m.session_hours
    windows = [(s, s + rng.uniform(lo, hi) * 3600.0)
               for s in (rng.uniform(0, T.WEEK - hi * 3600) for _ in range(m.session_windows))]
    shell = f"ops@{rng.getrandbits(24):06x}.example" if rng.random() < 0.3 else None
    cc = rng.choice(_CC5)

    cots = rng.sample(kit.p["cot"], 2)
    tasks = rng.sample(kit.p["agent"], 3)

    def harvester(tpls: list[str], cot_tpls: list[str], task_tpls: list[str]) -> Maker:
        if style == "pairs":
            return kit.pref_pairs(broad, (0.2, 1.0), templates=tpls)
        if style == "tools":
            return kit.tool_traces(broad, tasks=task_tpls)
        return kit.harvest5(broad, caps=caps, templates=tpls, temps=temps, cap_field=cap_field,
                            cot=0.6 if style == "cot" else 0.1, cot_json=0.2 if style == "cot" else 0.0,
                            logprobs=10 if style == "logprob" else 0, n_max=4 if style == "nsample" else 1,
                            fewshot=0.05, cot_templates=cot_tpls)

    shared = harvester(templates, cots, tasks)
    out: list[SimTenant] = []
    for _ in range(size):
        t = _tenant(ids, rng, "distiller", "campaign", ua=rng.choice(sdk) if ua_mode != "fixed" else ua,
                    nets=[ids.net() for _ in range(2)] if net_mode == "residential" else nets)
        t.campaign = cid
        t.jurisdiction = cc if rng.random() < 0.7 else rng.choice(_CC5)
        if ua_mode == "request":
            t.uas = rng.sample(sdk, min(len(sdk), rng.randint(2, 3)))
        if shell and rng.random() < 0.5:
            t.bill = shell
        harvest = (harvester([kit.paraphrase(rng, x) for x in templates], [kit.paraphrase(rng, x) for x in cots],
                             [kit.paraphrase(rng, x) for x in tasks]) if reword else shared)
        if cover_kind == "chat":
            cover = kit.chat(rng.sample(doms, rng.randint(2, 6)), conversational=0.4)
        elif cover_kind == "consumer":
            cover = kit.consumer(rng.sample(doms, rng.randint(2, 6)))
        else:
            cover = kit.support(rng.choice(_COMPANIES), rng.choice(doms))
        t.makers = [_first_harvest(harvest, cover, share)]
        lo_n, hi_n = m.small_campaign_requests
        count = (max(2, int(rng.expovariate(1.0 / m.per_account)) + 1) if size > 50
                 else int(rng.uniform(lo_n, hi_n) * m.volume) + 20)
        if continuous:  # trickles at a low rate over most of the week
            start = rng.uniform(0, 2.5 * T.DAY)
            end = rng.uniform(start + 3.0 * T.DAY, T.WEEK)
            t.times = sorted(T.WEEK_START + rng.uniform(start, end) for _ in range(count))
        else:
            t.times = T.sessions(rng, windows, count)
        out.append(t)
    return out
