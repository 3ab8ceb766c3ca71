/* Search as you type over window.KG_SEARCH: [label, other name, kind, page, folded names].
   Diacritics are folded on both sides, so "Nguyen Hoa Binh" finds "Nguyễn Hòa Bình".
   index.html#q=... or index.html?q=... runs a search on load. */
(function () {
  "use strict";
  var DATA = window.KG_SEARCH || [];
  var KIND = {person: "Person", org: "Body", area: "Place", act: "Directive", event: "Meeting", doc: "Article"};
  var MAX = 100;
  var input = document.getElementById("q");
  var list = document.getElementById("results");
  var status = document.getElementById("status");

  function fold(s) {
    return s.replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  function search(q) {
    var words = fold(q).split(/\s+/).filter(Boolean);
    list.textContent = "";
    if (!words.length) {
      status.textContent = DATA.length + " pages to search";
      return;
    }
    var phrase = words.join(" ");
    var hits = [];
    for (var i = 0; i < DATA.length; i++) {
      var e = DATA[i], hay = e[4];
      if (!words.every(function (w) { return hay.indexOf(w) >= 0; })) continue;
      var label = fold(e[0]);
      var score = label === phrase ? 0 : label.indexOf(phrase) === 0 ? 1 : hay.indexOf(phrase) >= 0 ? 2 : 3;
      hits.push([score, i]);
    }
    hits.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    hits.slice(0, MAX).forEach(function (h) {
      var e = DATA[h[1]];
      var li = el("li", "result");
      var a = el("a");
      a.href = e[3];
      a.appendChild(el("span", "kind k-" + e[2], KIND[e[2]] || e[2]));
      a.appendChild(el("span", "label", e[0]));
      if (e[1]) a.appendChild(el("span", "other", e[1]));
      li.appendChild(a);
      list.appendChild(li);
    });
    status.textContent = hits.length === 0 ? "Nothing found for “" + q + "”"
      : hits.length + (hits.length === 1 ? " result" : " results") + (hits.length > MAX ? " (first " + MAX + " shown)" : "");
  }

  function initial() {
    var m = /[#&?]q=([^&]*)/.exec(location.hash) || /[?&]q=([^&]*)/.exec(location.search);
    return m ? decodeURIComponent(m[1].replace(/\+/g, " ")) : "";
  }

  input.addEventListener("input", function () {
    search(input.value);
    try { history.replaceState(null, "", "#q=" + encodeURIComponent(input.value)); } catch (err) { /* file:// */ }
  });
  input.addEventListener("keydown", function (ev) {
    var first = list.querySelector("a");
    if (ev.key === "Enter" && first) { location.href = first.href; }
  });
  var q = initial();
  input.value = q;
  search(q);
}());
