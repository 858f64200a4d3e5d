"""Development copies of emails (Django's file backend, ``var/emails/`` in ``make run``) that a purge removes.

The file backend appends every message of a connection to one ``.log`` file, separated by a line of 79 dashes.
A file that names the erased account or report anywhere (the address in a header, a name in a body) goes whole:
it is a local copy for developers, not a record anyone needs.
"""

from __future__ import annotations

import contextlib
import email
import email.policy
import html
import logging
from pathlib import Path

from django.conf import settings

__all__ = ["erase_mail_copies", "mail_copy_text"]

logger = logging.getLogger(__name__)
FILE_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
SEPARATOR = "\n" + "-" * 79 + "\n"


def _copies_folder() -> Path | None:
    if settings.EMAIL_BACKEND != FILE_BACKEND or not getattr(settings, "EMAIL_FILE_PATH", None):
        return None
    folder = Path(settings.EMAIL_FILE_PATH)
    return folder if folder.is_dir() else None


def mail_copy_text(raw: str) -> str:
    """The raw file plus every message's decoded headers and parts (bodies may be base64 or quoted-printable)."""
    texts = [raw]
    for chunk in raw.split(SEPARATOR):
        if not chunk.strip():
            continue
        message = email.message_from_string(chunk, policy=email.policy.default)
        texts += [str(value) for value in message.values()]
        for part in message.walk():
            if part.is_multipart():
                continue
            with contextlib.suppress(LookupError, ValueError):
                texts.append(html.unescape(part.get_content()))
    return "\n".join(texts)


def erase_mail_copies(*, needles: list[str]) -> int:
    """Remove every copy file that mentions one of ``needles`` (case-insensitive); returns how many went."""
    folder = _copies_folder()
    wanted = [needle.lower() for needle in needles if needle]
    if folder is None or not wanted:
        return 0
    removed = 0
    for path in sorted(folder.glob("*.log")):
        text = mail_copy_text(path.read_text(encoding="utf-8", errors="replace")).lower()
        if any(needle in text for needle in wanted):
            path.unlink(missing_ok=True)
            removed += 1
    if removed:
        logger.info("purge: %s development email copies removed", removed)
    return removed
