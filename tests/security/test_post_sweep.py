"""Every URL that takes a POST, posted to by every role: never a server error.

The URLs come from the access matrix (`tests/monitoring/access_matrix.py`): every row whose
action is a write, and every other row whose view accepts POST (found in the resolver, see
`_accepts_post`). Each is posted to as every role of the matrix, on the own-country and the
other-country object (and on the sibling kind's object: an NGO URL given a government response,
and on an id that does not exist), with

- an empty body,
- garbage: every field the URL's rendered forms have (and a few usual names) given words, huge
  numbers, negative numbers, dates that do not exist,
- the forms the role's pages render for it, submitted as rendered (`tests/rendered_forms.py`).

No answer may be a 5xx, and a role the matrix refuses on GET is refused on POST (sign-in, the
admin dashboard, 403 or 404), never answered with a page. The report-related URLs are swept a
second time once a correction is open on the published report. Wagtail's own admin (the
matrix's `WAGTAIL_CORE` group) is swept through the group's samples, and every argument-free
URL of it that takes a POST is posted to by the roles that never enter the back office.

The demo seed gives the states (a submitted response, the governments' responses, a published
report and a draft one); everything is posted inside a savepoint rolled back at once, so a
post that changed something (a deletion, a publication) leaves the next one the same objects.
The whole sweep runs once per module and each URL name is one test case of its findings.
"""

from __future__ import annotations

import copy
import functools
import inspect
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client
from django.urls import (
    NoReverseMatch,
    Resolver404,
    URLPattern,
    URLResolver,
    get_resolver,
    resolve,
    reverse,
)

from accounts import second_factor
from reports import services
from reports.models import Report
from tests.monitoring import access_matrix as matrix
from tests.monitoring import matrix_objects
from tests.monitoring.access_matrix import ANY, OTHER, OWN, Action, Entry, MatrixRole, Outcome
from tests.monitoring.test_access_matrix import _classify
from tests.rendered_forms import RenderedForm, forms_in

# The sweep's own fixture opens the database; the mark makes pytest-django create it.
pytestmark = pytest.mark.django_db

REFUSED = {Outcome.LOGIN, Outcome.ADMIN_HOME, Outcome.FORBIDDEN, Outcome.NOT_FOUND}
UNKNOWN_ID = 987654321
_USUAL_NAMES = (
    "pk",
    "id",
    "text",
    "text_en",
    "text_ru",
    "note",
    "reason",
    "state",
    "to_state",
    "action",
    "status",
    "decision",
    "due_on",
    "requested_due_on",
    "position",
    "chapter",
    "paragraph",
    "question",
    "section",
    "value",
    "confidential",
    "correction_note",
    "user",
    "email",
)
# Garbage: every field a number beyond any column, then every field one of the other kinds of
# nonsense in turn (a word where a number goes, a negative number, a date that does not exist,
# a NUL character), so that each kind reaches fields of every type.
HUGE = "9" * 40
NONSENSE = ("not a number", "-1", "2026-13-45", "a\x00b")
# Wagtail's own page editor reads its StreamField from inputs its JavaScript writes
# (`body-count`): any post without them is a KeyError inside Wagtail (wagtail/wagtail#11920),
# not this project's. Outsiders are still refused there; staff are not swept with bodies.
_JAVASCRIPT_ONLY = {"wagtailadmin_pages:edit"}
_REPORT_KINDS = {"report", "paragraph", "report_recommendation", "comment", "recommendation"}
SEEDED, CORRECTION = "as seeded", "other, correction open"


# 500s in questionnaires/portal_views.py are fixed by another helper on branch h/answers.
@dataclass(frozen=True)
class Case:
    url_name: str
    role: MatrixRole
    side: str
    body: str
    url: str
    got: str
    expected: set[str] | None  # the outcomes allowed, None: anything but a 5xx

    @property
    def failed(self) -> bool:
        if self.got.startswith("5"):
            return True
        return self.expected is not None and self.got not in self.expected

    def __str__(self) -> str:
        allowed = "not 5xx" if self.expected is None else "/".join(sorted(self.expected))
        return (
            f"{self.role} POST {self.url} ({self.side}, {self.body}): expected {allowed}, "
            f"got {self.got}"
        )


# --- which URLs take a POST --------------------------------------------------------------------


