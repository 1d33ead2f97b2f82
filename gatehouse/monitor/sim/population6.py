"""holdout6's population (`style="v6"`): its own honest hard negatives, distiller habits and
campaign plans, built from the same identities and timing helpers as `population`."""

from __future__ import annotations

import random
from typing import Any

from gatehouse.monitor.sim import timing as T
from gatehouse.monitor.sim.generator import SimTenant
from gatehouse.monitor.sim.makers import Kit, Maker
from gatehouse.monitor.sim.mixture import Mixture
from gatehouse.monitor.sim.population import _COMPANIES, _UAS, _first_harvest, _Ids, _mixed, _tenant

__all__ = ["populate6"]

# ---- holdout6 ("v6") ----------------------------------------------------------------------
# Written before any detection result on holdout6 was seen. Its own population: other
# jurisdictions and time zones, eight public-cloud /24s shared by a third of honest tenants and
# by some campaigns, a chatbot reseller whose many honest customers send one shared system prompt
# through one SDK (most of them from the reseller's own /24), document-review firms writing at
# the output cap, a labeling vendor with logprobs, a translation company with a key per end
# customer, an education platform with a key per class, research sweeps over temperature with
# n > 1, a flat 24/7 global service, quiz generators asking for JSON, trial accounts asking for
# long essays; distillers that harvest through follow-up conversations, ask for JSON datasets,
# write chosen/rejected pairs, take logprobs at temperature 0, ramp up over the week, or wear a
# law app's, a reseller's or a notes app's system prompt; turncoats turning early, mid-week or
# late; campaigns dealt proxy (50-80% real app traffic under the app's prompt, at least one
# harvesting request per account, anywhere in its traffic), per-account
# system prompts, office-hours accounts of 50-300 requests, ramps, trickles or shared sessions.

_CC6 = ["US", "US", "GB", "IE", "DE", "FR", "ES", "IT", "SE", "PL", "IN", "SG", "JP", "KR", "TW", "AU", "BR", "ZA", "IL", "CA"]
_CLOUDS6 = ["3.120.44", "3.120.45", "18.196.7", "13.250.61", "104.196.22", "40.112.9", "40.112.10", "34.90.3"]
_ORGS6 = "Brightwell Kestrel Solace Meridian Tallis Corvid Everly Ostrava Lumina Harrow Pellucid Saffron Vantor Wicklow".split()
_SCRIPT_UAS6 = ["python-requests/2.32.3", "httpx/0.28.1", "Go-http-client/2.0", "node-fetch/3.3.2", "curl/8.11.0",
                "reqwest/0.12.9", "Java-http-client/21.0.5"]
_RESELLER_UA = "chatnest-sdk/3.2.0 (python)"
_RESELLER_NET = "52.58.203"
_APP_UAS6 = ["quill-backend/2.8 httpx/0.28.1", "nova-api/1.14", "atlas-gateway/0.9.3", "pennant-server/4.2"]
_LANGS6 = ["French", "German", "Spanish", "Japanese", "Portuguese", "Italian", "Dutch", "Polish", "Swedish", "Korean",
           "Turkish", "Indonesian"]
_LABELS6 = [["toxic", "safe"], ["spam", "ham", "unsure"], ["billing", "technical", "account", "other"],
            ["relevant", "partially relevant", "irrelevant"], ["positive", "negative", "neutral", "mixed"]]


def _tz6(rng: random.Random) -> float:
    return rng.choice([-7.0, -5.0, -4.0, -3.0, 0.0, 1.0, 2.0, 3.0, 5.5, 8.0, 9.0, 10.0, 12.0])


def _honest6(ids: _Ids, rng: random.Random, pattern: str, m: Mixture, keys: int = 1,
             nets: list[str] | None = None) -> SimTenant:
    nets = nets or ([rng.choice(_CLOUDS6)] if rng.random() < m.honest_cloud else [ids.net()])
    t = _tenant(ids, rng, "honest", pattern, keys=keys, nets=nets, uas=m.sdk_uas)
    t.jurisdiction = rng.choice(_CC6)
    return t


def _ramp(rng: random.Random, count: int, power: float = 2.0, start: float = 0.0) -> list[float]:
    """`count` times whose rate grows over the week (density ~ t**power after `start`)."""
    span = T.WEEK - start
    return sorted(T.WEEK_START + start + span * rng.random() ** (1.0 / (power + 1.0)) for _ in range(count))


