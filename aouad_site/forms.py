from __future__ import annotations

from typing import Any

from django import forms

from aouad_site.images import CleanImage, clean_upload


class PictureField(forms.FileField):
    """A file field whose value is a safely decoded picture (see aouad_site/images.py)."""

    widget = forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})

    def to_python(self, data: Any) -> CleanImage | None:
        upload = super().to_python(data)
        if upload is None:
            return None
        return clean_upload(upload)
