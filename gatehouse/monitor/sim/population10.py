"""holdout10's population (`style="v10"`): phrasing L and a domain mix of its own (both defined
here), new honest hard negatives next to a selection of the classic kinds, new distiller habits,
and seven campaign "operations", each with its own infrastructure, tooling, schedule and goal.

Domains: the shared ones less history, cooking, music, sports, philosophy and telecom; five
borrowed (astronomy, linguistics, robotics, taxation, forensics) and seven new (archaeology,
photography, railways, dentistry, textiles, viticulture, ornithology), with seeded invented terms.

Honest, classic (in phrasing L): support bots, nightly summarisation, translation, JSON
extraction, IDE assistants, RAG, an evaluation team sweeping a broad benchmark at temperature 0
(seeded), chat, creative drafts with n 2-4, sentiment classification with logprobs, tool-using
agents, 350 hobbyists (personal free-mail billing; a third on mobile CGNAT, half of those with an
Android okhttp client) and 4,500 trial accounts (one to seven requests; some ask for long essays,
free-form long answers or "20 training examples as JSON"), so that honest tenants outnumber
distilling ones.
Honest, new:
- homework / expert-answer Q&A sites (`qa_site`): end users' own messy questions on every subject
  under the platform's system prompt, long step-by-step answers, evening peak, 24/7;
- LLM-as-judge teams (`judge`) grading their own assistant's replies (rubric and A/B pairwise,
  JSON, temperature 0) in release bursts plus a nightly CI run;
- exam-prep publishers (`exam_prep`) backfilling explanations for an item bank (sequential item
  ids, templated, several subjects) in overnight batches, plus students' follow-ups by day;
- marketplace catalog enrichment (`catalog`): JSON product copy for SKUs in many categories,
  nightly high-volume templated runs;
- customers generating fine-tuning data for their own narrow models (`tuner`): synthetic
  customer utterances per intent with n 1-3 at temperature 1.0-1.2, paraphrases, tone rewrites;
- ~120 developers' bring-your-own-key coding agents (`codeagent`, aider/Cline/Roo-style clients):
  long repository context, a fixed tool set, multi-turn tool results, caps up to 8,192 or none,
  evening/weekend sessions;
- a conglomerate (`conglomerate`): ~22 business-unit tenants behind one corporate egress /24 pair,
  most through the group's AI gateway user agent and billed to one accounts-payable address, each
  unit its own workload (support, RAG, summaries, extraction, translation, long internal guides
  on many topics);
- a development agency (`devshop`): ~16 client-project tenants from the agency's office /24 and
  CI cloud range with one pinned SDK, half billed to the agency, chatbots, RAG, extraction,
  catalog copy, client classifier training data and evals;
- a PaaS (`paas`): ~80 unrelated indie apps egressing from the platform's two /24s with the
  platform's runtime user agent, each its own app prompt, billing mostly personal free-mail;
- conference workshops (`cohorts`, 120 and 300 attendees): tiny accounts on a hosted-notebook
  service's cloud ranges, one pinned SDK version, the same verbatim exercise prompts (including
  "15 Q&A pairs as JSON", the same prompt at temperature 0 and 1.5, and a logprobs demo) in one
  three-hour session, a few returning later in the week.
Shared infrastructure: 30% of honest tenants on nine public-cloud /24s that a third of the single
distillers and the `cluster` campaign also use; the PaaS's two /24s carry its honest apps and the
`fronts` campaign; mobile CGNAT ranges carry hobbyists, trials, some coding-agent users and the
`farm` campaign; free-mail billing domains are shared by hobbyists, trials, PaaS developers,
workshop attendees, coding-agent users, a quarter of the single distillers and four campaigns.

Distillers (single tenants), classic: instruction harvest, CoT, logprob (greedy and sampled),
preference (temperature pairs, good/bad pairs), tool traces, disguises (a Q&A-site clone prompt with
student-voice asks on every subject at caps of 4,096/6,000, a coding-assistant prompt harvesting
code with tests, a bank-support prompt over broad topics) and six drips (10-40 a day, one or two
keys, each with another habit). New:
`critic` (k candidate answers scored and critiqued, then an ideal answer), `backtranslate` (a
passage in, the instruction it answers plus a better answer out), `taxonomy` (a curriculum tree
walked node by node with node codes), `rft` (verifiable problems sampled n 4-8 with tagged reasoning
for rejection sampling), `dialogsynth` (whole multi-turn user/assistant conversations written in one
request), `constraints` (instruction-following data: broad asks with format constraints),
`keyfarm` (one tenant spreading harvesting over 20-40 keys), `embedharvest` (batched embeddings of
broad sentences, embedding-model extraction) and `parallel` (single sentences into 10-16 languages,
an MT parallel corpus). A third join between day 1 and day 5; a quarter bill to personal free-mail
addresses and some carry no billing contact.

Turncoats (four): a catalog store with one key turning to a taxonomy walk at day ~1.5, a Q&A
site's key turning to rejection sampling at day ~3, a development agency's client tenant (one key,
on the agency's network and billing) turning to dialogue synthesis at day ~4.2, and an LLM-judge
team's key turning to critique harvesting at day ~5.5; each keeps 15-35% of its honest traffic.

Campaigns, each an operation picked by its size (`_profile`; defaults 2, 5, 11, 60, 300, 1,200 and
3,600 accounts):
- `pair` (<= 3): two accounts in one office /24, one aiohttp client, weekday office hours at
  UTC+8, verbatim rejection-sampling prompts (n 4-8, cap 4,096), personal free-mail billing, 10%
  chat cover, 250-650 requests each;
- `fronts` (<= 8): each account a fake consumer app with its own system-prompt persona, its own
  backend user agent, two or three keys and its own billing domain, all on the PaaS's /24s; app-like
  evening traffic in UTC-5 all week; 45-55% genuine-looking app traffic; dialogue synthesis or
  constraint data, templates reworded per account;
- `relay` (<= 20): residential proxies with a new address per request, a distinct client per
  account, no billing, accounts used one after another for 14-30 hours each; free-form prompts in
  each account's own voice with format constraints; per-account temperature and cap; 20-30%
  casual cover;
- `farm` (<= 150): a phone farm on mobile CGNAT ranges with the common okhttp client, free-mail
  billing, each account trickling 12-40 requests over 3-6 days; back-translation with each
  account's own template subset; 35-45% consumer cover;
- `cluster` (<= 800): a job queue on public-cloud /24s shared with honest tenants, the most common
  honest SDK version, 14 shared sessions; a taxonomy walk dealt from one shared queue (no two
  accounts ask the same node), verbatim, `max_completion_tokens` 4,096; 3-15 requests per account,
  no cover, 60% billed to one shell domain;
- `proxy` (<= 2,500): a resale proxy (the published anchor): the operator's three datacenter /24s,
  each end user's own user agent forwarded per request, all accounts active all week on a consumer
  evening curve at UTC+8; 60-75% real end-user chat and consumer traffic, the rest the operator's
  CoT and logprob harvest with caps and temperatures per request; 10-60 requests per account,
  bought accounts (mixed jurisdictions, distinct or no billing);
- `swarm` (> 2,500): tiny accounts (1-4 requests) created in daily waves, residential per request,
  common SDK user agents per request, free-mail billing, free-form prompts in each account's own
  voice (plain and reasoning asks), per-account temperature, cap 8,192 or none; 10-20% casual.
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
from gatehouse.monitor.sim.population8 import _J_DOMAINS, _keys, _office
from gatehouse.monitor.sim.population9 import _K_DOMAINS
from gatehouse.monitor.sim.vocab import DOMAINS, EXTRA_DOMAINS, G_DOMAINS, H_DOMAINS, Vocab, seeded_vocab

__all__ = ["populate10"]

# ---- identities, networks, clients --------------------------------------------------------
_CC10 = ["US", "US", "US", "CA", "MX", "GB", "IE", "DE", "NL", "DK", "ES", "IT", "GR", "TR", "IN", "BD", "LK", "ID",
         "PH", "SG", "HK", "TW", "JP", "KR", "AU", "BR", "PE", "ZA", "EG", "SA"]
_CLOUDS10 = ["34.118.20", "34.118.21", "3.142.96", "52.23.188", "20.171.44", "52.169.8", "143.198.40", "64.227.90",
             "157.230.12"]
_PAAS10 = ["76.223.40", "76.223.41"]  # Fleetly's egress: honest indie apps, and one campaign's app fronts
_NOTEBOOK10 = ["35.236.128", "35.236.129", "34.86.70"]  # a hosted-notebook service (conference workshops)
_CGNAT10 = ["100.64.37", "100.88.141", "100.121.9", "172.62.19", "174.237.55", "49.204.73", "106.76.210"]
_FREEMAIL10 = ["mailhaven.example", "postnook.example", "inboxly.example", "letterbox.example", "qmail.example"]
_FIRST10 = ("ana ben chloe dev eli fatima gus hana ivan jade kofi lena marco nia omar priya quinn rosa sam tariq uma "
            "vik wen yara zoe").split()
_LAST10 = ("adeyemi brandt costa dubois eriksen fong garcia horvat ito jensen kowalski lindqvist moreau nakamura "
           "okafor patel rossi silva tanaka ueda varga weber").split()
_ORGS10 = "Aldermoor Brixham Castellan Dunmore Elmstead Farrowdale Glenholt Harrowgate Inchcape Kestwick Larkspur Moorfield".split()
_BRANDS10 = ("Fernwood Saltmarsh Cobalt&Co Petalworks Ironbark Lanternfish Mossgate Quillfeather Redfern Sundial "
             "Thistledown Wrenfield Amberlane Brightmoor").split()
_TOP_SDK10 = "OpenAI/Python 1.82.0"
_SCRIPT_UAS10 = ["python-requests/2.32.4", "httpx/0.28.1", "aiohttp/3.12.2", "Go-http-client/2.0", "node-fetch/3.3.2",
                 "undici/7.10.0", "curl/8.14.1", "reqwest/0.12.19", "Java-http-client/21.0.7"]
_CODE_UAS10 = ["aider/0.84.0", "Cline/3.17.9", "RooCode/3.20.0", "continue/1.0.14", "opencode/0.1.160", "Zed/0.191.5"]
_CHATAPP_UAS10 = ["ChatBox/1.13.1", "TypingMind/2025.6", "LibreChat/0.7.9", "Msty/1.9.2", "Jan/0.6.1", "OpenCat/3.6 (iOS)"]
_MOBILE_UA10 = "okhttp/4.12.0"
_PAAS_UA10 = "fleetly-edge/2.3 undici/6.21.3"
_IDE_UAS10 = ["Cursor/1.0.0", "continue-vscode/1.0.14", "jetbrains-ai/251.2", "OpenAI/NodeJS 5.1.0"]
_AGENT_UAS10 = ["langchain-openai/0.3.21", "openai-agents/0.0.17", "llama-index/0.12.40", "pydantic-ai/0.2.16",
                "crewai/0.126.0"]
_EVAL_UA10 = "inspect-ai/0.3.98"
_LANGS10 = ["French", "German", "Spanish", "Japanese", "Portuguese", "Italian", "Dutch", "Polish", "Korean", "Turkish",
            "Greek", "Danish", "Indonesian", "Tagalog", "Bengali", "Arabic", "Vietnamese", "Swahili"]

# ---- vocabulary: seven domains of its own, five borrowed, six shared ones dropped -----------
_L_DOMAINS: dict[str, str] = {
    "archaeology": "excavation stratigraphy artifact midden radiocarbon trench potsherd hoard provenance survey relic "
                   "necropolis lithic assemblage context",
    "photography": "aperture shutter exposure lens bokeh histogram sensor tripod flash iso focus composition raw "
                   "darkroom viewfinder",
    "railways": "locomotive signal sleeper gauge junction timetable siding pantograph bogie platform freight catenary "
                "interlocking coupling depot",
    "dentistry": "enamel molar cavity filling crown implant braces plaque gingivitis extraction denture fluoride floss "
                 "veneer abscess",
    "textiles": "loom weave yarn spindle dye cotton linen polyester warp weft knit selvedge denim thread embroidery",
    "viticulture": "vineyard grapevine tannin vintage cellar barrel must terroir cuvee trellis sommelier decanter "
                   "phylloxera yeast cork",
    "ornithology": "plumage migration nesting clutch raptor songbird fledgling wingspan banding habitat molt flock beak "
                   "talon courtship",
}
_L_DROPPED = {"history", "cooking", "music", "sports", "philosophy", "telecom"}
_L_BORROWED = {"astronomy": EXTRA_DOMAINS["astronomy"], "linguistics": G_DOMAINS["linguistics"],
               "robotics": H_DOMAINS["robotics"], "taxation": _J_DOMAINS["taxation"], "forensics": _K_DOMAINS["forensics"]}
_L_SYL = "qor ith amb vel sut rho kan eph lor mij dov nyx cal pru teb wex aol yun gir fas".split()


def _vocab10(rng: random.Random, invented: int = 60) -> Vocab:
    """Holdout10's domains: the shared ones less `_L_DROPPED`, five borrowed and seven new, each
    with seeded invented terms."""
    domains = {**{d: w for d, w in DOMAINS.items() if d not in _L_DROPPED}, **_L_BORROWED, **_L_DOMAINS}
    return seeded_vocab(rng, dict(sorted(domains.items())), _L_SYL, invented)


# ---- phrasing L ---------------------------------------------------------------------------
_PHRASES10: dict[str, Any] = {
    # keys the shared `Kit` makers read (question, paraphrase, pref_pairs, tool_traces, classify)
    "harvest": [
        "Teach me {t} as if I were joining your team tomorrow: the core ideas, how they fit together, and worked examples.",
        "Write the definitive guide to {t}. Start with the basics and build up to the subtle cases.",
        "Explain {t} completely. Include background, mechanisms, common mistakes and at least three examples.",
        "I need an expert-level explanation of {t}, organised with headings and written for careful study.",
        "Give a full lecture on {t}: an outline first, then every section written out.",
        "What would a textbook chapter on {t} contain? Write that chapter.",
        "Describe {t} in depth: what it is, why it matters, how it is done well and how it goes wrong.",
        "Produce detailed, accurate notes on {t} that someone could learn the whole subject from.",
        "Walk through {t} thoroughly, defining every term and illustrating each point.",
        "Provide an exhaustive, well-structured answer about {t}; prefer depth to brevity.",
    ],
    "cot": [
        "{q} Before answering, reason it out one step at a time and number the steps.",
        "{q}\nShow all intermediate reasoning, then state the answer after 'Therefore:'.",
        "Work through this carefully, thinking aloud: {q}",
        "{q} Lay out your full chain of reasoning before you commit to an answer.",
    ],
    "q": [
        "How does {t} work in practice?", "What goes wrong with {t}?", "Why is {t} done the way it is?",
        "What should a beginner know about {t}?", "How do experts approach {t}?", "What are the main factors behind {t}?",
    ],
    "pref": [
        "Prompt: {q}\nAnswer X: {a}\nAnswer Y: {b}\nWhich answer is better overall? Reply X or Y and give two reasons.",
        "Compare the two candidate replies to \"{q}\".\n(1) {a}\n(2) {b}\nScore each out of 10 and pick one.",
    ],
    "pair": [
        "Answer the prompt twice: first as a careful expert, then as a hurried novice who makes a subtle mistake. Label them GOOD and BAD.\nPrompt: {q}",
        "Write a preferred response and a dispreferred response to the request below, and say in one line why the first is better.\nRequest: {q}",
    ],
    "agent": [
        "Find every open {t} case and assign it an owner; reference {n}.", "Pull the latest {t} figures and draft a status note.",
        "Work out why {t} stalled for order {n} and propose a fix.", "Compile a comparison of {t} options under budget {n}.",
        "Clean up duplicate {t} records for account {n}.",
    ],
    "para_prefix": ["", "", "Task: ", "Please ", "Next: ", "Item: ", "Hello. ", "Request - "],
    "para_suffix": ["", "", " Thanks.", " Be detailed.", " Use sections.", " Longer is better.", " No shortcuts."],
    "para_swap": [["Teach me", "Explain to me"], ["definitive", "complete"], ["completely", "fully"], ["expert-level", "specialist"],
                  ["lecture", "lesson"], ["chapter", "unit"], ["in depth", "at length"], ["detailed", "thorough"],
                  ["Walk through", "Go through"], ["exhaustive", "comprehensive"], ["conversation", "dialogue"],
                  ["realistic", "natural"], ["passage", "text"], ["Write", "Compose"], ["detailed", "rich"]],
    "summ": "Summarise the following for an executive in five bullet points of at most 15 words each.\n\n{d}",
    "trans": "Translate into {lang}. Keep formatting, product names and numbers exactly as they are.\n\n{d}",
    "classify": "Label the sentiment of this review as POS, NEG or NEU. Output the label only.\nReview: {d}",
    "eval_mc": "Question: {q}\n(A) {a}\n(B) {b}\n(C) {c}\n(D) {e}\nThe correct option is",
    "eval_cot": "Question: {q}\nReason briefly, then write 'ANSWER:' followed by your answer.",
    "extract": "From the text, pull out every person, organisation, date and amount. Respond with a JSON object with those four keys.\n\n{d}",
    "extract_sys": "You convert documents to JSON. Output JSON and nothing else.",
    # honest, classic kinds
    "support_sys": "You are {c}'s help-desk assistant for {d}. Keep replies under 80 words and hand off to a human when asked.",
    "support": [
        "I was billed twice for {w1} this month", "where can I change the {w1} on my account",
        "{w1} says pending since yesterday, is that normal", "your app logged me out after the {w1} update",
        "need a copy of the {w1} receipt for {w2}", "can I move my {w1} to a different {w2}",
        "the {w1} option is greyed out", "how long does {w1} usually take", "I want to speak to someone about {w1}, not a bot",
    ],
    "support_asst": "I've checked: your {a} is linked to {b}. Anything else I can do?",
    "chat": [
        "quick question about {t}", "what's the simplest way to think about {t}", "can you sum up {t} in a few lines",
        "I keep hearing about {t}, what is it", "is it true that {t} matters a lot?", "tell me something interesting about {t}",
        "how does {t} show up in everyday life",
    ],
    "asst_short": ["Sure - the short version:", "Good one. Briefly:", "In a nutshell:", "Here's the gist."],
    "ide_sys": "You are a pair programmer embedded in {ide}. Answer with a patch or snippet first, explanation after.",
    "ide_ask": ["the {w} test is flaky, why", "convert this {w} loop to a comprehension", "add error handling around {w}",
                "what's a cleaner name for {w}", "this {w} call leaks memory?", "document the {w} function"],
    "rag_sys": "You are the documentation assistant of {org}. Answer only from the excerpts; if unsure, say you don't know.",
    "creative": ["Write the opening paragraph of a short story set around {t}. End on a hook.",
                 "Three alternative taglines for a campaign about {t}.", "A short poem about {t}, free verse.",
                 "Pitch a children's picture book about {t} in four sentences."],
    "agent_sys": "You are {app}, a back-office automation agent. Use tools for facts; keep replies to one or two lines.",
    "essay": ["Write a detailed 1,500-word article about {t}.", "I need a long blog post about {t}, with subheadings.",
              "Please write an in-depth essay on {t} for my newsletter."],
    # honest, new kinds
    "qa_sys": "You are a verified {p} expert. Answer the student's question completely and accurately, show the steps, and end with a one-line summary. Level: {lvl}.",
    "qa_levels": ["middle school", "high school", "AP / A-level", "first-year university", "university"],
    "qa_open": ["", "", "", "pls help", "can someone explain", "i have a test tomorrow", "homework question:", "Hi,",
                "urgent!!", "teacher didn't explain this", "stuck on this one", "q:"],
    "qa_ask": ["{q}", "what is {t}", "explain {t}", "why does the {a} affect the {b}", "how do you work out {t}",
               "difference between {a} and {b}?", "is {t} the same as {a}", "what happens to the {a} when the {b} changes",
               "describe {t} in detail"],
    "qa_plea": ["", "", "", "show steps pls", "step by step please", "thanks!!", "need this for class", "as simple as possible",
                "with an example", "full answer please"],
    "judge_sys": "You are the quality evaluator for {product}. Grade strictly against the rubric and output JSON only.",
    "judge": [
        "Rubric: correctness 0-5, tone 0-5, policy pass/fail.\nUser message: {u}\nAssistant reply: {a}\nReturn JSON with correctness, tone, policy and notes.",
        "Two builds of our assistant answered the same user.\nUser: {u}\nBuild A: {a}\nBuild B: {b}\nReturn JSON: winner (A, B or tie) and a one-sentence reason.",
        "Did the reply below follow our escalation policy and answer the question? User: {u}\nReply: {a}\nJSON: followed_policy, answered, comment.",
    ],
    "exam_sys": "You write answer explanations for {brand} {exam} prep. Be accurate, neutral and exam-focused.",
    "exam_item": "{exam} item {code}-{id:06d} ({subject}). {q}\n(A) {a}\n(B) {b}\n(C) {c}\n(D) {e}\nKeyed answer: {key}.\nWrite the explanation students see after answering: why {key} is correct and why each other option is wrong. 150-250 words.",
    "exam_student": ["I picked {x} on this one, why is it wrong? {q}", "can you explain {t} again, the explanation didn't click",
                     "give me a trick to remember {t}", "what's the difference between {a} and {b} for the exam"],
    "catalog_sys": "You write product copy for {store}. House style: {style}. Output JSON only.",
    "catalog_styles": ["friendly, plain English", "premium and understated", "technical and precise", "playful, short sentences"],
    "catalog": "SKU {sku}. Title: {title}. Category: {cat}. Attributes: {attrs}.\nReturn JSON with description (90-130 words), bullets (5 strings), seo_title (max 60 chars) and tags (8 strings).",
    "catalog_nouns": ["kit", "set", "starter pack", "guide", "tool", "bundle", "case", "refill", "stand", "organiser"],
    "tuner": [
        "Write {k} different messages a {dom} customer might send when they want to {intent}. Vary length, tone and spelling; one per line, no numbering.",
        "Give {k} paraphrases of this customer message for our intent classifier, keeping the intent '{intent}': \"{msg}\"",
        "Rewrite this agent reply in {brand}'s voice (warm, concise, no jargon):\n{d}",
    ],
    "intents": ["cancel a subscription", "dispute a charge", "change a delivery address", "reset a password",
                "ask about a refund", "report a fault", "upgrade a plan", "close an account", "book an appointment",
                "update payment details"],
    "code_sys": "You are {tool}, a coding agent working inside the user's repository. Read files and run commands with the tools provided; make minimal, correct changes and explain them briefly.",
    "code_task": ["Add a retry to the {w} client and cover it with a test.", "The {w} endpoint returns 500 on empty input; fix it.",
                  "Refactor {w} into its own module without changing behaviour.", "Upgrade the {w} dependency and fix what breaks.",
                  "Write docs for the {w} package.", "Why does the {w} job time out in CI?"],
    "internal": ["Write a detailed internal guide section on {t} for new staff in {dept}.",
                 "Draft a policy paragraph on {t} for {dept}; cite the relevant considerations.",
                 "Summarise what {dept} needs to know about {t}, in depth, for our wiki."],
    "depts": ["Claims", "Treasury", "Fleet", "People", "Procurement", "Legal", "Risk", "Facilities", "IT", "Marketing"],
    "apps": [
        "You are Pebble, the note-taking assistant inside the Pebble app. Short, friendly answers.",
        "You are Lumo, a recipe-and-grocery helper. Practical and brief.",
        "You are Stride, the fitness coach in the Stride app. Encouraging, concise.",
        "You are Wayfarer, a trip-planning helper. Suggest, don't lecture.",
        "You are Penny, a personal-budget helper. Plain language, no financial advice.",
        "You are Scribe, an email-drafting assistant. Match the user's tone.",
        "You are Sprout, a gardening helper for beginners.",
        "You are Echo, a language-practice partner. Correct mistakes gently.",
    ],
    "app_user": ["rewrite this more politely: {t}", "quick summary of {t}", "ideas for {t}", "what is {t} again",
                 "turn {t} into a checklist", "draft a short message about {t}", "help me plan around {t}"],
    "consumer": ["caption for my photo of {t}", "fun facts about {t}?", "a short poem about {t} for my friend",
                 "what should I know about {t} before trying it", "make a playlist theme around {t}"],
    "workshop": [
        "Explain what a large language model is to a ten-year-old.",
        "Write a haiku about {t}.",
        "Classify the sentiment of: 'The conference wifi is terrible but the talks are great.' Answer positive, negative or mixed.",
        "Generate 15 question-and-answer pairs about {t} as a JSON array with keys question and answer.",
        "Summarise the following paragraph in one sentence: {d}",
        "What is the capital of Australia? Answer in one word.",
        "Tell me a fun fact about {t}.",
    ],
    "trial_json": "make me 20 training examples about {t} in JSON, question and answer fields",
    # distilling
    "critic": [
        "Question: {q}\n\nCandidate answers:\n{cands}\n\nScore every candidate from 1 to 10 with a detailed critique of its errors and omissions, then write the ideal answer in full.",
        "Below are {k} attempts at answering \"{q}\".\n{cands}\nFor each attempt, list what is wrong and what is missing. Finish with a model answer that fixes every problem.",
    ],
    "backtrans": [
        "Here is a passage:\n\n{d}\n\nFirst, write the question or instruction a user would have asked for this passage to be the perfect reply. Then write a better, more complete reply to that instruction.",
        "Infer the prompt that produced the text below, state it, and then answer that prompt yourself at greater length and with more accuracy.\n\n{d}",
        "{d}\n\nTask: (1) Write an instruction for which the text above is a good response. (2) Respond to your instruction as an expert would.",
        "Text:\n{d}\n\nWhat request is this text answering? Give the request, then an improved answer to it.",
    ],
    "taxonomy": [
        "Curriculum node {code} - {path}. Write the full explanatory entry for this node: definition, key mechanisms, examples, misconceptions, and links to sibling topics.",
        "{path} [{code}]: produce complete teaching notes for this subtopic.",
        "Node {code}. Topic path: {path}. Explain this subtopic thoroughly for a reference corpus.",
    ],
    "rft": [
        "Solve the following problem. Think inside <think></think> tags, then give only the final answer inside \\boxed{{}}.\n\n{p}",
        "{p}\n\nReason step by step inside <reasoning> tags. Put the final answer after 'ANSWER:'.",
        "Problem: {p}\nFormat: <think>your full reasoning</think><answer>final answer</answer>",
    ],
    "problems": [
        "A cyclist rides {a} km at {b} km/h and returns at {c} km/h. What is the average speed for the round trip?",
        "How many integers between 1 and {a}00 are divisible by {b} or {c}?",
        "A bag holds {a} red and {b} blue marbles. Two are drawn without replacement. What is the probability both are red?",
        "Solve for x: {a}x + {b} = {c}x - {a}.", "What is the remainder when {a}^{b} is divided by {c}?",
        "A rectangle's perimeter is {a}0 cm and its length is {b} cm more than its width. Find its area.",
        "In how many ways can {a} books be arranged on a shelf if {b} particular books must stay together?",
        "Five friends - Ada, Bo, Cy, Di and Ed - sit in a row. Ada is not at either end and Bo sits right of Cy. How many seatings are possible if Di sits in seat {b}?",
        "Write a function that returns the {a}th number in the sequence where each term is the sum of the previous {b} terms, starting from 1s.",
        "A loan of {a}000 accrues {b}% interest compounded yearly. How much is owed after {c} years?",
    ],
    "dialog": [
        "Write a realistic {k}-turn conversation between a curious user and an expert AI assistant about {t}. Label turns 'User:' and 'Assistant:'. The assistant's turns must be detailed and accurate.",
        "Simulate a chat in which {who} asks an assistant about {t} and keeps asking follow-ups. {k} exchanges; make the assistant's answers thorough.",
        "Create a multi-turn dialogue ({k} rounds) where an AI assistant helps someone understand {t}. Output JSON: a list of objects with role and content.",
    ],
    "who": ["a nervous student", "a small-business owner", "a retired engineer", "a journalist on deadline",
            "a skeptical manager", "a curious teenager", "a new parent", "a hobbyist"],
    "constraint": [
        "Use exactly {n} paragraphs, separated by a line containing only ***.", "Do not use any commas anywhere in your reply.",
        "Write everything in lowercase.", "Mention '{w1}' and '{w2}' at least twice each.",
        "Finish with the exact sentence: Any other questions?", "Put the whole reply inside double quotation marks.",
        "Include at least {n} markdown bullet points.", "Start with a title in double angle brackets, like <<title>>.",
        "Keep it under {m} words.", "Italicise at least {n} phrases using *asterisks*.",
        "Reply only in {lang}.", "Answer as a single JSON object.", "Begin your answer with the word 'Certainly'.",
        "Write it as a numbered list of exactly {n} items.",
    ],
    "parallel": [
        "Translate the sentence into {lang}. Return only the translation.\n{s}",
        "{lang} translation of: \"{s}\"", "Translate to {lang} (formal register), output nothing else:\n{s}",
    ],
    "qa_clone_sys": "You are a StudyNest verified expert. Give a complete, accurate, step-by-step answer and finish with a short summary.",
    "code_harvest": [
        "Implement {task} in {lang}, with unit tests and a short explanation of the design.",
        "Write {lang} code for {task}. Include tests and comments explaining each part.",
    ],
    "code_tasks": ["an interval tree", "a rate limiter", "a CSV-to-JSON converter", "a priority queue", "a URL router",
                   "a bloom filter", "a diff of two lists", "a retry decorator", "a ring buffer", "an expression parser",
                   "a cron expression parser", "a consistent-hash ring"],
    "bank_sys": "You are the virtual assistant for {c} Bank. Be polite, accurate and clear.",
    "embed_q": ["how do I {a} a {b}", "{a} vs {b}", "best {a} for {b}", "what causes {a} {b}", "{a} {b} explained"],
}

# free-form prompts: fragments combined per request in one writer's voice
_V_OPEN = ["", "", "hey!", "hello", "Hi,", "ok", "so,", "question:", "Morning.", "yo", "Hey there -", "Greetings."]
_V_FRAME = ["I'm studying {t} at the moment", "our team is documenting {t}", "I have to brief my boss on {t}",
            "I'm switching careers and {t} keeps coming up", "a customer asked about {t} and I froze",
            "I'm writing course material that covers {t}", "there's a debate at work about {t}",
            "I want to finally get my head around {t}", "I'm preparing an interview answer on {t}",
            "my kid asked me about {t}"]
_V_ASK = ["could you explain {u} really thoroughly", "help me understand {u} from the ground up",
          "what's the complete story with {u}", "can you go deep on {u}", "give me everything important about {u}",
          "how exactly does {u} work", "take me through {u} in detail", "what do I need to know about {u}, properly",
          "explain {u} like a great teacher would", "can you cover {u} end to end", "spell out {u} for me"]
_V_DETAIL = ["", "", "with concrete examples", "including the common misconceptions", "and how it relates to {w}",
             "in a structured way", "with a worked case", "including the edge cases", "with the reasoning behind each point",
             "and where the experts disagree", "without skipping steps"]
_V_WHY = ["show me how you reason it out", "go step by step", "explain each step", "reason it through before the answer",
          "think out loud please", "walk through the logic"]
_V_CASUAL = ["what's {u} again", "quick one: {u}?", "thoughts on {u}", "what even is {u}", "{u} - worth learning?",
             "any good tips on {u}", "say something smart about {u}", "short answer: {u}?"]
_V_CLOSE = ["", "", "thanks!", "thank you", "ty", "cheers", "much obliged", "the more detail the better",
            "long answer is fine", "take your time", "please be thorough"]


def _voice10(rng: random.Random) -> dict[str, Any]:
    """One writer's habits: a subset of each fragment list, casing, punctuation, typos."""
    def part(xs: list[str]) -> list[str]:
        return rng.sample(xs, max(2, int(len(xs) * rng.uniform(0.3, 0.7))))
    return {"open": part(_V_OPEN), "frame": part(_V_FRAME), "ask": part(_V_ASK), "detail": part(_V_DETAIL),
            "why": part(_V_WHY), "casual": part(_V_CASUAL), "close": part(_V_CLOSE), "lower": rng.random() < 0.35,
            "frame_p": rng.uniform(0.15, 0.75), "typo": rng.choice([0.0, 0.05, 0.2]),
            "sep": rng.choice([". ", " - ", ", ", " ", "... "]), "q": rng.choice(["?", "?", "", "?!"])}


