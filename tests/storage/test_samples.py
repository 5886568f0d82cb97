"""Every released schema version has a saved sample vault that today's code must open.

When a migration is added, keep the old sample and add one of the new version: opening
an old sample then exercises the migration on real, encrypted data.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2 as sqlite

from crisisplan.core import interchange
from crisisplan.core.model import PlanDocument, TimeOff
from crisisplan.storage import Vault, schema

SAMPLES = Path(__file__).parent / "samples"
PASSPHRASE = "sample vault passphrase"
# What each sample holds: v1 the example plan; v2 also rotas, time off and extra times.
V2_DOCUMENT = Path(__file__).parent.parent / "data" / "availability_v2.json"


def test_there_is_a_sample_for_every_schema_version() -> None:
    versions = sorted(int(p.stem.split("-v")[1]) for p in SAMPLES.glob("schema-v*.vault"))
    assert versions == list(range(1, schema.LATEST + 1))


@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("schema-v*.vault")), ids=lambda p: p.stem)
def test_sample_opens_and_holds_the_example_plan(
    sample: Path, tmp_path: Path, example_document: PlanDocument
) -> None:
    copy = tmp_path / sample.name
    shutil.copyfile(sample, copy)  # never migrate the committed sample itself
    with Vault.open(copy, PASSPHRASE) as vault:
        assert vault.schema_version == schema.LATEST
        if sample.stem == "schema-v1":
            assert vault.load() == example_document
        else:
            assert vault.load() == interchange.loads(V2_DOCUMENT.read_bytes())


def test_v1_away_until_becomes_time_off_after_a_backup(
    tmp_path: Path, example_document: PlanDocument
) -> None:
    copy = tmp_path / "schema-v1.vault"
    shutil.copyfile(SAMPLES / "schema-v1.vault", copy)
    # The released v1 sample has nobody away: set one date, as v1 code would have.
    raw = sqlite.connect(str(copy))
    raw.execute("PRAGMA key = '" + PASSPHRASE + "'")
    raw.execute("UPDATE contacts SET away_until = '2026-12-07' WHERE position = 1")
    raw.commit()
    assert raw.execute("PRAGMA user_version").fetchone()[0] == 1
    raw.close()

    backed_up: list[int] = []

    def backup(vault: Vault, version: int) -> None:
        assert vault.schema_version == 1  # the backup comes before any change
        backed_up.append(version)

    with Vault.open(copy, PASSPHRASE, before_migration=backup) as vault:
        assert backed_up == [1]
        contacts = vault.load_contacts()
    away = TimeOff(to_day=dt.date(2026, 12, 7), to_time=dt.time())
    expected = list(example_document.contacts)
    expected[1] = dataclasses.replace(expected[1], time_off=(away,))
    assert contacts == tuple(expected)
