/* Search page: the form in the page (it works without JavaScript as a plain GET of ?q=…) runs
   Pagefind's search (pagefind/pagefind.js, its JavaScript API; none of its UI bundles) and
   lists the results in the space the page keeps for them, so nothing moves as they come.

   Vietnamese is typed with or without its marks, and Pagefind matches "tran" to "Trần" but
   never "d" to "đ" (a letter of its own, not a mark). So a query is searched in every spelling
   of its d/đ ("tran de", "tran đe"), and the pages found are kept only where each word of the
   query is a word of the page once both are folded (marks dropped, đ → d): "tran" is not
   "trang" nor "Trăng". A page whose title holds the whole query comes first (an agency's own
   page for its name), then one whose text holds it as a phrase, then Pagefind's order.
   Result titles are set as text; excerpts keep only Pagefind's <mark>s. */
(function () {
  "use strict";
  var PAGE = 10;      /* results shown at a time */
  var CHECKED = 60;   /* Pagefind's best candidates read and checked (one small file each) */

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[đĐ]/g, "d").toLowerCase();
  }

  function words(text) {
    return fold(text).split(/[^a-z0-9]+/).filter(Boolean);
  }

  /* Every spelling of the query with each word's d written d or đ (at most 8). */
  function spellings(query) {
    var out = [""];
    fold(query).split(/\s+/).filter(Boolean).forEach(function (w) {
      var next = [];
      out.forEach(function (q) {
        next.push(q + " " + w);
        if (w.indexOf("d") >= 0 && out.length < 8) { next.push(q + " " + w.replace(/d/g, "đ")); }
      });
      out = next;
    });
    return out.map(function (q) { return q.trim(); });
  }

  function holds(haystack, needle, prefix) {
    for (var i = 0; i <= haystack.length - needle.length; i++) {
      var ok = true;
      for (var j = 0; j < needle.length && ok; j++) {
        var last = prefix && j === needle.length - 1;
        ok = last ? haystack[i + j].indexOf(needle[j]) === 0 : haystack[i + j] === needle[j];
      }
      if (ok) { return true; }
    }
    return false;
  }

  function rank(data, query, prefix) {
    var q = words(query);
    var content = words(data.content || "");
    var title = words((data.meta && data.meta.title) || "");
    var all = content.concat(title);
    var found = q.every(function (w, i) {
      return all.some(function (x) {
        return prefix && i === q.length - 1 ? x.indexOf(w) === 0 : x === w;
      });
    });
    if (!found) { return -1; }
    return holds(title, q, prefix) ? 0 : holds(content, q, prefix) ? 1 : 2;
  }

  function excerpt(html) {
    /* Pagefind's excerpt is escaped text with <mark>s: keep those, everything else as text. */
    var out = document.createElement("p");
    out.className = "search-excerpt";
    var doc = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html");
    Array.prototype.forEach.call(doc.body.firstChild.childNodes, function (n) {
      if (n.nodeName === "MARK") {
        var m = document.createElement("mark");
        m.textContent = n.textContent;
        out.appendChild(m);
      } else {
        out.appendChild(document.createTextNode(n.textContent));
      }
    });
    return out;
  }

  function item(data) {
    var li = document.createElement("li");
    li.className = "search-result";
    var h = document.createElement("h2");
    var a = document.createElement("a");
    a.className = "search-result-link";
    a.href = data.url;
    a.textContent = (data.meta && data.meta.title) || data.url;
    h.appendChild(a);
    li.appendChild(h);
    li.appendChild(excerpt(data.excerpt || ""));
    return li;
  }

  function start() {
    var mount = document.getElementById("search");
    var form = document.getElementById("tim-kiem-form");
    if (!mount || !form || !window.fetch) { return; }
    var input = form.querySelector("input[name=q]");
    var status = mount.querySelector(".search-status");
    var list = mount.querySelector(".search-results");
    var more = mount.querySelector(".search-more");
    var url = new URL(mount.getAttribute("data-pagefind"), document.baseURI).href;
    /* a national site's index is in shards (data-pagefind-merge: their bundles' folders) */
    var merge = (mount.getAttribute("data-pagefind-merge") || "").split(" ").filter(Boolean);
    var loading = import(url).then(function (pf) {
      return pf.options({ ranking: { termSimilarity: 2.0 } }).then(function () {
        return Promise.all(merge.map(function (m) {
          return pf.mergeIndex(new URL(m, document.baseURI).href);
        }));
      }).then(function () { return pf; });
    });
    var shown = [], count = 0, latest = 0;

    function show() {
      shown.slice(count, count + PAGE).forEach(function (d) { list.appendChild(item(d)); });
      count = Math.min(shown.length, count + PAGE);
      more.hidden = count >= shown.length;
    }

    function search(query) {
      var run = ++latest;
      query = query.trim();
      list.textContent = "";
      more.hidden = true;
      shown = [];
      count = 0;
      if (!query) { status.textContent = ""; return; }
      status.textContent = "Đang tìm…";
      loading.then(function (pf) {
        return Promise.all(spellings(query).map(function (q) { return pf.search(q); }));
      }).then(function (searches) {
        var best = {};
        searches.forEach(function (s) {
          s.results.forEach(function (r) {
            if (!best[r.id] || best[r.id].score < r.score) { best[r.id] = r; }
          });
        });
        var candidates = Object.keys(best).map(function (k) { return best[k]; })
          .sort(function (a, b) { return b.score - a.score; }).slice(0, CHECKED);
        return Promise.all(candidates.map(function (r) {
          return r.data().then(function (d) { return { data: d, score: r.score }; });
        }));
      }).then(function (found) {
        if (run !== latest) { return; }
        function keep(prefix) {
          return found.map(function (f) {
            return { data: f.data, score: f.score, rank: rank(f.data, query, prefix) };
          }).filter(function (f) { return f.rank >= 0; });
        }
        var kept = keep(false);
        if (!kept.length) { kept = keep(true); }  /* a last word still being typed */
        kept.sort(function (a, b) { return a.rank - b.rank || b.score - a.score; });
        shown = kept.map(function (f) { return f.data; });
        status.textContent = shown.length ? shown.length + " kết quả cho “" + query + "”"
          : "Không tìm thấy kết quả cho “" + query + "”";
        show();
      }).catch(function () {
        if (run === latest) { status.textContent = "Không tải được chỉ mục tìm kiếm."; }
      });
    }

    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { search(input.value); }, 300);
    });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      clearTimeout(timer);
      search(input.value);
      history.replaceState(null, "", "?q=" + encodeURIComponent(input.value.trim()));
    });
    more.addEventListener("click", show);
    var q = new URLSearchParams(window.location.search).get("q");
    if (q) { input.value = q; search(q); } else { input.focus(); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
