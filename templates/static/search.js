/* Front-page search and filters: the user interface over static/search-engine.js and the
 * index in search/ beside static/. No inline script, no eval: loaded with <script defer>.
 * Without JavaScript, or when the index cannot be loaded (e.g. from file://, or a board
 * without postings), the form stays hidden and the plain paginated list is the page.
 *
 * The search lives in the address: ?q=...&company=...&location=...&type=...&remote=1.
 * Typing replaces the current history entry (history.replaceState); a committed change
 * (Enter, a filter, Clear, "Did you mean") adds one (pushState), so Back returns to the
 * previous search and reload or a shared link opens the same one.
 *
 * Every message shown comes from the JSON object in the form's data-strings attribute
 * (keys: see STRINGS below and docs/search.md), falling back to the English here. Results
 * are clones of <template id="job-card"> with their data-field elements filled (text and
 * attributes only); without that template, a built-in card. */
(function () {
  "use strict";
  var PAGE = 20;
  var STRINGS = {
    "search.results_one": "1 posting matches.",
    "search.results": "{n} postings match.",
    "search.no_results": "No open postings match.",
    "search.did_you_mean": "Did you mean {suggestion}?",
    "search.unavailable": "Search is not available right now.",
    "search.option_count": "{value} ({n})",
    "age.today": "today",
    "age.yesterday": "yesterday",
    "age.days": "{n} days ago",
    "age.weeks": "{n} weeks ago",
    "age.weeks_one": "1 week ago",
    "age.months": "{n} months ago",
    "age.months_one": "1 month ago",
    "age.years": "{n} years ago",
    "age.years_one": "1 year ago"
  };
  var form = document.getElementById("job-search");
  if (!form || !window.JobSearch || !window.fetch) return;
  var strings = Object.assign({}, STRINGS, parseStrings(form.getAttribute("data-strings")));
  var root = form.getAttribute("data-root") || "";
  var query = document.getElementById("search-query");
  var fields = Array.prototype.slice.call(form.querySelectorAll("[data-filter]:not([type=checkbox])"));
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
  var meta = null;
  var results = [];
  var shown = 0;
  var generation = 0;
  var timer = 0;
  var committed = window.location.href; /* the URL of the search the current entry had */

  function parseStrings(text) {
    try {
      var parsed = text ? JSON.parse(text) : {};
      return parsed && typeof parsed === "object" ? parsed : {};
    } catch (err) {
      return {};
    }
  }

  /* How long before the build day (the form's data-today) a date was, as the server's cards
     say it ("3 days ago"); the date itself when it is after that day or the day is unknown. */
  function ageOf(iso, posted) {
    var today = form.getAttribute("data-today");
    var days = today ? Math.round((Date.parse(today) - Date.parse(iso)) / 86400000) : NaN;
    if (!(days >= 0)) return posted;
    if (days === 0) return message("age.today");
    if (days === 1) return message("age.yesterday");
    if (days < 14) return counted("age.days", days);
    if (days < 60) return counted("age.weeks", Math.floor(days / 7));
    if (days < 365) return counted("age.months", Math.floor(days / 30));
    return counted("age.years", Math.floor(days / 365));
  }

  /* A message with {n}, in its `_one` form when n is 1 and the strings have one. */
  function counted(key, n) {
    return message(n === 1 && strings[key + "_one"] ? key + "_one" : key, { n: n });
  }

  /* A message with {name} replaced by values[name]. */
  function message(key, values) {
    return String(strings[key] || STRINGS[key]).replace(/\{(\w+)\}/g, function (all, name) {
      return values && name in values ? String(values[name]) : all;
    });
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function kindOf(field) { return field.getAttribute("data-filter"); }

  /* The filter's value, as the index spells it ("" when it names no value). */
  function valueOf(field) {
    var typed = field.value.trim();
    if (!typed) return "";
    var wanted = typed.toLocaleLowerCase();
    var values = (meta.filters[kindOf(field)] || []).map(function (entry) { return entry[0]; });
    for (var i = 0; i < values.length; i++) if (values[i].toLocaleLowerCase() === wanted) return values[i];
    return "";
  }

  function activeFilters() {
    var filters = {};
    fields.forEach(function (field) {
      var value = valueOf(field);
      if (value) filters[kindOf(field)] = value;
      field.setAttribute("aria-invalid", field.value.trim() && !value ? "true" : "false");
    });
    if (remote.checked) filters.remote = remote.value;
    return filters;
  }

  /* Options of a filter: a <datalist> (input list=...) or a <select>. */
  function optionsOf(field) {
    return field.tagName === "SELECT" ? field : document.getElementById(field.getAttribute("list"));
  }

  function fillOptions(field, counts) {
    var box = optionsOf(field);
    if (!box) return;
    var selected = valueOf(field);
    var keep = field.tagName === "SELECT" ? 1 : 0; /* a select's first option: "All ..." */
    while (box.options.length > keep) box.removeChild(box.options[keep]);
    counts.forEach(function (entry) {
      if (!entry[1] && entry[0] !== selected) return;
      var option = el("option", "", message("search.option_count", { value: entry[0], n: entry[1] }));
      option.value = entry[0];
      if (field.tagName !== "SELECT") option.label = option.textContent;
      box.appendChild(option);
    });
    if (field.tagName === "SELECT") field.value = selected;
  }

  /* The state in the address: ?q=&company=&location=&type=&remote=1. */
  function stateUrl() {
    var params = new URLSearchParams();
    var text = query.value.trim();
    if (text) params.set("q", text);
    var filters = activeFilters();
    fields.forEach(function (field) {
      var kind = kindOf(field);
      if (filters[kind]) params.set(kind, filters[kind]);
    });
    if (remote.checked) params.set("remote", "1");
    var search = params.toString();
    return window.location.pathname + (search ? "?" + search : "") + window.location.hash;
  }

  function fromUrl() {
    var params = new URLSearchParams(window.location.search);
    query.value = params.get("q") || "";
    fields.forEach(function (field) { field.value = params.get(kindOf(field)) || ""; });
    remote.checked = !!params.get("remote");
    committed = window.location.href;
  }

  function same(url) { return new URL(url, window.location.href).href === window.location.href; }

  /* Typing: the current entry follows the box. */
  function replaceUrl() {
    var url = stateUrl();
    if (!same(url)) window.history.replaceState({ search: true }, "", url);
  }

  /* A committed change: the current entry goes back to the search it had, a new one follows. */
  function pushUrl() {
    var url = stateUrl();
    var target = new URL(url, window.location.href).href;
    if (target === committed) {
      if (!same(url)) window.history.replaceState({ search: true }, "", url);
      return;
    }
    if (!same(committed)) window.history.replaceState({ search: true }, "", committed);
    window.history.pushState({ search: true }, "", url);
    committed = target;
  }

  function setField(card, name, text) {
    var node = card.querySelector('[data-field="' + name + '"]');
    if (!node) return null;
    node.textContent = text || "";
    node.hidden = !text;
    return node;
  }

  /* A result card: a clone of <template id="job-card">, or the built-in one. */
  function resultItem(doc) {
    var template = document.getElementById("job-card");
    if (!template || !template.content || !template.content.firstElementChild) return builtInItem(doc);
    var card = template.content.firstElementChild.cloneNode(true);
    var link = card.querySelector('[data-field="link"]');
    if (link) link.setAttribute("href", root + doc.url);
    setField(card, "title", doc.title);
    setField(card, "company", doc.company);
    setField(card, "places", (doc.places || []).join(" · "));
    setField(card, "remote", doc.remote);
    setField(card, "salary", doc.salary);
    var age = setField(card, "age", doc.date ? ageOf(doc.date, doc.posted) : "");
    if (age && doc.date) {
      age.setAttribute("datetime", doc.date);
      age.setAttribute("title", doc.posted);
    }
    if (card.tagName === "LI") return card;
    var li = el("li", "job");
    li.appendChild(card);
    return li;
  }

  function builtInItem(doc) {
    var li = el("li", "job");
    var h3 = el("h3", "job-title");
    var a = el("a", "job-link", doc.title);
    a.href = root + doc.url;
    h3.appendChild(a);
    li.appendChild(h3);
    var meta = el("p", "job-meta");
    if (doc.company) meta.appendChild(el("span", "company", doc.company));
    if (doc.places && doc.places.length) meta.appendChild(el("span", "where", doc.places.join(" · ")));
    if (doc.remote) meta.appendChild(el("span", "badge", doc.remote));
    if (doc.type) meta.appendChild(el("span", "badge badge-quiet", doc.type));
    if (doc.salary) meta.appendChild(el("span", "salary", doc.salary));
    if (doc.date) {
      var time = el("time", "", doc.posted);
      time.setAttribute("datetime", doc.date);
      meta.appendChild(time);
    }
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

  /* "Did you mean <a>better</a>?" built from the did_you_mean message. */
  function suggestion(better) {
    var parts = message("search.did_you_mean", {}).split("{suggestion}");
    var p = el("span", "search-suggest");
    p.id = "search-suggest";
    p.appendChild(document.createTextNode(" " + parts[0]));
    var link = el("a", "", better);
    var params = new URLSearchParams(window.location.search);
    params.set("q", better);
    link.href = "?" + params.toString();
    link.addEventListener("click", function (event) {
      event.preventDefault();
      query.value = better;
      pushUrl();
      run();
      query.focus();
    });
    p.appendChild(link);
    p.appendChild(document.createTextNode(parts.slice(1).join(better)));
    return p;
  }

  function run() {
    var current = ++generation;
    var text = query.value.trim();
    var filters = activeFilters();
    var counting = engine.counts(text, filters).then(function (counts) {
      if (current !== generation) return;
      fields.forEach(function (field) { fillOptions(field, counts[kindOf(field)] || []); });
    });
    if (!window.JobSearch.tokenize(text).length && !Object.keys(filters).length) {
      area.hidden = true;
      plain.hidden = false;
      return counting.then(function () {
        if (current === generation) form.setAttribute("data-state", "idle");
      });
    }
    form.setAttribute("data-state", "searching");
    return engine.search(text, filters).then(function (found) {
      if (current !== generation) return;
      results = found;
      shown = 0;
      list.textContent = "";
      var n = results.length;
      status.textContent = n === 0 ? message("search.no_results") : message(n === 1 ? "search.results_one" : "search.results", { n: n });
      area.hidden = false;
      plain.hidden = true;
      var hint = n ? Promise.resolve(null) : engine.suggest(text, filters);
      return Promise.all([showMore(current), hint, counting]).then(function (got) {
        if (current !== generation) return;
        if (got[1]) status.appendChild(suggestion(got[1]));
        form.setAttribute("data-state", "done");
      });
    }).catch(function () {
      if (current !== generation) return;
      status.textContent = message("search.unavailable");
      area.hidden = false;
      form.setAttribute("data-state", "done");
    });
  }

  function later() {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { replaceUrl(); run(); }, 150);
  }

  engine.open()
    .then(function (opened) {
      meta = opened;
      fields.forEach(function (field) {
        fillOptions(field, meta.filters[kindOf(field)] || []);
        if ((meta.filters[kindOf(field)] || []).length < 2) field.closest(".field").hidden = true;
      });
      var remotes = (meta.filters.remote || []).filter(function (entry) { return entry[0] === remote.value; });
      if (!remotes.length) remote.closest(".field").hidden = true;
      query.addEventListener("input", later);
      fields.forEach(function (field) {
        if (field.tagName === "SELECT") return; /* its change event does it */
        /* A value picked from the list (or typed in full) applies at once. */
        field.addEventListener("input", function () {
          if (valueOf(field) || !field.value) { pushUrl(); run(); }
        });
      });
      form.addEventListener("change", function (event) {
        window.clearTimeout(timer);
        pushUrl();
        if (event.target !== query) run();
      });
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        window.clearTimeout(timer);
        pushUrl();
        run();
      });
      form.addEventListener("reset", function () {
        window.setTimeout(function () { pushUrl(); run(); }, 0);
      });
      more.addEventListener("click", function () { showMore(generation); });
      window.addEventListener("popstate", function () {
        fromUrl();
        run();
      });
      fromUrl();
      form.hidden = false;
      form.setAttribute("data-ready", "true");
      return run();
    })
    .catch(function () {
      form.hidden = true; /* no index (file://, an empty board): the plain list stays */
    });
})();
