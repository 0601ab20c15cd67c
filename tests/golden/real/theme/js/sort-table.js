/* Sortable tables (progressive enhancement). For every table.sortable, the text of each
   th[data-sort] becomes a button; pressing it sorts the rows by that column (td/th
   [data-value] when present, else the cell text), toggling ascending/descending, and sets
   aria-sort on the header. Without JavaScript the table stays in the order it was written. */
(function () {
  "use strict";
  var collator = new Intl.Collator("vi", { numeric: true, sensitivity: "base" });

  function cellValue(row, index) {
    var cell = row.cells[index];
    if (!cell) { return ""; }
    return cell.hasAttribute("data-value") ? cell.getAttribute("data-value") : cell.textContent.trim();
  }

  function compare(type, a, b) {
    if (type === "number") {
      var x = a === "" ? NaN : Number(a);
      var y = b === "" ? NaN : Number(b);
      if (isNaN(x) && isNaN(y)) { return 0; }
      if (isNaN(x)) { return 1; }   /* missing values last, whatever the direction */
      if (isNaN(y)) { return -1; }
      return x - y;
    }
    return collator.compare(a, b);
  }

  function sortBy(table, th, index, status) {
    var type = th.getAttribute("data-sort");
    var current = th.getAttribute("aria-sort");
    var direction = current === "ascending" ? "descending" : "ascending";
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.forEach(function (row, i) { row.setAttribute("data-order", i); });
    rows.sort(function (r1, r2) {
      var a = cellValue(r1, index), b = cellValue(r2, index);
      var missingA = type === "number" && a === "", missingB = type === "number" && b === "";
      if (missingA !== missingB) { return missingA ? 1 : -1; }
      var c = compare(type, a, b);
      if (direction === "descending") { c = -c; }
      return c || (Number(r1.getAttribute("data-order")) - Number(r2.getAttribute("data-order")));
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) {
      cell.removeAttribute("aria-sort");
    });
    th.setAttribute("aria-sort", direction);
    if (status) {
      status.textContent = "Đã sắp xếp theo cột " + th.textContent.trim() + ", " +
        (direction === "ascending" ? "tăng dần" : "giảm dần") + ".";
    }
  }

  function enhance(table) {
    if (!table.tHead || !table.tBodies.length) { return; }
    var status = document.createElement("p");
    status.className = "sort-status visually-hidden";
    status.setAttribute("aria-live", "polite");
    var holder = table.parentNode.classList.contains("table-scroll") ? table.parentNode : table;
    holder.parentNode.insertBefore(status, holder.nextSibling);
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      if (!th.hasAttribute("data-sort")) { return; }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      while (th.firstChild) { button.appendChild(th.firstChild); }
      th.appendChild(button);
      button.addEventListener("click", function () { sortBy(table, th, index, status); });
    });
    table.classList.add("is-sortable");
  }

  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), enhance);
}());
