"""A real screen reader, headless: Orca over AT-SPI on a private X screen and D-Bus.

`Stack` starts, each under a temporary folder of its own and each with a deadline:

- a private session bus (`dbus-run-session` running a `sleep` that holds the bus open; its
  address is read back from /proc, so that everything below shares that one bus),
- Xvfb on a free display (`-displayfd`, so parallel runs never clash) and openbox,
- the AT-SPI bus (`at-spi-bus-launcher --launch-immediately`),
- speech-dispatcher with a "textlog" output module (sd_generic) that appends every
  utterance, one per line, to `speech.log` instead of making a sound,
- Orca 43 with braille off (braille can hang headless) and its own preferences folder.

`Stack.launch_app()` starts crisisplan on that screen with a temporary vault (Qt's AT-SPI
bridge forced on), `key()` presses real keys with xdotool, and `said_since()` /
`wait_for_speech()` read what Orca said. `walk()` runs the pyatspi walker (tests/a11y/
walker.py) with the system Python: pyatspi is a Debian package (python3-pyatspi) that a
venv does not see, so it stays out of the venv on purpose.

Everything started is killed at `close()`, whole process groups first with SIGTERM,
then SIGKILL. Run `python -m tests.a11y.stack` to watch the stack by hand.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SYSTEM_PYTHON = "/usr/bin/python3"
TOOLS = (
    "dbus-run-session",
    "Xvfb",
    "openbox",
    "xdotool",
    "speech-dispatcher",
    "orca",
)
AT_SPI_LAUNCHER = "/usr/libexec/at-spi-bus-launcher"
SD_GENERIC = "/usr/lib/speech-dispatcher-modules/sd_generic"
SCREEN = "1366x768x24"


def missing_tools() -> list[str]:
    """What this machine lacks for the stack (empty: everything is there)."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    for path in (AT_SPI_LAUNCHER, SD_GENERIC, SYSTEM_PYTHON):
        if not Path(path).exists():
            missing.append(path)
    if Path(SYSTEM_PYTHON).exists():
        probe = subprocess.run(
            [SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True, timeout=30
        )
        if probe.returncode:
            missing.append("python3-pyatspi")
    return missing


def wait_until(
    condition: Callable[[], object], timeout: float, what: str, step: float = 0.05
) -> object:
    """Poll `condition` until it is truthy; TimeoutError naming `what` after `timeout` s."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what}: not within {timeout:g} s")
        time.sleep(step)


class Stack:
    """The whole screen-reader stack; use as a context manager (or call close())."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = Path(folder or tempfile.mkdtemp(prefix="crisisplan-a11y-"))
        self.folder.mkdir(parents=True, exist_ok=True)
        self.speech_log = self.folder / "speech.log"
        self.speech_log.touch()
        self._processes: list[tuple[str, subprocess.Popen[bytes]]] = []
        self.app: subprocess.Popen[bytes] | None = None
        self.env = self._base_env()

    # --- start --------------------------------------------------------------------------

    def _base_env(self) -> dict[str, str]:
        home = self.folder / "home"
        runtime = self.folder / "runtime"
        for sub in (home, runtime):
            sub.mkdir(parents=True, exist_ok=True)
        runtime.chmod(0o700)
        keep = ("PATH", "LANG", "LC_ALL", "TZ", "PYTHONDONTWRITEBYTECODE")
        env = {name: os.environ[name] for name in keep if name in os.environ}
        env.update(
            HOME=str(home),
            XDG_RUNTIME_DIR=str(runtime),
            XDG_CONFIG_HOME=str(home / ".config"),
            XDG_DATA_HOME=str(home / ".local/share"),
            XDG_CACHE_HOME=str(home / ".cache"),
            XDG_STATE_HOME=str(home / ".local/state"),
            LANG="C.UTF-8",  # always there; speech-dispatcher exits on a missing locale
            NO_AT_BRIDGE="0",
            GTK_A11Y="atspi",
        )
        env.pop("LC_ALL", None)
        return env

    def _spawn(
        self, name: str, argv: Sequence[str], *, stdin: int | None = subprocess.DEVNULL
    ) -> subprocess.Popen[bytes]:
        log = open(self.folder / f"{name}.log", "ab")  # noqa: SIM115 (closed with the process)
        process = subprocess.Popen(
            list(argv),
            env=self.env,
            stdin=stdin,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: killed whole at close()
        )
        log.close()
        self._processes.append((name, process))
        return process

    def start(self) -> Stack:
        try:
            self._start_bus()
            self._start_x()
            self._start_speech()
            self._start_orca()
        except BaseException:
            self.close()
            raise
        return self

    def _start_bus(self) -> None:
        bus = self._spawn("dbus", ["dbus-run-session", "--", "sleep", "86400"])

        def address() -> str | None:
            for child in _children(bus.pid):
                with contextlib.suppress(OSError):
                    environ = Path(f"/proc/{child}/environ").read_bytes().split(b"\0")
                    for entry in environ:
                        if entry.startswith(b"DBUS_SESSION_BUS_ADDRESS="):
                            return entry.split(b"=", 1)[1].decode()
            return None

        found = wait_until(address, 15, "the private session bus")
        self.env["DBUS_SESSION_BUS_ADDRESS"] = str(found)

    def _start_x(self) -> None:
        read, write = os.pipe()
        xvfb = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", SCREEN, "-nolisten", "tcp"],
            env=self.env,
            pass_fds=(write,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        os.close(write)
        self._processes.append(("xvfb", xvfb))
        number = b""
        deadline = time.monotonic() + 20
        os.set_blocking(read, False)
        while not number.endswith(b"\n"):
            if time.monotonic() > deadline or xvfb.poll() is not None:
                os.close(read)
                raise TimeoutError("Xvfb did not start within 20 s")
            with contextlib.suppress(BlockingIOError):
                chunk = os.read(read, 16)
                if not chunk:
                    break
                number += chunk
            time.sleep(0.02)
        os.close(read)
        self.env["DISPLAY"] = f":{number.decode().strip()}"
        wait_until(
            lambda: self._run(["xdotool", "getmouselocation"], check=False).returncode == 0,
            15,
            "the X display",
        )
        self._start_window_manager()
        self._spawn("atspi", [AT_SPI_LAUNCHER, "--launch-immediately"])
        wait_until(self._atspi_bus_up, 15, "the AT-SPI bus")

    def _start_window_manager(self) -> None:
        """openbox, proven to manage the screen. Without a window manager no window is
        ever activated, so Orca hears of no focus and says nothing at all; openbox once
        failed to open a display Xvfb had just announced ("Failed to open the display"),
        and every test of the module then timed out. A second try is made if it dies."""
        for _attempt in range(3):
            openbox = self._spawn("openbox", ["openbox", "--sm-disable"])

            def up_or_gone(wm: subprocess.Popen[bytes] = openbox) -> bool:
                return self._wm_running() or wm.poll() is not None

            with contextlib.suppress(TimeoutError):
                wait_until(up_or_gone, 10, "the window manager")
            if self._wm_running():
                return
            _stop(openbox)
        raise TimeoutError("openbox did not start managing the screen")

    def _wm_running(self) -> bool:
        # Answered only by an EWMH window manager (openbox), not by the bare X server.
        return self._run(["xdotool", "get_num_desktops"], check=False).returncode == 0

    def _atspi_bus_up(self) -> bool:
        answer = self._run(
            [
                "dbus-send",
                "--session",
                "--print-reply",
                "--dest=org.a11y.Bus",
                "/org/a11y/bus",
                "org.a11y.Bus.GetAddress",
            ],  # fmt: skip
            check=False,
        )
        return answer.returncode == 0 and b"unix:" in answer.stdout

    def _start_speech(self) -> None:
        conf = self.folder / "home/.config/speech-dispatcher"
        (conf / "modules").mkdir(parents=True, exist_ok=True)
        (conf / "speechd.conf").write_text(
            'AddModule "textlog" "sd_generic" "textlog.conf"\n'
            "DefaultModule textlog\n"
            'AudioOutputMethod "alsa"\n'
            'AudioALSADevice "null"\n'
            "LogLevel 2\n"
            'SymbolsPreproc "char"\n'
            'SymbolsPreprocFile "symbols.dic"\n'
            'SymbolsPreprocFile "orca.dic"\n'
            'SymbolsPreprocFile "orca-chars.dic"\n'
        )
        # One utterance per line; printf is handed $DATA as a single-quoted argument.
        (conf / "modules" / "textlog.conf").write_text(
            "GenericExecuteSynth \"printf '%s\\\\n' '$DATA' >> " + str(self.speech_log) + '"\n'
            'GenericLanguage "en" "en" "utf-8"\n'
            'AddVoice "en" "MALE1" "textlog"\n'
            'GenericStripPunctChars ""\n'
            "GenericMaxChunkLength 3000\n"
            'GenericDelimiters ""\n'
        )
        socket = self.folder / "runtime" / "speechd.sock"
        self.env["SPEECHD_ADDRESS"] = f"unix_socket:{socket}"
        self._spawn(
            "speechd",
            [
                "speech-dispatcher",
                "-s",
                "-t",
                "0",
                "-C",
                str(conf),
                "-c",
                "unix_socket",
                "-S",
                str(socket),
                "-L",
                str(self.folder),
            ],  # fmt: skip
        )
        wait_until(socket.exists, 15, "speech-dispatcher")

    def _start_orca(self) -> None:
        prefs = self.folder / "orca"
        prefs.mkdir(exist_ok=True)
        # Not --replace: it SIGKILLs every Orca of this user on the machine, so two test
        # runs side by side (or a person's own Orca) would kill each other's.
        argv = ["orca", "-d", "braille", "-u", str(prefs)]
        if os.environ.get("CRISISPLAN_A11Y_ORCA_DEBUG"):  # Orca's own log, for a puzzle
            argv += ["--debug-file", str(self.folder / "orca-debug.out")]
        self._spawn("orca", argv)
        # Orca greets with "Screen reader on." once it is listening.
        self.wait_for_speech("Screen reader on", since=0, timeout=30)

    # --- the app ------------------------------------------------------------------------

    def launch_app(
        self,
        vault: Path,
        *args: str,
        passphrase: str | None = None,
        faketime: str | None = None,
        tz: str | None = None,
        extra_env: dict[str, str] | None = None,
        timeout: float = 30,
    ) -> subprocess.Popen[bytes]:
        """Start crisisplan on the stack's screen and wait until its window is on the
        AT-SPI tree; `faketime` ("@YYYY-MM-DD hh:mm:ss") starts the wall clock there."""
        self.quit_app()
        env = dict(
            self.env,
            QT_ACCESSIBILITY="1",
            QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1",
            QT_QPA_PLATFORM="xcb",
            PYTHONPATH=str(ROOT),
        )
        argv = [sys.executable, "-m", "crisisplan", "--vault", str(vault), *args]
        if passphrase is not None:
            argv.append("--passphrase-stdin")
        env.update(extra_env or {})
        if tz is not None:
            env["TZ"] = tz
        if faketime is not None:
            argv = ["faketime", "-f", faketime, *argv]
            env["FAKETIME_DONT_FAKE_MONOTONIC"] = "1"
        log = open(self.folder / "app.log", "ab")  # noqa: SIM115
        self.app = subprocess.Popen(
            argv,
            env=env,
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        assert self.app.stdin is not None
        if passphrase is not None:
            self.app.stdin.write(passphrase.encode() + b"\n")
        self.app.stdin.close()
        wait_until(self._app_window, timeout, "the crisisplan window")
        return self.app

    def _app_window(self) -> bool:
        if self.app is not None and self.app.poll() is not None:
            raise RuntimeError(f"crisisplan exited with {self.app.returncode}: {self.app_log()}")
        found = self._run(["xdotool", "search", "--name", "crisisplan"], check=False)
        return found.returncode == 0 and bool(found.stdout.strip())

    def app_log(self) -> str:
        path = self.folder / "app.log"
        return path.read_text(errors="replace")[-4000:] if path.exists() else ""

    def quit_app(self) -> None:
        if self.app is not None:
            _stop(self.app)
            self.app = None

    # --- keys and speech ----------------------------------------------------------------

    def key(self, *keys: str, pause: float = 0.3) -> None:
        """Press keys (xdotool names: Tab, Return, space, ctrl+h, shift+Tab) on the app's
        focused window, one after another."""
        for key in keys:
            self._run(["xdotool", "key", "--clearmodifiers", key])
            time.sleep(pause)

    def type_text(self, text: str) -> None:
        self._run(["xdotool", "type", "--delay", "20", text])

    def utterances(self) -> list[str]:
        text = self.speech_log.read_text(encoding="utf-8", errors="replace")
        return [line for line in text.splitlines() if line.strip()]

    def mark(self) -> int:
        """A point in the speech log; said_since(mark) is what was said after it."""
        return len(self.utterances())

    def said_since(self, mark: int) -> list[str]:
        return self.utterances()[mark:]

    def wait_for_speech(self, text: str, *, since: int, timeout: float = 15) -> list[str]:
        """Wait until an utterance after `since` contains `text`; returns the utterances
        said since then (TimeoutError listing them if `text` never came)."""
        deadline = time.monotonic() + timeout
        while True:
            said = self.said_since(since)
            if any(text in line for line in said):
                return said
            if time.monotonic() > deadline:
                raise TimeoutError(f"Orca never said {text!r} in {timeout:g} s; it said: {said}")
            time.sleep(0.1)

    def settle(self, quiet: float = 1.0, timeout: float = 10) -> None:
        """Wait until Orca has said nothing new for `quiet` seconds."""
        deadline = time.monotonic() + timeout
        count, since = self.mark(), time.monotonic()
        while time.monotonic() < deadline:
            time.sleep(0.1)
            now = self.mark()
            if now != count:
                count, since = now, time.monotonic()
            elif time.monotonic() - since >= quiet:
                return

    # --- the accessible tree ------------------------------------------------------------

    def walk(self, timeout: float = 60) -> dict[str, object]:
        """The app's accessible tree as JSON, from tests/a11y/walker.py (system Python)."""
        answer = subprocess.run(
            [SYSTEM_PYTHON, str(Path(__file__).with_name("walker.py")), "crisisplan"],
            env=self.env,
            capture_output=True,
            timeout=timeout,
            check=False,
        )
        if answer.returncode:
            raise RuntimeError(f"walker failed: {answer.stderr.decode(errors='replace')}")
        return dict(json.loads(answer.stdout))

    def screenshot(self, path: Path) -> None:
        self._run(["import", "-window", "root", str(path)])

    # --- end ----------------------------------------------------------------------------

    def _run(
        self, argv: Sequence[str], *, check: bool = True, timeout: float = 20
    ) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            list(argv), env=self.env, capture_output=True, timeout=timeout, check=check
        )

    def close(self) -> None:
        self.quit_app()
        for _name, process in reversed(self._processes):
            _stop(process)
        self._processes.clear()
        if not os.environ.get("CRISISPLAN_A11Y_KEEP"):  # set it to read the logs afterwards
            shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> Stack:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _children(pid: int) -> Iterator[int]:
    """Every descendant of `pid` (Linux /proc)."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                stat = (entry / "stat").read_text()
                ppid = int(stat.rsplit(")", 1)[1].split()[1])
                parents.setdefault(ppid, []).append(int(entry.name))
    todo = [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            yield child
            todo.append(child)


def _stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM the process's whole group (it was started in a session of its own), then
    SIGKILL what is left after 5 s."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=5)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=5)


if __name__ == "__main__":
    from tests.a11y.plans import make_vault

    with Stack() as stack:
        vault = make_vault(stack.folder / "test.vault")
        print(f"stack in {stack.folder}, display {stack.env['DISPLAY']}")
        stack.launch_app(vault, *sys.argv[1:], passphrase="correct horse battery staple")
        stack.settle(2)
        print("\n".join(stack.utterances()))