def _typo(rng: random.Random, s: str) -> str:
    """Swap two adjacent letters in one longer word."""
    words = s.split(" ")
    long = [i for i, w in enumerate(words) if len(w) > 4 and w.isalpha()]
    if not long:
        return s
    i = rng.choice(long)
    w = words[i]
    j = rng.randrange(1, len(w) - 2)
    words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2:]
    return " ".join(words)


def _joined(parts: list[str], sep: str) -> str:
    """Parts joined by `sep`, or by a plain space after a part that already ends in punctuation."""
    out = parts[0] if parts else ""
    for p in parts[1:]:
        out += (" " if out[-1:] in ":.,!?-" else sep) + p
    return out


def _personal(rng: random.Random) -> str:
    """A personal address at a free-mail provider (shared by many unrelated accounts)."""
    tail = str(rng.randint(1, 99)) if rng.random() < 0.5 else ""
    return f"{rng.choice(_FIRST10)}{rng.choice(['.', '_', ''])}{rng.choice(_LAST10)}{tail}@{rng.choice(_FREEMAIL10)}"


def _resi(rng: random.Random, n: int) -> list[str]:
    """Residential proxy exits: a fresh address (and mostly a fresh /24) per request."""
    return [f"{rng.randint(24, 223)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}" for _ in range(n)]


