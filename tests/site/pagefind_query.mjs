// Run Pagefind's own search (pagefind.js + WebAssembly) under Node on a built site.
// Usage: node pagefind_query.mjs SITE_DIR '{"term": "word", "filters": {"company": "Acme"}}'
// Prints {"filters": {...all filter counts...}, "urls": [...sorted result URLs...]}.
import { readFile } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";

const [site, queryJson] = process.argv.slice(2);
globalThis.fetch = async (input) => {
  const data = await readFile(fileURLToPath(new URL(String(input))));
  return new Response(data, { status: 200 });
};
const pagefind = await import(pathToFileURL(`${site}/pagefind/pagefind.js`).href);
await pagefind.options({ baseUrl: "/" });
const query = JSON.parse(queryJson || "{}");
const filters = await pagefind.filters();
const search = await pagefind.search(query.term ?? null, { filters: query.filters ?? {} });
const results = await Promise.all(search.results.map((r) => r.data()));
console.log(JSON.stringify({ filters, urls: results.map((d) => d.url).sort() }));
