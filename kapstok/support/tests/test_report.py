"""The supply-versus-demand report on a small set computed by hand.

Category "rechtsvorm" (targets: first response 2, resolution 10 working days), June 2026:

| # | filed      | first response | resolved   | resp. | resol. | offer  | rating |
|---|------------|----------------|------------|-------|--------|--------|--------|
| 1 | Mon 1 June | Tue 2 June     | Fri 5 June | 1     | 4      | offer  | 4      |
| 2 | Mon 1 June | Fri 5 June     | Mon 22 June| 4     | 15     | —      | 2      |
| 3 | Wed 3 June | —              | open       | —     | —      | geen   | —      |

Response median (1, 4) = 2.5, p90 = 1 + 0.9 × 3 = 3.7; resolution median (4, 15) = 9.5,
p90 = 4 + 0.9 × 11 = 13.9; within target: only #1 (1 ≤ 2 and 4 ≤ 10) of 2 resolved = 50 %;
backlog 1; satisfaction (4 + 2) / 2 = 3; geen aanbod 1; capacity 5 per quarter, 1 used.
"""

import datetime

from openpyxl import load_workbook

from kapstok.support.models import Category, Status, SupportOffer, SupportRequest
from kapstok.support.report import report_workbook, supply_demand_report

AMS = datetime.timezone(datetime.timedelta(hours=2))


def _at(day):
    return datetime.datetime(2026, 6, day, 10, tzinfo=AMS)


def _make(world, category, filed, responded=None, resolved=None, **extra):
    return SupportRequest.objects.create(
        office=world.office,
        category=category,
        description="Vraag",
        created_at=_at(filed),
        first_response_at=responded and _at(responded),
        resolved_at=resolved and _at(resolved),
        status=Status.RESOLVED if resolved else Status.IN_PROGRESS,
        **extra,
    )


def _world(world, category):
    offer = SupportOffer.objects.create(
        category=category, service="Advies rechtsvorm", delivered_by="POS", capacity_per_quarter=5
    )
    _make(world, category, 1, 2, 5, offer=offer, rating=4)
    _make(world, category, 1, 5, 22, rating=2)
    _make(world, category, 3, no_offer=True)
    # A merged duplicate is not a request of its own.
    _make(world, category, 4, merged_into=SupportRequest.objects.first())


def _row(rows, name):
    return next(row for row in rows if row.category == name)


def test_figures_of_the_hand_computed_set(world, category):
    Category.objects.get_or_create(name="subsidies")
    _world(world, category)
    rows = supply_demand_report(
        datetime.date(2026, 6, 1), datetime.date(2026, 6, 30), today=datetime.date(2026, 6, 30)
    )
    row = _row(rows, "rechtsvorm")
    assert (row.requests, row.no_offer, row.backlog) == (3, 1, 1)
    assert (row.response_median, row.response_p90) == (2.5, 3.7)
    assert (row.resolution_median, row.resolution_p90) == (9.5, 13.9)
    assert row.within_target == 50.0
    assert (row.satisfaction, row.ratings) == (3.0, 2)
    assert (row.capacity, row.capacity_used) == (5, 1)
    assert sum(row.by_size.values()) == 3
    assert _row(rows, "subsidies").requests == 0
    assert rows[-1].category == "Totaal" and rows[-1].requests == 3


def test_period_filters_on_the_filing_date(world, category):
    _world(world, category)
    rows = supply_demand_report(datetime.date(2026, 6, 2), datetime.date(2026, 6, 30))
    assert _row(rows, "rechtsvorm").requests == 1


def test_export_neutralises_formula_cells(world, category):
    category.name = "=HYPERLINK(1)"
    category.save()
    _world(world, category)
    rows = supply_demand_report(datetime.date(2026, 6, 1), datetime.date(2026, 6, 30))
    sheet = load_workbook(filename=__import__("io").BytesIO(report_workbook(rows))).active
    names = [cell.value for cell in sheet["A"]]
    assert "'=HYPERLINK(1)" in names


def test_report_page_and_export_for_pos(world, login, category):
    _world(world, category)
    client = login(world.users["pos"])
    page = client.get("/netwerk/ondersteuning/rapport/", {"van": "2026-06-01", "tot": "2026-06-30"})
    assert page.status_code == 200
    assert "rechtsvorm" in page.content.decode()
    export = client.get("/netwerk/ondersteuning/rapport.xlsx", {"van": "2026-06-01"})
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    bad = client.get("/netwerk/ondersteuning/rapport/", {"van": "2026-02-31"})
    assert bad.status_code == 200
