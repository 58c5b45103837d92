import json
import statistics
import time
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

RESULTS = Path(__file__).resolve().parent / "results"


def measure(client, url: str, repeat: int = 15) -> dict:
    """Median server time (ms) and the query count of one GET, after a warm-up request."""
    assert client.get(url).status_code == 200
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return {"median_ms": round(statistics.median(timings), 2), "queries": len(queries)}


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
