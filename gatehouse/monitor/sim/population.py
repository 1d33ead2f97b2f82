"""Create the simulated tenants of a mixture: identities, networks, arrival times, makers."""

from __future__ import annotations

import random
from typing import Any

from gatehouse.monitor.sim import timing as T
from gatehouse.monitor.sim.generator import SimTenant
from gatehouse.monitor.sim.makers import Kit, Maker
from gatehouse.monitor.sim.mixture import Mixture

__all__ = ["populate"]

_UAS = ["OpenAI/Python 1.52.0", "OpenAI/Python 1.54.3", "OpenAI/NodeJS 4.67.1", "python-httpx/0.27.0"]
_CC = ["US", "US", "GB", "DE", "SG", "JP", "FR", "CA", "IN", "BR", "KR", "NL"]
_COMPANIES = "Acme Globex Initech Umbrella Hooli Vandelay Stark Wayne Wonka Tyrell Cyberdyne Soylent Aperture Gringotts".split()
_CLOUD = "34.82.11"


class _Ids:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.n = 0

    def tenant(self) -> str:
        self.n += 1
        return f"org_{self.rng.getrandbits(40):010x}"

    def key(self) -> str:
        return f"key_{self.rng.getrandbits(40):010x}"

    def net(self) -> str:
        r = self.rng
        return f"{r.randint(11, 223)}.{r.randint(0, 255)}.{r.randint(0, 255)}"


def _tenant(ids: _Ids, rng: random.Random, label: str, pattern: str, keys: int = 1, ua: str | None = None,
            nets: list[str] | None = None, uas: tuple[str, ...] = ()) -> SimTenant:
    tid = ids.tenant()
    nets = nets or [ids.net() if rng.random() > 0.15 else _CLOUD]
    ips = [f"{rng.choice(nets)}.{rng.randint(1, 254)}" for _ in range(max(2, keys * 2))]
    return SimTenant(id=tid, label=label, pattern=pattern, keys=[ids.key() for _ in range(keys)], ips=ips,
                     ua=ua or rng.choice(uas or _UAS), jurisdiction=rng.choice(_CC), bill=f"billing@{tid[4:10]}.example")