def _on(rng: random.Random, nets: list[str], n: int) -> list[str]:
    return [f"{rng.choice(nets)}.{rng.randint(1, 254)}" for _ in range(n)]


class _Kit10(Kit):
    """Holdout10's builders: phrasing L for the shared makers and makers of its own."""

    def __init__(self, vocab: Vocab, cap_field: str = "max_tokens") -> None:
        super().__init__(vocab, "H", "classic")
        self.p = _PHRASES10
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

    def freeform(self, rng: random.Random, domains: list[str], voice: dict[str, Any], why: bool = False) -> str:
        """A natural long-answer ask composed per request from the writer's fragments."""
        parts: list[str] = []
        o = rng.choice(voice["open"])
        if o:
            parts.append(o)
        t = self.topic(rng, domains)
        if rng.random() < float(voice["frame_p"]):
            parts.append(rng.choice(voice["frame"]).format(t=t))
            u = rng.choice(["it", "this", t, "the topic"])
        else:
            u = t
        ask = rng.choice(voice["ask"]).format(u=u)
        d = rng.choice(voice["detail"]).format(w=self.word(rng, domains))
        parts.append(f"{ask} {d}".strip() + str(voice["q"]))
        if why:
            parts.append(rng.choice(voice["why"]))
        c = rng.choice(voice["close"])
        if c:
            parts.append(c)
        s = _joined(parts, str(voice["sep"]))
        if voice["lower"]:
            s = s.lower()
        if rng.random() < float(voice["typo"]):
            s = _typo(rng, s)
        return s

    def casual(self, domains: list[str], voice: dict[str, Any]) -> Maker:
        """Cover in the writer's own words: short asks, composed per request."""
        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            o = rng.choice(voice["open"])
            ask = rng.choice(voice["casual"]).format(u=self.topic(rng, domains)) + str(voice["q"])
            s = _joined([o, ask], str(voice["sep"])) if o else ask
            body = self.body([{"role": "user", "content": s.lower() if voice["lower"] else s}],
                             round(rng.uniform(0.6, 1.0), 1), None, "gpt-4o-mini")
            return body, rng.randint(40, 300)
        return make

    # ---- honest, classic kinds in phrasing L -----------------------------------------------
    def support10(self, company: str, domain: str) -> Maker:
        system = self.p["support_sys"].format(c=company, d=domain.replace("_", " "))

        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            msgs: list[dict[str, Any]] = [{"role": "system", "content": system}]
            for _ in range(rng.choice([0, 0, 1, 1, 2, 3])):
                a, b = self.v.pick(rng, domain, 2)
                msgs.append({"role": "user", "content": rng.choice(self.p["support"]).format(w1=a, w2=b)})
                msgs.append({"role": "assistant", "content": self.p["support_asst"].format(a=a, b=b)})
            w1, w2 = self.v.pick(rng, domain, 2)
            msgs.append({"role": "user", "content": rng.choice(self.p["support"]).format(w1=w1, w2=w2)})
            return self.body(msgs, 0.2, 300, "gpt-4o-mini"), rng.randint(30, 200)
        return make

    def chat10(self, domains: list[str], n_multi: float = 0.0, conversational: float = 0.4) -> Maker:
        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            msgs: list[dict[str, Any]] = []
            if rng.random() < conversational:
                for _ in range(rng.randint(1, 4)):
                    msgs.append({"role": "user", "content": rng.choice(self.p["chat"]).format(t=self.topic(rng, domains))})
                    msgs.append({"role": "assistant", "content": rng.choice(self.p["asst_short"]) + " " + self.doc(rng, domains, 24)})
            msgs.append({"role": "user", "content": rng.choice(self.p["chat"]).format(t=self.topic(rng, domains))})
            body = self.body(msgs, round(rng.uniform(0.6, 1.0), 1), None, "gpt-4o-mini")
            if rng.random() < n_multi:
                body["n"] = rng.randint(2, 3)
            return body, rng.randint(50, 380)
        return make

    def summarize10(self, domains: list[str]) -> Maker:
        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            d = self.doc(rng, domains, rng.randint(200, 600))
            return self.body([{"role": "user", "content": self.p["summ"].format(d=d)}], 0.2, 250, "gpt-4o-mini"), rng.randint(50, 140)
        return make

    def translate10(self, domains: list[str], langs: list[str]) -> Maker:
        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            d = self.doc(rng, domains, rng.randint(30, 200))
            body = self.body([{"role": "user", "content": self.p["trans"].format(lang=rng.choice(langs), d=d)}], 0.0, 3000)
            return body, int(len(d.split()) * rng.uniform(1.1, 1.6))
        return make

    def extract10(self, domain: str) -> Maker:
        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            d = self.doc(rng, [domain], rng.randint(80, 300))
            msgs = [{"role": "system", "content": self.p["extract_sys"]}, {"role": "user", "content": self.p["extract"].format(d=d)}]
            return self.body(msgs, 0, 500, "gpt-4o-mini", response_format={"type": "json_object"}), rng.randint(30, 120)
        return make

    def ide10(self, ide: str) -> Maker:
        system = self.p["ide_sys"].format(ide=ide)

        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            msgs: list[dict[str, Any]] = [{"role": "system", "content": system}]
            for _ in range(rng.randint(0, 3)):
                msgs.append({"role": "user", "content": rng.choice(self.p["ide_ask"]).format(w=self.word(rng, ["programming"]))})
                msgs.append({"role": "assistant", "content": "```\n" + self.doc(rng, ["programming"], 24) + "\n```"})
            msgs.append({"role": "user", "content": rng.choice(self.p["ide_ask"]).format(w=self.word(rng, ["programming", "math"]))})
            return {"model": "gpt-4o", "messages": msgs, "temperature": 0.1, "stream": True}, rng.randint(60, 450)
        return make

    def rag10(self, org: str, domains: list[str]) -> Maker:
        system = self.p["rag_sys"].format(org=org)

        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            ctx = self.doc(rng, domains, rng.randint(150, 400))
            msgs = [{"role": "system", "content": f"{system}\n\nExcerpts:\n{ctx}"}, {"role": "user", "content": self.question(rng, domains)}]
            return self.body(msgs, 0.0, 600, "gpt-4o-mini"), rng.randint(60, 320)
        return make

    def eval10(self, domains: list[str], seed: int) -> Maker:
        """An evaluation team sweeping a broad benchmark greedily: multiple choice (one token),
        short reasoning with a final answer, open answers; seeded."""
        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            q = self.question(rng, domains)
            r = rng.random()
            if r < 0.5:
                o = [self.topic(rng, domains) for _ in range(4)]
                content = self.p["eval_mc"].format(q=q, a=o[0], b=o[1], c=o[2], e=o[3])
                return self.body([{"role": "user", "content": content}], 0, 2, seed=seed), 1
            if r < 0.85:
                return self.body([{"role": "user", "content": self.p["eval_cot"].format(q=q)}], 0, 1024, seed=seed), rng.randint(120, 700)
            return self.body([{"role": "user", "content": q}], 0, 512, seed=seed), rng.randint(60, 400)
        return make

    def creative10(self, domains: list[str]) -> Maker:
        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            content = rng.choice(self.p["creative"]).format(t=self.topic(rng, domains))
            body = self.body([{"role": "user", "content": content}], rng.choice([0.9, 1.0, 1.2]), 600)
            if rng.random() < 0.5:
                body["n"] = rng.randint(2, 4)
            return body, rng.randint(80, 500)
        return make

    def toolset10(self, rng: random.Random, domains: list[str], k: int) -> list[dict[str, Any]]:
        tools: list[dict[str, Any]] = []
        for _ in range(k):
            d = rng.choice(domains)
            a, b = self.v.pick(rng, d, 2)
            tools.append({"type": "function", "function": {
                "name": f"{rng.choice(['get', 'lookup', 'patch', 'notify', 'tally'])}_{a}_{b}"[:60],
                "description": f"Reads or updates the {b} on a {a}.",
                "parameters": {"type": "object", "properties": {"ref": {"type": "string"}, "note": {"type": "string"}},
                               "required": ["ref"]}}})
        return tools

    def agent10(self, domain: str, app: str, tools: list[dict[str, Any]]) -> Maker:
        system = self.p["agent_sys"].format(app=app)

        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            msgs: list[dict[str, Any]] = [{"role": "system", "content": system}, {"role": "user", "content": rng.choice(
                self.p["agent"]).format(t=self.topic(rng, [domain]), n=rng.randint(1000, 99999))}]
            for i in range(rng.choice([0, 1, 1, 2, 3])):
                name = str(tools[rng.randrange(len(tools))]["function"]["name"])
                msgs.append({"role": "assistant", "content": None, "tool_calls": [
                    {"id": f"tc{i}", "type": "function", "function": {"name": name, "arguments": '{"ref": "%d"}' % rng.randint(1, 99999)}}]})
                msgs.append({"role": "tool", "tool_call_id": f"tc{i}", "content": '{"ok": true, "%s": "%s"}' % tuple(self.v.pick(rng, domain, 2))})
            return self.body(msgs, 0.0, 600, "gpt-4o-mini", tools=tools, tool_choice="auto"), rng.randint(20, 220)
        return make

    def app10(self, system: str, domains: list[str]) -> Maker:
        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            msgs: list[dict[str, Any]] = [{"role": "system", "content": system}]
            if rng.random() < 0.3:
                msgs.append({"role": "user", "content": rng.choice(self.p["app_user"]).format(t=self.topic(rng, domains))})
                msgs.append({"role": "assistant", "content": rng.choice(self.p["asst_short"])})
            msgs.append({"role": "user", "content": rng.choice(self.p["app_user"]).format(t=self.topic(rng, domains))})
            return self.body(msgs, 0.7, 400, "gpt-4o-mini", stream=rng.random() < 0.7), rng.randint(30, 280)
        return make

    def consumer10(self, domains: list[str]) -> Maker:
        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            msgs = [{"role": "user", "content": rng.choice(self.p["consumer"]).format(t=self.topic(rng, domains))}]
            body = self.body(msgs, rng.choice([0.9, 1.0]), None, "gpt-4o-mini", stream=True)
            if rng.random() < 0.1:
                body["n"] = 2
            return body, rng.randint(40, 320)
        return make

    def essay10(self, domains: list[str], cap: int) -> Maker:
        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            content = rng.choice(self.p["essay"]).format(t=self.topic(rng, domains))
            return self.body([{"role": "user", "content": content}], 0.8, cap), min(cap, rng.randint(900, 2600))
        return make

    # ---- honest, new ---------------------------------------------------------------------------
    def qa_site(self, platform: str, domains: list[str], system: str | None = None, caps: list[int] | None = None,
                plea: list[str] | None = None) -> Maker:
        """A homework / expert-answer site: each request one end user's own question (a fresh
        voice each time) under the platform's prompt, long step-by-step answers. With `system`,
        `caps` and `plea`, a clone of one: a fixed prompt, larger caps, its own closing asks."""
        pleas = plea or self.p["qa_plea"]

        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            d = rng.choice(domains)
            a, b = self.v.pick(rng, d, 2)
            ask = rng.choice(self.p["qa_ask"]).format(q=self.question(rng, [d]), t=self.topic(rng, [d]), a=a, b=b)
            parts = [x for x in (rng.choice(self.p["qa_open"]), ask, rng.choice(pleas)) if x]
            s = _joined(parts, rng.choice([" ", ". ", " - ", "\n"]))
            if rng.random() < 0.5:
                s = s.lower()
            if rng.random() < 0.2:
                s = _typo(rng, s)
            sysmsg = system or self.p["qa_sys"].format(p=platform, lvl=rng.choice(self.p["qa_levels"]))
            cap = rng.choice(caps) if caps else 2000
            return self.body([{"role": "system", "content": sysmsg}, {"role": "user", "content": s}],
                             rng.choice([0.3, 0.4]), cap), min(cap, rng.randint(250, 1400) if caps is None else rng.randint(700, 2600))
        return make

    def judge(self, product: str, domains: list[str]) -> Maker:
        """LLM-as-judge over the customer's own assistant: rubric and A/B grading, JSON, greedy."""
        system = self.p["judge_sys"].format(product=product)

        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            d = rng.choice(domains)
            w1, w2 = self.v.pick(rng, d, 2)
            u = rng.choice(self.p["support"]).format(w1=w1, w2=w2)
            content = rng.choice(self.p["judge"]).format(u=u, a=self.doc(rng, [d], rng.randint(30, 120)),
                                                         b=self.doc(rng, [d], rng.randint(30, 120)))
            return (self.body([{"role": "system", "content": system}, {"role": "user", "content": content}], 0, 300,
                              "gpt-4o", response_format={"type": "json_object"}), rng.randint(20, 160))
        return make

    def exam_explain(self, brand: str, exam: str, code: str, subjects: list[str]) -> Maker:
        """An exam-prep publisher backfilling explanations for its item bank, item after item."""
        system = self.p["exam_sys"].format(brand=brand, exam=exam)
        nxt = [0]

        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            nxt[0] += rng.choice([1, 1, 1, 2])
            s = rng.choice(subjects)
            o = [self.topic(rng, [s]) for _ in range(4)]
            content = self.p["exam_item"].format(exam=exam, code=code, id=nxt[0], subject=s.replace("_", " "),
                                                 q=self.question(rng, [s]), a=o[0], b=o[1], c=o[2], e=o[3],
                                                 key=rng.choice("ABCD"))
            return (self.body([{"role": "system", "content": system}, {"role": "user", "content": content}], 0.2, 700),
                    rng.randint(180, 420))
        return make

    def exam_student(self, brand: str, exam: str, subjects: list[str]) -> Maker:
        system = self.p["exam_sys"].format(brand=brand, exam=exam)

        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            s = rng.choice(subjects)
            a, b = self.v.pick(rng, s, 2)
            content = rng.choice(self.p["exam_student"]).format(x=rng.choice("ABCD"), q=self.question(rng, [s]),
                                                                t=self.topic(rng, [s]), a=a, b=b)
            return self.body([{"role": "system", "content": system}, {"role": "user", "content": content}], 0.4, 800,
                             "gpt-4o-mini", stream=True), rng.randint(100, 600)
        return make

    def catalog(self, store: str, cats: list[str]) -> Maker:
        """Marketplace catalog enrichment: JSON product copy for one SKU per request."""
        system = self.p["catalog_sys"].format(store=store, style=random.Random(store).choice(self.p["catalog_styles"]))

        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            c = rng.choice(cats)
            w = self.v.pick(rng, c, 4)
            title = f"{rng.choice(_BRANDS10)} {w[0]} {w[1]} {rng.choice(self.p['catalog_nouns'])}"
            attrs = f"material={w[2]}; use={w[3]}; size={rng.choice(['S', 'M', 'L', 'one size'])}; colour={rng.choice(['slate', 'sand', 'olive', 'black'])}"
            content = self.p["catalog"].format(sku=f"{c[:3].upper()}-{rng.randint(100000, 999999)}", title=title,
                                               cat=c.replace("_", " "), attrs=attrs)
            return (self.body([{"role": "system", "content": system}, {"role": "user", "content": content}], 0.7, 600,
                              "gpt-4o-mini", response_format={"type": "json_object"}), rng.randint(220, 480))
        return make

    def tuner(self, brand: str, domain: str) -> Maker:
        """Training data for the customer's own narrow model: utterances per intent, paraphrases,
        tone rewrites; n 1-3 at a high temperature."""
        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            w1, w2 = self.v.pick(rng, domain, 2)
            content = rng.choice(self.p["tuner"]).format(
                k=rng.choice([10, 20, 30]), dom=domain.replace("_", " "), intent=rng.choice(self.p["intents"]),
                msg=rng.choice(self.p["support"]).format(w1=w1, w2=w2), brand=brand, d=self.doc(rng, [domain], rng.randint(30, 80)))
            body = self.body([{"role": "user", "content": content}], rng.choice([1.0, 1.1, 1.2]), 800, "gpt-4o-mini")
            if rng.random() < 0.5:
                body["n"] = rng.choice([2, 3])
            return body, rng.randint(150, 700)
        return make

    def codeagent(self, tool: str, tools: list[dict[str, Any]], cap: int | None) -> Maker:
        """A bring-your-own-key coding agent: long repository context, a fixed tool set, rounds of
        tool calls and file contents, greedy, streamed."""
        system = self.p["code_sys"].format(tool=tool)

        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            repo = self.doc(rng, ["programming"], rng.randint(200, 900))
            msgs: list[dict[str, Any]] = [{"role": "system", "content": f"{system}\n\nRepository map:\n{repo}"},
                                          {"role": "user", "content": rng.choice(self.p["code_task"]).format(w=self.word(rng, ["programming"]))}]
            for i in range(rng.choice([0, 1, 2, 3, 4, 6])):
                name = str(tools[rng.randrange(len(tools))]["function"]["name"])
                msgs.append({"role": "assistant", "content": None, "tool_calls": [
                    {"id": f"call_{i}", "type": "function", "function": {"name": name, "arguments": '{"path": "src/%s.py"}' % self.word(rng, ["programming"])}}]})
                msgs.append({"role": "tool", "tool_call_id": f"call_{i}", "content": self.doc(rng, ["programming"], rng.randint(40, 300))})
            body = self.body(msgs, 0.0, cap, rng.choice(["gpt-4o", "claude-sonnet"]), tools=tools, stream=True)
            return body, rng.randint(80, min(cap or 3000, 2500))
        return make

    def internal(self, org: str, dept: str, domains: list[str]) -> Maker:
        """A business unit's knowledge team writing long internal guides on many topics."""
        system = f"You are {org}'s internal writing assistant. Write for employees; be accurate and complete."

        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            content = rng.choice(self.p["internal"]).format(t=self.topic(rng, domains), dept=dept)
            cap = rng.choice([2000, 3000])
            return self.body([{"role": "system", "content": system}, {"role": "user", "content": content}], 0.5, cap), rng.randint(600, 2200)
        return make

    def workshop(self, domains: list[str], ex_temp_pair: bool) -> Maker:
        """A workshop attendee working through the slides' exercises (verbatim), roughly in order,
        then playing around."""
        step = [0]
        pending: list[dict[str, Any]] = []
        topic = [""]

        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            if pending:
                return pending.pop(), rng.randint(40, 200)
            if not topic[0]:
                topic[0] = self.topic(rng, domains)
            i = step[0]
            step[0] += 1
            ex = self.p["workshop"]
            if i >= len(ex) or rng.random() < 0.15:
                return self.chat10(domains, conversational=0.2)(rng, ts)
            content = str(ex[i]).format(t=topic[0], d=self.doc(rng, domains, 60))
            msgs = [{"role": "user", "content": content}]
            if i == 5:  # the logprobs demo
                return self.body(msgs, 0, 1, "gpt-4o-mini", logprobs=True, top_logprobs=5), 1
            if i == 3:  # the fine-tuning data exercise
                return self.body(msgs, 0.7, 2000, "gpt-4o-mini", response_format={"type": "json_object"}), rng.randint(600, 1600)
            if i == 1 and ex_temp_pair:  # same prompt at two temperatures
                pending.append(self.body(msgs, 1.5, None, "gpt-4o-mini"))
                return self.body(msgs, 0, None, "gpt-4o-mini"), rng.randint(15, 40)
            return self.body(msgs, 0.7, None, "gpt-4o-mini"), rng.randint(20, 220)
        return make

    def trial_json(self, topic: str) -> Maker:
        """Someone trying the API by asking for a small training set on one topic."""
        content = str(self.p["trial_json"]).format(t=topic)

        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            return self.body([{"role": "user", "content": content}], 0.8, 3000), rng.randint(800, 2500)
        return make

    # ---- distilling ----------------------------------------------------------------------------
    def harvest10(self, domains: list[str], caps: list[int | None], temps: list[float],
                  templates: list[str] | None = None, cot: float = 0.0, voice: dict[str, Any] | None = None,
                  system: str | None = None, logprobs: int = 0, n_max: int = 1) -> Maker:
        """Instruction harvesting: the shared or given templates, reasoning asks, or (with `voice`)
        free-form prompts composed per request."""
        tpls = templates or self.p["harvest"]

        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            if voice is not None:
                content = self.freeform(rng, domains, voice, why=rng.random() < cot)
            elif rng.random() < cot:
                content = rng.choice(self.p["cot"]).format(q=self.question(rng, domains))
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
            c = cap or 4096
            return body, min(c, rng.randint(int(c * 0.35), int(c * 1.1)) if c < 1500 else rng.randint(500, 2400))
        return make

    def critic(self, domains: list[str], caps: list[int | None], temps: list[float],
               tpls: list[str] | None = None) -> Maker:
        """Critique data: k candidate answers scored and critiqued, then an ideal answer."""
        asks = tpls or self.p["critic"]

        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            k = rng.randint(2, 4)
            cands = "\n".join(f"[{i + 1}] {self.doc(rng, domains, rng.randint(40, 110))}" for i in range(k))
            content = rng.choice(asks).format(q=self.question(rng, domains), cands=cands, k=k)
            cap = rng.choice(caps)
            return self.body([{"role": "user", "content": content}], rng.choice(temps), cap), min(cap or 4096, rng.randint(600, 2400))
        return make

    def backtranslate(self, domains: list[str], caps: list[int | None], temps: list[float],
                      tpls: list[str] | None = None) -> Maker:
        """Instruction back-translation: a passage in, the instruction it answers and a better answer out."""
        asks = tpls or self.p["backtrans"]

        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            d = self.doc(rng, rng.sample(domains, 1), rng.randint(120, 420))
            cap = rng.choice(caps)
            return self.body([{"role": "user", "content": rng.choice(asks).format(d=d)}], rng.choice(temps), cap), min(cap or 4096, rng.randint(500, 2000))
        return make

    def curriculum(self, rng: random.Random, domains: list[str], branch: int = 6, leaves: int = 5) -> list[tuple[str, str]]:
        """A curriculum tree over `domains`, walked depth first: (code, path) per node."""
        out: list[tuple[str, str]] = []
        for di, d in enumerate(domains):
            subs = list(dict.fromkeys(self.v.pick(rng, d, branch * 2)))[:branch]
            for si, s in enumerate(subs):
                for li, leaf in enumerate(list(dict.fromkeys(self.v.pick(rng, d, leaves * 2)))[:leaves]):
                    if leaf == s:
                        continue
                    out.append((f"{d[:3].upper()}.{si + 1:02d}.{li + 1:02d}",
                                f"{d.replace('_', ' ').title()} > {s} > {leaf}"))
        return out

    def taxonomy(self, queue: list[tuple[str, str]], caps: list[int | None], temps: list[float],
                 tpls: list[str] | None = None) -> Maker:
        """A curriculum walk: each request the next node of `queue`."""
        return self.shared_taxonomy(queue, [0], caps, temps, tpls or self.p["taxonomy"])

    def shared_taxonomy(self, queue: list[tuple[str, str]], pos: list[int], caps: list[int | None], temps: list[float],
                        tpls: list[str]) -> Maker:
        """One account's puller on a campaign's shared work queue (`pos` is shared)."""
        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            code, path = queue[pos[0] % len(queue)]
            pos[0] += 1
            cap = rng.choice(caps)
            return (self.body([{"role": "user", "content": rng.choice(tpls).format(code=code, path=path)}], rng.choice(temps), cap),
                    min(cap or 4096, rng.randint(700, 2600)))
        return make

    def rft(self, caps: list[int | None], temps: list[float], ns: tuple[int, int], tpls: list[str] | None = None) -> Maker:
        """Rejection-sampling data: verifiable problems, several samples, tagged reasoning."""
        asks = tpls or self.p["rft"]

        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            a, b, c = rng.randint(2, 60), rng.randint(2, 9), rng.randint(3, 40)
            p = rng.choice(self.p["problems"]).format(a=a, b=b, c=c)
            cap = rng.choice(caps)
            body = self.body([{"role": "user", "content": rng.choice(asks).format(p=p)}], rng.choice(temps), cap, n=rng.randint(*ns))
            return body, min(cap or 4096, rng.randint(400, 1800))
        return make

    def dialogsynth(self, domains: list[str], caps: list[int | None], temps: list[float],
                    tpls: list[str] | None = None, system: str | None = None) -> Maker:
        """Whole synthetic conversations written in one request."""
        asks = tpls or self.p["dialog"]

        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            content = rng.choice(asks).format(k=rng.choice([4, 6, 6, 8, 10]), t=self.topic(rng, domains), who=rng.choice(self.p["who"]))
            msgs: list[dict[str, Any]] = [{"role": "system", "content": system}] if system else []
            msgs.append({"role": "user", "content": content})
            cap = rng.choice(caps)
            return self.body(msgs, rng.choice(temps), cap), min(cap or 4096, rng.randint(1200, 3800))
        return make

    def constraints(self, domains: list[str], caps: list[int | None], temps: list[float],
                    tpls: list[str] | None = None, voice: dict[str, Any] | None = None,
                    system: str | None = None) -> Maker:
        """Instruction-following data: a broad ask plus one to three format constraints."""
        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            if voice is not None:
                ask = self.freeform(rng, domains, voice)
            else:
                ask = rng.choice(tpls or self.p["harvest"]).format(t=self.topic(rng, domains))
            w1, w2 = self.v.pick(rng, rng.choice(domains), 2)
            words = rng.choice([150, 200, 300])
            cons = [str(c).format(n=rng.randint(3, 6), m=words, w1=w1, w2=w2, lang=rng.choice(_LANGS10))
                    for c in rng.sample(self.p["constraint"], rng.randint(1, 3))]
            msgs: list[dict[str, Any]] = [{"role": "system", "content": system}] if system else []
            msgs.append({"role": "user", "content": ask + ("\n" if rng.random() < 0.5 else " ") + " ".join(cons)})
            cap = rng.choice(caps)
            short = any(c.startswith("Keep it under") for c in cons)
            out = rng.randint(int(words * 0.8), int(words * 1.3)) if short else rng.randint(250, 1600)
            return self.body(msgs, rng.choice(temps), cap), min(cap or 4096, out)
        return make

    def embed_harvest(self, domains: list[str], model: str, batch: tuple[int, int]) -> Maker:
        """Embedding-model extraction: batches of broad, varied short texts."""
        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            items: list[str] = []
            for _ in range(rng.randint(*batch)):
                d = rng.choice(domains)
                r = rng.random()
                if r < 0.4:
                    items.append(self.doc(rng, [d], rng.randint(6, 30)))
                elif r < 0.7:
                    a, b = self.v.pick(rng, d, 2)
                    items.append(rng.choice(self.p["embed_q"]).format(a=a, b=b))
                else:
                    items.append(self.question(rng, [d]))
            body: dict[str, Any] = {"model": model, "input": items}
            if rng.random() < 0.5:
                body["encoding_format"] = "float"
            return body, 0
        return make

    def parallel(self, domains: list[str], langs: list[str], tpls: list[str] | None = None) -> Maker:
        """A parallel corpus for a translation model: one broad-domain sentence, one of many languages."""
        asks = tpls or self.p["parallel"]

        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            s = self.doc(rng, [rng.choice(domains)], rng.randint(6, 24))
            content = rng.choice(asks).format(lang=rng.choice(langs), s=s)
            return self.body([{"role": "user", "content": content}], 0.0, 512, "gpt-4o"), int(len(s.split()) * rng.uniform(1.1, 1.6))
        return make

    def code_harvest(self, langs: list[str], caps: list[int | None], temps: list[float], system: str | None = None) -> Maker:
        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            content = rng.choice(self.p["code_harvest"]).format(task=rng.choice(self.p["code_tasks"]), lang=rng.choice(langs))
            msgs: list[dict[str, Any]] = [{"role": "system", "content": system}] if system else []
            msgs.append({"role": "user", "content": content})
            cap = rng.choice(caps)
            return self.body(msgs, rng.choice(temps), cap), min(cap or 4096, rng.randint(600, 2600))
        return make

    def pair10(self, domains: list[str]) -> Maker:
        """Preference data written in one request (a good and a bad answer)."""
        def make(rng: random.Random, ts: float) -> tuple[dict[str, Any], int]:
            content = rng.choice(self.p["pair"]).format(q=self.question(rng, domains))
            return self.body([{"role": "user", "content": content}], rng.choice([0.7, 1.0]), 2000), rng.randint(500, 1800)
        return make


