"""The public site's pages in the search index (`monitoring.search.index`), so that they are
found like the reports: word forms, phrases, `OR`, `-`, in Russian and English on every
database. Wagtail's own database backend matches words as typed, and that stays only for
Wagtail's admin search.

A page is indexed as it is live: its title (`title`, to rank pages whose title matches first)
and the whole page (`text`: the title and the rest of its search fields, intro, body and
StreamField blocks as Wagtail extracts them), which is what a query must match as a whole.
A page that is not live has no index rows, so neither a draft nor an unpublished page can
match. Wagtail writes a page's row on every publish, unpublish and revision; only a write of
the row's content fields reindexes it (`save_revision` on a live page writes its revision
fields only).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.db import connections
from django.db.models import QuerySet
from django.db.models.signals import post_save
from wagtail.models import Page, get_page_models

from monitoring.models import SearchText
from monitoring.search import index, plain

FIELDS = ("title", "text")


def page_texts(page: Page) -> tuple[str, str]:
    """The live page's title and the rest of its searchable text; nothing for a page that is
    not live."""
    if not page.live:
        return "", ""
    parts: list[str] = []
    for field in type(page).get_searchable_search_fields():
        if field.field_name == "title":
            continue
        value = field.get_value(page)
        parts += [str(item) for item in (value if isinstance(value, list) else [value]) if item]
    return page.title, " ".join(plain(part) for part in parts)


def _row(page: Page) -> tuple[int, str, str]:
    title, rest = page_texts(page)
    return page.pk, title, f"{title} {rest}".strip()


def page_rows(pages: QuerySet) -> Iterator[tuple]:
    for page in pages.specific():
        yield _row(page)


def write(pages: Iterable[Page]) -> None:
    index.write(index.target(Page), FIELDS, [_row(page) for page in pages], html=True)


def _page_saved(sender, instance: Page, raw: bool = False, update_fields=None, **kwargs) -> None:
    if raw:
        return
    if update_fields is not None and not {"title", "live", *_content_fields(sender)} & set(
        update_fields
    ):
        return
    write([instance])


def _content_fields(model: type[Page]) -> set[str]:
    return {field.field_name for field in model.get_searchable_search_fields()}


def unindexed_live_pages() -> QuerySet:
    """Live pages with no index rows: published before pages were indexed, or restored."""
    indexed = SearchText.objects.filter(target=index.target(Page)).values("object_id")
    return Page.objects.live().exclude(pk__in=indexed)


def index_unindexed(using: str = "default", **kwargs) -> None:
    """After `migrate`: an installation's live pages join the index once, without a rebuild
    (not when `migrate` went back to before the index)."""
    if SearchText._meta.db_table in connections[using].introspection.table_names():
        index.refresh(Page, unindexed_live_pages().values("pk"))


def connect() -> None:
    index.register(Page, FIELDS, html=True, saves=False, rows=page_rows)
    for model in get_page_models():
        post_save.connect(_page_saved, sender=model, dispatch_uid=f"page-index-{model._meta.label}")
