"""factory_boy factories for activities and stories, and images to upload in tests."""

import datetime
import io

import factory
from factory.django import DjangoModelFactory
from PIL import Image

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kapstok.network.factories import OfficeFactory

from .models import ActivityKind, CommunityActivity, CommunityStory

GPS_IFD = 0x8825


def image_bytes(fmt="JPEG", size=(40, 30), *, gps=False, colour=(200, 60, 40)) -> bytes:
    """An image file in `fmt`; with `gps`, a JPEG carrying a camera make and a GPS position."""
    image = Image.new("RGBA" if fmt == "PNG" else "RGB", size, colour)
    buffer = io.BytesIO()
    options = {}
    if gps:
        exif = Image.Exif()
        exif[0x010F] = "Kapstok Testcamera"  # Make
        exif[0x0112] = 1  # Orientation: upright
        exif.get_ifd(GPS_IFD).update({1: "N", 2: (52.0, 5.0, 0.0), 3: "E", 4: (5.0, 7.0, 0.0)})
        options["exif"] = exif
    image.save(buffer, format=fmt, **options)
    return buffer.getvalue()


def upload(data: bytes | None = None, name="foto.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, image_bytes() if data is None else data, content_type)


class ActivityFactory(DjangoModelFactory):
    class Meta:
        model = CommunityActivity

    office = factory.SubFactory(OfficeFactory)
    title = factory.Sequence(lambda n: f"Beweegles op basisschool {n}")
    held_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
    kind = ActivityKind.SCHOOLS
    partner = "Basisschool De Regenboog"
    participants = 25


class StoryFactory(DjangoModelFactory):
    """A published story with a small, already re-encoded photo."""

    class Meta:
        model = CommunityStory

    office = factory.SubFactory(OfficeFactory)
    title = factory.Sequence(lambda n: f"Sportdag in de wijk {n}")
    text = "Veertig kinderen uit de wijk probeerden padel, boksen en yoga."
    photo = factory.LazyFunction(lambda: ContentFile(image_bytes(), name="foto.jpg"))
    photo_width = 40
    photo_height = 30
    alt_text = "Kinderen met rackets op een padelbaan"
    consent_confirmed = True
    published = True
    published_at = factory.LazyFunction(timezone.now)
