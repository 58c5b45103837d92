"""Form fields shared by the project's forms."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db import connections


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's multiple choice of rows, refusing an id beyond the key column's range as it
    refuses any id that is not a choice. Django checks each id with `key__in`, which sends a
    40-digit number to the database: an OverflowError on SQLite, a DataError on PostgreSQL
    (one id at a time, `key=`, it already treats as no match)."""

    def _check_values(self, value):
        key = self.queryset.model._meta.pk
        if self.to_field_name:
            key = self.queryset.model._meta.get_field(self.to_field_name)
        ops = connections[self.queryset.db].ops
        bounds = ops.integer_field_ranges.get(key.get_internal_type())
        if bounds is not None and isinstance(value, list | tuple):
            low, high = bounds
            for item in value:
                number = _as_int(item)
                if number is not None and not low <= number <= high:
                    raise ValidationError(
                        self.error_messages["invalid_choice"],
                        code="invalid_choice",
                        params={"value": item},
                    )
        return super()._check_values(value)


def _as_int(item) -> int | None:
    try:
        return int(str(item).strip())
    except ValueError:
        return None
