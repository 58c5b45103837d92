// Autosave: each question saves itself a couple of seconds after typing stops. The form's
// Save button still works without JavaScript. Status messages are read out by screen readers.
(function () {
  "use strict";
  var DELAY = 2000;
  var texts = document.documentElement.lang === "ru"
    ? { saving: "Сохранение…", saved: "Сохранено в ", failed: "Не сохранено: ", late: " (после срока)", offline: "Нет связи: ответ сохранится при следующей попытке." }
    : { saving: "Saving…", saved: "Saved at ", failed: "Not saved: ", late: " (after the deadline)", offline: "No connection: the answer will be saved on the next try." };

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function fieldsOf(fieldset) {
    var data = new FormData();
    fieldset.querySelectorAll("input, textarea, select").forEach(function (element) {
      if (!element.name || element.disabled || element.type === "file") return;
      if ((element.type === "checkbox" || element.type === "radio") && !element.checked) return;
      if (element.name.charAt(0) === "v" || element.name.charAt(0) === "c") return;
      data.append(element.name, element.value);
    });
    return data;
  }

  function setup(fieldset) {
    var timer = null;
    var inFlight = false;
    var pending = false;
    var status = fieldset.querySelector("[data-status]");
    var version = fieldset.querySelector("[data-version]");

    function show(message, isError) {
      status.textContent = message;
      status.classList.toggle("save-status--error", Boolean(isError));
    }

    function save() {
      if (inFlight) { pending = true; return; }
      inFlight = true;
      var data = fieldsOf(fieldset);
      data.append("version", version.value);
      show(texts.saving);
      fetch(fieldset.dataset.autosaveUrl, {
        method: "POST",
        body: data,
        headers: { "X-CSRFToken": csrfToken(), "X-Requested-With": "XMLHttpRequest" },
        credentials: "same-origin"
      }).then(function (response) {
        return response.json().then(function (body) { return { status: response.status, body: body }; });
      }).then(function (result) {
        fieldset.querySelectorAll(".autosave-error").forEach(function (node) { node.remove(); });
        if (result.status === 200) {
          version.value = result.body.version;
          fieldset.classList.remove("question--error");
          show(texts.saved + result.body.saved_at + (result.body.late ? texts.late : ""));
        } else if (result.body.errors) {
          fieldset.classList.add("question--error");
          Object.keys(result.body.errors).forEach(function (name) {
            var message = document.createElement("span");
            message.className = "field-error autosave-error";
            message.textContent = result.body.errors[name];
            var field = name && fieldset.querySelector("[name='" + name + "']");
            (field ? field.parentNode : fieldset).appendChild(message);
          });
          show(texts.failed + Object.values(result.body.errors).join(" "), true);
        } else {
          fieldset.classList.add("question--error");
          show(texts.failed + (result.body.error || result.status), true);
        }
      }).catch(function () {
        show(texts.offline, true);
        pending = true;
      }).finally(function () {
        inFlight = false;
        if (pending) { pending = false; timer = setTimeout(save, DELAY); }
      });
    }

    function schedule() {
      clearTimeout(timer);
      timer = setTimeout(save, DELAY);
    }
    fieldset.addEventListener("input", schedule);
    fieldset.addEventListener("change", schedule);
    fieldset.dataset.autosaveReady = "true";
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("fieldset[data-autosave-url]").forEach(setup);
  });
})();
