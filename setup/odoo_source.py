"""Bring Odoo 18.0 Community to ODOO_PATH when it is missing (setup/start, setup/test).

PASSKOOP_ODOO_SOURCE says where from:
- a git repository, remote (URL) or local (a folder holding .git, or a bare one):
  the tree of PASSKOOP_ODOO_REF (default 18.0; a branch, tag or commit), shallow;
- a folder holding an Odoo tree (odoo-bin at its root, or in its only subfolder);
- a tarball of such a tree (.tar, .tar.gz, .tgz, .tar.xz...).
By default, a shallow clone of the 18.0 branch of Odoo's official repository.
Only Odoo's own paths are taken (odoo-bin, odoo/, addons/...: not what else a copy
holds), and what arrives must say it is Odoo 18.0 (odoo/release.py) before it is used.
Standard library only: it runs before any virtual environment exists.

    python3 -m setup.odoo_source          # bring it if missing; exit 1 with one line
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

OFFICIAL = "https://github.com/odoo/odoo.git"
# What Odoo's tree is made of (a copy may hold more: custom addons, CI files...).
ODOO_PATHS = (
    "odoo-bin",
    "odoo",
    "addons",
    "requirements.txt",
    "setup",
    "setup.py",
    "setup.cfg",
    "debian",
    "doc",
    "LICENSE",
    "COPYRIGHT",
    "README.md",
)
VERSION = re.compile(r"^version_info = \(18, 0,", re.MULTILINE)


class OdooSourceError(RuntimeError):
    """What went wrong, in one line a user can act on."""


def is_odoo_18(tree):
    release = Path(tree) / "odoo" / "release.py"
    return (Path(tree) / "odoo-bin").is_file() and bool(
        release.is_file() and VERSION.search(release.read_text())
    )


def _git(*args, cwd=None):
    result = subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=False
    )
    if result.returncode:
        lines = result.stderr.strip().splitlines() or ["(no message)"]
        raise OdooSourceError(f"git {args[0]} failed: {lines[-1]}")
    return result.stdout


def _is_git(source):
    if re.match(r"^(https?|git|ssh)://|^[\w.-]+@[\w.-]+:", source):
        return True
    path = Path(source)
    bare = (path / "HEAD").is_file() and (path / "objects").is_dir()
    return (path / ".git").exists() or bare


def _from_git(source, ref, staging):
    """The tree of ``ref`` at ``source``, one commit deep, into ``staging``."""
    if Path(source).exists():
        source = Path(source).resolve().as_uri()  # file://: shallow works locally
    clone = staging / "clone"
    _git("init", "-q", str(clone))
    _git("fetch", "-q", "--depth=1", source, ref, cwd=clone)
    present = _git("ls-tree", "--name-only", "FETCH_HEAD", cwd=clone).split()
    archive = subprocess.run(
        ["git", "archive", "FETCH_HEAD", *[p for p in ODOO_PATHS if p in present]],
        cwd=clone,
        capture_output=True,
        check=True,
    ).stdout
    tree = staging / "tree"
    tree.mkdir()
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    return tree


def _root_of(folder):
    """The Odoo tree in ``folder``: itself, or its only subfolder (a tarball's)."""
    if (folder / "odoo-bin").is_file():
        return folder
    children = [child for child in folder.iterdir() if child.is_dir()]
    if len(children) == 1 and (children[0] / "odoo-bin").is_file():
        return children[0]
    raise OdooSourceError(f"no odoo-bin in {folder} nor in its only subfolder")


def _from_tarball(source, staging):
    unpacked = staging / "tar"
    unpacked.mkdir()
    result = subprocess.run(
        ["tar", "-xf", str(Path(source).resolve()), "-C", str(unpacked)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise OdooSourceError(f"cannot unpack {source}: {result.stderr.strip()}")
    return _root_of(unpacked)


def _install(tree, target, move):
    """Odoo's own paths of ``tree`` into ``target``, moved when ``tree`` is ours."""
    target.mkdir(exist_ok=True)
    for name in ODOO_PATHS:
        path = tree / name
        if move and path.exists():
            path.rename(target / name)  # same file system: instant
        elif path.is_dir():
            shutil.copytree(path, target / name, symlinks=True)
        elif path.exists():
            shutil.copy2(path, target / name)


def bring(target, source=OFFICIAL, ref="18.0"):
    """Put Odoo 18.0 from ``source`` at ``target`` (absent or empty); return it."""
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise OdooSourceError(f"{target} is not empty and holds no Odoo 18.0")
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".odoo-") as tmp:
        staging = Path(tmp)
        path = Path(source)
        if path.is_dir() and not _is_git(source):
            tree = _root_of(path)
        elif path.is_file():
            tree = _from_tarball(path, staging)
        elif _is_git(source):
            tree = _from_git(source, ref, staging)
        else:
            raise OdooSourceError(
                f"{source} is neither a git repository, an Odoo folder nor a tarball"
            )
        if not is_odoo_18(tree):
            raise OdooSourceError(
                f"what {source} holds is not Odoo 18.0 (see odoo/release.py there)"
            )
        _install(tree, target, move=tree.is_relative_to(staging))
    return target


def main():
    target = Path(os.environ.get("ODOO_PATH", "/opt/odoo"))
    if is_odoo_18(target):
        return 0
    source = os.environ.get("PASSKOOP_ODOO_SOURCE", OFFICIAL)
    ref = os.environ.get("PASSKOOP_ODOO_REF", "18.0")
    print(f"[passkoop] bringing Odoo 18.0 to {target} from {source}", file=sys.stderr)
    try:
        bring(target, source, ref)
    except (OdooSourceError, OSError) as error:
        print(
            f"[passkoop] ERROR: no Odoo 18.0 at {target} ({error}). Bring it with "
            f"PASSKOOP_ODOO_SOURCE=<git URL, git repository, folder or tarball of "
            f"Odoo 18.0> setup/start, or set ODOO_PATH to one.",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
