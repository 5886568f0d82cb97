"""The links behind the crisis view's one-click actions: call, text, email, open.

Pure functions, so the URLs can be tested without Qt and reused by any front end.
Only http/https links are ever opened (validation refuses the rest; this re-checks).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from crisisplan.core.dialling import Dial, NotDiallable, describe_text, dial
from crisisplan.core.model import ContactMethod, MethodKind


def dial_string(number: str, region: str = "") -> str:
    """A phone number as a `tel:`/`sms:` target, from `crisisplan.core.dialling.dial`.

    "+44 7700 900123" → "+447700900123"; "116 123" → "116123"; "9-8-8" → "988". A value
    from which nothing can be dialled gives "" (validation refuses such values).
    """
    try:
        return dial(number, region).number
    except NotDiallable:
        return ""


def method_dial(method: ContactMethod, region: str = "", message: str = "") -> Dial | None:
    """What a call or text method dials, or None for other kinds and undiallable values."""
    if method.kind not in (MethodKind.PHONE, MethodKind.SMS):
        return None
    try:
        return dial(method.value, region, message)
    except NotDiallable:
        return None


def action_url(method: ContactMethod, message: str = "", region: str = "") -> str | None:
    """The URL for a method's action, or None when there is nothing to open ("other").

    Texts and emails carry the person's ready "I'm struggling" message as their body.
    Numbers go through `dial()`: E.164 with `;ext=`, letters converted, "(0)" dropped.
    """
    if method.kind in (MethodKind.PHONE, MethodKind.SMS):
        dialled = method_dial(method, region, message)
        if dialled is None:
            return None
        return dialled.tel_uri if method.kind is MethodKind.PHONE else dialled.sms_uri
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


_VERBS = {MethodKind.PHONE: "Call", MethodKind.EMAIL: "Email", MethodKind.WEB: "Open link"}


@dataclass(frozen=True, slots=True)
class Action:
    """One button of the crisis view: what it says, what it opens, and what to do after.

    Attributes:
        url: exactly what the button opens (`tel:`, `sms:`, `mailto:`, `https:`).
        label: the button's text: "Call 116 123", "Text SHOUT to 85258", "Email".
        display: how the number or address reads ("+44 20 7946 0018"); the value for
            email and links.
        then: what the link cannot be trusted to carry, shown beside the button
            ("then extension 123"), or "".
    """

    kind: MethodKind
    url: str
    label: str
    display: str
    then: str = ""


def method_action(method: ContactMethod, message: str = "", region: str = "") -> Action | None:
    """The crisis view's button for one way to reach someone, or None if nothing opens."""
    url = action_url(method, message, region)
    if url is None:
        return None
    dialled = method_dial(method, region, message)
    if dialled is None:
        return Action(method.kind, url, _VERBS[method.kind], method.value.strip())
    if method.kind is MethodKind.SMS:
        label = describe_text(dialled.display, message)
        return Action(method.kind, url, label[0].upper() + label[1:], dialled.display)
    return Action(method.kind, url, f"Call {dialled.display}", dialled.display, dialled.then)