def populate(rng: random.Random, kit: Kit, m: Mixture) -> list[SimTenant]:
    if m.style == "v5":
        from gatehouse.monitor.sim.population5 import populate5

        return populate5(rng, kit, m)
    if m.style == "v6":
        from gatehouse.monitor.sim.population6 import populate6

        return populate6(rng, kit, m)
    if m.style == "v7":
        from gatehouse.monitor.sim.population7 import populate7

        return populate7(rng, kit, m)
    if m.style == "v8":
        from gatehouse.monitor.sim.population8 import populate8

        return populate8(rng, kit, m)
    if m.style == "v9":
        from gatehouse.monitor.sim.population9 import populate9

        return populate9(rng, kit, m)
    if m.style == "v10":
        from gatehouse.monitor.sim.population10 import populate10

        return populate10(rng, kit, m)
    if m.style == "v11":
        from gatehouse.monitor.sim.population11 import populate11

        return populate11(rng, kit, m)
    if m.style == "v12":
        from gatehouse.monitor.sim.population12 import populate12

        return populate12(rng, kit, m)
    ids = _Ids(rng)
    doms = kit.v.domains
    v = m.volume
    out: list[SimTenant] = []

    def some(k: int) -> list[str]:
        return rng.sample(doms, k)

    def tz() -> float:
        return rng.choice([-8.0, -5.0, 0.0, 1.0, 5.5, 8.0, 9.0])

    for pattern, count in m.honest.items():
        for _ in range(count):
            t = _tenant(ids, rng, "honest", pattern, keys=rng.randint(1, 3), uas=m.sdk_uas)
            z = tz()
            if pattern == "support":
                t.makers = [kit.support(rng.choice(_COMPANIES), rng.choice(doms))]
                t.times = T.diurnal(rng, rng.uniform(400, 1500) * v, z)
            elif pattern == "summarize":
                t.makers = [kit.summarize(some(rng.choice([1, 2, 6])))]
                t.times = T.nightly(rng, rng.uniform(800, 2000) * v)
            elif pattern == "translate":
                t.makers = [kit.translate(doms)]
                t.times = (T.nightly(rng, rng.uniform(800, 2500) * v, begin=rng.uniform(0.0, 3.0), hours=4.0)
                           if m.nightly_translate else T.flat(rng, rng.uniform(1500, 4000) * v))
            elif pattern == "extract":
                t.makers = [kit.extract(rng.choice(doms))]
                t.times = T.diurnal(rng, rng.uniform(300, 1000) * v, z, width=4.0)
            elif pattern == "ide":
                t.keys = [ids.key() for _ in range(rng.randint(5, 15))]
                t.makers = [kit.ide(rng.choice(["VS Code", "JetBrains", "Neovim"]))]
                t.times = T.diurnal(rng, len(t.keys) * rng.uniform(40, 100) * v, z)
            elif pattern == "rag":
                t.makers = [kit.rag(f"You answer questions for {rng.choice(_COMPANIES)} staff using the context.", some(2))]
                t.times = T.diurnal(rng, rng.uniform(200, 800) * v, z)
            elif pattern == "oss_app":  # many unrelated customers running the same open-source app
                t.ua = "DocuChat/2.3"
                t.makers = [kit.rag("You are DocuChat, an open-source assistant. Cite the context.", some(1))]
                t.times = T.diurnal(rng, rng.uniform(50, 300) * v, z)
            elif pattern == "eval":
                t.makers = [kit.eval_team(doms)]
                t.times = T.bursts(rng, int(rng.uniform(2000, 6000) * v) + 50, rng.randint(2, 4), rng.uniform(3, 8))
            elif pattern == "chat":
                t.makers = [kit.chat(doms)]
                t.times = T.diurnal(rng, rng.uniform(500, 2000) * v, z, width=4.5)
            elif pattern == "creative":
                t.makers = [kit.chat(some(4), n_multi=0.3 if m.style == "v3" else 0.15, conversational=0.3)]
                t.times = T.diurnal(rng, rng.uniform(200, 800) * v, z)
            elif pattern == "classify":
                t.makers = [kit.classify(some(2))]
                t.times = T.flat(rng, rng.uniform(1000, 3000) * v)
            elif pattern == "hobbyist":
                r = rng.random()
                t.makers = [kit.chat(some(rng.randint(1, 5)), conversational=0.3) if r < 0.6 else
                            kit.harvest(some(2), max_tokens=rng.choice([256, 512, 1024]), cot=0.1, temp=0.7, templates=kit.p["q"])]
                t.times = T.diurnal(rng, rng.uniform(1, 25), z)
            out.append(t)
    out.extend(_distillers(ids, rng, kit, m))
    out.extend(_turncoats(ids, rng, kit, m))
    for ci, size in enumerate(m.campaigns):
        out.extend(_campaign(ids, rng, kit, m, f"camp_{ci + 1}", size))
    out.extend(_trials(ids, rng, kit, m))
    return [t for t in out if t.times]


def _trials(ids: _Ids, rng: random.Random, kit: Kit, m: Mixture) -> list[SimTenant]:
    """Honest accounts that send a handful of requests and go quiet: trials, one-off scripts,
    a developer trying the API (some ask for long answers, as a distiller's throwaway would)."""
    doms = kit.v.domains
    out: list[SimTenant] = []
    for _ in range(m.trial_accounts):
        t = _tenant(ids, rng, "honest", "trial", keys=1, uas=m.sdk_uas)
        if rng.random() < 0.3:
            t.makers = [kit.harvest(rng.sample(doms, 2), max_tokens=rng.choice([512, 1024, 2000]), temp=0.7,
                                    templates=kit.p["q"], cot=0.1)]
        else:
            t.makers = [kit.chat(rng.sample(doms, rng.randint(1, 3)), conversational=0.2)]
        t.times = T.visit(rng, 6.0, 6)
        out.append(t)
    return out


