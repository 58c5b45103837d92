"""The access matrix (`tests/monitoring/access_matrix.py`) against the running project: every URL
pattern of the resolver is declared, and every declared URL answers every role as declared,
for an object of the role's own country and of another country."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from questionnaires.models import AnswerFile
from tests.monitoring import access_matrix as matrix
from tests.monitoring.access_matrix import ANY, Entry, MatrixRole, Outcome

from . import matrix_objects

_OUTSIDERS = (
    MatrixRole.ANONYMOUS,
    MatrixRole.NGO_RESPONDENT,
    MatrixRole.GOVERNMENT_RESPONDENT,
    MatrixRole.CONTACT_PERSON,
)
_LOGIN_PATHS = ("/accounts/login/", "/admin/login/", "/_util/login/")


def _patterns(patterns, namespace: tuple[str, ...] = (), prefix: str = "") -> Iterator[str]:
    """Every URL pattern as its `namespace:name`, or its full route when it has no name."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + ((pattern.namespace,) if pattern.namespace else ())
            yield from _patterns(pattern.url_patterns, inner, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            yield ":".join((*namespace, pattern.name)) if pattern.name else route


def _resolver_urls() -> set[str]:
    return set(_patterns(get_resolver().url_patterns))


def _declared(url: str) -> bool:
    return any(entry.url == url for entry in matrix.ENTRIES) or bool(
        matrix.WAGTAIL_CORE.pattern.search(url)
    )


def _classify(response) -> str:
    status = response.status_code
    if status in (301, 302, 303):
        location = urlsplit(response["Location"]).path
        if any(location.endswith(path) for path in _LOGIN_PATHS):
            return Outcome.LOGIN
        return Outcome.ADMIN_HOME if location == "/admin/" else Outcome.MOVED
    if status == 401 and "login_url" in _json_keys(response):
        return Outcome.LOGIN  # a script's endpoint: the sign-in address in JSON, not a redirect
    if 200 <= status < 300:
        return Outcome.OK
    return str(status)


def _json_keys(response) -> str:
    if not response.get("Content-Type", "").startswith("application/json"):
        return ""
    return " ".join(response.json())


def test_every_url_pattern_is_in_the_table():
    resolver_urls = _resolver_urls()
    missing = sorted(url for url in resolver_urls if not _declared(url))
    assert not missing, "URL patterns missing from tests/monitoring/access_matrix.py:\n" + (
        "\n".join(missing)
    )
    stale = sorted({e.url for e in matrix.ENTRIES} - resolver_urls)
    assert not stale, "Entries of tests/monitoring/access_matrix.py with no URL pattern:\n" + (
        "\n".join(stale)
    )
    # Project URLs are declared one by one; the Wagtail group only takes Wagtail's own.
    project_prefixes = ("reports:", "procedure:", "questionnaire_", "portal:", "api-v1:")
    assert not [
        url
        for url in resolver_urls
        if matrix.WAGTAIL_CORE.pattern.search(url) and url.startswith(project_prefixes)
    ]


def test_a_new_url_would_fail_the_table():
    assert not _declared("portal:secret_export")
    assert not _declared("admin/new-screen/")


@pytest.fixture
def matrix_world(demo_data):
    get_user_model().objects.create_superuser(
        "matrix-superuser", "root@demo.thb-monitoring.example", "x"
    )
    yield matrix_objects.build()
    matrix_objects.delete_files()


def _client_for(role: MatrixRole) -> Client:
    client = Client()
    username = matrix.DEMO_USERS[role]
    if username is not None:
        client.force_login(get_user_model().objects.get(username=username))
    return client


def _answer(client: Client, url: str) -> str:
    try:
        response = client.get(url)
    except Exception as error:  # a 500 is a finding, reported with the other mismatches
        return f"500 {type(error).__name__}: {error}"[:200]
    return _classify(response)


def _url(entry: Entry, arguments) -> str:
    if isinstance(arguments, tuple):
        return reverse(entry.url, args=arguments)
    return reverse(entry.url, kwargs=arguments)


def walk_as(role: MatrixRole, objects: dict) -> tuple[list[str], int]:
    client = _client_for(role)
    mismatches, walked = [], 0
    for entry in (*matrix.ENTRIES, *matrix.WAGTAIL_CORE.samples):
        sides = {ANY: {}} if entry.objects is None else objects[entry.objects]
        for side, arguments in sides.items():
            url = _url(entry, arguments)
            expected = entry.rule.expected(role, side)
            got = _answer(client, url)
            walked += 1
            if os.environ.get("MATRIX_OBSERVE"):
                print(f"OBS {entry.url} {entry.objects} {side} {role} {got}")
            if got != expected:
                mismatches.append(
                    f"{role} GET {url} ({entry.url}, {entry.objects or '-'} {side}): "
                    f"expected {expected}, got {got}"
                )
    return mismatches, walked


def _group_urls_without_arguments() -> list[str]:
    """Every URL of the Wagtail group that reverses without arguments."""
    urls = []
    for url in sorted(_resolver_urls()):
        if not matrix.WAGTAIL_CORE.pattern.search(url) or _declared_entry(url):
            continue
        try:
            urls.append(reverse(url))
        except NoReverseMatch:
            continue
    return urls


def _declared_entry(url: str) -> bool:
    return any(entry.url == url for entry in matrix.ENTRIES)


def walk_group_as(role: MatrixRole) -> tuple[list[str], int]:
    client = _client_for(role)
    expected = matrix.WAGTAIL_CORE.rule.expected(role, ANY)
    mismatches = []
    urls = _group_urls_without_arguments()
    for url in urls:
        got = _answer(client, url)
        if got != expected:
            mismatches.append(
                f"{role} GET {url} (Wagtail admin core): expected {expected}, got {got}"
            )
    return mismatches, len(urls)


@pytest.mark.parametrize("role", matrix.ROLES)
def test_every_url_answers_every_role_as_declared(matrix_world, role):
    started = time.monotonic()
    mismatches, walked = walk_as(role, matrix_world)
    if role in _OUTSIDERS:
        group_mismatches, group_walked = walk_group_as(role)
        mismatches += group_mismatches
        walked += group_walked
    print(f"{role}: {walked} requests in {time.monotonic() - started:.1f}s")
    assert not mismatches, f"{len(mismatches)} answers differ from the table:\n" + "\n".join(
        mismatches
    )


def test_the_matrix_size(matrix_world):
    """Roles by (declared URL, object) walks: the figure reported for the issue."""
    entries = (*matrix.ENTRIES, *matrix.WAGTAIL_CORE.samples)
    walks = sum(1 if e.objects is None else len(matrix_world[e.objects]) for e in entries)
    group = len(_group_urls_without_arguments())
    patterns = _resolver_urls()
    one_by_one = {e.url for e in matrix.ENTRIES} & patterns
    print(
        f"access matrix: {len(matrix.ROLES)} roles x {walks} (URL, object) walks "
        f"= {len(matrix.ROLES) * walks} requests, plus {group} more Wagtail admin URLs "
        f"x {len(_OUTSIDERS)} outsider roles = {group * len(_OUTSIDERS)}; "
        f"{len(patterns)} URL patterns: {len(one_by_one)} declared one by one "
        f"({len(matrix.ENTRIES)} rows), {len(patterns - one_by_one)} in the Wagtail group"
    )
    assert {e.objects for e in entries if e.objects} <= set(matrix_world)
    assert walks > len(matrix.ENTRIES)


def test_private_files_are_not_under_the_public_media_url(matrix_world, client):
    """An uploaded answer lies outside MEDIA_ROOT, and /media/<its name> serves nothing."""
    stored = AnswerFile.objects.order_by("pk").first()
    path = Path(stored.file.path)
    assert path.is_file()
    assert Path(settings.PRIVATE_MEDIA_ROOT).resolve() in path.resolve().parents
    assert Path(settings.MEDIA_ROOT).resolve() not in path.resolve().parents
    for url in (
        f"{settings.MEDIA_URL}{stored.file.name}",
        f"/en{settings.MEDIA_URL}{stored.file.name}",
    ):
        response = client.get(url, follow=True)
        assert response.status_code == 404, url
        assert matrix_objects.PDF not in response.content
