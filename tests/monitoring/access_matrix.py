"""The access matrix: for every URL of the project, what each role gets.

`monitoring.access` holds the rules (who may see which rows); this table is their promise at
the edge, one line per URL name: the action (list, read, change, export), the kind of object
it takes, and for every role the answer for an object of the role's own country ("own") and of
another country ("other"). `tests/monitoring/test_access_matrix.py` walks every URL pattern of
the resolver as every role and compares; a URL that is in the resolver but not here fails it.

The demo roles are Kyrgyz (ngo-kg, kg-official, kg-contact, and expert-kz-2, a rapporteur of
Kyrgyzstan's evaluation), so "own" is a Kyrgyz object (the draft report with the government,
the in-progress responses, the visit) and "other" a Kazakh one (the published report, the
submitted response). Objects that belong to no country (rounds, questionnaires) are "any".

Adding a URL: add a row to `_TABLE` (a new view of a model viewset: to `_VIEWSETS`) with its
name (`namespace:name`, or the route of an unnamed pattern), its action, the object kind its
arguments come from (a key of `tests/monitoring/matrix_objects.py`'s `build()`, or None) and a
rule; declare a new rule if none says what the URL must answer. URLs that Wagtail registers
for itself fall under `WAGTAIL_CORE` and need no row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class MatrixRole(StrEnum):
    """`monitoring.access.Role`, plus the rapporteur: an expert assigned to the evaluation."""

    ANONYMOUS = "anonymous"
    NGO_RESPONDENT = "ngo_respondent"
    GOVERNMENT_RESPONDENT = "government_respondent"
    CONTACT_PERSON = "contact_person"
    EXPERT = "expert"
    RAPPORTEUR = "rapporteur"
    SECRETARIAT = "secretariat"
    SUPERUSER = "superuser"


ROLES: tuple[MatrixRole, ...] = tuple(MatrixRole)

# The demo account walked for each role (None: signed out). The superuser is made by the test.
DEMO_USERS: dict[MatrixRole, str | None] = {
    MatrixRole.ANONYMOUS: None,
    MatrixRole.NGO_RESPONDENT: "ngo-kg",
    MatrixRole.GOVERNMENT_RESPONDENT: "kg-official",
    MatrixRole.CONTACT_PERSON: "kg-contact",
    MatrixRole.EXPERT: "expert-tm-2",  # rapporteur of Uzbekistan only: neither KG nor KZ
    MatrixRole.RAPPORTEUR: "expert-kz-2",  # rapporteur of Kyrgyzstan, not of Kazakhstan
    MatrixRole.SECRETARIAT: "secretariat",
    MatrixRole.SUPERUSER: "matrix-superuser",
}

OWN, OTHER, ANY = "own", "other", "any"


class Action(StrEnum):
    LIST = "list"
    READ = "read"
    CHANGE = "change"
    EXPORT = "export"


class Outcome(StrEnum):
    OK = "200"  # shown (or streamed)
    MOVED = "302"  # a redirect elsewhere than a sign-in page or the admin dashboard
    LOGIN = "login"  # a redirect to a sign-in page (the portal's or the back office's)
    ADMIN_HOME = "home"  # Wagtail's refusal inside the back office: back to /admin/, a message
    FORBIDDEN = "403"
    NOT_FOUND = "404"
    NOT_ALLOWED = "405"  # a POST-only URL asked with GET: nothing is read


@dataclass(frozen=True)
class Rule:
    """For every role, the answer on an own-country object and on an other-country object."""

    name: str
    own: dict[MatrixRole, Outcome]
    other: dict[MatrixRole, Outcome]

    def expected(self, role: MatrixRole, side: str) -> Outcome:
        return (self.other if side == OTHER else self.own)[role]


_LETTERS: dict[str, Outcome] = {
    "S": Outcome.OK,  # shown
    "M": Outcome.MOVED,
    "L": Outcome.LOGIN,
    "H": Outcome.ADMIN_HOME,
    "F": Outcome.FORBIDDEN,
    "N": Outcome.NOT_FOUND,
    "X": Outcome.NOT_ALLOWED,
}


def _row(name: str, letters: str) -> dict[MatrixRole, Outcome]:
    outcomes = letters.split()
    if len(outcomes) != len(ROLES):
        raise ValueError(f"rule {name!r}: one outcome per role ({len(ROLES)}): {letters!r}")
    return {role: _LETTERS[letter] for role, letter in zip(ROLES, outcomes, strict=True)}


def rule(name: str, own: str, *, other: str | None = None) -> Rule:
    """One letter per role in `ROLES` order (S 200, M redirect, L sign-in, H admin home,
    F 403, N 404, X 405); `other` when the other country's object is answered differently."""
    return Rule(name, _row(name, own), _row(name, other or own))


