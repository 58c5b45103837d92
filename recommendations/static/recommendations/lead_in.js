// The recommendation form: the lead-in shown in front of each text box follows the strength
// selected. Without this file the page shows the lead-in of the strength it was loaded with,
// the help lists all three, and the server adds the right one on saving.
(function () {
  "use strict";

  function boot() {
    document.querySelectorAll("form[data-lead-in-form]").forEach(function (form) {
      var select = form.querySelector("select[name$='strength']");
      if (!select) return;
      var show = function () {
        form.querySelectorAll("[data-lead-in]").forEach(function (leadIn) {
          var text = leadIn.getAttribute("data-lead-in-" + select.value);
          leadIn.textContent = text || leadIn.getAttribute("data-lead-in-none");
        });
      };
      select.addEventListener("change", show);
      show();
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
  else boot();
})();
