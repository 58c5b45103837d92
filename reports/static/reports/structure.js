// The report editor's up/down buttons (reports/admin/editor.html) work as plain POST forms;
// this only brings the keyboard back where it was: after the page reloads on the moved item
// (the redirect's #anchor), the same button has the focus, so "↓" can be pressed again.
(function () {
  "use strict";
  var KEY = "reports-structure-move";

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var button = event.submitter;
    if (!form.matches || !form.matches(".report-actions form") || !button || button.name !== "direction") {
      return;
    }
    try {
      sessionStorage.setItem(KEY, JSON.stringify({ action: form.getAttribute("action"), direction: button.value }));
    } catch (error) {
      // Storage refused (private mode): the move works, the focus is not restored.
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    var saved;
    try {
      saved = JSON.parse(sessionStorage.getItem(KEY) || "null");
      sessionStorage.removeItem(KEY);
    } catch (error) {
      return;
    }
    if (!saved) {
      return;
    }
    var forms = document.querySelectorAll(".report-actions form");
    for (var i = 0; i < forms.length; i++) {
      if (forms[i].getAttribute("action") === saved.action) {
        var button = forms[i].querySelector('button[name="direction"][value="' + saved.direction + '"]');
        if (button) {
          button.focus({ preventScroll: false });
        }
        return;
      }
    }
  });
})();
