"""A build directory that is never half-written.

Writers take an exclusive lock, write every new file into ``DIR/.staging/``,
then mark the staging area committed and move each file into place. A run
killed before the mark leaves DIR exactly as it was (the staging area is
discarded next time); a run killed after it is rolled forward by the next
run. Either way no reader ever sees a mix of two builds.
"""

from __future__ import annotations

import errno
import fcntl
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_NAME = ".graphbuild.lock"
STAGING_NAME = ".staging"
COMMIT_MARK = "COMMITTED"


class DirectoryBusy(RuntimeError):
    """Another graphbuild process is writing the same build directory."""


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def recover(directory: Path) -> str | None:
    """Finish or discard an interrupted commit. Call with the lock held.

    Returns "rolled forward", "discarded" or None when there was nothing to do.
    """
    staging = directory / STAGING_NAME
    if not staging.exists():
        return None
    if (staging / COMMIT_MARK).exists():
        _move_into_place(staging, directory)
        return "rolled forward"
    _remove(staging)
    return "discarded"


def _move_into_place(staging: Path, directory: Path) -> None:
    for item in sorted(staging.iterdir()):
        if item.name == COMMIT_MARK:
            continue
        target = directory / item.name
        if item.is_dir():
            _remove(target)  # a directory cannot be replaced in one rename
        os.replace(item, target)
    _fsync_dir(directory)
    _remove(staging)


@contextmanager
def locked(directory: Path, wait: bool = False, poll: float = 0.5) -> Iterator[Path]:
    """Hold DIR's exclusive write lock; refuse at once (or wait) if another run holds it."""
    directory.mkdir(parents=True, exist_ok=True)
    handle = open(directory / LOCK_NAME, "a+")
    try:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                if not wait:
                    handle.seek(0)
                    owner = handle.read().strip() or "unknown"
                    raise DirectoryBusy(
                        f"{directory}: another graphbuild run (pid {owner}) is writing this "
                        "directory; wait for it to finish, use --wait, or choose another --out"
                    ) from None
                time.sleep(poll)
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        recover(directory)
        yield directory
    finally:
        handle.close()  # closing releases the flock


def settle(directory: Path) -> None:
    """For readers: if a commit was cut short after its mark, wait for the lock and finish it.

    Without this a reader could see some files of the new build beside some of the old.
    """
    if (directory / STAGING_NAME / COMMIT_MARK).exists():
        with locked(directory, wait=True):
            pass  # taking the lock rolls the commit forward


class Transaction:
    """Stage files for DIR, then ``commit()`` them all at once."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.staging = directory / STAGING_NAME
        _remove(self.staging)
        self.staging.mkdir()

    def path(self, name: str) -> Path:
        """Where to write the new version of DIR/name."""
        return self.staging / name

    def commit(self) -> None:
        for item in self.staging.iterdir():
            if item.is_file():
                with open(item, "rb+") as handle:
                    os.fsync(handle.fileno())
        _fsync_dir(self.staging)
        mark = self.staging / (COMMIT_MARK + ".tmp")
        mark.write_text("ok")
        os.replace(mark, self.staging / COMMIT_MARK)
        _fsync_dir(self.staging)
        _move_into_place(self.staging, self.directory)

    def abort(self) -> None:
        _remove(self.staging)


def atomic_write_text(path: Path, text: str) -> None:
    """Write a single file through a temporary name, so it is old or new, never half."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
