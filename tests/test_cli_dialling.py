"""`crisisplan now` says and opens exactly what the crisis view does (issue 10, item 1)."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

from crisisplan.core import interchange
from crisisplan.core.actions import method_action
from crisisplan.core.model import Contact, ContactMethod, MethodKind
from crisisplan.resources import resource_path
from tests.helpers import PASSPHRASE
from tests.test_cli import run

OFFICE = Contact(
    name="Riverside team",
    methods=(
        ContactMethod(MethodKind.PHONE, "+44 (0)20 7946 0018 ext. 123"),
        ContactMethod(MethodKind.SMS, "85258"),
        ContactMethod(MethodKind.EMAIL, "team@example.org"),
    ),
    message="SHOUT",
    always_available=True,
)


def _vault_with_office(tmp_path: Path) -> Path:
    path = tmp_path / "my.vault"
    assert run("init", "--region", "GB", "--vault", str(path), "--passphrase-stdin").returncode == 0
    example = interchange.loads(resource_path("example_plan.json").read_bytes())
    plan = tmp_path / "plan.json"
    plan.write_bytes(interchange.dumps(dataclasses.replace(example, contacts=(OFFICE,))))
    result = run("import", str(plan), "--vault", str(path), "--passphrase-stdin")
    assert result.returncode == 0, result.stderr
    return path


def test_now_json_gives_the_uri_the_view_opens_and_how_it_reads(tmp_path: Path) -> None:
    path = _vault_with_office(tmp_path)
    result = run("now", "--json", "--vault", str(path), "--passphrase-stdin")
    assert result.returncode == 0, result.stderr
    methods = json.loads(result.stdout)["reachable"][0]["methods"]
    assert methods[0] == {
        "kind": "phone",
        "value": "+44 (0)20 7946 0018 ext. 123",
        "uri": "tel:+442079460018;ext=123",
        "display": "+44 20 7946 0018",
        "then": "then extension 123",
    }
    assert methods[1]["uri"] == "sms:85258?body=SHOUT"
    assert methods[2]["uri"].startswith("mailto:team@example.org?")
    for method, shown in zip(OFFICE.methods, methods, strict=True):
        action = method_action(method, OFFICE.message, "GB")  # what the crisis view opens
        assert action is not None and shown["uri"] == action.url


def test_now_text_says_the_extension_and_the_keyword(tmp_path: Path) -> None:
    path = _vault_with_office(tmp_path)
    result = run("now", "--vault", str(path), "--passphrase-stdin")
    assert result.returncode == 0, result.stderr
    assert "call +44 20 7946 0018, then extension 123" in result.stdout
    assert "text SHOUT to 85258" in result.stdout


def test_init_gives_japan_its_own_emergency_numbers(tmp_path: Path) -> None:
    path = tmp_path / "jp.vault"
    result = run("init", "--region", "JP", "--vault", str(path), "--passphrase-stdin")
    assert result.returncode == 0, result.stderr
    assert "emergency number 119" in result.stderr
    assert "In an emergency in Japan, call 119 (ambulance and fire). Also 110 (police)." in (
        result.stderr
    )
    now = run("now", "--json", "--vault", str(path), "--passphrase-stdin")
    assert json.loads(now.stdout)["emergency"] == {
        "region": "JP",
        "number": "119",
        "uri": "tel:119",
    }


def test_init_takes_the_region_from_the_locale(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_")}
    path = tmp_path / "gb.vault"
    result = subprocess.run(
        [sys.executable, "-m", "crisisplan", "init", "--vault", str(path), "--passphrase-stdin"],
        input=PASSPHRASE + "\n",
        capture_output=True,
        text=True,
        timeout=60,
        env={**env, "LANG": "en_GB.UTF-8"},
    )
    assert result.returncode == 0, result.stderr
    assert "region GB, emergency number 999" in result.stderr
