"""What the respondents' portal shows as waiting for an organisation, and what it has done.

The portal sits above the apps whose work it lists, so it cannot import them; instead each app
registers a provider with Wagtail's hooks (`register_portal_dashboard_items`): a function of
the user returning `WaitingItem`s. Open work is listed first, soonest due first; finished work
goes to the history below it, most recent first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from wagtail import hooks

HOOK = "register_portal_dashboard_items"


@dataclass(frozen=True)
class WaitingItem:
    title: str
    subtitle: str
    url: str
    status: str
    due: date | None = None
    #: Finished work (submitted, past, closed): shown in the history, on this date.
    done_on: date | None = None

    @property
    def is_open(self) -> bool:
        return self.done_on is None


def items_for(user) -> tuple[list[WaitingItem], list[WaitingItem]]:
    """(open work, soonest due first; finished work, most recent first) from every provider."""
    items = [item for provider in hooks.get_hooks(HOOK) for item in provider(user)]
    waiting = sorted((i for i in items if i.is_open), key=lambda i: (i.due is None, i.due))
    done = sorted((i for i in items if not i.is_open), key=lambda i: i.done_on, reverse=True)
    return waiting, done
