// The service worker of one language build (generator/site/webapp.py writes it as sw.js, with
// VERSION, the hash of precache.json, and OFFLINE_PAGE, the offline page's path, above). Online,
// every request goes to the network first, so a new build is seen at once; what comes back is kept.
// Offline, the cache answers: the whole language was fetched when this worker installed
// (precache.json), pages included, so pages never opened work too; a download (PDF) is kept once
// opened online, and one not kept yet opens the offline page, which says so in the site's language.
// Text files are kept gzipped (CompressionStream) to keep the cache small.

const SCOPE = new URL("./", self.location).href;
// Both languages' workers share the origin's caches: each knows its own by the scope in the name.
const CACHE = `kb ${VERSION} ${SCOPE}`;
const ownCache = (name) => name.startsWith("kb ") && name.endsWith(` ${SCOPE}`);
const PARALLEL = 6;
const COMPRESSED = "x-kb-gzip";

self.addEventListener("install", (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (ownCache(name) && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(self.location.origin)) return;
  event.respondWith(networkFirst(request, event));
});

async function networkFirst(request, event) {
  try {
    // Revalidated with the server (a 304 when unchanged): the browser's own cache may not know
    // the site was rebuilt. A navigation request cannot be copied with options, so its URL is used.
    const response = await fetch(request.mode === "navigate" ? request.url : request, { cache: "no-cache" });
    if (response.ok && response.type === "basic" && request.url.startsWith(SCOPE)) {
      event.waitUntil(store(await caches.open(CACHE), keyOf(request.url), response.clone()));
    }
    return response;
  } catch (error) {
    const cached = await lookUp(request.url);
    if (cached) return cached;
    if (request.mode === "navigate") {
      // Chromium's "This site can't be reached" tells nothing: the offline page says what is missing
      // and links back. Redirected to, so its own relative links resolve.
      const page = new URL(OFFLINE_PAGE, SCOPE);
      if (await lookUp(page.href)) {
        page.searchParams.set("url", request.url);
        if (request.referrer) page.searchParams.set("from", request.referrer);
        return Response.redirect(page.href, 303);
      }
    }
    throw error;
  }
}

// Cache keys are URLs without query or fragment (Pagefind asks for its entry file with ?ts=...).
function keyOf(url) {
  const key = new URL(url);
  key.search = "";
  key.hash = "";
  return key.href;
}

async function lookUp(url) {
  const cache = await caches.open(CACHE);
  let response = await cache.match(keyOf(url));
  if (!response && !new URL(url).pathname.endsWith("/")) response = await cache.match(keyOf(url) + "/");
  return response ? unpack(response) : undefined;
}

async function precache() {
  const listing = await (await fetch(new URL("precache.json", SCOPE), { cache: "no-cache" })).json();
  const cache = await caches.open(CACHE);
  const previous = await previousFiles();
  const todo = Object.entries(listing.files);
  const worker = async () => {
    for (let entry = todo.shift(); entry; entry = todo.shift()) {
      const [path, hash] = entry;
      const url = new URL(path, SCOPE).href;
      const old = previous.get(url);
      if (old && old.hash === hash) {
        await cache.put(url, old.response);
        continue;
      }
      const response = await fetch(url, { cache: "no-cache" });
      if (!response.ok) throw new Error(`precache: ${url}: ${response.status}`);
      await store(cache, url, response, hash);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  await cache.put(new URL("precache.json", SCOPE).href, new Response(JSON.stringify(listing)));
}

// What the last version of this scope cached, by URL, with the hash it was cached at: unchanged
// files are copied instead of downloaded again.
async function previousFiles() {
  const found = new Map();
  for (const name of await caches.keys()) {
    if (!ownCache(name) || name === CACHE) continue;
    const cache = await caches.open(name);
    const listing = await cache.match(new URL("precache.json", SCOPE).href);
    if (!listing) continue;
    const files = (await listing.json()).files;
    for (const [path, hash] of Object.entries(files)) {
      const url = new URL(path, SCOPE).href;
      const response = await cache.match(url);
      if (response) found.set(url, { hash, response });
    }
  }
  return found;
}

async function store(cache, url, response, hash) {
  const type = response.headers.get("content-type") || "";
  if (/^(text\/|application\/(json|javascript|manifest\+json))|svg/.test(type) && "CompressionStream" in self) {
    const headers = new Headers(response.headers);
    headers.set(COMPRESSED, "1");
    headers.delete("content-length");
    if (hash) headers.set("x-kb-hash", hash);
    const body = response.body.pipeThrough(new CompressionStream("gzip"));
    response = new Response(await new Response(body).blob(), { status: response.status, headers });
  }
  await cache.put(url, response);
}

function unpack(response) {
  if (!response.headers.get(COMPRESSED)) return response;
  const headers = new Headers(response.headers);
  headers.delete(COMPRESSED);
  return new Response(response.body.pipeThrough(new DecompressionStream("gzip")), { status: response.status, headers });
}
