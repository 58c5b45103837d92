"""The search index: the stems of every indexed text, computed in Python on write
(`stems.stemmed`) and stored in `monitoring.SearchText`, one row per object and field.

Why stems of our own rather than each database's full-text search: PostgreSQL's `russian` and
`english` configurations drop stop words (`IT-компаниями` lost its "IT", so "every word must
occur" failed there) and SQLite has no stemming at all. Here the stemming is the same Snowball
algorithms PostgreSQL's configurations use, done once in Python with the stop words kept, and
each database only looks the stems up, so both give the same hits by construction:

- SQLite: an FTS5 table over `stems` (external content, kept in step by triggers; tokenizer
  `unicode61 remove_diacritics 0`), queried with `MATCH` (`Query.fts5`, every stem quoted);
- PostgreSQL: a GIN index on `to_tsvector('simple', stems)`, queried with
  `to_tsquery('simple', …)` (`Query.tsquery`: `&`, `|`, `!`, `<->` for phrases). `simple`
  only lower-cases, which the stems already are.

The higher apps say what they index (`register`, from their AppConfig.ready): a save of one
object reindexes it (post_save), a delete removes it, and code writing in bulk (`update`,
`bulk_create`) calls `refresh(model, pks)` afterwards. `rebuild_search_index` rebuilds it all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchVector, SearchVectorExact
from django.db import connection
from django.db.models import Model, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.signals import post_delete, post_save

from .query import Query
from .stems import plain, stemmed

FTS_TABLE = "monitoring_searchtext_fts"
BATCH = 2000


@dataclass(frozen=True)
class Indexed:
    model: type[Model]
    fields: tuple[str, ...]
    html: bool  # the fields hold HTML (report text): its markup is never a word
    rows: Callable[[QuerySet], Iterable[tuple]] | None = None  # texts that are not columns


_REGISTRY: dict[str, Indexed] = {}


def target(model: type[Model]) -> str:
    return model._meta.label_lower


def register(
    model: type[Model],
    fields: Iterable[str],
    *,
    html: bool = False,
    saves: bool = True,
    rows: Callable[[QuerySet], Iterable[tuple]] | None = None,
) -> None:
    """Index `fields` of `model`. `saves=False` for fields that a single save never changes
    (written only in bulk, which then calls `refresh`): saves then cost no query. `rows`, for
    texts that are not columns (a Wagtail page's search fields), gives the `(pk, value of each
    field)` tuples of some objects; the app then writes the index on its own saves (`write`)."""
    label = target(model)
    _REGISTRY[label] = Indexed(model, tuple(fields), html, rows)
    if saves:
        post_save.connect(_saved, sender=model, dispatch_uid=f"search-index-save-{label}")
    post_delete.connect(_deleted, sender=model, dispatch_uid=f"search-index-delete-{label}")


def registered() -> list[Indexed]:
    return list(_REGISTRY.values())


def text_stems(text: str, *, html: bool = False) -> str:
    return stemmed(plain(text) if html else text)


def _saved(
    sender, instance, created: bool = False, raw: bool = False, update_fields=None, **kwargs
) -> None:
    if raw:  # fixtures and serialized restores bring their SearchText rows along
        return
    entry = _REGISTRY[target(sender)]
    if update_fields is not None and not set(update_fields) & set(entry.fields):
        return
    values = [(instance.pk, *(getattr(instance, name) for name in entry.fields))]
    if created and not any(values[0][1:]):
        return  # nothing to index, nothing indexed before
    write(target(sender), entry.fields, values, html=entry.html)


def _deleted(sender, instance, **kwargs) -> None:
    from monitoring.models import SearchText

    SearchText.objects.filter(target=target(sender), object_id=instance.pk).delete()


def write(label: str, fields: tuple[str, ...], rows, *, html: bool, model=None) -> int:
    """Replace the index rows of `rows` ((pk, value of each field) tuples). `model` is the
    SearchText model (a migration passes its historical one)."""
    if model is None:
        from monitoring.models import SearchText as model
    rows = list(rows)
    model.objects.filter(target=label, object_id__in=[row[0] for row in rows]).delete()
    model.objects.bulk_create(
        (
            model(target=label, object_id=row[0], field=name, stems=stems)
            for row in rows
            for name, value in zip(fields, row[1:], strict=True)
            if (stems := text_stems(value or "", html=html))
        ),
        batch_size=BATCH,
    )
    return len(rows)


def fill(
    objects: QuerySet,
    label: str,
    fields: tuple[str, ...],
    *,
    html: bool,
    model=None,
    rows: Callable[[QuerySet], Iterable[tuple]] | None = None,
) -> int:
    """Index every object of `objects`, in batches (also for migrations)."""
    pks = list(objects.order_by("pk").values_list("pk", flat=True))
    done = 0
    for start in range(0, len(pks), BATCH):
        chunk = objects.filter(pk__in=pks[start : start + BATCH])
        values = rows(chunk) if rows else chunk.values_list("pk", *fields)
        done += write(label, fields, values, html=html, model=model)
    return done


def refresh(model: type[Model], pks: Iterable[int] | QuerySet | None = None) -> int:
    """Reindex the objects `pks` (ids, or a `.values("pk")` query) of `model`, all of them
    without pks, after a bulk write."""
    entry = _REGISTRY[target(model)]
    objects = model._default_manager.all()
    if pks is not None:
        objects = objects.filter(pk__in=pks if isinstance(pks, QuerySet) else list(pks))
    return fill(objects, target(model), entry.fields, html=entry.html, rows=entry.rows)


def rebuild() -> dict[str, int]:
    """Every registered model reindexed from scratch."""
    from monitoring.models import SearchText

    SearchText.objects.all().delete()
    return {target(entry.model): refresh(entry.model) for entry in registered()}


def matching(model: type[Model], fields: str | Iterable[str], query: Query) -> QuerySet:
    """The ids (`object_id` values) of `model`'s objects of which one of `fields` (a name or
    several) matches `query` as a whole: one index lookup whatever the number of fields."""
    from monitoring.models import SearchText

    fields = [fields] if isinstance(fields, str) else list(fields)
    rows = SearchText.objects.filter(target=target(model), field__in=fields)
    if not query.can_match:
        return rows.none().values("object_id")
    if connection.vendor == "postgresql":
        rows = rows.filter(
            SearchVectorExact(
                SearchVector("stems", config="simple"),
                SearchQuery(query.tsquery(), config="simple", search_type="raw"),
            )
        )
    else:
        rows = rows.filter(
            pk__in=RawSQL(  # noqa: S611 - a constant statement, the query a parameter
                f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",  # noqa: S608
                (query.fts5(),),
            )
        )
    return rows.values("object_id")


def condition(
    model: type[Model], fields: str | Iterable[str], query: Query, *, pk: str = "pk"
) -> Q:
    """A filter on `model` (or on a relation to it, `pk="paragraph_id"`): one of `fields`
    matches the whole query."""
    return Q(**{f"{pk}__in": matching(model, fields, query)})
