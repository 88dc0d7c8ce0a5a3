/* Front-page search and filters: the user interface over static/search-engine.js and the
 * index in search/ beside static/. No inline script, no eval: loaded with <script defer>.
 * Without JavaScript, or when the index cannot be loaded (e.g. from file://, or a board
 * without postings), the form stays hidden and the plain paginated list is the page.
 * Only index.json, the term shards of the words typed, the filters chosen and the doc
 * chunks of the results shown are fetched, so a 10,000-posting board stays fast. */
(function () {
  "use strict";
  var PAGE = 20;
  var form = document.getElementById("job-search");
  if (!form || !window.JobSearch || !window.fetch) return;
  var root = form.getAttribute("data-root") || "";
  var query = document.getElementById("search-query");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
  var remote = document.getElementById("filter-remote");
  var area = document.getElementById("search-area");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var plain = document.getElementById("job-list");
  var engine = new window.JobSearch.Engine(function (path) {
    return window.fetch(root + "search/" + path).then(function (response) {
      if (!response.ok) throw new Error(path + ": HTTP " + response.status);
      return response.json();
    });
  });
  var results = [];
  var shown = 0;
  var generation = 0;
  var timer = 0;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function fillSelect(select, values) {
    (values || []).forEach(function (entry) {
      var option = el("option", "", entry[0] + " (" + entry[1] + ")");
      option.value = entry[0];
      select.appendChild(option);
    });
    if (select.options.length < 2) select.closest(".field").hidden = true;
  }

  function activeFilters() {
    var filters = {};
    selects.forEach(function (select) {
      if (select.value) filters[select.getAttribute("data-filter")] = select.value;
    });
    if (remote.checked) filters.remote = remote.value;
    return filters;
  }

  /* A result card, like an item of the front page's list. */
  function resultItem(doc) {
    var li = el("li", "job");
    var h3 = el("h3", "job-title");
    var a = el("a", "job-link", doc.title);
    a.href = root + doc.url;
    h3.appendChild(a);
    li.appendChild(h3);
    var meta = el("p", "job-meta");
    if (doc.company) meta.appendChild(el("span", "company", doc.company));
    if (doc.locations.length) meta.appendChild(el("span", "where", doc.locations.join(" · ")));
    if (doc.remote) meta.appendChild(el("span", "badge", "Remote"));
    if (doc.type) meta.appendChild(el("span", "badge badge-quiet", doc.type));
    var time = el("time", "", doc.posted);
    time.setAttribute("datetime", doc.date);
    meta.appendChild(time);
    li.appendChild(meta);
    return li;
  }

  function showMore(current) {
    var batch = results.slice(shown, shown + PAGE);
    shown += batch.length;
    list.setAttribute("aria-busy", "true");
    return engine.docs(batch).then(function (docs) {
      if (current !== generation) return;
      docs.forEach(function (doc) { list.appendChild(resultItem(doc)); });
      more.hidden = shown >= results.length;
      list.setAttribute("aria-busy", "false");
    });
  }

  function run() {
    var current = ++generation;
    var text = query.value.trim();
    var filters = activeFilters();
    if (!window.JobSearch.tokenize(text).length && !Object.keys(filters).length) {
      area.hidden = true;
      plain.hidden = false;
      form.setAttribute("data-state", "idle");
      return Promise.resolve();
    }
    form.setAttribute("data-state", "searching");
    return engine.search(text, filters).then(function (found) {
      if (current !== generation) return;
      results = found;
      shown = 0;
      list.textContent = "";
      var n = results.length;
      status.textContent = n === 0 ? "No open postings match." : n + (n === 1 ? " posting matches." : " postings match.");
      area.hidden = false;
      plain.hidden = true;
      return showMore(current).then(function () {
        if (current === generation) form.setAttribute("data-state", "done");
      });
    }).catch(function () {
      if (current !== generation) return;
      status.textContent = "Search is not available right now.";
      area.hidden = false;
      form.setAttribute("data-state", "done");
    });
  }

  function later() {
    window.clearTimeout(timer);
    timer = window.setTimeout(run, 150);
  }

  engine.open()
    .then(function (meta) {
      selects.forEach(function (select) { fillSelect(select, meta.filters[select.getAttribute("data-filter")]); });
      var remotes = (meta.filters.remote || []).filter(function (entry) { return entry[0] === remote.value; });
      if (!remotes.length) remote.closest(".field").hidden = true;
      query.addEventListener("input", later);
      form.addEventListener("change", function (event) { if (event.target !== query) run(); });
      form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
      form.addEventListener("reset", function () { window.setTimeout(run, 0); });
      more.addEventListener("click", function () { showMore(generation); });
      var initial = new URLSearchParams(window.location.search).get("q");
      if (initial) query.value = initial;
      form.hidden = false;
      form.setAttribute("data-ready", "true");
      return run();
    })
    .catch(function () {
      form.hidden = true; /* no index (file://, an empty board): the plain list stays */
    });
})();
