/* Drag and drop for the cluster board of a strategy session.
 *
 * It only enhances what works without it. The board has one shared move form
 * (#verplaatsen) instead of a form with every theme on each card; each card's "Verplaatsen"
 * link reloads the board with that form filled in for the card. Here the link fills the form
 * in place instead, and the form is sent with htmx. Dropping a card on a theme fills the same
 * form with that theme and sends it. Listeners sit on the document, so they keep working after
 * htmx swaps the board or a column.
 */
(function () {
  "use strict";

  function moveForm() {
    return document.getElementById("verplaatsen");
  }

  function themeIdOf(card) {
    var theme = themeOf(card);
    return theme ? theme.dataset.theme : "";
  }

  /* Point the shared form at this card; returns the form's theme select. */
  function openMoveForm(card) {
    var form = moveForm();
    if (!form || !card) return null;
    form.action = form.dataset.urlPattern.replace("/0/", "/" + card.dataset.card + "/");
    form.querySelector(".move-card-text").textContent = card.querySelector(".card-text").textContent;
    form.querySelector(".move-cancel").setAttribute("href", "#card-" + card.dataset.card);
    var select = form.querySelector("select[name=theme]");
    select.value = themeIdOf(card);
    form.hidden = false;
    return select;
  }

  function sendMoveForm(form) {
    if (window.htmx) {
      window.htmx.ajax("POST", form.action, { source: form, target: "#cluster-board", swap: "outerHTML" });
    } else {
      form.submit();
    }
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".cluster-board a.move-card");
    if (link) {
      event.preventDefault();
      var select = openMoveForm(link.closest("[data-card]"));
      if (select) select.focus();
      return;
    }
    var cancel = event.target.closest && event.target.closest("#verplaatsen .move-cancel");
    if (cancel) moveForm().hidden = true;
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.id !== "verplaatsen" || !window.htmx) return;
    event.preventDefault();
    sendMoveForm(form);
  });

  /* "Toon alle N kaartjes" swaps a column's list for its every card: put the focus on the
   * first card that was not shown before, so a keyboard user goes on where they were. */
  document.addEventListener("htmx:load", function (event) {
    var list = event.detail.elt;
    if (!list.matches || !list.matches(".cluster-board ul[data-first-new]")) return;
    var first = list.children[Number(list.dataset.firstNew)];
    var link = first && first.querySelector("a");
    if (link) link.focus();
  });

  function themeOf(element) {
    return element && element.closest ? element.closest(".cluster-board .theme[data-theme]") : null;
  }

  document.addEventListener("dragstart", function (event) {
    var card = event.target.closest && event.target.closest(".cluster-board [data-card]");
    if (!card) return;
    event.dataTransfer.setData("text/plain", card.dataset.card);
    event.dataTransfer.effectAllowed = "move";
    // The card's text is its link: a drag that starts on it shows the card, not the link.
    if (event.target !== card && event.dataTransfer.setDragImage) {
      event.dataTransfer.setDragImage(card, 12, 12);
    }
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
    if (!card || themeIdOf(card) === theme.dataset.theme) return;
    var select = openMoveForm(card);
    if (!select) return;
    select.value = theme.dataset.theme;
    sendMoveForm(select.form);
  });
})();
