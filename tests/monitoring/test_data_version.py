"""The data's version (`monitoring.data_version`): raised by every write of public data inside
its transaction, once per block, left alone by a write rolled back or by private data."""

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction

from monitoring import data_version
from monitoring.models import Country, Organisation
from recommendations import tracker_counts

pytestmark = pytest.mark.django_db


def _number() -> int:
    return data_version.current().number


def test_an_empty_platform_has_version_zero():
    assert data_version.current() == data_version.Version(0, data_version.NEVER)


def test_a_block_of_writes_raises_it_once():
    country = Country.objects.create(iso_code="AF", name_en="Afghanistan", name_ru="Афганистан")
    before = data_version.current()
    with transaction.atomic():
        for n in range(3):
            Organisation.objects.create(
                kind="ngo", country=country, name_en=f"NGO {n}", name_ru=f"НКО {n}"
            )
    after = data_version.current()
    assert after.number == before.number + 1
    assert after.changed_at >= before.changed_at


def test_each_block_raises_it_again():
    before = _number()
    for iso in ("QA", "QB"):
        with transaction.atomic():
            Country.objects.create(iso_code=iso, name_en=iso, name_ru=iso)
    assert _number() == before + 2


def test_a_write_rolled_back_leaves_it_and_the_next_one_raises_it():
    Country.objects.create(iso_code="AF", name_en="Afghanistan", name_ru="Афганистан")
    before = _number()
    with transaction.atomic():
        try:
            with transaction.atomic():
                Country.objects.filter(iso_code="AF").update(name_en="renamed")  # no signal
                Country.objects.get(iso_code="AF").save()
                raise RuntimeError("the write fails")
        except RuntimeError:
            pass
        assert _number() == before  # the raise went with the rolled-back block
        Country.objects.get(iso_code="AF").save()  # the same outer block: raised this time
    assert _number() == before + 1


def test_private_data_and_the_kept_counts_leave_it():
    before = _number()
    get_user_model().objects.create_user("someone", password="Long-enough-passphrase-2026")
    assert _number() == before
    assert tracker_counts.refresh([]) == 0  # nothing to recount: nothing written
    assert _number() == before


def test_the_tracker_recount_raises_it_though_it_writes_in_bulk(demo_data):
    from reports.models import Report

    published = Report.objects.filter(published_at__isnull=False).values_list("pk", flat=True)
    before = _number()
    with transaction.atomic():
        tracker_counts.refresh(published)
    assert _number() == before + 1


def test_a_write_after_a_read_in_the_same_transaction_raises_it_again():
    """What a transaction read (and may have cached) under a version is never taken for what
    it commits: a write after the read raises the version again, once."""
    country = Country.objects.create(iso_code="AF", name_en="Afghanistan", name_ru="Афганистан")
    with transaction.atomic():
        country.save()
        read = data_version.current()
        country.save()
        country.save()  # no read since the last raise: not raised again
        assert data_version.current().number == read.number + 1
