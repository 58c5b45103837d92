"""Demo authenticators: every staff account gets one, with a key anyone can derive.

The keys are published (derived from the user name), like the demo password; the demo's
second sign-in step also shows the current code (`SECOND_FACTOR_DEMO_HINT`, dev settings).
"""

import hashlib

from django.contrib.auth import get_user_model
from django.db.models import Q
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.services import AUTHENTICATOR_NAME
from monitoring.access import EXPERTS_GROUP, SECRETARIAT_GROUP


def demo_key(username: str) -> str:
    return hashlib.sha1(f"thb-demo-authenticator:{username}".encode()).hexdigest()  # noqa: S324


def seed_authenticators() -> int:
    staff = (
        get_user_model()
        .objects.filter(
            Q(groups__name__in=[SECRETARIAT_GROUP, EXPERTS_GROUP]) | Q(is_superuser=True)
        )
        .distinct()
    )
    for user in staff:
        TOTPDevice.objects.update_or_create(
            user=user,
            name=AUTHENTICATOR_NAME,
            defaults={"key": demo_key(user.username), "confirmed": True},
        )
    return len(staff)
