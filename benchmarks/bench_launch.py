"""Launch to the crisis view on screen, as ratios to a bare floor measured in the same run.

Measured, each until the crisis view's first frame with the person's own plan is painted:

- passphrase: `crisisplan --crisis --exit-when-shown --vault V --passphrase-stdin`;
- remembered key: `crisisplan --crisis --exit-when-shown --vault V` with the vault's key
  remembered (`crisisplan remember`) in a real GNOME Keyring. The whole benchmark then
  runs in a private D-Bus session (`dbus-run-session`) with `gnome-keyring-daemon
  --unlock`, in a temporary home, so nothing of yours is read or written.

Floor: a Python script that opens the same SQLCipher file with the same passphrase and
shows one PySide6 window, exiting after its first paint.

All run offscreen (QT_QPA_PLATFORM=offscreen), interleaved, 9 times each; the medians are
compared. Budgets: remembered key ≤ 1.6 × floor, passphrase ≤ 1.5 × floor. CPU time
(user + system of the child) is printed beside the wall clock: on a busy machine the
wall-clock ratios rise (the passphrase's key derivation no longer overlaps Qt's start on
a second core), the CPU figures much less. See benchmarks/budget.py for the exit status.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from budget import Budgets, Samples, machine, run

from crisisplan.core import interchange
from crisisplan.resources import resource_path
from crisisplan.storage import Vault

PASSPHRASE = "a benchmark passphrase"
RUNS = 9
BUDGET_PASSPHRASE = 1.5
BUDGET_REMEMBERED = 1.6
KEYRING_TOOLS = ("dbus-run-session", "gnome-keyring-daemon", "dbus-send")
IN_SESSION = "CRISISPLAN_BENCH_IN_DBUS_SESSION"

FLOOR = r"""
import sys
from sqlcipher3 import dbapi2 as sqlite
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel

connection = sqlite.connect(sys.argv[1])
connection.execute("PRAGMA key = '" + sys.stdin.readline().rstrip("\n") + "'")
connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
app = QApplication(sys.argv[:1])

class Window(QLabel):
    def paintEvent(self, event):
        super().paintEvent(event)
        QTimer.singleShot(0, app.quit)

window = Window("floor")
window.resize(1366, 768)
window.show()
app.exec()
"""


def start_keyring() -> subprocess.Popen[bytes]:
    """gnome-keyring-daemon, unlocked, owning org.freedesktop.secrets on this bus."""
    daemon = subprocess.Popen(
        ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    assert daemon.stdin is not None
    daemon.stdin.write(b"login keyring password for the benchmark")
    daemon.stdin.close()
    for _ in range(200):
        owner = subprocess.run(
            ["dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus",
             "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner",
             "string:org.freedesktop.secrets"],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        if "boolean true" in owner.stdout:
            return daemon
        time.sleep(0.05)
    daemon.terminate()
    raise SystemExit("gnome-keyring-daemon did not start")


def measure(with_keyring: bool) -> dict[str, Samples]:
    # Installed copies carry bytecode; a checkout run with PYTHONDONTWRITEBYTECODE would
    # otherwise compile the package on every launch and measure the compiler.
    package = Path(__file__).resolve().parent.parent / "crisisplan"
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True,
                   capture_output=True)  # fmt: skip
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    with tempfile.TemporaryDirectory() as folder:
        vault_path = Path(folder) / "bench.vault"
        example = interchange.loads(resource_path("example_plan.json").read_bytes())
        with Vault.create(vault_path, PASSPHRASE, "GB") as vault:
            vault.replace(example)
        floor_script = Path(folder) / "floor.py"
        floor_script.write_text(FLOOR, "utf-8")
        app = [sys.executable, "-m", "crisisplan", "--crisis", "--exit-when-shown",
               "--vault", str(vault_path)]  # fmt: skip
        commands = {
            "floor": ([sys.executable, str(floor_script), str(vault_path)], PASSPHRASE + "\n"),
            "passphrase": ([*app, "--passphrase-stdin"], PASSPHRASE + "\n"),
        }
        daemon = None
        try:
            if with_keyring:
                daemon = start_keyring()
                remember = [sys.executable, "-m", "crisisplan", "remember", "--vault",
                            str(vault_path), "--passphrase-stdin"]  # fmt: skip
                run(remember, PASSPHRASE + "\n", env, None)
                commands["remembered"] = (app, "")
            samples = {name: Samples() for name in commands}
            for round_number in range(RUNS + 1):  # interleaved; round 0 warms the caches
                for name, (command, stdin) in commands.items():
                    run(command, stdin, env, samples[name] if round_number else None)
        finally:
            if daemon is not None:
                daemon.terminate()
                daemon.wait(10)
    return samples


def report(samples: dict[str, Samples], strict: bool) -> int:
    budgets = Budgets()
    floor = samples["floor"]
    floor_wall, floor_cpu = statistics.median(floor.wall), statistics.median(floor.cpu)
    print(f"launch to the crisis view painted (median of {RUNS}, offscreen, interleaved)")
    print(f"  {machine()}")
    print(f"  {'':44}{'wall':>9}{'ratio':>7}{'CPU':>10}{'ratio':>7}")
    print(f"  {'floor: PySide6 window + SQLCipher open':44}"
          f"{floor_wall * 1000:7.1f}ms{'':7}{floor_cpu * 1000:8.1f}ms")  # fmt: skip
    rows = (
        ("passphrase", "crisisplan --crisis, passphrase on stdin", BUDGET_PASSPHRASE),
        ("remembered", "crisisplan --crisis, key in GNOME Keyring", BUDGET_REMEMBERED),
    )
    verdicts = []
    for name, label, budget in rows:
        if name not in samples:
            print(f"  {label:44}  not measured: needs {', '.join(KEYRING_TOOLS)} "
                  "(Debian: gnome-keyring dbus)")  # fmt: skip
            continue
        wall = statistics.median(samples[name].wall)
        cpu = statistics.median(samples[name].cpu)
        ratio = wall / floor_wall
        print(f"  {label:44}{wall * 1000:7.1f}ms{ratio:7.2f}{cpu * 1000:8.1f}ms"
              f"{cpu / floor_cpu:7.2f}")  # fmt: skip
        verdicts.append(f"  {name}: {ratio:.2f}× the floor: {budgets.check(name, ratio, budget)}")
    print("\n".join(verdicts))
    return budgets.finish(strict)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--strict", action="store_true", help="exit 1 when over budget")
    parser.add_argument("--no-keyring", action="store_true", help="passphrase launch only")
    args = parser.parse_args()
    have_tools = all(shutil.which(tool) for tool in KEYRING_TOOLS)
    if os.environ.get(IN_SESSION):
        return report(measure(with_keyring=True), args.strict)
    if args.no_keyring or not have_tools:
        return report(measure(with_keyring=False), args.strict)
    # Again, inside a private D-Bus session, in a temporary home: the keyring, the
    # settings and the vault are the benchmark's own.
    with tempfile.TemporaryDirectory() as home:
        runtime = Path(home) / "run"
        runtime.mkdir(mode=0o700)
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DBUS_", "PYTHON_KEYRING", "XDG_", "DISPLAY", "WAYLAND"))
        }
        env.update(HOME=home, XDG_RUNTIME_DIR=str(runtime), **{IN_SESSION: "1"})
        command = ["dbus-run-session", "--", sys.executable, *sys.argv]
        return subprocess.run(command, env=env, check=False).returncode


if __name__ == "__main__":
    raise SystemExit(main())
