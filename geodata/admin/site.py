"""The admin site, with django-otp's second factor switched on by the OTP_REQUIRED setting.

With OTP_REQUIRED on, the login form asks for a TOTP code as well, and a staff
user whose session was not verified with a device is treated as not staff
(django-otp's OTPAdminSite rules). The setting is read on each request.
"""

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.views import main as changelists
from django_otp.admin import OTPAdminAuthenticationForm, OTPAdminSite

# `?lang=` chooses the interface language everywhere (conflictmap/locale.py), the admin included. A change
# list takes every other query parameter for a field lookup and refuses an unknown one (a redirect to
# `?e=1`), so `lang` joins the parameters it leaves alone (paging, ordering, search...); it stays in
# the list's own links. Django has no setting for it: the list reads this tuple on every request.
if "lang" not in changelists.IGNORED_PARAMS:
    changelists.IGNORED_PARAMS = (*changelists.IGNORED_PARAMS, "lang")


class OptionalOTPAdminSite(admin.AdminSite):
    @property
    def login_form(self):
        return OTPAdminAuthenticationForm if settings.OTP_REQUIRED else None

    @property
    def login_template(self):
        return OTPAdminSite.login_template if settings.OTP_REQUIRED else None

    def index(self, request, extra_context=None):
        # Reviewers get their queue on the index (queue.py); imported here, as it reads the registry.
        from .queue import review_queue

        queue = review_queue(self, request)
        if queue is not None:
            extra_context = {**(extra_context or {}), "review_queue": queue[0], "review_total": queue[1]}
        return super().index(request, extra_context)

    def has_permission(self, request):
        allowed = super().has_permission(request)
        if settings.OTP_REQUIRED:
            return allowed and request.user.is_verified()
        return allowed


# Switch the default site's class so every registration (ours and third-party apps') stays on it.
admin.site.__class__ = OptionalOTPAdminSite
