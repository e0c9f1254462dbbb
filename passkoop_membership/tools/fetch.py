# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Fetching a partner coop's directory entry from its URL, with the limits of
a careful client. No Odoo in it: the caller passes its translation function
and says a FetchError as its users see errors."""

import time
from urllib.parse import urlparse

import requests

from .directory_entry import MAX_DOCUMENT

FETCH_TIMEOUT = 20  # seconds to connect, and between two bytes read
FETCH_DEADLINE = 60  # seconds for a whole entry: a server dripping bytes is cut
MAX_REDIRECTS = 3


class FetchError(Exception):
    """The entry could not be fetched; the message says why."""


def fetch_entry(url, translate):
    """The document at a coop's URL, with the limits of a careful client.
    ``translate``: the caller's translation function (Odoo's ``env._``)."""
    _ = translate
    url = (url or "").strip()
    if urlparse(url).scheme not in ("http", "https"):
        raise FetchError(_("%(url)s is not a web address.", url=url))
    session = requests.Session()
    session.max_redirects = MAX_REDIRECTS
    try:
        with session.get(
            url,
            timeout=FETCH_TIMEOUT,
            stream=True,
            headers={"Accept": "application/jose, text/plain"},
        ) as response:
            if response.status_code != 200:
                raise FetchError(
                    _(
                        "The address answered %(status)s instead of the entry.",
                        status=response.status_code,
                    )
                )
            kind = response.headers.get("Content-Type", "").split(";")[0].strip()
            if kind.lower() in ("text/html", "application/xhtml+xml"):
                raise FetchError(
                    _("The address answers a web page, not a directory entry.")
                )
            body = b""
            deadline = time.monotonic() + FETCH_DEADLINE
            for chunk in response.iter_content(65536):
                body += chunk
                if len(body) > MAX_DOCUMENT:
                    raise FetchError(
                        _("The address answers more than a directory entry holds.")
                    )
                if time.monotonic() > deadline:
                    raise FetchError(_("The address answers too slowly."))
    except requests.exceptions.TooManyRedirects as error:
        raise FetchError(_("The address redirects too many times.")) from error
    except requests.exceptions.SSLError as error:
        raise FetchError(
            _("The address's TLS certificate could not be verified.")
        ) from error
    except requests.exceptions.RequestException as error:
        raise FetchError(
            _("The address could not be reached: %(error)s", error=error)
        ) from error
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise FetchError(_("This file is not a Pass'Koop directory entry.")) from error
