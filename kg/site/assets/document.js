/* Article pages: #s-START-END highlights the text between those character offsets. */
(function () {
  "use strict";
  function highlight() {
    var old = document.querySelectorAll("#text .hl");
    for (var i = 0; i < old.length; i++) old[i].classList.remove("hl");
    var m = /^#s-(\d+)-(\d+)$/.exec(location.hash);
    if (!m) return;
    var a = +m[1], b = +m[2];
    var parts = document.querySelectorAll("#text [data-a]");
    for (var j = 0; j < parts.length; j++) {
      var p = parts[j];
      if (+p.getAttribute("data-a") >= a && +p.getAttribute("data-b") <= b) p.classList.add("hl");
    }
  }
  window.addEventListener("hashchange", highlight);
  highlight();
}());
