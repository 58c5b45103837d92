"""Writes: authenticator devices, recovery codes and invitations."""

from __future__ import annotations

from binascii import unhexlify
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Q
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.users.models import UserProfile

from monitoring import access, audit
from monitoring import services as monitoring_services
from monitoring.mail import send_templated
from monitoring.models import AuditEvent, Country, Membership, Organisation
from monitoring.system_messages import INVITATION_SENT

from .tokens import invitation_tokens

RECOVERY_CODE_COUNT = 10
AUTHENTICATOR_NAME = "Authenticator app"
RECOVERY_NAME = "Recovery codes"


def token_matches_key(hex_key: str, token: str) -> bool:
    """Check a code from an authenticator app against a key not saved yet (set-up step)."""
    if not (len(token) == 6 and token.isascii() and token.isdigit()):
        return False
    totp = TOTP(unhexlify(hex_key.encode()), step=30, t0=0, digits=6, drift=0)
    return totp.verify(int(token), tolerance=1)


@transaction.atomic
def add_authenticator(user: AbstractBaseUser, hex_key: str) -> TOTPDevice:
    """Save the confirmed authenticator (replacing any other) and return it."""
    TOTPDevice.objects.filter(user=user).delete()
    return TOTPDevice.objects.create(
        user=user, name=AUTHENTICATOR_NAME, key=hex_key, confirmed=True
    )


@transaction.atomic
def issue_recovery_codes(user: AbstractBaseUser) -> list[str]:
    """Replace the user's recovery codes with new ones; each works once. Returned for showing
    once: only the device keeps them."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def remove_second_factor(user: AbstractBaseUser) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


# --- Invitations -------------------------------------------------------------------------


class InvitationError(ValueError):
    pass


def _invited_account(*, email: str, first_name: str, last_name: str, language: str):
    """An account without a password, named by its e-mail address, writing in `language`."""
    email = email.strip().lower()
    User = get_user_model()
    if User.objects.filter(Q(username__iexact=email) | Q(email__iexact=email)).exists():
        raise InvitationError(
            translation.gettext("An account with this e-mail address exists already.")
        )
    user = User(username=email, email=email, first_name=first_name, last_name=last_name)
    user.set_unusable_password()
    user.save()
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save(update_fields=["preferred_language"])
    return user


@transaction.atomic
def invite_respondent(
    *,
    email: str,
    first_name: str,
    last_name: str,
    organisation: Organisation,
    role: str,
    language: str,
    invited_by: AbstractBaseUser,
) -> AbstractBaseUser:
    """Create a respondent account without a password and send the invitation to set one.

    There is no self-registration: this is the only way a respondent account comes to be.
    """
    access.require_secretariat(invited_by)
    user = _invited_account(
        email=email, first_name=first_name, last_name=last_name, language=language
    )
    membership = Membership(user=user, organisation=organisation, role=role)
    membership.full_clean()
    membership.save()
    send_invitation(user, invited_by=invited_by)
    return user


@transaction.atomic
def invite_expert(
    *,
    email: str,
    first_name: str,
    last_name: str,
    nationality: Country,
    gender: str,
    term_start: date,
    term_end: date,
    language: str,
    invited_by: AbstractBaseUser,
) -> AbstractBaseUser:
    """A member of the expert group: her account (in the experts' group, without a password),
    her membership of the group, and the invitation. She sets up her authenticator at the
    first sign-in, as all staff do. Raises ValidationError for a term that ends before it
    starts."""
    from monitoring.groups import ensure_staff_groups

    access.require_secretariat(invited_by)
    user = _invited_account(
        email=email, first_name=first_name, last_name=last_name, language=language
    )
    user.groups.add(ensure_staff_groups()[access.EXPERTS_GROUP])
    monitoring_services.expert_member_create(
        user=user, nationality=nationality, gender=gender, term_start=term_start, term_end=term_end
    )
    send_invitation(user, invited_by=invited_by)
    return user


def _account_exists(username: str, email: str) -> bool:
    return (
        get_user_model()
        .objects.filter(Q(username__iexact=username) | Q(email__iexact=email))
        .exists()
    )


@transaction.atomic
def secretariat_account_create(*, username: str, email: str, password: str) -> AbstractBaseUser:
    """An empty platform's first account (`manage.py create_secretariat`); it invites the rest.
    Raises ValidationError for a weak password, InvitationError for a name or address in use."""
    from django.contrib.auth import password_validation

    from monitoring.access import SECRETARIAT_GROUP
    from monitoring.groups import ensure_staff_groups

    email = email.strip().lower()
    if _account_exists(username, email):
        raise InvitationError(
            translation.gettext("An account with this name or e-mail address exists already.")
        )
    user = get_user_model()(username=username, email=email)
    password_validation.validate_password(password, user)
    user.set_password(password)
    user.save()
    user.groups.add(ensure_staff_groups()[SECRETARIAT_GROUP])
    return user


def is_pending(user: AbstractBaseUser) -> bool:
    """Invited, and the link not used yet: the account has no password."""
    return not user.has_usable_password()


def send_invitation(user: AbstractBaseUser, *, invited_by: AbstractBaseUser) -> None:
    """E-mail a single-use link, valid for `settings.INVITATION_TIMEOUT` seconds."""
    access.require_secretariat(invited_by)
    if not is_pending(user):
        raise InvitationError(
            translation.gettext("This person has set a password already; no invitation needed.")
        )
    link = "{base}/accounts/invitation/{uid}/{token}/".format(
        base=settings.WAGTAILADMIN_BASE_URL.rstrip("/"),
        uid=urlsafe_base64_encode(force_bytes(user.pk)),
        token=invitation_tokens.make_token(user),
    )
    send_templated(
        user,
        "accounts/email/invitation.txt",
        {"link": link, "days": settings.INVITATION_TIMEOUT // (24 * 60 * 60)},
    )
    audit.record(
        AuditEvent.Kind.PERMISSION_CHANGE,
        actor=invited_by,
        target=user,
        detail=INVITATION_SENT.encode(),
    )
