"""No secret in a core file: core dumps off before any passphrase or key is read.

A core dump of a crisisplan process would hold the passphrase, the raw key and the plan
in plaintext. `disable_core_dumps()` is the first thing `cli.main` does (so every command
and the app), and the app calls it again before Qt starts. What it does, per platform:

- Linux: `RLIMIT_CORE` = (0, 0), so no core file even under `ulimit -c unlimited` (the
  hard limit is lowered too, so nothing in the process can raise it again), and
  `prctl(PR_SET_DUMPABLE, 0)`, which also stops core files that a `core_pattern` pipe
  (systemd-coredump, apport) would collect whatever the limit, and keeps other processes
  of the same user from attaching with ptrace or reading /proc/<pid>/mem.
- macOS and the BSDs: `RLIMIT_CORE` = (0, 0). (macOS has no PR_SET_DUMPABLE; its
  `PT_DENY_ATTACH` is a debugger deterrent, not a protection, and is not used.)
- Windows: `WerSetFlags(WER_FAULT_REPORTING_FLAG_NOHEAP)`, so a Windows Error Reporting
  report of a crash carries no heap memory, and `SetErrorMode` without the crash dialog.
  A full dump configured by an administrator (WER LocalDumps, a debugger) is not stopped.

Every call is best effort: a failure never stops the app or a command.
"""

from __future__ import annotations

import contextlib
import sys

PR_SET_DUMPABLE = 4
PR_GET_DUMPABLE = 3
_WER_FAULT_REPORTING_FLAG_NOHEAP = 1
_SEM_FAILCRITICALERRORS = 0x0001
_SEM_NOGPFAULTERRORBOX = 0x0002

_done = False


def disable_core_dumps() -> None:
    """Turn core dumps off for this process (once; later calls do nothing)."""
    global _done
    if _done:
        return
    _done = True
    if sys.platform == "win32":
        _windows()
        return
    with contextlib.suppress(ImportError, OSError, ValueError):
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if sys.platform.startswith("linux"):
        _set_dumpable(0)


def _set_dumpable(value: int) -> None:
    with contextlib.suppress(OSError, AttributeError):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_DUMPABLE, value, 0, 0, 0)


def dumpable() -> int | None:
    """PR_GET_DUMPABLE for this process (Linux), for tests and `--self-test`."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    return int(ctypes.CDLL(None).prctl(PR_GET_DUMPABLE, 0, 0, 0, 0))


def _windows() -> None:  # pragma: no cover - Windows only
    import ctypes

    kernel32 = getattr(ctypes, "windll").kernel32  # noqa: B009 - windll exists on Windows only
    with contextlib.suppress(AttributeError, OSError):
        kernel32.WerSetFlags(_WER_FAULT_REPORTING_FLAG_NOHEAP)
    with contextlib.suppress(AttributeError, OSError):
        kernel32.SetErrorMode(_SEM_FAILCRITICALERRORS | _SEM_NOGPFAULTERRORBOX)
