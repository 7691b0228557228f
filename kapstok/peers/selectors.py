"""The ORM bridge of peers: load office profiles in a few grouped queries, rank them purely."""

import dataclasses
from collections import defaultdict

from django.db.models import F, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from kapstok.analysis import similarity
from kapstok.core.part_cache import cached_part
from kapstok.core.todo import SHOWN, ToDo, Urgency, day
from kapstok.network.models import Municipality, Office
from kapstok.progress.facts import office_states
from kapstok.strategy.models import Theme

from . import rules
from .models import Meeting, MeetingRsvp, PeerWeights, Practice, RsvpAnswer

# What a practice's entry in the library shows (besides its office's and themes' names).
PRACTICE_CARD_FIELDS = ("title", "what", "status", "visibility", "updated_at", "office_id")


def practice_cards(practices, limit: int) -> list:
    """The first `limit` practices of a filtered, ordered queryset, as the library lists them.

    Two queries, and only what an entry shows: the office's name comes as `office_name` and
    the themes' as `theme_names`, no Office or CatalogueTheme objects, no prefetch manager per
    practice. With whole rows, the office joined and the themes prefetched, loading 50
    practices took longer than finding them among 10,000.
    """
    cards = list(
        practices.only(*PRACTICE_CARD_FIELDS).annotate(office_name=F("office__name"))[:limit]
    )
    names = _theme_names_by_practice([card.pk for card in cards])
    for card in cards:
        card.theme_names = names.get(card.pk, [])
    return cards


def _theme_names_by_practice(practice_ids) -> dict[int, list[str]]:
    """{practice id: its themes' names}, in the catalogue's order."""
    rows = (
        Practice.themes.through.objects.filter(practice_id__in=practice_ids)
        .order_by("cataloguetheme__position", "cataloguetheme__name")
        .values_list("practice_id", "cataloguetheme__name")
    )
    names = defaultdict(list)
    for practice_id, name in rows:
        names[practice_id].append(name)
    return names


def _themes_by_office(office_ids) -> dict[int, set[str]]:
    """Confirmed session themes linked to a catalogue theme: the offices' shared vocabulary."""
    rows = Theme.objects.filter(
        session__office_id__in=office_ids, confirmed=True, catalogue_theme__isnull=False
    ).values_list("session__office_id", "catalogue_theme__name")
    themes = defaultdict(set)
    for office_id, name in rows:
        themes[office_id].add(name.lower())
    return themes


def _area(municipalities) -> dict:
    """One context for an office spanning several municipalities: totals, and the label point
    and urbanisation class of the most populous one (where the office mostly works)."""
    main = max(municipalities, key=lambda m: m.population)
    population = sum(m.population for m in municipalities)
    area = sum(float(m.area_land_km2) for m in municipalities) or 1.0
    return {
        "population": population,
        "density": round(population / area) if len(municipalities) > 1 else main.density,
        "urbanisation": main.urbanisation,
        "lat": main.label_lat,
        "lon": main.label_lon,
    }


def office_profiles(offices=None, *, with_themes: bool = True) -> list[similarity.OfficeProfile]:
    """Profiles of the given offices (default: every office not dissolved); without the
    session themes when `with_themes` is False."""
    if offices is None:
        offices = Office.objects.working()
    fields = ("population", "density", "urbanisation", "label_lat", "label_lon", "area_land_km2")
    offices = list(
        offices.with_member_count()
        .prefetch_related(Prefetch("municipalities", queryset=Municipality.objects.only(*fields)))
        .order_by("pk")
    )
    offices = [office for office in offices if office.municipalities.all()]
    states = office_states(offices)
    themes = _themes_by_office([office.pk for office in offices]) if with_themes else {}
    return [
        similarity.OfficeProfile(
            office_id=office.pk,
            members=office.member_count,
            phase_index=states[office.pk].phase.index,
            initiative=office.initiative,
            themes=frozenset(themes.get(office.pk, ())),
            **_area(list(office.municipalities.all())),
        )
        for office in offices
    ]


