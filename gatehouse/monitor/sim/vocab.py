"""Vocabulary for the traffic simulator: domains of real words plus seeded invented terms,
and eight phrasings (`A` main, `B` unseen, `C` holdout, `D` holdout2, `E` holdout3, `F` holdout4,
`G` holdout5, `H` holdout6) of every template. `E` also brings domains of its own (`EXTRA_DOMAINS`), and `G`
another set (`G_DOMAINS`, `make_vocab(domain_set="G")`) plus templates only holdout5's makers use
(tutoring, agents, synthetic test data, a multi-customer SaaS, a consumer app, paraphrase rules);
`H` a third set (`H_DOMAINS`, `make_vocab(domain_set="H")`) plus templates only holdout6's makers use
(document review, labeling, quizzes, essays, follow-ups, JSON datasets, app personas)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

__all__ = ["DOMAINS", "EXTRA_DOMAINS", "G_DOMAINS", "H_DOMAINS", "Vocab", "PHRASES", "make_vocab", "seeded_vocab"]

DOMAINS: dict[str, str] = {
    "medicine": "diagnosis symptom dosage antibiotic vaccine cardiology insulin fracture therapy clinic "
                "allergy inflammation pediatric surgery anesthesia biopsy pathogen immunity prescription",
    "law": "contract liability statute plaintiff defendant tort appeal jurisdiction clause arbitration "
           "negligence copyright trademark lease probate injunction testimony verdict indemnity",
    "finance": "portfolio dividend equity bond inflation mortgage liquidity hedge derivative audit "
               "revenue ledger valuation amortization volatility leverage collateral yield escrow",
    "physics": "momentum entropy quantum photon relativity gravity electron magnetism thermodynamics "
               "oscillation wavelength friction inertia plasma neutrino superconductor torque",
    "biology": "mitochondria enzyme genome protein mutation ecosystem photosynthesis chromosome neuron "
               "species evolution bacteria membrane hormone symbiosis ribosome cell organism",
    "programming": "function variable compiler recursion pointer thread database query algorithm "
                   "interface module exception iterator closure refactor deployment container api",
    "history": "empire revolution treaty dynasty colonial medieval renaissance monarchy parliament "
               "crusade feudal republic armistice archive pharaoh senate conquest migration",
    "cooking": "recipe saute braise dough marinade caramel simmer oven spice broth pastry knead "
               "vinaigrette fermentation roast garnish skillet custard seasoning",
    "travel": "itinerary passport luggage airline hostel visa excursion layover boarding reservation "
              "sightseeing ferry souvenir currency backpack tour resort checkpoint",
    "retail": "refund warranty shipment invoice discount coupon checkout inventory exchange receipt "
              "delivery return order tracking parcel subscription loyalty catalog",
    "math": "integral derivative matrix eigenvalue polynomial theorem probability vector topology "
            "logarithm sequence prime modulus geometry lemma algebra calculus permutation",
    "chemistry": "molecule catalyst reaction oxidation polymer isotope solvent compound titration "
                 "electrolyte acid alkaline bond valence precipitate combustion reagent",
    "music": "melody harmony chord rhythm tempo symphony sonata octave cadence orchestra timbre "
             "counterpoint improvisation scale lyric ballad percussion",
    "sports": "tournament referee offside stamina sprint marathon league championship dribble tackle "
              "coach playoff goalkeeper innings serve relay roster",
    "philosophy": "ethics epistemology metaphysics utilitarian virtue ontology dialectic existential "
                  "stoicism empiricism rationalism determinism consciousness morality",
    "marketing": "campaign audience conversion branding funnel engagement newsletter impression "
                 "segmentation persona advertising retention influencer outreach",
    "hr": "onboarding payroll benefits recruitment interview performance promotion handbook "
          "vacation overtime contractor compliance training grievance",
    "telecom": "bandwidth router roaming latency antenna spectrum handset broadband fiber modem "
               "outage tariff signal carrier billing sim",
}

# holdout3's vocabulary: these replace a few of the shared domains (see `make_vocab(extra=True)`)
EXTRA_DOMAINS: dict[str, str] = {
    "agriculture": "irrigation harvest fertilizer tractor livestock greenhouse drought pesticide orchard soil "
                   "seedling compost yield grazing silo pasture hydroponics crop rotation",
    "aviation": "fuselage runway altimeter turbulence cockpit aileron autopilot hangar taxiway propeller "
                "airspeed glider transponder rudder avionics airframe navigation",
    "astronomy": "galaxy nebula telescope supernova quasar orbit comet asteroid pulsar exoplanet eclipse "
                 "constellation redshift spectroscopy parallax meteor cosmology",
    "insurance": "premium deductible underwriting claim policyholder actuary coverage rider beneficiary "
                 "annuity reinsurance exclusion endorsement adjuster peril copay",
    "logistics": "warehouse pallet freight forklift manifest container dispatch routing consignment "
                 "backorder replenishment crossdock courier throughput fulfillment customs",
    "architecture": "facade cantilever buttress atrium blueprint zoning truss vault colonnade mezzanine "
                    "daylighting masonry dormer parapet gable setback",
}

# holdout5's vocabulary: these replace five shared domains (see `make_vocab(domain_set="G")`)
G_DOMAINS: dict[str, str] = {
    "cybersecurity": "firewall phishing malware encryption vulnerability patch ransomware exploit botnet "
                     "authentication certificate intrusion sandbox keylogger honeypot token audit",
    "energy": "turbine photovoltaic grid battery transformer kilowatt substation inverter reactor "
              "pipeline refinery biomass geothermal capacity tariff storage emissions",
    "veterinary": "canine feline vaccination parasite spay neuter livestock equine dental kennel "
                  "microchip deworming heartworm grooming diet vet shelter",
    "real_estate": "mortgage appraisal listing tenant landlord escrow closing deed zoning renovation "
                   "broker lease condo inspection equity foreclosure rent",
    "linguistics": "phoneme morpheme syntax semantics dialect grammar lexicon pragmatics inflection "
                   "etymology phonology syllable accent corpus idiom orthography",
    "gaming": "console controller multiplayer leaderboard quest respawn patch esports lobby "
              "framerate mod speedrun loot achievement matchmaking server",
}

# holdout6's vocabulary: these replace five shared domains (see `make_vocab(domain_set="H")`)
H_DOMAINS: dict[str, str] = {
    "maritime": "vessel hull ballast starboard port tonnage anchorage harbor pilotage bunker charter "
                "berth draught mooring cargo salvage tug",
    "nutrition": "protein carbohydrate fiber vitamin calorie electrolyte metabolism glycemic supplement "
                 "micronutrient hydration sodium cholesterol probiotic portion satiety",
    "climate": "emissions carbon warming aerosol permafrost glacier monsoon drought adaptation mitigation "
               "albedo feedback sequestration methane forecast heatwave",
    "accounting": "ledger accrual depreciation reconciliation invoice payable receivable journal audit "
                  "balance liability provision equity voucher variance ebitda",
    "robotics": "actuator servo gripper kinematics lidar odometry controller encoder manipulator torque "
                "trajectory calibration payload gantry sensor firmware",
    "journalism": "headline byline editor source interview deadline scoop column correction embargo "
                  "masthead feature wire factcheck newsroom obituary",
}

_SYL = "ka lo mi ra te su vo ne pi da re ko lu fa zi the cor an ex pro sta tri ver mon gal dex ium ary ent".split()


@dataclass(frozen=True)
class Vocab:
    words: dict[str, list[str]]  # domain -> words

    def pick(self, rng: random.Random, domain: str, k: int) -> list[str]:
        ws = self.words[domain]
        return [ws[rng.randrange(len(ws))] for _ in range(k)]

    @property
    def domains(self) -> list[str]:
        return sorted(self.words)


def seeded_vocab(rng: random.Random, domains: dict[str, str], syllables: list[str], invented: int) -> Vocab:
    """Each domain's real words (in `domains`' order) plus `invented` seeded terms of two to four
    `syllables` each (repeats fall away)."""
    words: dict[str, list[str]] = {}
    for d, ws in domains.items():
        terms = {"".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(invented)}
        words[d] = ws.split() + sorted(terms)
    return Vocab(words)


def make_vocab(seed: int, invented: int = 70, extra: bool = False, domain_set: str = "") -> Vocab:
    """Every domain's real words plus `invented` seeded terms (brands, jargon, names). With
    `extra`, six shared domains give way to `EXTRA_DOMAINS` (and the invented terms use
    other syllables); with `domain_set="G"`, five give way to `G_DOMAINS` (other syllables again), and
