"""Writing outputs so that nothing is ever half-written, and nothing but our own outputs is replaced.

A file output is written beside its target and renamed over it. A site folder is built beside its
target and swapped in; the folder it replaces must carry the marker a build leaves, so a mistyped
`--out .` or `--out ~` is refused instead of deleted.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import tempfile
from pathlib import Path

# Left in every site folder a build writes: only a folder holding it is ever replaced or deleted.
SITE_MARKER = ".aftersales-kb-site"
_MARKER_TEXT = "Built by the after-sales knowledge base generator; the next build replaces this folder.\n"


class UnsafeOutput(Exception):
    """Raised (by write_atomic and the site folder functions) when an output path names something the
    generator must not replace: a special file, a folder it did not build, a link out of it. The
    message is one line for the person who gave the path."""


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write through a temporary file beside the target, then rename: readers see the old file or the new one.

    A symbolic link to a regular file is written through (the link stays); a device, pipe, socket,
    folder or dangling link is refused, since renaming over it would replace it with a file.
    """
    target = _regular_file_target(Path(path))
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; a web server must be able to read it
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _regular_file_target(path: Path) -> Path:
    """The file to write for `path`: itself, or what its link points to, when that is a regular file or nothing yet."""
    if path.is_symlink():
        real = Path(os.path.realpath(path))
        if not real.is_file():
            raise UnsafeOutput(f"{path} is a link to {real}, which is not a regular file; give a file name")
        return real
    if path.exists() and not path.is_file():
        kind = "a folder" if path.is_dir() else "a special file (device, pipe or socket)"
        hint = "; to write to the terminal use '-'" if not path.is_dir() else ""
        raise UnsafeOutput(f"{path} is {kind}, not a file; give a file name{hint}")
    return path


def prepare_site_folder(out: Path, protected: list[Path], sources: list[Path] = ()) -> Path:
    """Check that `out` may become a site and return a fresh, empty staging folder beside it.

    `out` may be new, an empty folder, or a folder an earlier build wrote (it holds SITE_MARKER); a
    link, a file, any other folder, a folder holding one of `protected` (the content), or a folder
    inside one of `sources` (folders the build copies, which would then copy the staging folder into
    itself) is refused. A build killed during an earlier swap is recovered first: the previous site is put back.
    """
    out = Path(os.path.abspath(out))
    if out == Path(out.anchor):
        raise UnsafeOutput(f"{out} is the root of the file system; give a folder of its own, e.g. --out site")
    for source in sources:
        real = Path(os.path.realpath(source))
        if Path(os.path.realpath(out.parent)) == real or real in Path(os.path.realpath(out.parent)).parents:
            raise UnsafeOutput(f"{out} is inside {real}, which the build copies from; give a folder outside it, e.g. --out site")
    _recover_swap(out)
    if out.is_symlink():
        raise UnsafeOutput(f"{out} is a symbolic link; the build never replaces what a link points to: give the folder itself")
    if out.exists() and not out.is_dir():
        raise UnsafeOutput(f"{out} is not a folder; give a folder for the site, e.g. --out site")
    for path in protected:
        real = Path(os.path.realpath(path))
        if real == out or out in real.parents:
            raise UnsafeOutput(f"{out} holds {real}, which the build reads; give a folder of its own, e.g. --out site")
    if out.is_dir() and not (out / SITE_MARKER).is_file() and any(out.iterdir()):
        raise UnsafeOutput(f"{out} was not built by this generator (it has no {SITE_MARKER} file), so it is left as it is; "
                           f"give a new or empty folder, or remove this one yourself")
    staging = _sibling(out, "staging")
    _remove(staging)
    staging.mkdir(parents=True)
    return staging


def swap_in_site(staging: Path, out: Path) -> None:
    """Mark `staging` as a built site and put it where `out` is, in one atomic step where the system allows it."""
    out = Path(os.path.abspath(out))
    (staging / SITE_MARKER).write_text(_MARKER_TEXT, encoding="utf-8")
    if not out.exists():
        staging.rename(out)
        return
    if _exchange(staging, out):
        _remove(staging)  # now the previous site
        return
    # Without an atomic exchange: two renames. A kill between them leaves only the retired copy,
    # which prepare_site_folder puts back on the next run.
    retired = _sibling(out, "old")
    _remove(retired)
    out.rename(retired)
    staging.rename(out)
    _remove(retired)


def discard_staging(staging: Path) -> None:
    """Drop a staging folder after a failed build; the previous site stays as it was."""
    _remove(staging)


def _recover_swap(out: Path) -> None:
    retired = _sibling(out, "old")
    if not out.exists() and not out.is_symlink() and (retired / SITE_MARKER).is_file() and not retired.is_symlink():
        retired.rename(out)


def _sibling(out: Path, role: str) -> Path:
    return out.with_name(f".{out.name}.{role}")


def _remove(path: Path) -> None:
    """Delete a file, link or folder of our own making; a link is removed, never followed."""
    if path.is_symlink() or (path.exists() and not path.is_dir()):
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2 RENAME_EXCHANGE); False where the system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))