# ---- helpers --------------------------------------------------------------------------------
def _tz10(rng: random.Random) -> float:
    return rng.choice([-8.0, -7.0, -6.0, -5.0, -3.0, 0.0, 1.0, 2.0, 3.0, 5.5, 6.0, 7.0, 8.0, 9.0, 10.0])


def _honest10(ids: _Ids, rng: random.Random, pattern: str, m: Mixture, keys: int = 1, nets: list[str] | None = None,
              ua: str | None = None) -> SimTenant:
    nets = nets or ([rng.choice(_CLOUDS10)] if rng.random() < m.honest_cloud else [ids.net()])
    t = _tenant(ids, rng, "honest", pattern, keys=keys, nets=nets, uas=m.sdk_uas, ua=ua)
    t.jurisdiction = rng.choice(_CC10)
    return t


def _trickle(rng: random.Random, count: int, lo_days: float = 3.0, hi_days: float = 6.0) -> list[float]:
    span = rng.uniform(lo_days, hi_days) * T.DAY
    start = rng.uniform(0.0, T.WEEK - span)
    return sorted(T.WEEK_START + start + rng.uniform(0.0, span) for _ in range(count))


def _window(rng: random.Random, count: int, start: float, hours: float) -> list[float]:
    begin = min(max(0.0, start), T.WEEK - hours * 3600.0)
    return sorted(T.WEEK_START + begin + rng.uniform(0.0, hours * 3600.0) for _ in range(count))


