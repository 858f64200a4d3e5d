import io
import os
import re
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image, ImageCms, ImageFile

from creators import images
from creators.images import (
    ALLOWED_FORMATS,
    MAX_DECODED_PIXELS,
    MAX_IMAGE_BYTES,
    MAX_IMAGE_PIXELS,
    validate_and_reencode_image,
)

RED = (220, 20, 20)
BLUE = (20, 20, 220)


# ---------------------------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------------------------


def _encode(img, fmt, **params):
    buf = io.BytesIO()
    img.save(buf, format=fmt, **params)
    return buf.getvalue()


def _upload(data, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def _open(result):
    result.seek(0)
    img = Image.open(io.BytesIO(result.read()))
    img.load()
    return img


def _raw(result):
    result.seek(0)
    return result.read()


def _error_code(upload):
    with pytest.raises(ValidationError) as excinfo:
        validate_and_reencode_image(upload)
    return excinfo.value.code


def _close(a, b, tolerance=40):
    return all(abs(x - y) <= tolerance for x, y in zip(a, b, strict=False))


def _png_declaring(width, height):
    """A tiny valid-looking PNG whose header declares width x height (1-bit greyscale), data never decoded."""

    def chunk(kind, payload):
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))

    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


@pytest.fixture(scope="module")
def png_100_megapixels():
    """A real 10000 x 10000 1-bit PNG made by Pillow: about 12 KB on disk, 100 megapixels decoded."""
    data = _encode(Image.new("1", (10_000, 10_000)), "PNG", optimize=True)
    assert len(data) < 100_000
    return data


@pytest.fixture
def no_decoding(monkeypatch):
    """Fail loudly if any pixel data gets decoded."""

    def forbidden(self, *args, **kwargs):
        raise AssertionError("pixels must not be decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", forbidden)


# ---------------------------------------------------------------------------------------------------------------
# Constants and messages
# ---------------------------------------------------------------------------------------------------------------


def test_constants():
    assert MAX_IMAGE_BYTES == 5 * 1024 * 1024
    assert MAX_IMAGE_PIXELS == 40_000_000
    assert MAX_DECODED_PIXELS == 16_000_000
    assert set(ALLOWED_FORMATS) == {"JPEG", "PNG", "WEBP", "GIF"}
    assert "SVG" not in ALLOWED_FORMATS


def test_errors_carry_code_and_readable_message():
    with pytest.raises(ValidationError) as excinfo:
        validate_and_reencode_image(_upload(b"hello", "notes.png"))
    assert excinfo.value.code == "image_invalid"
    with translation.override("en"):
        assert excinfo.value.messages == [
            "This file is not an image we can read. Please upload a JPEG, PNG, WebP or GIF."
        ]
        assert str(images.MESSAGES["image_too_large"]) == "The image is larger than 5 MB."
        assert str(images.MESSAGES["image_too_many_pixels"]) == (
            "The image has too many pixels: at most 16 megapixels (for example 4000 × 4000), "
            "or 40 megapixels for a JPEG photo."
        )
    with translation.override("th"):
        assert str(images.MESSAGES["image_too_large"]) == "รูปภาพมีขนาดใหญ่กว่า 5 MB"


# ---------------------------------------------------------------------------------------------------------------
# Metadata, orientation, output file
# ---------------------------------------------------------------------------------------------------------------


def _jpeg_with_metadata():
    img = Image.new("RGB", (400, 200), RED)
    img.paste(BLUE, (200, 0, 400, 200))  # left half red, right half blue
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90 degrees clockwise to display
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = {1: "N", 2: (13.0, 45.0, 7.5), 3: "E", 4: (100.0, 30.0, 1.25)}  # GPS IFD
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><secret>creator-home-address</secret></x:xmpmeta>'
    return _encode(img, "JPEG", exif=exif, icc_profile=srgb, comment=b"secret comment", xmp=xmp)


def test_jpeg_input_really_has_metadata():
    source = Image.open(io.BytesIO(_jpeg_with_metadata()))
    exif = source.getexif()
    assert exif[0x0112] == 6
    assert exif.get_ifd(0x8825)[1] == "N"
    assert {"exif", "icc_profile", "comment", "xmp"} <= set(source.info)


