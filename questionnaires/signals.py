"""What other apps may hook into without questionnaires depending on them."""

from django.dispatch import Signal

# Sent inside the submission's transaction with `response` (locked, status submitted) and
# `actor`. A receiver raising ValidationError refuses the submission: nothing of it is saved.
response_submitted = Signal()