with `domain_set="H"` five others give way to `H_DOMAINS`; `domain_set="I"` (holdout7) drops eight
and takes two or three each from `EXTRA_DOMAINS`, `G_DOMAINS` and `H_DOMAINS`."""
    rng = random.Random(seed * 7919 + 17)
    if domain_set == "I":  # holdout7: two shared domains each from EXTRA, G and H sets, eight dropped
        dropped = {"history", "cooking", "music", "sports", "telecom", "philosophy", "marketing", "hr"}
        added = {"logistics": EXTRA_DOMAINS["logistics"], "insurance": EXTRA_DOMAINS["insurance"],
                 "cybersecurity": G_DOMAINS["cybersecurity"], "real_estate": G_DOMAINS["real_estate"],
                 "gaming": G_DOMAINS["gaming"], "maritime": H_DOMAINS["maritime"],
                 "climate": H_DOMAINS["climate"], "accounting": H_DOMAINS["accounting"]}
        domains = {**{d: w for d, w in DOMAINS.items() if d not in dropped}, **added}
        syl = "mar ven ti olu sha rek ab ion dru fel aq sen po yth ora lem kez ni vad ur".split()
        return seeded_vocab(rng, domains, syl, invented)
    if domain_set == "H":
        dropped = {"history", "chemistry", "marketing", "travel", "cooking"}
        domains = {**{d: w for d, w in DOMAINS.items() if d not in dropped}, **H_DOMAINS}
        syl = "tar ek usi mo bel fro gan il wyn ach por sev ul di kra nom ye ost lin ba".split()
        return seeded_vocab(rng, domains, syl, invented)
    if domain_set == "G":
        dropped = {"philosophy", "sports", "music", "hr", "telecom"}
        domains = {**{d: w for d, w in DOMAINS.items() if d not in dropped}, **G_DOMAINS}
        syl = "na vi ju pel tro sik ba em ory fen lux cas dor ith wa qe zen hal mur ode".split()
        return seeded_vocab(rng, domains, syl, invented)
    if extra:
        dropped = {"cooking", "travel", "music", "sports", "telecom", "hr"}
        domains = {**{d: w for d, w in DOMAINS.items() if d not in dropped}, **EXTRA_DOMAINS}
        syl = "bo qu yr ix ol ta ven mar sol ith una gre pha zor ul wen dri ost kel ama".split()
        return seeded_vocab(rng, domains, syl, invented)
    return seeded_vocab(rng, DOMAINS, _SYL, invented)


# Template phrasings. {t} is a topic phrase, {d} a document, {q} a question.
PHRASES: dict[str, dict[str, Any]] = {
    "A": {
        "harvest": [
            "Write a detailed, comprehensive explanation of {t}.", "Explain {t} to an expert audience, covering every aspect.",
            "Provide an in-depth essay about {t} with examples.", "Describe {t} thoroughly and give three worked examples.",
            "Write a complete tutorial on {t}.", "Compare and contrast {t} in depth.",
            "Give a long, well-structured answer: what should one know about {t}?",
            "Create a textbook section that teaches {t}.", "Answer as an expert: how does {t} work?",
            "Write a rigorous analysis of {t}, including edge cases.", "Produce a FAQ with ten questions and answers on {t}.",
            "Solve the following problem about {t} and explain the solution.",
        ],
        "cot": [
            "Think step by step and show your reasoning: {q}", "{q} Let's think step by step.",
            "Solve this, showing all work before giving the final answer: {q}", "Explain your reasoning carefully. {q}",
        ],
        "pref": [
            "Here are two answers to the question '{q}'.\nResponse A: {a}\nResponse B: {b}\nWhich response is better and why?",
            "Rank the following responses to '{q}' from best to worst.\n1. {a}\n2. {b}",
        ],
        "support": [
            "Hi, I have a problem with my {w1}, the {w2} is not working.", "How do I change the {w1} on my account?",
            "Can I get a refund for the {w1}? It arrived damaged.", "What is your policy on {w1} and {w2}?",
            "My {w1} keeps failing, what should I do?", "Is there a way to speed up the {w1}?",
        ],
        "chat": [
            "what's a good way to learn about {t}?", "can you help me understand {t}", "tell me something fun about {t}",
            "I'm curious about {t}, where do I start?", "quick question about {t}", "why is {t} important?",
        ],
        "summ": "Summarize the following report in three bullet points:\n\n{d}",
        "trans": "Translate the following text into {lang}:\n\n{d}",
        "extract": "Extract the parties, dates and amounts from this document as JSON.\n\n{d}",
        "classify": "Classify the sentiment of this review as positive, negative or neutral: {d}",
        "eval_mc": "Question: {q}\nA) {a}\nB) {b}\nC) {c}\nD) {e}\nAnswer with the letter of the correct option.",
        "eval_cot": "Question: {q}\nLet's think step by step, then give the final answer.",
        "q": [
            "What is the relationship between {t}?", "How would you evaluate {t}?", "Why does {t} matter?",
            "What happens to {t} under pressure?", "How can {t} be measured?",
        ],
    },
    "B": {
        "harvest": [
            "I need a thorough write-up on {t}; be exhaustive.", "Teach me everything about {t}, like a university lecture.",
            "Draft a long-form article on {t} with headings.", "Give me a complete reference guide for {t}.",
            "Please elaborate at length on {t} with concrete cases.", "Walk me through {t} from basics to advanced topics.",
            "Compose a detailed report regarding {t}.", "Cover {t} comprehensively, including pitfalls and examples.",
        ],
        "cot": [
            "Reason it out one step at a time, then answer: {q}", "{q} Before giving the final answer, explain each step.",
            "Work through this carefully and explain your thinking: {q}", "{q} Show the full derivation.",
        ],
        "pref": [
            "Two assistants answered '{q}'.\nOutput 1: {a}\nOutput 2: {b}\nWhich output is more helpful? Explain your preference.",
            "Compare these completions for '{q}' and pick the preferred response.\nFirst: {a}\nSecond: {b}",
        ],
        "support": [
            "hello, my {w1} stopped working after the {w2} update", "where can i see the status of my {w1}?",
            "I was charged twice for {w1}, please help", "need help with {w1} settings",
            "the {w2} page gives an error when I open {w1}", "how long does {w1} usually take?",
        ],
        "chat": [
            "explain {t} like I'm five", "what do people get wrong about {t}?", "got any tips on {t}?",
            "is {t} worth learning?", "random thought: how does {t} even work", "recommend something about {t}",
        ],
        "summ": "TL;DR this for the morning briefing (max 80 words):\n\n{d}",
        "trans": "Please render this in {lang}, keeping the tone:\n\n{d}",
        "extract": "Return a JSON object with fields party, date, amount for:\n{d}",
        "classify": "Sentiment (positive/negative/neutral)? Text: {d}",
        "eval_mc": "{q}\n(A) {a} (B) {b} (C) {c} (D) {e}\nRespond with A, B, C or D only.",
        "eval_cot": "{q}\nThink it through step by step and end with 'Answer: X'.",
        "q": [
            "In what way is {t} connected?", "What limits {t}?", "How did {t} develop over time?",
            "What is the best argument about {t}?", "Which factors drive {t}?",
        ],
    },
    "C": {  # held out: written after the monitor was tuned, never used to tune it
        "harvest": [
            "Produce an authoritative explainer about {t}, roughly two thousand words.",
            "You are writing a textbook chapter. Topic: {t}. Include exercises.",
            "Generate training material on {t}: definitions, worked examples, common mistakes.",
            "Deep dive: {t}. Structure it with sections and a summary.",
            "Write the definitive answer someone would want about {t}.",
            "Explain, with full detail and nuance, the subject of {t}.",
            "Lecture notes on {t}, graduate level, as complete as possible.",
            "{t}: give an exhaustive overview with examples and counterexamples.",
            "Author a knowledge-base article covering {t} end to end.",
        ],
        "cot": [
            "Solve carefully. Think through each step before answering. {q}",
            "{q} Work it out step by step and state the final answer at the end.",
            "Chain-of-thought please: {q}", "Reason through this in detail, then conclude: {q}",
        ],
        "pref": [
            "Evaluate two candidate answers to '{q}'.\nCandidate A: {a}\nCandidate B: {b}\nWhich response is better? Give a score to each.",
            "Rate each response from 1 to 10 for the prompt '{q}'.\n[1] {a}\n[2] {b}",
        ],
        "support": [
            "my {w1} isn't showing up, can you check the {w2}?", "what are the fees for {w1}?",
            "please cancel my {w1}", "the {w1} I ordered has the wrong {w2}", "can someone call me about {w1}",
            "is {w1} available in my region?",
        ],
        "chat": [
            "thoughts on {t}?", "can you give me a quick intro to {t}", "what's the deal with {t}",
            "help me understand {t} a bit better", "I'm reading about {t} and I'm confused", "fun facts about {t}?",
        ],
        "summ": "Summary for the weekly digest, five bullets maximum:\n\n{d}",
        "trans": "Translate to {lang}. Keep formatting.\n\n{d}",
        "extract": "Pull out every person, organisation, date and amount as a JSON list.\n{d}",
        "classify": "Label the tone of this message (positive, negative, neutral). Message: {d}",
        "eval_mc": "Q: {q}\nOptions: 1) {a} 2) {b} 3) {c} 4) {e}\nReply with the option number only.",
        "eval_cot": "Q: {q}\nExplain your reasoning, then write 'Final answer:' and the answer.",
        "q": [
            "How do experts think about {t}?", "What is misunderstood about {t}?", "When does {t} break down?",
            "Who first studied {t}?", "What are the trade-offs in {t}?",
        ],
    },
    "D": {  # second held-out set: written with `holdout2`, before any change it was used to judge
        "harvest": [
            "Compose a full-length primer on {t} for a training corpus, leaving nothing out.",
            "Assume the role of a subject-matter expert and document {t} exhaustively.",
            "Topic for today's long answer is {t}. Go section by section, define terms, give cases.",
            "Draft an encyclopedia entry about {t} with history, mechanisms and open questions.",
            "Build a study guide for {t}: overview, key ideas, worked problems, review questions.",
            "I want the most complete explanation possible of {t}; length is not a concern.",
            "Outline and then fully write out a seminar handout on {t}.",
            "Break down {t} in exhaustive detail, with examples at every level of difficulty.",
        ],
        "cot": [
            "Before you answer, lay out your full chain of reasoning. {q}",
            "{q} Please reason aloud step by step and box the final answer.",
            "Show every intermediate step: {q}", "Think carefully, write out your thoughts, then answer. {q}",
        ],
        "pref": [
            "Judge which of these two replies to '{q}' is stronger.\nReply X: {a}\nReply Y: {b}\nPick one and justify it.",
            "Score both answers to '{q}' on helpfulness and accuracy.\n(i) {a}\n(ii) {b}",
        ],
        "support": [
            "hey, the {w1} on my account looks wrong since the {w2} change", "could you reset my {w1}?",
            "why was my {w1} declined?", "I can't find the {w1} option anymore", "any update on my {w1} ticket?",
            "does the {w2} plan include {w1}?",
        ],
        "chat": [
            "so what exactly is {t}?", "give me the short version of {t}", "any good resources on {t}?",
            "I never understood {t}, can you explain", "ok here's one: {t}", "what would you say about {t}",
        ],
        "summ": "Condense this into a short paragraph for the team channel:\n\n{d}",
        "trans": "Into {lang}, please, preserving names:\n\n{d}",
        "extract": "As JSON, list the entities (people, companies, dates, sums) in:\n{d}",
        "classify": "positive, negative or neutral? Reply with one word. {d}",
        "eval_mc": "{q}\nChoices:\n- a: {a}\n- b: {b}\n- c: {c}\n- d: {e}\nOutput only the letter.",
        "eval_cot": "{q}\nReason step by step; finish with 'ANSWER:' followed by your choice.",
        "q": [
            "What drives change in {t}?", "Where does {t} show up in practice?", "How is {t} usually taught?",
            "What would surprise a newcomer about {t}?", "What are the limits of {t}?",
        ],
    },
    "E": {  # holdout3: written before any detection result on it was seen
        "harvest": [
            "For our knowledge base: {t}. Cover definitions, mechanisms, history, and three detailed scenarios.",
            "[task] long-form answer\n[subject] {t}\n[requirements] expert depth, headings, examples",
            "Imagine you are preparing a certification exam guide. Chapter subject: {t}. Be thorough.",
            "{t} -- explain it fully, as if writing the reference entry a specialist would cite.",
            "Need an extensive briefing document on {t}, with background, analysis and practical advice.",
            "Generate a high-quality, detailed response suitable for fine-tuning data. Prompt: explain {t}.",
            "Could you produce a comprehensive multi-part explanation of {t}, from first principles upward?",
            "Write the full lesson plan and lesson content for a course unit on {t}.",
            "Elaborate on {t} with rigorous detail; include a worked case study and a glossary.",
            "As a domain specialist, answer exhaustively: what is there to know about {t}?",
        ],
        "cot": [
            "Use careful step-by-step reasoning and show all of it. {q}",
            "{q}\nThink it through aloud, then give the conclusion on its own line.",
            "Show your reasoning in full before the final answer. Problem: {q}",
            "Work through the following slowly, step by step: {q}",
        ],
        "pref": [
            "Prompt: {q}\n\nCompletion 1: {a}\n\nCompletion 2: {b}\n\nWhich completion is better? Answer 1 or 2 with a rationale.",
            "Below are two replies to '{q}'. Rank the responses by quality and explain.\n- {a}\n- {b}",
        ],
        "support": [
            "i ordered a {w1} last week but the {w2} still says pending", "how do i update the {w1} on file",
            "my {w1} was charged but the {w2} never came through", "whats the difference between {w1} and {w2}",
            "is there someone who can look at my {w1}?", "the app crashes when i open {w1}",
        ],
        "chat": [
            "hey, quick one about {t}", "can u explain {t} simply", "eli5 {t} pls", "what's your take on {t}?",
            "been wondering about {t} lately", "short answer: {t}?",
        ],
        "summ": "Nightly batch: summarise the document below in at most four sentences.\n---\n{d}",
        "trans": "Translate into {lang} for the localisation batch. Output only the translation.\n---\n{d}",
        "extract": "Return JSON with keys entities, dates, amounts extracted from the text.\nText: {d}",
        "classify": "Is the following feedback positive, negative or neutral?\n{d}",
        "eval_mc": "### Question\n{q}\n### Options\nA. {a}\nB. {b}\nC. {c}\nD. {e}\n### Answer (letter only)",
        "eval_cot": "### Question\n{q}\n### Instructions\nThink step by step, then output 'Final:' and your answer.",
        "q": [
            "What is the role of {t}?", "How would a practitioner approach {t}?", "What causes variation in {t}?",
            "Why do people disagree about {t}?", "What's a common misconception about {t}?",
        ],
    },
    "F": {  # holdout4: written before any detection result on it was seen
        "harvest": [
            "Topic: {t}. I need a long, authoritative write-up: overview, key mechanisms, edge cases, worked examples.",
            "<instruction>Produce an expert-level treatment of {t}. Use sections and be exhaustive.</instruction>",
            "You are writing a textbook. Draft the complete chapter on {t}, including exercises with solutions.",
            "Please give me everything a senior practitioner knows about {t} -- no summaries, full detail.",
            "Draft a white paper on {t}: context, analysis, risks, recommendations, and a detailed appendix.",
            "Create a gold-standard reference answer (very detailed) for the question: what should one know about {t}?",
            "In as much depth as you can, walk through {t} and illustrate each point with a realistic case.",
            "Write an encyclopedia-style article on {t} with history, theory, practice and open problems.",
        ],
        "cot": [
            "Reason carefully, writing out each intermediate step, then state the answer. {q}",
            "{q}\nBefore answering, lay out your full chain of reasoning.",
            "Let's solve this methodically and show every step: {q}",
        ],
        "pref": [
            "Question: {q}\nAnswer X: {a}\nAnswer Y: {b}\nPick the stronger answer (X or Y) and justify the choice in detail.",
            "Grade these two candidate answers to '{q}' from 1-10 each and say which wins.\n(1) {a}\n(2) {b}",
        ],
        "support": [
            "hi, my {w1} hasn't arrived and the {w2} page shows nothing", "need help changing the {w1} on my account",
            "got billed twice for {w1}, can someone check {w2}", "where do i find the {w1} settings",
            "{w1} not working since yesterday, {w2} keeps failing", "can i cancel my {w1}?",
        ],
        "chat": [
            "quick q: {t}?", "tell me a bit about {t}", "what do you think of {t}", "any tips on {t}",
            "hmm, {t} -- how does that work", "ok so {t}, thoughts?", "explain {t} in a sentence or two",
        ],
        "summ": "Condense the following into a short abstract (3 sentences max).\n\n{d}",
        "trans": "Render the passage below in {lang}. Keep formatting; no commentary.\n\n{d}",
        "extract": "Extract all people, organisations, dates and amounts from the passage as a JSON object.\nPassage: {d}",
        "classify": "Label the sentiment of this review as POS, NEG or NEU.\nReview: {d}",
        "eval_mc": "Q: {q}\n(a) {a}\n(b) {b}\n(c) {c}\n(d) {e}\nRespond with a single letter.",
        "eval_cot": "Q: {q}\nReason briefly, then write 'ANSWER: ' followed by the answer.",
        "q": [
            "How does {t} work in practice?", "What are the trade-offs in {t}?", "When does {t} fail?",
            "What should a newcomer understand first about {t}?", "How is {t} measured?",
        ],
    },
    "G": {  # holdout5: written before any detection result on it was seen
        "harvest": [
            "Please write a thorough guide to {t}, the kind a new hire could learn the whole subject from.",
            "Context: we are building a help-centre library. Article needed on {t}. Go into real depth.",
            "Explain {t} properly -- background, how it actually works, gotchas, and a couple of realistic examples.",
            "What would an expert say if asked to teach {t} from scratch? Write that answer in full.",
            "Give a detailed, well-organised answer about {t}. Use headings and finish with a short recap.",
            "I'm preparing course notes. Write the section on {t} with definitions, examples and practice questions.",
            "Long answer wanted: {t}. Include the reasoning behind each point, not only the conclusions.",
            "Write a complete, accurate explanation of {t} that would hold up to review by a specialist.",
            "Cover {t} in depth for an internal wiki page: overview, details, examples, common mistakes.",
        ],
        "cot": [
            "{q} Walk me through your reasoning one step at a time before the answer.",
            "Work this out carefully, showing each step of your thinking: {q}",
            "{q}\nPlease show the full reasoning, then put the final answer on the last line.",
            "Take it step by step and explain why each step follows. {q}",
        ],
        "pref": [
            "Here is a prompt and two responses.\nPrompt: {q}\nResponse 1: {a}\nResponse 2: {b}\nWhich is better overall? Explain briefly, then answer 1 or 2.",
            "Act as a strict reviewer. For the request '{q}', compare:\n<a>{a}</a>\n<b>{b}</b>\nState the preferred one and why.",
        ],
        "support": [
            "hi there, the {w1} on my order is wrong and {w2} won't let me fix it", "how can i switch my {w1} plan?",
            "my {w1} got cancelled without notice??", "is the {w2} fee included in the {w1}?",
            "hello! quick question, where is my {w1} confirmation", "the {w1} screen just spins, {w2} also broken",
            "can you explain the {w1} charge on my bill",
        ],
        "chat": [
            "what's {t} in plain words?", "so how does {t} work exactly", "could you give me a rundown of {t}",
            "is it true that {t} matters a lot?", "need a quick explanation of {t}", "{t} -- what should I know?",
            "my friend mentioned {t}, what is that",
        ],
        "summ": "Summarize for the daily digest (3-5 bullets, no intro):\n\n{d}",
        "trans": "Translate the following into {lang}. Preserve line breaks and product names.\n\n{d}",
        "extract": "From the text below, extract every organisation, person, date and monetary amount. Respond with JSON.\n\n{d}",
        "classify": "Sentiment of this customer comment? One of: positive, negative, neutral.\nComment: {d}",
        "eval_mc": "Question: {q}\n\nA. {a}\nB. {b}\nC. {c}\nD. {e}\n\nThe correct answer is",
        "eval_cot": "Question: {q}\nThink through the problem, then finish with 'The answer is X.'",
        "q": [
            "What determines {t}?", "How would you explain {t} to a colleague?", "What goes wrong with {t}?",
            "Why does {t} vary between cases?", "What is the first thing to check about {t}?",
        ],
        # holdout5's honest makers
        "tutor": [
            "I'm a student and I don't get {t}. Can you explain it step by step with an example?",
            "Homework help: {q} Please explain each step so I can learn it, not just the answer.",
            "Can you break down {t} into small steps? My exam is next week.",
            "Explain step by step how to approach this: {q}",
        ],
        "agent": [
            "Find the latest {t} records and summarise anything unusual.", "Check the status of {t} and open a ticket if needed.",
            "Look up {t} for customer #{n} and draft a reply.", "Schedule a follow-up about {t} for next Tuesday.",
            "Pull the weekly numbers on {t} and compare with last week.",
        ],
        "synth": [
            "Generate a realistic test record for a {w1} system as JSON with fields id, {w2}, status and notes.",
            "Write one plausible user message a customer might send about {w1} and {w2}. Vary the tone.",
            "Create a fake but realistic {w1} entry for our staging database (JSON, include {w2}).",
        ],
        "saas": [
            "You are the assistant for {c}, a {d} company. Keep answers short and on-brand.",
            "You help customers of {c} with {d} questions. Never discuss competitors.",
            "You are {c}'s virtual agent for {d}. Be friendly; escalate billing problems to a human.",
        ],
        "consumer": [
            "write a funny caption about {t}", "give me 5 ideas for a weekend project involving {t}",
            "help me write a message to my friend about {t}", "make a short poem about {t}",
            "what should i cook or do this weekend, something with {t}", "rate my idea: a party themed on {t}",
        ],
        "cot_json": "Answer the question below. Respond as JSON with keys \"reasoning\" (your full step-by-step reasoning) and \"answer\".\nQuestion: {q}",
        # per-account rewording of a campaign's shared templates (see `Kit.paraphrase`)
        "para_prefix": ["", "", "Please: ", "Task - ", "Hi! ", "Request: ", "Quick one. ", "For a project: "],
        "para_suffix": ["", "", " Thanks.", " Be thorough.", " Use headings.", " Aim for depth over brevity.", " No need to be brief."],
        "para_swap": [["Write", "Compose"], ["Explain", "Describe"], ["detailed", "in-depth"], ["thorough", "comprehensive"],
                      ["guide", "walkthrough"], ["examples", "worked cases"], ["answer", "response"], ["complete", "full"],
                      ["Give", "Provide"], ["wanted", "needed"], ["section", "chapter"], ["expert", "specialist"]],
    },
    "H": {  # holdout6: written before any detection result on it was seen
        "harvest": [
            "I want a complete reference on {t}: definitions, how it works, worked examples, pitfalls and a summary table.",
            "Write the best possible answer to: what is there to know about {t}? Be rigorous and go deep.",
            "Produce a study-quality explanation of {t}, long enough that nothing important is left out.",
            "Assume the reader is smart but new to this. Teach {t} from first principles, with examples throughout.",
            "Give an exhaustive breakdown of {t}. Structure it with numbered sections and end with key takeaways.",
            "Explain {t} as a domain expert would in a long-form answer, including nuances most people miss.",
            "Write a comprehensive knowledge-base entry on {t}, covering theory, practice and common questions.",
            "Describe {t} in full: the why, the how, the exceptions, and three concrete scenarios.",
            "Compose a high-quality, detailed response on {t} suitable as a model answer for training tutors.",
        ],
        "cot": [
            "{q} Think it through step by step and write out every step before giving the answer.",
            "Solve this and show your complete working: {q}",
            "{q}\nFirst reason carefully in numbered steps. Then give the final answer after 'Final:'.",
            "Please reason out loud about the following, one step at a time. {q}",
        ],
        "pref": [
            "Two assistants answered '{q}'.\n[Assistant A] {a}\n[Assistant B] {b}\nWhich answer is more helpful and accurate? Reply A or B with a short justification.",
            "Evaluate both replies to the prompt '{q}' on helpfulness, correctness and tone, then choose one.\nReply 1: {a}\nReply 2: {b}",
        ],
        "support": [
            "hey, i was charged for {w1} but never got the {w2}", "how do i update the {w1} details on my profile",
            "the {w1} option disappeared from {w2}, what happened", "is there a way to pause my {w1}?",
            "my {w1} request has been pending for 3 days", "why is the {w2} showing a different {w1} than my invoice",
            "can someone help me reset my {w1}", "what's the difference between the {w1} and {w2} plans",
        ],
        "chat": [
            "explain {t} like I'm busy", "what's the deal with {t}?", "can you help me understand {t}",
            "short version: {t}?", "I keep hearing about {t}. Why does it matter?", "give me the gist of {t}",
            "how would you describe {t} to a friend",
        ],
        "summ": "Summarise the report below for an executive audience in at most four sentences.\n\nREPORT:\n{d}",
        "trans": "Please translate into {lang}. Keep the tone and do not add notes.\n---\n{d}",
        "extract": "Return a JSON object with the keys people, companies, dates and amounts found in this document.\nDocument:\n{d}",
        "classify": "Classify the feedback as positive, negative or mixed. Output the label only.\nFeedback: {d}",
        "eval_mc": "{q}\nOptions:\n1) {a}\n2) {b}\n3) {c}\n4) {e}\nAnswer with the option number only.",
        "eval_cot": "{q}\nWork through it briefly and end your reply with 'Final answer: <answer>'.",
        "q": [
            "Why is {t} important?", "How do practitioners handle {t}?", "What causes problems with {t}?",
            "How can one tell whether {t} is working?", "What is commonly misunderstood about {t}?",
        ],
        "tutor": [
            "We are learning about {t} in class. Can you explain it step by step with a simple example?",
            "I'm stuck on this homework question: {q} Please show me how to get there step by step.",
            "Can you check my understanding of {t}? Explain the steps and what I should watch out for.",
            "Explain the steps to solve: {q} I want to learn the method.",
        ],
        "agent": [
            "Get the open {t} items and flag anything overdue.", "Update the {t} record for account {n} and confirm.",
            "Find what changed in {t} since yesterday and notify the owner.", "Create a task about {t} for ticket {n}.",
            "Summarise today's {t} activity for the team channel.",
        ],
        "synth": [
            "Generate a sample {w1} record as JSON with fields id, {w2}, created_at and status.",
            "Write a realistic but fictional customer complaint about {w1} mentioning {w2}.",
        ],
        "saas": [
            "You are the help assistant for {c} ({d}). Answer briefly and politely.",
            "You support {c} customers with {d} questions. Escalate anything about refunds.",
        ],
        "consumer": [
            "write me a cute caption about {t}", "ideas for a birthday gift related to {t}?",
            "help me text my roommate about {t}", "make a limerick about {t}", "plan a fun afternoon around {t}",
        ],
        "cot_json": "Answer as JSON with the fields \"steps\" (a list of reasoning steps) and \"answer\".\nQuestion: {q}",
        "para_prefix": ["", "", "Request: ", "Hello. ", "Task: ", "For our docs: ", "Please help. "],
        "para_suffix": ["", "", " Thank you.", " Please be detailed.", " Use clear sections.", " Do not shorten."],
        "para_swap": [["Write", "Draft"], ["Explain", "Walk through"], ["complete", "full"], ["detailed", "thorough"],
                      ["examples", "illustrations"], ["Give", "Offer"], ["answer", "reply"], ["reference", "guide"],
                      ["comprehensive", "extensive"], ["Describe", "Lay out"]],
        # holdout6's own makers
        "review": [
            "Review the {kind} below. List every issue, its risk level, the clause or section it comes from, and a suggested fix.\n\n{d}",
            "Prepare a detailed review memo for the attached {kind}: summary, findings, open questions, recommendations.\n\n{d}",
            "Go through this {kind} section by section and annotate anything unusual or non-standard.\n\n{d}",
        ],
        "label": [
            "Assign one label from [{labels}] to the item below, then give a one-line reason.\nItem: {d}",
            "Annotation task. Labels: {labels}. Output the label on the first line and a short rationale on the second.\nText: {d}",
        ],
        "quiz": [
            "Create {k} multiple-choice quiz questions about {t} for our {course} course. Return JSON: a list of objects with question, options, answer.",
            "Write {k} short-answer review questions on {t} for {course} students, with model answers, as JSON.",
        ],
        "essay": [
            "Write a 1500-word essay on {t}.", "Can you write me a long essay about {t}? Make it detailed.",
            "I need a full essay on {t} with an introduction, body and conclusion.",
            "write a detailed blog post about {t}, at least 1200 words",
        ],
        "followup": [
            "Go deeper on the second point.", "Give another example, a harder one.", "Now explain the exceptions in detail.",
            "Expand that into a full section with more detail.", "What would an expert add to this? Write it out.",
            "Continue, and cover the parts you skipped.", "Rewrite it more rigorously, with the reasoning spelled out.",
        ],
        "jsonset": [
            "Generate {k} diverse question-answer pairs about {t} as a JSON array of objects with keys \"question\" and \"answer\". Answers should be detailed.",
            "Produce a JSON dataset of {k} instruction/response examples on {t}. Keys: instruction, response. Make responses long and accurate.",
            "Return JSON: {{\"items\": [...]}} with {k} entries, each a realistic user question about {t} and an expert answer.",
        ],
        "pair": [
            "For the prompt below, write two responses: one excellent and one plausible but subtly worse. Label them CHOSEN and REJECTED.\nPrompt: {q}",
            "Give two different answers to this question, the better one first, and explain in one line why it is better.\n{q}",
        ],
        "app": [
            "You are Quill, the writing assistant inside the Quill notes app. Help users draft, edit and summarise their notes.",
            "You are Nova, the in-app helper for the Nova fitness and wellbeing app. Be upbeat, brief and practical.",
            "You are Atlas, the trip and errands assistant in the Atlas mobile app. Keep replies short and actionable.",
            "You are Pennant, the assistant in the Pennant small-business bookkeeping app. Answer plainly.",
        ],
        "app_user": [
            "can you tidy up this note: {t}", "summarise my note about {t}", "remind me what {t} means",
            "draft a short message about {t}", "turn this into a to-do list: {t}", "make this sound more professional: {t}",
        ],
        "sysprompt": [
            "You are {name}, an assistant for {org}. Answer questions accurately and in detail.",
            "You are {name}. You work for {org} and write clear, complete explanations.",
            "System: {org} knowledge assistant ({name}). Be thorough and precise.",
            "You are {name}, {org}'s research helper. Provide well-structured, in-depth answers.",
        ],
        "reseller": "You are a friendly assistant on the ChatNest platform. Answer the customer's question helpfully and concisely. If you do not know, say so and offer to connect them with a human.",
        "loc": "You are the translation engine for {c}. Follow the {c} glossary and style guide. Translate from English into {lang}; output only the translation.",
    },
}