def _late(rng: random.Random, times: list[float], lo: float = 1.0, hi: float = 5.0) -> list[float]:
    """Staggered onboarding: the tenant only exists from a day between `lo` and `hi`."""
    start = T.WEEK_START + rng.uniform(lo, hi) * T.DAY
    return [x for x in times if x >= start]


def _jitter(maker: Maker, temp: float, cap: int | None, cf: str) -> Maker:
    """An account's own temperature and cap laid over the shared maker's."""
    def make(r: random.Random, ts: float) -> tuple[dict[str, Any], int]:
        body, out = maker(r, ts)
        if "messages" in body and not body.get("logprobs"):
            body["temperature"] = temp
            body.pop("max_tokens", None)
            body.pop("max_completion_tokens", None)
            if cap is not None:
                body[cf] = cap
                out = min(out, cap)
        return body, out
    return make


# ---- the population -------------------------------------------------------------------------
def populate10(rng: random.Random, kit: Kit, m: Mixture) -> list[SimTenant]:
    k = _Kit10(_vocab10(rng))
    kn = _Kit10(k.v, "max_completion_tokens")  # newer clients
    ids = _Ids(rng)
    out: list[SimTenant] = []
    ctx: dict[str, Any] = {}
    for pattern, count in m.honest.items():
        if pattern in _GROUPS:
            out.extend(_GROUPS[pattern](ids, rng, k, kn, m, count, ctx))
            continue
        for _ in range(count):
            t = _honest_tenant(ids, rng, k if rng.random() < 0.6 else kn, m, pattern)
            if pattern not in ("hobbyist", "codeagent") and rng.random() < 0.12:
                t.times = _late(rng, t.times, 0.5, 4.0)
            out.append(t)
    out.extend(_workshops10(ids, rng, k, m))
    out.extend(_trials10(ids, rng, k, m))
    out.extend(_distillers10(ids, rng, k, kn, m))
    out.extend(_turncoats10(ids, rng, k, kn, m, ctx))
    for ci, size in enumerate(m.campaigns):
        out.extend(_campaign10(ids, rng, k if ci % 2 == 0 else kn, m, f"camp_{ci + 1}", size))
    return [t for t in out if t.times]


def _honest_tenant(ids: _Ids, rng: random.Random, k: _Kit10, m: Mixture, pattern: str) -> SimTenant:
    doms = k.v.domains
    v = m.volume
    z = _tz10(rng)
    t = _honest10(ids, rng, pattern, m, keys=rng.randint(1, 3))
    org = f"{rng.choice(_ORGS10 + _BRANDS10)} {rng.choice(['Group', 'Ltd', 'Inc', 'Care', 'Mutual', 'Stores'])}"
    if pattern == "support":
        t.makers = [k.support10(org, rng.choice(doms))]
        t.times = T.diurnal(rng, rng.uniform(350, 1100) * v, z, weekend=0.4)
    elif pattern == "summarize":
        t.makers = [k.summarize10(rng.sample(doms, rng.choice([1, 2, 4])))]
        t.times = T.nightly(rng, rng.uniform(500, 1400) * v, begin=rng.uniform(0.0, 22.0), hours=rng.uniform(1.0, 3.0))
    elif pattern == "translate":
        t.makers = [k.translate10(rng.sample(doms, 3), rng.sample(_LANGS10, rng.randint(1, 3)))]
        t.times = (T.flat(rng, rng.uniform(800, 2000) * v) if rng.random() < 0.5
                   else T.diurnal(rng, rng.uniform(1000, 2400) * v, z, width=3.0, weekend=0.1))
    elif pattern == "extract":
        t.makers = [k.extract10(rng.choice(doms))]
        t.times = T.diurnal(rng, rng.uniform(300, 900) * v, z, width=3.5)
    elif pattern == "ide":
        t.keys = _keys(ids, rng.randint(5, 25))
        t.ua = rng.choice(_IDE_UAS10)
        t.makers = [k.ide10(rng.choice(["VS Code", "IntelliJ", "Cursor", "Zed", "Xcode"]))]
        t.times = T.diurnal(rng, len(t.keys) * rng.uniform(30, 80) * v, z)
    elif pattern == "rag":
        t.makers = [k.rag10(org, rng.sample(doms, rng.randint(1, 3)))]
        t.times = T.diurnal(rng, rng.uniform(200, 700) * v, z)
    elif pattern == "eval":
        t.ua = _EVAL_UA10 if rng.random() < 0.6 else t.ua
        t.makers = [k.eval10(doms, rng.randint(0, 9999))]
        t.times = T.bursts(rng, int(rng.uniform(1500, 4500) * v) + 50, rng.randint(1, 3), rng.uniform(2, 8))
    elif pattern == "chat":
        t.makers = [k.chat10(doms, n_multi=0.04)]
        t.times = T.diurnal(rng, rng.uniform(500, 1400) * v, z, width=4.5)
    elif pattern == "creative":
        t.makers = [k.creative10(rng.sample(doms, rng.randint(3, 8)))]
        t.times = T.diurnal(rng, rng.uniform(200, 700) * v, z, width=3.5)
    elif pattern == "classify":
        t.makers = [k.classify(rng.sample(doms, 2))]
        t.times = T.flat(rng, rng.uniform(600, 1800) * v)
    elif pattern == "agent":
        d = rng.choice(doms)
        t.ua = rng.choice(_AGENT_UAS10)
        t.makers = [k.agent10(d, f"{rng.choice(_ORGS10)}Bot", k.toolset10(rng, [d], rng.randint(3, 8)))]
        t.times = T.diurnal(rng, rng.uniform(300, 900) * v, z, width=4.0)
    elif pattern == "hobbyist":
        _hobbyist10(rng, k, t, z, v)
    elif pattern in _NEW_HONEST:
        _NEW_HONEST[pattern](ids, rng, k, m, t, z)
    else:
        raise ValueError(f"holdout10: unknown honest pattern {pattern!r}")
    return t


