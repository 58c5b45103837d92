from django.urls import path

from . import views

app_name = "procedure"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
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
]
