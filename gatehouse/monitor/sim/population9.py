"""holdout9's population (`style="v9"`): phrasing K and a domain mix of its own (both defined
here), new honest hard negatives next to a selection of the earlier kinds, new distiller habits,
and campaigns dealt network, client, timing, wording, billing and cover in `_plans9`.

Honest, new: game studios generating NPC dialogue, quests and item lore in bulk over many themes
(JSON, high temperature, some n > 1); marketing agencies with a key per client brand writing copy
across many industries; e-discovery firms summarising long productions at the output cap;
accessibility services writing alt text, chart descriptions and caption clean-ups around the
clock; news aggregators digesting wire stories on every topic 24/7; enterprise "LLM routers" where
one key serves many departments' system prompts; coding-bootcamp cohorts of tiny student accounts
on one campus /24 with one client and a shared billing domain; academic labs evaluating on many
benchmarks with logprobs and n > 1; synthetic test-data vendors asking for fake JSON records; a
dictionary / encyclopedia app writing long templated entries for words from every domain. Some
honest tenants join mid-week, and a tenth have no billing contact.

Distillers, new: persona rotation (a freshly invented app system prompt on nearly every
request), paraphrase / augmentation of seed instructions, code with tests across many languages,
math worked solutions asked for in natural words, agent trajectories with tools, long-context
exhaustive Q&A, office-hours harvesting in one time zone, a blend of 50-80% genuine app traffic
with harvesting, slow drips, staggered onboarding (a third of distillers join on day 1-5), and
four turncoats (two with one key) turning on day ~2, ~3, ~4.3 and ~5.6. Campaigns are dealt
networks (own /24s, shared cloud, residential with a new address per request, mobile CGNAT),
clients (one user agent, SDK per account, SDK per request, a distinct client per account),
timing (shared sessions, uniform all week, office hours in one zone, a relay of accounts),
wording (verbatim, reworded per account, own template subset, free-form prompts composed per
request), billing (a shared domain, distinct per account, none), per-account parameter jitter,
cover share (0-70%) and kind, and harvest style; two campaigns ("ghosts") share nothing exact
across accounts: residential addresses, a distinct client, no or distinct billing, and free-form
harvest and cover prompts in each account's own voice.
"""

from __future__ import annotations

import random
from typing import Any

from gatehouse.monitor.sim import timing as T
from gatehouse.monitor.sim.generator import SimTenant
from gatehouse.monitor.sim.makers import Kit, Maker
from gatehouse.monitor.sim.mixture import Mixture
from gatehouse.monitor.sim.population import _first_harvest, _Ids, _mixed, _tenant
from gatehouse.monitor.sim.population6 import _harvest_at
from gatehouse.monitor.sim.population8 import _J_DOMAINS, _deal, _keys, _office
from gatehouse.monitor.sim.vocab import DOMAINS, EXTRA_DOMAINS, G_DOMAINS, H_DOMAINS, Vocab, seeded_vocab

__all__ = ["populate9"]

# ---- identities, networks, clients --------------------------------------------------------
_CC9 = ["US", "US", "US", "GB", "CA", "AU", "NZ", "DE", "AT", "CH", "FR", "BE", "SE", "NO", "FI", "IT", "PT", "IN",
        "PK", "VN", "TH", "MY", "SG", "JP", "HK", "BR", "AR", "CL", "NG", "KE", "AE", "IL"]
_CLOUDS9 = ["34.141.77", "34.141.78", "18.191.40", "44.203.17", "13.92.140", "40.121.9", "167.99.210", "165.227.64",
            "5.161.88"]
_CGNAT9 = ["100.72.18", "100.91.204", "172.59.33", "174.205.12", "106.212.77", "223.187.40", "110.226.15"]
_ORGS9 = "Wexford Marlow Quenby Tamsin Ridgeway Oakhurst Pellham Selwyn Thornbury Ulverston Varley Whitcombe".split()
_BRANDS9 = ("Copperleaf Bluefin Northwind Lumasol Brightwater Kestrel Saffra Tidewell Orchard&Oak Velvetine "
            "Peakline Driftwood Emberly Hollis Marigold Quartzite Solenne Trailhead Umbra Wildmere").split()
_SCRIPT_UAS9 = ["python-requests/2.32.3", "httpx/0.28.1", "aiohttp/3.11.18", "Go-http-client/2.0", "node-fetch/3.3.2",
                "undici/6.21.2", "curl/8.13.0", "okhttp/4.12.0", "reqwest/0.12.15", "Java-http-client/21.0.7",
                "Faraday v2.13.1", "Dart/3.7 (dart:io)"]
_BYOK_UAS9 = ["ChatBox/1.11.2", "TypingMind/2025.5", "BoltAI/1.35.1 (macOS)", "LibreChat/0.7.8", "Msty/1.8.0",
              "Jan/0.5.16", "OpenCat/3.4 (iOS)"]
_APP_UAS9 = ["tally-api/2.8 httpx/0.28.1", "sprig-backend/1.4", "harbor-svc/3.0.2", "mosaic-server/0.19"]
_ROUTER_UA9 = "llm-router/2.4 (internal)"
_GAME_UA9 = "loreforge-pipeline/0.12"
_ACAD_UA9 = "lm-eval-harness/0.4.8"
_CODE_LANGS9 = ["Python", "TypeScript", "Go", "Rust", "Java", "Kotlin", "C#", "C++", "Ruby", "PHP", "Swift", "Scala",
                "Elixir", "Haskell", "SQL", "Bash", "Lua", "Julia", "R", "Zig"]
_LANGS9 = ["French", "German", "Spanish", "Japanese", "Portuguese", "Italian", "Dutch", "Polish", "Korean", "Czech",
           "Greek", "Hebrew", "Ukrainian", "Malay"]
_LABELS9 = [["spam", "not spam"], ["on-topic", "off-topic"], ["urgent", "routine", "ignore"],
            ["supported", "contradicted", "not enough info"], ["pleased", "annoyed", "neutral"]]


def _any_ua(rng: random.Random) -> str:
    """A user agent no other account is likely to share exactly: a client family with its own version."""
    fam = rng.choice(["python-requests/2.{a}.{b}", "httpx/0.{a}.{b}", "aiohttp/3.{a}.{b}", "OpenAI/Python 1.{a}.{b}",
                      "OpenAI/NodeJS 4.{a}.{b}", "axios/1.{a}.{b}", "okhttp/4.{a}.{b}", "ky/1.{a}.{b}",
                      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/1{a:02d}.0.{b}.0", "PostmanRuntime/7.{a}.{b}",
                      "node-fetch/3.{a}.{b}", "guzzle/7.{a}.{b}"])
    return fam.format(a=rng.randint(1, 99), b=rng.randint(0, 30))


# ---- vocabulary: six domains of its own, six borrowed, six shared ones dropped --------------
_K_DOMAINS: dict[str, str] = {
    "geology": "basalt sediment tectonic fault magma strata erosion mineral quartz granite fossil aquifer outcrop "
               "seismic lava feldspar",
    "horticulture": "pruning grafting mulch perennial cultivar compost seedling trellis rootstock greenhouse "
                    "pollination hedge bulb propagation topsoil",
    "forensics": "fingerprint ballistics toxicology autopsy custody trace residue footprint serology spatter "
                 "evidence lab pathologist swab chromatography",
    "epidemiology": "incidence prevalence cohort outbreak transmission surveillance quarantine tracing mortality "
                    "exposure confounder pandemic endemic seroprevalence",
    "hospitality": "concierge reservation housekeeping checkin checkout banquet occupancy minibar suite lobby "
                   "turndown amenity booking frontdesk upgrade",
    "materials": "alloy ceramic composite tensile fatigue corrosion polymer hardness ductility grain annealing "
                 "fracture laminate coating crystal",
}
_K_DROPPED = {"sports", "philosophy", "telecom", "hr", "chemistry", "travel"}
_K_BORROWED = {"aviation": EXTRA_DOMAINS["aviation"], "energy": G_DOMAINS["energy"], "gaming": G_DOMAINS["gaming"],
               "journalism": H_DOMAINS["journalism"], "oceanography": _J_DOMAINS["oceanography"],
               "economics": _J_DOMAINS["economics"]}
_K_SYL = "vor tam ell quin dar osk fen bri lum pax rud sey tor vash kel nim ob zan hect ulm".split()


def _vocab9(rng: random.Random, invented: int = 60) -> Vocab:
    """Holdout9's domains: the shared ones less `_K_DROPPED`, six borrowed and six new, each
    with seeded invented terms."""
    domains = {**{d: w for d, w in DOMAINS.items() if d not in _K_DROPPED}, **_K_BORROWED, **_K_DOMAINS}
    return seeded_vocab(rng, dict(sorted(domains.items())), _K_SYL, invented)


