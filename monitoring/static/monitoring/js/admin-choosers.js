// Starts Wagtail's date, time and date-time choosers without inline script (the
// Content-Security-Policy refuses it). Our copies of Wagtail's widget templates
// (monitoring/templates/wagtailadmin/widgets/) leave a hidden marker after each input; this
// file finds the markers on load and in content added later (dialogs, inline forms).
(function () {
  "use strict";
  var STARTERS = { date: "initDateChooser", time: "initTimeChooser", datetime: "initDateTimeChooser" };

  function start(marker) {
    var init = window[STARTERS[marker.dataset.monitoringChooser]];
    if (marker.dataset.started || typeof init !== "function") return;
    if (!document.getElementById(marker.dataset.target)) return;
    marker.dataset.started = "true";
    init(marker.dataset.target, JSON.parse(marker.dataset.config || "{}"));
  }

  function scan(root) {
    if (root.matches && root.matches("[data-monitoring-chooser]")) start(root);
    if (root.querySelectorAll) root.querySelectorAll("[data-monitoring-chooser]").forEach(start);
  }

  function boot() {
    scan(document);
    new MutationObserver(function (records) {
      records.forEach(function (record) {
        record.addedNodes.forEach(function (node) {
          if (node.nodeType === Node.ELEMENT_NODE) scan(node);
        });
      });
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", boot);
  } else {
    boot();
  }
})();
