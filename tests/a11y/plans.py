"""The plan the screen-reader tests open: fixed people, so what Orca says is known.

Sam Okafor (family, "Sister") is always reachable; Priya Shah is reachable 08:00–19:00
London time every day, so a run started at 18:59:5x sees her leave at the minute.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from crisisplan.core.model import (
    Contact,
    ContactMethod,
    Group,
    MethodKind,
    Plan,
    PlanDocument,
    Section,
    Weekday,
    Window,
)
from crisisplan.storage import Vault
from tests.helpers import PASSPHRASE

FIRST = "Sam Okafor"
FIRST_NUMBER = "+44 7700 900123"
EVENING = "Priya Shah"


def document() -> PlanDocument:
    plan = Plan(
        sections={
            Section.REASONS_FOR_LIVING: ("My niece Ada", "The sea in the morning"),
            Section.COPING_STRATEGIES: ("Cold water on my face", "Walk round the block"),
            Section.WARNING_SIGNS: ("Not sleeping",),
        }
    )
    sam = Contact(
        name=FIRST,
        role="Sister",
        group=Group.FAMILY,
        methods=(ContactMethod(MethodKind.PHONE, FIRST_NUMBER),),
        always_available=True,
        message="Can you call me? I'm having a hard time.",
    )
    priya = Contact(
        name=EVENING,
        role="Friend from work",
        group=Group.FRIEND,
        methods=(ContactMethod(MethodKind.PHONE, "+44 7700 900456"),),
        time_zone="Europe/London",
        windows=(Window(tuple(Weekday), dt.time(8, 0), dt.time(19, 0)),),
    )
    return PlanDocument(region="GB", plan=plan, contacts=(sam, priya))


def make_vault(path: Path, doc: PlanDocument | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with Vault.create(path, PASSPHRASE, "GB") as vault:
        vault.replace(doc or document())
    return path