def test_exif_gps_xmp_icc_and_comment_are_removed():
    result = validate_and_reencode_image(_upload(_jpeg_with_metadata(), "IMG_0001.jpg"))
    out = _open(result)
    assert out.format == "JPEG"
    assert not out.getexif()
    assert not out.getexif().get_ifd(0x8825)
    assert not {"exif", "icc_profile", "comment", "xmp"} & set(out.info)
    raw = _raw(result)
    for marker in (b"Exif", b"PhoneMaker", b"secret", b"creator-home-address", b"ns.adobe.com", b"ICC_PROFILE"):
        assert marker not in raw


def test_exif_orientation_is_applied():
    out = _open(validate_and_reencode_image(_upload(_jpeg_with_metadata())))
    assert out.size == (200, 400)  # portrait after rotating 90 degrees clockwise
    assert _close(out.getpixel((100, 50)), RED)  # the left half is now on top
    assert _close(out.getpixel((100, 350)), BLUE)


def test_output_name_is_random_hex_with_right_extension():
    data = _jpeg_with_metadata()
    first = validate_and_reencode_image(_upload(data, "Somchai passport ของฉัน.jpg"))
    second = validate_and_reencode_image(_upload(data, "Somchai passport ของฉัน.jpg"))
    assert re.fullmatch(r"[0-9a-f]{32}\.jpg", first.name)
    assert first.name != second.name
    assert first.content_type == "image/jpeg"
    assert isinstance(first, SimpleUploadedFile)

    png = validate_and_reencode_image(_upload(_encode(Image.new("RGBA", (8, 8)), "PNG"), "logo.png"))
    assert re.fullmatch(r"[0-9a-f]{32}\.png", png.name)
    assert png.content_type == "image/png"


# ---------------------------------------------------------------------------------------------------------------
# Size limits
# ---------------------------------------------------------------------------------------------------------------


def test_upload_over_5_mb_is_rejected_before_decoding(monkeypatch, no_decoding):
    def forbidden_open(*args, **kwargs):
        raise AssertionError("must not be parsed")

    monkeypatch.setattr(Image, "open", forbidden_open)
    upload = _upload(os.urandom(6 * 1024 * 1024), "big.jpg")
    assert upload.size == 6 * 1024 * 1024
    assert _error_code(upload) == "image_too_large"


def test_size_is_checked_before_reading():
    class HugeUpload:
        name = "huge.jpg"
        size = 6 * 1024 * 1024

        def read(self, *args):
            raise AssertionError("must not be read")

        def seek(self, *args):
            raise AssertionError("must not be read")

    assert _error_code(HugeUpload()) == "image_too_large"


def test_lying_size_attribute_does_not_help():
    upload = _upload(os.urandom(MAX_IMAGE_BYTES + 10), "big.jpg")
    upload.size = 1000
    assert _error_code(upload) == "image_too_large"


def test_exactly_5_mb_is_not_a_size_error():
    upload = _upload(b"\x00" * MAX_IMAGE_BYTES, "zeros.png")
    assert _error_code(upload) == "image_invalid"


def test_100_megapixel_png_bomb_is_rejected_without_decoding(png_100_megapixels, no_decoding, recwarn):
    assert _error_code(_upload(png_100_megapixels, "bomb.png", "image/png")) == "image_too_many_pixels"


@pytest.mark.filterwarnings("error::PIL.Image.DecompressionBombWarning")
def test_megapixel_error_when_pillow_warnings_are_errors(png_100_megapixels, no_decoding):
    assert _error_code(_upload(png_100_megapixels, "bomb.png", "image/png")) == "image_too_many_pixels"


def test_megapixel_error_when_pillow_global_limit_is_lower(monkeypatch, png_100_megapixels, no_decoding):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)  # Pillow raises DecompressionBombError in open()
    assert _error_code(_upload(png_100_megapixels, "bomb.png", "image/png")) == "image_too_many_pixels"


