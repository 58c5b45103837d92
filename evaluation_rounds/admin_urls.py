from django.urls import path

from . import views, visits_views

app_name = "procedure"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("guide/", views.procedure_guide, name="guide"),
    path("evaluations/<int:pk>/", views.evaluation_detail, name="evaluation"),
    path("evaluations/<int:pk>/transition/", views.evaluation_transition, name="transition"),
    path("evaluations/<int:pk>/rapporteurs/", views.rapporteurs_update, name="rapporteurs"),
    path(
        "evaluations/<int:pk>/deadlines/<int:deadline_pk>/extend/",
        views.deadline_extend,
        name="extend",
    ),
    path("plenaries/<int:pk>/agenda/", views.plenary_agenda, name="agenda"),
    path("rounds/<int:round_pk>/timeline/", views.round_timeline, name="timeline"),
    path("visits/", visits_views.visit_list, name="visits"),
    path("visits/new/", visits_views.visit_edit, name="visit_add"),
    path("visits/<int:pk>/", visits_views.visit_detail, name="visit"),
    path("visits/<int:pk>/edit/", visits_views.visit_edit, name="visit_edit"),
    path("visits/<int:pk>/meetings/", visits_views.meeting_add, name="meeting_add"),
    path(
        "visits/<int:pk>/meetings/<int:meeting_pk>/delete/",
        visits_views.meeting_delete,
        name="meeting_delete",
    ),
    path(
        "visits/<int:pk>/meetings/<int:meeting_pk>/note/",
        visits_views.note_save,
        name="note_save",
    ),
    path("visits/<int:pk>/attachments/", visits_views.attachment_upload, name="attachment_add"),
    path(
        "visits/attachments/<int:attachment_pk>/",
        visits_views.attachment_download,
        name="attachment",
    ),
]
