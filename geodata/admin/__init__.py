"""The admin: the OTP-aware site, the model admins, the editorial workflow's forms and actions.

site.py switches the default admin site's class first, so every registration
(ours and third-party apps') lands on it.
"""

from . import (
    acled,  # noqa: F401  (ActorMapping admin)
    imports,  # noqa: F401  (the ACLED upload: ImportJob admin)
    models,  # noqa: F401  (model admins, registered on import)
    site,  # noqa: F401  (OTP_REQUIRED switch; must come before the registrations)
    territory,  # noqa: F401  (territory series and versions)
)