def _callbacks(patterns, namespace: tuple[str, ...] = (), prefix: str = "") -> Iterator:
    """(`namespace:name` or route, view callback) for every URL pattern of the resolver."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + ((pattern.namespace,) if pattern.namespace else ())
            yield from _callbacks(pattern.url_patterns, inner, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            name = ":".join((*namespace, pattern.name)) if pattern.name else route
            yield name, pattern.callback


def _accepts_post(view) -> bool:
    """A class-based view with a `post` it allows; a function view that `require_http_methods`
    lets POST through, or, undecorated, that reads a POST at all."""
    view_class = getattr(view, "view_class", None)
    if view_class is not None:
        return "post" in view_class.http_method_names and hasattr(view_class, "post")
    func = view
    while True:
        if isinstance(func, functools.partial):
            func = func.func
        free = inspect.getclosurevars(func).nonlocals if getattr(func, "__closure__", None) else {}
        if "request_method_list" in free:
            return "POST" in free["request_method_list"]
        if getattr(func, "view_class", None) is not None:
            return _accepts_post(func)
        if not hasattr(func, "__wrapped__"):
            break
        func = func.__wrapped__
    try:
        source = inspect.getsource(func)
    except (OSError, TypeError):
        return True  # no source to read: assume it does
    return "POST" in source


def _post_urls() -> set[str]:
    return {name for name, view in _callbacks(get_resolver().url_patterns) if _accepts_post(view)}


def swept_entries() -> list[Entry]:
    posting = _post_urls()
    return [
        entry
        for entry in (*matrix.ENTRIES, *matrix.WAGTAIL_CORE.samples)
        if entry.action == Action.CHANGE or entry.url in posting
    ]


# --- the sweep ---------------------------------------------------------------------------------


def _client_for(role: MatrixRole) -> Client:
    client = Client()
    username = matrix.DEMO_USERS[role]
    if username is not None:
        user = get_user_model().objects.get(username=username)
        client.force_login(user)
        session = client.session
        required = second_factor.state_for(user) == second_factor.REQUIRED
        session[second_factor.SESSION_KEY] = (
            second_factor.VERIFIED if required else second_factor.NOT_REQUIRED
        )
        session.save()
    return client


def _reverse(name: str, arguments) -> str:
    if isinstance(arguments, tuple):
        return reverse(name, args=arguments)
    return reverse(name, kwargs=arguments)


def _target(form: RenderedForm) -> str | None:
    try:
        match = resolve(urlsplit(form.action).path)
    except Resolver404:
        return None
    return match.view_name


def _outcome(send) -> str:
    try:
        with transaction.atomic():
            response = send()
            transaction.set_rollback(True)
    except Exception as error:  # a 500: the finding, with what raised it
        return f"500 {type(error).__name__}: {error}"[:300]
    if response.status_code >= 500:
        return str(response.status_code)
    return _classify(response)


def _post(client: Client, url: str, data: dict) -> str:
    # A post may sign the client out (logout) or switch its language: each starts afresh.
    cookies = copy.deepcopy(client.cookies)
    try:
        return _outcome(lambda: client.post(url, data))
    finally:
        client.cookies = cookies


def _sides(entry: Entry, objects: dict, phase: str) -> Iterator[tuple[str, object, Entry | None]]:
    """(side label, URL arguments, the entry whose rule says who may) for one swept entry."""
    if entry.objects is None:
        yield ANY, {}, entry
        return
    if phase == CORRECTION:
        if OTHER in objects[entry.objects]:
            yield CORRECTION, objects[entry.objects][OTHER], entry
        return
    yield from ((side, arguments, entry) for side, arguments in objects[entry.objects].items())
    sibling = _sibling(entry.objects)
    if sibling in objects:
        sibling_entry = next(
            (e for e in matrix.ENTRIES if e.url == entry.url and e.objects == sibling), None
        )
        for side, arguments in objects[sibling].items():
            yield f"{side} {sibling}", arguments, sibling_entry
    unknown = _unknown(objects[entry.objects])
    if unknown is not None:
        yield "unknown id", unknown, None


def _sibling(kind: str) -> str | None:
    for mine, theirs in (("government_", "ngo_"), ("ngo_", "government_")):
        if kind.startswith(mine):
            return theirs + kind.removeprefix(mine)
    return None


def _unknown(sides: dict):
    arguments = next(iter(sides.values()))
    if not isinstance(arguments, dict) or not any(isinstance(v, int) for v in arguments.values()):
        return None
    return {k: UNKNOWN_ID if isinstance(v, int) else v for k, v in arguments.items()}


def _expected(rule_entry: Entry | None, role: MatrixRole, side: str) -> set[str] | None:
    """Refused where the matrix refuses a write on GET; a sign-in page sending a signed-in user
    on (a read that also takes a POST) is no refusal."""
    if side == "unknown id":
        return REFUSED
    if rule_entry is None or rule_entry.action != Action.CHANGE:
        return None
    rule_side = OTHER if side == CORRECTION else side.split()[0]
    declared = rule_entry.rule.expected(role, rule_side)
    return REFUSED if declared in REFUSED else None


_NO_FORMS = (":history", ":history_results", ":usage", ":index_results", ":inspect")


def _pages(objects: dict, phase: str) -> Iterator[tuple[Entry, str, object]]:
    """The pages whose forms are submitted: every matrix row of the portal, the accounts and
    the back office that shows something (downloads, listings' result fragments and history
    pages have no form)."""
    for entry in (*matrix.ENTRIES, *matrix.WAGTAIL_CORE.samples):
        if entry.action == Action.EXPORT or entry.url.endswith(_NO_FORMS):
            continue
        if phase == CORRECTION and entry.objects not in _REPORT_KINDS:
            continue
        sides = {ANY: {}} if entry.objects is None else objects[entry.objects]
        for side, arguments in sides.items():
            if phase == CORRECTION and side != OTHER:
                continue
            url = _reverse(entry.url, arguments)
            if url.startswith(("/portal/", "/admin/", "/accounts/")):
                yield entry, CORRECTION if phase == CORRECTION else side, url


def _rendered_forms(client, role, objects, phase, swept) -> list[tuple[str, str, RenderedForm]]:
    """(URL name, side of the page, form) for each distinct POST form the role's pages render
    for a swept URL, one per target and submit button."""
    seen, found = set(), []
    for entry, side, url in _pages(objects, phase):
        if entry.rule.expected(role, OTHER if side == CORRECTION else side) != Outcome.OK:
            continue
        try:
            response = client.get(url)
        except Exception:  # noqa: S112 - GET answers are the access matrix's business
            continue
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for form in forms_in(response, "form"):
            target = _target(form)
            if form.method != "post" or target not in swept:
                continue
            for press in list(form.submit_buttons) or [None]:
                key = (target, side, press, frozenset(form.names))
                if key not in seen:
                    seen.add(key)
                    found.append((target, side, form, press))
    return found


def _garbage(names: set[str]) -> dict[str, dict[str, str]]:
    ordered = sorted(names)
    return {
        "huge numbers": dict.fromkeys(ordered, HUGE),
        "nonsense": {name: NONSENSE[i % len(NONSENSE)] for i, name in enumerate(ordered)},
    }


def _bodies(entry: Entry, side: str, expected, names: set[str]) -> dict[str, dict]:
    """Every body on the role's own object; an empty one where the role is refused anyway, on
    the other country's object, the sibling kind's and an unknown id (what differs there is
    who may, not how the fields are read)."""
    if expected == REFUSED or side not in (OWN, ANY, CORRECTION):
        return {"empty": {}}
    return {"empty": {}, **_garbage(names)}


def _sweep_role(role, client, forms, objects, phase, entries, field_names) -> list[Case]:
    cases = []
    for target, side, form, press in forms:
        if target in _JAVASCRIPT_ONLY:
            continue
        got = _post(client, form.action, form.data(press=press))
        body = f"form as rendered{f', {press}' if press else ''}"
        cases.append(Case(target, role, side, body, form.action, got, None))
    for entry in entries:
        names = field_names[entry.url] | set(_USUAL_NAMES)
        for side, arguments, rule_entry in _sides(entry, objects, phase):
            try:
                url = _reverse(entry.url, arguments)
            except NoReverseMatch:
                continue
            expected = _expected(rule_entry, role, side)
            if entry.url in _JAVASCRIPT_ONLY and expected != REFUSED:
                continue
            for body, data in _bodies(entry, side, expected, names).items():
                got = _post(client, url, data)
                cases.append(Case(entry.url, role, side, body, url, got, expected))
    return cases


def _sweep_phase(objects, phase, entries) -> list[Case]:
    """Every role's rendered forms first (their field names feed the garbage), then the posts."""
    swept = {e.url for e in entries}
    clients = {role: _client_for(role) for role in matrix.ROLES}
    forms = {
        role: _rendered_forms(client, role, objects, phase, swept)
        for role, client in clients.items()
    }
    field_names: dict[str, set[str]] = defaultdict(set)
    for role_forms in forms.values():
        for target, _side, form, _press in role_forms:
            field_names[target] |= form.names
    cases = []
    for role, client in clients.items():
        cases += _sweep_role(role, client, forms[role], objects, phase, entries, field_names)
    return cases


