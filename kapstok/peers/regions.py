"""The ORM bridge of regions: propose from the offices' label points, save what POS decides."""

from collections import defaultdict

from django.db import transaction
from django.utils.translation import gettext as _

from kapstok.analysis.regions import Site, propose_regions, region_problems
from kapstok.network.models import Office

from .models import Region, RegionOffice
from .services import UserError


def _offices():
    return list(Office.objects.working().prefetch_related("municipalities").order_by("name"))


def _site(office) -> Site | None:
    municipalities = list(office.municipalities.all())
    if not municipalities:
        return None
    main = max(municipalities, key=lambda m: m.population)
    return Site(office.pk, main.label_lat, main.label_lon)


def regions_proposal() -> dict[int, str]:
    """Region name per office id, as proposed ("Regio 1" is the largest)."""
    sites = [site for site in map(_site, _offices()) if site]
    proposal = {}
    for number, region in enumerate(propose_regions(sites), start=1):
        for office_id in region:
            proposal[office_id] = _("Regio %(n)s") % {"n": number}
    return proposal


def regions_saved() -> dict[int, str]:
    return dict(RegionOffice.objects.values_list("office_id", "region__name"))


def region_assignment_problems(assignment: dict[int, str]) -> list[str]:
    """Dutch messages for what cannot be saved (a region with one office)."""
    regions = defaultdict(list)
    for office_id, name in assignment.items():
        regions[name].append(office_id)
    messages = []
    longest = Region._meta.get_field("name").max_length
    for name in sorted(name for name in regions if len(name) > longest):
        messages.append(
            _("De naam van een regio is hoogstens %(max)s tekens; '%(name)s…' is te lang.")
            % {"max": longest, "name": name[:20]}
        )
    for name, problem in region_problems(dict(regions)):
        if problem == "single":
            messages.append(
                _("Regio '%(name)s' heeft maar één kantoor; een regio heeft er minstens twee.")
                % {"name": name}
            )
    return messages


@transaction.atomic
def regions_save(*, assignment: dict[int, str]) -> int:
    """Replace all regions by `assignment` (office id → region name; offices left out get no
    region). Raises `UserError` with the Dutch messages when a region is not allowed."""
    assignment = {office_id: name.strip() for office_id, name in assignment.items() if name.strip()}
    problems = region_assignment_problems(assignment)
    if problems:
        raise UserError(" ".join(problems))
    Region.objects.all().delete()
    regions = {name: Region.objects.create(name=name) for name in sorted(set(assignment.values()))}
    RegionOffice.objects.bulk_create(
        RegionOffice(region=regions[name], office_id=office_id)
        for office_id, name in assignment.items()
    )
    return len(regions)


def region_map_colours(assignment: dict[int, str], offices) -> dict[str, dict]:
    """Per municipality code: the office, its region and a colour index (for the SVG map)."""
    names = sorted(set(assignment.values()))
    colour = {name: index % 10 for index, name in enumerate(names)}
    colours = {}
    for office in offices:
        name = assignment.get(office.pk)
        for municipality in office.municipalities.all():
            colours[municipality.code] = {
                "office": office,
                "region": name or "",
                "colour": colour[name] if name else "none",
            }
    return colours


def region_page(use_proposal: bool) -> dict:
    offices = _offices()
    saved = regions_saved()
    assignment = regions_proposal() if use_proposal or not saved else saved
    return {
        "offices": [(office, assignment.get(office.pk, "")) for office in offices],
        "region_names": sorted(set(assignment.values())),
        "map_colours": region_map_colours(assignment, offices),
        "showing_proposal": use_proposal or not saved,
    }
