"""Stopping an app server started with `start_new_session=True` (the browser tests and the
benchmark scripts): SIGTERM to its whole process group, SIGKILL if it lingers."""

import os
import signal
import subprocess


def stop_process_group(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