def _distillers(ids: _Ids, rng: random.Random, kit: Kit, m: Mixture) -> list[SimTenant]:
    doms = kit.v.domains
    v = m.volume
    out: list[SimTenant] = []

    def tz() -> float:
        return rng.choice([-8.0, -5.0, 0.0, 1.0, 5.5, 8.0, 9.0])

    for pattern, count in m.distill.items():
        for _ in range(count):
            t = _tenant(ids, rng, "distiller", pattern, keys=rng.randint(1, 4))
            mt = rng.choice(m.harvest_max_tokens)
            broad = rng.sample(doms, rng.randint(8, len(doms)))
            v3 = m.style == "v3"
            if pattern == "harvest":
                t.makers = [kit.harvest(broad, max_tokens=mt, fewshot=0.15 if v3 else 0.0)]
                t.times = T.flat(rng, rng.uniform(1500, 4000) * v)
            elif pattern == "cot":
                t.makers = [kit.harvest(broad, cot=0.8, max_tokens=mt, cot_system=v3)]
                t.times = T.flat(rng, rng.uniform(800, 2000) * v)
            elif pattern == "logprob" and v3:
                t.makers = [kit.harvest(broad, logprobs=rng.choice([5, 8, 20]), max_tokens=rng.choice([256, 512, 768]),
                                        temps=[0.7, 1.0])]
                t.times = T.diurnal(rng, rng.uniform(800, 2000) * v, tz(), width=6.0, weekend=0.8)
            elif pattern == "logprob":
                t.makers = [kit.harvest(broad, logprobs=rng.choice([5, 10, 20]), max_tokens=512, temp=1.0)]
                t.times = T.flat(rng, rng.uniform(800, 2000) * v)
            elif pattern == "preference":
                t.makers = [kit.preference(broad)]
                t.times = T.flat(rng, rng.uniform(500, 1500) * v)
            elif pattern == "tools":
                t.makers = [kit.tools(broad)]
                t.times = T.flat(rng, rng.uniform(500, 1500) * v)
            elif pattern == "disguise" and v3:  # a writing app's persona, office hours in its own time zone
                company = rng.choice(_COMPANIES)
                sysmsg = f"You are Lumen, the writing assistant built into {company} Docs. Be clear and well organised."
                t.makers = [kit.harvest(broad, system=sysmsg, max_tokens=mt, cot=0.15, temp=0.7, fewshot=0.1)]
                t.times = T.diurnal(rng, rng.uniform(400, 1200) * v, tz(), width=3.0, weekend=0.3)
            elif pattern == "disguise":  # an app's system prompt on top of harvesting, office hours
                company = rng.choice(_COMPANIES)
                sysmsg = f"You are the support assistant for {company}. Answer questions about our {rng.choice(doms)} services politely and briefly."
                t.makers = [kit.harvest(broad, system=sysmsg, max_tokens=mt, cot=0.2, temp=0.5)]
                t.times = (T.diurnal(rng, rng.uniform(400, 1200) * v, 0.0, width=3.5) if m.disguise_diurnal
                           else T.flat(rng, rng.uniform(400, 1200) * v))
            elif pattern == "drip" and v3:
                t.makers = [kit.harvest(broad, cot=0.3, max_tokens=mt, temps=[0.7, 0.8, 0.9])]
                t.times = T.diurnal(rng, rng.uniform(15, 45), tz(), width=5.0, weekend=0.6)
            elif pattern == "drip":
                t.makers = [kit.harvest(broad, cot=0.3, max_tokens=mt)]
                t.times = T.diurnal(rng, rng.uniform(25, 60), 0.0, width=5.0, weekend=1.0)
            out.append(t)
    return out


