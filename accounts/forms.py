from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm

from monitoring.models import Country, ExpertMember, Membership, Organisation


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        strip=True,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )

    def clean_code(self) -> str:
        return "".join(self.cleaned_data["code"].split()).lower()


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.select_related("country"),
    )
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)
    language = forms.ChoiceField(label=_("Language of the e-mails"), choices=settings.LANGUAGES)


class ExpertInvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    nationality = forms.ModelChoiceField(label=_("Nationality"), queryset=Country.objects.all())
    gender = forms.ChoiceField(label=_("Gender"), choices=ExpertMember.Gender.choices)
    term_start = forms.DateField(label=_("Term start"), widget=forms.DateInput({"type": "date"}))
    term_end = forms.DateField(label=_("Term end"), widget=forms.DateInput({"type": "date"}))
    language = forms.ChoiceField(label=_("Language of the e-mails"), choices=settings.LANGUAGES)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("term_start"), cleaned.get("term_end")
        if start and end and end <= start:
            self.add_error("term_end", _("The term ends after it starts."))
        return cleaned


class BackOfficeLoginForm(LoginForm):
    """Wagtail's sign-in form, whose password field has no label of its own: Django then shows
    the field's name, "Password", untranslated (WAGTAILADMIN_USER_LOGIN_FORM)."""

    password = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"placeholder": _("Enter password")}),
        strip=False,
    )
