"""Checks on a statistics-table question bound to an indicator (its `config`), so a binding
that would never give an observation is refused in the builder, not found out at submission.

A bound table has years as rows (`year_range`), names the indicator (`indicator`) and maps
table columns to breakdowns (`indicator_columns`: {"<column key>": {"<dimension>": "<value>"}},
`{}` for the total). See `services.table_binding_rows` for how the answers become observations.
"""

from collections.abc import Collection, Mapping

from django.utils.translation import gettext as _

from .models import DIMENSIONS, Indicator


def binding_errors(config: Mapping, column_keys: Collection[str]) -> list[str]:
    """What is wrong with the table's binding to an indicator (nothing if it is not bound)."""
    code = config.get("indicator")
    columns = config.get("indicator_columns")
    if not code and not columns:
        return []
    if not code:
        return [_("Name the indicator the table's columns count (indicator).")]
    indicator = Indicator.objects.filter(code=code).first()
    if indicator is None:
        return [_("Unknown indicator code: %(code)s.") % {"code": code}]
    errors = []
    if not config.get("year_range"):
        errors.append(_("A table bound to an indicator has years as rows (year_range)."))
    if not isinstance(columns, Mapping) or not columns:
        errors.append(_("Map at least one column to the indicator (indicator_columns)."))
        return errors
    for key, breakdown in columns.items():
        if key not in column_keys:
            errors.append(_("The table has no column %(column)s.") % {"column": key})
            continue
        if not isinstance(breakdown, Mapping):
            errors.append(
                _("Column %(column)s: give its breakdown as {dimension: value}, {} for the total.")
                % {"column": key}
            )
            continue
        for dimension, value in breakdown.items():
            errors += _dimension_errors(indicator, key, dimension, value)
    return errors


def _dimension_errors(indicator: Indicator, column: str, dimension: str, value) -> list[str]:
    if dimension not in DIMENSIONS:
        return [
            _("Column %(column)s: unknown breakdown %(dimension)s (use %(choices)s).")
            % {"column": column, "dimension": dimension, "choices": ", ".join(DIMENSIONS)}
        ]
    if not indicator.allows(dimension):
        return [
            _("Column %(column)s: %(indicator)s is not broken down by %(dimension)s.")
            % {"column": column, "indicator": indicator.code, "dimension": dimension}
        ]
    choices = DIMENSIONS[dimension][1]
    if value not in choices.values:
        return [
            _("Column %(column)s: %(value)s is not a value of %(dimension)s (use %(choices)s).")
            % {
                "column": column,
                "value": value,
                "dimension": dimension,
                "choices": ", ".join(choices.values),
            }
        ]
    return []
