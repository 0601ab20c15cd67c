/* The compare page (so-sanh/): two to four agencies side by side.

   Reads each agency's own document of the site's API (api/v1/agencies/<unit_id>.json: its
   profile as JSON, with every number as the pages show it) and writes a table and two charts.
   It computes nothing: a number is shown with exactly the decimals its document writes (a
   printed 97,685 stays 97,685, 7,00 stays 7,00), with a decimal comma and a thousands dot, as
   the pages do. The choice is in the address, ?don-vi=a,b (and &nam=2023 for a year other than
   the latest), so a link restores it. Nothing inline, nothing from elsewhere: it runs under the
   site's strict Content-Security-Policy. Without it the page says how to see the numbers. */
(function () {
  "use strict";
  var root = document.getElementById("so-sanh");
  if (!root || !window.fetch || !window.URLSearchParams || !window.history.pushState) { return; }
  var cfg = root.dataset;
  var MISSING = "chưa có số liệu";
  var SVG = "http://www.w3.org/2000/svg";
  var percent = cfg.percent === "true";
  var most = Number(cfg.most);
  var form = document.getElementById("chon-don-vi");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[name='" + cfg.param + "']"));
  var yearSelect = document.getElementById("nam-so-sanh");
  var statusLine = document.getElementById("trang-thai-so-sanh");
  var out = document.getElementById("ket-qua-so-sanh");
  var docs = {};  // unit_id → a promise of its document

  /* ---- numbers as written ------------------------------------------------------------- */

  // Every JSON number becomes a Num that keeps its text (JSON.parse would make 7.00 into 7).
  function Num(text) { this.text = text; this.value = Number(text); }
  var TOKEN = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

  function parse(text) {
    var marked = text.replace(TOKEN, function (t) {
      return t.charAt(0) === "\"" ? t : "\"\\u0000" + t + "\"";
    });
    return JSON.parse(marked, function (key, v) {
      return typeof v === "string" && v.charAt(0) === "\u0000" ? new Num(v.slice(1)) : v;
    });
  }

  // 1234.5 → "1.234,5", as the pages (Babel, vi_VN) write it.
  function formatNumber(n) {
    var t = n.text, sign = "";
    if (t.charAt(0) === "-") { sign = "-"; t = t.slice(1); }
    var parts = t.split(".");
    var whole = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ".");
    return sign + whole + (parts.length > 1 ? "," + parts[1] : "");
  }

  /* ---- small pieces of markup --------------------------------------------------------- */

  function el(name, attrs, children) {
    var node = document.createElement(name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  function svg(name, attrs, text) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function missing() { return el("span", { "class": "missing" }, [MISSING]); }

  function inferred() {
    return el("span", { "class": "inferred", title: "suy ra, không in trong văn bản nguồn" },
              ["(suy ra)"]);
  }

  function link(page, text) { return el("a", { href: cfg.root + page }, [text]); }

  /* A number, or "chưa có số liệu"; `unit` after it ("%"). */
  function number(n, unit, isInferred) {
    if (!(n instanceof Num)) { return [missing()]; }
    var shown = [formatNumber(n) + (unit || "")];
    if (isInferred) { shown.push(" ", inferred()); }
    return shown;
  }

  function indexUnit() { return percent ? "%" : ""; }

  /* ---- what the address says ---------------------------------------------------------- */

  var known = {};  // unit_id → name, from the options (see `start`)

  function chosen() {
    var params = new URLSearchParams(window.location.search);
    var ids = [];
    params.getAll(cfg.param).forEach(function (v) {
      v.split(",").forEach(function (id) {
        id = id.trim();
        if (id && ids.indexOf(id) < 0) { ids.push(id); }
      });
    });
    return { ids: ids, year: params.get(cfg.yearParam) || "" };
  }

  function address(ids, year) {
    var q = "?" + cfg.param + "=" + ids.map(encodeURIComponent).join(",");
    return window.location.pathname + q + (year ? "&" + cfg.yearParam + "=" + year : "");
  }

  /* ---- the form ----------------------------------------------------------------------- */

  // The first select holds the options, or names the file that does (a site of thousands of
  // agencies); the others get copies (one list in the page).
  function options() {
    var from = selects[0].dataset.options;
    if (!from) { return Promise.resolve(); }
    return window.fetch(from).then(function (r) {
      if (!r.ok) { throw new Error("HTTP " + r.status); }
      return r.json();
    }).then(function (groups) {
      groups.forEach(function (g) {
        var group = el("optgroup", { label: g.group });
        g.units.forEach(function (u) { group.appendChild(el("option", { value: u[0] }, [u[1]])); });
        selects[0].appendChild(group);
      });
    });
  }

  function start() {
    selects[0].querySelectorAll("option").forEach(function (o) {
      if (o.value) { known[o.value] = o.textContent; }
    });
    selects.slice(1).forEach(function (s) {
      Array.prototype.slice.call(selects[0].children, 1).forEach(function (c) {
        s.appendChild(c.cloneNode(true));
      });
    });
  }

  function fillForm(ids, year) {
    selects.forEach(function (s, i) { s.value = known[ids[i]] !== undefined ? ids[i] : ""; });
    yearSelect.value = year;
    if (yearSelect.value !== year) { yearSelect.value = ""; }
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var ids = [];
    selects.forEach(function (s) { if (s.value && ids.indexOf(s.value) < 0) { ids.push(s.value); } });
    window.history.pushState(null, "", address(ids, yearSelect.value));
    show(true);
  });
  window.addEventListener("popstate", function () { show(false); });

  /* ---- the documents ------------------------------------------------------------------ */

  function load(id) {
    if (!docs[id]) {
      docs[id] = window.fetch(cfg.api.replace("{unit_id}", id)).then(function (r) {
        if (!r.ok) { throw new Error(r.status + " " + r.url); }
        return r.text();
      }).then(parse);
    }
    return docs[id];
  }

  function yearOf(doc, year) {
    for (var i = 0; i < doc.history.length; i++) {
      if (String(doc.history[i].year.value) === String(year)) { return doc.history[i]; }
    }
    return null;
  }

  // The year asked for, else the latest year any of them has.
  function pickYear(list, asked) {
    if (asked) { return asked; }
    var latest = null;
    list.forEach(function (doc) {
      doc.history.forEach(function (h) {
        if (latest === null || h.year.value > latest) { latest = h.year.value; }
      });
    });
    return latest === null ? "" : String(latest);
  }

  /* ---- the comparison ----------------------------------------------------------------- */

  var notes;  // footnotes of the shown values: their text → number

  function footnote(doc, n) {
    if (!(n instanceof Num)) { return []; }
    var text = doc.notes[n.value - 1];
    if (!text) { return []; }
    var i = notes.indexOf(text);
    if (i < 0) { notes.push(text); i = notes.length - 1; }
    return [el("sup", { "class": "fn" }, [el("a", {
      href: "#so-sanh-ghi-chu-" + (i + 1), "aria-label": "ghi chú " + (i + 1) }, [String(i + 1)])])];
  }

  function value(doc, v, unit) {
    if (!v || !(v.value instanceof Num)) { return [missing()]; }
    return number(v.value, unit, v.origin === "inferred").concat(footnote(doc, v.note));
  }

  function band(row) {
    if (!row || !row.band) { return [missing()]; }
    var b = el("span", { "class": "band band-" + row.band.order.value }, [
      el("span", { "class": "swatch", "aria-hidden": "true" }), row.band.name]);
    return row.band_inferred ? [b, " ", inferred()] : [b];
  }

  function rank(row) {
    if (!row || !(row.rank instanceof Num)) { return [missing()]; }
    var text = row.rank.text + "/" + row.group_size.text;
    return row.rank_inferred ? [text, " ", inferred()] : [text];
  }

  /* The rows of the main table: a label and, for each agency, its cell's content. */
  function rows(list, year) {
    var out = [];
    function add(label, cell, numeric) { out.push({ label: label, cell: cell, numeric: numeric }); }
    add("Nhóm", function (doc, row) {
      var g = row ? row.group : doc.group;
      return row && g.page ? [link(g.page, g.name)] : [g.name];
    });
    add(cfg.indexName + (percent ? " (%)" : ""), function (doc, row) {
      return row ? value(doc, row.index, indexUnit()) : [missing()];
    }, true);
    add("Xếp loại", function (doc, row) { return band(row); });
    add("Thứ hạng trong nhóm", function (doc, row) { return rank(row); }, true);
    if (percent) {
      add("Điểm chuẩn tối đa", function (doc, row) {
        return row ? number(row.max_score, "", row.max_score_inferred) : [missing()];
      }, true);
    }
    var components = list[0].components;
    if (components.length > 1) {  // a single component is the total, shown once
      components.forEach(function (c) {
        add(c.name, function (doc, row) {
          return row ? number(row.components[c.id]) : [missing()];
        }, true);
      });
    }
    if (percent) {
      add("Tổng điểm", function (doc, row) { return row ? value(doc, row.total) : [missing()]; }, true);
    }
    return out;
  }

  function nameCell(doc, i) {
    return el("th", { scope: "col", "class": "series series-" + (i + 1) }, [
      el("span", { "class": "key", "aria-hidden": "true" }), el("a", { href: cfg.root + doc.unit.page }, [
        el("span", { "class": "long-name" }, [doc.unit.name]),
        el("span", { "class": "short-name" }, [doc.unit.short_name || doc.unit.name])])]);
  }

  function table(id, caption, list, lines, rowsOf) {
    var head = el("tr", {}, [el("th", { scope: "col" }, [caption.corner])]);
    list.forEach(function (doc, i) { head.appendChild(nameCell(doc, i)); });
    var body = el("tbody");
    lines.forEach(function (line) {
      var tr = el("tr", {}, [el("th", { scope: "row" }, line.head)]);
      list.forEach(function (doc, i) {
        tr.appendChild(el("td", line.numeric ? { "class": "num" } : {}, line.cell(doc, rowsOf[i])));
      });
      body.appendChild(tr);
    });
    var t = el("table", { "class": "data compare-table", id: id }, [
      el("caption", { id: id + "-cap" }, [caption.text]), el("thead", {}, [head]), body]);
    return el("div", { "class": "table-scroll", role: "region", tabindex: "0",
                       "aria-labelledby": id + "-cap" }, [t]);
  }

  /* Horizontal bars: groups of up to four bars (one per agency, in its series' colour), each
     with its value written at its end; `max` is the scale's end. */
  function barChart(id, title, groups, max, unit) {
    var width = Math.max(240, Math.min(out.clientWidth || 544, 544));
    var bar = 18, gap = 6, labelH = 20, pad = 14, valueRoom = 64;
    var height = 0;
    groups.forEach(function (g) { height += (g.label ? labelH : 0) + g.bars.length * (bar + gap) + pad; });
    var chart = svg("svg", { viewBox: "0 0 " + width + " " + height, width: width, height: height,
                             role: "img", "aria-labelledby": id + "-title", "class": "compare-chart" });
    chart.appendChild(svg("title", { id: id + "-title" }, title));
    var y = 0;
    var room = width - valueRoom;
    groups.forEach(function (g) {
      if (g.label) {
        chart.appendChild(svg("text", { x: 0, y: y + 14, "class": "chart-label" }, g.label));
        y += labelH;
      }
      g.bars.forEach(function (b) {
        chart.appendChild(svg("rect", { x: 0, y: y, width: width - valueRoom, height: bar,
                                        "class": "chart-track" }));
        if (b.value instanceof Num) {
          var w = Math.max(1, room * Math.min(b.value.value, max) / max);
          chart.appendChild(svg("rect", { x: 0, y: y, width: w.toFixed(1), height: bar,
                                          "class": "series-" + (b.series + 1) }));
          chart.appendChild(svg("text", { x: room + 4, y: y + bar - 4, "class": "chart-value" },
                                formatNumber(b.value) + unit));
        } else {
          chart.appendChild(svg("text", { x: 4, y: y + bar - 4, "class": "chart-value chart-missing" }, MISSING));
        }
        y += bar + gap;
      });
      y += pad;
    });
    return chart;
  }

  function legend(list) {
    return el("ul", { "class": "compare-legend", "aria-hidden": "true" }, list.map(function (doc, i) {
      return el("li", { "class": "series series-" + (i + 1) }, [
        el("span", { "class": "key" }), doc.unit.short_name || doc.unit.name]);
    }));
  }

  function figure(id, chart, list, caption) {
    return el("figure", { "class": "chart compare-figure", id: id }, [
      legend(list), chart, el("figcaption", {}, [caption])]);
  }

  /* Each agency's fields, where its field scores are of the year shown. */
  function fieldsOf(list, year) {
    var order = [], byField = {};
    var rowsOf = list.map(function (doc) {
      var mine = {};
      if (doc.fields_year && String(doc.fields_year.value) === String(year)) {
        doc.fields.forEach(function (f) {
          if (!byField[f.field.id]) { byField[f.field.id] = f.field; order.push(f.field.id); }
          mine[f.field.id] = f;
        });
      }
      return mine;
    });
    return { fields: order.map(function (id) { return byField[id]; }), rowsOf: rowsOf };
  }

  function fieldCell(doc, f) {
    if (!f) { return [missing()]; }
    if (f.pct instanceof Num) { return number(f.pct, "%"); }
    if (f.score instanceof Num) { return number(f.score, " điểm"); }
    return [missing()];
  }

  function render(list, year) {
    notes = [];
    var names = list.map(function (d) { return d.unit.name; }).join(", ");
    var rowsOf = list.map(function (doc) { return yearOf(doc, year); });
    var parts = [el("h2", { id: "ket-qua" }, ["Kết quả năm " + year])];

    var indexBars = [{ label: "", bars: list.map(function (doc, i) {
      return { series: i, value: rowsOf[i] && rowsOf[i].index.value };
    }) }];
    var top = percent ? 100 : Math.max.apply(null, indexBars[0].bars.map(function (b) {
      return b.value instanceof Num ? b.value.value : 0; }).concat([1]));
    parts.push(figure("bieu-do-so-sanh", barChart(
      "bieu-do-so-sanh-svg", cfg.indexName + " năm " + year + ": " + names + ". Số liệu ở bảng bên dưới.",
      indexBars, top, indexUnit()), list, cfg.indexName + " năm " + year + ". Số liệu ở bảng bên dưới."));
    parts.push(table("bang-so-sanh", { corner: "Chỉ tiêu", text: "So sánh " + cfg.indexName + " năm " + year + ": " + names },
      list, rows(list, year).map(function (r) {
        return { head: [r.label], cell: r.cell, numeric: r.numeric };
      }), rowsOf));

    var fs = fieldsOf(list, year);
    if (fs.fields.length) {
      parts.push(el("h2", { id: "theo-linh-vuc" }, ["Theo lĩnh vực, năm " + year]));
      var drawn = fs.fields.filter(function (f) {  // a field without a percentage has no bar
        return fs.rowsOf.some(function (mine) { return mine[f.id] && mine[f.id].pct instanceof Num; });
      });
      var groups = drawn.map(function (f) {
        return { label: f.short_name || f.name, bars: list.map(function (doc, i) {
          var mine = fs.rowsOf[i][f.id];
          return { series: i, value: mine && mine.pct };
        }) };
      });
      if (groups.length) {
        parts.push(figure("bieu-do-so-sanh-linh-vuc", barChart(
          "bieu-do-so-sanh-linh-vuc-svg", "Tỷ lệ điểm đạt được theo lĩnh vực năm " + year + ": " +
          names + ". Số liệu ở bảng bên dưới.", groups, 100, "%"), list,
          "Tỷ lệ điểm đạt được so với điểm tối đa của lĩnh vực (%). Số liệu ở bảng bên dưới."));
      }
      parts.push(table("bang-so-sanh-linh-vuc", {
        corner: "Lĩnh vực", text: "Tỷ lệ điểm đạt được theo lĩnh vực năm " + year +
          " (%; nơi chưa có điểm tối đa: số điểm)" }, list,
        fs.fields.map(function (f) {
          return { head: [link(f.page, f.name)], numeric: true,
                   cell: function (doc, mine) { return fieldCell(doc, mine[f.id]); } };
        }), fs.rowsOf));
    }
    if (notes.length) {
      parts.push(el("section", { "class": "notes", "aria-labelledby": "so-sanh-ghi-chu" }, [
        el("h2", { id: "so-sanh-ghi-chu" }, ["Ghi chú"]),
        el("ol", {}, notes.map(function (t, i) { return el("li", { id: "so-sanh-ghi-chu-" + (i + 1) }, [t]); }))]));
    }
    var share = window.location.href;
    parts.push(el("p", { "class": "compare-share" }, ["Địa chỉ của bảng so sánh này: ",
      el("a", { href: share }, [share])]));
    out.replaceChildren.apply(out, parts);
  }

  function say(text) { statusLine.textContent = text; }

  function show(moveFocus) {
    var asked = chosen();
    var unknown = asked.ids.filter(function (id) { return known[id] === undefined; });
    var ids = asked.ids.filter(function (id) { return known[id] !== undefined; }).slice(0, most);
    fillForm(ids, asked.year);
    out.replaceChildren();
    var problems = unknown.length ? "Không có " + cfg.members + " mang mã " +
      unknown.join(", ") + " trên cổng. " : "";
    if (asked.year && !yearSelect.querySelector("option[value='" + CSS.escape(asked.year) + "']")) {
      problems += "Cổng không có số liệu năm " + asked.year + "; xem năm gần nhất. ";
      asked.year = "";
    }
    if (asked.ids.length > most + unknown.length) {
      problems += "Chỉ so sánh được tối đa " + most + "; đã lấy " + most + " đầu tiên. ";
    }
    if (ids.length < 2) {
      say(problems + "Chọn ít nhất 2 " + cfg.members + " rồi bấm “So sánh”.");
      return;
    }
    say(problems + "Đang tải số liệu…");
    Promise.all(ids.map(load)).then(function (list) {
      var year = pickYear(list, asked.year);
      render(list, year);
      say(problems + "So sánh " + list.length + " " + cfg.members + ", năm " + year + ".");
      if (moveFocus) { out.focus(); }
    }).catch(function (err) {
      say("Không tải được số liệu (" + err.message + "). Hãy thử lại.");
    });
  }

  var note = document.getElementById("can-javascript");
  if (note) { note.remove(); }
  var redraw, drawnAt = out.clientWidth;
  options().then(function () {
    start();
    form.hidden = false;
    window.addEventListener("resize", function () {  // the charts are drawn to the page's width
      window.clearTimeout(redraw);
      redraw = window.setTimeout(function () {
        if (out.firstChild && out.clientWidth !== drawnAt) { drawnAt = out.clientWidth; show(false); }
      }, 250);
    });
    show(false);
  }).catch(function (err) {
    say("Không tải được danh sách " + cfg.members + " (" + err.message + "). Hãy thử lại.");
  });
}());
