"""Real files, made on the spot, for the upload tests."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

GPS_IFD = 0x8825
MAKE = 0x010F


def picture(fmt: str = "PNG", size: tuple[int, int] = (64, 48), colour: str = "purple") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format=fmt)
    return buffer.getvalue()


def upload(
    data: bytes, name: str = "portrait.png", content_type: str = "image/png"
) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def noisy_jpeg(size: tuple[int, int] = (400, 300)) -> bytes:
    """A JPEG whose bytes are mostly scan data (noise does not compress)."""
    buffer = io.BytesIO()
    Image.effect_noise(size, 80).convert("RGB").save(buffer, format="JPEG", quality=95)
    return buffer.getvalue()


def pixel_bomb() -> bytes:
    """A 10 000 × 10 000 (100-megapixel) PNG that compresses to a few KiB."""
    buffer = io.BytesIO()
    Image.new("1", (10_000, 10_000), 0).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def png_html_polyglot() -> bytes:
    return picture("PNG") + b"<html><body><script>alert(document.cookie)</script></body></html>"


def svg() -> bytes:
    return (
        b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        b'<script>alert(1)</script><rect width="10" height="10"/></svg>'
    )


def jpeg_with_gps() -> bytes:
    exif = Image.Exif()
    exif[MAKE] = "SpyCam 3000"
    exif[GPS_IFD] = {1: "N", 2: (37.0, 33.0, 59.0), 3: "E", 4: (126.0, 58.0, 41.0)}
    buffer = io.BytesIO()
    Image.new("RGB", (80, 60), "teal").save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


def huge_file(size: int) -> bytes:
    """A file one byte past `size` that starts like a PNG."""
    head = picture("PNG")
    return head + b"\x00" * (size + 1 - len(head))
