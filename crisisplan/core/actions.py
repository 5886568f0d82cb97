"""The links behind the crisis view's one-click actions: call, text, email, open.

Pure functions, so the URLs can be tested without Qt and reused by any front end.
Only http/https links are ever opened (validation refuses the rest; this re-checks).
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

from crisisplan.core.model import ContactMethod, MethodKind

_DIALLABLE = re.compile(r"[^0-9+*#]")


def dial_string(number: str) -> str:
    """A phone number as a `tel:`/`sms:` target: digits and a leading +, no spaces.

    "+44 7700 900123" → "+447700900123"; "116 123" → "116123"; "9-8-8" → "988".
    """
    text = number.strip()
    if text.startswith("00"):
        text = "+" + text[2:]
    digits = _DIALLABLE.sub("", text)
    return "+" + digits.replace("+", "") if digits.startswith("+") else digits.replace("+", "")


def action_url(method: ContactMethod, message: str = "") -> str | None:
    """The URL for a method's action, or None when there is nothing to open ("other").

    Texts and emails carry the person's ready "I'm struggling" message as their body.
    """
    if method.kind is MethodKind.PHONE:
        return f"tel:{dial_string(method.value)}"
    if method.kind is MethodKind.SMS:
        target = f"sms:{dial_string(method.value)}"
        return f"{target}?body={quote(message, safe='')}" if message else target
    if method.kind is MethodKind.EMAIL:
        address = quote(method.value.strip(), safe="@.+-_")
        if not message:
            return f"mailto:{address}"
        subject = quote("I'm struggling", safe="")
        return f"mailto:{address}?subject={subject}&body={quote(message, safe='')}"
    if method.kind is MethodKind.WEB:
        link = method.value.strip()
        return link if urlsplit(link).scheme.lower() in {"http", "https"} else None
    return None


def copyable_number(method: ContactMethod) -> str | None:
    """The number a "copy number" button copies, for phone and text methods."""
    if method.kind in (MethodKind.PHONE, MethodKind.SMS):
        return method.value.strip()
    return None
