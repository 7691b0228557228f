"""Who may see or change what among peer offices.

Peer weights, the practice library, the exchange board, meetings and regions. The rules for
an app's own objects live beside them (docs/architecture.md, "Floors");
`kapstok.accounts.access` keeps the `Viewer`, `require` and the office-level rules.
"""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from kapstok.accounts.access import Viewer, can_view_office, is_network_insider, require


def can_view_peers(viewer: Viewer, office) -> bool:
    """An office's peer offices: its own people (who learn from them) and POS."""
    return can_view_office(viewer, office)


def can_edit_peer_weights(viewer: Viewer) -> bool:
    return viewer.is_national


def practices_visible_to(viewer: Viewer) -> QuerySet:
    """Published practices the viewer may read, plus drafts of offices they lead (or all, POS)."""
    from kapstok.peers.models import Practice, PracticeStatus, Visibility

    if viewer.is_national:
        return Practice.objects.all()
    published = Q(status=PracticeStatus.PUBLISHED)
    if not is_network_insider(viewer):
        published &= Q(visibility=Visibility.PUBLIC)
    drafts = Q(office_id__in=viewer.lead_office_ids)
    return Practice.objects.filter(published | drafts)


def can_write_practice(viewer: Viewer, office) -> bool:
    """Write or edit an office's practices: its leads and POS."""
    return viewer.is_national or office.pk in viewer.lead_office_ids


def can_record_trial(viewer: Viewer) -> bool:
    """Say 'dit hebben wij ook geprobeerd' on behalf of an office one leads."""
    return bool(viewer.lead_office_ids) or viewer.is_national


def get_practice_for(viewer: Viewer, pk: int, action: str = "view"):
    """Load a practice, or raise 404 (unknown or not visible) / 403 (may not edit)."""
    try:
        practice = practices_visible_to(viewer).select_related("office").get(pk=pk)
    except ObjectDoesNotExist as missing:
        raise Http404 from missing
    if action == "edit" and not can_write_practice(viewer, practice.office):
        raise PermissionDenied
    return practice


def can_use_exchange(viewer: Viewer, office) -> bool:
    """The exchange board is for the office's own people: its members and leads only.

    Entrepreneurs write about their spare space or staff shortage there; neither POS, the
    municipality nor partners read along.
    """
    return office.pk in viewer.lead_office_ids | viewer.member_office_ids


def can_solve_post(viewer: Viewer, post) -> bool:
    """The author marks their own post solved; the office's leads may tidy up any post."""
    return post.author_id == viewer.user_id or post.office_id in viewer.lead_office_ids


def provinces_of(office_ids) -> set[str]:
    """The provinces the offices' municipalities lie in: the region of the regional board.

    The province comes from the CBS municipality file, so every office has one without POS
    drawing anything; an office spanning a provincial border belongs to both regions.
    """
    from kapstok.network.models import Municipality

    return set(
        Municipality.objects.filter(offices__in=office_ids)
        .values_list("province", flat=True)
        .distinct()
    )


def regional_office_ids(viewer: Viewer) -> set[int]:
    """Every office sharing a province with an office the viewer leads or is a member of."""
    from kapstok.network.models import Office

    own = viewer.lead_office_ids | viewer.member_office_ids
    if not own:
        return set()
    provinces = provinces_of(own)
    return set(
        Office.objects.filter(municipalities__province__in=provinces)
        .values_list("pk", flat=True)
        .distinct()
    )


def can_use_regional_board(viewer: Viewer) -> bool:
    """The regional board is for the people of an office, like the office's own board."""
    return bool(viewer.lead_office_ids | viewer.member_office_ids)


def regional_posts_visible_to(viewer: Viewer) -> QuerySet:
    """Posts marked "zichtbaar in de regio" by the offices in the viewer's provinces.

    Only marked posts cross the office's border: an unmarked post stays on its own board,
    whoever asks, so nobody outside the office reads what was meant for it alone.
    """
    from kapstok.peers.models import ExchangePost

    return ExchangePost.objects.filter(is_regional=True, office_id__in=regional_office_ids(viewer))


def offices_of_people(viewer: Viewer) -> QuerySet:
    """The offices whose board the viewer uses (leads and members): links from the region."""
    from kapstok.network.models import Office

    own = viewer.lead_office_ids | viewer.member_office_ids
    return Office.objects.filter(pk__in=own).order_by("name")


def can_view_post(viewer: Viewer, post) -> bool:
    """An office's own people see every post on its board; the people of the other offices in
    its province only the posts marked regional."""
    if can_use_exchange(viewer, post.office):
        return True
    return post.is_regional and post.office_id in regional_office_ids(viewer)


