"""Demo data for connecting offices: practices, exchange posts, meetings and regions.

All fictitious, like the rest of the demo, but modelled on the report: office E's roadside sign
and local sports day (4.3), the entrepreneur who gave another 200 m² (2.3), a national meeting
of leads and regional meetings (5.2). Called from `demo_seed` after the offices exist.
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from kapstok.peers import exchange
from kapstok.peers.models import Meeting, Practice, PracticeStatus, Region, Visibility
from kapstok.peers.regions import regions_proposal, regions_save
from kapstok.peers.services import practice_save, practice_trial_record
from kapstok.strategy.models import CatalogueTheme

PRACTICES = (
    (
        "E",
        "Bord langs de invalsweg",
        "Een groot bord langs de drukste invalsweg met de logo's van alle aangesloten "
        "sportaanbieders en één adres: de website van het kantoor.",
        "Inwoners en ondernemers kenden het kantoor niet; steeds weer de vraag: "
        "'wat levert het op?'.",
        "Binnen drie maanden twaalf aanmeldingen van nieuwe ondernemers; de wethouder "
        "noemt het bord in de raad.",
        "€ 600 uit het sportakkoord (eenmalig) plus € 250 eigen bijdrage",
        Visibility.PUBLIC,
        ["zichtbaarheid", "werving"],
    ),
    (
        "E",
        "Lokale sportdag op het marktplein",
        "Een sportdag waarop veertig aanbieders een proefles gaven: van padel tot yoga, met een "
        "stempelkaart voor kinderen.",
        "Laten zien hoeveel sport er in de gemeente is, en ondernemers elkaar laten ontmoeten.",
        "Ruim 1.500 bezoekers, 300 proeflessen en vier nieuwe leden van het kantoor.",
        "€ 2.400, gedeeld door de deelnemers en een bijdrage van de gemeente",
        Visibility.PUBLIC,
        ["zichtbaarheid", "samenwerking"],
    ),
    (
        "A",
        "Samen energie inkopen",
        "Vijftien leden kochten samen stroom en gas in via één collectief contract.",
        "De energiekosten van zwembaden en sportscholen stegen fors.",
        "Gemiddeld 18% lagere energierekening in het eerste jaar.",
        "Geen; de adviseur werd betaald uit de besparing",
        Visibility.INTERNAL,
        ["kosten", "samenwerking"],
    ),
)


def _user(email):
    return get_user_model().objects.filter(email=email).first()


def _practices_seed(offices) -> None:
    themes = CatalogueTheme.objects.in_bulk(field_name="slug")
    for letter, title, what, why, result, costs, visibility, slugs in PRACTICES:
        practice = practice_save(
            practice=Practice(
                office=offices[letter],
                title=title,
                what=what,
                why=why,
                result=result,
                costs=costs,
                contact=f"Kartrekker van {offices[letter].name}",
                visibility=visibility,
                status=PracticeStatus.PUBLISHED,
            )
        )
        practice.themes.set([themes[slug] for slug in slugs if slug in themes])
    sign = Practice.objects.get(office=offices["E"], title__startswith="Bord")
    practice_trial_record(
        practice=sign,
        office=offices["A"],
        user=_user("lead-a@demo.invalid"),
        outcome="partly",
        note="Ons bord staat er, maar de vergunning duurde vier maanden.",
    )


def _exchange_seed(office) -> None:
    """The space-sharing story in office A: a request, the 200 m² offer, a reply, solved."""
    lead, member = _user("lead-a@demo.invalid"), _user("member-a@demo.invalid")
    request = exchange.post_create(
        office=office,
        author=member,
        kind="request",
        topic="space",
        title="Ruimte gezocht voor een bootcampgroep in de winter",
        body="Twee ochtenden per week, zo'n twintig deelnemers. Wie heeft er ruimte?",
    )
    offer = exchange.post_create(
        office=office,
        author=lead,
        kind="offer",
        topic="space",
        title="200 m² zaal vrij op dinsdag- en donderdagochtend",
        body="Onze grote zaal staat 's ochtends leeg. Kosten in overleg.",
    )
    exchange.post_reply(post=offer, author=member, body="Dat is precies wat ik zoek! Ik bel je.")
    exchange.post_solve(post=request)
    exchange.post_create(
        office=office,
        author=member,
        kind="question",
        topic="knowledge",
        title="Wie heeft ervaring met de nieuwe btw-regels voor sportlessen?",
        body="",
    )


def _meeting(title, starts, hours=3, **fields):
    offices = fields.pop("offices", [])
    meeting = Meeting.objects.create(
        title=title, starts_at=starts, ends_at=starts + datetime.timedelta(hours=hours), **fields
    )
    meeting.invited_offices.set(offices)
    return meeting


def _meetings_seed(offices, pos, today) -> None:
    at = lambda days, hour: timezone.make_aware(  # noqa: E731 - a local shorthand
        datetime.datetime.combine(today + datetime.timedelta(days=days), datetime.time(hour))
    )
    _meeting(
        "Landelijke kartrekkersdag",
        at(30, 10),
        hours=6,
        scope="national",
        location="Utrecht",
        agenda="1. Welkom\n2. Wat werkt: het bord en de sportdag van kantoor E\n3. Regio's",
        invited_roles=["lead"],
        created_by=pos,
    )
    region = Region.objects.order_by("name").first()
    if region:
        _meeting(
            f"Regiobijeenkomst {region.name}",
            at(14, 19),
            scope="regional",
            agenda="Kennismaken met de kantoren in de regio.",
            offices=list(region.offices.all()),
            created_by=pos,
        )
    _meeting(
        "Ledenavond met open les",
        at(-20, 19),
        scope="office",
        office=offices["A"],
        agenda="Terugblik op het eerste jaar.",
        minutes="Dertig leden aanwezig; afgesproken: een werkgroep voor gezamenlijke inkoop.",
        is_public=True,
        offices=[offices["A"]],
        created_by=pos,
    )


def peers_seed(*, offices: dict, pos, today: datetime.date) -> None:
    """Demo practices, exchange posts, regions (as proposed) and meetings."""
    Meeting.objects.filter(created_by__email__endswith="@demo.invalid").delete()
    # Regions emptied by the demo's clean-up go; regions someone saved for real offices stay,
    # and then the demo proposes none (saving replaces all regions).
    Region.objects.filter(offices__isnull=True).delete()
    _practices_seed(offices)
    _exchange_seed(offices["A"])
    if not Region.objects.exists():
        regions_save(assignment=regions_proposal())
    _meetings_seed(offices, pos, today)
