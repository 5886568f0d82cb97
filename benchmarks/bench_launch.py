"""Launch to the crisis view on screen, as a ratio to a bare floor measured in the same run.

Measured: `crisisplan --crisis --exit-when-shown --vault V --passphrase-stdin` (the
passphrase on standard input), which exits as soon as the crisis view's first frame with
the person's own plan is painted.

Floor: a Python script that opens the same SQLCipher file with the same passphrase and
shows one PySide6 window, exiting after its first paint.

Both run offscreen (QT_QPA_PLATFORM=offscreen), interleaved, 9 times each; the medians
are compared. Goal: ratio ≤ 1.6.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from crisisplan.core import interchange
from crisisplan.resources import resource_path
from crisisplan.storage import Vault

PASSPHRASE = "a benchmark passphrase"
RUNS = 9

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


def run(command: list[str]) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    start = time.perf_counter()
    result = subprocess.run(
        command, input=PASSPHRASE + "\n", capture_output=True, text=True, env=env, timeout=60
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{command[:3]} failed ({result.returncode}): {result.stderr}")
    return elapsed


def main() -> None:
    # Installed copies carry bytecode; a checkout run with PYTHONDONTWRITEBYTECODE would
    # otherwise compile the package on every launch and measure the compiler.
    package = Path(__file__).resolve().parent.parent / "crisisplan"
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True,
                   capture_output=True)  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        vault_path = Path(folder) / "bench.vault"
        example = interchange.loads(resource_path("example_plan.json").read_bytes())
        with Vault.create(vault_path, PASSPHRASE, "GB") as vault:
            vault.replace(example)
        floor_script = Path(folder) / "floor.py"
        floor_script.write_text(FLOOR, "utf-8")
        app = [sys.executable, "-m", "crisisplan", "--crisis", "--exit-when-shown",
               "--vault", str(vault_path), "--passphrase-stdin"]  # fmt: skip
        floor = [sys.executable, str(floor_script), str(vault_path)]
        run(app)
        run(floor)  # warm the page cache for both
        app_s, floor_s = [], []
        for _ in range(RUNS):
            floor_s.append(run(floor))
            app_s.append(run(app))
    f, a = statistics.median(floor_s) * 1000, statistics.median(app_s) * 1000
    print(f"launch to crisis view painted (median of {RUNS}, offscreen, passphrase from stdin)")
    print(f"  floor: PySide6 window + SQLCipher open   {f:7.1f} ms")
    print(f"  crisisplan --crisis --exit-when-shown    {a:7.1f} ms")
    print(f"  ratio                                    {a / f:7.2f}  (goal ≤ 1.6)")


if __name__ == "__main__":
    main()
