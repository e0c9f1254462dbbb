"""Write each addon's README.rst from its readme/*.md (--check: fail if stale)."""

import ast
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
ADDONS = ("passkoop_membership", "passkoop_pos")
SECTIONS = [
    ("DESCRIPTION.md", None),
    ("CONFIGURE.md", "Configuration"),
    ("USAGE.md", "Usage"),
    ("CONTRIBUTORS.md", "Contributors"),
]


def rst_inline(text):
    """The little Markdown the fragments use, in reStructuredText."""
    return text.replace("`", "``")


def render(addon):
    folder = PROJECT / addon
    manifest = ast.literal_eval((folder / "__manifest__.py").read_text())
    title = manifest["name"]
    parts = [
        "=" * len(title),
        title,
        "=" * len(title),
        "",
        f"*{manifest['summary']}*",
        "",
        f"Version {manifest['version']}, license {manifest['license']}.",
        "",
        ".. Generated from readme/*.md by setup/readme.py: edit those, not this file.",
        "",
    ]
    for fragment, heading in SECTIONS:
        path = folder / "readme" / fragment
        if not path.exists():
            continue
        if heading:
            parts += [heading, "=" * len(heading), ""]
        parts += [rst_inline(path.read_text()).rstrip(), ""]
    return "\n".join(parts)


def main(check):
    stale = []
    for addon in ADDONS:
        target = PROJECT / addon / "README.rst"
        text = render(addon)
        if check:
            if not target.exists() or target.read_text() != text:
                stale.append(addon)
        else:
            target.write_text(text)
    if stale:
        sys.exit(f"README.rst out of date in {', '.join(stale)}: run setup/readme.py")


if __name__ == "__main__":
    main("--check" in sys.argv)
