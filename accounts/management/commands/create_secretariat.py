"""The first secretariat account of an empty platform (after `migrate`); it invites the rest.

    python manage.py create_secretariat <username> <e-mail>

The password is asked for twice, or read from SECRETARIAT_PASSWORD when there is no terminal
(scripts, tests). The first sign-in sets up the authenticator, as for every staff account.
"""

import getpass
import os

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from monitoring.access import SECRETARIAT_GROUP
from monitoring.groups import ensure_staff_groups

PASSWORD_VARIABLE = "SECRETARIAT_PASSWORD"  # noqa: S105 (a variable's name, not a password)


class Command(BaseCommand):
    help = "Create a secretariat account (the first one of an empty platform)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("email")

    def handle(self, *args, username: str, email: str, **options):
        User = get_user_model()
        if User.objects.filter(username__iexact=username).exists():
            raise CommandError(f"An account named {username} exists already.")
        password = os.environ.get(PASSWORD_VARIABLE) or self._ask_password()
        user = User(username=username, email=email.strip().lower())
        try:
            password_validation.validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        with transaction.atomic():
            user.set_password(password)
            user.save()
            user.groups.add(ensure_staff_groups()[SECRETARIAT_GROUP])
        self.stdout.write(
            f"Secretariat account {username} created. Sign in at /admin/: the first sign-in "
            "sets up the authenticator app."
        )

    def _ask_password(self) -> str:
        if not os.isatty(0):
            raise CommandError(f"No terminal to ask the password: set {PASSWORD_VARIABLE}.")
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The two passwords differ.")
        return password