# ---- phrasing K ---------------------------------------------------------------------------
_PHRASES9: dict[str, Any] = {
    # keys the shared `Kit` makers read
    "harvest": [
        "I want a comprehensive write-up of {t}. Go from first principles to advanced practice, with examples throughout.",
        "Compose a reference article on {t} suitable for a professional handbook. Completeness matters more than brevity.",
        "Cover {t} exhaustively: definitions, how it works, typical pitfalls, and several illustrative cases.",
        "Please give me the longest, most accurate treatment of {t} you can manage.",
        "Imagine you are the leading expert on {t}. Write out everything you would teach a new colleague.",
        "Lay out {t} in full detail, section by section, as if for an encyclopedia entry.",
        "Produce a thorough study guide on {t}: key concepts, explanations, examples and practice points.",
        "Give an in-depth account of {t}, explaining the why behind every point.",
        "Write a masterclass-style lesson on {t}. Include worked examples and a summary of the key takeaways.",
        "Document {t} completely; assume the reader knows nothing and must end up an expert.",
    ],
    "cot": [
        "{q} Think it through carefully and show each step of your reasoning before the final answer.",
        "{q}\nLay out your reasoning one step at a time, then give the conclusion on its own line.",
        "Reason out loud about this, step by step: {q}",
        "{q} Explain how you get there, not just where you end up.",
    ],
    "pref": [
        "Question: {q}\nResponse 1: {a}\nResponse 2: {b}\nWhich response is more accurate and useful? Answer 1 or 2, then justify briefly.",
        "Here are two replies to \"{q}\".\nFirst: {a}\nSecond: {b}\nRate both on a 1-5 scale and name the winner.",
    ],
    "support": [
        "my {w1} hasn't arrived and tracking shows {w2}", "how do i cancel the {w1} add-on",
        "charged for {w1} but never used {w2}", "the {w1} page keeps timing out",
        "can someone explain the {w1} fee on my bill", "i updated {w1} and now {w2} is gone",
        "is there a discount on {w1} for existing customers", "why is my {w1} showing as inactive",
        "who do i talk to about {w1} and {w2}",
    ],
    "chat": [
        "what exactly is {t}?", "give me the short version of {t}", "how would you describe {t} to a friend",
        "is {t} a big deal or not", "what's the deal with {t}", "in plain words, {t}?", "why do people care about {t}",
    ],
    "summ": "Condense this into a 4-line brief for the team channel, most important point first.\n\n{d}",
    "trans": "Please render the text below in {lang}. Preserve line breaks, numbers and brand names.\n\n{d}",
    "extract": "Return JSON with keys names, companies, dates, money for everything mentioned below.\n\n{d}",
    "classify": "Is the tone of this customer comment positive, negative or neutral? Reply with the single word.\nComment: {d}",
    "eval_mc": "Item: {q}\nA) {a}\nB) {b}\nC) {c}\nD) {e}\nRespond with the letter only.",
    "eval_cot": "Item: {q}\nThink briefly, then finish with 'Final answer:' and the answer.",
    "q": [
        "Why does {t} matter?", "How is {t} usually handled?", "What is commonly misunderstood about {t}?",
        "What are the trade-offs in {t}?", "How would you assess {t}?", "What determines {t}?",
    ],
    "cot_json": "Reply in JSON: {{\"reasoning_steps\": [...], \"answer\": \"...\"}}.\nProblem: {q}",
    "para_prefix": ["", "", "Request: ", "Please: ", "Hi! ", "Next item -- ", "Job: ", "For the corpus: "],
    "para_suffix": ["", "", " Thank you.", " Be thorough.", " Use headings.", " More detail is better.", " Don't abbreviate."],
    "para_swap": [["comprehensive", "complete"], ["Write", "Draft"], ["Cover", "Go through"], ["full", "exhaustive"],
                  ["examples", "illustrations"], ["Explain", "Unpack"], ["thorough", "detailed"], ["Produce", "Create"],
                  ["Give", "Offer"], ["expert", "specialist"], ["longest", "fullest"], ["lesson", "tutorial"]],
    "label": [
        "Assign one of [{labels}] to the text below and add a ten-word justification.\nText: {d}",
        "Categories: {labels}\nLine 1: category. Line 2: why.\nItem: {d}",
    ],
    "followup": [
        "Go deeper on the second section.", "Give me a harder example of that.", "What are the exceptions?",
        "Turn that into a full chapter.", "Anything important you skipped? Add it.", "Now redo it showing all your working.",
    ],
    "jsonset": [
        "Create {k} question-and-answer pairs on {t}. Output a JSON array of objects with \"question\" and \"answer\"; answers should be complete.",
        "Return JSON {{\"items\": [...]}} holding {k} instruction/response examples about {t}.",
    ],
    "pair": [
        "For the prompt below write one excellent answer and one subtly flawed answer, labelled EXCELLENT and FLAWED.\nPrompt: {q}",
        "Give two answers to this, a careful one and a sloppy one, and explain which is better.\n{q}",
    ],
    "essay": [
        "Write me a long-form piece (around 1,500 words) about {t}.",
        "Can you write a complete article on {t}? Intro, body, conclusion.", "need a 1200-word blog post on {t}, thanks",
    ],
    # holdout9's own makers
    "asst_short": ["Good question, here's the gist.", "Sure, in short:", "Here's a quick take.", "Okay! Briefly:"],
    "sys_support": "You help {c} customers with {d} questions. Be friendly, brief, and never promise refunds.",
    "asst_support": "Thanks for waiting! I can see the {a} on your account next to {b}.",
    "ide_sys": "You are the in-editor assistant for {ide}. Reply with minimal, working code and one line of explanation.",
    "ide_ask": ["this {w} breaks when the input is empty, fix it", "add types to the {w} helper", "why is {w} slow here",
                "write a test for the {w} branch", "rename {w} everywhere and keep behaviour",
                "explain what this {w} block does"],
    "tutor_sys": "You are a friendly {s} tutor. Guide the student one step at a time and end with a check question.",
    "tutor": [
        "We covered {t} in class and I'm lost. Could you take me through it slowly?",
        "Homework: {q} Can you hint at the steps without giving it all away?",
        "Could you show me {t} with one easy example and one harder one?", "How do I even start on this: {q}",
    ],
    "agent_sys": "You are {app}, an internal automation agent. Call tools when needed and answer tersely.",
    "agent": [
        "Look up the pending {t} items and escalate anything overdue.",
        "Reconcile {t} for reference {n} and note any mismatch.", "Summarise yesterday's {t} activity for the ops channel.",
        "Open a case about {t} for customer {n}.", "Check whether {t} changed since the last sync and tell the owner.",
    ],
    "rag_sys": "You are {org}'s knowledge assistant. Use only the passages below; say so if the answer is not there.",
    "extract_sys": "Output strictly valid JSON. No commentary.",
    "consumer": ["caption for a photo about {t}", "fun facts about {t}?", "help me write a birthday note mentioning {t}",
                 "a limerick about {t} please", "plan a rainy sunday around {t}"],
    "app": [
        "You are Tally, the budgeting helper inside the Tally app. Keep answers short and friendly.",
        "You are Sprig, the plant-care assistant in the Sprig app. Practical tips only.",
        "You are Harbor, the trip-planning assistant inside the Harbor app. Be concise.",
        "You are Mosaic, the journaling companion in the Mosaic app. Warm and brief.",
    ],
    "app_user": ["tidy up this entry: {t}", "quick summary of {t}", "remind me what {t} is",
                 "write a short text about {t}", "turn {t} into a to-do list", "make this sound nicer: {t}"],
    "lp": "Passage: {d}\nQuestion: {q}\nIs the passage relevant to the question? yes or no",
    "npc_sys": "You are the narrative writer for {game}, a {genre} game. Keep characters consistent and output JSON only.",
    "npc": [
        "Write {k} ambient lines for {role} in {place}, themed around {t}. JSON list of strings.",
        "Quest draft: {role} in {place} asks the player for help with {t}. Give title, hook, three objectives and reward as JSON.",
        "Branching dialogue: the player asks {role} about {t}. Provide 4 player options and the NPC's replies as JSON.",
        "Item description for a relic connected to {t}, found in {place}. Two sentences of lore as JSON with name and lore.",
    ],
    "roles": ["a blacksmith", "a ferryman", "an archivist", "a smuggler", "an innkeeper", "a cartographer", "a herbalist",
              "a courier", "the watch captain", "an oracle"],
    "industries": ["skincare", "fintech", "outdoor gear", "pet food", "specialty coffee", "fitness", "home insurance",
                   "EV charging", "boutique travel", "kitchenware", "craft beer", "B2B software", "furniture", "telehealth"],
    "places": ["the salt marshes", "a floating market", "the ash quarry", "an orbital dock", "the old observatory",
               "a frontier town", "the sunken library", "a neon alley"],
    "genres": ["fantasy RPG", "space sim", "detective adventure", "survival crafting", "cozy farming"],
    "brand_sys": "You are the in-house copywriter for {b}, a {i} brand. Voice: {tone}. Never mention competitors.",
    "tones": ["playful and bold", "calm and trustworthy", "premium and understated", "energetic, short sentences"],
    "copy": [
        "Write three email subject lines for a campaign about {t}.", "Hero headline and subhead for a landing page on {t}.",
        "A 120-word product blurb that ties our brand to {t}.", "Five social posts (under 200 characters) about {t}.",
        "Rewrite this ad copy to be punchier:\n{d}",
    ],
    "edisc_sys": "You are a litigation-support assistant for {firm}. Summarise faithfully and flag privileged material.",
    "edisc": [
        "Custodian {ref}, document {n}. Produce a full summary covering parties, dates, obligations and any privileged content.\n\n{d}",
        "Prepare a detailed chronology of events from this production document (Bates {ref}-{n}).\n\n{d}",
    ],
    "alt": [
        "Write concise alt text (max 125 characters) for an image showing {t}.",
        "Describe this chart for a screen-reader user: {d}",
        "Clean up this auto-generated caption track; fix punctuation and keep speaker labels:\n{d}",
        "Write a one-sentence audio description for a video scene about {t}.",
    ],
    "news": [
        "Summarise this wire story in three sentences and propose a headline.\n\n{d}",
        "Give a neutral two-line digest of the article below, plus three topic tags.\n\n{d}",
    ],
    "router_sys": [
        "You are the {dept} team's assistant at {org}. Follow company policy; mark drafts as internal.",
        "Internal tool for {org} {dept}. Answer from general knowledge, be precise, keep it professional.",
        "{org} {dept} helper. If a question needs legal sign-off, say so.",
    ],
    "depts": ["Legal", "Finance", "People", "Procurement", "Sales", "Marketing", "Engineering", "Security", "Facilities",
              "Customer Success", "Research", "Compliance", "IT Helpdesk", "Communications", "Data"],
    "router_user": [
        "draft a policy paragraph on {t}", "summarise the pros and cons of {t} for a memo",
        "what do we need to know about {t}?", "write a detailed internal guide section on {t}",
        "turn these notes into an email: {d}", "explain {t} to a new joiner",
    ],
    "boot_sys": "You are the teaching assistant for {course}. Do not hand out full solutions; give hints and point to the relevant lesson.",
    "boot": [
        "Exercise {n}: write a function in {lang} that handles {t}. My attempt fails the tests, what's wrong?",
        "I don't get why my {lang} loop over {t} is off by one", "Can you review my {lang} solution for the {t} lab? Be honest.",
        "What does this {lang} error mean? It mentions {t}.",
    ],
    "acad_mc": "[{bench}] {q}\nOptions: (A) {a} (B) {b} (C) {c} (D) {e}\nAnswer:",
    "acad_gen": "[{bench}] {q}\nAnswer concisely.",
    "benches": ["MMLU-Pro", "ARC-Challenge", "GSM-Plus", "HellaSwag", "TruthfulQA", "BBH", "GPQA", "HumanEval+", "MedQA",
                "LegalBench", "FinQA", "SciQ", "DROP", "Winogrande", "CommonsenseQA"],
    "testdata": [
        "Generate {k} fictional {e} records as a JSON array. Fields: {f}. Include a few edge cases (empty strings, unicode, extreme values).",
        "Make {k} fake but realistic {e} rows as JSON for our staging database; fields {f}.",
        "Produce {k} invalid {e} records (JSON) that should fail validation on {f}, one per failure mode.",
    ],
    "entities": ["customer", "invoice", "shipment", "patient visit", "insurance claim", "bank transfer", "sensor reading",
                 "support ticket", "flight booking", "employee"],
    "dict": [
        "Dictionary entry for \"{w}\": part of speech, pronunciation, every common sense with an example sentence, etymology, related words.",
        "Define the term \"{w}\" ({d}) for a general-audience encyclopedia: a full paragraph, then usage notes and see-also links.",
        "Write the glossary entry for \"{w}\" in {d}: definition, extended explanation, two examples, common confusions.",
    ],
    # distilling
    "persona_names": ["Juno", "Ember", "Orbit", "Pixel", "Sage", "Nimbus", "Echo", "Kite", "Rune", "Vela", "Onyx", "Mira",
                      "Bolt", "Iris", "Quill", "Tamarind"],
    "persona_roles": ["study companion", "research sidekick", "career coach", "writing partner", "homework helper",
                      "knowledge concierge", "learning buddy", "explainer bot", "interview prep coach"],
    "persona_products": ["app", "browser extension", "Discord bot", "reading tool", "notes plugin", "smart speaker skill",
                         "Slack app", "e-reader"],
    "persona_style": ["Be detailed and accurate.", "Explain thoroughly; users like depth.",
                      "Always give complete, well-structured answers.", "Use headings and examples.",
                      "Be friendly but comprehensive.", "Never cut an answer short."],
    "persona_sys": ["You are {name}, the {role} in {company}'s {product}. {style}",
                    "{company} {product} / persona: {name} ({role}). {style}",
                    "Act as {name}. You power the {role} feature of {company}. {style}"],
    "augment": [
        "Here is a seed instruction: \"{s}\"\nWrite {k} rewrites that keep the meaning but vary wording, length and tone. Number them.",
        "Generate {k} paraphrases of the task below, then answer the last one in full.\nTask: {s}",
        "Rewrite this prompt {k} ways for a more diverse set: vary persona, formality and specificity.\n{s}",
    ],
    "code": [
        "Implement {task} in {lang}. Include unit tests covering edge cases and explain the design choices.",
        "Write idiomatic {lang} code for {task}, with a test suite and complexity analysis.",
        "Solve in {lang}: {task}. Provide the solution, tests, and a line-by-line explanation.",
        "Give a production-quality {lang} implementation of {task} plus table-driven tests.",
    ],
    "code_tasks": ["an LRU cache", "a token-bucket rate limiter", "parsing {w} records from CSV", "a trie with prefix search",
                   "merging overlapping intervals", "a thread-safe queue", "topological sort of {w} dependencies",
                   "a retry wrapper with backoff", "validating {w} input", "a JSON diff tool", "Dijkstra's shortest path",
                   "a debounce utility", "a binary heap", "deduplicating {w} events", "a tokenizer for arithmetic expressions"],
    "math": [
        "I'm stuck on this one: {p} Could you show me how you'd work it out?",
        "How would you go about solving this? {p}",
        "{p} I got a different answer from my friend. Can you walk through it so we can see who's right?",
        "Could you work through this problem and explain your thinking as you go? {p}",
    ],
    "problems": [
        "A tank holds {a} litres and drains at {b} litres per minute while filling at {c}. How long until it is empty?",
        "Find all real x with x^2 - {a}x + {b} = 0.", "If {a} workers finish a job in {b} days, how long do {c} workers take?",
        "What is the probability of getting at least {a} heads in {b} fair coin tosses?",
        "A price rises by {a}% and then falls by {b}%. What is the net change?",
        "Compute the sum of the first {a} odd numbers greater than {b}.",
        "A train leaves at {a} km/h; another follows {b} hours later at {c} km/h. When does it catch up?",
        "How many ways can {a} people sit at a round table if two of them refuse to sit together?",
    ],
    "traj": [
        "Investigate why {t} failed for job {n} and fix it.", "Gather data on {t}, compare sources, and write a report.",
        "Arrange everything needed for {t} within budget {n}.", "Audit {t} across all accounts and list discrepancies.",
    ],
    "traj_suffix": " Narrate your plan and each action.",
    "longctx": [
        "Read the document and write every question a careful reader might ask about it, each followed by a complete answer.\n\n{d}",
        "Below is a long text. Produce an exhaustive FAQ from it (at least 25 Q&A pairs), answering from the text and from your own knowledge.\n\n{d}",
        "{d}\n\nTurn the above into study material: all possible questions, detailed answers, and a summary.",
    ],
}

