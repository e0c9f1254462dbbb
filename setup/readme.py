"""Write each addon's README.rst from its readme/*.md (--check: fail if stale)."""

import ast
import re
import sys

from .odoo_runner import ADDONS, PROJECT

SECTIONS = [
    ("DESCRIPTION.md", None),
    ("CONFIGURE.md", "Configuration"),
    ("USAGE.md", "Usage"),
    ("CONTRIBUTORS.md", "Contributors"),
]


def rst_inline(text):
    """The little Markdown the fragments use, in reStructuredText."""
    text = re.sub(
        r"^( *)!\[([^]]*)\]\(([^)]+)\)$",
        lambda m: f"{m[1]}.. image:: {m[3]}\n{m[1]}   :alt: {m[2]}",
        text,
        flags=re.MULTILINE,
    )
    # Markdown's _emphasis_ (as prettier writes it, across a line end too) is a
    # reference in rst.
    text = re.sub(r"(?<!\w)_([^_\n]+(?:\n[^_\n]+)?)_(?!\w)", r"*\1*", text)
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
        ".. Generated from readme/*.md by python -m setup.readme: edit those.",
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


def check_rst(addon, text):
    """Fail on what docutils would not render (it comes with the linters)."""
    import docutils.core  # noqa: PLC0415 - only the check needs it

    docutils.core.publish_string(
        text,
        writer_name="null",
        settings_overrides={"report_level": 5, "halt_level": 2},
        source_path=f"{addon}/README.rst",
    )


def main(check):
    stale = []
    for addon in ADDONS:
        target = PROJECT / addon / "README.rst"
        text = render(addon)
        if check:
            check_rst(addon, text)
            if not target.exists() or target.read_text() != text:
                stale.append(addon)
        else:
            target.write_text(text)
    if stale:
        sys.exit(
            f"README.rst out of date in {', '.join(stale)}: run python -m setup.readme"
        )


if __name__ == "__main__":
    main("--check" in sys.argv)
