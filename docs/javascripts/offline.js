// Registers this language's service worker (sw.js at the language root, written by
// generator/site/webapp.py), after the page has loaded so the first visit is not slowed down.
// On the offline page (the worker's answer for what it has not stored: ?url=what was asked,
// &from=the page that asked) it says whether a PDF or a page is missing and links back.
(() => {
  const offline = document.querySelector(".kb-offline");
  if (offline) {
    const params = new URLSearchParams(location.search);
    const ours = (value) => {  // only this site's pages: the query is anyone's to write
      if (!value) return null;
      try {
        const url = new URL(value, location.href);
        return url.origin === location.origin ? url : null;
      } catch {
        return null;
      }
    };
    const asked = ours(params.get("url")), from = ours(params.get("from"));
    if (asked) {
      const pdf = asked.pathname.endsWith(".pdf");
      offline.querySelector(pdf ? ".kb-offline__page" : ".kb-offline__pdf").hidden = true;
      const retry = offline.querySelector(".kb-offline__retry");
      retry.href = asked.href;
      retry.parentElement.hidden = false;
    }
    if (from && (!asked || from.href !== asked.href)) {
      const back = offline.querySelector(".kb-offline__back");
      back.href = from.href;
      back.parentElement.hidden = false;
    }
  }
  if (!("serviceWorker" in navigator)) return;
  const config = JSON.parse(document.getElementById("__config").textContent);
  const root = new URL(config.base + "/", location.href);
  const register = () => navigator.serviceWorker.register(new URL("sw.js", root), { scope: root.pathname })
    .catch(() => {});  // file://, private mode...: the site still works online
  if (document.readyState === "complete") register();
  else addEventListener("load", register);
})();