def _office(rng: random.Random, count: int, tz: float, peak: float = 13.0, width: float = 2.5) -> list[float]:
    """About `count` times in office hours of `tz`, weekdays."""
    return T.diurnal(rng, count / 5.2, tz, peak=peak, width=width, weekend=0.1)


def populate6(rng: random.Random, kit: Kit, m: Mixture) -> list[SimTenant]:
    ids = _Ids(rng)
    doms = kit.v.domains
    v = m.volume
    out: list[SimTenant] = []

    def some(k: int) -> list[str]:
        return rng.sample(doms, k)

    for pattern, count in m.honest.items():
        for _ in range(count):
            if pattern == "reseller":  # most of the platform's customers leave from its own servers
                nets = [_RESELLER_NET] if rng.random() < 0.65 else None
                t = _honest6(ids, rng, pattern, m, keys=rng.randint(1, 2), nets=nets)
            else:
                t = _honest6(ids, rng, pattern, m, keys=rng.randint(1, 3))
            z = _tz6(rng)
            if pattern == "support":
                t.makers = [kit.support(rng.choice(_ORGS6), rng.choice(doms), turns=0.4)]
                t.times = T.diurnal(rng, rng.uniform(400, 1300) * v, z, weekend=0.3)
            elif pattern == "summarize":  # nightly digests, some of many feeds
                t.makers = [kit.summarize(some(rng.choice([1, 2, 4, 10])))]
                t.times = T.nightly(rng, rng.uniform(600, 1800) * v, begin=rng.uniform(20.0, 23.0), hours=rng.uniform(1.0, 3.0))
            elif pattern == "translate":
                t.makers = [kit.translate(doms)]
                t.times = T.nightly(rng, rng.uniform(700, 2000) * v, begin=rng.uniform(0.0, 4.0), hours=rng.uniform(2.0, 5.0))
            elif pattern == "extract":
                t.makers = [kit.extract(rng.choice(doms))]
                t.times = T.diurnal(rng, rng.uniform(300, 1100) * v, z, width=3.5)
            elif pattern == "ide":
                t.keys = [ids.key() for _ in range(rng.randint(6, 30))]
                t.makers = [kit.ide(rng.choice(["VS Code", "JetBrains", "Zed", "Cursor-like editor"]))]
                t.times = T.diurnal(rng, len(t.keys) * rng.uniform(30, 90) * v, z)
            elif pattern == "rag":
                t.makers = [kit.rag(f"You answer questions for {rng.choice(_ORGS6)} employees from the context only.",
                                    some(rng.randint(1, 3)))]
                t.times = T.diurnal(rng, rng.uniform(200, 900) * v, z)
            elif pattern == "eval":  # a broad benchmark at temperature 0, a few bursts
                t.makers = [kit.eval_team(doms)]
                t.times = T.bursts(rng, int(rng.uniform(2500, 7000) * v) + 50, rng.randint(1, 3), rng.uniform(3, 12))
            elif pattern == "chat":
                t.makers = [kit.chat(doms, n_multi=0.04)]
                t.times = T.diurnal(rng, rng.uniform(500, 1800) * v, z, width=4.5)
            elif pattern == "creative":  # n > 1 drafts
                t.makers = [kit.chat(some(5), n_multi=0.35, conversational=0.25)]
                t.times = T.diurnal(rng, rng.uniform(200, 700) * v, z)
            elif pattern == "classify":
                t.makers = [kit.classify(some(2))]
                t.times = T.flat(rng, rng.uniform(800, 2500) * v)
            elif pattern == "doc_review":  # long documents, long memos at the cap, office hours
                legal = rng.random() < 0.6
                firm = f"{rng.choice(_ORGS6)} {'LLP' if legal else 'Clinical Review'}"
                kind = rng.choice(["contract", "lease", "NDA", "merger agreement"]) if legal else \
                    rng.choice(["discharge summary", "clinical trial protocol", "patient chart"])
                rd = (["law", "finance"] if legal else ["medicine", "nutrition"])
                t.keys = [ids.key() for _ in range(rng.randint(2, 6))]
                t.makers = [kit.doc_review(firm, kind, rd, rng.choice([4096, 4096, 8192]))]
                t.times = T.diurnal(rng, rng.uniform(150, 500) * v, z, width=3.0, weekend=0.15)
            elif pattern == "labeler":  # labels with logprobs for many clients, around the clock
                t.keys = [ids.key() for _ in range(rng.randint(3, 10))]
                t.makers = [kit.labeler(some(rng.randint(6, 12)), rng.choice(_LABELS6), rng.choice([5, 10]))]
                t.times = T.flat(rng, rng.uniform(1500, 4000) * v)
            elif pattern == "loc_vendor":  # a translation company: one key per end customer
                t.keys = [ids.key() for _ in range(rng.randint(20, 90))]
                t.makers = [kit.localize(f"{rng.choice(_COMPANIES + _ORGS6)} {rng.choice(['Inc', 'GmbH', 'SA', 'KK', 'Ltd'])}",
                                         rng.choice(_LANGS6), rng.choice(doms)) for _ in t.keys]
                t.times = sorted(T.flat(rng, rng.uniform(1200, 3000) * v) + T.nightly(rng, rng.uniform(500, 1500) * v, 2.0, 3.0))
            elif pattern == "edu":  # an education platform: one key per class, step-by-step asks
                t.keys = [ids.key() for _ in range(rng.randint(60, 180))]
                subjects = [rng.choice(doms) for _ in t.keys]
                t.makers = [kit.tutor(s, [s] + some(rng.randint(0, 1))) for s in subjects]
                t.times = T.diurnal(rng, rng.uniform(1500, 4000) * v, z, peak=rng.choice([15.0, 17.0, 20.0]), width=3.5, weekend=0.6)
            elif pattern == "sweep":  # research evals: temperature sweeps with n > 1
                grid = [0.0, 0.2, 0.4, 0.6, 0.8, 1.0, 1.2]
                t.makers = [kit.sweep(doms, grid[: rng.randint(4, 7)], [1, 1, 4, 5, 8, 10], rng.randint(3, 5))]
                t.times = T.bursts(rng, int(rng.uniform(1500, 5000) * v) + 40, rng.randint(2, 5), rng.uniform(2, 8))
            elif pattern == "reseller":  # many honest customers of one chatbot platform
                t.ua = _RESELLER_UA
                t.makers = [kit.reseller(some(rng.randint(1, 2)))]
                t.times = T.diurnal(rng, rng.uniform(30, 400) * v, z, width=4.0, weekend=0.5)
            elif pattern == "global":  # serves every time zone: flat all week
                t.keys = [ids.key() for _ in range(rng.randint(2, 8))]
                company = rng.choice(_ORGS6)
                t.makers = [_mixed(kit.support(company, rng.choice(doms), turns=0.5), kit.chat(some(3), conversational=0.4), 0.4)]
                t.times = T.flat(rng, rng.uniform(900, 2500) * v)
            elif pattern == "quizgen":  # course teams writing quizzes as JSON on their subject
                d = rng.choice(doms)
                t.makers = [kit.quiz(f"{d.replace('_', ' ')} {rng.choice(['101', 'basics', 'advanced', 'certification'])}", [d])]
                t.times = T.diurnal(rng, rng.uniform(40, 250) * v, z, width=3.0, weekend=0.2)
            elif pattern == "agent":
                d = rng.choice(doms)
                t.ua = rng.choice(["langchain-openai/0.3.1", "OpenAI/Python 1.61.0", "crewai/0.95.0"])
                t.makers = [kit.agent(d, rng.choice(_ORGS6), kit.toolset(rng, [d], rng.randint(3, 6)))]
                t.times = T.diurnal(rng, rng.uniform(300, 1000) * v, z, width=4.0)
            elif pattern == "hobbyist":
                r = rng.random()
                t.makers = [kit.chat(some(rng.randint(1, 5)), conversational=0.3) if r < 0.55 else
                            kit.essay(some(2), rng.choice([1500, 2000, 4096])) if r < 0.75 else
                            kit.harvest(some(2), max_tokens=rng.choice([512, 1024]), cot=0.1, temp=0.7, templates=kit.p["q"])]
                t.times = T.diurnal(rng, rng.uniform(1, 25), z)
            out.append(t)
    out.extend(_distillers6(ids, rng, kit, m))
    out.extend(_turncoats6(ids, rng, kit, m))
    plans = _plans6(rng, m)
    for ci, size in enumerate(m.campaigns):
        out.extend(_campaign6(ids, rng, kit, m, f"camp_{ci + 1}", size, plans[ci]))
    out.extend(_trials6(ids, rng, kit, m))
    return [t for t in out if t.times]


