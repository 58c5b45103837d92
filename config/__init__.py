"""The project: settings, root URLs, WSGI and ASGI, and the whole-platform commands (backup,
restore). It imports the apps; no app imports it."""
