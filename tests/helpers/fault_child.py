"""A child process for fault tests: writes to a vault, under limits, until told or killed.

    python -m tests.helpers.fault_child [--fsize BYTES] OPERATION VAULT [--loop FIRST]
    python -m tests.helpers.fault_child [--fsize BYTES] cli ARGS...
    python -m tests.helpers.fault_child --report-dumpable cli ARGS...

`--fsize` sets RLIMIT_FSIZE (no file may grow past BYTES: a full disk, for this process
only) with SIGXFSZ ignored, so writes fail with EFBIG instead of killing the process.
`cli` runs crisisplan's command line under that limit.

OPERATION is save, import, rekey, backup, rotate or restore. Each step is one whole
transaction whose contents say which step it was, so a parent can check that a kill left
whole steps only:

- save:   `plan_for(step)`: the plan notes say "step N" and every item starts with "N ";
- import: `document_for(step)`: 1 + N % 5 people whose notes are all "N" * 50;
- rekey:  the key alternates between the keys of PASSPHRASE and OTHER (`KEYS`);
- backup: an after-session backup into the backups folder (the last 10 kept);
- rotate: the same, usually with the clock set wrong (`FAULT_CLOCK_DAYS`);
- restore: `source-*.vault` beside the vault, in turn, restored over it (with the first
  of FAULT_KEYS), each time keeping the vault as a before-restore backup.

The vault is opened with a raw key from the FAULT_KEYS environment variable (hex keys,
space-separated; the first that opens is used), else with PASSPHRASE. With --loop, steps
are numbered from FIRST, "ready" is printed once the vault is open and "done N" after
each step that returned. Without it one step runs: exit code 0, or 5 with the problem's
sentence on stderr.
"""

from __future__ import annotations

import os
import sys
from typing import Any

OTHER = "another passphrase for re-keying"
KEYS = "FAULT_KEYS"
CLOCK = "FAULT_CLOCK_DAYS"


def limit_file_size(limit: int) -> None:
    import resource
    import signal

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))


def document_for(step: int) -> Any:
    from crisisplan.core.model import Contact, Group, Plan, PlanDocument, Section

    people = tuple(
        Contact(name=f"Person {k}", group=Group.FRIEND, notes=str(step) * 50)
        for k in range(1 + step % 5)
    )
    plan = Plan(
        sections={Section.WARNING_SIGNS: (f"{step} warning",)}, medical_notes=f"step {step}"
    )
    return PlanDocument(region="GB", plan=plan, contacts=people)


def plan_for(step: int, size: int = 40) -> Any:
    from crisisplan.core.model import Plan, Section

    return Plan(
        sections={s: tuple(f"{step} " + "x" * size for _ in range(8)) for s in Section},
        medical_notes=f"step {step}",
    )


def open_vault(path: Any) -> tuple[Any, int]:
    """The vault, and which of the FAULT_KEYS opened it (-1: the passphrase)."""
    from crisisplan.storage import Vault, WrongPassphrase
    from tests.helpers import PASSPHRASE

    keys = [bytes.fromhex(k) for k in os.environ.get(KEYS, "").split()]
    for index, key in enumerate(keys):
        try:
            return Vault.open(path, raw_key=key), index
        except WrongPassphrase:
            continue
    return Vault.open(path, PASSPHRASE), -1


def rekey(vault: Any, key: bytes) -> None:
    """What `Vault.rekey` does after its 0.1 s key derivation, so that kills land in the
    page rewriting rather than in the derivation."""
    db = vault._db
    db.execute("BEGIN EXCLUSIVE")
    db.execute(f"PRAGMA rekey = \"x'{key[:32].hex()}'\"")
    db.execute("COMMIT")


def set_clock() -> None:
    """`FAULT_CLOCK_DAYS` (e.g. 1800 or -2500): the clock backups are named by is that
    many days ahead of (or behind) the real one — a wrong clock, for this process only."""
    days = os.environ.get(CLOCK)
    if not days:
        return
    import datetime as dt

    from crisisplan.storage import backups

    offset = dt.timedelta(days=int(days))
    real = backups._utc_now
    backups._utc_now = lambda: real() + offset


def run(operation: str, vault_path: str, first: int | None) -> int:
    from pathlib import Path

    from crisisplan.storage import VaultError
    from crisisplan.storage.backups import Kind, make_backup, restore

    try:
        vault, key_index = open_vault(Path(vault_path))
    except VaultError as error:
        print(f"crisisplan: {error}", file=sys.stderr)
        return 5
    keys = [bytes.fromhex(k) for k in os.environ.get(KEYS, "").split()]
    step = first if first is not None else 1
    set_clock()
    sources = sorted(Path(vault_path).parent.glob("source-*.vault"))
    if operation == "restore":
        vault.close()  # restore works on the file; the vault must not be open here
    if first is not None:
        print("ready", flush=True)
    while True:
        try:
            if operation == "save":
                vault.save_plan(plan_for(step, 40 if first is not None else 900))
            elif operation == "import":
                vault.replace(document_for(step))
            elif operation == "rekey":
                key_index = 1 - key_index
                rekey(vault, keys[key_index])
            elif operation in ("backup", "rotate"):
                make_backup(vault, Kind.SESSION)
            elif operation == "restore":
                restore(Path(vault_path), sources[step % len(sources)], raw_key=keys[0])
            else:
                raise SystemExit(f"unknown operation {operation}")
        except VaultError as error:
            print(f"crisisplan: {error}", file=sys.stderr)
            return 5
        if first is None:
            return 0
        print(f"done {step} {key_index}", flush=True)
        step += 1


def report_dumpable_on_sigusr1() -> None:
    """`--report-dumpable`: on SIGUSR1, print "dumpable N" (PR_GET_DUMPABLE), so a test can
    ask a command that is waiting for its passphrase."""
    import signal

    from crisisplan.secrets.coredumps import dumpable

    def report(signum: int, frame: Any) -> None:
        print(f"dumpable {dumpable()}", flush=True)

    signal.signal(signal.SIGUSR1, report)


def main(argv: list[str]) -> int:
    if argv[:1] == ["--report-dumpable"]:
        report_dumpable_on_sigusr1()
        argv = argv[1:]
    if argv[:1] == ["--fsize"]:
        limit_file_size(int(argv[1]))
        argv = argv[2:]
    if argv[0] == "cli":
        from crisisplan import cli

        return cli.main(argv[1:])
    first = int(argv[argv.index("--loop") + 1]) if "--loop" in argv else None
    return run(argv[0], argv[1], first)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
