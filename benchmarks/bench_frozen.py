"""Launch to the crisis view: the frozen bundle against the virtual environment, same run.

Measured, both ways: `crisisplan --crisis --exit-when-shown --vault V --passphrase-stdin`
(the passphrase on standard input), which exits as soon as the crisis view's first frame
with the person's own plan is painted.

    frozen: dist/crisisplan/crisisplan            (make bundle first; or --bundle PATH)
    venv:   .venv/bin/python -m crisisplan        (bytecode compiled beforehand)

Both run offscreen (QT_QPA_PLATFORM=offscreen), interleaved, after one warm-up each, RUNS
times each; the medians and their ratio are printed. (A cold start, the first after
installing or booting, also reads ~180 MB from disk; that depends on the disk and is not
measured here.)
"""

from __future__ import annotations

import argparse
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
ROOT = Path(__file__).resolve().parent.parent


def run(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(
        command, input=PASSPHRASE + "\n", capture_output=True, text=True, env=env, timeout=120
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{command[0]} failed ({result.returncode}): {result.stderr}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "crisisplan")
    parser.add_argument("--runs", type=int, default=RUNS)
    args = parser.parse_args()
    frozen_program = args.bundle / ("crisisplan.exe" if sys.platform == "win32" else "crisisplan")
    if not frozen_program.exists():
        raise SystemExit(f"No bundle at {args.bundle}: run `make bundle` first.")
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "crisisplan")],
                   check=True, capture_output=True)  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder) / "home"
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_DATA_HOME": str(home / ".local" / "share"),
        }
        vault_path = Path(folder) / "bench.vault"
        example = interchange.loads(resource_path("example_plan.json").read_bytes())
        with Vault.create(vault_path, PASSPHRASE, "GB") as vault:
            vault.replace(example)
        arguments = ["--crisis", "--exit-when-shown", "--vault", str(vault_path),
                     "--passphrase-stdin"]  # fmt: skip
        frozen = [str(frozen_program), *arguments]
        venv = [sys.executable, "-m", "crisisplan", *arguments]
        run(frozen, env)
        run(venv, env)  # warm the page cache for both
        frozen_s, venv_s = [], []
        for _ in range(args.runs):
            venv_s.append(run(venv, env))
            frozen_s.append(run(frozen, env))
    f, v = statistics.median(frozen_s) * 1000, statistics.median(venv_s) * 1000
    print(f"launch to crisis view painted (median of {args.runs}, offscreen, passphrase on stdin)")
    print(f"  venv:   python -m crisisplan              {v:7.1f} ms")
    print(f"  frozen: {frozen_program.name:<33}{f:7.1f} ms")
    print(f"  frozen / venv                             {f / v:7.2f}")


if __name__ == "__main__":
    main()