@dataclass(frozen=True)
class Entry:
    url: str  # "namespace:name", or the full route of an unnamed pattern
    action: Action
    objects: str | None  # the object kind its URL arguments come from
    rule: Rule


@dataclass(frozen=True)
class Group:
    """URLs declared together: Wagtail's own admin, matched by name or route; a sample of them
    (with their arguments) is walked, every other match only has to be refused to outsiders."""

    name: str
    pattern: re.Pattern[str]
    rule: Rule
    samples: tuple[Entry, ...]


# --- Rules -------------------------------------------------------------------------------
# Columns: anonymous, NGO respondent, government respondent, contact person, expert,
# rapporteur, secretariat, superuser. `other=` when the other country's object differs.
#
# Public: the site, the tracker, the open data; what is not published is 404 for everyone,
# signed in or not (the public face reads as an anonymous visitor).
PUBLIC = rule(
    "public",
    "S S S S S S S S",
)
PUBLISHED_ONLY = rule(
    "published only (own: Kyrgyzstan's draft, other: Kazakhstan's published report)",
    "N N N N N N N N",
    other="S S S S S S S S",
)
NOTHING_THERE = rule(
    "nothing to show: 404 for everyone",
    "N N N N N N N N",
)
SIGN_IN_FORM = rule(
    "sign-in form: a signed-in user is sent on",
    "S M M M M M M M",
)
BACK_OFFICE_SIGN_IN = rule(
    "back-office sign-in: staff are sent on to the dashboard",
    "S S S S H H H H",
)
POST_ONLY_PUBLIC = rule(
    "POST only, for everyone",
    "X X X X X X X X",
)
REDIRECTS = rule(
    "a redirect for everyone",
    "M M M M M M M M",
)
SECOND_STEP_DONE = rule(
    "the second sign-in step, passed already: sent on",
    "L M M M M M M M",
)
# The portal: sign-in first; a workspace is its organisation's (and the expert group's).
PORTAL_HOME = rule(
    "portal home: any signed-in user",
    "L S S S S S S S",
)
PORTAL_POST_ONLY = rule(
    "portal, POST only: sign-in first, then 405",
    "L X X X X X X X",
)
SCRIPT_POST_ONLY = rule(
    "a script's POST-only endpoint (autosave): 405 to any GET; without a session a POST gets "
    "JSON 401 with the sign-in address",
    "X X X X X X X X",
)
GOVERNMENT_WORKSPACE = rule(
    "the government's reply: its officials and the expert group",
    "L N S S S S S S",
    other="L N N N S S S S",
)
NGO_WORKSPACE = rule(
    "an NGO's reply: that NGO and the expert group, never the government",
    "L S N N S S S S",
    other="L N N N S S S S",
)
GOVERNMENT_SUBMIT = rule(
    "submitting the government's reply: the contact person only",
    "L N F S F F F F",
    other="L N N N F F F F",
)
NGO_SUBMIT = rule(
    "submitting an NGO's reply: that NGO only",
    "L S N N F F F F",
    other="L N N N F F F F",
)
GOVERNMENT_DRAFT = rule(
    "the draft report in the portal: the evaluated government once the draft reached it",
    "L N S S N N N N",
    other="L N N N N N N N",
)
FOLLOW_UP_NOT_ASKED = rule(
    "the portal's follow-up: not asked of Kyrgyzstan yet, never of another government",
    "L N N N N N N N",
)
VISIT_PROGRAMME = rule(
    "a visit's programme: the visited government and the expert group, never NGOs",
    "L N S S S S S S",
    other="L N N N S S S S",
)
# The back office: Wagtail sends respondents and anonymous visitors to its sign-in page.
STAFF = rule(
    "back office: the expert group reads",
    "L L L L S S S S",
)
STAFF_POST_ONLY = rule(
    "back office, POST only",
    "L L L L X X X X",
)
SECRETARIAT_MODEL = rule(
    "back office: the secretariat's screen (experts go back to the dashboard)",
    "L L L L H H S S",
)
SECRETARIAT_NOTHING_KEPT = rule(
    "back office: the secretariat's kept import preview; the walk keeps none, so the secretariat"
    " is sent on to the upload (experts go back to the dashboard)",
    "L L L L H H M M",
)
SUPERUSER_MODEL = rule(
    "back office: deleting, the superuser only",
    "L L L L H H H S",
)
NO_DELETE = rule(
    "back office: a frozen questionnaire's parts: everyone is sent back to the builder",
    "L L L L M M M M",
)
SECRETARIAT_POST_ONLY = rule(
    "back office: the secretariat, POST only",
    "L L L L H H X X",
)
VISIT_INSIDERS = rule(
    "a visit's confidential files: the secretariat, the delegation and the rapporteurs",
    "L L L L N S S S",
    other="L L L L N N S S",
)
RAPPORTEURS_WRITE = rule(
    "writing a report: the secretariat and the evaluation's rapporteurs",
    "L L L L H S S S",
    other="L L L L H H S S",
)
COMMENT_RESPONSE = rule(
    "answering a government comment: only once submitted (own: still in progress)",
    "L L L L H N N N",
    other="L L L L H H S S",
)
WAGTAIL_CORE_RULE = rule(
    "Wagtail admin core: staff only; respondents and anonymous are sent to sign in",
    "L L L L S S S S",
)