# free-form prompts: fragments combined per request (no two accounts share a voice)
_FF_OPEN = ["", "hey", "hi there", "ok so", "quick one", "Hello!", "morning", "so", "question", "hmm", "Good afternoon,",
            "hiya", "Right,", "Okay."]
_FF_CONTEXT = ["I'm putting together notes on {t}", "my team keeps arguing about {t}", "I've been reading about {t}",
               "for a presentation next week I need to cover {t}", "a client asked me about {t}",
               "I never really understood {t}", "we're onboarding new hires on {t}", "I'm writing a long guide that touches on {t}",
               "my professor mentioned {t}", "I run a small newsletter and this week it's {t}"]
_FF_ASK = ["can you walk me through {u} properly", "what's the full picture on {u}", "could you lay out everything important about {u}",
           "how would you explain {u} from first principles", "what should someone really know about {u}",
           "break down {u} for me in depth", "give me a thorough rundown of {u}", "explain {u}, including the tricky parts",
           "what are the ins and outs of {u}", "teach me {u} properly", "I'd love a proper deep dive into {u}",
           "how does {u} actually work under the hood"]
_FF_DETAIL = ["", "with examples", "including where people usually get it wrong", "and how it connects to {w}", "step by step",
              "with a worked example or two", "and the history behind it", "covering the edge cases too",
              "like you would to a smart beginner", "and what the experts disagree on"]
_FF_WHY = ["walk me through your reasoning", "show how you get there", "think it through out loud first",
           "explain each step as you go", "show your working", "tell me why at every stage"]
_FF_CASUAL = ["what's {u}", "tell me about {u}", "any tips on {u}", "is {u} worth caring about", "eli5 {u}",
              "how does {u} work", "opinions on {u}", "{u}, what's that", "remind me what {u} is"]
_FF_CLOSE = ["", "thanks!", "thx", "no rush", "the longer the better honestly", "don't skip anything", "appreciate it",
             "cheers", "ty", "much appreciated"]


def _voice(rng: random.Random) -> dict[str, Any]:
    """One writer's habits: a subset of each fragment list, casing and punctuation."""
    def part(xs: list[str]) -> list[str]:
        return rng.sample(xs, max(2, int(len(xs) * rng.uniform(0.35, 0.7))))
    return {"open": part(_FF_OPEN), "context": part(_FF_CONTEXT), "ask": part(_FF_ASK), "detail": part(_FF_DETAIL),
            "close": part(_FF_CLOSE), "why": part(_FF_WHY), "casual": part(_FF_CASUAL), "lower": rng.random() < 0.4,
            "context_p": rng.uniform(0.2, 0.8),
            "sep": rng.choice([". ", " - ", ", ", "... "]), "q": rng.choice(["?", "?", "", "??"])}


