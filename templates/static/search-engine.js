/* The search engine over the static index in search/ (written by generator/search/index.py).
 * No DOM here: static/search.js is the page's user interface, and the tests run this file
 * under Node. Plain JavaScript (no eval, nothing compiled at run time); JSON files are
 * fetched on demand and kept. It is generator/search/engine.py line for line (tokens,
 * stems, matches, ranking, suggestions); the tests run both and want the same results.
 *
 * Tokens (generator/search/tokens.py): runs of letters and digits, keeping `c++`, `c#`,
 * `.net`, `node.js` whole. A term matches a token of one or two characters when it is the
 * token; a longer token when their stems are equal, when the token is the query's last and
 * the term starts with it, or through the token's place alias or hyphen compound. Two
 * neighbouring tokens also match as one word (`front end` = `frontend`). Ranking: more
 * tokens in the title or company, then more tokens matched as words, then newest first. */
(function (global) {
  "use strict";
  var MARKS = /\p{M}+/gu;
  var TOKEN = /(?:(?<![\p{L}\p{N}])(?<!\.)\.)?[\p{L}\p{N}]+(?:\.[\p{L}\p{Nl}\p{No}][\p{L}\p{N}]*)*(?:(?:\+\+|#)(?![\p{L}\p{N}]))?/gu;
  var HYPHENATED = /(?<![\p{L}\p{N}.\-])[\p{L}\p{Nl}\p{No}]+(?:-[\p{L}\p{Nl}\p{No}]+)+(?![\p{L}\p{N}]|-[\p{L}\p{N}])/gu;
  var DIGIT = /^\p{Nd}/u;
  var STEMMABLE = /^[a-z]{5,}$/;
  var MIN_STEM = 4;
  var MAX_TERM = 40;
  var MAX_TOKENS = 8;
  var INFLECTIONS = [
    ["innen", ""], ["nissen", "nis"], ["nisse", "nis"], ["ungen", "ung"], ["erin", "er"],
    ["ies", "y"], ["ied", "y"], ["sses", "ss"], ["ss", "ss"], ["us", "us"], ["is", "is"], ["s", ""]
  ];
  var ENDINGS = [["ing", ""], ["ed", ""], ["ern", "er"], ["en", ""], ["e", ""], ["y", ""]];

  function chars(text) { return Array.from(text); }

  function cut(term, max) {
    if (term.length <= max) return term;
    var all = chars(term);
    return all.length > max ? all.slice(0, max).join("") : term;
  }

  function fold(text) {
    return String(text).normalize("NFKD").replace(MARKS, "").toLowerCase();
  }

  function token(raw, maxTerm) {
    var last = raw.charAt(raw.length - 1);
    if (last === "+" || last === "#") {
      var first = raw.charAt(0) === "." ? chars(raw)[1] : chars(raw)[0];
      if (DIGIT.test(first)) raw = raw.replace(/[+#]+$/, "");
    }
    return cut(raw, maxTerm || MAX_TERM);
  }

  /* The tokens of a text, in order, with repeats (as tokens.tokenize). */
  function tokenize(text, maxTerm) {
    return (fold(text).match(TOKEN) || []).map(function (raw) { return token(raw, maxTerm); });
  }

  /* The distinct terms a text is indexed under, sorted (as tokens.index_terms). */
  function indexTerms(text) {
    var folded = fold(text);
    var terms = Object.create(null);
    (folded.match(TOKEN) || []).forEach(function (raw) {
      var t = token(raw);
      terms[t] = true;
      if (t.indexOf(".") >= 0) {
        var parts = t.split(".").filter(function (part) { return part; });
        parts.forEach(function (part) { terms[cut(part, MAX_TERM)] = true; });
        if (parts.length > 1 || t.charAt(0) === ".") terms[cut("." + parts[parts.length - 1], MAX_TERM)] = true;
      }
    });
    (folded.match(HYPHENATED) || []).forEach(function (match) {
      terms[cut(match.replace(/-/g, ""), MAX_TERM)] = true;
      if (chars(match).length <= MAX_TERM && match.split("-").length === 2) terms[match] = true;
    });
    return Object.keys(terms);
  }

  /* The light stem of a term (as tokens.stem). */
  function stem(term) {
    if (!STEMMABLE.test(term)) return term;
    [INFLECTIONS, ENDINGS].forEach(function (rules) {
      for (var i = 0; i < rules.length; i++) {
        var suffix = rules[i][0];
        if (term.slice(-suffix.length) === suffix) {
          if (term.length - suffix.length + rules[i][1].length >= MIN_STEM) {
            term = term.slice(0, term.length - suffix.length) + rules[i][1];
          }
          break;
        }
      }
    });
    return term;
  }

  /* True when b is a at one insertion, deletion, substitution or swap of neighbours. */
  function oneEdit(a, b) {
    a = chars(a);
    b = chars(b);
    if (a.join("") === b.join("") || Math.abs(a.length - b.length) > 1) return false;
    var i;
    if (a.length === b.length) {
      var diff = [];
      for (i = 0; i < a.length; i++) if (a[i] !== b[i]) diff.push(i);
      if (diff.length === 1) return true;
      i = diff[0];
      return diff.length === 2 && diff[1] === i + 1 && a[i] === b[i + 1] && a[i + 1] === b[i];
    }
    var short = a.length < b.length ? a : b;
    var long = a.length < b.length ? b : a;
    i = 0;
    while (i < short.length && short[i] === long[i]) i++;
    return short.slice(i).join("") === long.slice(i + 1).join("");
  }

  function queryTokens(text, maxTerm) {
    return tokenize(text || "", maxTerm).filter(function (t, i, all) {
      return all.indexOf(t) === i;
    }).slice(0, MAX_TOKENS);
  }

  /* File-name-safe shard name: a-z and 0-9 as they are, any other character _<hex>_. */
  function shardKey(prefix) {
    return chars(prefix).map(function (c) {
      return /^[a-z0-9]$/.test(c) ? c : "_" + c.codePointAt(0).toString(16) + "_";
    }).join("");
  }

  function startsWith(text, prefix) { return text.slice(0, prefix.length) === prefix; }

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
      if (!meta || meta.version !== 2) throw new Error("unknown search index version");
      self.meta = meta;
      self.shards = meta.shards;
      meta.shards.forEach(function (shard) {
        var all = chars(shard);
        for (var n = 1; n < all.length; n++) self.split[all.slice(0, n).join("")] = true;
      });
      return meta;
    });
  };

  /* The shards that may hold terms starting with the token. */
  Engine.prototype.shardsFor = function (prefix) {
    if (chars(prefix).length === 1) return this.shards.indexOf(prefix) >= 0 ? [prefix] : [];
    var found = [];
    var parent = null;
    this.shards.forEach(function (shard) {
      if (startsWith(shard, prefix)) found.push(shard);
      else if (startsWith(prefix, shard) && chars(shard).length >= 2) {
        if (parent === null || shard.length > parent.length) parent = shard;
      }
    });
    /* A split shard keeps only its own exact term, shorter than the token. */
    if (parent !== null && !this.split[parent]) found.push(parent);
    return found;
  };

  /* {term: deltas} of every shard that may hold terms starting with prefix. */
  Engine.prototype.terms = function (prefix) {
    var self = this;
    return Promise.all(this.shardsFor(prefix).map(function (shard) {
      return self.get("terms/" + shardKey(shard) + ".json");
    })).then(function (shards) {
      var terms = Object.create(null);
      shards.forEach(function (shard) {
        Object.keys(shard).forEach(function (term) { terms[term] = shard[term]; });
      });
      return terms;
    });
  };

  Engine.prototype.extra = function (word) {
    var key = chars(word).slice(0, 2).join("");
    if ((this.meta.extra || []).indexOf(key) < 0) return Promise.resolve({ aliases: {}, compounds: {} });
    return this.get("extra/" + shardKey(key) + ".json");
  };

  /* Per doc, how the token matches as one word: 0, or 1 + 2 * head + exact. */
  Engine.prototype.wordFlags = function (tok, last) {
    var n = this.meta.docs;
    var short = chars(tok).length <= 2;
    var root = short ? tok : stem(tok);
    return this.terms(root).then(function (terms) {
      var flags = new Uint8Array(n);
      Object.keys(terms).forEach(function (term) {
        var exact;
        if (short) {
          exact = term === tok;
          if (!exact) return;
        } else {
          exact = stem(term) === root;
          if (!exact && !(last && startsWith(term, tok))) return;
        }
        var deltas = terms[term];
        var value = 0;
        for (var i = 0; i < deltas.length; i++) {
          value += deltas[i];
          var flag = 1 + 2 * (value & 1) + (exact ? 1 : 0);
          if (flag > flags[value >> 1]) flags[value >> 1] = flag;
        }
      });
      return flags;
    });
  };

  /* wordFlags, with the token's place alias and compound split as alternatives. */
  Engine.prototype.tokenFlags = function (tok, last) {
    var self = this;
    if (chars(tok).length <= 2) return this.wordFlags(tok, last);
    return Promise.all([this.wordFlags(tok, last), this.extra(tok)]).then(function (got) {
      var flags = got[0];
      var extra = got[1];
      var alternatives = [extra.aliases[tok], extra.compounds[tok]].filter(function (parts) {
        return parts && parts.length;
      });
      return Promise.all(alternatives.map(function (parts) {
        return Promise.all(parts.map(function (part) { return self.wordFlags(part, false); }));
      })).then(function (all) {
        all.forEach(function (every) {
          for (var doc = 0; doc < flags.length; doc++) {
            var both = Math.min.apply(null, every.map(function (f) { return f[doc]; }));
            if (both > flags[doc]) flags[doc] = both;
          }
        });
        return flags;
      });
    });
  };

  /* Per doc: 1 when the filter's value applies. */
  Engine.prototype.filterFlags = function (kind, value) {
    var flags = new Uint8Array(this.meta.docs);
    var values = (this.meta.filters[kind] || []).map(function (entry) { return entry[0]; });
    var i = values.indexOf(value);
    if (i < 0) return Promise.resolve(flags);
    return this.get("filters/" + kind + ".json").then(function (ofDoc) {
      for (var doc = 0; doc < ofDoc.length; doc++) if (ofDoc[doc].indexOf(i) >= 0) flags[doc] = 1;
      return flags;
    });
  };

  /* Per doc: [tokens in title or company, tokens matched as words], or null. */
  Engine.prototype.scores = function (tokens) {
    var n = this.meta.docs;
    var last = tokens.length - 1;
    var self = this;
    var wanted = tokens.map(function (t, i) { return self.tokenFlags(t, i === last); });
    for (var p = 0; p < last; p++) wanted.push(this.wordFlags(tokens[p] + tokens[p + 1], p + 1 === last));
    return Promise.all(wanted).then(function (all) {
      var single = all.slice(0, tokens.length);
      var pair = all.slice(tokens.length);
      var scores = [];
      for (var doc = 0; doc < n; doc++) {
        var best = [[0, 0]];
        for (var k = 0; k < tokens.length; k++) best.push(null);
        for (var i = 0; i < tokens.length; i++) {
          var here = best[i];
          if (here === null) continue;
          for (var width = 1; width <= 2; width++) {
            var flag = width === 1 ? single[i][doc] : (i < last ? pair[i][doc] : 0);
            if (!flag) continue;
            var score = [here[0] + (flag >= 3 ? width : 0), here[1] + (flag % 2 === 0 ? width : 0)];
            var old = best[i + width];
            if (old === null || score[0] > old[0] || (score[0] === old[0] && score[1] > old[1])) best[i + width] = score;
          }
        }
        scores.push(best[tokens.length]);
      }
      return scores;
    });
  };

  /* Per doc: every filter applies (filter `skip` left out). */
  Engine.prototype.allowed = function (filters, skip) {
    var n = this.meta.docs;
    var self = this;
    var kinds = Object.keys(filters || {}).filter(function (kind) { return filters[kind] && kind !== skip; });
    return Promise.all(kinds.map(function (kind) { return self.filterFlags(kind, filters[kind]); })).then(function (all) {
      var ok = new Uint8Array(n).fill(1);
      all.forEach(function (flags) { for (var doc = 0; doc < n; doc++) if (!flags[doc]) ok[doc] = 0; });
      return ok;
    });
  };

  /* Doc ids matching the text and filters ({kind: value}), best first. */
  Engine.prototype.search = function (text, filters) {
    var tokens = queryTokens(text, this.meta.maxTerm);
    return Promise.all([this.scores(tokens), this.allowed(filters)]).then(function (got) {
      var scores = got[0];
      var ok = got[1];
      var found = [];
      for (var doc = 0; doc < scores.length; doc++) if (scores[doc] !== null && ok[doc]) found.push(doc);
      found.sort(function (a, b) {
        return (scores[b][0] - scores[a][0]) || (scores[b][1] - scores[a][1]) || (a - b);
      });
      return found;
    });
  };

  /* Each filter's values with how many postings match the text, the other filters and it. */
  Engine.prototype.counts = function (text, filters) {
    var self = this;
    var kinds = ["company", "location", "type", "remote"];
    var tokens = queryTokens(text, this.meta.maxTerm);
    return this.scores(tokens).then(function (scores) {
      return Promise.all(kinds.map(function (kind) {
        var values = self.meta.filters[kind] || [];
        return Promise.all([
          self.allowed(filters, kind),
          values.length ? self.get("filters/" + kind + ".json") : Promise.resolve([])
        ]).then(function (got) {
          var counts = values.map(function () { return 0; });
          got[1].forEach(function (indexes, doc) {
            if (scores[doc] !== null && got[0][doc]) indexes.forEach(function (i) { counts[i]++; });
          });
          return values.map(function (entry, i) { return [entry[0], counts[i]]; });
        });
      })).then(function (lists) {
        var out = {};
        kinds.forEach(function (kind, i) { out[kind] = lists[i]; });
        return out;
      });
    });
  };

  /* A corrected query that finds postings when this one finds none, or null. */
  Engine.prototype.suggest = function (text, filters) {
    var self = this;
    var tokens = queryTokens(text, this.meta.maxTerm);
    if (!tokens.length) return Promise.resolve(null);
    return this.search(text, filters).then(function (found) {
      if (found.length) return null;
      var last = tokens.length - 1;
      return Promise.all(tokens.map(function (tok, i) {
        if (chars(tok).length < 4) return tok;
        return self.tokenFlags(tok, i === last).then(function (flags) {
          for (var doc = 0; doc < flags.length; doc++) if (flags[doc]) return tok;
          return self.terms(chars(tok).slice(0, 2).join("")).then(function (terms) {
            var best = null;
            Object.keys(terms).forEach(function (term) {
              if (!oneEdit(tok, term)) return;
              var count = terms[term].length;
              if (best === null || count > best[0] || (count === best[0] && term < best[1])) best = [count, term];
            });
            return best === null ? tok : best[1];
          });
        });
      })).then(function (fixed) {
        if (fixed.join(" ") === tokens.join(" ")) return null;
        var better = fixed.join(" ");
        return self.search(better, filters).then(function (again) { return again.length ? better : null; });
      });
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

  var api = {
    tokenize: tokenize, indexTerms: indexTerms, stem: stem, oneEdit: oneEdit, shardKey: shardKey, Engine: Engine
  };
  if (typeof module === "object" && module.exports) module.exports = api;
  else global.JobSearch = api;
})(typeof window !== "undefined" ? window : globalThis);
