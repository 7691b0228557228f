/* Drag and drop for the cluster board of a strategy session.
 *
 * It only enhances what works without it: every card has a select with the themes and a
 * "Verplaatsen" button. Dropping a card on a theme sets that select and fires its change
 * event, which htmx turns into the same request the button would send. Listeners sit on the
 * document, so they keep working after htmx swaps the board.
 */
(function () {
  "use strict";

  function themeOf(element) {
    return element && element.closest ? element.closest(".cluster-board .theme[data-theme]") : null;
  }

  document.addEventListener("dragstart", function (event) {
    var card = event.target.closest && event.target.closest(".cluster-board [data-card]");
    if (!card) return;
    event.dataTransfer.setData("text/plain", card.dataset.card);
    event.dataTransfer.effectAllowed = "move";
    card.classList.add("dragging");
  });

  document.addEventListener("dragend", function (event) {
    var card = event.target.closest && event.target.closest("[data-card]");
    if (card) card.classList.remove("dragging");
  });

  document.addEventListener("dragover", function (event) {
    var theme = themeOf(event.target);
    if (!theme) return;
    event.preventDefault();
    theme.classList.add("drop-target");
  });

  document.addEventListener("dragleave", function (event) {
    var theme = themeOf(event.target);
    if (theme && !theme.contains(event.relatedTarget)) theme.classList.remove("drop-target");
  });

  document.addEventListener("drop", function (event) {
    var theme = themeOf(event.target);
    if (!theme) return;
    event.preventDefault();
    theme.classList.remove("drop-target");
    var card = document.querySelector('.cluster-board [data-card="' + event.dataTransfer.getData("text/plain") + '"]');
    var select = card && card.querySelector("select[name=theme]");
    if (!select || select.value === theme.dataset.theme) return;
    select.value = theme.dataset.theme;
    if (window.htmx) select.dispatchEvent(new Event("change", { bubbles: true }));
    else select.form.requestSubmit();
  });
})();
