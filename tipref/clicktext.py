"""Click's own messages ("Usage:", "Missing option", "No such command"...), for the catalogue.

Click translates them itself, with the standard library's ``gettext.gettext`` in the
process's domain, which :func:`tipref.i18n.set_language` binds to ours. Listing them here
keeps them in ``tipref.pot`` when it is extracted again; each must match click's source
exactly (``tests/text/test_catalogue.py`` checks them against the installed click).
"""

from __future__ import annotations

from tipref.i18n import N_

CLICK_MESSAGES = (N_("No such command {name!r}."),)
