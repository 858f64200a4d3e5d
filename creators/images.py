"""Validation and re-encoding of images uploaded by registrants (profile photos, logos).

Every accepted upload is decoded and saved again by Pillow: the stored file never contains the uploader's
bytes, metadata (EXIF, GPS, XMP, ICC, comments) or filename. SVG is never accepted.
"""

import io
import secrets

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

__all__ = [
    "ALLOWED_FORMATS",
    "MAX_IMAGE_BYTES",
    "MAX_IMAGE_PIXELS",
    "MAX_IMAGE_SIDE",
    "validate_and_reencode_image",
]

MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
MAX_IMAGE_SIDE = 2000
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
    "image_too_many_pixels": _("The image is too large: at most 40 megapixels."),
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


def _decode_first_frame(img: Image.Image) -> Image.Image:
    if img.format in {"JPEG", "MPO"}:
        # Let libjpeg decode at 1/2, 1/4 or 1/8 scale when the result stays at least MAX_IMAGE_SIDE per side.
        img.draft(None, (MAX_IMAGE_SIDE, MAX_IMAGE_SIDE))
    try:
        img.seek(0)  # animated GIF/WebP/PNG: first frame only
        img.load()
        return ImageOps.exif_transpose(img)
    except Image.DecompressionBombError as exc:
        raise _error("image_too_many_pixels") from exc
    except Exception as exc:  # truncated or corrupt data
        raise _error("image_damaged") from exc


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
        img = _normalise_mode(_decode_first_frame(source))
    img.thumbnail((MAX_IMAGE_SIDE, MAX_IMAGE_SIDE), Image.Resampling.LANCZOS)

    # A brand-new image carries no info/EXIF/XMP/ICC/comment from the source, whatever the encoder falls back to.
    clean = Image.frombytes(img.mode, img.size, img.tobytes())
    out = io.BytesIO()
    if clean.mode == "RGBA":
        clean.save(out, format="PNG")
        extension, content_type = "png", "image/png"
    else:
        clean.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True)
        extension, content_type = "jpg", "image/jpeg"
    return SimpleUploadedFile(f"{secrets.token_hex(16)}.{extension}", out.getvalue(), content_type=content_type)