LI, RE, CH, EX = Action.LIST, Action.READ, Action.CHANGE, Action.EXPORT

# (URL, action, object kind, rule)
_TABLE: list[tuple[str, Action, str | None, Rule]] = [
    # --- Sign-in, language, public site -------------------------------------------------
    ("login", RE, None, SIGN_IN_FORM),
    ("logout", CH, None, POST_ONLY_PUBLIC),
    # The second sign-in step and the account's security page (tests/accounts walks the
    # sessions that still owe the step; here every signed-in session has passed it).
    ("accounts:second_factor", RE, None, SECOND_STEP_DONE),
    ("accounts:setup", CH, None, PORTAL_HOME),
    ("accounts:security", RE, None, PORTAL_HOME),
    ("accounts:recovery_codes", CH, None, PORTAL_POST_ONLY),
    ("accounts:remove", CH, None, PORTAL_POST_ONLY),
    # Links sent by e-mail: a bad link shows an explanation to anyone.
    ("accounts:invitation", CH, "password_reset_token", PUBLIC),
    ("accounts:password_reset", CH, None, PUBLIC),
    ("accounts:password_reset_done", RE, None, PUBLIC),
    ("accounts:password_reset_confirm", CH, "password_reset_token", PUBLIC),
    ("accounts:password_reset_complete", RE, None, PUBLIC),
    ("set_language", CH, None, REDIRECTS),
    ("sitemap", RE, None, PUBLIC),
    ("javascript_catalog", RE, None, PUBLIC),
    ("feed_rss", LI, None, PUBLIC),
    ("feed_atom", LI, None, PUBLIC),
    ("tracker", LI, None, PUBLIC),
    ("tracker_download", EX, "tracker_format", PUBLIC),
    ("statistics", LI, None, PUBLIC),
    ("statistics_download", EX, "tracker_format", PUBLIC),
    ("report_pdf", EX, "report", PUBLISHED_ONLY),
    ("wagtail_serve", RE, "country_report_page", PUBLISHED_ONLY),
    ("wagtail_serve", RE, "country_reply_page", PUBLISHED_ONLY),
    ("wagtail_serve", EX, "country_reply_pdf", PUBLISHED_ONLY),
    ("wagtail_serve", RE, "public_page", PUBLIC),
    ("wagtailcore_login", RE, None, PUBLIC),
    ("wagtailcore_authenticate_with_password", CH, "page_restriction", NOTHING_THERE),
    ("wagtaildocs_serve", RE, "document", PUBLIC),
    ("wagtaildocs_authenticate_with_password", CH, "document_restriction", NOTHING_THERE),
    # --- Open-data API --------------------------------------------------------------------
    ("api-v1:api-root", RE, None, NOTHING_THERE),
    ("api-v1:openapi-json", RE, None, PUBLIC),
    ("api-v1:openapi-view", RE, None, PUBLIC),
    ("api-v1:countries", LI, None, PUBLIC),
    ("api-v1:rounds", LI, None, PUBLIC),
    ("api-v1:reports", LI, None, PUBLIC),
    ("api-v1:report", RE, "api_report", PUBLISHED_ONLY),
    ("api-v1:replies", LI, None, PUBLIC),
    ("api-v1:reply", RE, "api_reply", PUBLISHED_ONLY),
    ("api-v1:recommendations", LI, None, PUBLIC),
    ("api-v1:recommendation_history", RE, "api_recommendation", PUBLISHED_ONLY),
    ("api-v1:statistics", LI, None, PUBLIC),
    ("api-v1:indicators", LI, None, PUBLIC),
    ("api-v1:indicator_table", RE, "api_indicator", PUBLIC),
    # --- Visit programme (portal face and back office) ------------------------------------
    ("visit_programme", RE, "visit", VISIT_PROGRAMME),
    ("visit_programme_pdf", EX, "visit", VISIT_PROGRAMME),
    # --- Portal ---------------------------------------------------------------------------
    ("portal:dashboard", LI, None, PORTAL_HOME),
    ("portal:response", RE, "government_response", GOVERNMENT_WORKSPACE),
    ("portal:response", RE, "ngo_response", NGO_WORKSPACE),
    ("portal:section", CH, "government_section", GOVERNMENT_WORKSPACE),
    ("portal:section", CH, "ngo_section", NGO_WORKSPACE),
    ("portal:autosave", CH, "government_question", SCRIPT_POST_ONLY),
    ("portal:autosave", CH, "ngo_question", SCRIPT_POST_ONLY),
    ("portal:upload", CH, "government_question", PORTAL_POST_ONLY),
    ("portal:upload", CH, "ngo_question", PORTAL_POST_ONLY),
    ("portal:submit", CH, "government_response", GOVERNMENT_SUBMIT),
    ("portal:submit", CH, "ngo_response", NGO_SUBMIT),
    ("portal:assign", CH, "government_section", PORTAL_POST_ONLY),
    ("portal:extension", CH, "government_response", PORTAL_POST_ONLY),
    ("portal:confidential", CH, "ngo_response", PORTAL_POST_ONLY),
    ("portal:consent_withdraw", CH, "ngo_response", NGO_SUBMIT),
    ("portal:answer_file", EX, "government_file", GOVERNMENT_WORKSPACE),
    ("portal:answer_file", EX, "ngo_file", NGO_WORKSPACE),
    ("portal:workbook", EX, "government_response", GOVERNMENT_WORKSPACE),
    ("portal:workbook", EX, "ngo_response", NGO_WORKSPACE),
    ("portal:workbook_upload", CH, "government_response", GOVERNMENT_WORKSPACE),
    ("portal:workbook_upload", CH, "ngo_response", NGO_WORKSPACE),
    ("portal:response_pdf", EX, "government_response", GOVERNMENT_WORKSPACE),
    ("portal:response_pdf", EX, "ngo_response", NGO_WORKSPACE),
    ("portal:report", RE, "report", GOVERNMENT_DRAFT),
    ("portal:report_comment_add", CH, "report", PORTAL_POST_ONLY),
    ("portal:report_comment_edit", CH, "comment", GOVERNMENT_DRAFT),
    ("portal:report_comment_delete", CH, "comment", GOVERNMENT_DRAFT),
    ("portal:report_comments_submit", CH, "report", GOVERNMENT_DRAFT),
    ("portal:report_follow_up", CH, "report", FOLLOW_UP_NOT_ASKED),
    ("portal:report_follow_up_submit", CH, "report", FOLLOW_UP_NOT_ASKED),
    ("portal:report_follow_up_update_delete", CH, "progress_update", FOLLOW_UP_NOT_ASKED),
    ("portal:report_evidence", EX, "evidence", GOVERNMENT_WORKSPACE),
    ("portal:report_pdf", EX, "report", GOVERNMENT_DRAFT),
    # --- Back office: procedure and visits ------------------------------------------------
    ("procedure:dashboard", LI, None, STAFF),
    ("procedure:guide", RE, None, STAFF),
    ("accounts_admin:invitations", CH, None, SECRETARIAT_MODEL),
    ("accounts_admin:resend", CH, "invited_user", SECRETARIAT_POST_ONLY),
    ("procedure:evaluation", RE, "evaluation", STAFF),
    ("procedure:transition", CH, "evaluation", STAFF_POST_ONLY),
    ("procedure:rapporteurs", CH, "evaluation", STAFF_POST_ONLY),
    ("procedure:extend", CH, "deadline", STAFF_POST_ONLY),
    ("procedure:agenda", RE, "plenary", STAFF),
    ("procedure:timeline", RE, "round", STAFF),
    ("procedure:visits", LI, None, STAFF),
    ("procedure:visit_add", CH, None, SECRETARIAT_MODEL),
    ("procedure:visit", RE, "visit", STAFF),
    ("procedure:visit_edit", CH, "visit", SECRETARIAT_MODEL),
    ("procedure:meeting_add", CH, "visit", STAFF_POST_ONLY),
    ("procedure:meeting_delete", CH, "visit_meeting", SECRETARIAT_MODEL),
    ("procedure:note_save", CH, "visit_meeting", STAFF_POST_ONLY),
    ("procedure:attachment_add", CH, "visit", STAFF_POST_ONLY),
    ("procedure:attachment", EX, "visit_attachment", VISIT_INSIDERS),
    # --- Back office: questionnaires ------------------------------------------------------
    ("questionnaire_reading:index", LI, None, STAFF),
    ("questionnaire_reading:response", RE, "government_response", STAFF),
    ("questionnaire_reading:response", RE, "ngo_response", STAFF),
    ("questionnaire_reading:response_xlsx", EX, "ngo_response", STAFF),
    ("questionnaire_reading:response_csv", EX, "ngo_response", STAFF),
    ("questionnaire_reading:response_pdf", EX, "ngo_response", STAFF),
    ("questionnaire_reading:round_xlsx", EX, "round_pk", STAFF),
    ("questionnaire_reading:round_statistics", EX, "round_pk", STAFF),
    ("questionnaire_reading:compare", RE, "question", STAFF),
    ("questionnaire_reading:statistics", RE, "statistics_question", STAFF),
    ("questionnaire_builder:dispatch", CH, None, SECRETARIAT_MODEL),
    ("questionnaire_builder:detail", RE, "questionnaire", STAFF),
    ("questionnaire_builder:preview", RE, "questionnaire_section", STAFF),
    ("questionnaire_builder:freeze", CH, "questionnaire", STAFF_POST_ONLY),
    ("questionnaire_builder:new_version", CH, "questionnaire", STAFF_POST_ONLY),
    ("questionnaire_builder:clone", CH, "questionnaire", STAFF_POST_ONLY),
    ("questionnaire_builder:follow_up", CH, "questionnaire", STAFF_POST_ONLY),
    ("questionnaire_builder:response", RE, "ngo_response", STAFF),
    ("questionnaire_builder:reopen", CH, "government_response", STAFF_POST_ONLY),
    ("questionnaire_builder:answer_history", RE, "ngo_question", STAFF),
    ("questionnaire_builder:extension_decide", CH, "extension", STAFF_POST_ONLY),
    # --- Back office: reports -------------------------------------------------------------
    ("reports:index", LI, None, STAFF),
    ("reports:add", CH, None, STAFF),  # the demo's experts are all rapporteurs of one
    ("reports:editor", CH, "report", STAFF),
    ("reports:chapter_add", CH, "report", STAFF_POST_ONLY),
    ("reports:chapter_edit", CH, "report_chapter", RAPPORTEURS_WRITE),
    ("reports:chapter_move", CH, "report_chapter", RAPPORTEURS_WRITE),
    ("reports:chapter_delete", CH, "report_chapter", RAPPORTEURS_WRITE),
    ("reports:section_add", CH, "report_chapter", RAPPORTEURS_WRITE),
    ("reports:section_edit", CH, "report_section", RAPPORTEURS_WRITE),
    ("reports:section_move", CH, "report_section", RAPPORTEURS_WRITE),
    ("reports:section_delete", CH, "report_section", RAPPORTEURS_WRITE),
    ("reports:paragraph_add", CH, "report", RAPPORTEURS_WRITE),
    ("reports:paragraph_edit", CH, "paragraph", RAPPORTEURS_WRITE),
    ("reports:paragraph_move", CH, "paragraph", RAPPORTEURS_WRITE),
    ("reports:paragraph_delete", CH, "paragraph", RAPPORTEURS_WRITE),
    ("recommendations:recommendation_add", CH, "report", RAPPORTEURS_WRITE),
    ("recommendations:recommendation_edit", CH, "report_recommendation", RAPPORTEURS_WRITE),
    ("reports:comment_respond", CH, "comment", COMMENT_RESPONSE),
    ("reports:compare", RE, "report", STAFF),
    ("reports:publish", CH, "report", SECRETARIAT_MODEL),
    ("reports:correction_open", CH, "report", SECRETARIAT_MODEL),
    ("reports:stage", CH, "report", SECRETARIAT_MODEL),
    ("reports:chapter_adoption", CH, "chapter", SECRETARIAT_MODEL),
    ("reports:paragraph_placeholders", CH, "paragraph", SECRETARIAT_MODEL),
    ("reports:recommendation_placeholders", CH, "report_recommendation", SECRETARIAT_MODEL),
    ("recommendations:follow_up", RE, "report", STAFF),
    ("recommendations:recommendation", RE, "recommendation", STAFF),
    ("recommendations:assess", CH, "recommendation", STAFF_POST_ONLY),
    ("recommendations:status", LI, None, STAFF),
    ("reports:pdf", EX, "report", STAFF),
    ("recommendations:export_index", LI, None, STAFF),
    ("recommendations:export_csv", EX, None, STAFF),
    ("recommendations:export_xlsx", EX, None, STAFF),
    ("recommendations:export_json", EX, None, STAFF),
    ("recommendations:import", CH, None, SECRETARIAT_MODEL),
    ("recommendations:import_preview", RE, None, SECRETARIAT_NOTHING_KEPT),
    ("recommendations:import_confirm", CH, None, STAFF_POST_ONLY),
    ("recommendations:import_discard", CH, None, STAFF_POST_ONLY),
    ("observation_import:upload", CH, None, SECRETARIAT_MODEL),
    ("observation_import:preview", RE, None, SECRETARIAT_NOTHING_KEPT),
    ("observation_import:confirm", CH, None, STAFF_POST_ONLY),
    ("observation_import:discard", CH, None, STAFF_POST_ONLY),
    # --- Wagtail's sign-in and password pages (outside the group: open to everyone) -------
    ("wagtailadmin_login", RE, None, BACK_OFFICE_SIGN_IN),
    ("wagtailadmin_javascript_catalog", RE, None, PUBLIC),
    ("wagtailadmin_sprite", RE, None, PUBLIC),
    # Password reset by the back office is switched off (WAGTAIL_PASSWORD_RESET_ENABLED).
    ("wagtailadmin_password_reset", CH, None, NOTHING_THERE),
    ("wagtailadmin_password_reset_done", RE, None, NOTHING_THERE),
    ("wagtailadmin_password_reset_confirm", CH, "password_reset_token", NOTHING_THERE),
    ("wagtailadmin_password_reset_complete", RE, None, NOTHING_THERE),
]

