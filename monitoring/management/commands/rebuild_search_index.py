"""Rebuild the search index from the indexed texts (after a restore from an old backup, or a
change of the stemming)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from monitoring.search import index


class Command(BaseCommand):
    help = "Rebuild the search index of every indexed text (report paragraphs, recommendations)."

    def handle(self, *args, **options):
        with transaction.atomic():
            counts = index.rebuild()
        for label, count in counts.items():
            self.stdout.write(f"{label}: {count}")
