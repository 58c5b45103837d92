from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from config.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Write one consistent archive of the database and the public and private media."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir",
            type=Path,
            default=Path(settings.BACKUP_ROOT),
            help="Folder for the archive (default: BACKUP_ROOT).",
        )
        parser.add_argument("--database", default="default")

    def handle(self, *args, output_dir: Path, database: str, **options):
        try:
            backup = create_backup(output_dir, using=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(backup.manifest["tables"].values())
        tables, files = len(backup.manifest["tables"]), len(backup.manifest["files"]) - 1
        self.stdout.write(f"{backup.path}\n{tables} tables, {rows} rows, {files} media files")