@pytest.mark.parametrize("global_limit", [None, 10**12])
def test_own_limit_does_not_depend_on_pillow_global(monkeypatch, no_decoding, global_limit):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", global_limit)
    data = _png_declaring(7000, 7000)  # 49 megapixels: under Pillow's default limit, over ours
    assert len(data) < 200
    assert _error_code(_upload(data, "wide.png", "image/png")) == "image_too_many_pixels"


# ---------------------------------------------------------------------------------------------------------------
# Not images, wrong formats, broken files
# ---------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["logo.png", "logo.jpg", "logo"])
def test_text_file_is_not_an_image(name):
    assert _error_code(_upload(b"just some text, not an image\n" * 20, name, "image/png")) == "image_invalid"


def test_empty_file_is_not_an_image():
    assert _error_code(_upload(b"", "empty.png")) == "image_invalid"


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'
SVG_WITH_PROLOG = b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- logo -->\n' + SVG


@pytest.mark.parametrize("data", [SVG, SVG_WITH_PROLOG])
@pytest.mark.parametrize("name", ["logo.png", "logo.svg"])
def test_svg_is_rejected_whatever_the_name(data, name):
    assert _error_code(_upload(data, name, "image/svg+xml")) == "image_format_not_allowed"


@pytest.mark.parametrize(
    ("fmt", "params"),
    [("BMP", {}), ("TIFF", {}), ("ICO", {}), ("PDF", {})],
)
def test_other_formats_are_rejected(fmt, params):
    data = _encode(Image.new("RGB", (32, 32), RED), fmt, **params)
    expected = "image_invalid" if fmt == "PDF" else "image_format_not_allowed"
    assert _error_code(_upload(data, "photo.png")) == expected


def test_heic_signature_is_a_format_error():
    data = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 100
    assert _error_code(_upload(data, "IMG_0001.HEIC")) == "image_format_not_allowed"


