"""Every released schema version has a saved sample vault that today's code must open.

When a migration is added, keep the old sample and add one of the new version: opening
an old sample then exercises the migration on real, encrypted data.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from crisisplan.core.model import PlanDocument
from crisisplan.storage import Vault, schema

SAMPLES = Path(__file__).parent / "samples"
PASSPHRASE = "sample vault passphrase"


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
        assert vault.load() == example_document
