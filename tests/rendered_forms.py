"""Submit a form as the page rendered it: its action, method, field names, prefixes and hidden
inputs, with only the values a person would change.

A write test that builds its own payload can pass while the page's real form fails (a view that
reads an unprefixed field the form never sends). These helpers read the form out of the HTML the
view returned, so the test posts exactly what a browser would.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urljoin

from bs4 import BeautifulSoup
from bs4.element import Tag

_SUBMITS = {"submit", "image"}
_NOT_SENT = {"button", "reset", "file"}


@dataclass
class RenderedForm:
    """One `<form>` of a page: where it goes and what it would send untouched."""

    action: str
    method: str
    fields: dict[str, list[str]] = field(default_factory=dict)
    names: set[str] = field(default_factory=set)  # every control's name, sent or not
    submit_buttons: dict[str, str] = field(default_factory=dict)

    def data(self, changes: dict[str, str | list[str] | None] | None = None, *, press=None):
        """The payload: the rendered values, with `changes` applied. A change must name a
        control the form has (a typo or a renamed field fails the test instead of being sent
        silently); `None` unchecks or clears it. `press` names the submit button clicked."""
        payload = {name: list(values) for name, values in self.fields.items()}
        for name, value in (changes or {}).items():
            if name not in self.names:
                raise AssertionError(f"the rendered form has no field {name!r}: {self.names}")
            if value is None:
                payload.pop(name, None)
            else:
                payload[name] = list(value) if isinstance(value, list | tuple) else [value]
        if press is not None:
            if press not in self.submit_buttons:
                raise AssertionError(f"no submit button {press!r}: {self.submit_buttons}")
            payload[press] = [self.submit_buttons[press]]
        return payload


def forms_in(response, selector: str = "form") -> list[RenderedForm]:
    """Every form matching the CSS `selector` in a test client's response."""
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    base = response.wsgi_request.get_full_path() if hasattr(response, "wsgi_request") else "/"
    return [_read(form, base) for form in soup.select(selector)]


def form_in(response, selector: str = "form") -> RenderedForm:
    """The one form matching `selector`; fails when there is none or more than one."""
    found = forms_in(response, selector)
    assert len(found) == 1, f"expected one form for {selector!r}, found {len(found)}"
    return found[0]


def submit(client, response, selector: str = "form", changes=None, *, press=None, **extra):
    """Post (or get) the rendered form matching `selector`, with `changes`, like a browser."""
    form = form_in(response, selector)
    payload = form.data(changes, press=press)
    if form.method == "get":
        return client.get(form.action, payload, **extra)
    return client.post(form.action, payload, **extra)


def _read(form: Tag, base: str) -> RenderedForm:
    rendered = RenderedForm(
        action=urljoin(base, form.get("action") or base),
        method=(form.get("method") or "get").lower(),
    )
    for control in form.find_all(["input", "select", "textarea", "button"]):
        name = control.get("name")
        if not name or control.has_attr("disabled"):
            continue
        rendered.names.add(name)
        kind = (control.get("type") or "").lower()
        if control.name == "button" or kind in _SUBMITS:
            if kind in _SUBMITS or (control.name == "button" and kind in ("", "submit")):
                rendered.submit_buttons[name] = control.get("value", "")
            continue
        if control.name == "input" and kind in _NOT_SENT:
            continue
        for value in _values(control, kind):
            rendered.fields.setdefault(name, []).append(value)
    return rendered


def _values(control: Tag, kind: str) -> list[str]:
    if control.name == "textarea":
        text = control.get_text()
        return [text[1:] if text.startswith("\n") else text]
    if control.name == "select":
        chosen = [o for o in control.find_all("option") if o.has_attr("selected")]
        if not chosen and not control.has_attr("multiple"):
            chosen = control.find_all("option")[:1]
        return [o.get("value", o.get_text()) for o in chosen]
    if kind in ("checkbox", "radio"):
        return [control.get("value", "on")] if control.has_attr("checked") else []
    return [control.get("value", "")]
