// Registers this language's service worker (sw.js at the language root, written by
// generator/site/webapp.py), after the page has loaded so the first visit is not slowed down.
(() => {
  if (!("serviceWorker" in navigator)) return;
  const config = JSON.parse(document.getElementById("__config").textContent);
  const root = new URL(config.base + "/", location.href);
  const register = () => navigator.serviceWorker.register(new URL("sw.js", root), { scope: root.pathname })
    .catch(() => {});  // file://, private mode...: the site still works online
  if (document.readyState === "complete") register();
  else addEventListener("load", register);
})();
