"""The preview's payload: what travels from the preview page to the confirmation.

Between the two requests no server keeps anything: the form carries the uploaded file
itself, the import request and the preview's digest, signed (so that it cannot be
altered), dated (so that it expires) and bound to the admin who previewed it. Any app
server can confirm it.
"""

from __future__ import annotations

import base64
import zlib
from dataclasses import dataclass

from django.core import signing
from django.utils.translation import gettext as _

SALT = "imports.payload"
MAX_AGE = 6 * 3600  # seconds a preview can be confirmed


class PayloadError(Exception):
    """The payload cannot be confirmed; the message says why, for the admin."""


@dataclass(frozen=True)
class Payload:
    data: bytes  # the file as uploaded (or the pasted text, in UTF-8)
    filename: str
    request: dict  # ImportRequest.as_data()
    digest: str  # Preview.digest


def dump(payload: Payload, *, user) -> str:
    return signing.dumps(
        {
            "data": base64.b64encode(zlib.compress(payload.data)).decode("ascii"),
            "filename": payload.filename,
            "request": payload.request,
            "digest": payload.digest,
            "user": user.pk,
        },
        salt=SALT,
    )


def load(token: str, *, user) -> Payload:
    """The payload signed by `dump` for this user; raises PayloadError."""
    try:
        content = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.SignatureExpired:
        raise PayloadError(
            _("This preview has expired (after %(hours)d hours): upload the file again.")
            % {"hours": MAX_AGE // 3600}
        ) from None
    except signing.BadSignature:
        raise PayloadError(
            _("This preview has expired or was altered: upload the file again.")
        ) from None
    if content.get("user") != user.pk:
        raise PayloadError(
            _("This preview was made by another user: upload the file again to confirm it.")
        )
    return Payload(
        data=zlib.decompress(base64.b64decode(content["data"])),
        filename=content["filename"],
        request=content["request"],
        digest=content["digest"],
    )
