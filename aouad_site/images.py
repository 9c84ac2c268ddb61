"""The one safe path for uploaded pictures (portraits now, avatars later).

An upload is accepted only if Pillow recognises it as JPEG, PNG or WebP by decoding its
header (file names and declared content types are ignored). The file size is checked
before opening and the pixel count before decoding, so a small file that would expand
into a huge bitmap is refused without allocating it. Whatever is accepted is decoded and
re-encoded as WebP: EXIF (GPS included), colour-profile tricks and anything appended
after the image data do not survive. Files are stored under random names, with square
WebP thumbnails in the widths the pages use.

A picture that is replaced, cleared or whose owner is deleted loses its files, thumbnails
included, once the change commits (`track_pictures`); a rolled-back change keeps them.
"""

from __future__ import annotations

import io
import logging
import secrets
import warnings
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

logger = logging.getLogger(__name__)

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
            _("This file is %(size)s; pictures may be at most %(limit)s.")
            % {"size": filesizeformat(upload.size or 0), "limit": filesizeformat(max_bytes)},
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
                    _(
                        "This picture is %(width)d × %(height)d pixels; pictures may have at "
                        "most %(millions)d million pixels."
                    )
                    % {"width": width, "height": height, "millions": max_pixels // 1_000_000},
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
                _("This picture has too many pixels to process."), "too_many_pixels"
            ) from None
        raise _refuse(
            _("This file is not a JPEG, PNG or WebP picture. Upload one of those."),
            "not_an_image",
        ) from None
    except (OSError, SyntaxError, ValueError, EOFError):
        raise _refuse(
            _("This picture is damaged or incomplete and could not be read."), "damaged"
        ) from None
    if _has_trailing_payload(data, image_format):
        raise _refuse(
            _(
                "This picture has extra data hidden after the image itself. "
                "Export it again from an image editor and upload that copy."
            ),
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


def renditions(name: str, thumbnail_widths: tuple[int, ...]) -> list[str]:
    """Every file `store` wrote for the picture `name`."""
    return [name, *(thumbnail_name(name, width) for width in thumbnail_widths)]


@dataclass(frozen=True)
class PictureField:
    """A model's picture field and the thumbnail widths stored beside each of its files."""

    model: type[models.Model]
    field: str
    thumbnail_widths: tuple[int, ...]

    @property
    def storage(self) -> Storage:
        return self.model._meta.get_field(self.field).storage

    def in_use(self, name: str) -> bool:
        return self.model._default_manager.filter(**{self.field: name}).exists()


_tracked: list[PictureField] = []


def discard_on_commit(
    name: str, thumbnail_widths: tuple[int, ...], *, storage: Storage = default_storage
) -> None:
    """Delete a picture's files once the current transaction commits (at once outside one),
    unless some tracked row still names the file by then. Nothing happens on a rollback."""
    if name:
        transaction.on_commit(lambda: _discard(name, thumbnail_widths, storage), robust=True)


def _discard(name: str, thumbnail_widths: tuple[int, ...], storage: Storage) -> None:
    if any(picture.in_use(name) for picture in _tracked):
        return
    for file_name in renditions(name, thumbnail_widths):
        try:
            storage.delete(file_name)
        except OSError:
            logger.warning("Could not delete the replaced picture file %s", file_name)


def _file_name(value: object) -> str:
    if isinstance(value, FieldFile):
        return value.name or ""
    return str(value or "")


def track_pictures(
    model: type[models.Model], field: str, *, thumbnail_widths: tuple[int, ...]
) -> None:
    """Discard `model.field`'s old files when a save replaces or clears it and when a row is
    deleted. Called from an app's `ready()`; the stored name before a save is read from the
    database, so an instance loaded long ago cannot leave a file behind."""
    picture = PictureField(model, field, thumbnail_widths)
    _tracked.append(picture)
    remembered = f"_replaced_{field}"
    uid = f"pictures:{model._meta.label}.{field}"

    def remember(
        sender: type[models.Model], instance: models.Model, raw: bool = False, **kwargs: Any
    ) -> None:
        update_fields = kwargs.get("update_fields")
        if raw or instance._state.adding or instance.pk is None:
            return
        if update_fields is not None and field not in update_fields:
            return
        before = sender._default_manager.filter(pk=instance.pk).values_list(field, flat=True)
        old = before.first() or ""
        if old and old != _file_name(getattr(instance, field)):
            setattr(instance, remembered, old)

    def discard_replaced(instance: models.Model, **kwargs: Any) -> None:
        old = instance.__dict__.pop(remembered, "")
        discard_on_commit(old, thumbnail_widths, storage=picture.storage)

    def remember_deleted(instance: models.Model, **kwargs: Any) -> None:
        setattr(instance, remembered, _file_name(getattr(instance, field)))

    pre_save.connect(remember, sender=model, weak=False, dispatch_uid=uid)
    post_save.connect(discard_replaced, sender=model, weak=False, dispatch_uid=uid)
    pre_delete.connect(remember_deleted, sender=model, weak=False, dispatch_uid=uid)
    post_delete.connect(discard_replaced, sender=model, weak=False, dispatch_uid=uid)
