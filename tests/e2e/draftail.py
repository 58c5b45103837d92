"""Typing into the report editor's Draftail fields as a person does: click into the editor of the
field with that label, type, and use its toolbar (shown over a selection)."""

from __future__ import annotations

import json
import re

from playwright.sync_api import Locator, Page, expect


def _as_in_json(text: str) -> re.Pattern:
    """`text` as it appears inside the contentstate JSON."""
    return re.compile(re.escape(json.dumps(text, ensure_ascii=False)[1:-1]))


def _field(page: Page, label: str) -> Locator:
    return page.locator(".procedure-form__field").filter(
        # The label alone, or followed by what the label carries (a recommendation's lead-in).
        has=page.locator("label", has_text=re.compile(f"^{re.escape(label)}(\\s|$)"))
    )


def editor(page: Page, label: str) -> Locator:
    return _field(page, label).locator(".Draftail-Editor [contenteditable='true']")


def type_into(page: Page, label: str, text: str, *, replace: bool = True) -> Locator:
    box = editor(page, label)
    box.click()
    if replace:
        page.keyboard.press("ControlOrMeta+A")
        page.keyboard.press("Delete")
    page.keyboard.type(text)
    # Draftail writes its state into the hidden input every 250 ms: wait for it, as a person's
    # move to the next field does, before the form is sent.
    hidden = _field(page, label).locator("input[type=hidden]").first
    expect(hidden).to_have_value(_as_in_json(text))
    return box


def select_text(page: Page, box: Locator, text: str) -> None:
    """Select `text` inside the editor `box` (its first occurrence), as a drag would."""
    box.evaluate(
        """(root, wanted) => {
            const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const at = node.data.indexOf(wanted);
                if (at >= 0) {
                    const range = document.createRange();
                    range.setStart(node, at);
                    range.setEnd(node, at + wanted.length);
                    const selection = window.getSelection();
                    selection.removeAllRanges();
                    selection.addRange(range);
                    return;
                }
            }
            throw new Error('text not in the editor: ' + wanted);
        }""",
        text,
    )


def press_tool(page: Page, name: str) -> None:
    """A toolbar button by its description (Draftail's aria-label), e.g. "Bulleted list"."""
    page.get_by_role("button", name=re.compile(f"^{re.escape(name)}")).first.click()


def saved(page: Page, name: str, *texts: str) -> None:
    """Wait until Draftail has written its state (it saves every 250 ms) with `texts` into the
    hidden input `name` that the form posts."""
    hidden = page.locator(f"input[type=hidden][name={name}]")
    for text in texts:
        expect(hidden).to_have_value(_as_in_json(text))
