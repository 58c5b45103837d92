from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo import seeding as demo


class Command(BaseCommand):
    help = "Load the demonstration data (idempotent). Refuses to run when DEBUG is off."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo only runs with DEBUG on: it creates accounts with a published "
                "password and must never touch a production database."
            )
        demo.seed()
        counts = demo.summary_counts()
        self.stdout.write(
            self.style.SUCCESS(
                "Demo data ready: " + ", ".join(f"{value} {key}" for key, value in counts.items())
            )
        )
        self.stdout.write(f"Demo logins (password: {demo.DEMO_PASSWORD}):")
        for username, description in demo.DEMO_LOGINS:
            self.stdout.write(f"  {username:<12} {description}")
        self.stdout.write(
            "Back-office accounts then ask for an authenticator code; "
            "the demo shows the current one on that page."
        )
