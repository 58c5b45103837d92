from django.core.management.base import BaseCommand
from django.utils import timezone

from evaluation_rounds.reminders import reminders_send


class Command(BaseCommand):
    help = "E-mail deadline reminders (30, 7, 1 days before; overdue). Safe to run every hour."

    def handle(self, *args, **options):
        sent = reminders_send(today=timezone.localdate())
        self.stdout.write(f"{sent} reminder(s) sent.")