class _Kit9(Kit):
    """Holdout9's builders: phrasing K for the shared makers, and makers of its own (with their
    own wording, so that no earlier generator's fixed text recurs)."""

    def __init__(self, vocab: Vocab, cap_field: str = "max_tokens") -> None:
        super().__init__(vocab, "H", "classic")
        self.p = _PHRASES9
        self.cf = cap_field

    def body(self, msgs: list[dict[str, Any]], temp: float, cap: int | None, model: str = "gpt-4o",
             **extra: Any) -> dict[str, Any]:
        b: dict[str, Any] = {"model": model, "messages": msgs, "temperature": temp}
        if cap:
            b[self.cf] = cap
        b.update(extra)
        return b

    def word(self, rng: random.Random, domains: list[str]) -> str:
        return self.v.pick(rng, rng.choice(domains), 1)[0]

    def freeform(self, rng: random.Random, domains: list[str], voice: dict[str, Any]) -> str:
        """A natural prompt composed per request from the writer's fragments."""
        parts: list[str] = []
        o = rng.choice(voice["open"])
        if o:
            parts.append(o)
        t = self.topic(rng, domains)
        if rng.random() < float(voice["context_p"]):
            parts.append(rng.choice(voice["context"]).format(t=t))
            u = rng.choice(["it", "that", t, "this topic"])
        else:
            u = t
        ask = rng.choice(voice["ask"]).format(u=u)
        d = rng.choice(voice["detail"]).format(w=self.word(rng, domains))
        parts.append(f"{ask} {d}".strip() + str(voice["q"]))
        c = rng.choice(voice["close"])
        if c:
            parts.append(c)
        s = str(voice["sep"]).join(parts)
        return s.lower() if voice["lower"] else s

    def casual9(self, domains: list[str], voice: dict[str, Any]) -> Maker:
        """Cover in the writer's own words: short, composed per request."""
        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            o = rng.choice(voice["open"])
            ask = rng.choice(voice["casual"]).format(u=self.topic(rng, domains)) + str(voice["q"])
            s = f"{o}{voice['sep']}{ask}" if o else ask
            body = self.body([{"role": "user", "content": s.lower() if voice["lower"] else s}],
                             round(rng.uniform(0.6, 1.0), 1), None, "gpt-4o-mini")
            return body, rng.randint(40, 320)
        return make

    # ---- honest, classic kinds in phrasing K -----------------------------------------------
    def support9(self, company: str, domain: str) -> Maker:
        system = self.p["sys_support"].format(c=company, d=domain.replace("_", " "))

        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            msgs: list[dict[str, Any]] = [{"role": "system", "content": system}]
            for _ in range(rng.choice([0, 0, 1, 1, 2])):
                a, b = self.v.pick(rng, domain, 2)
                msgs.append({"role": "user", "content": rng.choice(self.p["support"]).format(w1=a, w2=b)})
                msgs.append({"role": "assistant", "content": self.p["asst_support"].format(a=a, b=b)})
            w1, w2 = self.v.pick(rng, domain, 2)
            msgs.append({"role": "user", "content": rng.choice(self.p["support"]).format(w1=w1, w2=w2)})
            return self.body(msgs, 0.3, 450, "gpt-4o-mini"), rng.randint(35, 230)
        return make

    def chat9(self, domains: list[str], n_multi: float = 0.0, conversational: float = 0.4) -> Maker:
        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            msgs: list[dict[str, Any]] = []
            if rng.random() < conversational:
                for _ in range(rng.randint(1, 4)):
                    msgs.append({"role": "user", "content": rng.choice(self.p["chat"]).format(t=self.topic(rng, domains))})
                    msgs.append({"role": "assistant", "content": rng.choice(self.p["asst_short"])})
            msgs.append({"role": "user", "content": rng.choice(self.p["chat"]).format(t=self.topic(rng, domains))})
            body = self.body(msgs, round(rng.uniform(0.6, 1.0), 1), None, "gpt-4o-mini")
            if rng.random() < n_multi:
                body["n"] = rng.randint(2, 3)
            return body, rng.randint(50, 400)
        return make

    def extract9(self, domain: str) -> Maker:
        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            d = self.doc(rng, [domain], rng.randint(80, 320))
            msgs = [{"role": "system", "content": self.p["extract_sys"]},
                    {"role": "user", "content": self.p["extract"].format(d=d)}]
            return self.body(msgs, 0, 600, "gpt-4o-mini", response_format={"type": "json_object"}), rng.randint(30, 110)
        return make

    def ide9(self, ide: str) -> Maker:
        system = self.p["ide_sys"].format(ide=ide)

        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            msgs: list[dict[str, Any]] = [{"role": "system", "content": system}]
            for _ in range(rng.randint(0, 3)):
                msgs.append({"role": "user", "content": rng.choice(self.p["ide_ask"]).format(w=self.word(rng, ["programming"]))})
                msgs.append({"role": "assistant", "content": "```\n" + self.doc(rng, ["programming"], 20) + "\n```"})
            msgs.append({"role": "user", "content": rng.choice(self.p["ide_ask"]).format(w=self.word(rng, ["programming", "math"]))})
            return {"model": "gpt-4o", "messages": msgs, "temperature": 0.1, "stream": True}, rng.randint(60, 420)
        return make

    def rag9(self, org: str, domains: list[str]) -> Maker:
        system = self.p["rag_sys"].format(org=org)

        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            ctx = self.doc(rng, domains, rng.randint(120, 320))
            msgs = [{"role": "system", "content": f"{system}\n\nPassages:\n{ctx}"},
                    {"role": "user", "content": self.question(rng, domains)}]
            return self.body(msgs, 0.1, 700, "gpt-4o-mini"), rng.randint(70, 320)
        return make

    def tutor9(self, subject: str, domains: list[str]) -> Maker:
        system = self.p["tutor_sys"].format(s=subject)

        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            msgs: list[dict[str, Any]] = [{"role": "system", "content": system}]
            if rng.random() < 0.4:
                msgs.append({"role": "user", "content": rng.choice(self.p["tutor"]).format(
                    t=self.topic(rng, domains), q=self.question(rng, domains))})
                msgs.append({"role": "assistant", "content": "First step: " + self.doc(rng, domains, 36)})
            msgs.append({"role": "user", "content": rng.choice(self.p["tutor"]).format(
                t=self.topic(rng, domains), q=self.question(rng, domains))})
            return self.body(msgs, 0.4, 1000, stream=True), rng.randint(140, 850)
        return make

    def toolset9(self, rng: random.Random, domains: list[str], k: int) -> list[dict[str, Any]]:
        tools: list[dict[str, Any]] = []
        for _ in range(k):
            d = rng.choice(domains)
            a, b = self.v.pick(rng, d, 2)
            tools.append({"type": "function", "function": {
                "name": f"{rng.choice(['read', 'find', 'set', 'run', 'post', 'sum'])}_{a}_{b}"[:60],
                "description": f"Looks up the {b} of a {a}.",
                "parameters": {"type": "object", "properties": {"ref": {"type": "string"}, b: {"type": "string"}},
                               "required": ["ref"]}}})
        return tools

    def agent9(self, domain: str, app: str, tools: list[dict[str, Any]]) -> Maker:
        system = self.p["agent_sys"].format(app=app)

        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            msgs: list[dict[str, Any]] = [{"role": "system", "content": system}, {"role": "user", "content": rng.choice(
                self.p["agent"]).format(t=self.topic(rng, [domain]), n=rng.randint(1000, 99999))}]
            for i in range(rng.choice([0, 1, 1, 2, 3])):
                name = str(tools[rng.randrange(len(tools))]["function"]["name"])
                msgs.append({"role": "assistant", "content": None, "tool_calls": [
                    {"id": f"t{i}", "type": "function", "function": {"name": name, "arguments": '{"ref": "%d"}' % rng.randint(1, 99999)}}]})
                msgs.append({"role": "tool", "tool_call_id": f"t{i}", "content": '{"ok": true, "%s": "%s"}' % tuple(self.v.pick(rng, domain, 2))})
            return self.body(msgs, rng.choice([0.0, 0.2]), 700, "gpt-4o-mini", tools=tools, tool_choice="auto"), rng.randint(20, 240)
        return make

    def lp9(self, domains: list[str], top: int) -> Maker:
        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            content = self.p["lp"].format(d=self.doc(rng, domains, rng.randint(20, 90)), q=self.question(rng, domains))
            return self.body([{"role": "user", "content": content}], 0, 1, "gpt-4o-mini", logprobs=True, top_logprobs=top), 1
        return make

    def consumer9(self, domains: list[str]) -> Maker:
        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            msgs = [{"role": "user", "content": rng.choice(self.p["consumer"]).format(t=self.topic(rng, domains))}]
            body = self.body(msgs, rng.choice([0.9, 1.0, 1.1]), None, "gpt-4o-mini", stream=True)
            if rng.random() < 0.12:
                body["n"] = 2
            return body, rng.randint(40, 330)
        return make

    def app9(self, system: str, domains: list[str]) -> Maker:
        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            msgs: list[dict[str, Any]] = [{"role": "system", "content": system}]
            if rng.random() < 0.3:
                msgs.append({"role": "user", "content": rng.choice(self.p["app_user"]).format(t=self.topic(rng, domains))})
                msgs.append({"role": "assistant", "content": rng.choice(self.p["asst_short"])})
            msgs.append({"role": "user", "content": rng.choice(self.p["app_user"]).format(t=self.topic(rng, domains))})
            return self.body(msgs, 0.7, 350, "gpt-4o-mini", stream=rng.random() < 0.7), rng.randint(30, 260)
        return make

    def essay9(self, domains: list[str], cap: int) -> Maker:
        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            content = rng.choice(self.p["essay"]).format(t=self.topic(rng, domains))
            return self.body([{"role": "user", "content": content}], 0.8, cap), min(cap, rng.randint(900, 2600))
        return make

    # ---- honest, new -------------------------------------------------------------------------
    def npc(self, game: str, genre: str, themes: list[str]) -> Maker:
        """A game studio's content pipeline: barks, quests, dialogue trees and item lore over many themes."""
        system = self.p["npc_sys"].format(game=game, genre=genre)

        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            content = rng.choice(self.p["npc"]).format(k=rng.choice([5, 8, 12, 20]), role=rng.choice(self.p["roles"]),
                                                       place=rng.choice(self.p["places"]), t=self.topic(rng, themes))
            cap = rng.choice([600, 1000, 1500])
            body = self.body([{"role": "system", "content": system}, {"role": "user", "content": content}],
                             rng.choice([0.9, 1.0, 1.1]), cap, "gpt-4o-mini" if rng.random() < 0.5 else "gpt-4o",
                             response_format={"type": "json_object"})
            if rng.random() < 0.25:
                body["n"] = rng.choice([2, 3])
            return body, min(cap, rng.randint(150, 1100))
        return make

    def brand(self, name: str, industry: str, domains: list[str]) -> Maker:
        """An agency's key for one client brand: the brand's voice, copy on many topics."""
        system = self.p["brand_sys"].format(b=name, i=industry, tone=random.Random(name).choice(self.p["tones"]))

        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            content = rng.choice(self.p["copy"]).format(t=self.topic(rng, domains), d=self.doc(rng, domains, rng.randint(30, 80)))
            msgs = [{"role": "system", "content": system}, {"role": "user", "content": content}]
            body = self.body(msgs, rng.choice([0.8, 0.9, 1.0]), rng.choice([400, 800]))
            if rng.random() < 0.2:
                body["n"] = rng.choice([2, 3, 4])
            return body, rng.randint(60, 450)
        return make

    def ediscovery(self, firm: str, domains: list[str], cap: int) -> Maker:
        """E-discovery: long production documents summarised or put in chronology, often at the cap."""
        system = self.p["edisc_sys"].format(firm=firm)

        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            d = self.doc(rng, domains, rng.randint(600, 1600))
            content = rng.choice(self.p["edisc"]).format(ref=f"{rng.choice('ABCDEFGH')}{rng.randint(100, 999)}",
                                                         n=rng.randint(10000, 99999), d=d)
            body = self.body([{"role": "system", "content": system}, {"role": "user", "content": content}],
                             rng.choice([0.0, 0.1]), cap)
            return body, min(cap, rng.randint(int(cap * 0.55), int(cap * 1.4)))
        return make

    def alt_text(self, domains: list[str]) -> Maker:
        """An accessibility service: alt text, chart descriptions, caption clean-up."""
        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            content = rng.choice(self.p["alt"]).format(t=self.topic(rng, domains), d=self.doc(rng, domains, rng.randint(30, 160)))
            return self.body([{"role": "user", "content": content}], 0.2, rng.choice([120, 300, 600]), "gpt-4o-mini"), rng.randint(15, 260)
        return make

    def news(self, domains: list[str]) -> Maker:
        """A news aggregator: every wire story summarised, on every topic."""
        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            d = self.doc(rng, rng.sample(domains, 2), rng.randint(250, 700))
            content = rng.choice(self.p["news"]).format(d=d)
            return self.body([{"role": "user", "content": content}], 0.3, 350, "gpt-4o-mini"), rng.randint(60, 220)
        return make

    def router(self, org: str, depts: list[tuple[str, list[str]]]) -> Maker:
        """An enterprise router: one key, each request one department's system prompt and asks."""
        prompts = [_sys_for(self.p["router_sys"][i % 3], dept, org) for i, (dept, _) in enumerate(depts)]
        weights = [1.0 / (i + 1) ** 0.6 for i in range(len(depts))]

        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            i = rng.choices(range(len(depts)), weights)[0]
            doms = depts[i][1]
            content = rng.choice(self.p["router_user"]).format(t=self.topic(rng, doms), d=self.doc(rng, doms, rng.randint(40, 160)))
            msgs: list[dict[str, Any]] = [{"role": "system", "content": prompts[i]}]
            if rng.random() < 0.25:
                msgs.append({"role": "user", "content": rng.choice(self.p["chat"]).format(t=self.topic(rng, doms))})
                msgs.append({"role": "assistant", "content": self.doc(rng, doms, rng.randint(40, 120))})
            msgs.append({"role": "user", "content": content})
            long = "guide" in content or "policy" in content
            cap = rng.choice([1500, 2500]) if long else rng.choice([500, 800, None])
            body = self.body(msgs, rng.choice([0.2, 0.5, 0.7]), cap, rng.choice(["gpt-4o", "gpt-4o-mini"]))
            return body, min(cap or 4000, rng.randint(400, 1800) if long else rng.randint(60, 500))
        return make

    def bootcamp(self, course: str, lang: str, assignment: list[str]) -> Maker:
        """A bootcamp student: the course's TA prompt, questions on this week's assignment."""
        system = self.p["boot_sys"].format(course=course)

        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            t = rng.choice(assignment)
            content = rng.choice(self.p["boot"]).format(n=rng.randint(1, 12), lang=lang, t=t)
            if rng.random() < 0.5:
                content += "\n\n```\n" + self.doc(rng, ["programming"], rng.randint(20, 80)) + "\n```"
            return self.body([{"role": "system", "content": system}, {"role": "user", "content": content}], 0.3, 800,
                             "gpt-4o-mini"), rng.randint(80, 600)
        return make

    def acad_eval(self, benches: list[str], domains: list[str], seed: int) -> Maker:
        """An academic lab's evaluation: MC items scored by logprobs, pass@k sampling with n > 1,
        greedy generation, over many benchmarks; seeded."""
        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            bench = rng.choice(benches)
            q = self.question(rng, domains)
            r = rng.random()
            if r < 0.45:
                o = [self.topic(rng, domains) for _ in range(4)]
                content = self.p["acad_mc"].format(bench=bench, q=q, a=o[0], b=o[1], c=o[2], e=o[3])
                return self.body([{"role": "user", "content": content}], 0, 1, logprobs=True,
                                 top_logprobs=rng.choice([5, 10, 20]), seed=seed), 1
            content = self.p["acad_gen"].format(bench=bench, q=q)
            if r < 0.75:
                return self.body([{"role": "user", "content": content}], 0, 1024, seed=seed), rng.randint(80, 700)
            return (self.body([{"role": "user", "content": content}], rng.choice([0.6, 0.8, 1.0]), 1024,
                              n=rng.choice([5, 10, 20]), seed=seed), rng.randint(100, 600))
        return make

    def testdata(self, domains: list[str]) -> Maker:
        """A synthetic test-data vendor: fake JSON records for QA, some n > 1 at high temperature."""
        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            fields = ", ".join(self.v.pick(rng, rng.choice(domains), rng.randint(3, 7)))
            content = rng.choice(self.p["testdata"]).format(k=rng.choice([10, 25, 50, 100]), e=rng.choice(self.p["entities"]), f=fields)
            cap = rng.choice([1500, 3000, 4000])
            body = self.body([{"role": "user", "content": content}], rng.choice([1.0, 1.1, 1.2]), cap, "gpt-4o-mini",
                             response_format={"type": "json_object"})
            if rng.random() < 0.3:
                body["n"] = rng.choice([2, 4])
            return body, min(cap, rng.randint(400, 3200))
        return make

    def dictionary(self, domains: list[str]) -> Maker:
        """A dictionary / encyclopedia app: long templated entries for words from every domain."""
        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            d = rng.choice(domains)
            content = rng.choice(self.p["dict"]).format(w=self.v.pick(rng, d, 1)[0], d=d.replace("_", " "))
            cap = rng.choice([800, 1200])
            return self.body([{"role": "user", "content": content}], 0.3, cap, "gpt-4o-mini"), min(cap, rng.randint(280, 1100))
        return make

    # ---- distilling ----------------------------------------------------------------------------
    def harvest9(self, domains: list[str], caps: list[int], temps: list[float], templates: list[str] | None = None,
                 cot: float = 0.0, voice: dict[str, Any] | None = None, system: str | None = None,
                 logprobs: int = 0, n_max: int = 1) -> Maker:
        """Instruction harvesting: the shared or given templates, reasoning asks, or (with `voice`)
        free-form prompts composed per request."""
        tpls = templates or self.p["harvest"]

        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            if rng.random() < cot:
                content = (f"{self.freeform(rng, domains, voice)}{voice['sep']}{rng.choice(voice['why'])}" if voice is not None
                           else rng.choice(self.p["cot"]).format(q=self.question(rng, domains)))
            elif voice is not None:
                content = self.freeform(rng, domains, voice)
            else:
                content = rng.choice(tpls).format(t=self.topic(rng, domains))
            msgs: list[dict[str, Any]] = [{"role": "system", "content": system}] if system else []
            msgs.append({"role": "user", "content": content})
            cap = rng.choice(caps)
            body = self.body(msgs, rng.choice(temps), cap)
            if logprobs:
                body["logprobs"] = True
                body["top_logprobs"] = logprobs
            if n_max > 1:
                body["n"] = rng.randint(2, n_max)
            return body, min(cap, rng.randint(int(cap * 0.35), int(cap * 1.1)) if cap < 1500 else rng.randint(500, 2300))
        return make

    def persona_sys(self, rng: random.Random) -> str:
        company = f"{rng.choice(_BRANDS9 + _ORGS9)}{rng.choice(['', ' Labs', ' Learning', ' AI', ' Studio'])}"
        return str(rng.choice(self.p["persona_sys"])).format(
            name=rng.choice(self.p["persona_names"]), role=rng.choice(self.p["persona_roles"]), company=company,
            product=rng.choice(self.p["persona_products"]), style=rng.choice(self.p["persona_style"]))

    def persona(self, domains: list[str], caps: list[int], temps: list[float], keep: float = 0.1,
                voice: dict[str, Any] | None = None) -> Maker:
        """Persona rotation: an invented app's system prompt on nearly every request."""
        last: list[str] = []

        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            if not last or rng.random() > keep:
                last[:] = [self.persona_sys(rng)]
            inner = self.harvest9(domains, caps, temps, cot=0.2, voice=voice, system=last[0])
            return inner(rng, ts)
        return make

    def augment(self, domains: list[str], caps: list[int], temps: list[float], tpls: list[str] | None = None) -> Maker:
        """Augmentation: k rewrites of seed instructions, some answered."""
        asks = tpls or self.p["augment"]

        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            seed = (rng.choice(self.p["harvest"]).format(t=self.topic(rng, domains)) if rng.random() < 0.6
                    else self.question(rng, domains))
            content = rng.choice(asks).format(s=seed, k=rng.choice([5, 8, 10, 15]))
            cap = rng.choice(caps)
            return self.body([{"role": "user", "content": content}], rng.choice(temps), cap), min(cap, rng.randint(300, 2000))
        return make

    def code(self, langs: list[str], domains: list[str], caps: list[int], temps: list[float],
             tpls: list[str] | None = None) -> Maker:
        """Code harvesting across many languages and tasks, with tests."""
        asks = tpls or self.p["code"]

        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            task = rng.choice(self.p["code_tasks"]).format(w=self.word(rng, domains))
            content = rng.choice(asks).format(task=task, lang=rng.choice(langs))
            cap = rng.choice(caps)
            return self.body([{"role": "user", "content": content}], rng.choice(temps), cap), min(cap, rng.randint(600, 2600))
        return make

    def mathsteps(self, caps: list[int], temps: list[float], tpls: list[str] | None = None) -> Maker:
        """Worked math solutions asked for in natural words (no 'step by step' formula)."""
        asks = tpls or self.p["math"]

        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            a, b, c = rng.randint(2, 90), rng.randint(2, 60), rng.randint(2, 40)
            p = rng.choice(self.p["problems"]).format(a=a, b=b, c=c)
            content = rng.choice(asks).format(p=p)
            cap = rng.choice(caps)
            return self.body([{"role": "user", "content": content}], rng.choice(temps), cap), min(cap, rng.randint(350, 1600))
        return make

    def trajectories(self, domains: list[str], cap: int = 3000, tpls: list[str] | None = None) -> Maker:
        """Agent-trajectory harvesting: a fresh tool set per request, one to four rounds of calls."""
        asks = tpls or self.p["traj"]

        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            tools = self.toolset9(rng, domains, rng.randint(2, 7))
            task = rng.choice(asks).format(t=self.topic(rng, domains), n=rng.randint(100, 99999))
            msgs: list[dict[str, Any]] = [{"role": "user", "content": task + self.p["traj_suffix"]}]
            for i in range(rng.choice([0, 1, 2, 2, 3, 4])):
                calls = [{"id": f"c{i}{j}", "type": "function", "function": {
                    "name": str(rng.choice(tools)["function"]["name"]), "arguments": '{"ref": "%d"}' % rng.randint(1, 9999)}}
                    for j in range(rng.randint(1, 2))]
                msgs.append({"role": "assistant", "content": None, "tool_calls": calls})
                for c in calls:
                    msgs.append({"role": "tool", "tool_call_id": c["id"], "content": self.doc(rng, domains, 30)})
            return (self.body(msgs, rng.choice([0.6, 0.8, 1.0]), cap, tools=tools, tool_choice="auto"),
                    rng.randint(250, min(cap, 1600)))
        return make

    def longctx(self, domains: list[str], caps: list[int], temps: list[float], tpls: list[str] | None = None) -> Maker:
        """Long-context harvesting: a pasted document and a request for exhaustive Q&A."""
        asks = tpls or self.p["longctx"]

        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            d = self.doc(rng, rng.sample(domains, 2), rng.randint(800, 2400))
            cap = rng.choice(caps)
            return (self.body([{"role": "user", "content": rng.choice(asks).format(d=d)}], rng.choice(temps), cap),
                    min(cap, rng.randint(1500, 6000)))
        return make


