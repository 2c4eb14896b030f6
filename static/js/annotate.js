// Annotating a paragraph: select words in the reader, press "Annotate", write the note.
// The form is loaded and submitted with htmx; without JavaScript, the "Add a note" link
// of each paragraph opens the same form on its own page.
(function () {
  "use strict";
  var button = null;
  var pending = null;

  function textOffset(root, node, offset) {
    var range = document.createRange();
    range.setStart(root, 0);
    range.setEnd(node, offset);
    return range.toString().length;
  }

  function selectedSpan() {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
    var range = selection.getRangeAt(0);
    var start = range.startContainer.nodeType === 1 ? range.startContainer : range.startContainer.parentElement;
    var root = start && start.closest(".ptext[data-annotate-url]");
    if (!root || !root.contains(range.endContainer)) return null;
    var from = textOffset(root, range.startContainer, range.startOffset);
    var to = textOffset(root, range.endContainer, range.endOffset);
    var text = root.textContent;
    while (from < to && /\s/.test(text.charAt(from))) from++;
    while (to > from && /\s/.test(text.charAt(to - 1))) to--;
    if (to <= from) return null;
    return { root: root, start: from, quote: text.slice(from, to), rect: range.getBoundingClientRect() };
  }

  function hideButton() {
    if (button) button.hidden = true;
    pending = null;
  }

  function showButton(span) {
    if (!button) {
      button = document.createElement("button");
      button.type = "button";
      button.className = "button annotate-button";
      button.textContent = document.querySelector("[data-annotate-label]").dataset.annotateLabel;
      button.addEventListener("mousedown", function (event) { event.preventDefault(); });
      button.addEventListener("click", openForm);
      document.body.appendChild(button);
    }
    pending = span;
    button.style.top = (window.scrollY + span.rect.bottom + 6) + "px";
    button.style.left = (window.scrollX + span.rect.left) + "px";
    button.hidden = false;
  }

  function openForm() {
    if (!pending) return;
    var root = pending.root;
    var url = root.dataset.annotateUrl + "?" + new URLSearchParams({ quote: pending.quote, start: pending.start });
    var slot = document.getElementById("slot-" + root.dataset.paragraph);
    htmx.ajax("GET", url, { target: slot, swap: "innerHTML" });
    window.getSelection().removeAllRanges();
    hideButton();
  }

  document.addEventListener("mouseup", function (event) {
    if (button && event.target === button) return;
    if (event.target.closest && event.target.closest(".note-slot")) return;
    window.setTimeout(function () {
      var span = selectedSpan();
      if (span) showButton(span); else hideButton();
    }, 0);
  });

  document.addEventListener("click", function (event) {
    var cancel = event.target.closest(".note-slot [data-cancel]");
    if (cancel) {
      event.preventDefault();
      cancel.closest(".note-slot").innerHTML = "";
    }
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    var body = event.detail.target.querySelector && event.detail.target.querySelector("textarea[name=body]");
    if (body) body.focus();
  });
})();