def get_exchange_post_for(viewer: Viewer, slug: str, pk: int):
    """Load a post of an office's board for its detail page, or raise 404 (unknown) / 403
    (not the viewer's office, and not a regional post of their province), as the board does."""
    from kapstok.peers.models import ExchangePost

    try:
        post = ExchangePost.objects.select_related("author", "office").get(pk=pk, office__slug=slug)
    except ExchangePost.DoesNotExist as missing:
        raise Http404 from missing
    require(can_view_post(viewer, post))
    return post


def get_exchange_office_for(viewer: Viewer, slug: str):
    """Load an office for its exchange board, or raise 404 / 403."""
    from kapstok.network.models import Office

    try:
        office = Office.objects.get(slug=slug)
    except Office.DoesNotExist as missing:
        raise Http404 from missing
    require(can_use_exchange(viewer, office))
    return office


def is_invited(viewer: Viewer, meeting) -> bool:
    """Invited by office (any of its people, or the invited roles within it) or by role."""
    if not viewer.is_authenticated:
        return False
    offices = {office.pk for office in meeting.invited_offices.all()}
    roles = set(meeting.invited_roles)
    if not offices and not roles:
        return False
    offices_ok = not offices or bool(offices & viewer.office_ids)
    roles_ok = not roles or bool(roles & set(viewer.roles))
    return offices_ok and roles_ok


def can_manage_meeting(viewer: Viewer, meeting) -> bool:
    """POS runs national and regional meetings; an office meeting also by its host's leads."""
    return viewer.is_national or (
        meeting.office_id is not None and meeting.office_id in viewer.lead_office_ids
    )


def can_view_meeting(viewer: Viewer, meeting) -> bool:
    return can_manage_meeting(viewer, meeting) or is_invited(viewer, meeting)


def can_create_meeting(viewer: Viewer) -> bool:
    return viewer.is_national


def can_host_meeting(viewer: Viewer, office) -> bool:
    """Name an office as a meeting's host: POS any office, a lead only an office they lead."""
    return viewer.is_national or (office is not None and office.pk in viewer.lead_office_ids)


def meeting_offices_for(viewer: Viewer, meeting=None) -> QuerySet:
    """The offices a person may invite to a meeting: POS any; a lead the offices they lead,
    plus those already invited to this meeting (by POS), which the lead may keep or drop.

    Chosen on purpose: a lead reaches no further through regions or peer offices. An office
    meeting is the office's own; inviting other offices, regionally or nationally, is POS's.
    """
    from kapstok.network.models import Office

    if viewer.is_national:
        return Office.objects.all()
    invited = []
    if meeting is not None and meeting.pk is not None:
        invited = list(meeting.invited_offices.values_list("pk", flat=True))
    return Office.objects.filter(pk__in=set(viewer.lead_office_ids) | set(invited))


def get_meeting_for(viewer: Viewer, pk: int, action: str = "view"):
    """Load a meeting, or raise 404 (unknown, or not invited) / 403 (may not manage it)."""
    from kapstok.peers.models import Meeting

    try:
        meeting = Meeting.objects.prefetch_related("invited_offices").get(pk=pk)
    except Meeting.DoesNotExist as missing:
        raise Http404 from missing
    if not can_view_meeting(viewer, meeting):
        raise Http404
    if action == "manage" and not can_manage_meeting(viewer, meeting):
        raise PermissionDenied
    return meeting


def meetings_visible_to(viewer: Viewer) -> list:
    """The meetings a person may open (a list: the invitation rule is checked in Python)."""
    from kapstok.peers.models import Meeting

    meetings = Meeting.objects.prefetch_related("invited_offices").order_by("starts_at")
    return [meeting for meeting in meetings if can_view_meeting(viewer, meeting)]


def can_manage_regions(viewer: Viewer) -> bool:
    """Regions are drawn by POS staff: the start of regional POS-kantoren."""
    return viewer.is_national


def offices_led_by(viewer: Viewer) -> QuerySet:
    """The offices the viewer leads: on whose behalf they write practices, record a trial or
    host a meeting."""
    from kapstok.network.models import Office

    return Office.objects.filter(pk__in=viewer.lead_office_ids)


def trial_office_for(viewer: Viewer, office_id) -> object | None:
    """The office a trial is recorded for: the one chosen among those the viewer leads, or
    the only one they lead when they chose none."""
    led = offices_led_by(viewer)
    if office_id:
        return led.filter(pk=office_id).first()  # an office they do not lead: refused (None)
    return led.first() if len(viewer.lead_office_ids) == 1 else None


def host_offices_for(viewer: Viewer) -> QuerySet | None:
    """The offices a meeting may be hosted by for this viewer: None means any (POS); a lead
    chooses among the offices they lead and keeps the kind of meeting POS chose."""
    return None if viewer.is_national else offices_led_by(viewer)


def meeting_needs_lead_checks(viewer: Viewer) -> bool:
    """A lead's meeting is checked against what a lead may do (`_check_lead_meeting`)."""
    return not viewer.is_national
