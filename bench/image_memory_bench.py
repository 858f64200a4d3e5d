"""Peak memory and time of validating and re-encoding one uploaded image (``creators.images``), printed.

Each case runs in a fresh child process and reports the growth of its peak resident set size
(``resource.getrusage(...).ru_maxrss``) across ``validate_and_reencode_image``: Pillow allocates pixels with
C ``malloc``, which ``tracemalloc`` does not see. The inputs are built once under ``var/bench/images/``.

    .venv/bin/python bench/image_memory_bench.py                  # this checkout
    .venv/bin/python bench/image_memory_bench.py --code /work/main  # another checkout, for a before/after
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
INPUTS = HERE.parent / "var" / "bench" / "images"


def _png(mode: str, size: tuple[int, int], colour) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new(mode, size, colour).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def _jpeg(size: tuple[int, int]) -> bytes:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", size, (40, 120, 90))
    ImageDraw.Draw(img).ellipse((size[0] // 4, size[1] // 4, size[0] // 2, size[1] // 2), fill=(200, 30, 30))
    buffer = io.BytesIO()
    img.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


CASES = {
    # The probe's file: about 150 KB on disk, 39.7 megapixels decoded (under the old 40 MP limit).
    "png-bomb-39.7mp-rgb": lambda: _png("RGB", (7300, 5440), (11, 93, 75)),
    "png-bomb-39.7mp-rgba": lambda: _png("RGBA", (7300, 5440), (11, 93, 75, 128)),
    "png-16mp-palette": lambda: _png("P", (4000, 4000), 3),
    "png-16mp-rgba": lambda: _png("RGBA", (4000, 4000), (11, 93, 75, 128)),
    "jpeg-40mp-photo": lambda: _jpeg((7300, 5470)),
    "jpeg-12mp-photo": lambda: _jpeg((4032, 3024)),
}


def _input(name: str) -> Path:
    path = INPUTS / f"{name}.bin"
    if not path.exists():
        INPUTS.mkdir(parents=True, exist_ok=True)
        path.write_bytes(CASES[name]())
    return path


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def child(name: str, code: str) -> None:
    sys.path.insert(0, code)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from creators.images import validate_and_reencode_image

    data = _input(name).read_bytes()
    upload = SimpleUploadedFile("upload.png", data, content_type="image/png")
    before = _peak_mib()
    started = time.perf_counter()
    try:
        result = validate_and_reencode_image(upload)
        outcome = f"stored {result.size // 1024} KB"
    except ValidationError as error:
        outcome = f"refused ({error.code})"
    elapsed = time.perf_counter() - started
    print(f"{name:24} {len(data) / 1024:8.0f} KB  +{_peak_mib() - before:7.1f} MiB peak  {elapsed:6.2f} s  {outcome}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--code", default=str(HERE.parent), help="checkout whose creators.images is measured")
    parser.add_argument("--case")
    args = parser.parse_args()
    if args.case:
        child(args.case, args.code)
        return
    print(f"image upload memory ({args.code}): input size, growth of peak RSS, time, outcome")
    for name in CASES:
        _input(name)
        subprocess.run([sys.executable, __file__, "--case", name, "--code", args.code], check=True, cwd=args.code)


if __name__ == "__main__":
    main()
