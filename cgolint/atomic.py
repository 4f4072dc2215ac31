"""Writing a file so that a reader sees its old bytes or its new bytes,
never half of them: a temporary file in the same directory, renamed over."""
from __future__ import annotations

import os
import stat
import tempfile


def write_atomic(path: str, data: bytes, durable: bool = False) -> None:
    """Replace (or create) the file's bytes in one rename. An existing file
    keeps its mode, a new one gets the mode `open` would give it, and a
    symbolic link is kept with its target rewritten; `durable` also waits
    for the bytes to reach the disk. OSError on failure, with no temporary
    file left behind."""
    target = os.path.realpath(path)
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_UMASK
    handle, temporary = tempfile.mkstemp(prefix=".cgolint-", suffix=".tmp", dir=os.path.dirname(target))
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            if durable:
                out.flush()
                os.fsync(out.fileno())
        os.chmod(temporary, mode)  # mkstemp makes it private
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


# The process's umask, read once (reading it means setting it) at import,
# before any thread runs.
_UMASK = os.umask(0o022)
os.umask(_UMASK)
