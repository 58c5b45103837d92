"""A chapter's paragraphs split by section, for every reader of the text (the editor, the
portal, the PDF, the public report): the same grouping whether the paragraphs are rows or a
published snapshot's dicts."""

from __future__ import annotations

from collections.abc import Callable, Iterable


def by_section[P, S](
    paragraphs: Iterable[P],
    sections: Iterable[S],
    *,
    paragraph_section: Callable[[P], object],
    section_key: Callable[[S], object],
) -> tuple[list[P], list[tuple[S, list[P]]]]:
    """(the paragraphs before the first section, [(section, its paragraphs)] in the sections'
    order). A paragraph naming no known section counts as before the first section, so an
    older snapshot without sections reads as a chapter of paragraphs."""
    parts = [(section, []) for section in sections]
    index = {section_key(section): items for section, items in parts}
    introduction: list[P] = []
    for paragraph in paragraphs:
        index.get(paragraph_section(paragraph), introduction).append(paragraph)
    return introduction, parts


def section_openings[P, S](
    paragraphs: list[P], sections: list[S], *, paragraph_section: Callable[[P], S | None]
) -> tuple[dict[int, list[S]], list[S]]:
    """Where each section's heading goes in a chapter read paragraph by paragraph: {index of a
    paragraph: the sections whose headings come just before it (its own, and empty ones before
    it)}, and the sections left after the last paragraph (empty ones). For templates that
    loop over a chapter's paragraphs."""
    waiting = list(sections)
    openings: dict[int, list[S]] = {}
    for index, paragraph in enumerate(paragraphs):
        own = paragraph_section(paragraph)
        if own is not None and any(own is section for section in waiting):
            position = next(i for i, section in enumerate(waiting) if section is own)
            openings[index], waiting = waiting[: position + 1], waiting[position + 1 :]
    return openings, waiting
