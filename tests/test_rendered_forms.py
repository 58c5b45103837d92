"""The rendered-form helper sends what a browser would, and refuses fields the form lacks."""

import pytest
from django.http import HttpResponse

from tests.rendered_forms import form_in

PAGE = """
<form method="post" action="/portal/responses/7/share/">
  <input type="hidden" name="csrfmiddlewaretoken" value="tok">
  <input type="hidden" name="s3-section" value="3">
  <select name="s3-assignee"><option value="">-</option><option value="9" selected>Ann</option>
  </select>
  <input type="checkbox" name="c1" checked><input type="checkbox" name="c2" value="yes">
  <textarea name="note">
kept</textarea>
  <input type="file" name="upload"><input name="off" value="x" disabled>
  <button type="submit" name="go" value="share">Share</button>
</form>
"""


def test_the_form_is_read_as_rendered():
    form = form_in(HttpResponse(PAGE))
    assert form.method == "post"
    assert form.action.endswith("/portal/responses/7/share/")
    assert form.data() == {
        "csrfmiddlewaretoken": ["tok"],
        "s3-section": ["3"],
        "s3-assignee": ["9"],
        "c1": ["on"],
        "note": ["kept"],
    }
    changed = form.data({"s3-assignee": "", "c1": None, "c2": "yes"}, press="go")
    assert changed["s3-assignee"] == [""]
    assert "c1" not in changed
    assert changed["c2"] == ["yes"]
    assert changed["go"] == ["share"]


def test_a_field_the_form_does_not_have_fails_the_test():
    form = form_in(HttpResponse(PAGE))
    with pytest.raises(AssertionError, match="no field 'section'"):
        form.data({"section": "3"})
