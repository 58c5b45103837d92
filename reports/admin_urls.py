"""Back-office URLs of reports, mounted at /admin/reports/ (namespace "reports"). The
recommendation screens share the prefix: recommendations/admin_urls.py (namespace
"recommendations")."""

from django.urls import path

from .views import adoption as adoption_views
from .views import editor as editor_views
from .views import pdf as pdf_views
from .views import publication as publication_views

app_name = "reports"

urlpatterns = [
    # --- editor, comment responses, diff, publication, assessments (editor views) ---
    path("", editor_views.index, name="index"),
    path("new/", editor_views.report_add, name="add"),
    path("<int:pk>/", editor_views.editor, name="editor"),
    path("<int:pk>/chapters/add/", editor_views.chapter_add, name="chapter_add"),
    path(
        "<int:pk>/chapters/<int:chapter_pk>/edit/", editor_views.chapter_edit, name="chapter_edit"
    ),
    path(
        "<int:pk>/chapters/<int:chapter_pk>/move/", editor_views.chapter_move, name="chapter_move"
    ),
    path(
        "<int:pk>/chapters/<int:chapter_pk>/delete/",
        editor_views.chapter_delete,
        name="chapter_delete",
    ),
    path(
        "<int:pk>/chapters/<int:chapter_pk>/sections/add/",
        editor_views.section_add,
        name="section_add",
    ),
    path(
        "<int:pk>/sections/<int:section_pk>/edit/", editor_views.section_edit, name="section_edit"
    ),
    path(
        "<int:pk>/sections/<int:section_pk>/move/", editor_views.section_move, name="section_move"
    ),
    path(
        "<int:pk>/sections/<int:section_pk>/delete/",
        editor_views.section_delete,
        name="section_delete",
    ),
    path("<int:pk>/paragraphs/add/", editor_views.paragraph_add, name="paragraph_add"),
    path(
        "<int:pk>/paragraphs/<int:paragraph_pk>/edit/",
        editor_views.paragraph_edit,
        name="paragraph_edit",
    ),
    path(
        "<int:pk>/paragraphs/<int:paragraph_pk>/move/",
        editor_views.paragraph_move,
        name="paragraph_move",
    ),
    path(
        "<int:pk>/paragraphs/<int:paragraph_pk>/delete/",
        editor_views.paragraph_delete,
        name="paragraph_delete",
    ),
    path(
        "<int:pk>/comments/<int:comment_pk>/respond/",
        editor_views.comment_respond,
        name="comment_respond",
    ),
    path("<int:pk>/compare/", editor_views.compare, name="compare"),
    # --- publication ---
    path("<int:pk>/publish/", publication_views.publish, name="publish"),
    path("<int:pk>/correction/", publication_views.correction_open, name="correction_open"),
    path("<int:pk>/stage/", publication_views.stage_advance, name="stage"),
    path("<int:pk>/pdf/", pdf_views.back_office_pdf, name="pdf"),
    # --- adoption chapter by chapter, accepted placeholders (secretariat) ---
    path(
        "<int:pk>/chapters/<int:chapter_pk>/adoption/",
        adoption_views.chapter_adoption,
        name="chapter_adoption",
    ),
    path(
        "<int:pk>/paragraphs/<int:paragraph_pk>/placeholders/",
        adoption_views.paragraph_placeholders,
        name="paragraph_placeholders",
    ),
    path(
        "<int:pk>/recommendations/<int:recommendation_pk>/placeholders/",
        adoption_views.recommendation_placeholders,
        name="recommendation_placeholders",
    ),
]
