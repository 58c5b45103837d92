"""Routes of the public site outside the page tree, inside the language prefix."""

from django.urls import path

from .feeds import AtomPublicationsFeed, PublicationsFeed

urlpatterns = [
    path("feeds/rss/", PublicationsFeed(), name="feed_rss"),
    path("feeds/atom/", AtomPublicationsFeed(), name="feed_atom"),
]