def _sys_for(tpl: str, dept: str, org: str) -> str:
    return tpl.format(dept=dept, org=org)


# ---- helpers --------------------------------------------------------------------------------
def _tz9(rng: random.Random) -> float:
    return rng.choice([-8.0, -6.0, -5.0, -3.0, 0.0, 1.0, 2.0, 3.0, 4.0, 5.5, 7.0, 8.0, 9.0, 10.0, 12.0])


def _honest9(ids: _Ids, rng: random.Random, pattern: str, m: Mixture, keys: int = 1, nets: list[str] | None = None,
             ua: str | None = None) -> SimTenant:
    nets = nets or ([rng.choice(_CLOUDS9)] if rng.random() < m.honest_cloud else [ids.net()])
    t = _tenant(ids, rng, "honest", pattern, keys=keys, nets=nets, uas=m.sdk_uas, ua=ua)
    t.jurisdiction = rng.choice(_CC9)
    if rng.random() < 0.1:
        t.bill = ""
    return t


def _cgnat_ips(rng: random.Random, n: int) -> list[str]:
    return [f"{rng.choice(_CGNAT9)}.{rng.randint(1, 254)}" for _ in range(n)]


def _resi_ips(rng: random.Random, n: int) -> list[str]:
    """Residential proxy exits: a fresh address (and mostly a fresh /24) per request."""
    return [f"{rng.randint(24, 223)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}" for _ in range(n)]


def _join(rng: random.Random, times: list[float], lo: float = 1.0, hi: float = 5.0) -> list[float]:
    """Staggered onboarding: the account only exists from a day between `lo` and `hi`."""
    start = T.WEEK_START + rng.uniform(lo, hi) * T.DAY
    return [x for x in times if x >= start]


def _jittered(maker: Maker, temp: float, top_p: float | None, cap: int | None) -> Maker:
    """An account's own parameters laid over the shared maker's."""
    def make(r: random.Random, ts: float) -> tuple[dict[str, Any], int]:
        body, out = maker(r, ts)
        if "tools" not in body and not body.get("logprobs"):
            body["temperature"] = temp
        if top_p is not None:
            body["top_p"] = top_p
        if cap is not None:
            for f in ("max_tokens", "max_completion_tokens"):
                if f in body and int(body[f]) > 16:
                    body[f] = cap
                    out = min(out, cap)
        return body, out
    return make


# ---- the population -------------------------------------------------------------------------
def populate9(rng: random.Random, kit: Kit, m: Mixture) -> list[SimTenant]:
    k = _Kit9(_vocab9(rng))
    kn = _Kit9(k.v, "max_completion_tokens")  # newer clients
    ids = _Ids(rng)
    out: list[SimTenant] = []
    for pattern, count in m.honest.items():
        for _ in range(count):
            t = _honest_tenant(ids, rng, k if rng.random() < 0.6 else kn, m, pattern)
            if pattern not in ("hobbyist", "byok") and rng.random() < 0.15:
                t.times = _join(rng, t.times, 0.5, 4.0)
            out.append(t)
    out.extend(_bootcamps9(ids, rng, k, m))
    out.extend(_trials9(ids, rng, k, m))
    out.extend(_distillers9(ids, rng, k, kn, m))
    out.extend(_turncoats9(ids, rng, k, m))
    plans = _plans9(rng, m)
    for ci, size in enumerate(m.campaigns):
        out.extend(_campaign9(ids, rng, k if ci % 2 == 0 else kn, m, f"camp_{ci + 1}", size, plans[ci]))
    return [t for t in out if t.times]


