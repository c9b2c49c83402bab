// loa serve: reloads the page after a rebuild and shows build errors over it.
(function () {
  var box = null;
  function show(text) {
    if (!box) {
      box = document.createElement("div");
      box.id = "loa-error";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,0,0,.92);color:#fff;" +
        "font:15px/1.5 ui-monospace,Menlo,Consolas,monospace;padding:2em;white-space:pre-wrap";
      document.body.appendChild(box);
    }
    box.textContent = "loa: không dựng được trang (build failed)\n\n" + text;
  }
  function hide() { if (box) { box.remove(); box = null; } }
  // The page shown: the server renders it first after an edit.
  var source = new EventSource("/__loa/events?page=" + encodeURIComponent(location.pathname));
  source.addEventListener("reload", function () { location.reload(); });
  source.addEventListener("problem", function (e) { show(e.data); });
  source.addEventListener("fixed", hide);
  source.addEventListener("css", function () {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var url = new URL(links[i].href);
      url.searchParams.set("loa", Date.now());
      links[i].href = url.toString();
    }
  });
})();
