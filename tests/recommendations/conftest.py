"""The reports' fixtures (demo evaluations, reports with recommendations) serve here too."""

from tests.reports.conftest import (  # noqa: F401 (fixtures)
    kg_evaluation,
    kg_report,
    kz_evaluation,
    kz_report,
    secretariat,
    to_final_comments,
)
