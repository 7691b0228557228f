// Skip logic on one page of a questionnaire: a question with data-depends-on="q12" is shown
// only while question q12 has one of the answers in data-show-values ("ja|nee"). Without
// JavaScript every question stays visible with its "alleen beantwoorden als" note, and the
// server drops answers to questions that do not apply.
(function () {
  "use strict";
  function update(form) {
    form.querySelectorAll("[data-depends-on]").forEach(function (block) {
      var name = block.getAttribute("data-depends-on");
      var wanted = block.getAttribute("data-show-values").split("|");
      var chosen = Array.prototype.map.call(
        form.querySelectorAll('input[name="' + name + '"]:checked'),
        function (input) { return input.value; }
      );
      block.hidden = !chosen.some(function (value) { return wanted.indexOf(value) !== -1; });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form").forEach(function (form) {
      if (!form.querySelector("[data-depends-on]")) { return; }
      update(form);
      form.addEventListener("change", function () { update(form); });
    });
  });
})();
