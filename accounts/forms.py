from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from accounts import throttling


class ThrottledAuthenticationForm(AuthenticationForm):
    """Django's login form, paused after too many failures (accounts/throttling.py)."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "locked": _("Trop de tentatives de connexion. Réessayez dans quelques minutes."),
    }

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        address = self.request.META.get("REMOTE_ADDR", "") if self.request else ""
        if throttling.is_locked(username, address):
            raise forms.ValidationError(self.error_messages["locked"], code="locked")
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            throttling.record_failure(username, address)
            raise
        throttling.clear_failures(username, address)
        return cleaned