def _honest_tenant(ids: _Ids, rng: random.Random, k: _Kit9, m: Mixture, pattern: str) -> SimTenant:
    doms = k.v.domains
    v = m.volume
    z = _tz9(rng)
    t = _honest9(ids, rng, pattern, m, keys=rng.randint(1, 3))
    org = f"{rng.choice(_ORGS9 + _BRANDS9)} {rng.choice(['Group', 'Ltd', 'Inc', 'Health', 'Bank', 'Retail'])}"
    if pattern == "support":
        t.makers = [k.support9(org, rng.choice(doms))]
        t.times = T.diurnal(rng, rng.uniform(400, 1200) * v, z, weekend=0.4)
    elif pattern == "summarize":
        t.makers = [k.summarize(rng.sample(doms, rng.choice([1, 2, 3])))]
        t.times = T.nightly(rng, rng.uniform(500, 1500) * v, begin=rng.uniform(0.0, 22.0), hours=rng.uniform(1.0, 3.0))
    elif pattern == "translate":
        t.makers = [k.translate(rng.sample(doms, 4))]
        t.times = T.flat(rng, rng.uniform(800, 2200) * v)
    elif pattern == "extract":
        t.makers = [k.extract9(rng.choice(doms))]
        t.times = T.diurnal(rng, rng.uniform(300, 900) * v, z, width=3.5)
    elif pattern == "ide":
        t.keys = _keys(ids, rng.randint(5, 25))
        t.ua = rng.choice(["Cursor/0.50", "continue-vscode/1.1.2", "OpenAI/NodeJS 4.95.1", "zed/0.185"])
        t.makers = [k.ide9(rng.choice(["VS Code", "IntelliJ", "Zed", "Cursor", "Vim"]))]
        t.times = T.diurnal(rng, len(t.keys) * rng.uniform(30, 80) * v, z)
    elif pattern == "rag":
        t.makers = [k.rag9(org, rng.sample(doms, rng.randint(1, 3)))]
        t.times = T.diurnal(rng, rng.uniform(200, 700) * v, z)
    elif pattern == "eval":
        t.makers = [k.eval_team(doms)]
        t.times = T.bursts(rng, int(rng.uniform(1500, 4500) * v) + 50, rng.randint(1, 3), rng.uniform(2, 8))
    elif pattern == "chat":
        t.makers = [k.chat9(doms, n_multi=0.05)]
        t.times = T.diurnal(rng, rng.uniform(500, 1500) * v, z, width=4.5)
    elif pattern == "classify":
        t.makers = [k.classify(rng.sample(doms, 2))]
        t.times = T.flat(rng, rng.uniform(600, 2000) * v)
    elif pattern == "agent":
        d = rng.choice(doms)
        t.ua = rng.choice(["langchain-openai/0.3.16", "openai-agents/0.0.14", "llama-index/0.12.34", "pydantic-ai/0.1.9"])
        t.makers = [k.agent9(d, f"{rng.choice(_ORGS9)}Ops", k.toolset9(rng, [d], rng.randint(3, 8)))]
        t.times = T.diurnal(rng, rng.uniform(300, 900) * v, z, width=4.0)
    elif pattern == "tutor":
        subject = rng.choice(["math", "physics", "biology", "programming", "economics", "geology", "epidemiology"])
        t.makers = [k.tutor9(subject, [subject] + rng.sample(doms, rng.randint(0, 2)))]
        t.times = T.diurnal(rng, rng.uniform(300, 800) * v, z, peak=rng.choice([16.0, 19.0, 21.0]), width=3.0, weekend=0.7)
    elif pattern == "lp_classifier":
        t.makers = [k.lp9(rng.sample(doms, rng.randint(1, 4)), rng.choice([5, 10, 20]))]
        t.times = T.flat(rng, rng.uniform(700, 1800) * v)
    elif pattern == "consumer":
        t.ua = rng.choice(["Vercel AI SDK/4.3.9", "OpenAI/NodeJS 4.95.1"])
        t.ips = _cgnat_ips(rng, 8)
        t.makers = [k.consumer9(rng.sample(doms, rng.randint(4, 8)))]
        t.times = T.diurnal(rng, rng.uniform(300, 800) * v, z, peak=20.0, width=3.5, weekend=1.8)
    elif pattern == "labeler":
        t.keys = _keys(ids, rng.randint(3, 10))
        t.makers = [k.labeler(rng.sample(doms, rng.randint(6, 12)), rng.choice(_LABELS9), rng.choice([5, 10]))]
        t.times = T.flat(rng, rng.uniform(1200, 3000) * v)
    elif pattern == "sweep":
        t.makers = [k.sweep(doms, [0.0, 0.3, 0.6, 0.9, 1.2][: rng.randint(3, 5)], [1, 1, 4, 8], rng.randint(3, 5))]
        t.times = T.bursts(rng, int(rng.uniform(1000, 3500) * v) + 40, rng.randint(2, 4), rng.uniform(2, 8))
    elif pattern == "hobbyist":
        _hobbyist9(rng, k, t, z)
    elif pattern in _NEW_HONEST:
        _NEW_HONEST[pattern](ids, rng, k, m, t, z)
    else:
        raise ValueError(f"holdout9: unknown honest pattern {pattern!r}")
    return t


def _hobbyist9(rng: random.Random, k: _Kit9, t: SimTenant, z: float) -> None:
    doms = k.v.domains
    if rng.random() < 0.3:
        t.ips = _cgnat_ips(rng, 3)
    r = rng.random()
    t.makers = [k.chat9(rng.sample(doms, rng.randint(1, 5)), conversational=0.3) if r < 0.5 else
                k.essay9(rng.sample(doms, 2), rng.choice([1500, 2000, 4096])) if r < 0.7 else
                k.harvest9(rng.sample(doms, 2), [512, 1024], [0.7], templates=k.p["q"], voice=_voice(rng) if r < 0.85 else None)]
    t.times = T.diurnal(rng, rng.uniform(1, 25), z)


def _game_studio(ids: _Ids, rng: random.Random, k: _Kit9, m: Mixture, t: SimTenant, z: float) -> None:
    """Bulk NPC and quest text over many themes: nightly pipeline runs plus writers by day."""
    t.keys = _keys(ids, rng.randint(2, 6))
    t.ua = _GAME_UA9 if rng.random() < 0.6 else rng.choice(_SCRIPT_UAS9[:3])
    game = f"{rng.choice(['Ember', 'Hollow', 'Star', 'Tide', 'Iron'])}{rng.choice(['fall', 'reach', 'wake', 'spire', 'song'])}"
    t.makers = [k.npc(game, rng.choice(k.p["genres"]), rng.sample(k.v.domains, rng.randint(10, len(k.v.domains))))]
    n = int(rng.uniform(2000, 6000) * m.volume) + 30
    t.times = sorted(T.bursts(rng, n, rng.randint(2, 5), rng.uniform(2.0, 6.0))
                     + T.diurnal(rng, rng.uniform(100, 300) * m.volume, z, width=3.0, weekend=0.3))


def _agency(ids: _Ids, rng: random.Random, k: _Kit9, m: Mixture, t: SimTenant, z: float) -> None:
    """A marketing agency: a key per client brand, copy over many industries, office hours."""
    doms = k.v.domains
    t.keys = _keys(ids, rng.randint(10, 40))
    t.makers = [k.brand(f"{rng.choice(_BRANDS9)} {rng.choice(['Co', 'Goods', 'Studio', 'Kitchen', 'Wear', 'Finance'])}",
                        rng.choice(k.p["industries"]), [rng.choice(doms) for _ in range(3)]) for _ in t.keys]
    t.times = _office(rng, int(rng.uniform(800, 2000) * 5 * m.volume) + 10, z, width=2.5)


def _ediscovery(ids: _Ids, rng: random.Random, k: _Kit9, m: Mixture, t: SimTenant, z: float) -> None:
    """Litigation support: long productions summarised at the cap, review days plus overnight batches."""
    t.keys = _keys(ids, rng.randint(3, 8))
    firm = f"{rng.choice(_ORGS9)} & {rng.choice(_ORGS9)} LLP"
    t.makers = [k.ediscovery(firm, rng.sample(["law", "finance", "economics", "medicine", "energy"], 3) + rng.sample(k.v.domains, 1),
                             rng.choice([2048, 4096]))]
    t.times = sorted(T.diurnal(rng, rng.uniform(150, 400) * m.volume, z, width=3.0, weekend=0.2)
                     + T.nightly(rng, rng.uniform(200, 500) * m.volume, begin=rng.uniform(0.0, 20.0), hours=4.0))


def _accessibility(ids: _Ids, rng: random.Random, k: _Kit9, m: Mixture, t: SimTenant, z: float) -> None:
    t.makers = [k.alt_text(k.v.domains)]
    t.times = T.flat(rng, rng.uniform(800, 2000) * m.volume)


def _news(ids: _Ids, rng: random.Random, k: _Kit9, m: Mixture, t: SimTenant, z: float) -> None:
    t.ua = rng.choice(_SCRIPT_UAS9[:4])
    t.makers = [k.news(k.v.domains)]
    t.times = T.flat(rng, rng.uniform(600, 1600) * m.volume)


def _router(ids: _Ids, rng: random.Random, k: _Kit9, m: Mixture, t: SimTenant, z: float) -> None:
    """An internal LLM router: one to three keys for the whole company, many departments."""
    doms = k.v.domains
    t.keys = t.keys[: rng.randint(1, 3)]
    t.ua = _ROUTER_UA9 if rng.random() < 0.5 else "litellm/1.67.2"
    org = f"{rng.choice(_ORGS9)} {rng.choice(['Group', 'Holdings', 'Industries'])}"
    depts = [(d, rng.sample(doms, rng.randint(2, 4))) for d in rng.sample(k.p["depts"], rng.randint(8, 15))]
    t.makers = [k.router(org, depts)]
    t.times = T.diurnal(rng, rng.uniform(1000, 2500) * m.volume, z, width=3.5, weekend=0.15)


def _acad_eval(ids: _Ids, rng: random.Random, k: _Kit9, m: Mixture, t: SimTenant, z: float) -> None:
    nets = [f"{rng.randint(128, 171)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}"]
    t.ips = [f"{nets[0]}.{rng.randint(1, 254)}" for _ in range(6)]
    t.ua = _ACAD_UA9 if rng.random() < 0.7 else "OpenAI/Python 1.75.0"
    t.makers = [k.acad_eval(rng.sample(k.p["benches"], rng.randint(6, 15)), k.v.domains, rng.randint(0, 99))]
    t.times = T.bursts(rng, int(rng.uniform(3000, 8000) * m.volume) + 50, rng.randint(2, 5), rng.uniform(3, 10))


def _testdata(ids: _Ids, rng: random.Random, k: _Kit9, m: Mixture, t: SimTenant, z: float) -> None:
    t.makers = [k.testdata(rng.sample(k.v.domains, rng.randint(5, 12)))]
    t.times = sorted(T.bursts(rng, int(rng.uniform(500, 2000) * m.volume) + 20, rng.randint(2, 4), rng.uniform(1, 4))
                     + _office(rng, int(rng.uniform(100, 400) * m.volume), z))


def _dictionary(ids: _Ids, rng: random.Random, k: _Kit9, m: Mixture, t: SimTenant, z: float) -> None:
    """A dictionary app: users look words up around the clock; editors backfill entries in batches."""
    t.ua = rng.choice(["lexica-server/3.1", "OpenAI/Python 1.75.0"])
    t.makers = [k.dictionary(k.v.domains)]
    t.times = sorted(T.diurnal(rng, rng.uniform(300, 900) * m.volume, z, width=5.0, weekend=1.1)
                     + T.bursts(rng, int(rng.uniform(500, 2000) * m.volume) + 10, rng.randint(1, 3), rng.uniform(2, 5)))


def _byok9(ids: _Ids, rng: random.Random, k: _Kit9, m: Mixture, t: SimTenant, z: float) -> None:
    doms = k.v.domains
    t.keys = t.keys[:1]
    t.ua = rng.choice(_BYOK_UAS9)
    if rng.random() < 0.5:
        t.ips = _cgnat_ips(rng, 4)
    t.makers = [_mixed(k.chat9(rng.sample(doms, rng.randint(2, 6)), conversational=0.6),
                       k.essay9(rng.sample(doms, 2), rng.choice([2000, 4096])), rng.uniform(0.05, 0.3))]
    t.times = T.diurnal(rng, rng.uniform(3, 40), z, peak=rng.choice([12.0, 21.0]), width=4.0, weekend=1.2)


_NEW_HONEST = {"game_studio": _game_studio, "agency": _agency, "ediscovery": _ediscovery,
               "accessibility": _accessibility, "news": _news, "router": _router, "acad_eval": _acad_eval,
               "testdata": _testdata, "dictionary": _dictionary, "byok": _byok9}


