"""The first secretariat account of an empty platform (after `migrate`); it invites the rest.
It also lays out the public site's frame if it is missing (home page in both languages, its
sections, a page per country and round): run again, it changes no page.

    python manage.py create_secretariat <username> <e-mail>

The password is asked for twice, or read from SECRETARIAT_PASSWORD when there is no terminal
(scripts, tests). The first sign-in sets up the authenticator, as for every staff account.
"""

import getpass
import os

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from accounts import services
from cms.site_setup import public_site_ensure

PASSWORD_VARIABLE = "SECRETARIAT_PASSWORD"  # noqa: S105 (a variable's name, not a password)


class Command(BaseCommand):
    help = "Create a secretariat account (the first one of an empty platform)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("email")

    def handle(self, *args, username: str, email: str, **options):
        password = os.environ.get(PASSWORD_VARIABLE) or self._ask_password()
        try:
            services.secretariat_account_create(username=username, email=email, password=password)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        except services.InvitationError as error:
            raise CommandError(str(error)) from error
        public_site_ensure()
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
