"""The project's date and number formats, one per language (`FORMAT_MODULE_PATH`).

Read them through `monitoring.display` (Python) and the `|day` / `|number` filters of
`monitoring_tags` (templates), never through an ad-hoc `|date:"…"` or `strftime` for display.
Machine formats (CSV, exports, the API, file names) stay ISO 8601.
"""
