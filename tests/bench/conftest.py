import json
import statistics
import time
import tracemalloc
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

RESULTS = Path(__file__).resolve().parent / "results"


def measure(client, url: str, repeat: int = 15, *, cold: bool = False) -> dict:
    """Median server time (ms) and the query count of one GET, after a warm-up request;
    `cold`: with the cache emptied before each request, as the first visitor after a change
    finds it."""
    assert client.get(url).status_code == 200
    timings = []
    for _ in range(repeat):
        if cold:
            cache.clear()
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    if cold:
        cache.clear()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return {"median_ms": round(statistics.median(timings), 2), "queries": len(queries)}


def measure_download(client, url: str, repeat: int = 3) -> dict:
    """A streamed download's median time to its first and to its last byte (ms), then, in a
    run of its own (tracemalloc slows every allocation), the peak of the Python memory it
    allocated while streaming (KiB); its size and its queries."""
    first_byte, last_byte = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        assert response.status_code == 200 and response.streaming
        chunks = iter(response.streaming_content)
        size = len(next(chunks))
        first_byte.append((time.perf_counter() - start) * 1000)
        lines = 0
        for chunk in chunks:
            size += len(chunk)
            lines += chunk.count(b"\r\n")
        last_byte.append((time.perf_counter() - start) * 1000)
    tracemalloc.start()
    for _chunk in client.get(url).streaming_content:
        pass
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    with CaptureQueriesContext(connection) as queries:
        b"".join(client.get(url).streaming_content)
    return {
        "first_byte_ms": round(statistics.median(first_byte), 1),
        "last_byte_ms": round(statistics.median(last_byte), 1),
        "peak_python_kib": peak // 1024,
        "kib": size // 1024,
        "csv_rows": lines if ".csv" in url else None,
        "queries": len(queries),
    }


@pytest.fixture
def report():
    rows = []
    yield rows
    RESULTS.mkdir(exist_ok=True)
    name = rows[0]["bench"] if rows else "bench"
    (RESULTS / f"{name}.json").write_text(json.dumps(rows, indent=2))
    print()
    for row in rows:
        print(json.dumps(row, ensure_ascii=False))
