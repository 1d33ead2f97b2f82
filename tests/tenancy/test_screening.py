"""Denied-party screening with tricky spellings, and registration-number formats."""

from __future__ import annotations

import pytest

from gatehouse.tenancy.registration import check_registration
from gatehouse.tenancy.screening import DeniedParty, DeniedPartyList

LIST = DeniedPartyList([
    DeniedParty("Huawei Technologies Co., Ltd.", ("华为技术有限公司",)),
    DeniedParty("Rosoboronexport"),
    DeniedParty("Northwind Dual-Use Trading Co. Ltd.", ("Northwind Trading",)),
    DeniedParty("Société Générale de Défense S.A."),
])


@pytest.mark.parametrize("name", [
    "HUAWEI TECHNOLOGIES CO LTD", "Huawei Technologies Company Limited", "Hua Wei Technologies Ltd.",
    "华为技术有限公司", "huawei-technologies, co.", "Rosoboron Export JSC", "ROSOBORONEXPORT OAO",
    "Northwind Trading Limited", "northwind dual use trading", "Societe Generale de Defense",
])
def test_denied_names_match_despite_spelling(name: str) -> None:
    assert LIST.screen([name], 0.88), name


@pytest.mark.parametrize("name", ["Example Tech Co., Ltd.", "Acme Widgets Ltd", "Huang Trading Co.", "Apple Inc."])
def test_clean_names_do_not_match(name: str) -> None:
    assert not LIST.screen([name], 0.88), name


@pytest.mark.parametrize("j, number, ok", [
    ("CN", "91330100MA27AB1C6C", True), ("CN", "91330100MA27AB1C6D", False), ("CN", "9133", False),
    ("US", "12-3456789", True), ("US", "ABC", False), ("SG", "201912345K", True), ("GB", "01234567", True),
    ("BR", "12.345.678/0001-95", True), ("US", None, False), ("US", "  ", False),
])
def test_registration_formats(j: str, number: str | None, ok: bool) -> None:
    assert (check_registration(j, number) is None) is ok
