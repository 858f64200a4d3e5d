"""Validation and re-encoding of images uploaded by registrants (profile photos, logos).

Every accepted upload is decoded and saved again by Pillow: the stored file never contains the uploader's
bytes, metadata (EXIF, GPS, XMP, ICC, comments) or filename. SVG is never accepted.

Memory is bounded before any pixel is decoded: a JPEG is decoded by libjpeg at 1/2, 1/4 or 1/8 scale down to
the output size (``draft``), and whatever is decoded at full scale may hold at most MAX_DECODED_PIXELS
(64 MB at Pillow's 4 bytes a pixel). The image is shrunk to at most MAX_IMAGE_SIDE before anything else
(colour conversion, orientation), so at most one full-size working copy exists at a time.
"""

import io
import math
import secrets

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, UnidentifiedImageError

__all__ = [
    "ALLOWED_FORMATS",
    "MAX_DECODED_PIXELS",
    "MAX_IMAGE_BYTES",
    "MAX_IMAGE_PIXELS",
    "MAX_IMAGE_SIDE",
    "validate_and_reencode_image",
]

MAX_IMAGE_BYTES = 5 * 1024 * 1024
# What the header may declare: a JPEG photo of 40 MP is decoded at 1/2 scale or less (10 MP).
MAX_IMAGE_PIXELS = 40_000_000
# What may be decoded at full scale (PNG, WebP, GIF; a JPEG after draft): twice the output side, 64 MB.
MAX_DECODED_PIXELS = 16_000_000
MAX_IMAGE_SIDE = 2000
BAND_BYTES = 4 * 1024 * 1024  # working memory of one band while shrinking
ALLOWED_FORMATS = frozenset({"JPEG", "PNG", "WEBP", "GIF"})
JPEG_QUALITY = 85

# Pillow reports JPEGs with several pictures (many phone cameras) as "MPO"; they are JPEGs to the user.
_FORMAT_ALIASES = {"MPO": "JPEG"}
_ALPHA_MODES = frozenset({"RGBA", "LA", "PA", "RGBa", "La"})
_SIXTEEN_BIT_MODES = frozenset({"I", "I;16", "I;16B", "I;16L", "I;16N"})
_OTHER_FORMAT_SIGNATURES = (
    b"II*\x00",  # TIFF
    b"MM\x00*",  # TIFF
    b"8BPS",  # Photoshop
    b"\x00\x00\x01\x00",  # ICO
    b"\xff\x0a",  # JPEG XL codestream
    b"\x00\x00\x00\x0cJXL \r\n\x87\n",  # JPEG XL container
    b"%!PS",  # PostScript/EPS
    b"\xc5\xd0\xd3\xc6",  # DOS EPS
)

MESSAGES = {
    "image_too_large": _("The image is larger than 5 MB."),
    "image_invalid": _("This file is not an image we can read. Please upload a JPEG, PNG, WebP or GIF."),
    "image_format_not_allowed": _("This image format is not accepted. Please upload a JPEG, PNG, WebP or GIF."),
    "image_too_many_pixels": _(
        "The image has too many pixels: at most 16 megapixels (for example 4000 × 4000), "
        "or 40 megapixels for a JPEG photo."
    ),
    "image_damaged": _("The image file is damaged or incomplete. Please upload it again."),
}


def _error(code: str) -> ValidationError:
    return ValidationError(MESSAGES[code], code=code)


