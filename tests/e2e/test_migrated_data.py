"""Browser tests that ask for `serialized_rollback` each start with the data the migrations
wrote (the indicator catalogue), the second one as the first: the copy Django puts back after
each flush follows the connection that Playwright's event loop makes Django open."""

import pytest

from indicators.models import Indicator

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.mark.parametrize("run", ["first", "second"])
def test_each_browser_test_starts_with_the_migrated_catalogue(live_server, browser, run):
    assert Indicator.objects.filter(code="victims-identified").exists()
    Indicator.objects.all().delete()  # the flush after this test empties it anyway