# The project's model viewsets in the admin, each of their URLs declared: the expert group
# lists and inspects, the secretariat manages (history and usage included); overrides per view.
_ALL = "index index_results add edit delete history history_results usage inspect copy"
_NO_INSPECT = "index index_results add edit delete history history_results usage"
_VIEWSETS: dict[str, tuple[str, str, Rule, Rule, dict[str, Rule]]] = {
    # namespace: (object kind, its views, rule to list/inspect, rule to manage, overrides)
    "country": ("country", _ALL, STAFF, SECRETARIAT_MODEL, {}),
    "organisation": ("organisation", _ALL, STAFF, SECRETARIAT_MODEL, {}),
    "expertmember": ("expert", _ALL, STAFF, SECRETARIAT_MODEL, {}),
    "membership": ("membership", f"{_NO_INSPECT} copy", STAFF, SECRETARIAT_MODEL, {}),
    # The audit log is the secretariat's alone, and nobody edits it.
    "auditevent": (
        "audit_event",
        "index index_results inspect",
        SECRETARIAT_MODEL,
        SECRETARIAT_MODEL,
        {},
    ),
    # The catalogue: the secretariat keeps it. National figures: the expert group marks them;
    # nobody adds or deletes one here (they come from validated tables).
    "indicator": (
        "indicator",
        _NO_INSPECT + " inspect",
        STAFF,
        SECRETARIAT_MODEL,
        {
            "delete": SUPERUSER_MODEL,
        },
    ),
    "observation": (
        "observation",
        "index index_results edit inspect history history_results usage",
        STAFF,
        STAFF,
        {},
    ),
    "countryevaluation": (
        "evaluation",
        _NO_INSPECT,
        STAFF,
        SECRETARIAT_MODEL,
        {"delete": SUPERUSER_MODEL},
    ),
    "evaluationround": ("round_pk", _ALL, STAFF, SECRETARIAT_MODEL, {"delete": SUPERUSER_MODEL}),
    "plenary": (
        "plenary",
        f"{_NO_INSPECT} copy",
        STAFF,
        SECRETARIAT_MODEL,
        {"delete": SUPERUSER_MODEL},
    ),
    # An adopted questionnaire (and its sections and questions) is frozen: no deletion.
    "questionnaire": (
        "questionnaire",
        _NO_INSPECT,
        STAFF,
        SECRETARIAT_MODEL,
        {"delete": NO_DELETE},
    ),
    "section": (
        "section",
        f"{_NO_INSPECT} reorder",
        STAFF,
        SECRETARIAT_MODEL,
        {"delete": NO_DELETE, "reorder": SECRETARIAT_POST_ONLY},
    ),
    "question": (
        "question",
        f"{_NO_INSPECT} reorder copy",
        STAFF,
        SECRETARIAT_MODEL,
        {"delete": NO_DELETE, "reorder": SECRETARIAT_POST_ONLY},
    ),
    "response": ("ngo_response", _NO_INSPECT, STAFF, SECRETARIAT_MODEL, {}),
}
_VIEW_ACTIONS: dict[str, Action] = {
    "index": LI,
    "index_results": LI,
    "add": CH,
    "edit": CH,
    "delete": CH,
    "history": RE,
    "history_results": RE,
    "usage": RE,
    "inspect": RE,
    "copy": CH,
    "reorder": CH,
}


