"""Foundation benchmarks: vault open against the bare SQLCipher KDF floor, and reachability.

Run with `make bench`. Figures are printed, never asserted: they go in docs/benchmarks.md.

- Vault open: `Vault.open` (file checks, key, pragmas, schema check) and `Vault.open` +
  `load()` of 1,000 contacts, each against a floor measured in the same run on the same
  file: a bare sqlcipher3 connection that sets the key and reads sqlite_master (the KDF).
  Budget: floor + 50 ms.
- Reachability: see bench_reachability.py. Budget: 20 ms for 1,000 contacts × 3 windows.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlcipher3 import dbapi2 as sqlite

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_reachability  # noqa: E402

from crisisplan.core.model import (  # noqa: E402
    Contact,
    ContactMethod,
    Group,
    MethodKind,
    Weekday,
    Window,
)
from crisisplan.storage import Vault  # noqa: E402

PASSPHRASE = "a benchmark passphrase"
RUNS = 15


def timed(action: Callable[[], object], runs: int = RUNS) -> list[float]:
    action()  # warm-up: imports, page cache
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return samples


def contacts(count: int) -> tuple[Contact, ...]:
    return tuple(
        Contact(
            name=f"Person {i}",
            group=Group.FRIEND,
            methods=(ContactMethod(MethodKind.PHONE, "+44 7700 900123"),),
            time_zone="Europe/London",
            windows=(
                Window((Weekday.MON, Weekday.TUE), dt.time(9), dt.time(17)),
                Window((Weekday.FRI,), dt.time(22), dt.time(2)),
                Window((Weekday.SAT, Weekday.SUN), dt.time(10), dt.time(20)),
            ),
        )
        for i in range(count)
    )


def bench_vault_open() -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.vault"
        with Vault.create(path, PASSPHRASE, "GB") as vault:
            vault.save_contacts(contacts(1_000))

        def floor() -> None:
            connection = sqlite.connect(str(path))
            connection.execute(f"PRAGMA key = '{PASSPHRASE}'")
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
            connection.close()

        def open_only() -> None:
            Vault.open(path, PASSPHRASE).close()

        def open_and_load() -> None:
            with Vault.open(path, PASSPHRASE) as vault:
                vault.load()

        # Interleave the three so that drift in machine load hits all of them alike.
        floor_s, open_s, load_s = [], [], []
        for _ in range(RUNS):
            floor_s += timed(floor, 1)
            open_s += timed(open_only, 1)
            load_s += timed(open_and_load, 1)
    f, o, ol = (statistics.median(s) * 1000 for s in (floor_s, open_s, load_s))
    return {"floor_ms": f, "open_ms": o, "open_load_1000_ms": ol, "open_over_floor_ms": o - f,
            "open_load_over_floor_ms": ol - f}  # fmt: skip


def main() -> None:
    print("crisisplan foundation benchmarks")
    print(f"python {sys.version.split()[0]}, sqlcipher {sqlite.sqlite_version}")
    print()
    vault = bench_vault_open()
    print(f"vault open (median of {RUNS}, interleaved)")
    print(f"  floor: bare SQLCipher key + first read   {vault['floor_ms']:7.1f} ms")
    print(f"  Vault.open                               {vault['open_ms']:7.1f} ms"
          f"  (floor + {vault['open_over_floor_ms']:.1f} ms; budget floor + 50 ms)")  # fmt: skip
    over = vault["open_load_over_floor_ms"]
    print(f"  Vault.open + load() of 1,000 contacts    {vault['open_load_1000_ms']:7.1f} ms"
          f"  (floor + {over:.1f} ms; budget floor + 50 ms)")  # fmt: skip
    print()
    reach = bench_reachability.run()
    print("reachability, 1,000 contacts × 3 windows")
    for key, value in reach.items():
        print(f"  {key:40s} {value:9.3f}")


if __name__ == "__main__":
    main()
