from django.conf import settings
from django.core.files.storage import FileSystemStorage


def private_storage() -> FileSystemStorage:
    """Uploaded evidence lives outside MEDIA_ROOT and is served only by access-checked views."""
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)