def _bootcamps9(ids: _Ids, rng: random.Random, k: _Kit9, m: Mixture) -> list[SimTenant]:
    """Coding-bootcamp cohorts (`m.cohorts`): tiny student accounts on one campus /24, one
    client, the cohort's billing domain, questions on the week's assignment in lab sessions."""
    out: list[SimTenant] = []
    for size in m.cohorts:
        net = f"{rng.randint(128, 200)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}"
        lang = rng.choice(["Python", "JavaScript", "Java"])
        course = f"{rng.choice(['CodePath', 'LaunchLab', 'ByteCamp', 'DevForge'])} {lang} Bootcamp"
        assignment = [k.topic(rng, ["programming"]) for _ in range(4)]
        tz = _tz9(rng)
        starts = [d * T.DAY + ((rng.uniform(9.0, 15.0) - tz) % 24.0) * 3600.0 for d in rng.sample(range(5), 3)]
        labs = [(s, s + 3.0 * 3600.0) for s in starts]
        domain = f"students.{course.split()[0].lower()}.example"
        ua = rng.choice(["OpenAI/Python 1.75.0", "OpenAI/NodeJS 4.95.1"])
        for j in range(size):
            t = _honest9(ids, rng, "bootcamp", m, keys=1, nets=[net], ua=ua)
            t.ips = [f"{net}.{rng.randint(1, 254)}" for _ in range(2)]
            t.jurisdiction = "US" if tz < 0 else "GB"
            t.bill = f"s{rng.randint(1000, 9999)}{j}@{domain}"
            t.makers = [k.bootcamp(course, lang, assignment)]
            t.times = T.sessions(rng, labs, rng.randint(3, 30))
            out.append(t)
    return out


def _trials9(ids: _Ids, rng: random.Random, k: _Kit9, m: Mixture) -> list[SimTenant]:
    """Honest accounts of one to eight requests: a third long essays, some free-form long asks."""
    doms = k.v.domains
    out: list[SimTenant] = []
    for _ in range(m.trial_accounts):
        t = _honest9(ids, rng, "trial", m, ua=rng.choice(_BYOK_UAS9) if rng.random() < 0.2 else _any_ua(rng) if rng.random() < 0.2 else None)
        if rng.random() < 0.3:
            t.ips = _cgnat_ips(rng, 2)
        r = rng.random()
        if r < 0.3:
            t.makers = [k.essay9(rng.sample(doms, 2), rng.choice([2000, 3000, 4096]))]
        elif r < 0.45:
            t.makers = [k.harvest9(rng.sample(doms, 2), [1024, 2000], [0.7], voice=_voice(rng))]
        elif r < 0.5:
            t.makers = [k.code(rng.sample(_CODE_LANGS9, 1), doms, [1500], [0.7])]
        else:
            t.makers = [k.chat9(rng.sample(doms, rng.randint(1, 3)), conversational=0.2)]
        t.times = T.visit(rng, 5.0, 8)
        out.append(t)
    return out


# ---- distillers -----------------------------------------------------------------------------
def _distillers9(ids: _Ids, rng: random.Random, k: _Kit9, kn: _Kit9, m: Mixture) -> list[SimTenant]:
    doms = k.v.domains
    v = m.volume
    out: list[SimTenant] = []
    late = 0
    for pattern, count in m.distill.items():
        for i in range(count):
            kk = k if rng.random() < 0.6 else kn
            keys = rng.randint(1, 2) if pattern == "drip" else rng.randint(1, 5)
            t = _tenant(ids, rng, "distiller", pattern, keys=keys,
                        nets=[rng.choice(_CLOUDS9)] if rng.random() < 0.35 else None,
                        uas=tuple(m.sdk_uas) if rng.random() < 0.6 else tuple(_SCRIPT_UAS9))
            t.jurisdiction = rng.choice(_CC9)
            if rng.random() < 0.1:
                t.bill = ""
            caps = rng.sample(m.harvest_max_tokens, rng.randint(1, 3))
            temps = rng.choice([[0.7], [0.9], [0.5, 0.7, 0.9, 1.0]])
            broad = rng.sample(doms, rng.randint(8, len(doms)))
            z = _tz9(rng)
            t.makers, t.times = _distiller_traffic(rng, kk, pattern, i, broad, caps, temps, z, v)
            if pattern == "blend":
                t.ua = rng.choice(_APP_UAS9)
            late += 1
            if late % 3 == 0 and pattern != "drip":  # staggered onboarding: a third join on day 1-5
                t.times = _join(rng, t.times)
            out.append(t)
    return out


def _distiller_traffic(rng: random.Random, k: _Kit9, pattern: str, i: int, broad: list[str], caps: list[int],
                       temps: list[float], z: float, v: float) -> tuple[list[Maker], list[float]]:
    flat = T.flat(rng, rng.uniform(500, 1400) * v)
    if pattern == "harvest":
        return [k.harvest9(broad, caps, temps, cot=0.1)], T.flat(rng, rng.uniform(900, 2400) * v)
    if pattern == "cot":
        return [k.harvest9(broad, caps, temps, cot=0.7)], T.diurnal(rng, rng.uniform(600, 1500) * v, z, width=5.0)
    if pattern == "logprob":
        return [k.harvest9(broad, [256, 512, 1024], [0.0] if i % 2 == 0 else [0.0, 1.0], logprobs=rng.choice([5, 10, 20]))], flat
    if pattern == "preference":
        return [k.pref_pairs(broad, (0.1, 1.0)) if i % 2 == 0 else k.pair_gen(broad, judge=0.3)], flat
    if pattern == "multiturn":
        return [k.deepen(broad, caps, temps)], T.diurnal(rng, rng.uniform(500, 1300) * v, z, width=4.0, weekend=0.5)
    if pattern == "jsonset":
        return [k.jsonset(broad, [c for c in caps if c >= 2000] or [4000])], T.diurnal(rng, rng.uniform(200, 600) * v, z, width=5.0)
    if pattern == "persona":
        return ([k.persona(broad, caps, temps, voice=_voice(rng) if i % 2 else None)],
                T.diurnal(rng, rng.uniform(500, 1400) * v, z, width=5.0, weekend=0.6))
    if pattern == "augment":
        return [k.augment(broad, [c for c in caps if c >= 1000] or [2000], temps)], flat
    if pattern == "code":
        langs = rng.sample(_CODE_LANGS9, rng.randint(8, len(_CODE_LANGS9)))
        return ([k.code(langs, broad, [c for c in caps if c >= 1500] or [3000], temps)],
                _office(rng, int(rng.uniform(3000, 7000) * v) + 5, z, width=3.0) if i % 2 else flat)
    if pattern == "mathsteps":
        return [k.mathsteps(caps, temps)], T.diurnal(rng, rng.uniform(500, 1300) * v, z, peak=19.0, width=4.0, weekend=1.0)
    if pattern == "agenttraj":
        return [k.trajectories(broad, rng.choice([2000, 3000, 4096]))], flat
    if pattern == "longctx":
        return [k.longctx(broad, [c for c in caps if c >= 3000] or [4096, 8000], temps)], T.flat(rng, rng.uniform(200, 600) * v)
    if pattern == "officehours":  # weekday office hours in one time zone
        mk = k.harvest9(broad, caps, temps, cot=0.2, voice=_voice(rng) if i % 2 else None)
        return [mk], _office(rng, int(rng.uniform(3000, 7000) * v) + 5, z, peak=rng.uniform(10.5, 15.0), width=2.0)
    if pattern == "blend":  # 50-80% genuine app traffic, the rest harvesting
        app_i = rng.randrange(len(k.p["app"]))
        app = k.app9(str(k.p["app"][app_i]), rng.sample(broad, 4))
        harvest = (k.harvest9(broad, caps, temps, cot=0.2) if i % 3 == 0 else
                   k.augment(broad, [2000, 3000], temps) if i % 3 == 1 else k.mathsteps(caps, temps))
        return ([_mixed(harvest, app, rng.uniform(0.5, 0.8))],
                T.diurnal(rng, rng.uniform(800, 2000) * v, z, peak=20.0, width=4.0, weekend=1.3))
    # drip: a few dozen a day
    drip = (k.harvest9(broad, caps, temps, voice=_voice(rng)) if i % 3 == 0 else
            k.code(rng.sample(_CODE_LANGS9, 10), broad, [3000], temps) if i % 3 == 1 else k.longctx(broad, [4096], temps))
    return [drip], T.diurnal(rng, rng.uniform(12, 45), z, width=5.0, weekend=0.7)


def _turncoats9(ids: _Ids, rng: random.Random, k: _Kit9, m: Mixture) -> list[SimTenant]:
    """Honest tenants whose one turned key starts harvesting: an agency brand key (the only key)
    at day ~2, a tutoring key (one key) at day ~3, a router at day ~4.3 and a game studio at day
    ~5.6; each keeps 10-40% of its honest traffic on the turned key."""
    doms = k.v.domains
    out: list[SimTenant] = []
    for i in range(m.turncoats):
        kind = ["agency", "tutor", "router", "game"][i % 4]
        t = _honest9(ids, rng, "turncoat", m, keys=1 if kind in ("agency", "tutor") else rng.randint(2, 4))
        t.label = "distiller"
        t.bill = t.bill or f"billing@{t.id[4:10]}.example"
        broad = rng.sample(doms, rng.randint(8, 14))
        caps = rng.sample(m.harvest_max_tokens, 2)
        if kind == "agency":
            d = rng.choice(doms)
            honest = k.brand(f"{rng.choice(_BRANDS9)} Goods", rng.choice(k.p["industries"]), [d] + rng.sample(doms, 2))
            turned = k.persona(broad, caps, [0.7, 0.9])
        elif kind == "tutor":
            honest = k.tutor9("math", ["math", "physics"])
            turned = k.mathsteps(caps, [0.6, 0.8])
        elif kind == "router":
            t.ua = _ROUTER_UA9
            honest = k.router(f"{rng.choice(_ORGS9)} Group", [(d, rng.sample(doms, 3)) for d in rng.sample(k.p["depts"], 10)])
            turned = k.longctx(broad, [4096, 8000], [0.7])
        else:
            t.ua = _GAME_UA9
            honest = k.npc("Tidewake", "survival crafting", rng.sample(doms, 12))
            turned = k.augment(broad, [2000, 3000], [0.9, 1.0])
        t.makers = [honest] * len(t.keys)
        t.turn_key = t.keys[rng.randrange(len(t.keys))]
        when = [(1.7, 2.3), (2.8, 3.4), (4.1, 4.6), (5.4, 5.9)][i % 4]
        t.turn_ts = T.WEEK_START + rng.uniform(*when) * T.DAY
        t.turned = _mixed(turned, honest, rng.uniform(0.1, 0.4))
        since = t.turn_ts - T.WEEK_START
        z = _tz9(rng)
        before = T.diurnal(rng, rng.uniform(400, 1000) * m.volume, z)
        after = (T.diurnal(rng, rng.uniform(800, 1800) * m.volume, z, width=3.0, weekend=0.6, start=since) if i % 2
                 else T.flat(rng, rng.uniform(800, 1800) * m.volume, start=since))
        t.times = sorted(before + [x for x in after if x >= t.turn_ts])
        out.append(t)
    return out


