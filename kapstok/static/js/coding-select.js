/* Coding a fragment: turns the text selected in an answer into character offsets.
 *
 * It only fills in what the form already asks without it: the "Van teken" and "Tot teken"
 * fields of the answer's coding form (offsets in characters of the answer's text, as the
 * server counts them: code points, so an emoji counts once). The coder then picks a code and
 * submits; htmx posts the form and swaps the answer. Listeners sit on the document, so they
 * keep working after htmx swaps an answer.
 */
(function () {
  "use strict";

  function length(text) {
    return Array.from(text).length; // code points, like Python's len()
  }

  function offsetsIn(container, range) {
    var before = document.createRange();
    before.selectNodeContents(container);
    before.setEnd(range.startContainer, range.startOffset);
    var start = length(before.toString());
    return { start: start, end: start + length(range.toString()), text: range.toString() };
  }

  function update() {
    var selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return;
    var range = selection.getRangeAt(0);
    var node = range.commonAncestorContainer;
    var element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
    var container = element && element.closest("[data-answer-text]");
    if (!container || !container.contains(range.endContainer)) return;
    var answer = container.dataset.answer;
    var found = offsetsIn(container, range);
    var start = document.querySelector('[data-start-for="' + answer + '"]');
    var end = document.querySelector('[data-end-for="' + answer + '"]');
    if (!start || !end) return;
    start.value = found.start;
    end.value = found.end;
    var shown = document.querySelector('[data-selection-for="' + answer + '"]');
    if (shown) shown.textContent = shown.dataset.label + ": \u201c" + found.text.trim() + "\u201d";
  }

  document.addEventListener("mouseup", update);
  document.addEventListener("keyup", update);
  document.addEventListener("touchend", update);
})();