def _turncoats(ids: _Ids, rng: random.Random, kit: Kit, m: Mixture) -> list[SimTenant]:
    out: list[SimTenant] = []
    for _ in range(m.turncoats):
        v3 = m.style == "v3"
        t = _tenant(ids, rng, "distiller", "turncoat", keys=3 if v3 else 2)
        company = rng.choice(_COMPANIES)
        honest = kit.support(company, rng.choice(kit.v.domains))
        t.makers = [honest] * len(t.keys)
        t.turn_key = t.keys[1]
        t.turn_ts = T.WEEK_START + (rng.uniform(2.5, 4.0) if v3 else rng.uniform(3.0, 4.0)) * T.DAY
        t.turned = (kit.harvest(rng.sample(kit.v.domains, 10), max_tokens=rng.choice(m.harvest_max_tokens), cot=0.3,
                                temps=[0.6, 0.8, 1.0], fewshot=0.1) if v3 else
                    kit.harvest(rng.sample(kit.v.domains, 10), max_tokens=rng.choice(m.harvest_max_tokens), cot=0.3))
        before = T.diurnal(rng, rng.uniform(600, 1200) * m.volume, 0.0)
        after = T.flat(rng, rng.uniform(1200, 2500) * m.volume, start=t.turn_ts - T.WEEK_START)
        t.times = sorted(before + after)
        out.append(t)
    return out


def _mixed(harvest: Maker, cover: Maker, share: float = 0.2) -> Maker:
    """A campaign account's traffic: harvesting with some ordinary-looking cover requests."""
    def make(r: random.Random, ts: float) -> tuple[dict[str, Any], int]:
        return (cover if r.random() < share else harvest)(r, ts)
    return make


def _first_harvest(harvest: Maker, cover: Maker, share: float) -> Maker:
    """A campaign account's traffic: its first request harvests, then a `share` of cover."""
    started: list[bool] = []

    def make(r: random.Random, ts: float) -> tuple[dict[str, Any], int]:
        if not started:
            started.append(True)
            return harvest(r, ts)
        return (cover if r.random() < share else harvest)(r, ts)
    return make


def _campaign(ids: _Ids, rng: random.Random, kit: Kit, m: Mixture, cid: str, size: int) -> list[SimTenant]:
    doms = kit.v.domains
    residential = rng.random() < m.residential
    nets = [ids.net() for _ in range(rng.randint(2, 6))]
    ua = rng.choice(list(m.campaign_uas) or
                    ["python-requests/2.31.0", "OpenAI/Python 1.52.0", "aiohttp/3.9.5", f"harvester/{rng.randint(1, 9)}.0"])
    templates = rng.sample(kit.p["harvest"], rng.randint(3, 6))
    mt = rng.choice(m.harvest_max_tokens)
    style = rng.choice(["plain", "cot", "logprob"])
    v3 = m.style == "v3"
    rotate = v3 and rng.random() < m.ua_rotation
    jitter = v3 and rng.random() < m.param_jitter
    share = rng.uniform(0.15, 0.4) if v3 else 0.2
    harvest = kit.harvest(doms, templates=templates, max_tokens=mt, cot=0.7 if style == "cot" else 0.1,
                          logprobs=10 if style == "logprob" else 0, temps=[0.6, 0.7, 0.8, 0.9, 1.0] if jitter else None,
                          fewshot=0.1 if v3 else 0.0, cot_system=v3)
    cover = kit.chat(doms, conversational=0.4)
    lo, hi = m.session_hours
    windows = [(s, s + rng.uniform(lo, hi) * 3600.0)
               for s in (rng.uniform(0, T.WEEK - hi * 3600) for _ in range(m.session_windows))]
    shell = f"ops@{rng.getrandbits(24):06x}.example" if rng.random() < 0.4 else None
    out: list[SimTenant] = []
    for _ in range(size):
        t = _tenant(ids, rng, "distiller", "campaign", ua=rng.choice(m.sdk_uas or _UAS) if rotate else ua,
                    nets=[ids.net() for _ in range(2)] if residential else nets)
        t.campaign = cid
        if shell and rng.random() < 0.5:
            t.bill = shell
        lo_n, hi_n = m.small_campaign_requests
        count = max(2, int(rng.expovariate(1.0 / m.per_account)) + 1) if size > 50 else int(rng.uniform(lo_n, hi_n) * m.volume) + 20

        t.makers = [_mixed(harvest, cover, share)]
        t.times = T.sessions(rng, windows, count)
        out.append(t)
    return out
