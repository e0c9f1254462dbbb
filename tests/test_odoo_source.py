"""setup/start brings Odoo 18.0 when ODOO_PATH has none (setup/odoo_source.py).

The sources are small Odoo-shaped trees made here (odoo-bin, odoo/release.py,
addons/, plus what a copy may hold beside Odoo), so that each way in is tried in
seconds: a local git repository (by branch and by commit), a folder, a tarball;
a tree of another version and an unreachable server are refused in one line.
"""

import os
import subprocess
import sys

import pytest

from setup.odoo_runner import PROJECT
from setup.odoo_source import OdooSourceError, bring, is_odoo_18


def odoo_tree(path, version="18, 0, 0"):
    (path / "odoo").mkdir(parents=True)
    (path / "addons" / "point_of_sale").mkdir(parents=True)
    (path / "custom_addons" / "not_odoo").mkdir(parents=True)
    (path / "odoo-bin").write_text("#!/usr/bin/env python3\n")
    (path / "odoo" / "release.py").write_text(
        f"version_info = ({version}, FINAL, 0, '')\n"
    )
    (path / "addons" / "point_of_sale" / "__manifest__.py").write_text("{}\n")
    (path / "custom_addons" / "not_odoo" / "x.py").write_text("")
    return path


def git(*args, cwd):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture
def repository(tmp_path):
    """A local git repository: an Odoo 17.0 commit, then 18.0 on branch 18.0."""
    repo = odoo_tree(tmp_path / "repo", version="17, 0, 0")
    git("init", "-q", "-b", "17.0", cwd=repo)
    git("add", ".", cwd=repo)
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "17", cwd=repo)
    git("checkout", "-q", "-b", "18.0", cwd=repo)
    (repo / "odoo" / "release.py").write_text(
        "version_info = (18, 0, 0, FINAL, 0, '')\n"
    )
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "18", cwd=repo)
    return repo


def assert_only_odoo(target):
    assert is_odoo_18(target)
    assert sorted(p.name for p in target.iterdir()) == [
        "addons",
        "odoo",
        "odoo-bin",
    ]  # not custom_addons/, not .git


def test_from_a_local_git_repository_by_branch_and_by_commit(repository, tmp_path):
    assert_only_odoo(bring(tmp_path / "by_branch", str(repository), "18.0"))
    commit = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=repository, capture_output=True, text=True
    ).stdout.strip()
    assert_only_odoo(bring(tmp_path / "by_commit", str(repository), commit))


def test_another_version_is_refused_and_nothing_is_left(repository, tmp_path):
    target = tmp_path / "odoo"
    with pytest.raises(OdooSourceError, match="not Odoo 18.0"):
        bring(target, str(repository), "17.0")
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["repo"]  # no staging left


def test_from_a_folder_and_from_a_tarball(tmp_path):
    tree = odoo_tree(tmp_path / "odoo-18.0")
    assert_only_odoo(bring(tmp_path / "from_folder", str(tree)))
    tarball = tmp_path / "odoo.tar.gz"
    subprocess.run(
        ["tar", "-czf", str(tarball), "-C", str(tmp_path), "odoo-18.0"], check=True
    )
    assert_only_odoo(bring(tmp_path / "from_tarball", str(tarball)))


def test_without_network_one_line_says_what_to_run(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "setup.odoo_source"],
        cwd=PROJECT,
        env={
            **os.environ,
            "ODOO_PATH": str(tmp_path / "odoo"),
            "PASSKOOP_ODOO_SOURCE": "http://127.0.0.1:9/odoo.git",
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    [_bringing, error] = result.stderr.strip().splitlines()
    assert "PASSKOOP_ODOO_SOURCE=" in error and "setup/start" in error
    assert not (tmp_path / "odoo").exists()