def _looks_like_other_format(head: bytes) -> bool:
    """Recognise common image formats we do not accept (SVG, HEIC/AVIF, TIFF, BMP, ...), to say so clearly.

    Pillow is only ever asked to parse the allowed formats; this is a cheap signature check for the message.
    """
    if head.startswith(_OTHER_FORMAT_SIGNATURES):
        return True
    if head.startswith(b"BM") and len(head) >= 26 and head[6:10] == b"\x00\x00\x00\x00":
        return True  # BMP (reserved bytes are zero)
    if head[4:8] == b"ftyp" and head[8:12] in {b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1", b"avif"}:
        return True
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith(b"<") and b"<svg" in text


def _read_limited(upload) -> bytes:
    """Read at most MAX_IMAGE_BYTES (+1 to detect more) without trusting ``upload.size`` alone."""
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read(MAX_IMAGE_BYTES + 1)
    if len(data) > MAX_IMAGE_BYTES:
        raise _error("image_too_large")
    return data


def _open_header(data: bytes) -> Image.Image:
    """Parse the header only (no pixel decoding) and check format and pixel count."""
    try:
        img = Image.open(io.BytesIO(data), formats=sorted(ALLOWED_FORMATS))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        # Pillow's own (global) limit; ours is lower and checked below. The warning arrives as an exception only
        # when warnings are turned into errors; we never change the process-wide warning filters (not thread-safe).
        raise _error("image_too_many_pixels") from exc
    except UnidentifiedImageError as exc:
        raise _error("image_format_not_allowed" if _looks_like_other_format(data[:1024]) else "image_invalid") from exc
    except Exception as exc:  # any parser failure on untrusted bytes means "unreadable"
        raise _error("image_invalid") from exc
    if _FORMAT_ALIASES.get(img.format, img.format) not in ALLOWED_FORMATS:
        raise _error("image_format_not_allowed")
    width, height = img.size
    if width < 1 or height < 1:
        raise _error("image_invalid")
    if width * height > MAX_IMAGE_PIXELS:
        raise _error("image_too_many_pixels")
    return img


def _target_size(width: int, height: int) -> tuple[int, int]:
    """The output size: the longest side at most MAX_IMAGE_SIDE, never enlarged, aspect ratio rounded the way
    Pillow's ``thumbnail`` rounds it."""
    if max(width, height) <= MAX_IMAGE_SIDE:
        return width, height
    aspect = width / height
    if aspect >= 1:
        candidates = (math.floor(MAX_IMAGE_SIDE / aspect), math.ceil(MAX_IMAGE_SIDE / aspect))
        best = min(candidates, key=lambda n: abs(aspect - MAX_IMAGE_SIDE / n) if n else math.inf)
        return MAX_IMAGE_SIDE, max(best, 1)
    candidates = (math.floor(MAX_IMAGE_SIDE * aspect), math.ceil(MAX_IMAGE_SIDE * aspect))
    return max(min(candidates, key=lambda n: abs(aspect - n / MAX_IMAGE_SIDE)), 1), MAX_IMAGE_SIDE


def _plan_decoding(img: Image.Image) -> tuple[int, int]:
    """Choose the decoding scale and refuse what would not fit the memory budget, before decoding.
    Returns the output size."""
    size = _target_size(*img.size)
    if img.format in {"JPEG", "MPO"}:
        # libjpeg decodes at 1/2, 1/4 or 1/8 scale while the result still covers the output size.
        img.draft(None, size)
    width, height = img.size
    if width * height > MAX_DECODED_PIXELS:
        raise _error("image_too_many_pixels")
    return size


def _decode_first_frame(img: Image.Image) -> Image.Image:
    try:
        img.seek(0)  # animated GIF/WebP/PNG: first frame only
        img.load()
        return img
    except Image.DecompressionBombError as exc:
        raise _error("image_too_many_pixels") from exc
    except Exception as exc:  # truncated or corrupt data
        raise _error("image_damaged") from exc


_ORIENTATION = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


def _orientation(img: Image.Image):
    try:
        return _ORIENTATION.get(img.getexif().get(0x0112))
    except Exception:  # unreadable EXIF: show the image as stored
        return None


def _resizable(img: Image.Image) -> Image.Image:
    """A mode Pillow resizes smoothly (palette and 1-bit resize only by nearest neighbour); 16-bit stays deep."""
    if img.mode in _SIXTEEN_BIT_MODES and img.mode != "I":
        return img.convert("I")
    if img.mode == "1":
        return img.convert("L")
    if img.mode in {"P", "PA"} or (img.mode in {"L", "RGB"} and "transparency" in img.info):
        return img.convert("RGBA" if _has_alpha(img) else "RGB")
    return img


def _shrink_in_bands(source: Image.Image, size: tuple[int, int]) -> Image.Image:
    """Resize a band of rows at a time, so only one band is ever converted (RGBA is premultiplied for resizing,
    a palette becomes RGB): the result equals a whole-image LANCZOS resize, as each band's crop carries the
    filter's window above and below it."""
    width, height = source.size
    out_width, out_height = size
    scale = height / out_height  # source rows per output row
    margin = math.ceil(3 * scale) + 1  # LANCZOS reaches 3 output rows each side
    rows = max(1, int(BAND_BYTES / (4 * width * scale)))  # output rows per band
    result = None
    for top in range(0, out_height, rows):
        bottom = min(out_height, top + rows)
        first, last = top * scale, bottom * scale
        crop_top, crop_bottom = max(0, math.floor(first) - margin), min(height, math.ceil(last) + margin)
        band = _resizable(source.crop((0, crop_top, width, crop_bottom)))
        box = (0, first - crop_top, width, last - crop_top)
        part = band.resize((out_width, bottom - top), Image.Resampling.LANCZOS, box=box)
        if result is None:
            result = Image.new(part.mode, size)
        result.paste(part, (0, top))
    return result


def _shrink(source: Image.Image, size: tuple[int, int]) -> Image.Image:
    """Decoded image → ``size`` (at most MAX_IMAGE_SIDE), upright; the decoded pixels are released early."""
    orientation = _orientation(source)
    img = _resizable(source) if size == source.size else _shrink_in_bands(source, size)
    if img is not source:
        source.close()  # frees the decoded pixels now, not when the caller's ``with`` ends
    return img.transpose(orientation) if orientation is not None else img


def _has_alpha(img: Image.Image) -> bool:
    return img.mode in _ALPHA_MODES or (img.mode in {"P", "L", "RGB"} and "transparency" in img.info)


def _to_srgb(img: Image.Image) -> Image.Image:
    """Convert colours from an embedded ICC profile to sRGB (the profile itself is not kept)."""
    icc = img.info.get("icc_profile")
    if not icc or img.mode not in {"RGB", "RGBA", "CMYK", "L"}:
        return img
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        srgb = ImageCms.createProfile("sRGB")
        if img.mode == "RGBA":
            alpha = img.getchannel("A")
            rgb = ImageCms.profileToProfile(img.convert("RGB"), source, srgb, outputMode="RGB")
            rgb.putalpha(alpha)
            return rgb
        return ImageCms.profileToProfile(img, source, srgb, outputMode="RGB")
    except Exception:  # broken or unsupported profile: keep the pixels as they are
        return img


def _normalise_mode(img: Image.Image) -> Image.Image:
    """RGBA if the image has any transparency, otherwise RGB; colours converted to sRGB."""
    if img.mode in _SIXTEEN_BIT_MODES:  # 16-bit greyscale PNG: scale down instead of clipping to white
        img = img.convert("I").point(lambda value: value / 257).convert("L")
    target = "RGBA" if _has_alpha(img) else "RGB"
    # CMYK and opaque greyscale go through the ICC transform directly; everything else is converted first.
    if img.mode != target and not (img.mode == "CMYK" or (img.mode == "L" and target == "RGB")):
        img = img.convert(target)
    img = _to_srgb(img)
    return img if img.mode == target else img.convert(target)


def validate_and_reencode_image(upload) -> SimpleUploadedFile:
    """Validate an uploaded image and return a clean re-encoded copy with a random name.

    Raises ``ValidationError`` (codes: image_too_large, image_invalid, image_format_not_allowed,
    image_too_many_pixels, image_damaged). Output: PNG when the image has transparency, otherwise JPEG (quality
    85); first frame only; EXIF orientation applied; longest side at most 2000 px; no metadata at all.
    """
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_IMAGE_BYTES:
        raise _error("image_too_large")  # before reading a single byte
    data = _read_limited(upload)
    if not data:
        raise _error("image_invalid")

    with _open_header(data) as source:
        size = _plan_decoding(source)
        img = _normalise_mode(_shrink(_decode_first_frame(source), size))

    # A brand-new image carries no info/EXIF/XMP/ICC/comment from the source, whatever the encoder falls back to.
    clean = Image.new(img.mode, img.size)
    clean.paste(img)
    out = io.BytesIO()
    if clean.mode == "RGBA":
        clean.save(out, format="PNG")
        extension, content_type = "png", "image/png"
    else:
        clean.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True)
        extension, content_type = "jpg", "image/jpeg"
    return SimpleUploadedFile(f"{secrets.token_hex(16)}.{extension}", out.getvalue(), content_type=content_type)
