"""Request bodies are capped before they are read.

Django keeps form fields to DATA_UPLOAD_MAX_MEMORY_SIZE, but streams any file part of a
multipart body to a temporary file, however large. Here a body above the site's limit is
answered 413 from its Content-Length alone; a file in a multipart body is refused (400) at its
first byte unless the view takes pictures (`takes_pictures`) or a signed-in staff member is
using the admin; and no more than IMAGE_MAX_UPLOAD_BYTES of a picture reaches the disk
(`PictureUploadHandler`), whatever the Content-Length said. Multipart bodies without files
still work, as forms send them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler, TemporaryFileUploadHandler
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

# Room for the form's other fields and the multipart framing around one picture.
_FORM_ROOM = 64 * 1024


def takes_pictures(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Mark a view whose form carries a picture: it may receive a multipart body."""
    view.takes_pictures = True  # type: ignore[attr-defined]
    return view


def _refusal(status: int, text: str) -> HttpResponse:
    return HttpResponse(text, status=status, content_type="text/plain; charset=utf-8")


class BodyLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return _refusal(400, _("The request's length is not a number."))
        if length > settings.IMAGE_MAX_UPLOAD_BYTES + _FORM_ROOM:
            return _refusal(413, _("That is too much to send at once."))
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        if not request.content_type.startswith("multipart/"):
            return None
        takes = getattr(view, "takes_pictures", False) or (
            request.path.startswith("/admin/") and request.user.is_staff
        )
        handler = PictureUploadHandler if takes else NoFileUploadHandler
        request.upload_handlers = [handler(request)]
        return None


class PictureUploadHandler(TemporaryFileUploadHandler):
    """Django's handler for large files, writing nothing past the picture limit. The file keeps
    its whole size, so the form refuses it with the limit in its message."""

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        if start >= settings.IMAGE_MAX_UPLOAD_BYTES:
            return None
        return super().receive_data_chunk(raw_data, start)


class NoFileUploadHandler(FileUploadHandler):
    """For forms that take no file: a file part is refused before any of it is kept."""

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        raise RequestDataTooBig("This form takes no files.")  # Django answers 400

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        return None

    def file_complete(self, file_size: int) -> None:
        return None
