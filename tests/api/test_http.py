"""HTTP around the API: validators and conditional GET, public caching, CORS for reading,
preflight, HEAD."""

from django.utils.http import parse_http_date


def test_every_get_has_validators_and_public_caching(api_get, kz_published):
    for path in ("/countries", "/recommendations", f"/reports/{kz_published.pk}", "/openapi.json"):
        response = api_get(path)
        assert response.status_code == 200
        assert response["ETag"].startswith('W/"')
        assert parse_http_date(response["Last-Modified"])
        assert response["Cache-Control"] == "public, max-age=300"
        assert "Accept-Language" in response["Vary"]
        assert "Cookie" not in response.get("Vary", "")
        assert not response.cookies


def test_if_none_match_answers_304_until_the_data_changes(api_get, kz_published, user_named):
    from recommendations import services

    first = api_get("/recommendations")
    etag = first["ETag"]
    again = api_get("/recommendations", if_none_match=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert again["Access-Control-Allow-Origin"] == "*"
    assert again["Cache-Control"] == "public, max-age=300"

    recommendation = kz_published.recommendations.get(number=3)
    services.assessment_record(
        recommendation=recommendation,
        status="implemented",
        reasoning="Now done.",
        cycle=2,
        actor=user_named("secretariat"),
    )
    changed = api_get("/recommendations", if_none_match=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_if_modified_since_alone_is_answered_in_full(api_get, kz_published):
    """A date cannot prove a copy current (a write's moment is taken before it commits, and
    writers commit in any order): only the ETag answers 304."""
    first = api_get("/statistics")
    since = first["Last-Modified"]
    again = api_get("/statistics", if_modified_since=since)
    assert again.status_code == 200 and again.content == first.content
    both = api_get("/statistics", if_modified_since=since, if_none_match=first["ETag"])
    assert both.status_code == 304


def test_errors_are_not_cached_publicly(api_get, db):
    missing = api_get("/reports/12345")
    assert missing.status_code == 404
    assert missing["Cache-Control"] == "no-cache"
    assert missing["Access-Control-Allow-Origin"] == "*"
    invalid = api_get("/recommendations?strength=shouts")
    assert invalid.status_code == 422
    assert invalid["Cache-Control"] == "no-cache"
    assert invalid["Access-Control-Allow-Origin"] == "*"
    assert "ETag" not in missing and "Last-Modified" not in missing
    # A current ETag of another address never answers 304 for this one.
    other = api_get("/rounds")["ETag"]
    assert api_get("/reports/12345", if_none_match=other).status_code == 404


def test_cors_is_open_for_reading(api_get, db):
    response = api_get("/rounds", origin="https://example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    assert "Access-Control-Allow-Credentials" not in response


def test_preflight_for_get(client, db):
    response = client.options(
        "/api/v1/recommendations?country=KZ",
        headers={
            "Origin": "https://example.org",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "if-none-match",
        },
    )
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response["Access-Control-Allow-Methods"]
    assert response["Access-Control-Allow-Headers"] == "if-none-match"
    assert int(response["Access-Control-Max-Age"]) > 0


def test_writes_are_not_allowed(client, db):
    assert client.post("/api/v1/recommendations").status_code == 405
    assert client.delete("/api/v1/reports/1").status_code == 405


def test_head_gives_the_headers_of_get(client, api_get, db):
    get = api_get("/rounds")
    head = client.head("/api/v1/rounds")
    assert head.status_code == 200
    assert head.content == b""
    assert head["ETag"] == get["ETag"]
    assert head["Access-Control-Allow-Origin"] == "*"


def test_the_rest_of_the_site_is_untouched(client, db):
    response = client.get("/accounts/login/")
    assert "Access-Control-Allow-Origin" not in response
    assert "ETag" not in response