def _hobbyist10(rng: random.Random, k: _Kit10, t: SimTenant, z: float, v: float) -> None:
    doms = k.v.domains
    t.keys = t.keys[:1]
    t.bill = _personal(rng)
    if rng.random() < 0.3:  # on a phone: a mobile carrier's CGNAT, often an Android BYO-key app
        t.ips = _on(rng, _CGNAT10, 3)
        if rng.random() < 0.5:
            t.ua = _MOBILE_UA10
    if rng.random() < 0.25 and t.ua != _MOBILE_UA10:
        t.ua = rng.choice(_CHATAPP_UAS10)
    r = rng.random()
    t.makers = [k.chat10(rng.sample(doms, rng.randint(1, 5)), conversational=0.3) if r < 0.5 else
                k.essay10(rng.sample(doms, 2), rng.choice([1500, 2000, 4096])) if r < 0.7 else
                k.harvest10(rng.sample(doms, 2), [1024, 2048], [0.7], voice=_voice10(rng))]
    t.times = T.diurnal(rng, rng.uniform(1.2, 30) * v, z, peak=rng.choice([13.0, 21.0]))


def _qa_site(ids: _Ids, rng: random.Random, k: _Kit10, m: Mixture, t: SimTenant, z: float) -> None:
    """A homework / expert-answer site: every subject, 24/7 with an evening peak, a key per service."""
    name = rng.choice(["AskWell", "Quizzly", "Knowhere", "TutorLoop", "Brainpath"])
    t.keys = _keys(ids, rng.randint(2, 4))
    t.ua = f"{name.lower()}-backend/{rng.randint(2, 6)}.{rng.randint(0, 9)}"
    t.makers = [k.qa_site(name, k.v.domains)]
    t.times = T.diurnal(rng, rng.uniform(900, 2200) * m.volume, z, peak=20.0, width=4.0, weekend=1.2)


def _judge(ids: _Ids, rng: random.Random, k: _Kit10, m: Mixture, t: SimTenant, z: float) -> None:
    """An LLM-judge team: release-candidate eval bursts plus a fixed nightly CI run."""
    product = f"{rng.choice(_BRANDS10)} Assist"
    t.keys = _keys(ids, rng.randint(1, 2))
    t.ua = rng.choice([_EVAL_UA10, "promptfoo/0.114.2", "OpenAI/Python 1.82.0"])
    t.makers = [k.judge(product, rng.sample(k.v.domains, rng.randint(2, 4)))]
    t.times = sorted(T.bursts(rng, int(rng.uniform(1000, 3000) * m.volume) + 20, rng.randint(1, 3), rng.uniform(1.5, 5.0))
                     + T.nightly(rng, rng.uniform(150, 400) * m.volume, begin=rng.uniform(0.0, 6.0), hours=1.0))


_EXAMS10 = [("MCAT", "MC", ["biology", "chemistry", "physics"]), ("Bar Exam", "BAR", ["law", "taxation"]),
            ("CPA", "CPA", ["taxation", "finance"]), ("USMLE Step 1", "USM", ["medicine", "biology", "dentistry"]),
            ("CFA Level I", "CFA", ["finance", "math"]), ("GRE", "GRE", ["math", "linguistics"])]


def _exam_prep(ids: _Ids, rng: random.Random, k: _Kit10, m: Mixture, t: SimTenant, z: float) -> None:
    """An exam-prep publisher: explanation backfill overnight, students by day (two keys)."""
    exam, code, subjects = rng.choice(_EXAMS10)
    brand = rng.choice(["Kaplow", "PrepPath", "Examwise", "Studybridge"])
    t.keys = _keys(ids, 2)
    t.makers = [k.exam_explain(brand, exam, code, subjects), k.exam_student(brand, exam, subjects)]
    nights = rng.sample(range(7), rng.randint(2, 4))
    batch = sorted(T.WEEK_START + rng.choice(nights) * T.DAY + ((rng.uniform(1.0, 5.0) - z) % 24.0) * 3600.0
                   for _ in range(int(rng.uniform(2000, 5000) * m.volume) + 10))
    day = T.diurnal(rng, rng.uniform(200, 500) * m.volume, z, peak=19.0, width=3.5, weekend=1.0)
    t.times = sorted(batch + day)
    explain, student = t.makers
    t.makers = [_by_time(explain, student, set(batch))]


def _by_time(a: Maker, b: Maker, times_a: set[float]) -> Maker:
    """`a` at the given times, `b` otherwise (two workloads of one tenant)."""
    def make(r: random.Random, ts: float) -> tuple[dict[str, Any], int]:
        return (a if ts in times_a else b)(r, ts)
    return make


_CAT10 = ["photography", "textiles", "dentistry", "viticulture", "ornithology", "railways", "astronomy", "retail",
          "robotics", "archaeology"]


def _catalog(ids: _Ids, rng: random.Random, k: _Kit10, m: Mixture, t: SimTenant, z: float) -> None:
    """Marketplace catalog enrichment: nightly runs over new SKUs, some daytime re-writes."""
    store = f"{rng.choice(_BRANDS10)} Marketplace"
    t.ua = rng.choice(_SCRIPT_UAS10[:3] + [_TOP_SDK10])
    t.makers = [k.catalog(store, rng.sample(_CAT10, rng.randint(4, 8)))]
    t.times = sorted(T.nightly(rng, rng.uniform(800, 2200) * m.volume, begin=rng.uniform(0.0, 4.0), hours=rng.uniform(2.0, 4.0))
                     + T.diurnal(rng, rng.uniform(50, 150) * m.volume, z))


def _tuner(ids: _Ids, rng: random.Random, k: _Kit10, m: Mixture, t: SimTenant, z: float) -> None:
    """Training data for the customer's own intent classifier / support model, in bursts."""
    d = rng.choice(["finance", "retail", "medicine", "dentistry", "railways", "taxation", "hr"])
    t.makers = [k.tuner(rng.choice(_BRANDS10), d)]
    t.times = sorted(T.bursts(rng, int(rng.uniform(800, 2500) * m.volume) + 20, rng.randint(2, 4), rng.uniform(1.0, 4.0))
                     + _office(rng, int(rng.uniform(50, 200) * m.volume), z))


def _codeagent(ids: _Ids, rng: random.Random, k: _Kit10, m: Mixture, t: SimTenant, z: float) -> None:
    """A developer's bring-your-own-key coding agent: a few evening / weekend sessions."""
    t.keys = t.keys[:1]
    tool = rng.choice(_CODE_UAS10)
    t.ua = tool
    t.bill = _personal(rng) if rng.random() < 0.6 else t.bill
    r = rng.random()
    t.ips = _on(rng, _CGNAT10, 3) if r < 0.2 else _on(rng, [ids.net(), ids.net()], 4)
    names = ["read_file", "write_file", "list_dir", "run_command", "search_repo", "apply_diff"]
    tools = [{"type": "function", "function": {"name": n, "description": f"{n.replace('_', ' ')} in the workspace",
                                               "parameters": {"type": "object", "properties": {"path": {"type": "string"}}}}}
             for n in names]
    t.makers = [k.codeagent(tool.split("/")[0], tools, rng.choice([None, 4096, 8192]))]
    starts = []
    for _ in range(rng.randint(2, 6)):
        day = rng.randrange(7)
        hour = rng.uniform(18.0, 23.0) if day < 5 else rng.uniform(10.0, 20.0)
        starts.append(day * T.DAY + ((hour - z) % 24.0) * 3600.0)
    wins = [(s, s + rng.uniform(0.5, 3.0) * 3600.0) for s in starts]
    n = max(3, int(rng.uniform(20, 250) * m.volume))
    t.times = sorted(T.WEEK_START + min(rng.uniform(*rng.choice(wins)), T.WEEK - 1.0) for _ in range(n))


_NEW_HONEST = {"qa_site": _qa_site, "judge": _judge, "exam_prep": _exam_prep, "catalog": _catalog, "tuner": _tuner,
               "codeagent": _codeagent}


# ---- honest groups: tenants linked by network, client and billing --------------------------
def _conglomerate(ids: _Ids, rng: random.Random, k: _Kit10, kn: _Kit10, m: Mixture, n: int,
                  ctx: dict[str, Any]) -> list[SimTenant]:
    """Business units of one group, each its own tenant, behind the group's egress and gateway."""
    group = rng.choice(["Halvorsen", "Marchetti", "Okonkwo", "Takeda-Ross"])
    slug = group.lower().replace("-", "")
    nets = [ids.net(), ids.net()]
    gw = f"{slug}-aigw/1.3 litellm/1.70.4"
    cc = rng.choice(["NO", "IT", "NG", "JP", "DE"])
    z = rng.choice([1.0, 2.0, 9.0])
    doms = k.v.domains
    units = ["Insurance", "Logistics", "Retail", "Energy", "Health", "Property", "Finance", "Rail", "Media", "Labs",
             "Foods", "Textiles", "Travel", "Security"]
    out: list[SimTenant] = []
    for j in range(n):
        unit = units[j % len(units)] + ("" if j < len(units) else f" {j // len(units) + 1}")
        kk = k if rng.random() < 0.5 else kn
        t = _honest10(ids, rng, "conglomerate", m, keys=rng.randint(1, 4), nets=nets,
                      ua=gw if rng.random() < 0.7 else None)
        t.jurisdiction = cc if rng.random() < 0.85 else rng.choice(_CC10)
        t.bill = f"ap@{slug}-group.example" if rng.random() < 0.8 else f"finance@{slug}{unit.lower().replace(' ', '')}.example"
        org = f"{group} {unit}"
        kind = j % 7
        v = m.volume
        if kind == 0:
            t.makers = [kk.support10(org, rng.choice(doms))]
            t.times = T.diurnal(rng, rng.uniform(200, 600) * v, z, weekend=0.3)
        elif kind == 1:
            t.makers = [kk.rag10(org, rng.sample(doms, 2))]
            t.times = T.diurnal(rng, rng.uniform(150, 500) * v, z)
        elif kind == 2:
            t.makers = [kk.summarize10(rng.sample(doms, 2))]
            t.times = T.nightly(rng, rng.uniform(200, 600) * v, begin=rng.uniform(0.0, 4.0), hours=2.0)
        elif kind == 3:
            t.makers = [kk.extract10(rng.choice(doms))]
            t.times = T.diurnal(rng, rng.uniform(150, 500) * v, z, width=3.0)
        elif kind == 4:
            t.makers = [kk.translate10(rng.sample(doms, 2), rng.sample(_LANGS10, 2))]
            t.times = T.diurnal(rng, rng.uniform(150, 500) * v, z, width=3.0, weekend=0.1)
        elif kind == 5:  # the knowledge team: long internal guides on many topics
            t.makers = [kk.internal(org, rng.choice(kk.p["depts"]), rng.sample(doms, rng.randint(6, 12)))]
            t.times = _office(rng, int(rng.uniform(200, 700) * 5 * v) + 5, z, width=2.5)
        else:
            t.makers = [kk.chat10(doms, conversational=0.5)]
            t.times = T.diurnal(rng, rng.uniform(100, 400) * v, z, width=3.0, weekend=0.2)
        out.append(t)
    return out


def _devshop(ids: _Ids, rng: random.Random, k: _Kit10, kn: _Kit10, m: Mixture, n: int,
             ctx: dict[str, Any]) -> list[SimTenant]:
    """A development agency: a tenant per client project, built and tested from the agency's
    office /24 and CI range with one pinned SDK; half billed to the agency."""
    agency = rng.choice(["Brightforge", "Nimbletide", "Copperpine", "Quayside"])
    office = ids.net()
    ci = rng.choice(_CLOUDS10)
    z = rng.choice([0.0, 1.0, 2.0, 5.5])
    doms = k.v.domains
    ctx["devshop"] = {"nets": [office, ci], "bill": f"billing@{agency.lower()}.example", "z": z}
    out: list[SimTenant] = []
    for j in range(n):
        client = f"{rng.choice(_BRANDS10 + _ORGS10)}"
        t = _honest10(ids, rng, "devshop", m, keys=rng.randint(1, 3), nets=[office, ci], ua=_TOP_SDK10)
        t.ips = _on(rng, [office], 3) + _on(rng, [ci], 2)
        if rng.random() < 0.4:  # production traffic from the client's own app servers
            t.ips += _on(rng, [rng.choice(_CLOUDS10)], 3)
        t.bill = f"billing@{agency.lower()}.example" if j % 2 == 0 else f"accounts@{client.lower().replace('&', '')}.example"
        kind = j % 6
        v = m.volume
        zc = _tz10(rng)
        if kind == 0:
            t.makers = [k.support10(client, rng.choice(doms))]
        elif kind == 1:
            t.makers = [k.rag10(client, rng.sample(doms, 2))]
        elif kind == 2:
            t.makers = [k.extract10(rng.choice(doms))]
        elif kind == 3:
            t.makers = [k.catalog(f"{client} Shop", rng.sample(_CAT10, 3))]
        elif kind == 4:
            t.makers = [k.tuner(client, rng.choice(doms))]
        else:
            t.makers = [k.judge(f"{client} Assist", rng.sample(doms, 2))]
        dev = _office(rng, int(rng.uniform(30, 200) * 5 * v) + 3, z, width=2.5)
        prod = T.diurnal(rng, rng.uniform(50, 400) * v, zc) if kind < 3 and rng.random() < 0.7 else []
        t.times = sorted(dev + prod)
        out.append(t)
    return out


