"""Issue 22 (4): the memory an upload may cost is bounded before any pixel is decoded (``creators.images``)."""

import struct

import pytest
from django.core.exceptions import ValidationError
from PIL import Image, ImageChops, ImageFile

from creators import images
from creators.images import MAX_DECODED_PIXELS, MAX_IMAGE_PIXELS
from tests.creators.test_images import RED, _encode, _error_code, _png_declaring, _upload


@pytest.fixture
def no_decoding(monkeypatch):
    """Fail loudly if any pixel data gets decoded."""

    def forbidden(self, *args, **kwargs):
        raise AssertionError("pixels must not be decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", forbidden)


def _jpeg_declaring(width, height):
    """A JPEG header declaring width x height, followed by a few real scan bytes: never decodable in full."""
    data = _encode(Image.new("RGB", (16, 16), RED), "JPEG")
    sof = data.index(b"\xff\xc0")
    return data[: sof + 5] + struct.pack(">HH", height, width) + data[sof + 9 :]


def test_40_megapixel_jpeg_passes_the_header_and_is_decoded_at_reduced_scale(no_decoding):
    # 8000 x 5000 = 40 MP: accepted, and libjpeg is asked for 1/4 scale (2000 x 1250), 2.5 MP decoded.
    img = images._open_header(_jpeg_declaring(8000, 5000))
    images._plan_decoding(img)
    assert img.size == (2000, 1250)
    with pytest.raises(ValidationError) as excinfo:
        images._decode_first_frame(img)
    assert excinfo.value.code == "image_damaged"
    assert str(excinfo.value.__cause__) == "pixels must not be decoded"


@pytest.mark.parametrize("size", [(8000, 5000), (7300, 5440), (4001, 4000)])
def test_png_over_the_decoding_budget_is_refused_before_decoding(no_decoding, size):
    # Issue 22: a 154 KB PNG of 39.7 MP passed the 40 MP check and cost 315 MB to decode.
    assert _error_code(_upload(_png_declaring(*size), "bomb.png", "image/png")) == "image_too_many_pixels"


def test_png_at_the_decoding_budget_is_decoded(no_decoding):
    img = images._open_header(_png_declaring(4000, 4000))
    images._plan_decoding(img)  # 16 MP exactly: within the budget
    assert img.size[0] * img.size[1] == MAX_DECODED_PIXELS


def test_39_7_megapixel_png_bomb_from_the_probe_is_refused():
    data = _encode(Image.new("RGB", (7300, 5440), (11, 93, 75)), "PNG", optimize=True)
    assert len(data) < 200_000 and MAX_IMAGE_PIXELS > 7300 * 5440
    assert _error_code(_upload(data, "bomb.png", "image/png")) == "image_too_many_pixels"


@pytest.mark.parametrize("mode", ["RGBA", "RGB", "P"])
def test_shrinking_in_bands_equals_one_whole_image_resize(mode):
    # Bands keep memory low; each band's crop carries the filter window, so no seam appears between bands.
    gradient = Image.linear_gradient("L").resize((2600, 3900))
    img = Image.merge("RGBA", [gradient, gradient.transpose(Image.Transpose.ROTATE_180).resize((2600, 3900)),
                               Image.new("L", (2600, 3900), 90), gradient])  # fmt: skip
    img = img.convert(mode) if mode != "P" else img.convert("RGB").quantize(64)
    whole = img.convert("RGBA" if mode == "RGBA" else "RGB").resize((1333, 2000), Image.Resampling.LANCZOS)
    banded = images._shrink_in_bands(img, (1333, 2000))
    assert banded.mode == whole.mode and banded.size == whole.size
    difference = max(high for _low, high in ImageChops.difference(banded, whole).getextrema())
    assert difference <= 1
