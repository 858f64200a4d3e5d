"""Sample logos and photos drawn with Pillow: the initials in white on a colour, no downloads."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw, ImageFont

SIZE = 240


def initials_of(name_en: str) -> str:
    """ "Doi Luang Conservation Foundation (Sample)" -> "DL": the first letters of the first two words."""
    words = [word for word in name_en.replace("(Sample)", "").split() if word[:1].isalpha()]
    return "".join(word[0] for word in words[:2]).upper() or "S"


def initials_image(*, initials: str, colour: str, name: str) -> SimpleUploadedFile:
    """A square PNG, as a registrant would upload it (the upload is validated and re-encoded afterwards)."""
    image = Image.new("RGB", (SIZE, SIZE), colour)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=SIZE // 3)
    draw.text((SIZE / 2, SIZE / 2), initials, fill="white", font=font, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")
