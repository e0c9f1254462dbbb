"""Write each addon's README.rst (for people reading the repository) and
static/description/index.html (for Odoo's Apps screen) from its readme/*.md
(--check: fail if either is stale)."""

import ast
import re
import sys

from .odoo_runner import ADDONS, PROJECT

SECTIONS = [
    ("DESCRIPTION.fr.md", None),
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


def render_html(rst):
    """The Apps screen's page: the README's body as HTML, without the title,
    summary and version Odoo shows above it. Its images are in
    static/description/, where Odoo serves them (it prefixes a relative src with
    /<addon>/static/description/ when the src names no static/ folder)."""
    import docutils.core  # noqa: PLC0415 - the linters' and Odoo's environments have it

    body = docutils.core.publish_parts(
        rst.split(".. Generated from", 1)[1].split("\n", 1)[1],
        writer_name="html5",
        settings_overrides={"report_level": 5, "embed_stylesheet": False},
    )["body"]
    body = re.sub(
        r'<img (alt="[^"]*") src="static/description/',
        r'<img class="img-fluid" \1 src="',
        body,
    )
    return f'<section class="oe_container">\n{body.strip()}\n</section>\n'


def main(check):
    stale = []
    for addon in ADDONS:
        rst = render(addon)
        targets = {
            PROJECT / addon / "README.rst": rst,
            PROJECT / addon / "static" / "description" / "index.html": render_html(rst),
        }
        if check:
            check_rst(addon, rst)
        for target, text in targets.items():
            if not check:
                target.write_text(text)
            elif not target.exists() or target.read_text() != text:
                stale.append(str(target.relative_to(PROJECT)))
    if stale:
        sys.exit(f"out of date: {', '.join(stale)}: run python -m setup.readme")


if __name__ == "__main__":
    if {"-h", "--help"} & set(sys.argv):
        sys.exit(print(__doc__.strip()))
    main("--check" in sys.argv)
