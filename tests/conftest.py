import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from accounts import second_factor
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


@pytest.fixture(autouse=True)
def force_login_passes_second_factor(monkeypatch):
    """`client.force_login` skips the password; here it skips the second sign-in step too.

    tests/accounts signs in through the real forms, second step included.
    """
    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        session = self.session
        required = second_factor.state_for(user) == second_factor.REQUIRED
        session[second_factor.SESSION_KEY] = (
            second_factor.VERIFIED if required else second_factor.NOT_REQUIRED
        )
        session.save()

    monkeypatch.setattr(Client, "force_login", force_login)