def peers_of(office, k: int = 5, *, with_themes: bool = True) -> list[dict]:
    """The `k` peers of one office as rows {office, score, reasons} for the page.

    The shared themes come from the offices' strategy sessions; for a viewer who may not open
    this office's sessions (`with_themes=False`, see `access.can_view_sessions`) the ranking
    leaves them out altogether, so neither a reason nor a score tells what was said there.
    """
    peers = cached_part(
        "office-peers",
        (office.pk, k, with_themes),
        lambda: network_ranking(k, with_themes=with_themes).get(office.pk, []),
    )
    by_id = Office.objects.in_bulk([peer.office_id for peer in peers])
    return [
        {"office": by_id[peer.office_id], "score": round(100 * peer.score), "reasons": peer.reasons}
        for peer in peers
    ]


def network_ranking(k: int, *, with_themes: bool) -> dict[int, list[similarity.Peer]]:
    """The `k` peers of every office, as `similarity.top_peers` ranks them.

    Ranking one office means profiling all of them (members, phase, area, session themes):
    with 400 offices that took about 250 ms, for a page a lead opens now and then and whose
    answer changes only with a write. The whole network's ranking is therefore one cached
    part (`part_cache`: renewed after any write on the site, at most a minute old), shared by
    every office's page; with and without the session themes are separate parts, so a
    viewer who may not see an office's sessions never gets a ranking that used them.

    `peers_of` keeps each office's own five as a small part of its own besides: reading the
    whole network's ranking from the cache on every view cost a few thousand objects a
    request.
    """
    return cached_part("peer-ranking", (k, with_themes), lambda: _rank(k, with_themes))


def _rank(k: int, with_themes: bool) -> dict[int, list[similarity.Peer]]:
    profiles = office_profiles(with_themes=with_themes)
    weights = PeerWeights.current().weights()
    if not with_themes:
        without = dataclasses.replace(weights, themes=0.0)
        weights = without if without.problem() is None else weights
    return similarity.top_peers(profiles, weights, k=k)


# --- the start page's to-do items -------------------------------------------------------------


def coming_meetings() -> list[Meeting]:
    """Every meeting that has not ended, with its invited offices, in the order it starts: the
    same for everyone, so kept as a short cached part for the start page. Two queries."""
    return list(
        Meeting.objects.filter(ends_at__gte=timezone.now())
        .prefetch_related("invited_offices")
        .order_by("starts_at", "pk")
    )


def meetings_to_answer(viewer) -> list[ToDo]:
    """Coming meetings the viewer is invited to and has not answered, then (for information)
    the next meeting they come to or host.

    The coming meetings are a short cached part (`coming_meetings`) and which of them the
    viewer may see is checked in Python (`rules.can_view_meeting`, `rules.is_invited`), as on
    the meeting pages; the viewer's own answers are asked afresh, in one query, and not at all
    when no coming meeting is theirs to see.
    """
    if not viewer.is_authenticated:
        return []
    coming = [
        meeting
        for meeting in cached_part("coming-meetings", (), coming_meetings)
        if rules.can_view_meeting(viewer, meeting)
    ]
    if not coming:
        return []
    answers = dict(
        MeetingRsvp.objects.filter(
            user_id=viewer.user_id, meeting_id__in=[meeting.pk for meeting in coming]
        ).values_list("meeting_id", "answer")
    )
    items, next_one = [], None
    for meeting in coming:
        my_answer = answers.get(meeting.pk)
        values = {
            "title": meeting.title,
            "date": day(meeting.starts_at),
            "place": meeting.location or _("plaats volgt"),
        }
        if my_answer is None and rules.is_invited(viewer, meeting):
            if len(items) < SHOWN:
                items.append(
                    ToDo(
                        title=_("Laat weten of u komt: %(title)s") % values,
                        detail=_("%(date)s, %(place)s.") % values,
                        url=meeting.get_absolute_url(),
                    )
                )
        elif next_one is None and my_answer != RsvpAnswer.NO:
            next_one = ToDo(
                title=_("Volgende bijeenkomst: %(title)s") % values,
                detail=_("%(date)s, %(place)s.") % values,
                url=meeting.get_absolute_url(),
                urgency=Urgency.INFO,
            )
    return items + ([next_one] if next_one else [])
