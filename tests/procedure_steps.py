"""Shared words for tests that drive an evaluation through its procedure."""

# Tests that adopt the final report at once, while the government's comment period on the
# draft is still open, record why, as the secretariat must.
ADOPTED_EARLY = "The plenary adopts before the comment deadline (test)."
