"""Score a detection report against simulator labels: AUROC, TPR at fixed FPR, per-pattern
detection rates, campaign linking precision/recall/F1, and how early distillers are caught."""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import orjson

from gatehouse.traffic.trace import parse_ts

__all__ = ["load_labels", "evaluate", "auroc", "tpr_at_fpr", "turn_times", "format_evaluation"]

FLAGGED = ("review", "block")


def load_labels(path: str | Path) -> dict[str, Any]:
    doc = orjson.loads(Path(path).read_bytes())
    if not isinstance(doc, dict) or not isinstance(doc.get("tenants"), dict):
        raise ValueError(f"{path}: not a labels file (expected an object with 'tenants')")
    return doc


def turn_times(labels: dict[str, Any]) -> dict[str, float]:
    """Tenants that turn mid-week -> the time they turned (epoch seconds)."""
    return {t: parse_ts(v["turn_ts"]).timestamp() for t, v in labels["tenants"].items() if v.get("turn_ts")}


def auroc(pos: list[float], neg: list[float]) -> float:
    """Probability a random positive outranks a random negative (ties count half)."""
    if not pos or not neg:
        return float("nan")
    ranked = sorted([(s, 1) for s in pos] + [(s, 0) for s in neg])
    rank_sum = 0.0
    i = 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        avg = (i + j + 1) / 2.0  # 1-based average rank of the tie group
        rank_sum += avg * sum(1 for k in range(i, j) if ranked[k][1] == 1)
        i = j
    n_pos, n_neg = len(pos), len(neg)
    return (rank_sum - n_pos * (n_pos + 1) / 2.0) / (n_pos * n_neg)


def tpr_at_fpr(pos: list[float], neg: list[float], fpr: float) -> tuple[float, float]:
    """(TPR, threshold) for the lowest threshold whose false-positive rate is <= fpr."""
    neg_sorted = sorted(neg, reverse=True)
    allowed = int(fpr * len(neg_sorted))
    # threshold strictly above the (allowed+1)-th highest negative
    thr = neg_sorted[allowed] if allowed < len(neg_sorted) else float("-inf")
    tp = sum(1 for s in pos if s > thr)
    return (tp / len(pos) if pos else float("nan")), thr


def _linking(report: dict[str, Any], labels: dict[str, Any]) -> dict[str, Any]:
    truth: dict[str, str] = {t: v["campaign"] for t, v in labels["tenants"].items() if v.get("campaign")}
    true_sizes = Counter(c for c in truth.values() if c)
    tp = predicted = 0
    per: dict[str, int] = defaultdict(int)
    for c in report.get("campaigns", []):
        members = c["tenants"]
        predicted += len(members)
        votes = Counter(truth[m] for m in members if m in truth)
        if not votes:
            continue
        best, hits = votes.most_common(1)[0]
        tp += hits
        per[best] += hits
    actual = sum(true_sizes.values())
    p = tp / predicted if predicted else 0.0
    r = tp / actual if actual else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4),
            "predicted_campaigns": len(report.get("campaigns", [])),
            "per_campaign": {c: {"accounts": n, "linked": per.get(c, 0), "recall": round(per.get(c, 0) / n, 4)}
                             for c, n in sorted(true_sizes.items())}}


def evaluate(report: dict[str, Any], labels: dict[str, Any], since_turn: dict[str, int] | None = None) -> dict[str, Any]:
    lt = labels["tenants"]
    pos: list[float] = []
    neg: list[float] = []
    by_pattern: dict[str, list[bool]] = defaultdict(list)
    before: list[int] = []
    solo: list[int] = []  # distillers outside campaigns
    unflagged = 0
    honest_ever = honest_end = 0  # honest tenants flagged at some moment of the replay / at its end
    for t in report["tenants"]:
        lab = lt.get(t["tenant"])
        if lab is None:
            continue
        is_pos = lab["label"] == "distiller"
        if not is_pos and t.get("first_flag_ts"):
            honest_ever += 1
            honest_end += t["verdict"] in FLAGGED
        (pos if is_pos else neg).append(t["score"])
        by_pattern[f"{lab['label']}/{lab['pattern']}"].append(t["verdict"] in FLAGGED)
        if is_pos and lab["pattern"] != "turncoat":
            if t["requests_before_flag"] is None:
                unflagged += 1
            else:
                before.append(t["requests_before_flag"])
                if not lab.get("campaign"):
                    solo.append(t["requests_before_flag"])
    t1, thr1 = tpr_at_fpr(pos, neg, 0.01)
    t5, thr5 = tpr_at_fpr(pos, neg, 0.05)
    turn = {t: n for t, n in (since_turn or {}).items()}
    return {
        "tenants": {"distillers": len(pos), "honest": len(neg)},
        "auroc": round(auroc(pos, neg), 4),
        "tpr_at_1pct_fpr": round(t1, 4), "threshold_1pct": round(thr1, 4),
        "tpr_at_5pct_fpr": round(t5, 4), "threshold_5pct": round(thr5, 4),
        "honest_flagged": {"at_end": honest_end, "ever": honest_ever},
        "flag_rate_by_pattern": {p: {"tenants": len(v), "flagged": round(sum(v) / len(v), 4)}
                                 for p, v in sorted(by_pattern.items())},
        "campaign_linking": _linking(report, labels),
        "requests_before_flag": {
            "flagged": len(before), "never_flagged": unflagged,
            "median": statistics.median(before) if before else None,
            "p90": sorted(before)[int(0.9 * (len(before) - 1))] if before else None,
            "worst": max(before) if before else None,
            "outside_campaigns": {"flagged": len(solo), "median": statistics.median(solo) if solo else None,
                                  "worst": max(solo) if solo else None},
        },
        "turncoat_requests_after_turn": turn,
    }


def format_evaluation(ev: dict[str, Any]) -> str:
    lk = ev["campaign_linking"]
    rb = ev["requests_before_flag"]
    lines = [
        f"tenants: {ev['tenants']['distillers']} distilling, {ev['tenants']['honest']} honest",
        f"AUROC {ev['auroc']:.4f}   TPR@1%FPR {ev['tpr_at_1pct_fpr']:.3f}   TPR@5%FPR {ev['tpr_at_5pct_fpr']:.3f}",
        f"campaign linking: precision {lk['precision']:.3f} recall {lk['recall']:.3f} F1 {lk['f1']:.3f}",
        f"requests before first flag: median {rb['median']} p90 {rb['p90']} worst {rb['worst']} (never flagged: {rb['never_flagged']})",
        f"  outside campaigns: median {rb['outside_campaigns']['median']} worst {rb['outside_campaigns']['worst']} "
        f"({rb['outside_campaigns']['flagged']} tenants)",
        f"turncoat requests after the turn: {ev['turncoat_requests_after_turn']}",
        f"honest tenants flagged: {ev['honest_flagged']['at_end']} at the end, {ev['honest_flagged']['ever']} at some moment",
        "flagged share by pattern:",
    ]
    lines += [f"  {p:28s} {v['flagged']:.2f} of {v['tenants']}" for p, v in ev["flag_rate_by_pattern"].items()]
    lines += [f"  campaign {c}: {v['linked']}/{v['accounts']} accounts linked" for c, v in lk["per_campaign"].items()]
    return "\n".join(lines)
