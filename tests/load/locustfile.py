"""The load scenario: respondents autosaving answers and visitors reading the public site.

Run by tests/load/run.py (`make loadtest`), which prepares the data and the server and passes
LOAD_PLAN, LOAD_ACKS and the number of each kind of user (LOAD_RESPONDENTS, LOAD_VISITORS).
Every autosave the server acknowledges (HTTP 200 with a version) is remembered with its text;
run.py then checks the database holds each last acknowledged text.
"""

from __future__ import annotations

import itertools
import json
import os
import random

from locust import HttpUser, between, events, task

PLAN = json.loads(open(os.environ["LOAD_PLAN"]).read())  # noqa: SIM115
ACKNOWLEDGED: dict[str, dict] = {}
# The last text each respondent sent: when the run stops, a save may be on its way (stored by
# the server, its answer never read), so the database may hold this one, one version newer.
SENT: dict[str, str] = {}
TOTALS = {"acknowledged": 0}
_SEATS = itertools.count()

TRACKER_FILTERS = [
    "",
    "?country=KZ",
    "?country=KG&status=partly_implemented",
    "?strength=urges",
    "?q=victims",
    "?sort=-published",
]


class Respondent(HttpUser):
    """An NGO respondent typing an answer: the portal autosaves every couple of seconds."""

    fixed_count = int(os.environ.get("LOAD_RESPONDENTS", "50"))
    wait_time = between(1, 3)

    def on_start(self) -> None:
        self.seat = PLAN["respondents"][next(_SEATS) % len(PLAN["respondents"])]
        self.client.cookies.set("sessionid", self.seat["session"])
        self.section_page()  # the page the respondent types in; it sets the CSRF cookie
        self.csrf = self.client.cookies.get("csrftoken")
        self.version = 0
        self.saves = 0

    @task(8)
    def autosave(self) -> None:
        self.saves += 1
        text = f"{self.seat['username']}: draft {self.saves} of the answer on identification."
        SENT[self.seat["username"]] = text
        url = f"/portal/responses/{self.seat['response']}/answers/{self.seat['question']}/"
        with self.client.post(
            url,
            {"version": str(self.version), self.seat["field"]: text},
            headers={"X-CSRFToken": self.csrf, "Referer": self.host + "/portal/"},
            name="/portal/responses/[pk]/answers/[question]/ (autosave)",
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"autosave answered {response.status_code}")
                return
            self.version = response.json()["version"]
            TOTALS["acknowledged"] += 1
            ACKNOWLEDGED[self.seat["username"]] = {
                "response": self.seat["response"],
                "question": self.seat["question"],
                "text": text,
                "version": self.version,
            }

    @task(1)
    def section_page(self) -> None:
        self.client.get(
            f"/portal/responses/{self.seat['response']}/sections/{self.seat['section']}/",
            name="/portal/responses/[pk]/sections/[section]/",
        )


class Visitor(HttpUser):
    """A member of the public reading the tracker and the published reports."""

    fixed_count = int(os.environ.get("LOAD_VISITORS", "20"))
    wait_time = between(1, 4)

    @task(4)
    def tracker(self) -> None:
        self.client.get(
            "/en/recommendations/" + random.choice(TRACKER_FILTERS),
            name="/en/recommendations/",
        )

    @task(3)
    def report(self) -> None:
        if PLAN["report_pages"]:
            self.client.get(
                random.choice(PLAN["report_pages"]),
                name="/en/countries/[country]/reports/[pk]/",
            )

    @task(1)
    def home(self) -> None:
        self.client.get("/en/", name="/en/")


@events.quitting.add_listener
def write_acknowledged(environment, **kwargs) -> None:
    for username, ack in ACKNOWLEDGED.items():
        ack["in_flight"] = SENT[username]
    with open(os.environ["LOAD_ACKS"], "w") as handle:
        json.dump({"respondents": ACKNOWLEDGED, **TOTALS}, handle, indent=1)
