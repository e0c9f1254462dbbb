"""What the documentation names exists: every file or folder it links or quotes,
every function, test and command; every documented command answers --help."""

import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

from setup.odoo_runner import ODOO_PATH, PROJECT

# Ours; design.md and card-format.md are the team's, kept byte for byte.
DOCUMENTS = sorted(
    [
        *PROJECT.glob("*.md"),
        PROJECT / "docs" / "architecture.md",
        PROJECT / "docs" / "performance.md",
        *PROJECT.glob("passkoop_*/readme/*.md"),
    ]
)
LINK = re.compile(r"\]\(([^)\s]+)\)")
FILE_NAME = re.compile(
    r"^[\w.*-]+\.(py|js|xml|md|json|scss|po|pot|rst|png|html|txt|sh|csv)$"
)
CALL = re.compile(r"^(?:[\w]+\.)*(_?\w+)\(\)$")
TEST_NAME = re.compile(r"(?<![\w.])(Test\w+)(?:\.(test_\w+))?")
COMMAND = re.compile(r"^(setup/\w+|python -m setup\.\w+)(?: |$)")
# Written by the commands, not kept in the repository.
GENERATED = ("var/", "node_modules/")


def quoted(document):
    text = document.read_text()
    # A quote may be wrapped over two lines by the formatter.
    return [" ".join(q.split()) for q in re.findall(r"`([^`]+)`", text)]


@cache
def repository_files():
    out = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [Path(line) for line in out.splitlines() if (PROJECT / line).exists()]


def exists(document, target):
    """A path the document names: from its folder, the project's root or Odoo's, or the
    end of a path in the repository (``app/passkoop_rule.js``)."""
    target = target.rstrip("/").split("#")[0]
    if not target:
        return True
    for base in (document.parent, PROJECT, ODOO_PATH, ODOO_PATH / "addons"):
        if list(base.glob(target)) or (base / target).exists():
            return True
    parts = Path(target).parts
    return any(
        path.parts[-len(parts) :] == parts or path.parts[: len(parts)] == parts
        for path in repository_files()
        for path in [path, *path.parents]
        if path.parts
    )


@cache
def defined(name):
    """``name`` is defined in the addons, setup/, tests/ or Odoo (Python or JS)."""
    pattern = rf"(def|class|function) {name}\b|\b{name}\s*\(.*\)\s*\{{|\b{name} ="
    for where in (PROJECT, ODOO_PATH / "addons", ODOO_PATH / "odoo"):
        found = subprocess.run(
            [
                "grep",
                "-rqE",
                "--include=*.py",
                "--include=*.js",
                "--exclude-dir=node_modules",
                "--exclude-dir=lib",
                pattern,
                str(where),
            ],
            check=False,
        )
        if found.returncode == 0:
            return True
    return False


def is_local(target):
    return not re.match(r"^([a-z]+:|#|/|~|\.\./)", target)


@pytest.mark.parametrize(
    "document", DOCUMENTS, ids=lambda d: str(d.relative_to(PROJECT))
)
def test_links_and_paths_exist(document):
    missing = []
    for target in LINK.findall(document.read_text()):
        if is_local(target) and not exists(document, target):
            missing.append(target)
    for quote in quoted(document):
        path = quote.split()[0] if COMMAND.match(quote) else quote
        looks_like_path = (
            "/" in path and " " not in path and "<" not in path and "=" not in path
        ) or FILE_NAME.match(path)
        if (
            looks_like_path
            and is_local(path)
            and not path.startswith(GENERATED)
            and "." not in path.split("/")[0][:1]
            and not exists(document, path)
        ):
            missing.append(path)
    assert missing == [], f"{document.name} names what does not exist"


@pytest.mark.parametrize(
    "document", DOCUMENTS, ids=lambda d: str(d.relative_to(PROJECT))
)
def test_functions_and_tests_exist(document):
    missing = []
    for quote in quoted(document):
        call = CALL.match(quote)
        if call and not defined(call.group(1)):
            missing.append(quote)
        for test_class, method in TEST_NAME.findall(quote):
            if not defined(test_class) or (method and not defined(method)):
                missing.append(quote)
    assert missing == [], f"{document.name} names code that does not exist"


def documented_commands():
    return sorted(
        {
            match.group(1)
            for document in DOCUMENTS
            for quote in quoted(document)
            if (match := COMMAND.match(quote))
        }
    )


def test_the_readme_documents_its_two_commands():
    commands = documented_commands()
    assert {"setup/start", "setup/test"} <= set(commands)


@pytest.mark.parametrize("command", documented_commands())
def test_documented_command_answers_help(command):
    argv = command.split()
    if argv[0] == "python":
        argv[0] = sys.executable
    result = subprocess.run(
        [*argv, "--help"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.split()) > 5, "its help says what it does"
