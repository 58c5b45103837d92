from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

from .sitemaps import AllLocalesSitemap


def sitemap(request):
    return wagtail_sitemap(request, sitemaps={"pages": AllLocalesSitemap(request)})