def _trials6(ids: _Ids, rng: random.Random, kit: Kit, m: Mixture) -> list[SimTenant]:
    """Honest accounts that send a handful of requests: almost half ask for a long essay."""
    doms = kit.v.domains
    out: list[SimTenant] = []
    for _ in range(m.trial_accounts):
        t = _honest6(ids, rng, "trial", m)
        r = rng.random()
        if r < 0.45:
            t.makers = [kit.essay(rng.sample(doms, 2), rng.choice([2000, 3000, 4096]))]
        elif r < 0.6:
            t.makers = [kit.harvest(rng.sample(doms, 2), max_tokens=rng.choice([1024, 2000]), temp=0.7,
                                    templates=kit.p["q"], cot=0.15)]
        else:
            t.makers = [kit.chat(rng.sample(doms, rng.randint(1, 3)), conversational=0.2)]
        t.times = T.visit(rng, 4.0, 8)
        out.append(t)
    return out


def _distillers6(ids: _Ids, rng: random.Random, kit: Kit, m: Mixture) -> list[SimTenant]:
    doms = kit.v.domains
    v = m.volume
    out: list[SimTenant] = []
    for pattern, count in m.distill.items():
        for i in range(count):
            keys = rng.randint(1, 2) if pattern == "drip" else rng.randint(1, 5)
            t = _tenant(ids, rng, "distiller", pattern, keys=keys,
                        nets=[rng.choice(_CLOUDS6)] if rng.random() < 0.3 else None,
                        uas=tuple(m.sdk_uas) if rng.random() < 0.7 else tuple(_SCRIPT_UAS6))
            t.jurisdiction = rng.choice(_CC6)
            caps = rng.sample(m.harvest_max_tokens, rng.randint(1, 3))
            broad = rng.sample(doms, rng.randint(9, len(doms)))
            temps = rng.choice([[0.7], [0.9], [0.5, 0.7, 0.9]])
            z = _tz6(rng)
            if pattern == "harvest":  # instruction harvesting, office hours
                t.makers = [kit.harvest5(broad, caps=caps, temps=temps, fewshot=0.05)]
                t.times = _office(rng, int(rng.uniform(6000, 15000) * v), z, width=3.0)
            elif pattern == "multiturn":  # follow-ups re-sending the conversation
                t.makers = [kit.deepen(broad, caps, temps)]
                t.times = (T.flat(rng, rng.uniform(600, 1800) * v) if rng.random() < 0.5
                           else T.diurnal(rng, rng.uniform(700, 2000) * v, z, width=4.0, weekend=0.5))
            elif pattern == "cot":
                t.makers = [kit.harvest5(broad, caps=caps, cot=0.5, cot_json=0.25, temps=temps)]
                t.times = T.diurnal(rng, rng.uniform(600, 1800) * v, z, width=5.0, weekend=0.6)
            elif pattern == "logprob":  # greedy outputs with their top logprobs
                t.makers = [kit.harvest5(broad, caps=[512, 768, 1024], logprobs=rng.choice([5, 10, 20]), temps=[0.0])]
                t.times = T.flat(rng, rng.uniform(700, 2000) * v)
            elif pattern == "preference":
                t.makers = [kit.pair_gen(broad, judge=rng.uniform(0.15, 0.4))]
                t.times = T.flat(rng, rng.uniform(400, 1300) * v)
            elif pattern == "jsonset":  # ready-made datasets as JSON
                t.makers = [kit.jsonset(broad, [c for c in m.harvest_max_tokens if c >= 2000] or [4000])]
                t.times = T.diurnal(rng, rng.uniform(200, 700) * v, z, width=5.0, weekend=0.7)
            elif pattern == "tools":
                t.makers = [kit.tool_traces(broad, tasks=list(kit.p["agent"]))]
                t.times = T.flat(rng, rng.uniform(500, 1400) * v)
            elif pattern == "disguise":  # an app's system prompt over harvesting, the app's hours
                kind = i % 3
                if kind == 0:
                    sysmsg = f"You are Briefly, the legal research assistant for {rng.choice(_ORGS6)} LLP. Be precise and cite sources."
                elif kind == 1:  # wears the reseller's shared prompt and SDK
                    sysmsg = str(kit.p["reseller"])
                    t.ua = _RESELLER_UA
                else:
                    sysmsg = str(kit.p["app"][0])
                    t.ua = _APP_UAS6[0]
                t.makers = [kit.deepen(broad, caps, [0.7], system=sysmsg) if rng.random() < 0.5 else
                            kit.harvest5(broad, caps=caps, system=sysmsg, cot=0.2, temps=[0.7])]
                t.times = T.diurnal(rng, rng.uniform(400, 1100) * v, z, width=3.5, weekend=0.4)
            elif pattern == "drip":  # a few requests a day all week
                t.makers = [kit.deepen(broad, caps, temps) if rng.random() < 0.5 else kit.harvest5(broad, caps=caps, cot=0.3, temps=temps)]
                t.times = T.diurnal(rng, rng.uniform(6, 30), z, width=5.0, weekend=0.8)
            elif pattern == "ramp":  # starts small, grows all week
                t.makers = [kit.harvest5(broad, caps=caps, temps=temps, cot=0.2, fewshot=0.05)]
                t.times = _ramp(rng, int(rng.uniform(2000, 7000) * v), power=rng.choice([1.5, 2.0, 3.0]))
            out.append(t)
    return out


