"""Whether accounts act in the same hours: how much more their active hours of the week coincide
than those of independent accounts (`sync_lift`, `density`), and whether one account keeps a
group's hours (`keeps_hours`). A campaign works in sessions; honest users of one product are
spread over their own days.
"""

from __future__ import annotations

from gatehouse.monitor.state import State

__all__ = ["SYNC_MIN", "DENSE_MIN", "DENSE_SPAN", "hours_between", "span_hours", "sync_lift", "density", "keeps_hours"]

# A bucket joined only by a user agent with its parameters (a popular SDK at its defaults is
# shared by many unrelated customers) needs corroboration: its members must be active in the
# same hours far more than independent accounts would be (see `sync_lift`).
SYNC_MIN = 1.8


def hours_between(first: float, last: float) -> int:
    """The hours of the week from `first` to `last` (1 to 168)."""
    return max(1, min(168, int((last - first) // 3600) + 1))


def span_hours(states: list[State]) -> int:
    """The hours of the week the states' traffic spans, first request to last (`hours_between`)."""
    return hours_between(min(st.first_ts for st in states), max(st.last_ts for st in states))


def sync_lift(states: list[State]) -> float:
    """How much more the members' active hours of the week coincide than chance.

    For each member, the share of its active hours in which some *other* member is also
    active, against the share expected if it were independent of them (the others' union
    over the hours spanned). 1.0 is independence; a campaign working in shared sessions
    scores 2-4; honest diurnal users of one time zone stay near 1.3.
    """
    if len(states) < 2:
        return 0.0
    ge1 = ge2 = 0  # hours in which at least one, and at least two, members are active
    for st in states:
        m = st.week_mask
        ge2 |= ge1 & m
        ge1 |= m
    slots = span_hours(states)
    u1 = ge1.bit_count()
    inside = expected = 0.0
    for st in states:
        a = st.week_mask
        na = a.bit_count()
        inside += (a & ge2).bit_count()
        others = u1 - (a & ~ge2).bit_count()
        expected += na * min(1.0, others / slots)
    return inside / expected if expected > 0 else 0.0


# A wording-only bucket needs its members to crowd into the same hours (`density`) ...
DENSE_MIN = 1.3
# ... and an account it places must keep the group's hours: most of its active hours are ones in
# which the group is denser than on average (an independent user of the same wording is not)
_DENSE_INSIDE = 0.75
# ... over a day at least: within the first hours of a group every hour it was active in is dense
DENSE_SPAN = 24
# ... not counting members active in most of the hours the group spans (established accounts that
# write the same wording all week would fill every hour and hide the sessions of the rest)
_EVER_PRESENT = 0.5


def _hours(mask: int) -> list[int]:
    out: list[int] = []
    while mask:
        low = mask & -mask
        out.append(low.bit_length() - 1)
        mask ^= low
    return out


def density(states: list[State]) -> tuple[float, int]:
    """(lift, dense hours): how much more the members' active hours coincide than chance,
    counting members per hour, and the hours of the week in which more members are active than
    on average (not counting the member judged).

    Each member's active hours are weighed by how many *other* members are active in them,
    against the count expected if it were independent of them (the others' active hours spread
    over the hours spanned). Unlike `sync_lift` it does not saturate when a few outsiders fill
    the remaining hours of a large group: a campaign working in sessions stays near 2, a crowd
    of independent users at 1. A group that spans less than a day says nothing yet: (0.0, 0).
    Members active in more than half the hours the group spans are left out (`_EVER_PRESENT`):
    they crowd every hour alike.
    """
    if len(states) < 2:
        return 0.0, 0
    slots = span_hours(states)
    if slots < DENSE_SPAN:
        return 0.0, 0
    count = [0] * 168
    per: list[list[int]] = []
    for st in states:
        hs = _hours(st.week_mask)
        if len(hs) > _EVER_PRESENT * slots:
            continue  # present at every hour, it crowds every hour alike: its timing says nothing
        per.append(hs)
        for h in hs:
            count[h] += 1
    if len(per) < 2:
        return 0.0, 0
    total = sum(count)
    inside = expected = 0.0
    for hs in per:
        inside += sum(count[h] for h in hs) - len(hs)
        expected += len(hs) * (total - len(hs)) / slots
    # more *other* members than on average: a member's own hours do not count for it
    mean = total / slots
    dense = sum(1 << h for h in range(168) if count[h] - 1 > mean)
    return (inside / expected if expected > 0 else 0.0), dense


def keeps_hours(st: State, dense: int) -> bool:
    hours = st.week_mask.bit_count()
    return hours > 0 and (st.week_mask & dense).bit_count() >= _DENSE_INSIDE * hours
