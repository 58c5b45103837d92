import pytest
from django.contrib.auth import get_user_model

from monitoring import demo


@pytest.fixture
def demo_data(db):
    """The full demo data set, loaded through the same code as `manage.py seed_demo`."""
    demo.seed()
    return demo


@pytest.fixture
def user_named(demo_data):
    def get(username: str):
        return get_user_model().objects.get(username=username)

    return get


@pytest.fixture
def login_as(client, user_named):
    """Sign a demo account in on the test client and return the client."""

    def sign_in(username: str):
        client.force_login(user_named(username))
        return client

    return sign_in