def _turncoats6(ids: _Ids, rng: random.Random, kit: Kit, m: Mixture) -> list[SimTenant]:
    """Honest tenants, most with one key, that turn it to harvesting early (day 1), mid-week or
    late (day 6), keeping 10-40% of its honest traffic."""
    doms = kit.v.domains
    out: list[SimTenant] = []
    for i in range(m.turncoats):
        t = _honest6(ids, rng, "turncoat", m, keys=rng.choice([1, 1, 1, 2]))
        t.label = "distiller"
        kind = ["support", "doc_review", "rag", "quizgen", "extract"][i % 5]
        d = rng.choice(doms)
        if kind == "support":
            honest = kit.support(rng.choice(_ORGS6), d)
        elif kind == "doc_review":
            honest = kit.doc_review(f"{rng.choice(_ORGS6)} LLP", "contract", ["law", "finance"], 4096)
        elif kind == "rag":
            honest = kit.rag(f"You answer questions for {rng.choice(_ORGS6)} employees from the context only.", [d])
        elif kind == "quizgen":
            honest = kit.quiz(f"{d} basics", [d])
        else:
            honest = kit.extract(d)
        t.makers = [honest] * len(t.keys)
        t.turn_key = t.keys[0]
        when = [(0.6, 1.4), (2.5, 4.0), (5.2, 6.3)][i % 3]
        t.turn_ts = T.WEEK_START + rng.uniform(*when) * T.DAY
        broad = rng.sample(doms, rng.randint(8, 14))
        caps = rng.sample(m.harvest_max_tokens, 2)
        harvest = [kit.deepen(broad, caps, [0.7, 0.9]), kit.jsonset(broad, [4000, 5000]),
                   kit.harvest5(broad, caps=caps, cot=0.3, temps=[0.6, 0.8, 1.0])][i % 3]
        t.turned = _mixed(harvest, honest, rng.uniform(0.1, 0.4))
        z = _tz6(rng)
        since = t.turn_ts - T.WEEK_START
        before = T.diurnal(rng, rng.uniform(400, 1100) * m.volume, z)
        # a late turn is busier per day: the harvest runs as hard as it can in the time left
        after = T.flat(rng, rng.uniform(900, 2000) * m.volume * (1.5 if since > 5 * T.DAY else 1.0), start=since)
        t.times = sorted(before + after)
        out.append(t)
    return out


