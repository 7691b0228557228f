"""Writing sports clubs and their links; every write with a rule goes through here."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from .models import ClubMeeting, ClubPost, ClubPractice, SportsClub

# kind → (link model, the field naming the linked object)
LINKS = {
    "practice": (ClubPractice, "practice"),
    "meeting": (ClubMeeting, "meeting"),
    "post": (ClubPost, "post"),
}


class ClubError(Exception):
    """A write refused by a rule; the message is Dutch and says what to do."""


def normalise_name(name: str) -> str:
    """One space between words, none around: "  HC  De Wielewaal " is "HC De Wielewaal".

    >>> normalise_name("  HC  De\\tWielewaal ")
    'HC De Wielewaal'
    """
    return " ".join(name.split())


def find_same_club(*, name: str, municipality_id: int, exclude_pk=None):
    """The club with this name (any case) in this municipality, if there is one."""
    clubs = SportsClub.objects.filter(
        name__iexact=normalise_name(name), municipality_id=municipality_id
    )
    if exclude_pk is not None:
        clubs = clubs.exclude(pk=exclude_pk)
    return clubs.first()


def club_save(*, club: SportsClub, sports, user) -> SportsClub:
    """Store a club registered or edited by hand; one club per name and municipality."""
    club.name = normalise_name(club.name)
    if find_same_club(name=club.name, municipality_id=club.municipality_id, exclude_pk=club.pk):
        raise ClubError(_("Deze gemeente heeft al een vereniging met deze naam."))
    if club.pk is None:
        club.created_by = user
    try:
        with transaction.atomic():
            club.save()
            club.sports.set(sports)
    except IntegrityError as clash:  # the same club registered at the same moment
        raise ClubError(_("Deze gemeente heeft al een vereniging met deze naam.")) from clash
    return club


def club_delete(*, club: SportsClub) -> None:
    """Remove a club and its links (the practices, meetings and posts themselves stay)."""
    club.delete()


def club_link(*, club: SportsClub, kind: str, target, user) -> bool:
    """Link a club to a practice, meeting or post; False when it was linked already."""
    model, field = LINKS[kind]
    _link, created = model.objects.get_or_create(
        club=club, **{field: target}, defaults={"created_by": user}
    )
    return created


def club_unlink(*, club: SportsClub, kind: str, target_id: int) -> bool:
    """Remove one link; False when there was none."""
    model, field = LINKS[kind]
    deleted, _by_model = model.objects.filter(club=club, **{f"{field}_id": target_id}).delete()
    return bool(deleted)
