"""Tenant mixtures: `main` (the generator the monitor was built against) and `unseen` (a
different mixture, volumes, campaign shapes and template phrasing, for generalization) and
`holdout` (a third phrasing, mixture and campaign timing, written after the monitor was tuned
on the other two and reported without tuning) and `holdout2` (a fourth, added before the linking
change it judges and run once after it; later tuned on) and `holdout3` (a fifth: new phrasing and
domains, new request-building conventions, tiny honest trial accounts, campaigns that rotate
user agents or jitter parameters; written before any detection result on it was seen and
reported as run once) and `holdout4` (a sixth: phrasing F, other user-agent pools with one
dominant SDK version, many tiny trial accounts, eight campaigns of 2 to 2,600 accounts with very
short sessions; written before any detection result on it was seen, run once at full and once at
half volume) and `holdout5` (a seventh, with its own population code (`style="v5"`): phrasing G and
six domains of its own, new honest hard negatives (honest tool-using agents, a tutoring app, logprob
rerankers, synthetic-test-data teams sampling n>1, a multi-customer SaaS on one key, a weekend-heavy
consumer app, embedding indexers), cloud /24s shared by honest tenants and campaigns, per-request
caps, n and temperature-pair harvesting, and eight campaigns of 2 to 3,000 accounts with 30-60%
cover traffic, some rewording the shared templates per account, some trickling all week instead of
sharing sessions, some switching SDK user agent per request; written before any detection result
on it was seen) and `holdout6` (an eighth, with its own population code (`style="v6"`,
`population6`): phrasing H and six domains of its own (`vocab.H_DOMAINS`), new honest hard
negatives (a chatbot reseller whose thirty customers share one system prompt, one SDK and mostly one
/24, document-review firms writing at the output cap, a labeling vendor with logprobs, a translation
company with a key per end customer, an education platform with a key per class, research
temperature sweeps with n>1, a flat 24/7 global service, JSON quiz generators, 500 trial accounts
that often ask for long essays), distillers harvesting through follow-up conversations, JSON
datasets, chosen/rejected pairs, greedy logprobs, a week-long ramp and other apps' system prompts,
turncoats turning on day 1, mid-week or day 6, and eight campaigns of 2 to 4,000 accounts dealt
proxy / per-account-persona / plain cover and office-hours / ramp / trickle / session timing;
written before any detection result on it was seen) and `holdout7` (a ninth, with its own population
code (`style="v7"`, `population7`): phrasings G and H at once, a domain mix of its own
(`make_vocab(domain_set="I")`), holdout5's and holdout6's honest hard negatives together with the
classic ones, honest classroom cohorts and a hackathon of tiny accounts on shared /24s, four
turncoats, and seven campaigns of 2 to 2,000 accounts each dealt its network, client, parameter
jitter, rewording, timing, cover share (10-70%) and account size (tiny or moderate); written before
any detection result on it was seen) and `holdout8` (a tenth, with its own population code
(`style="v8"`, `population8`): phrasing J and domains of its own defined there, new honest hard
negatives (research firms with long analytical answers, benchmark companies with a key per project,
support BPOs answering for many brands, a labeling marketplace, multilingual content farms,
universities on campus /24s, nightly ETL jobs, CI review bots, bring-your-own-key clients on mobile
CGNAT ranges), answer-critique-revise, self-instruct, multilingual and domain-a-day harvesting, four
turncoats, and seven campaigns of 3 to 2,500 accounts dealt network (incl. CGNAT), client (incl.
BYO-key apps), timing (incl. a relay of accounts and nightly cron), wording, account size, keys per
account, billing, cover and harvest style; written before any detection result on it was seen) and
`holdout9` (an eleventh, with its own population code (`style="v9"`, `population9`): phrasing K and
domains of its own defined there, new honest hard negatives (game studios, marketing agencies with a
key per brand, e-discovery at the output cap, accessibility services, news aggregators, enterprise
LLM routers, bootcamp cohorts on one campus /24, academic evaluation labs, test-data vendors, a
dictionary app), persona-rotation, augmentation, code, math, agent-trajectory, long-context,
office-hours and blended distillers, staggered onboarding, four turncoats, and seven campaigns of 2
to 3,000 accounts dealt network (incl. a new residential address per request), client, timing,
wording (incl. free-form prompts), billing, parameter jitter and cover (0-70%), two of them sharing
nothing exact across accounts; written without knowledge of the detector) and `holdout10` (a
twelfth, with its own population code (`style="v10"`, `population10`): phrasing L and domains of
its own defined there, new honest hard negatives (homework Q&A sites, LLM-as-judge teams, exam-prep
explanation backfills, catalog enrichment, customers generating training data for their own narrow
models, BYO-key coding agents, a conglomerate's business units behind one egress and billing
address, a development agency's client tenants, indie apps on one PaaS's /24s, conference workshops
pasting the same exercises from hosted notebooks), critique, back-translation, curriculum-walk,
rejection-sampling, dialogue-synthesis, constraint, many-key, embedding and parallel-corpus
distillers, four turncoats, and seven campaigns of 2 to 3,600 accounts, each an operation picked by
its size (a two-account office lab, fake apps on the PaaS, a residential relay, a phone farm on
CGNAT, a cloud job queue sharing one work queue, a resale proxy mixing end-user traffic, a swarm of
tiny accounts in daily waves); written without knowledge of the detector) and `holdout11` (a
thirteenth, with its own population code (`style="v11"`, `population11`): phrasing M and domains of
its own defined there, new honest hard negatives (synthetic-document vendors for their own
classifiers, night-time transcription clean-up, a localisation house sending each string batch to
~20 languages, knowledge-probing researchers with logprobs, SRE incident agents with long tool
traces, prompt A/B-testing teams sweeping temperatures over a fixed suite, support-macro
generators, an LLM-observability vendor replaying captured prompts, one-off prompt migrations, a
school district's teachers behind one NAT, a browser extension's ~2,600 tiny user accounts),
continuation-stitching, structured-output, refusal-harvesting, scratchpad-tutor, aging and
temperature-fan distillers, four turncoats, and seven campaigns of 3 to 4,000 accounts, each an
operation picked by its size (a nightly stitching team, aged home accounts, shift-rotated VPS
cohorts, a labeling marketplace's "workers", fake extension users, shell-billed tutoring fronts,
a farm of hobbyist-looking chat threads); written without knowledge of the detector) and `holdout12`
(a fourteenth, with its own population code (`style="v12"`, `population12`): phrasing N and domains
of its own defined there, new honest hard negatives (CV screening with logprobs, suggested replies
with n=3, file-by-file code migrations, clinical-study-report writing along a fixed table of
contents, a news agency's multilingual wire, patent drafting across practice groups, red-team
suites at three temperatures, help-centre FAQ generation, a side-by-side model-comparison app,
e-mail triage agents with long tool results, FIM autocompletion, an accelerator's ~45 startups on
one coworking /24 and credits billing, a mobile keyboard's ~2,000 tiny bring-your-own-key users),
tool-result smuggling, answer-then-reasoning, per-model sweeps, fill-in-the-middle, soft-label
(echo), packed-question and reasoning-effort distillers, four turncoats, and seven campaigns of 2
to 3,000 accounts, each an operation picked by its size (a two-account multi-teacher home office,
white-label suggested-reply helpdesks, agent-platform accounts on shared clouds, fake startups in
the accelerator's credits programme, "writing analytics" soft-label scorers, fake local newsrooms
behind a WordPress plugin, a sign-up-credit farm of tiny accounts); written without knowledge of
the detector)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

__all__ = ["Mixture", "MIXTURES"]


@dataclass(frozen=True)
class Mixture:
    phrasing: str
    honest: dict[str, int]
    distill: dict[str, int]
    campaigns: list[int]
    volume: float = 1.0
    per_account: float = 6.0  # mean requests per campaign account
    turncoats: int = 2
    residential: float = 0.3  # share of campaigns on rotating residential proxies (no shared /24)
    harvest_max_tokens: list[int] = field(default_factory=lambda: [2048, 4096])
    disguise_diurnal: bool = True
    session_windows: int = 12  # a campaign's shared working sessions in the week
    session_hours: tuple[float, float] = (2.0, 6.0)
    # holdout3's knobs (the defaults keep the older configurations exactly as they were)
    style: str = "classic"  # request-building conventions (see `Kit`)
    vocab_extra: bool = False  # domains of its own (see `make_vocab`)
    trial_accounts: int = 0  # honest accounts that send only a handful of requests
    ua_rotation: float = 0.0  # share of campaigns whose accounts each use a common SDK's user agent
    param_jitter: float = 0.0  # share of campaigns that draw the temperature per request
    small_campaign_requests: tuple[float, float] = (150.0, 900.0)  # per account, campaigns of <= 50
    nightly_translate: bool = False  # translation as a nightly batch instead of a flat stream
    # holdout4's knobs (empty: the user-agent pools the older configurations use)
    sdk_uas: tuple[str, ...] = ()  # user agents of ordinary clients (honest accounts, rotating campaigns)
    campaign_uas: tuple[str, ...] = ()  # the user agent a non-rotating campaign picks from
    # holdout5's knobs (only read when style == "v5"; the defaults leave the others as they were)
    domain_set: str = ""  # "G": five shared domains replaced by `vocab.G_DOMAINS`
    honest_cloud: float = 0.0  # share of honest tenants on the shared cloud ranges
    shared_cloud: float = 0.0  # share of campaigns on those same cloud ranges
    continuous: float = 0.0  # share of campaigns whose accounts trickle all week instead of shared sessions
    paraphrase: float = 0.0  # share of campaigns whose accounts each reword the shared templates
    ua_per_request: float = 0.0  # share of campaigns whose accounts switch SDK user agent per request
    cover_share: tuple[float, float] = (0.15, 0.4)  # a campaign account's share of ordinary requests
    # holdout6 (style == "v6") reads the knobs above it uses (volume, per_account, turncoats,
    # harvest_max_tokens, session_*, trial_accounts, small_campaign_requests, sdk_uas, campaign_uas,
    # domain_set, honest_cloud); its campaign plans are dealt in `population6._plans6`
    # holdout7's knobs (only read when style == "v7"; the defaults leave the others as they were)
    cohorts: tuple[int, ...] = ()  # honest classroom cohorts: tiny accounts on one campus /24, one client
    hackathon: int = 0  # honest hackathon teams on one venue /24 over one weekend

    def scaled(self, scale: float, campaign_sizes: list[int] | None = None) -> Mixture:
        return replace(self, volume=self.volume * scale,
                       campaigns=list(campaign_sizes) if campaign_sizes is not None else self.campaigns)


MIXTURES: dict[str, Mixture] = {
    "main": Mixture(
        phrasing="A",
        honest={"support": 8, "summarize": 4, "translate": 3, "extract": 4, "ide": 4, "rag": 4, "oss_app": 10,
                "eval": 2, "chat": 4, "creative": 2, "classify": 2, "hobbyist": 60},
        distill={"harvest": 3, "cot": 2, "logprob": 2, "preference": 2, "tools": 2, "disguise": 2, "drip": 3},
        campaigns=[2, 6, 40, 300, 5000],
    ),
    "unseen": Mixture(
        phrasing="B",
        honest={"support": 6, "summarize": 3, "translate": 5, "extract": 3, "ide": 6, "rag": 3, "oss_app": 14,
                "eval": 4, "chat": 6, "creative": 4, "classify": 3, "hobbyist": 90},
        distill={"harvest": 2, "cot": 3, "logprob": 1, "preference": 3, "tools": 1, "disguise": 3, "drip": 4},
        campaigns=[3, 12, 90, 1500],
        volume=0.8, per_account=9.0, turncoats=3, residential=0.5,
        harvest_max_tokens=[1024, 1500, 3000],
    ),
    # held out: built after tuning on `main` and `unseen`, reported as is, never tuned on
    "holdout": Mixture(
        phrasing="C",
        honest={"support": 7, "summarize": 5, "translate": 4, "extract": 5, "ide": 5, "rag": 5, "oss_app": 12,
                "eval": 3, "chat": 8, "creative": 3, "classify": 4, "hobbyist": 120},
        distill={"harvest": 4, "cot": 2, "logprob": 2, "preference": 2, "tools": 2, "disguise": 3, "drip": 5},
        campaigns=[2, 4, 25, 400, 2500],
        volume=0.7, per_account=5.0, turncoats=2, residential=0.6,
        harvest_max_tokens=[768, 1200, 2500], disguise_diurnal=False, session_windows=16, session_hours=(2.0, 7.0),
    ),
    # second held-out set: a fourth phrasing, mixture, campaign sizes and proxy share, added before the
    # linking change it judges and run once after it (never tuned on)
    "holdout2": Mixture(
        phrasing="D",
        honest={"support": 9, "summarize": 4, "translate": 6, "extract": 4, "ide": 4, "rag": 6, "oss_app": 16,
                "eval": 3, "chat": 7, "creative": 3, "classify": 3, "hobbyist": 140},
        distill={"harvest": 3, "cot": 3, "logprob": 2, "preference": 2, "tools": 3, "disguise": 2, "drip": 4},
        campaigns=[2, 5, 60, 700, 3500],
        volume=0.75, per_account=4.0, turncoats=2, residential=0.7,
        harvest_max_tokens=[900, 1600, 3200], disguise_diurnal=True, session_windows=20, session_hours=(1.5, 5.0),
    ),
    # third held-out set, written before any detection result on it was seen and reported as run
    # once: phrasing E and six domains of its own, `max_completion_tokens`, few-shot and
    # system-prompt reasoning in harvests, multi-turn tool traces, seeded evaluation sweeps,
    # nightly translation, 150 tiny honest trial accounts, eight campaigns from 2 to 4,000
    # accounts (40% rotate common SDK user agents, 40% jitter temperature, cover share 15-40%),
    # shorter and more numerous shared sessions
    "holdout3": Mixture(
        phrasing="E",
        honest={"support": 10, "summarize": 6, "translate": 5, "extract": 6, "ide": 6, "rag": 7, "oss_app": 9,
                "eval": 4, "chat": 8, "creative": 5, "classify": 3, "hobbyist": 110},
        distill={"harvest": 3, "cot": 3, "logprob": 3, "preference": 2, "tools": 3, "disguise": 3, "drip": 5},
        campaigns=[2, 3, 4, 6, 30, 120, 900, 4000],
        volume=0.85, per_account=3.0, turncoats=3, residential=0.5,
        harvest_max_tokens=[1000, 2000, 6000], disguise_diurnal=True, session_windows=28, session_hours=(1.0, 4.0),
        style="v3", vocab_extra=True, trial_accounts=150, ua_rotation=0.4, param_jitter=0.4,
        small_campaign_requests=(60.0, 500.0), nightly_translate=True,
    ),
    # fourth held-out set, written before any detection result on it was seen (run once at full and
    # once at half volume): phrasing F, one SDK version dominating honest traffic, 320 tiny trial
    # accounts, many evaluation sweeps and n>1 creative users, campaigns of 2, 4, 5, 6, 15, 70, 350
    # and 2,600 accounts (60% rotate the common SDK user agents, half jitter temperature), 40 short
    # shared sessions, non-rotating campaigns on Go/Node/curl clients, caps up to 8,000 tokens
    "holdout4": Mixture(
        phrasing="F",
        honest={"support": 7, "summarize": 3, "translate": 4, "extract": 8, "ide": 3, "rag": 9, "oss_app": 6,
                "eval": 7, "chat": 12, "creative": 9, "classify": 5, "hobbyist": 160},
        distill={"harvest": 2, "cot": 4, "logprob": 2, "preference": 3, "tools": 4, "disguise": 2, "drip": 6},
        campaigns=[2, 4, 5, 6, 15, 70, 350, 2600],
        volume=0.9, per_account=2.5, turncoats=4, residential=0.35,
        harvest_max_tokens=[800, 1800, 4000, 8000], disguise_diurnal=False, session_windows=40, session_hours=(0.5, 3.0),
        style="v3", vocab_extra=True, trial_accounts=320, ua_rotation=0.6, param_jitter=0.5,
        small_campaign_requests=(40.0, 350.0), nightly_translate=False,
        sdk_uas=("OpenAI/Python 1.54.3", "OpenAI/Python 1.54.3", "OpenAI/Python 1.54.3", "OpenAI/NodeJS 4.67.1",
                 "OpenAI/Python 1.52.0", "python-httpx/0.27.0"),
        campaign_uas=("Go-http-client/2.0", "node-fetch/3.3.2", "curl/8.5.0", "OpenAI/Python 1.54.3"),
    ),
    # fifth held-out set, written before any detection result on it was seen: its own population
    # code (`population._populate5`), phrasing G, six domains of its own (`vocab.G_DOMAINS`), eighteen
    # jurisdictions, a quarter of honest tenants on six cloud /24s that 30% of campaigns also use.
    # Honest, new: agent frameworks with fixed tools and multi-turn tool results, a tutoring app
    # asking for step-by-step explanations, logprob rerankers/moderators (max_tokens 1, top 5-20),
    # synthetic-test-data teams (n 3-8 at temperature 1.0-1.2), a SaaS serving 15-80 end customers'
    # system prompts on one key, a weekend-heavy consumer app, RAG products that embed documents
    # overnight (`/v1/embeddings`), 400 tiny trial accounts. Distillers, new: caps drawn per
    # request, either cap field, streaming, reasoning asked for as a JSON field, n up to 4 at
    # temperature 1 (`nsample`), preference pairs sent as the same prompt at a low and a high
    # temperature, tool traces with fresh tool sets and parallel calls, a study-app persona, drips
    # over 3-6 keys, four turncoats (one to three keys) turning between day 1.5 and 5.5 and keeping
    # 20-40% honest traffic on the turned key. Campaigns of 2, 3, 8, 20, 45, 150, 600 and 3,000
    # accounts: 30-60% cover after the first request (chat, consumer or support; the first request
    # always harvests), half reword the shared templates per account, 40% trickle over 3-7 days
    # instead of 30 shared sessions, user agents per request (30%), per account (30%) or one client,
    # residential (30%), shared cloud (30%) or own /24s, caps and temperature per request (50%),
    # harvesting plain, CoT, logprob, n>1, temperature pairs (a shared work queue: a pair's second
    # sample may leave from another account) or tool traces; the shares are dealt over the eight
    # campaigns (rounded), not drawn, so each choice occurs
    "holdout5": Mixture(
        phrasing="G",
        honest={"support": 8, "summarize": 4, "translate": 4, "extract": 6, "ide": 5, "rag": 7, "oss_app": 8,
                "eval": 5, "chat": 10, "creative": 6, "classify": 3, "agent": 6, "tutor": 4, "lp_classifier": 3,
                "synth_data": 3, "saas": 4, "consumer": 3, "indexer": 2, "hobbyist": 150},
        distill={"harvest": 3, "cot": 3, "logprob": 2, "nsample": 2, "preference": 3, "tools": 3, "disguise": 3,
                 "drip": 5},
        campaigns=[2, 3, 8, 20, 45, 150, 600, 3000],
        volume=0.9, per_account=3.0, turncoats=4, residential=0.3,
        harvest_max_tokens=[600, 1000, 1500, 2500, 4000, 6000], session_windows=30, session_hours=(1.0, 5.0),
        style="v5", trial_accounts=400, ua_rotation=0.3, param_jitter=0.5, small_campaign_requests=(40.0, 300.0),
        sdk_uas=("OpenAI/Python 1.59.7", "OpenAI/Python 1.59.7", "AsyncOpenAI/Python 1.59.7", "OpenAI/Python 1.57.4",
                 "OpenAI/NodeJS 4.77.0", "OpenAI/NodeJS 4.77.0", "python-httpx/0.28.1"),
        campaign_uas=("python-requests/2.32.3", "aiohttp/3.10.5", "Go-http-client/1.1", "okhttp/4.12.0",
                      "OpenAI/Python 1.59.7"),
        domain_set="G", honest_cloud=0.25, shared_cloud=0.3, continuous=0.4, paraphrase=0.5, ua_per_request=0.3,
        cover_share=(0.3, 0.6),
    ),
    # sixth held-out set, written before any detection result on it was seen: its own population
    # code (`population6`), phrasing H, six domains of its own (`vocab.H_DOMAINS`: maritime,
    # nutrition, climate, accounting, robotics, journalism, replacing history, chemistry, marketing,
    # travel and cooking), twenty jurisdictions, eight public-cloud /24s carrying 35% of honest
    # tenants and the networks of three of the eight campaigns. Honest, new: a chatbot reseller
    # (ChatNest) whose 30 customers send the platform's one system prompt through one SDK, 65% of
    # them from the platform's own /24; legal/medical document-review firms (500-1,400-word documents,
    # memos at a 4,096/8,192 cap, often cut at the length); a labeling vendor (label + rationale,
    # logprobs, many clients' domains, around the clock); a translation company with 20-90 keys,
    # one per end customer (its glossary prompt, one language); an education platform with 60-180
    # keys, one per class, asking step by step; research groups sweeping each item over 4-7
    # temperatures with n up to 10; a flat 24/7 global service; course teams generating quizzes as
    # JSON; agents; digests summarized late in the evening; hobbyists and 500 trial accounts of whom
    # ~45% ask for a long essay. Distillers, new: follow-up harvesting ("go deeper", "another
    # example") re-sending growing conversations (`multiturn`), JSON datasets of 10-50 Q&A pairs
    # (`jsonset`), chosen/rejected pairs written in one request, greedy (temperature 0) logprob
    # harvesting, a tenant ramping up all week (`ramp`), disguises wearing a law app's, the
    # reseller's (with its SDK) or a notes app's system prompt, office-hours instruction harvesting,
    # drips of 6-30 a day on one or two keys; five turncoats, most with one key, turning on day
    # ~1, mid-week or day ~6 and keeping 10-40% honest traffic. Campaigns of 2, 4, 10, 30, 80,
    # 250, 1,200 and 4,000 accounts, each dealt: cover (proxy: 50-80% real app traffic under the
    # app's prompt and backend user agent, always the largest campaign and one more; persona: every
    # account its own system prompt; plain: 20-45% chat/support/consumer cover), timing (office
    # hours with 50-300 requests per account, only for campaigns of <= 300; a ramp of accounts
    # joining later and later; a trickle over 4-7 days; 24 shared sessions), network (shared cloud,
    # residential, own), user agent (SDK per account or per request, or one client), rewording and
    # caps/temperature per request (half each), and harvest style (plain, multi-turn, JSON sets,
    # greedy logprobs, CoT, pairs, tool traces, or mixed per account); every campaign account
    # harvests at least once (a proxy account at a random request, the others first)
    "holdout6": Mixture(
        phrasing="H",
        honest={"support": 7, "summarize": 4, "translate": 3, "extract": 5, "ide": 4, "rag": 6, "eval": 3,
                "chat": 8, "creative": 4, "classify": 3, "doc_review": 4, "labeler": 2, "loc_vendor": 2, "edu": 2,
                "sweep": 3, "reseller": 30, "global": 3, "quizgen": 5, "agent": 3, "hobbyist": 170},
        distill={"harvest": 2, "multiturn": 3, "cot": 2, "logprob": 2, "preference": 2, "jsonset": 3, "tools": 2,
                 "disguise": 3, "drip": 5, "ramp": 2},
        campaigns=[2, 4, 10, 30, 80, 250, 1200, 4000],
        volume=0.85, per_account=3.5, turncoats=5,
        harvest_max_tokens=[700, 1200, 2000, 3000, 5000, 8000], session_windows=24, session_hours=(0.75, 4.0),
        style="v6", trial_accounts=500, small_campaign_requests=(60.0, 400.0),
        sdk_uas=("OpenAI/Python 1.61.0", "OpenAI/Python 1.61.0", "OpenAI/Python 1.60.2", "AsyncOpenAI/Python 1.61.0",
                 "OpenAI/NodeJS 4.80.1", "litellm/1.59.8", "python-httpx/0.28.1"),
        campaign_uas=("httpx/0.28.1", "Go-http-client/2.0", "reqwest/0.12.9", "Java-http-client/21.0.5",
                      "OpenAI/Python 1.61.0"),
        domain_set="H", honest_cloud=0.35,
    ),
    # seventh held-out set, written before any detection result on it was seen: its own population
    # code (`population7`, `style="v7"`), phrasings G and H at once (each tenant writes the shared
    # templates in one of them), domains `vocab.make_vocab(domain_set="I")`, 22 jurisdictions,
    # seven cloud /24s carrying 30% of honest tenants. Honest: the classic tenants, holdout5's
    # (agents, tutors, logprob classifiers, synthetic data with n > 1, multi-customer SaaS, a
    # consumer app, indexers) and holdout6's (20 reseller customers sharing one system prompt and
    # SDK, document review at the cap, labelers with logprobs, a localization vendor and an
    # education platform with a key per customer/class, temperature sweeps with n > 1, quiz
    # generators, a flat global service) together, classroom cohorts of 25, 60 and 140 tiny honest
    # accounts (one campus /24, one client, one assignment, three lab sessions), a 40-team
    # hackathon on one /24 over a weekend, 170 hobbyists and 600 trial accounts (a third asking for
    # long essays). Distillers: harvest, cot, logprob (greedy and sampled), preference (temperature
    # pairs and chosen/rejected), tools, multi-turn, JSON sets, disguise (study app, reseller prompt,
    # notes app), drips; four turncoats turning at day ~1, mid-week, day ~5 and day ~6. Campaigns of
    # 2, 5, 12, 40, 120, 500 and 2,000 accounts, each dealt (`population7._plans7`): own /24s, shared
    # cloud or residential; one client, an SDK per account or per request; fixed or jittered caps and
    # temperature; verbatim or reworded templates; shared sessions, office hours or an all-week
    # trickle; cover share spread over 10-70% (chat, support, consumer or an app's prompt); tiny
    # (2-4 requests) or moderate (30-200) accounts (moderate only up to 120 accounts); harvest style
    "holdout7": Mixture(
        phrasing="H",
        honest={"support": 7, "summarize": 4, "translate": 4, "extract": 5, "ide": 4, "rag": 6, "eval": 4,
                "chat": 8, "creative": 4, "classify": 3, "agent": 5, "tutor": 3, "lp_classifier": 3,
                "synth_data": 3, "saas": 2, "consumer": 2, "indexer": 2, "doc_review": 3, "labeler": 2,
                "loc_vendor": 2, "edu": 2, "sweep": 3, "reseller": 20, "quizgen": 3, "global": 2, "hobbyist": 170},
        distill={"harvest": 2, "cot": 2, "logprob": 2, "preference": 2, "tools": 2, "multiturn": 2, "jsonset": 2,
                 "disguise": 3, "drip": 5},
        campaigns=[2, 5, 12, 40, 120, 500, 2000],
        volume=0.85, per_account=3.0, turncoats=4,
        harvest_max_tokens=[600, 1000, 1500, 2500, 4000, 6000, 8000], session_windows=26, session_hours=(1.0, 4.5),
        style="v7", trial_accounts=600,
        sdk_uas=("OpenAI/Python 1.66.3", "OpenAI/Python 1.66.3", "OpenAI/Python 1.65.1", "AsyncOpenAI/Python 1.66.3",
                 "OpenAI/NodeJS 4.86.2", "OpenAI/NodeJS 4.85.0", "litellm/1.63.2", "python-httpx/0.28.1"),
        campaign_uas=("python-requests/2.32.3", "httpx/0.28.1", "Go-http-client/2.0", "okhttp/4.12.0",
                      "OpenAI/Python 1.66.3"),
        domain_set="I", honest_cloud=0.3, cover_share=(0.1, 0.7), cohorts=(25, 60, 140), hackathon=40,
    ),
    # eighth held-out set, written before any detection result on it was seen: its own population
    # code (`population8`, `style="v8"`), phrasing J and a domain mix of its own (both defined in
    # `population8`; `phrasing` and `domain_set` here only feed the unused default kit), see its
    # module docstring. Campaigns of 3, 7, 20, 60, 250, 1,200 and 2,500 accounts, each dealt
    # (`population8._plans8`) network, client, timing, wording, account size, keys per account,
    # billing, cover share (5-65%) and kind, and harvest style
    "holdout8": Mixture(
        phrasing="H",
        honest={"support": 6, "summarize": 4, "translate": 3, "extract": 4, "ide": 4, "rag": 6, "eval": 3,
                "chat": 8, "creative": 4, "classify": 3, "agent": 5, "tutor": 3, "lp_classifier": 2,
                "synth_data": 3, "saas": 2, "consumer": 3, "indexer": 2, "doc_review": 2, "labeler": 2,
                "loc_vendor": 1, "sweep": 2, "quizgen": 3, "research_firm": 4, "bench_co": 3, "bpo": 3,
                "label_market": 2, "content_farm": 3, "university": 3, "etl": 4, "ci_review": 3, "byok": 60,
                "hobbyist": 160},
        distill={"harvest": 2, "cot": 2, "logprob": 2, "preference": 2, "tools": 2, "multiturn": 2, "jsonset": 1,
                 "rubric": 2, "selfinstruct": 2, "polyglot": 2, "coverage": 2, "disguise": 3, "drip": 6},
        campaigns=[3, 7, 20, 60, 250, 1200, 2500],
        volume=0.85, per_account=3.0, turncoats=4,
        harvest_max_tokens=[800, 1200, 2000, 3000, 4096, 6000], session_windows=22, session_hours=(1.0, 4.0),
        style="v8", trial_accounts=550,
        sdk_uas=("OpenAI/Python 1.70.0", "OpenAI/Python 1.70.0", "OpenAI/Python 1.68.2", "AsyncOpenAI/Python 1.70.0",
                 "OpenAI/NodeJS 4.89.0", "OpenAI/NodeJS 4.87.3", "litellm/1.65.0", "python-httpx/0.28.1"),
        campaign_uas=("python-requests/2.32.3", "aiohttp/3.11.16", "Go-http-client/2.0", "okhttp/4.12.0",
                      "OpenAI/Python 1.70.0"),
        honest_cloud=0.3, cover_share=(0.05, 0.65),
    ),
    # ninth held-out set, written without knowledge of the detector and before any detection result
    # on it was seen: its own population code (`population9`, `style="v9"`), phrasing K and a domain
    # mix of its own (both defined in `population9`; `phrasing` here only feeds the unused default
    # kit), see its module docstring. Bootcamp cohorts of 45 and 120 tiny honest accounts
    # (`cohorts`). Campaigns of 2, 6, 25, 80, 400, 1,500 and 3,000 accounts, each dealt
    # (`population9._plans9`) network, client, timing, wording, billing, parameter jitter, cover
    # share (0-70%) and kind, and harvest style; two share nothing exact across accounts
    "holdout9": Mixture(
        phrasing="H",
        honest={"support": 6, "summarize": 3, "translate": 3, "extract": 4, "ide": 4, "rag": 5, "eval": 3,
                "chat": 8, "classify": 3, "agent": 4, "tutor": 3, "lp_classifier": 2, "consumer": 3, "labeler": 2,
                "sweep": 2, "game_studio": 3, "agency": 3, "ediscovery": 3, "accessibility": 3, "news": 3,
                "router": 3, "acad_eval": 3, "testdata": 3, "dictionary": 3, "byok": 70, "hobbyist": 170},
        distill={"harvest": 2, "cot": 1, "logprob": 2, "preference": 2, "multiturn": 1, "jsonset": 1, "persona": 3,
                 "augment": 2, "code": 2, "mathsteps": 2, "agenttraj": 2, "longctx": 2, "officehours": 2, "blend": 3,
                 "drip": 6},
        campaigns=[2, 6, 25, 80, 400, 1500, 3000],
        volume=0.72, per_account=5.0, turncoats=4,
        harvest_max_tokens=[1000, 1500, 2048, 3000, 4096, 8000], session_windows=18, session_hours=(1.0, 5.0),
        style="v9", trial_accounts=520,
        sdk_uas=("OpenAI/Python 1.75.0", "OpenAI/Python 1.75.0", "OpenAI/Python 1.72.1", "AsyncOpenAI/Python 1.75.0",
                 "OpenAI/NodeJS 4.95.1", "OpenAI/NodeJS 4.93.0", "litellm/1.67.2", "python-httpx/0.28.1"),
        campaign_uas=("python-requests/2.32.3", "httpx/0.28.1", "undici/6.21.2", "okhttp/4.12.0",
                      "OpenAI/Python 1.75.0"),
        honest_cloud=0.3, cover_share=(0.0, 0.7), cohorts=(45, 120),
    ),
    # tenth held-out set, written without knowledge of the detector and before any detection result
    # on it was seen: its own population code (`population10`, `style="v10"`), phrasing L and a
    # domain mix of its own (both defined in `population10`; `phrasing` here only feeds the unused
    # default kit), see its module docstring. `conglomerate`, `devshop` and `paas` count the tenants
    # of one linked honest group each; `cohorts` are conference workshops; honest tenants (4,500
    # trials among them) outnumber distilling ones. Campaigns of 2, 5, 11, 60, 300, 1,200 and
    # 3,600 accounts, each an operation chosen by its size (`population10._profile`)
    "holdout10": Mixture(
        phrasing="H",
        honest={"support": 6, "summarize": 3, "translate": 3, "extract": 4, "ide": 4, "rag": 5, "eval": 3, "chat": 7,
                "creative": 3, "classify": 3, "agent": 4, "qa_site": 3, "judge": 3, "exam_prep": 3, "catalog": 3,
                "tuner": 3, "conglomerate": 22, "devshop": 16, "paas": 80, "codeagent": 120, "hobbyist": 350},
        distill={"harvest": 2, "cot": 2, "logprob": 2, "preference": 2, "tools": 1, "disguise": 3, "critic": 2,
                 "backtranslate": 2, "taxonomy": 2, "rft": 2, "dialogsynth": 2, "constraints": 2, "keyfarm": 2,
                 "embedharvest": 2, "parallel": 2, "drip": 6},
        campaigns=[2, 5, 11, 60, 300, 1200, 3600],
        volume=0.8, turncoats=4,
        harvest_max_tokens=[1024, 2048, 3000, 4096, 6000, 8192], session_windows=14, session_hours=(1.0, 3.0),
        style="v10", trial_accounts=4500,
        sdk_uas=("OpenAI/Python 1.82.0", "OpenAI/Python 1.82.0", "OpenAI/Python 1.79.0", "AsyncOpenAI/Python 1.82.0",
                 "OpenAI/NodeJS 5.1.0", "OpenAI/NodeJS 4.104.0", "litellm/1.70.4", "python-httpx/0.28.1"),
        honest_cloud=0.3, cohorts=(120, 300),
    ),
    # eleventh held-out set, written without knowledge of the detector and before any detection
    # result on it was seen: its own population code (`population11`, `style="v11"`), phrasing M
    # and a domain mix of its own (both defined in `population11`; `phrasing` here only feeds the
    # unused default kit), see its module docstring. `district` and `extension` count the tenants
    # of one linked honest group each (teachers behind one NAT; a browser extension's users);
    # honest tenants (4,500 trials among them) outnumber distilling ones. Campaigns of 3, 8, 20,
    # 90, 450, 1,500 and 4,000 accounts, each an operation chosen by its size (`population11._profile`)
    "holdout11": Mixture(
        phrasing="H",
        honest={"support": 6, "summarize": 3, "translate": 3, "extract": 4, "ide": 4, "rag": 5, "eval": 3, "chat": 7,
                "creative": 3, "classify": 3, "agent": 3, "synthdocs": 3, "transcript": 3, "l10n": 2, "probe": 3,
                "sre_agent": 3, "abtest": 3, "macros": 2, "observability": 2, "migration": 3, "district": 70,
                "extension": 2600, "hobbyist": 350},
        distill={"harvest": 2, "cot": 2, "logprob": 2, "preference": 1, "stitch": 2, "schema": 2, "refusal": 2,
                 "tutorfront": 2, "aging": 2, "samplefan": 2, "disguise": 3, "drip": 6},
        campaigns=[3, 8, 20, 90, 450, 1500, 4000],
        volume=0.85, turncoats=4,
        harvest_max_tokens=[1024, 1500, 2048, 3000, 4096, 6000, 8192], session_windows=14, session_hours=(1.0, 3.0),
        style="v11", trial_accounts=4500,
        sdk_uas=("OpenAI/Python 1.88.0", "OpenAI/Python 1.88.0", "OpenAI/Python 1.86.0", "AsyncOpenAI/Python 1.88.0",
                 "OpenAI/NodeJS 5.8.2", "OpenAI/NodeJS 5.6.0", "litellm/1.73.6", "python-httpx/0.28.1"),
        honest_cloud=0.3,
    ),
    # twelfth held-out set, written without knowledge of the detector and before any detection
    # result on it was seen: its own population code (`population12`, `style="v12"`), phrasing N
    # and a domain mix of its own (both defined in `population12`; `phrasing` here only feeds the
    # unused default kit), see its module docstring. `accelerator` and `keyboard` count the tenants
    # of one linked honest group each (startups on one coworking /24 and credits billing; a
    # keyboard app's bring-your-own-key users); honest tenants (4,500 trials among them) outnumber
    # distilling ones. Campaigns of 2, 6, 15, 60, 300, 1,200 and 3,000 accounts, each an operation
    # chosen by its size (`population12._profile`)
    "holdout12": Mixture(
        phrasing="H",
        honest={"support": 6, "summarize": 3, "translate": 3, "extract": 4, "ide": 4, "rag": 5, "eval": 3, "chat": 7,
                "creative": 3, "classify": 3, "agent": 3, "cv_screen": 3, "suggest_reply": 3, "codemod": 3,
                "pharma": 3, "wire": 2, "patent": 3, "redteam": 3, "faqgen": 3, "arena": 2, "inbox": 3,
                "autocomplete": 3, "accelerator": 45, "keyboard": 2000, "hobbyist": 350},
        distill={"harvest": 2, "cot": 2, "logprob": 2, "preference": 1, "toolsmuggle": 2, "answerfirst": 2,
                 "modelsweep": 2, "fim": 2, "echo": 2, "packed": 2, "effort": 2, "disguise": 3, "drip": 6},
        campaigns=[2, 6, 15, 60, 300, 1200, 3000],
        volume=0.85, turncoats=4,
        harvest_max_tokens=[1024, 1500, 2048, 3000, 4096, 6000, 8192], session_windows=14, session_hours=(1.0, 3.0),
        style="v12", trial_accounts=4500,
        sdk_uas=("OpenAI/Python 1.93.0", "OpenAI/Python 1.93.0", "OpenAI/Python 1.91.0", "AsyncOpenAI/Python 1.93.0",
                 "OpenAI/NodeJS 5.10.1", "OpenAI/NodeJS 5.8.4", "litellm/1.74.3", "python-httpx/0.28.1"),
        honest_cloud=0.3,
    ),
}
