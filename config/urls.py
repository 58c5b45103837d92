from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.auth import views as auth_views
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms import tracker_views
from cms.views import sitemap
from evaluation_rounds import visits_views
from indicators import views as statistics_views
from monitoring.js_catalogue import javascript_catalog
from portal.forms import PortalAuthenticationForm
from reports.views.pdf import public_pdf

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(
            authentication_form=PortalAuthenticationForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/", include("accounts.urls")),
    path("portal/", include("portal.urls")),
    path("visits/<int:pk>/programme/", visits_views.programme_html, name="visit_programme"),
    path(
        "visits/<int:pk>/programme.pdf", visits_views.programme_pdf_view, name="visit_programme_pdf"
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", javascript_catalog, name="javascript_catalog"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("api/v1/", include("api.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# The public site carries its locale in the URL: /en/..., /ru/...
urlpatterns += i18n_patterns(
    path("reports/<int:pk>.pdf", public_pdf, name="report_pdf"),
    path("recommendations/", tracker_views.tracker_page, name="tracker"),
    path("recommendations.<str:fmt>", tracker_views.tracker_download, name="tracker_download"),
    path("statistics/", statistics_views.statistics_page, name="statistics"),
    path("statistics.<str:fmt>", statistics_views.statistics_download, name="statistics_download"),
    path("", include("cms.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
