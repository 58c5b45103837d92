from wagtail import hooks

from .viewsets import StatisticsViewSetGroup


@hooks.register("register_admin_viewset")
def register_statistics_viewsets():
    return StatisticsViewSetGroup()
