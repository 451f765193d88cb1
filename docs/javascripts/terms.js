/* Glossary terms (<abbr title>, generator/site/pages.py explain_terms) and timing badges (.kb-timing
 * title: what the number measures) on a touch screen. With a mouse, Material's tooltip shows the
 * explanation while the pointer rests on the term. A tap has no "away": the tooltip stayed over the
 * next line, hiding the next step. So where there is no hover, Material's inline tooltips are off
 * (extra.css) and a tap on a term shows its explanation in the text, below the step or paragraph that
 * holds it, pushing what follows down instead of covering it; a second tap takes it away.
 * Texts go in with textContent only. No network, no libraries. */
(function () {
  "use strict";

  var TERMS = ".md-content abbr, .md-content .kb-timing";
  var BLOCKS = "li, p, td, th, dd, dt, blockquote, h1, h2, h3, h4, h5, h6";
  var touch = window.matchMedia("(hover: none)");

  // The note a term shows, found by the block it sits in and the term's own words.
  function noteOf(block, word) {
    var notes = block.querySelectorAll(":scope > .kb-term-note");
    for (var i = 0; i < notes.length; i++) if (notes[i].getAttribute("data-term") === word) return notes[i];
    return null;
  }

  // The explanation: the title, which Material moves into its tooltip (named by aria-describedby) while
  // the pointer rests on the term, as it does on the tap that brings us here.
  function explanation(term) {
    var tooltip = document.getElementById(term.getAttribute("aria-describedby") || "");
    return term.getAttribute("title") || (tooltip ? tooltip.textContent.trim() : "");
  }

  function toggle(term, text) {
    var block = term.closest(BLOCKS) || term.parentNode, word = term.textContent;
    var shown = noteOf(block, word);
    if (shown) { shown.remove(); return; }
    var note = document.createElement("span");
    note.className = "kb-term-note";
    note.setAttribute("data-term", word);
    var name = document.createElement("strong");
    name.textContent = word;
    note.appendChild(name);
    note.appendChild(document.createTextNode(" " + text));
    block.appendChild(note);
  }

  document.addEventListener("click", function (event) {
    if (!touch.matches || !event.target.closest) return;
    var term = event.target.closest(TERMS), text = term ? explanation(term) : "";
    if (!text || term.closest("a")) return; // a term inside a link: the tap follows the link
    toggle(term, text);
  });
})();
