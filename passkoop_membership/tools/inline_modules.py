# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""ES modules joined into one inline script, for pages that must work alone from
the disk (file://), where a browser loads no module from another file.

Only what the Pass'Koop modules use: named ``import {a, b} from "./x.js";`` of a
module listed before (relative, or from the server's root: "/web/static/..." is
the module listed as "web/static/..."), and ``export`` before a function, class or
const. Each module keeps its own scope (its names do not meet the other modules'
names).
"""

import posixpath
import re

_IMPORT = re.compile(r'^import\s*\{([^}]*)\}\s*from\s*"([^"]+)";?[ \t]*$', re.M)
_EXPORT = re.compile(
    r"^export\s+((?:async\s+)?function\*?|class|const|let)\s+([A-Za-z_$][\w$]*)", re.M
)


def _variable(path):
    return "__module_" + re.sub(r"\W", "_", path)


def inline_modules(sources):
    """One script from ``sources``, a list of (path, text) in dependency order.

    The script is safe inside <script>: no "</script" nor "<!--" is left in it.
    """
    parts = []
    for path, text in sources:
        exported = [match[2] for match in _EXPORT.finditer(text)]

        def imported(match, path=path):
            target = posixpath.normpath(
                posixpath.join(posixpath.dirname(path), match[2])
            ).lstrip("/")
            names = ", ".join(
                name.strip() for name in match[1].split(",") if name.strip()
            )
            return f"const {{{names}}} = {_variable(target)};"

        body = _EXPORT.sub(lambda match: f"{match[1]} {match[2]}", text)
        body = _IMPORT.sub(imported, body)
        parts.append(
            f"// {path}\nconst {_variable(path)} = (() => {{\n{body}\n"
            f"return {{{', '.join(exported)}}};\n}})();\n"
        )
    return safe_script("\n".join(parts))


def safe_script(text):
    """JavaScript that cannot end or bend the <script> element holding it."""
    return re.sub(r"<(/script|!--)", r"\\x3c\1", text, flags=re.I)
