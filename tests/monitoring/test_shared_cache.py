"""Production's cache is one for every worker: a value one process writes through
`django.core.cache`, another process reads. Both run under the production settings with the
cache at Redis database 15 on this machine (CI starts Redis; .ci/run). No Redis is a failure,
not a skip: production refuses to run without it."""

import uuid

import redis

from tests.test_settings import PRODUCTION_ENVIRONMENT, run_manage

REDIS_URL = "redis://127.0.0.1:6379/15"
ENVIRONMENT = {**PRODUCTION_ENVIRONMENT, "REDIS_URL": REDIS_URL}

WRITE = """
from django.core.cache import cache
cache.set({key!r}, {value!r}, timeout=300)
print("written")
"""
READ = """
from django.conf import settings
from django.core.cache import cache
assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
print(cache.get({key!r}, "missing"))
cache.delete({key!r})
"""


def test_a_value_written_by_one_process_is_read_by_another():
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    assert client.ping(), f"Redis does not answer at {REDIS_URL}"
    key = f"shared-cache-test:{uuid.uuid4().hex}"
    value = uuid.uuid4().hex
    try:
        written = run_manage(
            "shell", "-c", WRITE.format(key=key, value=value), environment=ENVIRONMENT
        )
        assert written.returncode == 0, written.stdout + written.stderr
        assert written.stdout.strip().splitlines()[-1] == "written"
        # The key is in Redis itself, not in the writer's memory.
        assert client.keys(f"*{key}"), "the writer's value is not in Redis"

        read = run_manage("shell", "-c", READ.format(key=key), environment=ENVIRONMENT)
        assert read.returncode == 0, read.stdout + read.stderr
        assert read.stdout.strip().splitlines()[-1] == value
    finally:
        for stored in client.keys(f"*{key}"):
            client.delete(stored)
        client.close()
    assert not client.keys(f"*{key}")
