"""Login by NIP, and the forced password change after a BKPSDM reset."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import PasswordChangeView
from django.shortcuts import redirect
from django.urls import reverse


class NIPAuthenticationForm(AuthenticationForm):
    username = forms.CharField(
        label="NIP atau nama pengguna",
        max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username", "inputmode": "numeric"}),
    )
    error_messages = {
        "invalid_login": "NIP atau kata sandi salah. Periksa kembali, atau gunakan 'Lupa kata sandi'.",
        "inactive": "Akun ini tidak aktif. Hubungi admin BKPSDM.",
    }

    def clean_username(self):
        return self.cleaned_data["username"].replace(" ", "")


class MustChangePasswordMiddleware:
    """After a BKPSDM reset the user must choose her own password before anything else."""

    ALLOWED = ("password_change", "password_change_done", "logout")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and getattr(user, "harus_ganti_password", False):
            allowed = {reverse(name) for name in self.ALLOWED}
            if request.path not in allowed and not request.path.startswith("/static/"):
                return redirect("password_change")
        return self.get_response(request)


class GantiPasswordView(PasswordChangeView):
    """Django's password change, which also lifts the forced change after a BKPSDM reset."""

    def form_valid(self, form):
        response = super().form_valid(form)
        if self.request.user.harus_ganti_password:
            self.request.user._meta.model.objects.filter(pk=self.request.user.pk).update(
                harus_ganti_password=False
            )
        return response
