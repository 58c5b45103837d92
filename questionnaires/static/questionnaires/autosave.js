// Autosave: each question saves itself a couple of seconds after typing stops, with the version
// the page holds (a stale one is a conflict, never an overwrite) and, for an NGO, the question's
// confidentiality box. The form's Save button still works without JavaScript. Status messages
// are read out by screen readers. The texts come from Django's JavaScript catalogue (the
// djangojs domain, loaded before this script: gettext, interpolate); the sign-in address comes
// as JSON data in <script id="autosave-texts" type="application/json"> (the
// Content-Security-Policy allows no inline script).
(function () {
  "use strict";
  var DELAY = 2000;
  var texts = {};

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function fieldsOf(fieldset) {
    var data = new FormData();
    fieldset.querySelectorAll("input, textarea, select").forEach(function (element) {
      if (!element.name || element.disabled || element.type === "file") return;
      if (element.name.charAt(0) === "v" || element.name.charAt(0) === "c") return;
      if ((element.type === "checkbox" || element.type === "radio") && !element.checked) return;
      data.append(element.name, element.value);
    });
    var mark = fieldset.querySelector("input[type=checkbox][name^=c]");
    if (mark && !mark.disabled) data.append("confidential", mark.checked ? "on" : "off");
    return data;
  }

  // After signing in again (in another tab) the page's CSRF token is out of date: read a fresh
  // one from the page itself, for the autosave and for the form's Save button alike.
  function refreshToken() {
    return fetch(window.location.href, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok || response.redirected) throw new Error("signed out");
      return response.text();
    }).then(function (html) {
      var fresh = new DOMParser().parseFromString(html, "text/html")
        .querySelector("input[name=csrfmiddlewaretoken]");
      if (!fresh) throw new Error("signed out");
      document.querySelectorAll("input[name=csrfmiddlewaretoken]").forEach(function (input) {
        input.value = fresh.value;
      });
    });
  }

  function readJson(response) {
    var type = response.headers.get("Content-Type") || "";
    if (response.redirected || type.indexOf("application/json") !== 0) {
      // A sign-in page, a second-step page or a refused token: not an answer from autosave.
      return { status: 401, body: {}, foreign: true };
    }
    return response.json().then(function (body) { return { status: response.status, body: body }; });
  }

  function setup(fieldset) {
    var timer = null;
    var inFlight = false;
    var pending = false;
    var stopped = false;  // session ended: no more tries until the person asks for one
    var status = fieldset.querySelector("[data-status]");
    var version = fieldset.querySelector("[data-version]");

    function show(message, isError) {
      status.textContent = message;
      status.classList.toggle("save-status--error", Boolean(isError));
    }

    function showSessionEnded(loginUrl) {
      stopped = true;
      show(gettext("Your session has ended, so this answer is not saved. Sign in again in a new tab, then come back and save again: your text stays on this page.") + " ", true);
      var link = document.createElement("a");
      link.href = loginUrl || texts.login_url;
      link.target = "_blank";
      link.rel = "noopener";
      link.textContent = gettext("Sign in (opens a new tab)");
      var again = document.createElement("button");
      again.type = "button";
      again.className = "button button--small";
      again.textContent = gettext("Save again");
      again.addEventListener("click", function () {
        refreshToken().then(function () {
          stopped = false;
          save();
        }).catch(function () { showSessionEnded(loginUrl); });
      });
      status.appendChild(link);
      status.appendChild(document.createTextNode(" "));
      status.appendChild(again);
    }

    function save() {
      if (stopped) return;
      if (inFlight) { pending = true; return; }
      inFlight = true;
      var data = fieldsOf(fieldset);
      data.append("version", version.value);
      show(gettext("Saving…"));
      fetch(fieldset.dataset.autosaveUrl, {
        method: "POST",
        body: data,
        headers: { "X-CSRFToken": csrfToken(), "X-Requested-With": "XMLHttpRequest", "Accept": "application/json" },
        credentials: "same-origin"
      }).then(readJson, function () { return { offline: true }; }).then(function (result) {
        fieldset.querySelectorAll(".autosave-error").forEach(function (node) { node.remove(); });
        if (result.offline) {
          show(gettext("No connection: the answer will be saved on the next try."), true);
          pending = true;
        } else if (result.status === 200) {
          version.value = result.body.version;
          fieldset.classList.remove("question--error");
          show(interpolate(gettext("Saved at %(time)s"), { time: result.body.saved_at }, true) + (result.body.late ? " " + gettext("(after the deadline)") : ""));
        } else if (result.status === 401 || (result.status === 403 && result.foreign)) {
          fieldset.classList.add("question--error");
          showSessionEnded(result.body.login_url);
        } else if (result.status === 413) {
          fieldset.classList.add("question--error");
          show(result.body.error || gettext("This answer is too long to save: shorten it or split it."), true);
        } else if (result.body.errors) {
          fieldset.classList.add("question--error");
          Object.keys(result.body.errors).forEach(function (name) {
            var message = document.createElement("span");
            message.className = "field-error autosave-error";
            message.textContent = result.body.errors[name];
            var field = name && fieldset.querySelector("[name='" + name + "']");
            (field ? field.parentNode : fieldset).appendChild(message);
          });
          show(interpolate(gettext("Not saved: %(reason)s"), { reason: Object.values(result.body.errors).join(" ") }, true), true);
        } else {
          fieldset.classList.add("question--error");
          show(interpolate(gettext("Not saved: %(reason)s"), { reason: result.body.error || String(result.status) }, true), true);
        }
      }).finally(function () {
        inFlight = false;
        if (pending && !stopped) { pending = false; timer = setTimeout(save, DELAY); }
      });
    }

    function schedule() {
      if (stopped) return;
      clearTimeout(timer);
      timer = setTimeout(save, DELAY);
    }
    fieldset.addEventListener("input", schedule);
    fieldset.addEventListener("change", schedule);
    fieldset.dataset.autosaveReady = "true";
  }

  document.addEventListener("DOMContentLoaded", function () {
    var data = document.getElementById("autosave-texts");
    if (!data) return;
    texts = JSON.parse(data.textContent);
    document.querySelectorAll("fieldset[data-autosave-url]").forEach(setup);
  });
})();