def _paas(ids: _Ids, rng: random.Random, k: _Kit10, kn: _Kit10, m: Mixture, n: int,
          ctx: dict[str, Any]) -> list[SimTenant]:
    """Unrelated indie apps hosted on one PaaS: its two egress /24s and its runtime user agent."""
    doms = k.v.domains
    out: list[SimTenant] = []
    for _ in range(n):
        kk = k if rng.random() < 0.5 else kn
        t = _honest10(ids, rng, "paas", m, keys=rng.randint(1, 2), nets=list(_PAAS10),
                      ua=_PAAS_UA10 if rng.random() < 0.6 else "OpenAI/NodeJS 5.1.0")
        t.ips = _on(rng, _PAAS10, 6)
        t.bill = _personal(rng) if rng.random() < 0.5 else t.bill
        z = _tz10(rng)
        r = rng.random()
        apps = [str(x) for x in kk.p["apps"]]
        if r < 0.45:
            t.makers = [kk.app10(rng.choice(apps), rng.sample(doms, rng.randint(2, 5)))]
        elif r < 0.65:
            t.makers = [kk.consumer10(rng.sample(doms, rng.randint(3, 6)))]
        elif r < 0.8:
            t.makers = [kk.summarize10(rng.sample(doms, 2))]
        elif r < 0.9:
            t.makers = [kk.rag10(f"{rng.choice(_BRANDS10)} Docs", rng.sample(doms, 2))]
        else:
            t.makers = [kk.essay10(rng.sample(doms, 4), 2000)]
        t.times = T.diurnal(rng, rng.uniform(5, 150) * m.volume + rng.uniform(1, 5), z, peak=20.0, width=3.5, weekend=1.2)
        out.append(t)
    return out


_GROUPS = {"conglomerate": _conglomerate, "devshop": _devshop, "paas": _paas}


def _workshops10(ids: _Ids, rng: random.Random, k: _Kit10, m: Mixture) -> list[SimTenant]:
    """Conference workshops (`m.cohorts`): attendees' fresh accounts in hosted notebooks, one
    pinned SDK, the slides' exercises verbatim in one three-hour session, a few coming back."""
    out: list[SimTenant] = []
    doms = k.v.domains
    for size in m.cohorts:
        day = rng.randrange(1, 5)
        z = _tz10(rng)
        start = day * T.DAY + ((rng.uniform(9.0, 14.0) - z) % 24.0) * 3600.0
        for _ in range(size):
            t = _honest10(ids, rng, "workshop", m, nets=list(_NOTEBOOK10), ua=_TOP_SDK10)
            t.ips = _on(rng, _NOTEBOOK10, 3)
            t.bill = _personal(rng) if rng.random() < 0.6 else f"{rng.choice(_FIRST10)}@{rng.choice(_BRANDS10).lower().replace('&', '')}.example"
            t.jurisdiction = rng.choice(["US", "US", "CA", "GB", "DE", "IN"]) if z < 0 else rng.choice(_CC10)
            t.makers = [k.workshop(doms, rng.random() < 0.7)]
            n = rng.randint(4, 22)
            t.times = _window(rng, n, start + rng.uniform(0.0, 0.5) * 3600.0, 2.5)
            if rng.random() < 0.25:
                t.times = sorted(t.times + _window(rng, rng.randint(1, 8), start + rng.uniform(0.5, 4.0) * T.DAY, 2.0))
            if rng.random() < 0.1:  # finished an exercise from the hotel
                t.ips.append(f"{ids.net()}.{rng.randint(1, 254)}")
            out.append(t)
    return out


def _trials10(ids: _Ids, rng: random.Random, k: _Kit10, m: Mixture) -> list[SimTenant]:
    """Trial accounts of one to seven requests: personal billing, some long or dataset asks."""
    doms = k.v.domains
    out: list[SimTenant] = []
    for _ in range(m.trial_accounts):
        t = _honest10(ids, rng, "trial", m, ua=rng.choice(_CHATAPP_UAS10) if rng.random() < 0.2 else None)
        t.bill = _personal(rng) if rng.random() < 0.7 else t.bill
        if rng.random() < 0.3:
            t.ips = _on(rng, _CGNAT10, 2)
            if rng.random() < 0.3:
                t.ua = _MOBILE_UA10
        r = rng.random()
        if r < 0.25:
            t.makers = [k.essay10(rng.sample(doms, 2), rng.choice([2000, 3000, 4096]))]
        elif r < 0.35:
            t.makers = [k.trial_json(k.topic(rng, doms))]
        elif r < 0.5:
            t.makers = [k.harvest10(rng.sample(doms, 2), [1024, 2048, None], [0.7], voice=_voice10(rng))]
        else:
            t.makers = [k.chat10(rng.sample(doms, rng.randint(1, 3)), conversational=0.2)]
        t.times = T.visit(rng, 5.0, 7)
        out.append(t)
    return out


# ---- distillers -----------------------------------------------------------------------------
def _distillers10(ids: _Ids, rng: random.Random, k: _Kit10, kn: _Kit10, m: Mixture) -> list[SimTenant]:
    doms = k.v.domains
    v = m.volume
    out: list[SimTenant] = []
    n_seen = 0
    for pattern, count in m.distill.items():
        for i in range(count):
            kk = k if rng.random() < 0.6 else kn
            keys = rng.randint(1, 2) if pattern == "drip" else rng.randint(20, 40) if pattern == "keyfarm" else rng.randint(1, 4)
            t = _tenant(ids, rng, "distiller", pattern, keys=keys,
                        nets=[rng.choice(_CLOUDS10)] if rng.random() < 0.35 else None,
                        uas=tuple(m.sdk_uas) if rng.random() < 0.6 else tuple(_SCRIPT_UAS10))
            t.jurisdiction = rng.choice(_CC10)
            r = rng.random()
            if r < 0.25:
                t.bill = _personal(rng)
            elif r < 0.33:
                t.bill = ""
            caps: list[int | None] = list(rng.sample(m.harvest_max_tokens, rng.randint(1, 3)))
            temps = rng.choice([[0.7], [0.8], [1.0], [0.6, 0.8, 1.0]])
            broad = rng.sample(doms, rng.randint(9, len(doms)))
            z = _tz10(rng)
            t.makers, t.times = _single(rng, kk, pattern, i, broad, caps, temps, z, v)
            if pattern == "disguise" and i % 3 == 1:
                t.ua = rng.choice(_IDE_UAS10)
            n_seen += 1
            if n_seen % 3 == 0 and pattern != "drip":  # staggered onboarding: a third join on day 1-5
                t.times = _late(rng, t.times)
            out.append(t)
    return out


def _single(rng: random.Random, k: _Kit10, pattern: str, i: int, broad: list[str], caps: list[int | None],
            temps: list[float], z: float, v: float) -> tuple[list[Maker], list[float]]:
    flat = T.flat(rng, rng.uniform(450, 1200) * v)
    if pattern == "harvest":
        return [k.harvest10(broad, caps, temps, cot=0.1)], T.flat(rng, rng.uniform(800, 2000) * v)
    if pattern == "cot":
        return [k.harvest10(broad, caps, temps, cot=0.75)], T.diurnal(rng, rng.uniform(500, 1400) * v, z, width=5.0)
    if pattern == "logprob":
        return ([k.harvest10(broad, [256, 512, 1024], [0.0] if i % 2 == 0 else [0.0, 1.0], logprobs=rng.choice([5, 10, 20]))],
                flat)
    if pattern == "preference":
        return [k.pref_pairs(broad, (0.0, 1.1)) if i % 2 == 0 else k.pair10(broad)], flat
    if pattern == "tools":
        return [k.tool_traces(broad, rng.choice([2000, 3000]))], flat
    if pattern == "disguise":
        kind = i % 3
        if kind == 0:  # a Q&A-site clone: a platform-like prompt, student-voice asks, every subject
            mk = k.qa_site("StudyNest", broad, system=str(k.p["qa_clone_sys"]), caps=[4096, 6000],
                           plea=["full answer please", "step by step please", "explain every step", "with examples",
                                 "as detailed as possible", ""])
        elif kind == 1:  # a coding assistant's prompt over code-with-tests harvesting
            mk = k.code_harvest(["Python", "Go", "Rust", "TypeScript", "Java", "C#", "Kotlin", "Swift", "Ruby", "Elixir"],
                                [c for c in caps if c and c >= 2000] or [4096], temps, system=k.p["ide_sys"].format(ide="VS Code"))
        else:  # a bank's support prompt over broad explanations
            mk = k.harvest10(broad, caps, [0.4], cot=0.2, system=k.p["bank_sys"].format(c=rng.choice(_ORGS10)))
        return [mk], T.diurnal(rng, rng.uniform(400, 1100) * v, z, peak=rng.choice([14.0, 20.0]), width=3.5, weekend=0.8)
    if pattern == "critic":
        return [k.critic(broad, [c for c in caps if c and c >= 2000] or [3000], temps)], flat
    if pattern == "backtranslate":
        return [k.backtranslate(broad, caps, temps)], T.diurnal(rng, rng.uniform(500, 1300) * v, z, width=5.0, weekend=0.7)
    if pattern == "taxonomy":  # office hours in one zone, a curriculum walked in order
        queue = k.curriculum(rng, broad)
        return [k.taxonomy(queue, caps, temps)], _office(rng, int(rng.uniform(2500, 6000) * v) + 5, z, width=2.2)
    if pattern == "rft":
        return [k.rft([c for c in caps if c and c >= 2000] or [4096], [0.8, 1.0], (4, 8))], flat
    if pattern == "dialogsynth":
        return [k.dialogsynth(broad, [c for c in caps if c and c >= 2000] or [4096], temps)], flat
    if pattern == "constraints":
        return [k.constraints(broad, caps, temps, voice=_voice10(rng) if i % 2 else None)], T.diurnal(
            rng, rng.uniform(500, 1300) * v, z, width=4.5)
    if pattern == "keyfarm":  # many keys, each quiet; the tenant as a whole is not
        return [k.harvest10(broad, caps, temps, cot=0.3)], T.flat(rng, rng.uniform(600, 1500) * v)
    if pattern == "embedharvest":
        return ([k.embed_harvest(broad, rng.choice(["text-embedding-3-large", "text-embedding-3-small"]), (8, 48))],
                T.flat(rng, rng.uniform(500, 1500) * v))
    if pattern == "parallel":
        return [k.parallel(broad, rng.sample(_LANGS10, rng.randint(10, 16)))], T.flat(rng, rng.uniform(1000, 2500) * v)
    # drip: 10-40 a day, each with another habit
    kind = i % 6
    drip = (k.harvest10(broad, caps, temps, voice=_voice10(rng), cot=0.3) if kind == 0 else
            k.critic(broad, [3000], temps) if kind == 1 else
            k.rft([4096], [0.9], (4, 6)) if kind == 2 else
            k.dialogsynth(broad, [4096], temps) if kind == 3 else
            k.taxonomy(k.curriculum(rng, broad), caps, temps) if kind == 4 else
            k.backtranslate(broad, caps, temps))
    return [drip], T.diurnal(rng, rng.uniform(10, 40), z, width=5.0, weekend=rng.choice([0.0, 0.6, 1.0]))


def _turncoats10(ids: _Ids, rng: random.Random, k: _Kit10, kn: _Kit10, m: Mixture,
                 ctx: dict[str, Any]) -> list[SimTenant]:
    """Honest tenants whose one turned key starts harvesting: a catalog store (one key) at day
    ~1.5, a Q&A site's key at day ~3, an agency client tenant (one key, on the agency's network
    and billing) at day ~4.2, an LLM-judge team's key at day ~5.5; each keeps 15-35% honest traffic."""
    doms = k.v.domains
    v = m.volume
    out: list[SimTenant] = []
    for i in range(m.turncoats):
        kind = ["catalog", "qa", "devshop", "judge"][i % 4]
        shop = ctx.get("devshop")
        z = _tz10(rng)
        if kind == "devshop" and shop is not None:
            t = _honest10(ids, rng, "turncoat", m, keys=1, nets=list(shop["nets"]), ua=_TOP_SDK10)
            t.bill = str(shop["bill"])
            z = float(shop["z"])
        else:
            t = _honest10(ids, rng, "turncoat", m, keys=1 if kind in ("catalog", "devshop") else rng.randint(2, 4))
        t.label = "distiller"
        broad = rng.sample(doms, rng.randint(9, 15))
        caps: list[int | None] = list(rng.sample(m.harvest_max_tokens, 2))
        if kind == "catalog":
            t.ua = rng.choice(_SCRIPT_UAS10[:3])
            honest = k.catalog(f"{rng.choice(_BRANDS10)} Marketplace", rng.sample(_CAT10, 5))
            turned = k.taxonomy(k.curriculum(rng, broad), caps, [0.7])
            before = T.nightly(rng, rng.uniform(600, 1500) * v, begin=rng.uniform(0.0, 4.0), hours=3.0)
        elif kind == "qa":
            name = rng.choice(["AskWell", "Quizzly", "Knowhere"])
            t.ua = f"{name.lower()}-backend/{rng.randint(2, 6)}.{rng.randint(0, 9)}"
            honest = k.qa_site(name, doms)
            turned = k.rft([4096], [0.9, 1.0], (4, 8))
            before = T.diurnal(rng, rng.uniform(600, 1400) * v, z, peak=20.0, width=4.0, weekend=1.2)
        elif kind == "devshop":
            client = rng.choice(_BRANDS10)
            honest = k.support10(client, rng.choice(doms))
            turned = k.dialogsynth(broad, [4096], [0.9])
            before = sorted(_office(rng, int(rng.uniform(150, 400) * 5 * v) + 3, z) + T.diurnal(rng, rng.uniform(200, 500) * v, _tz10(rng)))
        else:
            t.ua = _EVAL_UA10
            honest = k.judge(f"{rng.choice(_BRANDS10)} Assist", rng.sample(doms, 3))
            turned = k.critic(broad, [3000], [0.7])
            before = sorted(T.bursts(rng, int(rng.uniform(800, 2000) * v) + 20, 2, rng.uniform(2.0, 5.0))
                            + T.nightly(rng, rng.uniform(150, 300) * v, begin=2.0, hours=1.0))
        t.makers = [honest] * len(t.keys)
        t.turn_key = t.keys[rng.randrange(len(t.keys))]
        when = [(1.3, 1.8), (2.8, 3.3), (4.0, 4.5), (5.3, 5.8)][i % 4]
        t.turn_ts = T.WEEK_START + rng.uniform(*when) * T.DAY
        t.turned = _mixed(turned, honest, rng.uniform(0.15, 0.35))
        since = t.turn_ts - T.WEEK_START
        after = (T.diurnal(rng, rng.uniform(700, 1600) * v, z, width=3.5, weekend=0.7, start=since) if i % 2
                 else T.flat(rng, rng.uniform(700, 1600) * v, start=since))
        t.times = sorted(before + [x for x in after if x >= t.turn_ts])
        out.append(t)
    return out


