/* Front-page search and filters on the Pagefind index (pagefind/ beside static/).
 * No inline script, no eval: loaded with <script defer>. Without JavaScript, or when the
 * index cannot be loaded (e.g. from file://), the form stays hidden and the plain
 * paginated list is the page. Pagefind loads index chunks on demand, and only the shown
 * results' fragments are fetched, so a 10,000-posting board stays fast. */
(function () {
  "use strict";
  var PAGE = 20;
  var form = document.getElementById("job-search");
  if (!form) return;
  var root = form.getAttribute("data-root") || "";
  var query = document.getElementById("search-query");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
  var remote = document.getElementById("filter-remote");
  var area = document.getElementById("search-area");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var plain = document.getElementById("job-list");
  var pagefind = null;
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

  function fillSelect(select, counts) {
    Object.keys(counts || {}).sort(function (a, b) { return a.localeCompare(b); }).forEach(function (name) {
      var option = el("option", "", name + " (" + counts[name] + ")");
      option.value = name;
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

  /* Pagefind's excerpt is HTML with <mark> highlights: keep the text and the marks only. */
  function excerptNode(html) {
    var holder = document.createElement("template");
    holder.innerHTML = html;
    var p = el("p", "job-excerpt");
    Array.prototype.forEach.call(holder.content.childNodes, function (node) {
      if (node.nodeName === "MARK") p.appendChild(el("mark", "", node.textContent));
      else p.appendChild(document.createTextNode(node.textContent));
    });
    return p;
  }

  function resultItem(data) {
    var li = el("li", "job");
    var h3 = el("h3", "job-title");
    var a = el("a", "job-link", (data.meta && data.meta.title) || data.url);
    a.href = root + String(data.url).replace(/^\/+/, "");
    h3.appendChild(a);
    li.appendChild(h3);
    var meta = el("p", "job-meta");
    var f = data.filters || {};
    (f.company || []).forEach(function (name) { meta.appendChild(el("span", "company", name)); });
    if ((f.location || []).length) meta.appendChild(el("span", "where", f.location.join(" · ")));
    if ((f.remote || []).length) meta.appendChild(el("span", "badge", "Remote"));
    (f.type || []).forEach(function (name) { meta.appendChild(el("span", "badge badge-quiet", name)); });
    li.appendChild(meta);
    if (data.excerpt) li.appendChild(excerptNode(data.excerpt));
    return li;
  }

  function showMore(current) {
    var batch = results.slice(shown, shown + PAGE);
    shown += batch.length;
    list.setAttribute("aria-busy", "true");
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (items) {
      if (current !== generation) return;
      items.forEach(function (data) { list.appendChild(resultItem(data)); });
      more.hidden = shown >= results.length;
      list.setAttribute("aria-busy", "false");
    });
  }

  function run() {
    var current = ++generation;
    var term = query.value.trim();
    var filters = activeFilters();
    if (!term && !Object.keys(filters).length) {
      area.hidden = true;
      plain.hidden = false;
      form.setAttribute("data-state", "idle");
      return Promise.resolve();
    }
    form.setAttribute("data-state", "searching");
    return pagefind.search(term || null, { filters: filters }).then(function (search) {
      if (current !== generation || !search) return;
      results = search.results;
      shown = 0;
      list.textContent = "";
      var n = results.length;
      status.textContent = n === 0 ? "No open postings match." : n + (n === 1 ? " posting matches." : " postings match.");
      area.hidden = false;
      plain.hidden = true;
      return showMore(current).then(function () {
        if (current === generation) form.setAttribute("data-state", "done");
      });
    });
  }

  function later() {
    window.clearTimeout(timer);
    timer = window.setTimeout(run, 150);
  }

  import(new URL(root + "pagefind/pagefind.js", document.baseURI).href)
    .then(function (module) {
      pagefind = module;
      return pagefind.options({ baseUrl: "/", excerptLength: 24 }).then(function () {
        return pagefind.filters();
      });
    })
    .then(function (counts) {
      selects.forEach(function (select) { fillSelect(select, counts[select.getAttribute("data-filter")]); });
      if (!counts.remote || !counts.remote[remote.value]) remote.closest(".field").hidden = true;
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
      form.hidden = true; /* no index (file://, not built): the plain list stays */
    });
})();