WAGTAIL_GROUP = "Wagtail admin core"
_OUTSIDERS = (
    MatrixRole.ANONYMOUS,
    MatrixRole.NGO_RESPONDENT,
    MatrixRole.GOVERNMENT_RESPONDENT,
    MatrixRole.CONTACT_PERSON,
)


def _sweep_wagtail_group() -> list[Case]:
    """Every argument-free URL of Wagtail's own admin that takes a POST, posted to (empty) by
    the roles that never enter the back office: each is sent to sign in."""
    swept = {e.url for e in swept_entries()}
    urls = []
    for name, view in _callbacks(get_resolver().url_patterns):
        if name in swept or not matrix.WAGTAIL_CORE.pattern.search(name) or not _accepts_post(view):
            continue
        try:
            urls.append(reverse(name))
        except NoReverseMatch:
            continue
    cases = []
    for role in _OUTSIDERS:
        client = _client_for(role)
        for url in urls:
            got = _post(client, url, {})
            cases.append(Case(WAGTAIL_GROUP, role, ANY, "empty", url, got, {Outcome.LOGIN}))
    return cases


def _open_correction(objects) -> None:
    """The other country's report is the published one: a correction is opened on it."""
    report = Report.objects.get(pk=objects["report"][OTHER]["pk"])
    secretariat = get_user_model().objects.get(username="secretariat")
    services.report_correction_open(report=report, note="Figures to correct", actor=secretariat)


