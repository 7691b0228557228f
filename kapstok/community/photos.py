"""Checking and re-encoding a story's photo before it is stored.

The upload is opened with Pillow, never trusted by its name or its claimed type: only a file
Pillow decodes as JPEG, PNG or WebP is taken, at most 5 MB and 40 megapixels (a small file
can unpack to a huge image). It is then drawn anew: turned upright as the camera meant it
(the EXIF orientation), made at most 1600 px on its longest side and saved as a fresh JPEG
without any of the original's metadata, so no GPS position, camera serial or date of the photo
reaches the public page.
"""

import io
from dataclasses import dataclass

from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000
MAX_SIDE = 1600
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP"}
JPEG_QUALITY = 82


@dataclass(frozen=True)
class PreparedPhoto:
    content: ContentFile
    width: int
    height: int


def prepared_photo(upload) -> PreparedPhoto:
    """The photo ready to store, or a Dutch `ValidationError` saying why it is refused."""
    if upload.size > MAX_BYTES:
        raise ValidationError(
            _("De foto is te groot: hoogstens 5 MB. Verklein hem en probeer het opnieuw."),
            code="too_large",
        )
    image = _opened(upload)
    try:
        upright = ImageOps.exif_transpose(image)
        upright.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
        flat = _without_transparency(upright)
        buffer = io.BytesIO()
        # No `exif=` or `icc_profile=`: the new file carries none of the original's metadata.
        flat.save(buffer, format="JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    except (OSError, ValueError) as broken:
        raise _not_a_photo() from broken
    return PreparedPhoto(ContentFile(buffer.getvalue()), flat.width, flat.height)


def _opened(upload) -> Image.Image:
    upload.seek(0)
    try:
        image = Image.open(upload)
        if image.format not in ACCEPTED_FORMATS:
            raise ValidationError(
                _("Dit is een %(format)s-bestand. Kies een foto in JPEG, PNG of WebP."),
                params={"format": image.format or "?"},
                code="wrong_format",
            )
        if image.width * image.height > MAX_PIXELS:
            raise ValidationError(
                _("De foto heeft te veel pixels: hoogstens 40 megapixel."), code="too_many_pixels"
            )
        _decode_strictly(image)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as unreadable:
        raise _not_a_photo() from unreadable
    return image


def _decode_strictly(image: Image.Image) -> None:
    """Decode the whole file, so a truncated or forged one fails here. WeasyPrint (the PDFs)
    sets Pillow's process-wide LOAD_TRUNCATED_IMAGES on import, which would let a cut-off
    photo through with grey filled in; the check is forced back on for this one decode."""
    before = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        image.load()
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = before


def _not_a_photo() -> ValidationError:
    return ValidationError(
        _(
            "Dit bestand is geen foto die we kunnen lezen. Kies een foto in JPEG, PNG of WebP; "
            "we kijken naar de inhoud van het bestand, niet naar de naam."
        ),
        code="not_an_image",
    )


def _without_transparency(image: Image.Image) -> Image.Image:
    """RGB for JPEG: a transparent PNG gets a white background, not a black one."""
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")
