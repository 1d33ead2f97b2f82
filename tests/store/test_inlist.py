"""`among`: ids written into the statement as literals, quotes and all, on SQLite and PostgreSQL;
`in_lists` at its edge."""

from __future__ import annotations

from gatehouse.monitor import alerts as svc
from gatehouse.store.db import Store
from gatehouse.store.inlist import IN_LIST, in_lists


def test_in_lists_cuts_at_the_limit() -> None:
    assert [len(p) for p in in_lists(list(range(2 * IN_LIST + 1)))] == [IN_LIST, IN_LIST, 1]
    assert [len(p) for p in in_lists(list(range(IN_LIST)))] == [IN_LIST]
    assert list(in_lists([])) == []


async def test_ids_with_quotes_are_matched_as_written(store_url: str) -> None:
    store = Store(store_url)
    await store.migrate()
    odd = ["org_o'brien", "org_x'); DROP TABLE monitor_alerts; --", "org_back\\slash"]
    try:
        async with store.engine.begin() as conn:
            await svc.save_campaign_members(conn, {t: ("camp_q'1", 0.9) for t in odd}, [])
            first = await svc.upsert_alerts(conn, [svc.Draft(t, None, "review", "review", 0.9, [], [], None) for t in odd])
            again = await svc.upsert_alerts(conn, [svc.Draft(t, None, "review", "review", 0.95, [], [], None) for t in odd])
            assert again == first  # each open alert found by its tenant id and refreshed
            rows = await svc.campaign_queue(conn)
            assert [(r["campaign_id"], r["alerts"], r["members"]) for r in rows] == [("camp_q'1", 3, 3)]
    finally:
        await store.aclose()
