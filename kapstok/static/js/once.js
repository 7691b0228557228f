// Every POST form is sent once (kapstok/core/once.py is the server's half).
//
// - Each form that posts gets a hidden `_once` field with a random key when the page loads (and
//   when htmx brings in new content); the server handles a key only once, so a double click, a
//   resent form or the back button cannot store the same thing twice.
// - On submit the form's buttons are disabled and say "Bezig…" (aria-busy), until the page
//   changes or, for an htmx form, the answer is in; then the form gets a new key.
// Without JavaScript forms work as before, without the key.
(function () {
  "use strict";
  var FORMS = 'form[method="post" i], form[hx-post]';
  var BUTTONS = 'button:not([type="button"]):not([type="reset"]), input[type="submit"]';

  function newKey() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 0x100).toString(16).slice(1); });
    return [hex.slice(0, 4), hex.slice(4, 6), hex.slice(6, 8), hex.slice(8, 10), hex.slice(10)]
      .map(function (part) { return part.join(""); }).join("-");
  }

  function stamp(form, fresh) {
    var input = form.querySelector('input[name="_once"]');
    if (!input) {
      input = document.createElement("input");
      input.type = "hidden";
      input.name = "_once";
      form.appendChild(input);
    }
    if (fresh || !input.value) { input.value = newKey(); }
  }

  function stampAll(root) {
    if (root.matches && root.matches(FORMS)) { stamp(root, false); }
    if (root.querySelectorAll) {
      root.querySelectorAll(FORMS).forEach(function (form) { stamp(form, false); });
    }
  }

  function busy(form) {
    var label = document.body.getAttribute("data-busy-label") || "…";
    // After the browser (or htmx) has read the form: a disabled button is left out of the data.
    window.setTimeout(function () {
      form.setAttribute("aria-busy", "true");
      form.querySelectorAll(BUTTONS).forEach(function (button) {
        if (button.disabled) { return; }
        button.disabled = true;
        button.setAttribute("aria-busy", "true");
        button.setAttribute("data-once-busy", "");
        if (button.tagName === "INPUT") {
          button.setAttribute("data-once-label", button.value);
          button.value = label;
        } else {
          button.setAttribute("data-once-label", button.innerHTML);
          button.textContent = label;
        }
      });
    }, 0);
    // A form whose answer does not replace the page (a download) gets its buttons back.
    window.setTimeout(function () { idle(form); }, 15000);
  }

  function idle(form) {
    form.removeAttribute("aria-busy");
    form.querySelectorAll("[data-once-busy]").forEach(function (button) {
      var label = button.getAttribute("data-once-label");
      if (button.tagName === "INPUT") { button.value = label; } else { button.innerHTML = label; }
      button.disabled = false;
      button.removeAttribute("aria-busy");
      button.removeAttribute("data-once-busy");
      button.removeAttribute("data-once-label");
    });
  }

  document.addEventListener("DOMContentLoaded", function () { stampAll(document); });
  document.addEventListener("htmx:load", function (event) { stampAll(event.target); });

  // Ordinary forms: htmx has already cancelled the submit of its own forms (and handles them below).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || !form.matches(FORMS) || form.hasAttribute("hx-post")) { return; }
    stamp(form, false);
    busy(form);
  });

  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = event.detail.elt && event.detail.elt.closest && event.detail.elt.closest("form");
    if (form && form.matches(FORMS)) { busy(form); }
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail.elt && event.detail.elt.closest && event.detail.elt.closest("form");
    if (form && form.matches(FORMS) && document.contains(form)) { idle(form); stamp(form, true); }
  });

  // Back to a page from the browser's cache: the buttons work again, the key stays (sending the
  // same form again brings the first answer).
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) { return; }
    document.querySelectorAll(FORMS).forEach(idle);
  });
})();