@pytest.fixture(scope="module")
def sweep(django_db_setup, django_db_blocker, _shared_demo) -> dict[str, list[Case]]:
    _shared_demo.open()
    cases: list[Case] = []
    with django_db_blocker.unblock(), transaction.atomic():
        get_user_model().objects.create_superuser(
            "matrix-superuser", "root@demo.thb-monitoring.example", "x"
        )
        objects = matrix_objects.build()
        try:
            entries = swept_entries()
            cases += _sweep_phase(objects, SEEDED, entries)
            _open_correction(objects)
            report_entries = [e for e in entries if e.objects in _REPORT_KINDS]
            cases += _sweep_phase(objects, CORRECTION, report_entries)
            cases += _sweep_wagtail_group()
        finally:
            # The stored files go while their rows still name them (the rollback keeps none).
            matrix_objects.delete_files()
            transaction.set_rollback(True)
    by_url: dict[str, list[Case]] = defaultdict(list)
    for case in cases:
        by_url[case.url_name].append(case)
    return by_url


def test_every_url_that_takes_a_post_is_swept():
    """A new view that accepts POST is in the matrix (its own test), and so in this sweep; a
    URL of Wagtail's own admin is swept through the group's samples."""
    swept = {e.url for e in swept_entries()}
    missing = sorted(
        url
        for url in _post_urls()
        if url not in swept and not matrix.WAGTAIL_CORE.pattern.search(url)
    )
    assert not missing, "URLs that accept POST but are not swept:\n" + "\n".join(missing)
    assert {"portal:confidential", "reports:publish", "login", "logout"} <= swept


def test_the_post_detection_reads_the_views():
    from django.views.decorators.http import require_GET, require_POST
    from django.views.generic import FormView, TemplateView

    @require_POST
    def posting(request): ...

    @require_GET
    def reading(request):
        return request.POST  # never reached by a POST

    def undecorated(request):
        return request.method == "POST"

    assert _accepts_post(posting)
    assert not _accepts_post(reading)
    assert _accepts_post(undecorated)
    assert _accepts_post(FormView.as_view())
    assert not _accepts_post(TemplateView.as_view())


@pytest.mark.parametrize("url_name", sorted({e.url for e in swept_entries()}))
def test_no_post_is_a_server_error_or_passes_a_refused_role(sweep, url_name):
    cases = sweep[url_name]
    assert cases, f"{url_name} was not posted to"
    failures = [str(case) for case in cases if case.failed]
    assert not failures, f"{len(failures)} of {len(cases)} posts failed:\n" + "\n".join(failures)


def test_wagtails_own_admin_sends_outsiders_to_sign_in(sweep):
    cases = sweep[WAGTAIL_GROUP]
    assert len(cases) >= 10 * len(_OUTSIDERS)
    failures = [str(case) for case in cases if case.failed]
    assert not failures, f"{len(failures)} of {len(cases)} posts failed:\n" + "\n".join(failures)


def test_the_sweep_covers_the_states(sweep):
    """The bodies and sides the brief asks for were all posted, and forms as rendered too."""
    cases = [case for url, url_cases in sweep.items() if url != WAGTAIL_GROUP for case in url_cases]
    sides = {case.side for case in cases}
    assert {OWN, OTHER, ANY, CORRECTION, "unknown id", "own ngo_response"} <= sides
    bodies = {case.body.split(",")[0] for case in cases}
    assert {"empty", "form as rendered", "huge numbers", "nonsense"} <= bodies
    assert {case.role for case in cases} == set(matrix.ROLES)
    group = len(sweep[WAGTAIL_GROUP])
    print(f"post sweep: {len(cases)} posts to {len(sweep) - 1} URL names, {group} to Wagtail's")