def test_truncated_jpeg_is_rejected():
    noise = Image.frombytes("RGB", (300, 300), os.urandom(300 * 300 * 3))
    data = _encode(noise, "JPEG", quality=95)
    assert _error_code(_upload(data[: len(data) // 2], "cut.jpg")) == "image_damaged"


def test_jpeg_header_only_is_rejected():
    data = _encode(Image.new("RGB", (300, 300), RED), "JPEG")
    assert _error_code(_upload(data[:200], "cut.jpg")) in {"image_invalid", "image_damaged"}


def test_truncated_png_is_rejected():
    noise = Image.frombytes("RGB", (300, 300), os.urandom(300 * 300 * 3))
    data = _encode(noise, "PNG")
    assert _error_code(_upload(data[: len(data) // 2], "cut.png")) == "image_damaged"


# ---------------------------------------------------------------------------------------------------------------
# Accepted images
# ---------------------------------------------------------------------------------------------------------------


def test_animated_gif_keeps_first_frame():
    frames = [Image.new("RGB", (60, 40), RED), Image.new("RGB", (60, 40), BLUE)]
    data = _encode(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    assert Image.open(io.BytesIO(data)).n_frames == 2

    out = _open(validate_and_reencode_image(_upload(data, "anim.gif", "image/gif")))
    assert out.format == "JPEG"
    assert getattr(out, "n_frames", 1) == 1
    assert out.size == (60, 40)
    assert _close(out.getpixel((30, 20)), RED)


def test_animated_webp_keeps_first_frame():
    frames = [Image.new("RGB", (60, 40), RED), Image.new("RGB", (60, 40), BLUE)]
    data = _encode(frames[0], "WEBP", save_all=True, append_images=frames[1:], duration=100)
    out = _open(validate_and_reencode_image(_upload(data, "anim.webp", "image/webp")))
    assert getattr(out, "n_frames", 1) == 1
    assert _close(out.getpixel((30, 20)), RED)


def test_rgba_png_keeps_alpha():
    img = Image.new("RGBA", (100, 100), (*RED, 255))
    img.paste((0, 0, 0, 0), (50, 0, 100, 100))
    out = _open(validate_and_reencode_image(_upload(_encode(img, "PNG"), "logo.png", "image/png")))
    assert out.format == "PNG"
    assert out.mode == "RGBA"
    assert out.getpixel((75, 50))[3] == 0
    assert out.getpixel((25, 50)) == (*RED, 255)


def test_palette_png_with_transparency_becomes_rgba_png():
    img = Image.new("P", (40, 40), 0)
    img.putpalette([*RED, *BLUE] + [0] * 762)
    img.paste(1, (20, 0, 40, 40))
    data = _encode(img, "PNG", transparency=1)
    out = _open(validate_and_reencode_image(_upload(data, "logo.png", "image/png")))
    assert (out.format, out.mode) == ("PNG", "RGBA")
    assert out.getpixel((30, 20))[3] == 0
    assert out.getpixel((10, 20)) == (*RED, 255)


def test_gif_with_transparency_becomes_png():
    img = Image.new("P", (40, 40), 0)
    img.putpalette([*RED, *BLUE] + [0] * 762)
    img.paste(1, (20, 0, 40, 40))
    data = _encode(img, "GIF", transparency=1)
    out = _open(validate_and_reencode_image(_upload(data, "logo.gif", "image/gif")))
    assert (out.format, out.mode) == ("PNG", "RGBA")
    assert out.getpixel((30, 20))[3] == 0


@pytest.mark.parametrize(("size", "expected"), [((4000, 3000), (2000, 1500)), ((3000, 4000), (1500, 2000))])
def test_large_jpeg_is_downscaled(size, expected):
    data = _encode(Image.new("RGB", size, RED), "JPEG")
    result = validate_and_reencode_image(_upload(data))
    out = _open(result)
    assert out.size == expected
    assert max(out.size) == 2000


def test_large_jpeg_draft_path_keeps_aspect_ratio():
    data = _encode(Image.new("RGB", (7000, 5000), RED), "JPEG", quality=50)
    out = _open(validate_and_reencode_image(_upload(data)))
    assert out.size == (2000, 1429)


def test_small_image_is_not_upscaled():
    out = _open(validate_and_reencode_image(_upload(_encode(Image.new("RGB", (120, 80), RED), "WEBP"), "a.webp")))
    assert (out.format, out.size) == ("JPEG", (120, 80))


@pytest.mark.parametrize("mode", ["L", "1", "CMYK", "P"])
def test_opaque_modes_become_rgb_jpeg(mode):
    fmt = "JPEG" if mode in {"L", "CMYK"} else "PNG"
    data = _encode(Image.new(mode, (50, 50)), fmt)
    out = _open(validate_and_reencode_image(_upload(data)))
    assert (out.format, out.mode) == ("JPEG", "RGB")


def test_sixteen_bit_greyscale_png_is_scaled_not_clipped():
    img = Image.new("I;16", (20, 20), 32768)  # mid grey in 16 bits
    out = _open(validate_and_reencode_image(_upload(_encode(img, "PNG"), "scan.png")))
    assert 110 <= out.getpixel((10, 10))[0] <= 145


def test_broken_icc_profile_is_dropped_without_failing():
    data = _encode(Image.new("RGB", (50, 50), RED), "JPEG", icc_profile=b"not a real profile" * 10)
    assert "icc_profile" in Image.open(io.BytesIO(data)).info
    result = validate_and_reencode_image(_upload(data))
    out = _open(result)
    assert "icc_profile" not in out.info
    assert _close(out.getpixel((25, 25)), RED)


def test_valid_icc_profile_is_applied_then_dropped():
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    data = _encode(Image.new("RGB", (50, 50), RED), "PNG", icc_profile=profile)
    out = _open(validate_and_reencode_image(_upload(data, "photo.png")))
    assert "icc_profile" not in out.info
    assert _close(out.getpixel((25, 25)), RED, tolerance=6)


def test_accepts_django_file_positioned_at_the_end():
    upload = _upload(_encode(Image.new("RGB", (30, 30), RED), "PNG"), "a.png")
    upload.read()  # e.g. a form field already read it
    assert _open(validate_and_reencode_image(upload)).size == (30, 30)