def _viewset_entries() -> list[Entry]:
    entries = []
    for namespace, (kind, views, list_rule, manage_rule, overrides) in _VIEWSETS.items():
        for view in views.split():
            listing = view in {"index", "index_results", "inspect"}
            entries.append(
                Entry(
                    f"{namespace}:{view}",
                    _VIEW_ACTIONS[view],
                    None if view in {"index", "index_results", "add"} else kind,
                    overrides.get(view, list_rule if listing else manage_rule),
                )
            )
    return entries


ENTRIES: tuple[Entry, ...] = tuple(Entry(*row) for row in _TABLE) + tuple(_viewset_entries())

# Wagtail's own admin: one rule, walked on a sample; every argument-free URL of the group is
# also walked as anonymous and as a respondent (both must be sent to sign in).
WAGTAIL_CORE = Group(
    "Wagtail admin core",
    re.compile(r"^(wagtail[a-z_]*(:|$)|admin/test404/$|admin/\^\.\*/\$$)"),
    WAGTAIL_CORE_RULE,
    samples=(
        Entry("wagtailadmin_home", LI, None, WAGTAIL_CORE_RULE),
        Entry("wagtailadmin_explore_root", LI, None, SECRETARIAT_MODEL),
        Entry("wagtailadmin_pages:edit", CH, "page", SECRETARIAT_MODEL),
        Entry("wagtailimages:index", LI, None, SUPERUSER_MODEL),
        Entry("wagtaildocs:index", LI, None, SUPERUSER_MODEL),
        Entry("wagtailusers_users:index", LI, None, SUPERUSER_MODEL),
        Entry("wagtailusers_groups:index", LI, None, SUPERUSER_MODEL),
        Entry("wagtailadmin_api:pages:listing", LI, None, WAGTAIL_CORE_RULE),
        Entry("wagtailforms:index", LI, None, SECRETARIAT_MODEL),
        Entry("wagtailadmin_account", CH, None, WAGTAIL_CORE_RULE),
    ),
)
