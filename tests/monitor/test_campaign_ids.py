"""A campaign keeps its id from pass to pass as accounts join, leave, split off or merge, and
across a checkpoint: analysts' queues and the stored rosters follow one operation."""

from __future__ import annotations

import random
import zlib

import orjson

from gatehouse.monitor.campaigns import Campaign, keep_ids
from gatehouse.monitor.checkpoint import dump, pack, restore
from gatehouse.monitor.engine import Monitor
from tests.monitor.helpers import run, vocab
from tests.monitor.test_linking import SDK, _throwaway_asks, _tiny_accounts


def _camp(cid: str, *tenants: str) -> Campaign:
    return Campaign(id=cid, tenants=sorted(tenants), score=0.9, evidence=[], requests=3 * len(tenants))


def _ids(found: list[Campaign], earlier: dict[str, str]) -> list[tuple[str, list[str]]]:
    return [(c.id, c.tenants) for c in keep_ids(found, earlier.get)]


def test_a_campaign_keeps_its_id_when_an_account_with_a_smaller_name_joins() -> None:
    earlier = {t: "camp_b1" for t in ("b1", "b2", "b3")}
    assert _ids([_camp("camp_a0", "a0", "b1", "b2", "b3")], earlier) == [("camp_b1", ["a0", "b1", "b2", "b3"])]


def test_a_split_leaves_the_id_with_the_larger_part_and_a_merge_takes_the_larger_ones() -> None:
    earlier = {t: "camp_x" for t in ("a", "b", "c", "d", "e", "f")}
    split = _ids([_camp("camp_a", "a", "b"), _camp("camp_c", "c", "d", "e", "f")], earlier)
    assert split == [("camp_x", ["c", "d", "e", "f"]), ("camp_a", ["a", "b"])]
    earlier = {"a": "camp_small", "b": "camp_small", **{t: "camp_big" for t in ("c", "d", "e")}}
    assert _ids([_camp("camp_a", "a", "b", "c", "d", "e")], earlier) == [("camp_big", ["a", "b", "c", "d", "e"])]


def test_a_new_campaign_named_like_a_kept_one_takes_a_suffix() -> None:
    # "a" left camp_a for a new group; camp_a's other members kept their id
    earlier = {t: "camp_a" for t in ("a", "b", "c")}
    found = _ids([_camp("camp_b", "b", "c"), _camp("camp_a", "a", "z")], earlier)
    assert found == [("camp_a", ["b", "c"]), ("camp_a.2", ["a", "z"])]
    assert _ids([_camp("camp_q", "q", "r")], {}) == [("camp_q", ["q", "r"])]  # nothing earlier


def _newcomer(mon: Monitor) -> None:
    """One more of the campaign's throwaway accounts, named before all of them."""
    rng = random.Random(77)
    reqs = _throwaway_asks(rng, vocab(rng, 3000), [rng.uniform(0, 160) for _ in range(40)], True)
    run(reqs, tenant="org_00", key="key_00", ip="19.0.7.9", ua=SDK, monitor=mon)
    mon.finish()


def test_the_monitors_campaign_keeps_its_id_as_it_grows_and_across_a_checkpoint() -> None:
    mon = _tiny_accounts(True)
    (before,) = mon.campaigns
    data = dump(mon)
    _newcomer(mon)
    (after,) = mon.campaigns
    assert "org_00" in after.tenants and min(after.tenants) == "org_00"
    assert after.id == before.id == "camp_org_000"
    back = Monitor()
    restore(back, data)
    assert back.campaign_of == {} and back.restored_ids["org_001"] == "camp_org_000"
    again = Monitor()  # a checkpoint taken before the first pass after a restore still carries the ids
    restore(again, dump(back))
    assert again.restored_ids == back.restored_ids
    _newcomer(back)
    assert [c.id for c in back.campaigns] == ["camp_org_000"] and back.restored_ids == {}


def test_a_checkpoint_written_before_campaign_ids_restores_without_them() -> None:
    doc = orjson.loads(zlib.decompress(dump(_tiny_accounts(True))))
    del doc["campaign_ids"]
    back = Monitor()
    restore(back, pack(orjson.dumps(doc)))
    assert back.restored_ids == {}
    back.finish()
    assert [c.id for c in back.campaigns] == ["camp_org_000"]  # named after its least member, as before
