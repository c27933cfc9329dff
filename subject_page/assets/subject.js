// The subject's page (/o/<token>) works without this script; with it, a report that could not be sent
// (no connection) is kept in this phone's storage and sent when the connection returns or when the
// page is opened again. A page that answers a posted report (received or refused) clears it.
(function () {
  "use strict";
  var form = document.querySelector("form[data-keep-unsent]");
  if (!form || !window.localStorage) return;
  var key = "todoke-unsent:" + form.getAttribute("action");
  var notice = document.getElementById("unsent");

  function saved() {
    try { return JSON.parse(localStorage.getItem(key)); } catch (e) { return null; }
  }
  function keep() {
    var fields = [];
    new FormData(form).forEach(function (value, name) { fields.push([name, String(value)]); });
    localStorage.setItem(key, JSON.stringify(fields));
  }
  function restore(fields) {
    fields.forEach(function (field) {
      var inputs = form.querySelectorAll('[name="' + field[0] + '"]');
      inputs.forEach(function (input) {
        if (input.type === "checkbox") { if (input.value === field[1]) input.checked = true; }
        else input.value = field[1];
      });
    });
  }
  function waitForConnection() {
    notice.hidden = false;
    window.addEventListener("online", function () { form.submit(); }, { once: true });
  }

  var pending = saved();
  if (document.querySelector("[data-answered]")) {
    // The server answered the last report; a refused one is shown with its problems, to be typed again.
    if (pending && document.querySelector('[data-answered="refused"]')) restore(pending);
    localStorage.removeItem(key);
  } else if (pending) {
    restore(pending);
    if (navigator.onLine) form.submit(); else waitForConnection();
  }

  form.addEventListener("submit", function (event) {
    // Kept before it leaves: if the connection drops on the way, the page sends it again when reopened.
    keep();
    if (!navigator.onLine) {
      event.preventDefault();
      waitForConnection();
    }
  });
})();
