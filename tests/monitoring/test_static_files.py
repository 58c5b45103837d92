"""Static files in production: `collectstatic` with the production settings fingerprints and
compresses every file, and WhiteNoise, inside the production middleware chain, serves the
hashed stylesheet compressed and cacheable for a year."""

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.test_settings import PRODUCTION_ENVIRONMENT, ROOT

# Runs in a process of its own under config.settings.production; STATIC_ROOT is the one
# value moved, into the test's temporary folder.
PROBE = """
import json, sys
from django.conf import settings
settings.STATIC_ROOT = sys.argv[1]
import django
django.setup()
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client

call_command("collectstatic", interactive=False, verbosity=0)
# As behind the production proxy, which says the visitor came over HTTPS.
client = Client(HTTP_HOST=settings.ALLOWED_HOSTS[0], HTTP_X_FORWARDED_PROTO="https")
report = {"middleware": settings.MIDDLEWARE, "hashed_url": static("monitoring/css/site.css")}
for name, url, encoding in [
    ("gzip", report["hashed_url"], "gzip"),
    ("brotli", report["hashed_url"], "br, gzip"),
    ("plain", report["hashed_url"], ""),
    ("unhashed", "/static/monitoring/css/site.css", "gzip"),
]:
    response = client.get(url, HTTP_ACCEPT_ENCODING=encoding)
    report[name] = {
        "status": response.status_code,
        "headers": dict(response.headers),
        "body": b"".join(response.streaming_content).hex() if response.status_code == 200 else "",
    }
print(json.dumps(report))
"""


def collect_and_request(static_root: Path) -> dict:
    leave_out = {*PRODUCTION_ENVIRONMENT, "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in leave_out}
    env.update(PRODUCTION_ENVIRONMENT, DJANGO_SETTINGS_MODULE="config.settings.production")
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(static_root)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_hashed_css_is_served_compressed_and_cached_for_a_year(tmp_path):
    import brotli

    static_root = tmp_path / "static"
    report = collect_and_request(static_root)
    assert report["middleware"][1] == "whitenoise.middleware.WhiteNoiseMiddleware"

    # The stylesheet's URL names its content hash, and the compressed copies sit beside it.
    hashed_url = report["hashed_url"]
    assert hashed_url.startswith("/static/monitoring/css/site.")
    assert hashed_url.endswith(".css") and hashed_url != "/static/monitoring/css/site.css"
    hashed_file = static_root / hashed_url.removeprefix("/static/")
    source = (ROOT / "monitoring/static/monitoring/css/site.css").read_bytes()
    assert hashed_file.read_bytes() == source
    gzipped = hashed_file.with_name(hashed_file.name + ".gz")
    brotlied = hashed_file.with_name(hashed_file.name + ".br")
    assert gzipped.stat().st_size < len(source) / 2
    assert brotlied.stat().st_size < gzipped.stat().st_size
    assert (static_root / "staticfiles.json").exists()
    # Every collected stylesheet has its compressed copy, Wagtail's admin's too.
    for path in static_root.rglob("*.css"):
        assert path.with_name(path.name + ".gz").exists(), path

    gzip_response = report["gzip"]
    headers = gzip_response["headers"]
    assert gzip_response["status"] == 200
    assert headers["Content-Encoding"] == "gzip"
    assert headers["Vary"] == "Accept-Encoding"
    assert headers["Content-Type"].startswith("text/css")
    assert bytes.fromhex(gzip_response["body"]) == gzipped.read_bytes()
    cache_control = {part.strip() for part in headers["Cache-Control"].split(",")}
    assert "immutable" in cache_control and "public" in cache_control
    max_age = next(int(p.split("=")[1]) for p in cache_control if p.startswith("max-age="))
    assert max_age >= 365 * 24 * 60 * 60

    brotli_response = report["brotli"]
    assert brotli_response["headers"]["Content-Encoding"] == "br"
    assert brotli.decompress(bytes.fromhex(brotli_response["body"])) == source

    plain = report["plain"]
    assert "Content-Encoding" not in plain["headers"]
    assert bytes.fromhex(plain["body"]) == source

    # The same file under its plain name may change with the next deploy: cached briefly only.
    unhashed = report["unhashed"]
    assert unhashed["status"] == 200
    assert "immutable" not in unhashed["headers"]["Cache-Control"]
    assert unhashed["headers"]["Cache-Control"] == "max-age=60, public"