# ---- campaigns ----------------------------------------------------------------------------
def _profile(size: int) -> str:
    """The operation a campaign of this many accounts is (see the module docstring)."""
    for limit, name in ((3, "pair"), (8, "fronts"), (20, "relay"), (150, "farm"), (800, "cluster"), (2500, "proxy")):
        if size <= limit:
            return name
    return "swarm"


def _campaign10(ids: _Ids, rng: random.Random, k: _Kit10, m: Mixture, cid: str, size: int) -> list[SimTenant]:
    prof = _profile(size)
    out = _OPS[prof](ids, rng, k, m, size)
    for t in out:
        t.campaign = cid
        t.label = "distiller"
        t.pattern = "campaign"
    return out


def _acct(ids: _Ids, rng: random.Random, ua: str, nets: list[str], keys: int = 1) -> SimTenant:
    return _tenant(ids, rng, "distiller", "campaign", keys=keys, ua=ua, nets=nets)


def _op_pair(ids: _Ids, rng: random.Random, k: _Kit10, m: Mixture, size: int) -> list[SimTenant]:
    """Two founders' accounts of a small lab: one office /24, one client, office hours at UTC+8,
    verbatim rejection-sampling prompts, 10% chat."""
    net = ids.net()
    ua = "aiohttp/3.12.2"
    tpls = rng.sample(k.p["rft"], 2)
    harvest = k.rft([4096], [0.9], (4, 8), tpls)
    cc = rng.choice(["HK", "SG", "TW"])
    out: list[SimTenant] = []
    for _ in range(size):
        t = _acct(ids, rng, ua, [net])
        t.jurisdiction = cc
        t.bill = _personal(rng)
        n = int(rng.uniform(250, 650) * m.volume) + 15
        t.times = _office(rng, n, 8.0, peak=rng.uniform(11.0, 15.0), width=2.2)
        t.makers = [_first_harvest(harvest, k.chat10(k.v.domains, conversational=0.3), 0.1)]
        out.append(t)
    return out


def _op_fronts(ids: _Ids, rng: random.Random, k: _Kit10, m: Mixture, size: int) -> list[SimTenant]:
    """Fake consumer apps on the PaaS: each its persona prompt, backend UA, keys and billing domain;
    evening traffic at UTC-5; half genuine-looking app traffic; dialogue or constraint data."""
    doms = k.v.domains
    names = rng.sample(["Mindful", "Orbitly", "Chatterly", "Brainy", "Nova", "Pocket", "Glimmer", "Kindle", "Verse", "Tandem"],
                       min(size, 10))
    style = rng.choice(["dialogsynth", "constraints"])
    base = rng.sample(k.p["dialog"] if style == "dialogsynth" else k.p["harvest"], 3)
    broad = rng.sample(doms, rng.randint(12, len(doms)))
    out: list[SimTenant] = []
    for j in range(size):
        name = names[j % len(names)] + ("" if j < len(names) else str(j))
        slug = name.lower()
        t = _acct(ids, rng, f"{slug}-api/{rng.randint(1, 3)}.{rng.randint(0, 12)} node", list(_PAAS10), keys=rng.randint(2, 3))
        t.ips = _on(rng, _PAAS10, 6)
        t.bill = f"billing@{slug}app.example"
        t.jurisdiction = "US" if rng.random() < 0.7 else rng.choice(["CA", "GB"])
        persona = f"You are {name}, the assistant in the {name} app. {rng.choice(['Be thorough and warm.', 'Give rich, detailed answers.', 'Always explain fully.'])}"
        tpls = [k.paraphrase(rng, x) for x in base]
        harvest = (k.dialogsynth(broad, [4096, 6000], [0.9], tpls, system=persona) if style == "dialogsynth"
                   else k.constraints(broad, [2048, 4096], [0.8], tpls, system=persona))
        cover = k.app10(persona, rng.sample(doms, rng.randint(3, 5)))
        n = int(rng.uniform(300, 800) * m.volume) + 10
        times = T.diurnal(rng, n / 6.4, -5.0, peak=20.5, width=3.0, weekend=1.1)
        t.times = times or _window(rng, 2, rng.uniform(0, T.WEEK - 3600.0), 1.0)
        t.makers = [_harvest_at(harvest, cover, rng.uniform(0.45, 0.55), rng.randrange(len(t.times)))]
        out.append(t)
    return out


def _any_ua10(rng: random.Random) -> str:
    fam = rng.choice(["python-requests/2.{a}.{b}", "httpx/0.{a}.{b}", "aiohttp/3.{a}.{b}", "OpenAI/Python 1.{a}.{b}",
                      "OpenAI/NodeJS 4.{a}.{b}", "axios/1.{a}.{b}", "got/14.{a}.{b}", "Dart/3.{a} (dart:io)",
                      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 Safari/6{a:02d}.{b}",
                      "insomnia/11.{a}.{b}", "RestSharp/112.{a}.{b}", "ureq/3.{a}.{b}"])
    return fam.format(a=rng.randint(1, 99), b=rng.randint(0, 30))


def _op_relay(ids: _Ids, rng: random.Random, k: _Kit10, m: Mixture, size: int) -> list[SimTenant]:
    """Residential exits per request, a distinct client per account, no billing, accounts used one
    after another; free-form asks with format constraints; 20-30% casual cover."""
    doms = k.v.domains
    broad = rng.sample(doms, rng.randint(14, len(doms)))
    cf = k.cf
    out: list[SimTenant] = []
    for j in range(size):
        n = int(rng.uniform(150, 400) * m.volume) + 8
        t = _acct(ids, rng, _any_ua10(rng), [ids.net()])
        t.ips = _resi(rng, n + 2)
        t.bill = ""
        t.jurisdiction = rng.choice(_CC10)
        voice = _voice10(rng)
        harvest = _jitter(k.constraints(broad, [4096], [0.8], voice=voice), round(rng.uniform(0.6, 1.0), 2),
                          rng.choice([2048, 3000, 4096]), cf)
        slot = T.WEEK * (j + rng.uniform(0.0, 0.3)) / size
        span = rng.uniform(14.0, 30.0)
        t.times = _window(rng, n, slot, span)
        t.makers = [_first_harvest(harvest, k.casual(rng.sample(doms, 6), voice), rng.uniform(0.2, 0.3))]
        out.append(t)
    return out


def _op_farm(ids: _Ids, rng: random.Random, k: _Kit10, m: Mixture, size: int) -> list[SimTenant]:
    """A phone farm: mobile CGNAT, the common okhttp client, free-mail billing, accounts trickling
    over 3-6 days; back-translation from each account's template subset; 35-45% consumer cover."""
    doms = k.v.domains
    broad = rng.sample(doms, rng.randint(12, len(doms)))
    pool = list(k.p["backtrans"])
    cc = rng.choice(["IN", "ID", "PH", "BD"])
    out: list[SimTenant] = []
    for _ in range(size):
        n = max(3, int(rng.uniform(12, 40) * m.volume + 0.5))
        t = _acct(ids, rng, _MOBILE_UA10, [rng.choice(_CGNAT10)])
        t.ips = _on(rng, _CGNAT10, 4)
        t.bill = _personal(rng)
        t.jurisdiction = cc if rng.random() < 0.7 else rng.choice(_CC10)
        harvest = k.backtranslate(broad, [2048], [0.7], rng.sample(pool, 2))
        t.times = _trickle(rng, n)
        t.makers = [_first_harvest(harvest, k.consumer10(rng.sample(doms, 5)), rng.uniform(0.35, 0.45))]
        out.append(t)
    return out


def _op_cluster(ids: _Ids, rng: random.Random, k: _Kit10, m: Mixture, size: int) -> list[SimTenant]:
    """A job queue on shared public-cloud /24s: the most common SDK, 14 shared sessions, one
    curriculum dealt from a shared queue, verbatim, no cover; 60% billed to one shell domain."""
    doms = k.v.domains
    nets = rng.sample(_CLOUDS10, 3)
    queue = k.curriculum(rng, rng.sample(doms, rng.randint(14, len(doms))), branch=8, leaves=6)
    rng.shuffle(queue)
    pos = [0]
    kc = _Kit10(k.v, "max_completion_tokens")
    tpls = rng.sample(k.p["taxonomy"], 2)
    maker = kc.shared_taxonomy(queue, pos, [4096], [0.7], tpls)
    lo, hi = m.session_hours
    windows = [(s, s + rng.uniform(lo, hi) * 3600.0) for s in (rng.uniform(0, T.WEEK - hi * 3600) for _ in range(m.session_windows))]
    shell = f"ops@{rng.choice(['tessera', 'quorvane', 'lumenfold'])}{rng.getrandbits(12):03x}.example"
    cc = rng.choice(["SG", "AE", "MY"])
    out: list[SimTenant] = []
    for _ in range(size):
        t = _acct(ids, rng, _TOP_SDK10, nets)
        t.ips = _on(rng, nets, 3)
        t.jurisdiction = cc if rng.random() < 0.7 else rng.choice(_CC10)
        if rng.random() < 0.6:
            t.bill = shell
        t.times = T.sessions(rng, windows, rng.randint(3, 15))
        t.makers = [maker]
        out.append(t)
    return out


def _op_proxy(ids: _Ids, rng: random.Random, k: _Kit10, m: Mixture, size: int) -> list[SimTenant]:
    """A resale proxy (the published anchor): three datacenter /24s, end users' user agents
    forwarded per request, all accounts active all week on a consumer evening curve at UTC+8;
    60-75% real end-user traffic, the rest the operator's CoT and logprob harvest."""
    doms = k.v.domains
    nets = [ids.net() for _ in range(3)]
    end_uas = list(_CHATAPP_UAS10) + ["OpenAI/Python 1.82.0", "OpenAI/NodeJS 5.1.0", "python-requests/2.32.4", "Dart/3.8 (dart:io)"]
    broad = rng.sample(doms, rng.randint(14, len(doms)))
    tpls = rng.sample(k.p["harvest"], 4)
    caps: list[int | None] = [1024, 2048, 4096]
    cot = k.harvest10(broad, caps, [0.6, 0.7, 1.0], tpls, cot=0.6)
    lp = k.harvest10(broad, [512, 1024], [0.0, 1.0], tpls, logprobs=rng.choice([5, 20]))
    harvest = _mixed(lp, cot, 0.65)
    out: list[SimTenant] = []
    for _ in range(size):
        t = _acct(ids, rng, rng.choice(end_uas), nets)
        t.ips = _on(rng, nets, 6)
        t.uas = rng.sample(end_uas, rng.randint(3, 6))
        t.jurisdiction = rng.choice(_CC10)
        t.bill = _personal(rng) if rng.random() < 0.5 else ""
        n = max(3, int(rng.uniform(10, 60) * m.volume + 0.5))
        days = [d for d in range(7) for _ in range(2 if d >= 5 else 1)]
        t.times = sorted(T.WEEK_START + rng.choice(days) * T.DAY + ((rng.gauss(21.0, 3.0) - 8.0) % 24.0) * 3600.0
                         for _ in range(n))
        cover = _mixed(k.consumer10(rng.sample(doms, 5)), k.chat10(rng.sample(doms, 6), conversational=0.6), 0.4)
        t.makers = [_harvest_at(harvest, cover, rng.uniform(0.6, 0.75), rng.randrange(len(t.times)))]
        out.append(t)
    return out


def _op_swarm(ids: _Ids, rng: random.Random, k: _Kit10, m: Mixture, size: int) -> list[SimTenant]:
    """Tiny accounts created in daily waves: residential per request, common SDK user agents per
    request, free-mail billing, free-form asks in each account's voice; 10-20% casual cover."""
    doms = k.v.domains
    sdk = sorted(set(m.sdk_uas)) or [_TOP_SDK10]
    waves = [d * T.DAY + rng.uniform(0.0, 20.0) * 3600.0 for d in range(7)]
    broad = rng.sample(doms, rng.randint(16, len(doms)))
    cf = k.cf
    out: list[SimTenant] = []
    for j in range(size):
        n = rng.randint(1, 4)
        t = _acct(ids, rng, rng.choice(sdk), [ids.net()])
        t.ips = _resi(rng, n + 2)
        t.uas = rng.sample(sdk, min(len(sdk), rng.randint(2, 3)))
        t.bill = _personal(rng)
        t.jurisdiction = rng.choice(_CC10)
        voice = _voice10(rng)
        cap: int | None = 8192 if rng.random() < 0.5 else None
        harvest = k.harvest10(broad, [cap], [0.7], cot=rng.choice([0.0, 0.3, 0.6]), voice=voice)
        harvest = _jitter(harvest, round(rng.uniform(0.5, 1.0), 2), cap, cf)
        wave = waves[j * 7 // max(1, size)]
        t.times = _window(rng, n, wave + rng.uniform(0.0, 3.0) * 3600.0, rng.uniform(0.3, 5.0))
        t.makers = [_first_harvest(harvest, k.casual(rng.sample(doms, 5), voice), rng.uniform(0.1, 0.2))]
        out.append(t)
    return out


_OPS = {"pair": _op_pair, "fronts": _op_fronts, "relay": _op_relay, "farm": _op_farm, "cluster": _op_cluster,
        "proxy": _op_proxy, "swarm": _op_swarm}