# ---- campaigns ----------------------------------------------------------------------------
def _plans9(rng: random.Random, m: Mixture) -> list[dict[str, Any]]:
    """Each campaign's choices, dealt so that each option occurs: network (own /24s, shared cloud,
    residential per request, mobile CGNAT), client (one, SDK per account, SDK per request, a
    distinct client per account), timing (sessions, uniform all week, office hours in one zone,
    relay), wording (verbatim, reworded, own subset, free-form), billing (shared domain, distinct,
    none), parameter jitter per account, cover share (0-70%) and kind, harvest style. Two
    campaigns are ghosts: residential, distinct clients, distinct or no billing, free-form
    harvesting (a template-free style) and free-form cover."""
    k = len(m.campaigns)
    # two ghosts: one of the three largest campaigns and one of the rest
    order = sorted(range(k), key=lambda i: m.campaigns[i])
    ghosts = sorted({rng.choice(order[-3:]), rng.choice(order[:-3] or order)}) if k >= 2 else []
    rest_i = [i for i in range(k) if i not in ghosts]
    nets, uas, wording, bill = ["residential"] * k, ["distinct"] * k, ["freeform"] * k, ["none"] * k
    for i, a, b, c, d in zip(rest_i, _deal(rng, len(rest_i), [("cloud", 0.2), ("residential", 0.2), ("cgnat", 0.2)], "own"),
                             _deal(rng, len(rest_i), [("account", 0.2), ("request", 0.2)], "fixed"),
                             _deal(rng, len(rest_i), [("reword", 0.2), ("subset", 0.2)], "verbatim"),
                             _deal(rng, len(rest_i), [("shared", 0.3), ("none", 0.2)], "distinct")):
        nets[i], uas[i], wording[i], bill[i] = a, b, c, d
    for g in ghosts:
        bill[g] = rng.choice(["distinct", "none"])
    timing = _deal(rng, k, [("uniform", 0.2), ("office", 0.2), ("relay", 0.2)], "sessions")
    jitter = _deal(rng, k, [("yes", 0.5)], "no")
    covers = [0.0] + [0.7 * (j + rng.uniform(0.2, 1.0)) / (k - 1) for j in range(k - 1)]
    rng.shuffle(covers)
    fresh = ["persona", "augment", "code", "mathsteps", "agenttraj", "longctx"]
    rest = ["plain", "cot", "logprob", "jsonset", "nsample", "multiturn"]
    rng.shuffle(fresh)
    rng.shuffle(rest)
    styles = ((fresh + rest) * (k // 12 + 1))[:k]
    rng.shuffle(styles)
    cover_kinds = (["chat", "consumer", "app", "support"] * (k // 4 + 1))[:k]
    rng.shuffle(cover_kinds)
    voiced = {"plain", "cot", "logprob", "nsample", "multiturn"}  # styles written wholly in free-form prompts
    for g in ghosts:  # a ghost takes a free-form style and plain cover (no shared app or brand prompt)
        if styles[g] not in voiced:
            swap = next((i for i in rest_i if styles[i] in voiced), None)
            if swap is not None:
                styles[g], styles[swap] = styles[swap], styles[g]
            else:
                styles[g] = "plain"
        if cover_kinds[g] in ("app", "support"):
            swap = next((i for i in rest_i if cover_kinds[i] in ("chat", "consumer")), None)
            if swap is not None:
                cover_kinds[g], cover_kinds[swap] = cover_kinds[swap], cover_kinds[g]
        cover_kinds[g] = "casual"
    return [{"net": nets[i], "ua": uas[i], "timing": timing[i], "wording": wording[i], "bill": bill[i],
             "jitter": jitter[i] == "yes", "cover": covers[i], "style": styles[i], "cover_kind": cover_kinds[i],
             "ghost": i in ghosts} for i in range(k)]


def _harvester9(rng: random.Random, k: _Kit9, style: str, broad: list[str], caps: list[int], temps: list[float],
                tpls: list[str] | None, voice: dict[str, Any] | None) -> Maker:
    if style == "persona":
        return k.persona(broad, caps, temps, voice=voice)
    if style == "augment":
        return k.augment(broad, [c for c in caps if c >= 1000] or [2000], temps, tpls)
    if style == "code":
        return k.code(rng.sample(_CODE_LANGS9, rng.randint(6, 14)), broad, [c for c in caps if c >= 1500] or [3000], temps, tpls)
    if style == "mathsteps":
        return k.mathsteps(caps, temps, tpls)
    if style == "agenttraj":
        return k.trajectories(broad, max(caps), tpls)
    if style == "longctx":
        return k.longctx(broad, [c for c in caps if c >= 3000] or [4096], temps, tpls)
    if style == "jsonset":
        return k.jsonset(broad, [c for c in caps if c >= 2000] or [4000])
    if style == "multiturn" and voice is None:
        return k.deepen(broad, caps, temps, templates=tpls)
    return k.harvest9(broad, caps, [0.0] if style == "logprob" else temps, templates=tpls,
                      cot=0.6 if style == "cot" else 0.05, voice=voice,
                      logprobs=rng.choice([5, 10]) if style == "logprob" else 0, n_max=4 if style == "nsample" else 1)


_STYLE_KEY9 = {"augment": "augment", "code": "code", "mathsteps": "math", "agenttraj": "traj", "longctx": "longctx"}


def _cover9(rng: random.Random, k: _Kit9, kind: str, app_sys: str, app_doms: list[str],
            voice: dict[str, Any] | None) -> Maker:
    doms = k.v.domains
    if kind == "casual" and voice is not None:
        return k.casual9(rng.sample(doms, rng.randint(3, 8)), voice)
    if kind == "chat":
        return k.chat9(rng.sample(doms, rng.randint(2, 6)), conversational=0.4)
    if kind == "consumer":
        return k.consumer9(rng.sample(doms, rng.randint(2, 6)))
    if kind == "support":
        return k.support9(f"{rng.choice(_BRANDS9 + _ORGS9)} {rng.choice(['Bank', 'Mobile', 'Travel'])}", rng.choice(doms))
    return k.app9(app_sys, app_doms)


def _count9(rng: random.Random, m: Mixture, size: int) -> int:
    if size >= 300:
        return rng.randint(1, 10)
    if size >= 50:
        return rng.randint(8, 40)
    if size >= 10:
        return int(rng.uniform(30, 180) * m.volume) + 5
    return int(rng.uniform(150, 700) * m.volume) + 20


def _times9(rng: random.Random, timing: str, count: int, j: int, size: int, ctx: dict[str, Any]) -> list[float]:
    if timing == "office":
        return _office(rng, count, float(ctx["tz"]), peak=float(ctx["peak"]) + rng.uniform(-1.0, 1.0), width=1.8)
    if timing == "uniform":
        return sorted(T.WEEK_START + rng.uniform(0.0, T.WEEK) for _ in range(count))
    if timing == "relay":  # accounts used one after another
        slot = T.WEEK * (j + rng.uniform(0.0, 1.0)) / size
        span = min(T.WEEK / size, 4.0 * 3600.0) if size > 20 else rng.uniform(6.0, 20.0) * 3600.0
        begin = min(slot, T.WEEK - span)
        return sorted(T.WEEK_START + begin + rng.uniform(0.0, span) for _ in range(count))
    return T.sessions(rng, list(ctx["windows"]), count)


def _campaign9(ids: _Ids, rng: random.Random, k: _Kit9, m: Mixture, cid: str, size: int,
               plan: dict[str, Any]) -> list[SimTenant]:
    doms = k.v.domains
    net_mode = str(plan["net"])
    nets = ([ids.net() for _ in range(rng.randint(1, 4))] if net_mode == "own"
            else rng.sample(_CLOUDS9, rng.randint(2, 4)) if net_mode == "cloud" else [])
    ua_mode = str(plan["ua"])
    ua = rng.choice(list(m.campaign_uas) or _SCRIPT_UAS9)
    sdk = sorted(set(m.sdk_uas)) or _SCRIPT_UAS9
    style = str(plan["style"])
    wording = str(plan["wording"])
    share = float(plan["cover"])
    cover_kind = str(plan["cover_kind"])
    pool = list(k.p[_STYLE_KEY9.get(style, "harvest")])  # the wording this style's requests are built from
    templates = rng.sample(pool, rng.randint(3, 6) if len(pool) > 6 else rng.randint(2, len(pool)))
    caps0 = rng.sample(m.harvest_max_tokens, rng.randint(2, 3))
    temps0 = [rng.choice([0.7, 0.8, 1.0])]
    broad = rng.sample(doms, rng.randint(10, len(doms)))
    app_i = rng.randrange(len(k.p["app"]))
    app_sys = str(k.p["app"][app_i])
    app_doms = rng.sample(doms, rng.randint(3, 6))
    lo, hi = m.session_hours
    ctx: dict[str, Any] = {
        "tz": _tz9(rng), "peak": rng.uniform(10.0, 15.5),
        "windows": [(s, s + rng.uniform(lo, hi) * 3600.0)
                    for s in (rng.uniform(0, T.WEEK - hi * 3600) for _ in range(m.session_windows))]}
    shared_dom = f"{rng.choice(['north', 'blue', 'apex', 'core', 'swift'])}{rng.getrandbits(16):04x}.example"
    cc = rng.choice(_CC9)
    shared = _harvester9(rng, k, style, broad, caps0, temps0, templates, None)
    out: list[SimTenant] = []
    for j in range(size):
        times = _times9(rng, str(plan["timing"]), _count9(rng, m, size), j, size, ctx)
        t = _tenant(ids, rng, "distiller", "campaign",
                    ua=_any_ua(rng) if ua_mode == "distinct" else
                    _APP_UAS9[app_i] if cover_kind == "app" and share > 0.0 and ua_mode == "fixed" else
                    rng.choice(sdk) if ua_mode != "fixed" else ua,
                    nets=nets or [ids.net()])
        t.campaign = cid
        t.jurisdiction = cc if rng.random() < 0.6 and not plan["ghost"] else rng.choice(_CC9)
        if net_mode == "cgnat":
            t.ips = _cgnat_ips(rng, len(times) + 2)
        elif net_mode == "residential":
            t.ips = _resi_ips(rng, len(times) + 2)
        if ua_mode == "request":
            t.uas = rng.sample(sdk, min(len(sdk), rng.randint(2, 3)))
        if plan["bill"] == "shared":
            t.bill = f"{rng.choice(['ap', 'billing', 'finance', 'admin', 'ops', 'it'])}{rng.randint(1, 999)}@{shared_dom}"
        elif plan["bill"] == "none":
            t.bill = ""
        caps, temps = caps0, temps0
        voice = None
        if wording == "reword":
            harvest = _harvester9(rng, k, style, broad, caps, temps, [k.paraphrase(rng, x) for x in templates], None)
        elif wording == "subset":
            harvest = _harvester9(rng, k, style, broad, caps, temps, rng.sample(pool, min(3, len(pool) - 1)), None)
        elif wording == "freeform":
            voice = _voice(rng)
            harvest = _harvester9(rng, k, style, broad, caps, temps, None, voice)
        else:
            harvest = shared
        if plan["jitter"]:
            top_p = round(rng.uniform(0.85, 1.0), 2) if rng.random() < 0.5 else None
            harvest = _jittered(harvest, round(rng.uniform(0.5, 1.05), 2), top_p, rng.choice(m.harvest_max_tokens))
        t.times = times
        if share <= 0.0:
            t.makers = [harvest]
        else:
            cover = _cover9(rng, k, cover_kind, app_sys, app_doms, voice)
            t.makers = [_harvest_at(harvest, cover, share, rng.randrange(len(t.times))) if cover_kind == "app"
                        else _first_harvest(harvest, cover, share)]
        out.append(t)
    return out
