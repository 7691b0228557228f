"""Every write of the office's social value. Views, the demo and any command call these.

Each function checks the whole object first and saves nothing when something is wrong: a story
whose photo is refused leaves no file behind and no row.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from kapstok.network.models import EventKind
from kapstok.network.services import office_event_record

from .models import DESCRIPTION_LENGTH, STORY_TEXT_LENGTH, CommunityActivity, CommunityStory
from .photos import prepared_photo


def activity_save(
    *, activity: CommunityActivity, actor=None, today: datetime.date | None = None
) -> CommunityActivity:
    """Record (or correct) an activity. It is recorded once held: the people it reached are
    counted, not expected, so a date after today is refused."""
    today = today or timezone.localdate()
    if activity.held_on and activity.held_on > today:
        raise ValidationError(
            {
                "held_on": _(
                    "Leg een activiteit vast als die geweest is: kies een datum tot en met vandaag."
                )
            }
        )
    if len(activity.description) > DESCRIPTION_LENGTH:
        raise ValidationError(
            {"description": _too_long(len(activity.description), DESCRIPTION_LENGTH)}
        )
    activity.full_clean(exclude=["recorded_by"])
    created = activity.pk is None
    if created:
        activity.recorded_by = actor
    activity.save()
    if created:
        office_event_record(
            office=activity.office,
            kind=EventKind.OFFICE_UPDATED,
            summary=_("Activiteit voor de buurt: %(title)s") % {"title": activity.title},
            actor=actor,
        )
    return activity


def _too_long(length: int, limit: int) -> str:
    # A TextField's max_length is checked by forms only; the service checks it for every path.
    return _("De tekst is %(length)s tekens; hoogstens %(limit)s.") % {
        "length": number_format(length, force_grouping=True),
        "limit": number_format(limit, force_grouping=True),
    }


def activity_delete(*, activity: CommunityActivity) -> None:
    activity.delete()


def story_save(*, story: CommunityStory, upload=None, actor=None) -> CommunityStory:
    """Save a story; a new one needs a photo, and any photo is re-encoded before it is stored.

    The consent and the alt text are checked before the photo is even read: a story that
    cannot be saved leaves nothing behind.
    """
    errors = _story_errors(story, has_photo=upload is not None or bool(story.photo))
    if errors:
        raise ValidationError(errors)
    _set_publication(story, story.published)
    story.full_clean(exclude=["photo", "created_by"])
    photo = _prepared(upload) if upload is not None else None
    if story.pk is None:
        story.created_by = actor
    old_file = story.photo.name if photo is not None and story.pk else ""
    with transaction.atomic():
        if photo is not None:
            story.photo.save("foto.jpg", photo.content, save=False)
            story.photo_width, story.photo_height = photo.width, photo.height
        story.save()
    if old_file:
        story.photo.storage.delete(old_file)
    return story


def _story_errors(story: CommunityStory, *, has_photo: bool) -> dict:
    errors = {}
    if not story.consent_confirmed:
        errors["consent_confirmed"] = _(
            "Bevestig dat de mensen op de foto toestemming gaven voor publicatie. "
            "Zonder die toestemming plaatsen we de foto niet."
        )
    if not story.alt_text.strip():
        errors["alt_text"] = _(
            "Beschrijf wat er op de foto te zien is, voor wie hem niet kan zien."
        )
    if len(story.text) > STORY_TEXT_LENGTH:
        errors["text"] = _too_long(len(story.text), STORY_TEXT_LENGTH)
    if not has_photo:
        errors["photo"] = _("Kies een foto bij het verhaal.")
    return errors


def _prepared(upload):
    try:
        return prepared_photo(upload)
    except ValidationError as refused:
        raise ValidationError({"photo": refused.messages}) from refused


def story_publish(*, story: CommunityStory, published: bool) -> CommunityStory:
    """Put a story on the public page, or take it off."""
    _set_publication(story, published)
    story.save(update_fields=["published", "published_at", "updated_at"])
    return story


def _set_publication(story: CommunityStory, published: bool) -> None:
    story.published = published
    if published and story.published_at is None:
        story.published_at = timezone.now()
    elif not published:
        story.published_at = None


def story_delete(*, story: CommunityStory) -> None:
    """Remove the story and its photo file: a photo of people is not kept once unwanted."""
    name = story.photo.name
    storage = story.photo.storage
    story.delete()
    if name:
        storage.delete(name)
