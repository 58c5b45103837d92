from django.urls import path

from questionnaires import offline_views
from questionnaires import portal_views as questionnaire_views
from recommendations import portal_urls as recommendation_urls
from reports import portal_urls as report_urls

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("responses/<int:pk>/", questionnaire_views.response_overview, name="response"),
    path(
        "responses/<int:pk>/sections/<int:section_pk>/",
        questionnaire_views.section_answer,
        name="section",
    ),
    path(
        "responses/<int:pk>/answers/<int:question_pk>/",
        questionnaire_views.answer_autosave,
        name="autosave",
    ),
    path(
        "responses/<int:pk>/answers/<int:question_pk>/files/",
        questionnaire_views.answer_upload,
        name="upload",
    ),
    path("responses/<int:pk>/submit/", questionnaire_views.response_submit, name="submit"),
    path(
        "responses/<int:pk>/sections/<int:section_pk>/assign/",
        questionnaire_views.section_assign,
        name="assign",
    ),
    path("responses/<int:pk>/extension/", questionnaire_views.extension_request, name="extension"),
    path(
        "responses/<int:pk>/confidential/",
        questionnaire_views.response_confidential,
        name="confidential",
    ),
    path(
        "responses/<int:pk>/consent/withdraw/",
        questionnaire_views.consent_withdraw,
        name="consent_withdraw",
    ),
    path("files/<int:file_pk>/", questionnaire_views.answer_file_download, name="answer_file"),
    path("responses/<int:pk>/workbook.xlsx", offline_views.workbook_download, name="workbook"),
    path(
        "responses/<int:pk>/workbook/upload/",
        offline_views.workbook_upload,
        name="workbook_upload",
    ),
    path("responses/<int:pk>/print.pdf", offline_views.response_pdf, name="response_pdf"),
]

urlpatterns += report_urls.urlpatterns + recommendation_urls.urlpatterns
