/* The "Nhúng" box under each chart (details.embed-code, theme/templates/macros.html), improved
   when JavaScript runs: the iframe's address in the snippet is made absolute from the page's
   own (a preview build writes it from the host's root), and a button copies the snippet.
   Without JavaScript the snippet is in a read-only textarea, to select and copy. Loaded once
   per chart: each box is prepared once. */
(function () {
  "use strict";
  function prepare(box) {
    var area = box.querySelector("textarea");
    var link = box.querySelector("a[href]");
    if (!area || !link) { return; }
    area.value = area.value.replace(/src="[^"]*"/, 'src="' + link.href + '"');
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-button";
    button.textContent = "Sao chép mã nhúng";
    var status = document.createElement("span");
    status.className = "copy-status";
    status.setAttribute("role", "status");
    button.addEventListener("click", function () {
      area.focus();
      area.select();
      var copied = function () { status.textContent = "Đã sao chép."; };
      var byCommand = function () {
        status.textContent = document.execCommand("copy") ? "Đã sao chép." :
          "Hãy chọn đoạn mã và sao chép (Ctrl+C).";
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(area.value).then(copied, byCommand);
      } else {
        byCommand();
      }
    });
    area.insertAdjacentElement("afterend", button);
    button.insertAdjacentElement("afterend", status);
  }
  var boxes = document.querySelectorAll("details.embed-code:not([data-ready])");
  for (var i = 0; i < boxes.length; i++) {
    boxes[i].setAttribute("data-ready", "");
    prepare(boxes[i]);
  }
})();
