/* What the site keeps in this browser (localStorage), and the one way it is read back.
 *
 * Anyone can change what a browser keeps (the developer tools, an extension, another build of the site on
 * the same origin), so nothing read back is trusted: an entry is taken only in the shape this site writes,
 * each field checked by type and range, and an entry that fails the check reads as absent. That entry
 * starts afresh; the page and the other entries go on. training.js (read marks, the progress page) and
 * quiz.js (quiz progress, best scores) read through here; the SCORM package, being self-contained, checks
 * its suspend_data the same way in its own script (generator/assets/scorm/sco.js).
 * No network, no libraries. */
(function () {
  "use strict";

  // The parsed value kept under `key`: null when absent, unreadable (private mode) or not JSON (JSON.parse
  // also throws on nesting too deep for it).
  function load(key) {
    try { return JSON.parse(window.localStorage.getItem(key)); } catch (e) { return null; }
  }

  function store(key, value) {
    try { window.localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* private mode or full: nothing kept */ }
  }

  function forget(key) {
    try { window.localStorage.removeItem(key); } catch (e) { /* nothing kept */ }
  }

  function forgetStarting(prefix) { // every key that starts with `prefix`
    try {
      Object.keys(window.localStorage).forEach(function (key) { if (key.indexOf(prefix) === 0) forget(key); });
    } catch (e) { /* nothing kept */ }
  }

  // The checks. Each is true only for the exact type, so a value that merely converts (an object with its
  // own toString, an array, "5") fails, and what passes is safe to print, compare and count with.
  function isRecord(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function isWhole(value, min, max) {
    return typeof value === "number" && Math.floor(value) === value && value >= min && value <= max; // not NaN, not ±Infinity
  }

  function isText(value, pattern) {
    return typeof value === "string" && value.length <= 64 && pattern.test(value);
  }

  function isTime(value) { // as Date.prototype.toISOString writes it, and a moment Date can read (no month 13)
    return isText(value, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{3})?Z$/) && !isNaN(Date.parse(value));
  }

  // A quiz's best finished attempt, kept by quiz.js, shown by the progress page: right out of total, its
  // percent (rounded, as quiz.js works it out) and when.
  function loadBest(key) {
    var kept = load(key);
    if (!isRecord(kept) || !isWhole(kept.total, 1, 100000) || !isWhole(kept.right, 0, kept.total)
        || kept.percent !== Math.round(100 * kept.right / kept.total) || !isTime(kept.at)) return null;
    return { right: kept.right, total: kept.total, percent: kept.percent, at: kept.at };
  }

  function storeBest(key, right, total) {
    store(key, { right: right, total: total, percent: Math.round(100 * right / total), at: new Date().toISOString() });
  }

  window.kbStorage = { load: load, store: store, forget: forget, forgetStarting: forgetStarting, isRecord: isRecord, isWhole: isWhole, isText: isText,
                       isTime: isTime, loadBest: loadBest, storeBest: storeBest };
})();
