"""What the app adds itself (the region's crisis lines in a new vault) is not the person's
own: it fills no step of the plan and does not hide the empty-plan prompt."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from crisisplan.core import interchange
from crisisplan.core.model import Contact, Group, PlanDocument, completeness
from crisisplan.core.regions import is_seeded, own_contacts, starter_contacts
from crisisplan.storage import Vault
from tests.helpers import PASSPHRASE


def test_a_new_vaults_lines_are_recognised_after_a_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "new.vault"
    with Vault.create(path, PASSPHRASE, "GB", starter_contacts("GB")):
        pass
    with Vault.open(path, PASSPHRASE) as vault:
        document = vault.load()
    assert [c.name for c in document.contacts] == [c.name for c in starter_contacts("GB")]
    assert own_contacts(document) == ()
    assert completeness(document) == (0, 6)
    # Through the interchange format too (export, then import elsewhere).
    again = interchange.loads(interchange.dumps(document))
    assert completeness(again) == (0, 6)


def test_every_regions_lines_are_seeded_and_only_in_their_region() -> None:
    for region in ("GB", "IE", "US", "CA", "AU", "NZ", "default"):
        document = PlanDocument(region=region, contacts=starter_contacts(region))
        assert own_contacts(document) == (), region
    samaritans = starter_contacts("GB")[0]
    assert not is_seeded(samaritans, "US")


def test_what_the_person_adds_or_changes_is_theirs() -> None:
    lines = starter_contacts("GB")
    gp = Contact(name="Dr Marsh", group=Group.PROFESSIONAL)
    document = PlanDocument(region="GB", contacts=(*lines, gp))
    assert own_contacts(document) == (gp,)
    assert completeness(document) == (1, 6)

    renamed = dataclasses.replace(lines[0], name="Samaritans (my branch)")
    assert completeness(PlanDocument(region="GB", contacts=(renamed,))) == (1, 6)
    noted = dataclasses.replace(lines[0], notes="Ask for Jo")
    assert completeness(PlanDocument(region="GB", contacts=(noted,))) == (1, 6)
    # A data update that changes a line's number does not make the old entry the person's.
    renumbered = dataclasses.replace(lines[0], methods=())
    assert completeness(PlanDocument(region="GB", contacts=(renumbered,))) == (0, 6)
