/* The search engine over the static index in search/ (written by generator/search/index.py).
 * No DOM here: static/search.js is the page's user interface, and the tests run this file
 * under Node. Plain JavaScript (no eval, nothing compiled at run time); JSON files are
 * fetched on demand and kept.
 *
 * Query: every token (same tokenizer as the build) matches as a prefix of the index's terms
 * (a one-character token only matches itself); a posting must match every token and every
 * filter. Ranking: more tokens found in the title or company first, then newest first. */
(function (global) {
  "use strict";
  var MARKS = /\p{M}+/gu;
  var TERM = /[\p{L}\p{N}]+/gu;
  var MAX_TERM = 40;

  function cut(term, max) {
    if (term.length <= max) return term;
    var chars = Array.from(term);
    return chars.length > max ? chars.slice(0, max).join("") : term;
  }

  /* NFKD, drop combining marks, lower case, runs of letters and digits (as tokens.py). */
  function tokenize(text, maxTerm) {
    var folded = String(text).normalize("NFKD").replace(MARKS, "").toLowerCase();
    return (folded.match(TERM) || []).map(function (term) { return cut(term, maxTerm || MAX_TERM); });
  }

  /* File-name-safe shard name: a-z and 0-9 as they are, any other character _<hex>_. */
  function shardKey(prefix) {
    return Array.from(prefix).map(function (c) {
      return /^[a-z0-9]$/.test(c) ? c : "_" + c.codePointAt(0).toString(16) + "_";
    }).join("");
  }

  /* Running sums of successive differences; each value to visit(value). */
  function undelta(deltas, visit) {
    var value = 0;
    for (var i = 0; i < deltas.length; i++) {
      value += deltas[i];
      visit(value);
    }
  }

  /* load(path) -> Promise of the parsed JSON of search/<path>. */
  function Engine(load) {
    this.load = load;
    this.files = Object.create(null);
    this.meta = null;
    this.shards = [];
    this.split = Object.create(null);
  }

  Engine.prototype.get = function (path) {
    var files = this.files;
    if (!(path in files)) {
      files[path] = this.load(path).catch(function (err) {
        delete files[path]; /* a failed request is tried again next time */
        throw err;
      });
    }
    return files[path];
  };

  /* Load index.json; resolves to it (doc count, filters with counts). */
  Engine.prototype.open = function () {
    var self = this;
    return this.get("index.json").then(function (meta) {
      if (!meta || meta.version !== 1) throw new Error("unknown search index version");
      self.meta = meta;
      self.shards = meta.shards;
      meta.shards.forEach(function (shard) {
        var chars = Array.from(shard);
        for (var n = 1; n < chars.length; n++) self.split[chars.slice(0, n).join("")] = true;
      });
      return meta;
    });
  };

  /* The shards that may hold terms matching a token. */
  Engine.prototype.shardsFor = function (token) {
    var length = Array.from(token).length;
    if (length === 1) return this.shards.indexOf(token) >= 0 ? [token] : [];
    var found = [];
    var parent = null;
    this.shards.forEach(function (shard) {
      if (shard.indexOf(token) === 0) found.push(shard);
      else if (token.indexOf(shard) === 0 && Array.from(shard).length >= 2) {
        if (parent === null || shard.length > parent.length) parent = shard;
      }
    });
    /* A split shard keeps only its own exact term, shorter than the token. */
    if (parent !== null && !this.split[parent]) found.push(parent);
    return found;
  };

  /* Per doc: 0 no match, 1 the token matches the body, 2 the title or company. */
  Engine.prototype.tokenFlags = function (token) {
    var n = this.meta.docs;
    var exact = Array.from(token).length === 1;
    var self = this;
    return Promise.all(this.shardsFor(token).map(function (shard) {
      return self.get("terms/" + shardKey(shard) + ".json");
    })).then(function (shards) {
      var flags = new Uint8Array(n);
      shards.forEach(function (shard) {
        Object.keys(shard).forEach(function (term) {
          if (exact ? term !== token : term.indexOf(token) !== 0) return;
          undelta(shard[term], function (value) {
            var doc = value >> 1;
            if (value & 1) flags[doc] = 2;
            else if (!flags[doc]) flags[doc] = 1;
          });
        });
      });
      return flags;
    });
  };

  /* Per doc: 1 when the filter's value applies. */
  Engine.prototype.filterFlags = function (kind, value) {
    var flags = new Uint8Array(this.meta.docs);
    var values = (this.meta.filters[kind] || []).map(function (entry) { return entry[0]; });
    var i = values.indexOf(value);
    if (i < 0) return Promise.resolve(flags);
    return this.get("filters/" + kind + "/" + i + ".json").then(function (deltas) {
      undelta(deltas, function (doc) { flags[doc] = 1; });
      return flags;
    });
  };

  /* Doc ids matching the text and filters ({kind: value}), best first. */
  Engine.prototype.search = function (text, filters) {
    var self = this;
    var tokens = tokenize(text || "", this.meta.maxTerm).filter(function (t, i, all) {
      return all.indexOf(t) === i;
    });
    var kinds = Object.keys(filters || {}).filter(function (kind) { return filters[kind]; });
    var wanted = tokens.map(function (t) { return self.tokenFlags(t); }).concat(
      kinds.map(function (kind) { return self.filterFlags(kind, filters[kind]); })
    );
    return Promise.all(wanted).then(function (all) {
      var words = all.slice(0, tokens.length);
      var limits = all.slice(tokens.length);
      var buckets = [];
      for (var s = 0; s <= tokens.length; s++) buckets.push([]);
      for (var doc = 0; doc < self.meta.docs; doc++) {
        var score = 0;
        var ok = true;
        for (var w = 0; ok && w < words.length; w++) {
          if (!words[w][doc]) ok = false;
          else if (words[w][doc] === 2) score++;
        }
        for (var f = 0; ok && f < limits.length; f++) if (!limits[f][doc]) ok = false;
        if (ok) buckets[score].push(doc);
      }
      return buckets.reverse().reduce(function (a, b) { return a.concat(b); }, []);
    });
  };

  /* The result cards of some doc ids, in the same order. */
  Engine.prototype.docs = function (ids) {
    var self = this;
    var size = this.meta.chunk;
    return Promise.all(ids.map(function (id) {
      return self.get("docs/" + Math.floor(id / size) + ".json").then(function (chunk) {
        return chunk[id % size];
      });
    }));
  };

  var api = { tokenize: tokenize, shardKey: shardKey, Engine: Engine };
  if (typeof module === "object" && module.exports) module.exports = api;
  else global.JobSearch = api;
})(typeof window !== "undefined" ? window : globalThis);
