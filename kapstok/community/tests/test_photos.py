"""A story's photo: only real JPEG, PNG or WebP images, at most 5 MB, stored re-encoded at
most 1600 px with no metadata left (no GPS position reaches the public page)."""

import io

import pytest
from PIL import Image

from django.core.exceptions import ValidationError

from kapstok.community.factories import GPS_IFD, image_bytes, upload
from kapstok.community.photos import MAX_BYTES, prepared_photo


def reopened(photo) -> Image.Image:
    return Image.open(io.BytesIO(photo.content.read()))


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_jpeg_png_and_webp_are_taken_and_stored_as_jpeg(fmt):
    photo = prepared_photo(upload(image_bytes(fmt, (120, 80)), name=f"foto.{fmt.lower()}"))

    image = reopened(photo)
    assert image.format == "JPEG"
    assert (photo.width, photo.height) == (120, 80) == image.size


def test_a_large_photo_is_made_at_most_1600_px_on_its_longest_side():
    photo = prepared_photo(upload(image_bytes("JPEG", (3200, 1800))))

    assert (photo.width, photo.height) == (1600, 900)
    assert reopened(photo).size == (1600, 900)


def test_exif_with_a_gps_position_is_not_in_the_stored_photo():
    original = image_bytes("JPEG", (64, 48), gps=True)
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(GPS_IFD)  # the test's premise

    image = reopened(prepared_photo(upload(original)))

    assert not image.getexif()
    assert "exif" not in image.info
    assert b"Kapstok Testcamera" not in photo_bytes(original)


def photo_bytes(original: bytes) -> bytes:
    return prepared_photo(upload(original)).content.read()


def test_the_camera_orientation_is_applied_before_the_metadata_goes():
    image = Image.new("RGB", (60, 20), (10, 120, 200))
    exif = Image.Exif()
    exif[0x0112] = 6  # rotated 90° clockwise: shown upright as 20 × 60
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)

    photo = prepared_photo(upload(buffer.getvalue()))

    assert (photo.width, photo.height) == (20, 60)


def test_a_transparent_png_gets_a_white_background_not_a_black_one():
    data = image_bytes("PNG", (10, 10), colour=(0, 0, 0, 0))

    pixel = reopened(prepared_photo(upload(data, name="logo.png"))).getpixel((5, 5))

    assert all(channel > 240 for channel in pixel)


def refusal(data: bytes, name="foto.jpg") -> str:
    with pytest.raises(ValidationError) as refused:
        prepared_photo(upload(data, name=name))
    return refused.value.messages[0]


def test_a_gif_is_refused_by_its_content_with_the_format_named():
    assert "GIF" in refusal(image_bytes("GIF"), name="foto.jpg")
    assert "JPEG, PNG of WebP" in refusal(image_bytes("GIF"), name="foto.jpg")


def test_a_file_that_is_not_an_image_is_refused_whatever_its_name():
    message = refusal(b"MZ\x90\x00 dit is een programma", name="vakantie.jpg")

    assert message.startswith("Dit bestand is geen foto die we kunnen lezen.")


def test_a_truncated_jpeg_is_refused():
    data = image_bytes("JPEG", (400, 300))

    assert "geen foto" in refusal(data[: len(data) // 3])


def test_a_file_over_5_mb_is_refused_before_it_is_read():
    big = upload(b"\xff\xd8\xff" + b"0" * MAX_BYTES)

    with pytest.raises(ValidationError) as refused:
        prepared_photo(big)

    assert refused.value.messages == [
        "De foto is te groot: hoogstens 5 MB. Verklein hem en probeer het opnieuw."
    ]


def test_an_image_of_more_than_40_megapixels_is_refused(monkeypatch):
    monkeypatch.setattr("kapstok.community.photos.MAX_PIXELS", 100)

    assert "te veel pixels" in refusal(image_bytes("PNG", (20, 10)), name="a.png")


def test_a_truncated_jpeg_is_refused_even_after_weasyprint_relaxed_pillow():
    """WeasyPrint turns on Pillow's LOAD_TRUNCATED_IMAGES for the whole process when the PDFs
    are imported; the upload check must not inherit it, and must leave it as it found it."""
    import weasyprint  # noqa: F401  (the import is what relaxes Pillow)
    from PIL import ImageFile

    assert ImageFile.LOAD_TRUNCATED_IMAGES is True
    data = image_bytes("JPEG", (400, 300))

    assert "geen foto" in refusal(data[: len(data) // 3])
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True
