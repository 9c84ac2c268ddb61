"""The one safe path for uploaded pictures (portraits now, avatars later).

An upload is accepted only if Pillow recognises it as JPEG, PNG or WebP by decoding its
header (file names and declared content types are ignored). The file size is checked
before opening and the pixel count before decoding, so a small file that would expand
into a huge bitmap is refused without allocating it. Whatever is accepted is decoded and
re-encoded as WebP: EXIF (GPS included), colour-profile tricks and anything appended
after the image data do not survive. Files are stored under random names, with square
WebP thumbnails in the widths the pages use.
"""

from __future__ import annotations

import io
import secrets
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from PIL import Image, ImageOps, UnidentifiedImageError

ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP")
STORED_MAX_SIDE = 1200


@dataclass(frozen=True)
class CleanImage:
    """A decoded, re-encoded picture ready to store."""

    image: Image.Image

    @property
    def width(self) -> int:
        return self.image.width

    @property
    def height(self) -> int:
        return self.image.height


def _refuse(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def clean_upload(upload: UploadedFile) -> CleanImage:
    """Decode an upload safely or raise ValidationError with a message for the form."""
    max_bytes = settings.IMAGE_MAX_UPLOAD_BYTES
    max_pixels = settings.IMAGE_MAX_PIXELS
    if upload.size is None or upload.size > max_bytes:
        raise _refuse(
            f"This file is {filesizeformat(upload.size or 0)}; pictures may be at most "
            f"{filesizeformat(max_bytes)}.",
            "too_large",
        )
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    try:
        # Only these decoders are tried, so SVG, HTML, GIF, PSD… are never parsed.
        # Pillow's own bomb warning is silenced: the stricter limit below refuses first.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            opened = Image.open(upload, formats=ACCEPTED_FORMATS)
        with opened:
            width, height = opened.size  # read from the header; nothing decoded yet
            if width * height > max_pixels:
                raise _refuse(
                    f"This picture is {width} × {height} pixels; pictures may have at most "
                    f"{max_pixels // 1_000_000} million pixels.",
                    "too_many_pixels",
                )
            image_format = opened.format
            upright = ImageOps.exif_transpose(opened)
            upright.load()
    except ValidationError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError) as error:
        if isinstance(error, Image.DecompressionBombError):
            raise _refuse(
                "This picture has too many pixels to process.", "too_many_pixels"
            ) from None
        raise _refuse(
            "This file is not a JPEG, PNG or WebP picture. Upload one of those.", "not_an_image"
        ) from None
    except (OSError, SyntaxError, ValueError, EOFError):
        raise _refuse(
            "This picture is damaged or incomplete and could not be read.", "damaged"
        ) from None
    if _has_trailing_payload(data, image_format):
        raise _refuse(
            "This picture has extra data hidden after the image itself. "
            "Export it again from an image editor and upload that copy.",
            "trailing_data",
        )
    mode = (
        "RGBA" if upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info else "RGB"
    )
    converted = upright.convert(mode)
    converted.thumbnail((STORED_MAX_SIDE, STORED_MAX_SIDE), Image.Resampling.LANCZOS)
    return CleanImage(image=converted)


def _has_trailing_payload(data: bytes, image_format: str | None) -> bool:
    """True if bytes follow the format's end marker (how PNG+HTML polyglots are made)."""
    if image_format == "PNG":
        end = data.rfind(b"IEND")
        return end == -1 or len(data) > end + 8  # chunk type + CRC
    if image_format == "JPEG":
        return not data.rstrip(b"\x00").endswith(b"\xff\xd9")
    if image_format == "WEBP":
        riff_end = int.from_bytes(data[4:8], "little") + 8
        return len(data) > riff_end + 1  # one padding byte is allowed
    return True


def _webp_bytes(image: Image.Image, quality: int = 82) -> bytes:
    buffer = io.BytesIO()
    # No exif=, no icc_profile=: the stored file carries pixels only.
    image.save(buffer, format="WEBP", quality=quality, method=4)
    return buffer.getvalue()


def thumbnail_name(name: str, width: int) -> str:
    stem, _, _ = name.rpartition(".")
    return f"{stem}-{width}.webp"


def store(
    clean: CleanImage, *, storage: Storage, folder: str, thumbnail_widths: tuple[int, ...]
) -> str:
    """Write the picture and its square thumbnails under a random name; return its name."""
    name = storage.save(
        f"{folder}/{secrets.token_hex(16)}.webp", ContentFile(_webp_bytes(clean.image))
    )
    for width in thumbnail_widths:
        square = ImageOps.fit(clean.image, (width, width), Image.Resampling.LANCZOS)
        storage.save(thumbnail_name(name, width), ContentFile(_webp_bytes(square)))
    return name
