// Annotating a paragraph: select words in the reader, press "Annotate", write the note.
// An editor may instead press "Commitment missed" to add the selected words as a
// commitment the extractor did not propose. The forms are loaded and submitted with
// htmx; without JavaScript, the links under each paragraph open the same forms.
(function () {
  "use strict";
  var button = null;
  var commitButton = null;
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
    if (commitButton) commitButton.hidden = true;
    pending = null;
  }

  function makeButton(label, onClick) {
    var made = document.createElement("button");
    made.type = "button";
    made.className = "button annotate-button";
    made.textContent = label;
    made.addEventListener("mousedown", function (event) { event.preventDefault(); });
    made.addEventListener("click", onClick);
    document.body.appendChild(made);
    return made;
  }

  function showButton(span) {
    var labels = document.querySelector("[data-annotate-label]").dataset;
    if (!button) button = makeButton(labels.annotateLabel, function () { openForm("annotateUrl"); });
    pending = span;
    var top = (window.scrollY + span.rect.bottom + 6) + "px";
    button.style.top = top;
    button.style.left = (window.scrollX + span.rect.left) + "px";
    button.hidden = false;
    if (span.root.dataset.commitmentUrl) {
      if (!commitButton) {
        commitButton = makeButton(labels.commitmentLabel, function () { openForm("commitmentUrl"); });
        commitButton.classList.add("secondary");
      }
      commitButton.style.top = top;
      commitButton.style.left = (window.scrollX + span.rect.left + button.offsetWidth + 8) + "px";
      commitButton.hidden = false;
    }
  }

  function openForm(which) {
    if (!pending) return;
    var root = pending.root;
    var url = root.dataset[which] + "?" + new URLSearchParams({ quote: pending.quote, start: pending.start });
    var slot = document.getElementById("slot-" + root.dataset.paragraph);
    htmx.ajax("GET", url, { target: slot, swap: "innerHTML" });
    window.getSelection().removeAllRanges();
    hideButton();
  }

  document.addEventListener("mouseup", function (event) {
    if (button && (event.target === button || event.target === commitButton)) return;
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
    var body = event.detail.target.querySelector &&
      event.detail.target.querySelector("textarea[name=body], input[name=title]");
    if (body) body.focus();
  });
})();
