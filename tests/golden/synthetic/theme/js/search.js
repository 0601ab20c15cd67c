/* Search page: mounts Pagefind's default UI (pagefind/pagefind-ui.js, built with the site) in
   #search, and runs the query given in the address (?q=…, from the search form in the header).
   Pagefind finds its index next to its own script, so this works under a sub-path too. */
(function () {
  "use strict";
  function start() {
    if (typeof window.PagefindUI !== "function") { return; }
    var notice = document.querySelector(".no-js-only");
    if (notice) { notice.hidden = true; }
    var ui = new window.PagefindUI({
      element: "#search",
      showSubResults: true,
      showImages: false,
      resetStyles: false,
      autofocus: true
    });
    /* Pagefind names its field only by a title attribute; give it a visible label. */
    var mount = document.getElementById("search");
    var input = mount.querySelector(".pagefind-ui__search-input");
    if (input && !input.labels.length) {
      input.id = input.id || "o-tim-kiem";
      var label = document.createElement("label");
      label.htmlFor = input.id;
      label.className = "search-label";
      label.textContent = "Từ khóa tìm kiếm";
      mount.parentNode.insertBefore(label, mount);
    }
    var q = new URLSearchParams(window.location.search).get("q");
    if (q) { ui.triggerSearch(q); }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
