// Run static/search-engine.js under Node, as the browser does, for tests/site/test_search_*.py.
//   node search_node.js ENGINE tokenize < ["text", ...]         -> [["term", ...], ...]
//   node search_node.js ENGINE terms < ["text", ...]            -> [["term", ...] sorted, ...]
//   node search_node.js ENGINE stem < ["word", ...]             -> ["stem", ...]
//   node search_node.js ENGINE search SITE < [{"q": "...", "filters": {...}}, ...]
//        -> [{"ids": [...], "urls": [...], "suggest": "..." or null, "counts": {...}}, ...]
//   node search_node.js ENGINE shards SITE < ["token", ...]      -> [["shard", ...], ...]
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const [enginePath, mode, site] = process.argv.slice(2);
const engineApi = require(path.resolve(enginePath));
const input = JSON.parse(fs.readFileSync(0, "utf8"));

async function main() {
  if (mode === "tokenize") return input.map((text) => engineApi.tokenize(text));
  if (mode === "terms") return input.map((text) => engineApi.indexTerms(text).sort());
  if (mode === "stem") return input.map((word) => engineApi.stem(word));
  const engine = new engineApi.Engine(async (rel) =>
    JSON.parse(await fs.promises.readFile(path.join(site, "search", rel), "utf8")),
  );
  await engine.open();
  if (mode === "shards") return input.map((token) => engine.shardsFor(token));
  const out = [];
  for (const query of input) {
    const filters = query.filters || {};
    const ids = await engine.search(query.q || "", filters);
    const docs = await engine.docs(ids);
    const suggest = await engine.suggest(query.q || "", filters);
    const counts = await engine.counts(query.q || "", filters);
    out.push({ ids, urls: docs.map((doc) => doc.url), suggest, counts });
  }
  return out;
}

main().then(
  (result) => process.stdout.write(JSON.stringify(result)),
  (err) => {
    console.error(err && err.stack ? err.stack : String(err));
    process.exit(1);
  },
);