def _harvest_at(harvest: Maker, cover: Maker, share: float, at: int) -> Maker:
    """A proxy account's traffic: mostly the app's own (`share`), its `at`-th request always harvests."""
    seen: list[int] = [0]

    def make(r: random.Random, ts: float) -> tuple[dict[str, Any], int]:
        i = seen[0]
        seen[0] += 1
        if i == at:
            return harvest(r, ts)
        return (cover if r.random() < share else harvest)(r, ts)
    return make


def _plans6(rng: random.Random, m: Mixture) -> list[dict[str, Any]]:
    """Each campaign's choices, dealt over the campaigns so that every choice occurs. The
    largest campaign is always a proxy; office-hours accounts (50-300 requests each) only go to
    campaigns of at most 300 accounts."""
    k = len(m.campaigns)
    order = sorted(range(k), key=lambda i: -m.campaigns[i])

    def deal(options: list[tuple[str, float]], default: str) -> list[str]:
        out: list[str] = []
        for name, share in options:
            out += [name] * int(round(share * k))
        out = (out + [default] * k)[:k]
        rng.shuffle(out)
        return out

    covers = deal([("proxy", 0.25), ("persona", 0.25)], "plain")
    if k and covers[order[0]] != "proxy":  # the biggest operation is a proxy
        j = covers.index("proxy") if "proxy" in covers else order[0]
        covers[j], covers[order[0]] = covers[order[0]], "proxy"
    timing = deal([("office", 0.25), ("ramp", 0.25), ("trickle", 0.25)], "sessions")
    for i in range(k):  # office-hours plans go to the smaller campaigns
        if timing[i] == "office" and m.campaigns[i] > 300:
            swap = [j for j in range(k) if timing[j] != "office" and m.campaigns[j] <= 300]
            if swap:
                timing[i], timing[swap[0]] = timing[swap[0]], "office"
            else:
                timing[i] = "trickle"
    nets = deal([("cloud", 0.375), ("residential", 0.25)], "own")
    uas = deal([("account", 0.375), ("request", 0.125)], "fixed")
    reword = deal([("yes", 0.5)], "no")
    jitter = deal([("yes", 0.5)], "no")
    styles = (["plain", "multiturn", "jsonset", "logprob0", "cot", "pairs", "tools", "mixed"] * (k // 8 + 1))[:k]
    rng.shuffle(styles)
    return [{"cover": covers[i], "timing": timing[i], "net": nets[i], "ua": uas[i], "reword": reword[i] == "yes",
             "jitter": jitter[i] == "yes", "style": styles[i], "app_sys": rng.random() < 0.5} for i in range(k)]


def _campaign6(ids: _Ids, rng: random.Random, kit: Kit, m: Mixture, cid: str, size: int,
               plan: dict[str, Any]) -> list[SimTenant]:
    doms = kit.v.domains
    net_mode = str(plan["net"])
    nets = ([ids.net() for _ in range(rng.randint(2, 5))] if net_mode == "own"
            else rng.sample(_CLOUDS6, rng.randint(2, 5)))
    cover_mode = str(plan["cover"])
    timing = str(plan["timing"])
    style = str(plan["style"])
    jitter = bool(plan["jitter"])
    reword = bool(plan["reword"])
    ua_mode = str(plan["ua"])
    app_i = rng.randrange(len(kit.p["app"]))
    app_sys = str(kit.p["app"][app_i])
    ua = _APP_UAS6[app_i] if cover_mode == "proxy" else rng.choice(list(m.campaign_uas) or _SCRIPT_UAS6)
    sdk = sorted(set(m.sdk_uas)) or _UAS
    templates = rng.sample(kit.p["harvest"], rng.randint(3, 6))
    caps = rng.sample(m.harvest_max_tokens, rng.randint(2, 4)) if jitter else [rng.choice(m.harvest_max_tokens)]
    temps = [0.5, 0.6, 0.7, 0.8, 0.9, 1.0] if jitter else [rng.choice([0.7, 0.8, 1.0])]
    share = rng.uniform(0.5, 0.8) if cover_mode == "proxy" else rng.uniform(0.2, 0.45)
    broad = rng.sample(doms, rng.randint(10, len(doms)))
    app_doms = rng.sample(doms, rng.randint(3, 6))
    tz = _tz6(rng)
    peak = rng.uniform(10.5, 15.0)
    lo, hi = m.session_hours
    windows = [(s, s + rng.uniform(lo, hi) * 3600.0)
               for s in (rng.uniform(0, T.WEEK - hi * 3600) for _ in range(m.session_windows))]
    shell = f"accounts@{rng.getrandbits(24):06x}.example" if rng.random() < 0.25 else None
    cc = rng.choice(_CC6)
    harvest_sys = app_sys if cover_mode == "proxy" and bool(plan["app_sys"]) else None

    def harvester(tpls: list[str], system: str | None, kind: str) -> Maker:
        if kind == "multiturn":
            return kit.deepen(broad, caps, temps, system=system, templates=tpls)
        if kind == "jsonset":
            return kit.jsonset(broad, [c for c in caps if c >= 2000] or [4000], system=system)
        if kind == "pairs":
            return kit.pair_gen(broad)
        if kind == "tools":
            return kit.tool_traces(broad, tasks=list(kit.p["agent"]))
        return kit.harvest5(broad, caps=caps, templates=tpls, system=system, temps=[0.0] if kind == "logprob0" else temps,
                            cot=0.6 if kind == "cot" else 0.1, cot_json=0.2 if kind == "cot" else 0.0,
                            logprobs=rng.choice([5, 10]) if kind == "logprob0" else 0, fewshot=0.05)

    shared = harvester(templates, harvest_sys, style if style != "mixed" else "plain")
    out: list[SimTenant] = []
    for _ in range(size):
        t = _tenant(ids, rng, "distiller", "campaign",
                    ua=rng.choice(sdk) if ua_mode in ("account", "request") and cover_mode != "proxy" else ua,
                    nets=[ids.net() for _ in range(2)] if net_mode == "residential" else nets)
        t.campaign = cid
        t.jurisdiction = cc if rng.random() < 0.6 else rng.choice(_CC6)
        if ua_mode == "request" and cover_mode != "proxy":
            t.uas = rng.sample(sdk, min(len(sdk), rng.randint(2, 3)))
        if shell and rng.random() < 0.5:
            t.bill = shell
        kind = rng.choice(["plain", "multiturn", "cot", "jsonset"]) if style == "mixed" else style
        system = harvest_sys
        if cover_mode == "persona":  # every account its own system prompt
            system = rng.choice(kit.p["sysprompt"]).format(
                name=rng.choice(["Ada", "Orion", "Sage", "Milo", "Iris", "Juno", "Felix", "Nora"]) + f"-{rng.randint(2, 99)}",
                org=f"{rng.choice(_ORGS6 + _COMPANIES)} {rng.choice(['Labs', 'Academy', 'Solutions', 'Media', 'Works'])}")
        tpls = [kit.paraphrase(rng, x) for x in templates] if reword else templates
        harvest = harvester(tpls, system, kind) if (reword or system != harvest_sys or kind != style) else shared
        if cover_mode == "proxy":
            cover = kit.app(app_sys, app_doms)
        else:
            cover = rng.choice([kit.chat(rng.sample(doms, rng.randint(2, 5)), conversational=0.4),
                                kit.support(rng.choice(_ORGS6), rng.choice(doms)),
                                kit.consumer(rng.sample(doms, rng.randint(2, 5)))])
        t.makers = [_first_harvest(harvest, cover, share)]
        lo_n, hi_n = m.small_campaign_requests
        if timing == "office" and size <= 300:
            count = int(rng.uniform(50, 300) * m.volume) + 5
        elif size <= 50:
            count = int(rng.uniform(lo_n, hi_n) * m.volume) + 20
        else:
            count = max(2, int(rng.expovariate(1.0 / m.per_account)) + 1)
        if timing == "office":  # long-lived accounts at the campaign's office hours
            t.times = _office(rng, count, tz, peak=peak + rng.uniform(-1.0, 1.0), width=2.0)
        elif timing == "ramp":  # accounts join over the week, later ones more often
            start = T.WEEK * rng.random() ** 0.5 * 0.9
            t.times = _ramp(rng, count, power=1.0, start=start)
        elif timing == "trickle":
            start = rng.uniform(0, 2.0 * T.DAY)
            end = rng.uniform(start + 4.0 * T.DAY, T.WEEK)
            t.times = sorted(T.WEEK_START + rng.uniform(start, end) for _ in range(count))
        else:
            t.times = T.sessions(rng, windows, count)
        if cover_mode == "proxy" and t.times:  # one request somewhere harvests, not always the first
            t.makers = [_harvest_at(harvest, cover, share, rng.randrange(len(t.times)))]
        out.append(t)
    return out
