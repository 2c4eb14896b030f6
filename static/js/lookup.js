// Commitment pickers: as an editor types words in a box marked data-lookup-url, the
// commitments matching them (at most twenty, from the server) fill the box's list, to
// choose from. Without JavaScript the form, sent with words, comes back with that list.
(function () {
  "use strict";
  var timers = new WeakMap();

  function fill(input, results) {
    var list = document.getElementById(input.getAttribute("list"));
    if (!list) return;
    list.replaceChildren();
    results.forEach(function (item) {
      var option = document.createElement("option");
      option.value = item.slug;
      option.textContent = item.label;
      list.appendChild(option);
    });
  }

  function lookUp(input) {
    var words = input.value.trim();
    if (words.length < 2) return;
    var url = input.dataset.lookupUrl + "?" + new URLSearchParams({ q: words });
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : { results: [] }; })
      .then(function (answer) { if (input.value.trim() === words) fill(input, answer.results); })
      .catch(function () {});
  }

  document.addEventListener("input", function (event) {
    var input = event.target;
    if (!(input instanceof HTMLInputElement) || !input.dataset.lookupUrl) return;
    clearTimeout(timers.get(input));
    timers.set(input, setTimeout(function () { lookUp(input); }, 200));
  });
})();
