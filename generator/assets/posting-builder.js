// Posting builder: builds the form from the page's JSON and writes the same Markdown, text, JSON-LD
// and posting.yml as generator/posting/document.py and the CLI. What the posting would say is checked
// piece by piece, as document.check_vacancy does, with the rule table of generator/posting/wording.py
// handed over in the page's JSON (data.check), and each finding names the field and line HR typed it in.
// Content reaches the page only through textContent and input values, never innerHTML, so item
// text and what HR types cannot become markup. What the command line refuses in a posting's text is
// flagged at its field as HR types and left out of the draft and of every export: control and
// text-direction characters (generator/characters.py, data.check.refused) are taken out, and a line
// holding raw HTML or a link the site would not keep (generator/markup.py, data.check.text) is dropped.
(function () {
  "use strict";
  var root = document.getElementById("posting-builder");
  var source = document.getElementById("posting-data");
  if (!root || !source) return;
  var data = JSON.parse(source.textContent);
  var L = data.labels, UI = data.ui, D = data.defaults, COLON = L.separator;
  var KINDS = ["responsibilities", "requirements"];

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") node.textContent = attrs[key];
      else node.setAttribute(key, attrs[key]);
    });
    (children || []).forEach(function (child) { node.appendChild(child); });
    return node;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return String(values[key]); });
  }

  function field(id, label, input) {
    input.id = "posting-" + id;
    input.name = id;
    return el("p", {class: "posting-field"}, [el("label", {for: input.id, text: label}), input]);
  }

  function select(options, chosen, any) {
    var node = el("select");
    if (any) node.appendChild(el("option", {value: "", text: any}));
    Object.keys(options).forEach(function (key) {
      var option = el("option", {value: key, text: options[key]});
      if (key === chosen) option.selected = true;
      node.appendChild(option);
    });
    return node;
  }

  function button(id, text, action) {
    var node = el("button", {type: "button", id: id, class: "md-button", text: text});
    node.addEventListener("click", action);
    return node;
  }

  function isoDate(date) {
    return date.getFullYear() + "-" + String(date.getMonth() + 1).padStart(2, "0") + "-" + String(date.getDate()).padStart(2, "0");
  }

  // --- the wording check: wording.check_text, on the same normalised line ---------------------
  var RULES = data.check.rules.map(function (rule) {
    return {rule: rule, re: new RegExp(rule.pattern, "gi")};
  });
  var HALF = data.check.halfWidth, SPACES = data.check.spaces;
  var REFUSED = new RegExp(data.check.refused, "gu");  // u: a surrogate pair is one character, a lone one matches

  function clean(text) { return text.replace(REFUSED, ""); }

  // markup.find_markup and markup.find_unsafe_link on one line, as the command line judges a posting's lines.
  var T = data.check.text;
  var MARKUP = new RegExp(T.markup), AUTOLINK = new RegExp(T.autolink, "gi"), LINKS = new RegExp(T.links, "gi");
  var ENTITY = new RegExp(T.entity), IGNORED = new RegExp(T.ignoredInUrls, "g"), SCHEME = new RegExp(T.scheme);

  function isSafeUrl(url) {  // without entities (those are refused first), html.unescape changes nothing
    var scheme = SCHEME.exec(url.replace(IGNORED, "").toLowerCase());
    return !scheme || T.safeSchemes.indexOf(scheme[1]) >= 0;
  }

  function lineProblem(line) {
    var text = line.replace(AUTOLINK, " "), at = text.search(MARKUP);
    if (at >= 0) return {kind: "markup", text: text.slice(at, at + 40)};
    LINKS.lastIndex = 0;
    for (var match; (match = LINKS.exec(line)) !== null;) {
      var url = match[1] || match[2] || match[3];
      if (ENTITY.test(url)) return {kind: "entity", text: url};
      if (!isSafeUrl(url)) return {kind: "link", text: url};
    }
    return null;
  }

  function normalise(line) {
    var out = "";
    for (var ch of line) {  // code points, as Python sees them
      var code = ch.codePointAt(0);
      if (code > 0xFFFF) out += "\ufffd";
      else if (code >= HALF[0] && code <= HALF[1]) out += String.fromCharCode(code - HALF[2]);
      else if (SPACES.indexOf(ch) >= 0) out += " ";
      else out += ch;
    }
    return out;
  }

  function splitLines(text) {  // wording.split_lines: as an editor counts lines
    var lines = text.split(/\r\n|\r|\n/);
    if (lines[lines.length - 1] === "") lines.pop();
    return lines;
  }

  function checkText(text, lang) {
    var findings = [];
    splitLines(text).forEach(function (line, index) {
      // A mark per character held by an earlier finding (as check_text): linear however many findings.
      var normal = normalise(line), chars = Array.from(line), taken = new Uint8Array(normal.length);
      RULES.forEach(function (entry) {
        if (lang && entry.rule.lang !== lang) return;
        var re = entry.re, match;
        re.lastIndex = 0;
        while ((match = re.exec(normal)) !== null) {
          var start = match.index, end = start + match[0].length;
          if (start === end) { re.lastIndex = start + 1; continue; }
          if (taken.subarray(start, end).indexOf(1) >= 0) continue;
          taken.fill(1, start, end);
          findings.push({line: index + 1, col: start + 1, length: end - start, text: chars.slice(start, end).join(""),
                         category: entry.rule.category, problem: entry.rule.problem, alternative: entry.rule.alternative,
                         problemZh: entry.rule.problemZh});
        }
      });
    });
    return findings.sort(function (a, b) { return a.line - b.line || a.col - b.col; });
  }

  // In English, what the command line says after the place: "category: 'text': problem; instead:
  // alternative"; in Chinese the same finding in Chinese words (the category ids are English).
  function message(f) {
    return data.lang === "zh"
      ? "“" + f.text + "”：" + f.problemZh + "；" + UI.instead + "：" + f.alternative
      : f.category + ": '" + f.text + "': " + f.problem + "; " + UI.instead + ": " + f.alternative;
  }

  // What the posting would say, piece by piece as it reads (document.check_vacancy: its pieces, without
  // their Markdown), each finding kept with the piece, which names where HR wrote it.
  function checkPieces(pieces) {
    var findings = [];
    pieces.forEach(function (piece) {
      checkText(plainText(piece.text)).forEach(function (f) { f.piece = piece; findings.push(f); });
    });
    findings.forEach(function (f, n) { f.n = n + 1; });
    return findings;
  }

  // --- the form --------------------------------------------------------------------------------
  var form = el("form", {class: "posting-form", "aria-label": UI.page_title});
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.appendChild(el("p", {class: "posting-jump"}, [el("a", {href: "#posting-preview", text: UI.jump})]));

  var today = new Date();
  var until = new Date(today.getTime() + D.daysOpen * 86400000);
  var inputs = {
    organization: el("input", {type: "text", autocomplete: "organization"}),
    city: el("input", {type: "text", value: D.city || ""}),
    salaryMin: el("input", {type: "number", min: "1", value: D.salaryMin || ""}),
    salaryMax: el("input", {type: "number", min: "1", value: D.salaryMax || ""}),
    currency: el("input", {type: "text", value: D.currency, maxlength: "3", size: "4"}),
    period: select(data.periods, D.period),
    employmentType: select(data.employmentTypes, D.employmentType),
    headcount: el("input", {type: "number", min: "1", max: String(D.maxHeadcount)}),
    datePosted: el("input", {type: "date", value: isoDate(today)}),
    validThrough: el("input", {type: "date", value: isoDate(until)}),
    contact: el("input", {type: "text"}),
    introduction: el("textarea", {rows: "3"}),
    ownResponsibilities: el("textarea", {rows: "3", "aria-describedby": "posting-own-hint-responsibilities"}),
    ownRequirements: el("textarea", {rows: "3", "aria-describedby": "posting-own-hint-requirements"}),
  };
  var details = el("fieldset", {id: "posting-details"}, [el("legend", {text: UI.details})]);
  [["organization", L.organization], ["city", L.location], ["salaryMin", UI.salary_min], ["salaryMax", UI.salary_max],
   ["currency", UI.currency], ["period", UI.period], ["employmentType", L.employment_type], ["headcount", L.headcount],
   ["datePosted", UI.date_posted], ["validThrough", L.valid_through], ["contact", L.contact],
   ["introduction", UI.introduction]].forEach(function (pair) {
    details.appendChild(field(pair[0], pair[1], inputs[pair[0]]));
  });
  form.appendChild(details);

  // Filters for the library items: by industry, by tag, by text. Core items always show.
  var filters = {
    industry: select(data.industries, "", UI.any),
    tag: select(data.tags, "", UI.any),
    search: el("input", {type: "search"}),
  };
  var filterSet = el("fieldset", {id: "posting-filters"}, [el("legend", {text: UI.filter})]);
  [["industry", UI.industry], ["tag", UI.tag], ["search", UI.search]].forEach(function (pair) {
    filterSet.appendChild(field("filter-" + pair[0], pair[1], filters[pair[0]]));
  });
  form.appendChild(filterSet);

  var counters = {};
  KINDS.forEach(function (kind) {
    var set = el("fieldset", {id: "posting-" + kind}, [el("legend", {text: L[kind]})]);
    counters[kind] = el("span", {class: "posting-shown", id: "posting-shown-" + kind});
    set.appendChild(el("p", {class: "posting-group-actions"}, [
      button("posting-all-" + kind, UI.select_all, function () { tickShown(kind, true); }),
      button("posting-none-" + kind, UI.select_none, function () { tickShown(kind, false); }),
      counters[kind],
    ]));
    data.items[kind].forEach(function (item) {
      var box = el("input", {type: "checkbox", value: item.id, "data-kind": kind, id: "item-" + kind + "-" + item.id});
      box.checked = item.core;
      var notes = [item.core ? UI.core : UI.library]
        .concat(item.industries.map(function (x) { return data.industries[x]; }).filter(Boolean))
        .concat(item.tags.map(function (x) { return data.tags[x]; }).filter(Boolean));
      set.appendChild(el("p", {class: "posting-item", "data-item": item.id}, [
        box, el("label", {for: box.id, text: item.text}, [el("small", {text: fill(UI.note, {note: notes.concat(item.source).join(" · ")})})]),
      ]));
    });
    var own = kind === "responsibilities" ? inputs.ownResponsibilities : inputs.ownRequirements;
    var ownField = field("own-" + kind, UI["own_" + kind], own);
    ownField.appendChild(el("small", {id: "posting-own-hint-" + kind, text: UI.own_hint}));
    set.appendChild(ownField);
    form.appendChild(set);
  });

  function matches(item) {
    if (item.core) return true;
    var industry = filters.industry.value, tag = filters.tag.value, words = filters.search.value.trim().toLowerCase();
    return (!industry || item.industries.indexOf(industry) >= 0) && (!tag || item.tags.indexOf(tag) >= 0) &&
      (!words || (item.plain + " " + item.id).toLowerCase().indexOf(words) >= 0);
  }

  function applyFilters() {
    KINDS.forEach(function (kind) {
      var shown = 0;
      data.items[kind].forEach(function (item) {
        var row = form.querySelector("#posting-" + kind + ' [data-item="' + item.id + '"]');
        var visible = matches(item);
        row.hidden = !visible;
        if (visible) shown += 1;
      });
      counters[kind].textContent = fill(UI.shown, {shown: shown, total: data.items[kind].length});
    });
  }

  function tickShown(kind, on) {
    form.querySelectorAll("#posting-" + kind + " .posting-item:not([hidden]) input").forEach(function (box) { box.checked = on; });
    update();
  }

  // --- the draft -------------------------------------------------------------------------------
  var mode = "markdown";
  // Focusable so the keyboard can scroll it; labelled by the heading above it.
  var draft = el("pre", {id: "posting-draft", class: "posting-draft", tabindex: "0", "aria-labelledby": "posting-draft-heading"});
  var summary = el("div", {id: "posting-check", class: "posting-check", role: "status"});
  var status = el("p", {id: "posting-status", role: "status"});
  var refusedNote = el("div", {id: "posting-characters", class: "posting-warning", role: "alert", hidden: ""});
  var modes = {
    markdown: button("posting-show-markdown", UI.markdown, function () { mode = "markdown"; update(); }),
    text: button("posting-show-text", UI.text, function () { mode = "text"; update(); }),
  };
  var tabs = el("p", {class: "posting-modes"}, [modes.markdown, modes.text]);
  var stem = data.roleId + "-posting-" + data.lang;
  var actions = el("p", {class: "posting-actions"}, [
    button("posting-copy-markdown", UI.copy_markdown, function () { copy(renderMarkdown()); }),
    button("posting-download-markdown", UI.download_markdown, function () { download(renderMarkdown(), stem + ".md", "text/markdown"); }),
    button("posting-copy-text", UI.copy_text, function () { copy(renderText()); }),
    button("posting-download-text", UI.download_text, function () { download(renderText(), stem + ".txt", "text/plain"); }),
    button("posting-download-jsonld", UI.download_jsonld, downloadJsonLd),
    button("posting-download-config", UI.download_config, function () { download(renderConfig(), "posting.yml", "application/yaml"); }),
  ]);
  var preview = el("section", {id: "posting-preview", class: "posting-preview", "aria-labelledby": "posting-draft-heading"}, [
    el("h2", {id: "posting-draft-heading", text: UI.draft}), tabs, refusedNote, draft, summary, actions, status,
  ]);
  root.appendChild(form);
  root.appendChild(preview);

  function label(name) { return form.querySelector('label[for="' + inputs[name].id + '"]').textContent; }

  // A field's lines as the posting takes them: refused characters out, trimmed, each with the number
  // of its line in the field; empty lines and lines the command line would refuse left out.
  function numberedLines(name) {
    return clean(inputs[name].value).split("\n").map(function (line, i) { return {text: line.trim(), line: i + 1}; })
      .filter(function (l) { return l.text && !lineProblem(l.text); });
  }

  function value(name) { var kept = numberedLines(name); return kept.length ? kept[0].text : ""; }

  function lines(name) { return numberedLines(name).map(function (l) { return l.text; }); }

  function isMultiline(name) { return inputs[name].tagName === "TEXTAREA"; }

  // Where a piece of the posting was typed: the field, and its line in a field of several lines.
  function where(name, line) {
    return isMultiline(name) ? fill(UI.in_line, {field: label(name), line: line}) : fill(UI.in_field, {field: label(name)});
  }

  // Each field holding refused characters, raw HTML or a link the site would not keep is marked
  // invalid and named, with the line, in the note above the draft.
  function flagFields() {
    refusedNote.textContent = "";
    Object.keys(inputs).forEach(function (name) {
      var input = inputs[name], found = input.value.match(REFUSED) || [], notes = [];
      var codes = found.filter(function (c, i) { return found.indexOf(c) === i; }).map(function (c) {
        return "U+" + c.codePointAt(0).toString(16).toUpperCase().padStart(4, "0");
      });
      if (codes.length) notes.push(fill(UI.refused, {field: label(name), chars: codes.join(", ")}));
      clean(input.value).split("\n").forEach(function (line, i) {
        var problem = lineProblem(line.trim());
        if (problem) notes.push(fill(UI["refused_" + problem.kind], {where: where(name, i + 1), text: problem.text}));
      });
      input.setCustomValidity(notes.join(" "));
      if (notes.length) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
      notes.forEach(function (note) { refusedNote.appendChild(el("p", {text: note})); });
    });
    refusedNote.hidden = !refusedNote.childNodes.length;
  }

  function chosen(kind) {
    var ticked = {};
    form.querySelectorAll('input[data-kind="' + kind + '"]').forEach(function (box) { ticked[box.value] = box.checked; });
    return data.items[kind].filter(function (item) { return ticked[item.id]; });
  }

  function ownField(kind) { return kind === "responsibilities" ? "ownResponsibilities" : "ownRequirements"; }

  function ownLines(kind) { return lines(ownField(kind)); }

  function salary() {
    var low = parseInt(value("salaryMin"), 10), high = parseInt(value("salaryMax"), 10);
    if (!(low > 0)) return null;
    if (!(high >= low)) high = low;
    return {min: low, max: high, currency: (value("currency") || "CNY").toUpperCase(), period: inputs.period.value};
  }

  function isRolePay(pay) {
    return pay && pay.min === D.salaryMin && pay.max === D.salaryMax && pay.currency === D.currency && pay.period === D.period;
  }

  // Mirrors document.format_pay; the pay data's inclusions hold only while the role's own figure is used.
  function formatPay(pay) {
    if (!pay) return null;
    var amount = pay.min === pay.max ? String(pay.min) : pay.min + "–" + pay.max;
    var text = data.lang === "zh"
      ? amount + (pay.currency === "CNY" ? "元" : " " + pay.currency) + "/" + data.periods[pay.period]
      : amount + " " + pay.currency + " " + data.periods[pay.period];
    if (isRolePay(pay) && D.includes.length) text += L.includes_open + D.includes.join(L.includes_join) + L.includes_close;
    return text;
  }

  // Mirrors document.outline: items as {text, plain}. Each text the wording check reads carries the
  // piece it is ({where, text}: check_vacancy's pieces, named as HR typed them).
  function outline() {
    var headcount = value("headcount"), pay = salary();
    function typed(name) { var text = value(name); return text ? [{where: where(name, 1), text: text}] : []; }
    var includes = isRolePay(pay) ? D.includes.map(function (text) { return {where: fill(UI.in_includes, {text: text}), text: text}; }) : [];
    var facts = [
      [L.organization, value("organization"), typed("organization")], [L.location, value("city"), typed("city")],
      [L.pay, formatPay(pay), includes], [L.employment_type, data.employmentTypes[inputs.employmentType.value]],
      [L.headcount, headcount ? headcount + L.headcount_unit : null], [L.hours, data.hours],
      [L.valid_through, value("validThrough")],
    ].filter(function (fact) { return fact[1]; });
    return {
      title: {where: UI.in_title, text: data.title}, summary: {where: UI.in_summary, text: data.summary},
      facts: facts,
      introduction: numberedLines("introduction").map(function (l) { return {where: where("introduction", l.line), text: l.text}; }),
      sections: KINDS.map(function (kind) {
        var items = chosen(kind).map(function (item, n) {
          return {text: item.text, plain: item.plain, where: fill(UI.in_item, {section: L[kind], n: n + 1})};
        });
        numberedLines(ownField(kind)).forEach(function (l) {
          items.push({text: l.text, plain: plainText(l.text), where: where(ownField(kind), l.line), own: true});
        });
        return {heading: L[kind], items: items};
      }),
      contact: value("contact"), contactPiece: typed("contact"),
    };
  }

  // document.check_vacancy's pieces, in its order: the role's text, the details, then the chosen
  // items of both kinds, then HR's own lines of both kinds.
  function pieces(o) {
    var facts = {};
    o.facts.forEach(function (f) { facts[f[0]] = f[2] || []; });
    var items = o.sections.map(function (s) { return s.items.filter(function (i) { return !i.own; }); });
    var own = o.sections.map(function (s) { return s.items.filter(function (i) { return i.own; }); });
    return [o.title, o.summary].concat(facts[L.location] || [], o.contactPiece, facts[L.organization] || [], o.introduction,
                                      facts[L.pay] || [], items[0], items[1], own[0], own[1]);
  }

  // Mirrors document.plain: inline Markdown as plain text.
  function plainText(text) {
    return text.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, "$1 ($2)").replace(/(\*\*|__|\*|_|`)(\S(?:.*?\S)?)\1/g, "$2");
  }

  // The draft's lines, each with the pieces of the posting it shows (so a finding is marked where it
  // shows); Markdown mirrors document.render_markdown, text document.render_text.
  function rows(mode, o) {
    var md = mode === "markdown", out = [];
    o = o || outline();
    function row(text, shown) { out.push({text: text, pieces: shown || []}); }
    row(md ? "# " + data.title : data.title, [o.title]);
    row("");
    row(md ? data.summary : data.summaryPlain, [o.summary]);
    row("");
    o.facts.forEach(function (f) { row((md ? "- **" + f[0] + "**" : f[0]) + L.separator + f[1], f[2]); });
    if (o.introduction.length) {
      row("");
      row(md ? "## " + L.introduction : L.introduction);
      o.introduction.forEach(function (p) {
        if (md) row("");
        row(md ? p.text : plainText(p.text), [p]);
      });
    }
    o.sections.forEach(function (s) {
      row("");
      row(md ? "## " + s.heading : s.heading);
      if (md) row("");
      s.items.forEach(function (item, n) { row(md ? "- " + item.text : (n + 1) + ". " + item.plain, [item]); });
    });
    if (o.contact) {
      row("");
      row(md ? "## " + L.contact : L.contact);
      if (md) row("");
      row(o.contact, o.contactPiece);
    }
    return out;
  }

  function joinRows(list) { return list.map(function (r) { return r.text; }).join("\n") + "\n"; }

  function renderMarkdown() { return joinRows(rows("markdown")); }

  function renderText() { return joinRows(rows("text")); }

  function escapeHtml(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  // Mirrors document.render_jsonld.
  function jsonLd() {
    var o = outline();
    var description = "<p>" + escapeHtml(data.summaryPlain) + "</p>";
    if (o.introduction.length) {
      description += "<h2>" + escapeHtml(L.introduction) + "</h2>" +
        o.introduction.map(function (p) { return "<p>" + escapeHtml(plainText(p.text)) + "</p>"; }).join("");
    }
    description += o.sections.map(function (s) {
      return "<h2>" + escapeHtml(s.heading) + "</h2><ul>" +
        s.items.map(function (i) { return "<li>" + escapeHtml(i.plain) + "</li>"; }).join("") + "</ul>";
    }).join("");
    if (o.contact) description += "<h2>" + escapeHtml(L.contact) + "</h2><p>" + escapeHtml(o.contact) + "</p>";
    var posting = {
      "@context": "https://schema.org/", "@type": "JobPosting", title: data.title, description: description,
      datePosted: value("datePosted"), validThrough: value("validThrough"),
      hiringOrganization: {"@type": "Organization", name: value("organization")},
      jobLocation: {"@type": "Place", address: {"@type": "PostalAddress", addressLocality: value("city")}},
      employmentType: inputs.employmentType.value, occupationalCategory: data.occupationalCategory,
      responsibilities: o.sections[0].items.map(function (i) { return i.plain; }).join("\n"),
      qualifications: o.sections[1].items.map(function (i) { return i.plain; }).join("\n"),
      inLanguage: data.languageTag,
    };
    var pay = salary();
    if (pay) posting.baseSalary = {"@type": "MonetaryAmount", currency: pay.currency,
      value: {"@type": "QuantitativeValue", minValue: pay.min, maxValue: pay.max, unitText: pay.period.toUpperCase()}};
    if (value("headcount")) posting.totalJobOpenings = parseInt(value("headcount"), 10);
    if (data.hours) posting.workHours = data.hours;
    if (o.contact) posting.applicationContact = {"@type": "ContactPoint", description: o.contact};
    return posting;
  }

  // The choices as posting.yml, for `python -m generator posting ROLE --config posting.yml`. Strings
  // are JSON strings, which YAML reads as double-quoted scalars.
  function renderConfig() {
    var q = JSON.stringify, out = ["# " + data.title + " (python -m generator posting " + data.roleId + " --config posting.yml)",
                                   "lang: " + data.lang];
    [["organization", "organization"], ["city", "city"], ["contact", "contact"]].forEach(function (pair) {
      if (value(pair[0])) out.push(pair[1] + ": " + q(value(pair[0])));
    });
    var pay = salary();
    if (pay && !isRolePay(pay)) {  // the role's own figure stays implicit, so what it includes still shows
      out.push("salary: {min: " + pay.min + ", max: " + pay.max + ", currency: " + q(pay.currency) + ", period: " + pay.period + "}");
    }
    if (value("headcount")) out.push("headcount: " + (/^\d+$/.test(value("headcount")) ? value("headcount") : q(value("headcount"))));
    if (value("validThrough")) out.push("valid_through: " + value("validThrough"));
    out.push("employment_type: " + inputs.employmentType.value);
    if (value("introduction")) out.push("introduction: " + q(lines("introduction").join("\n")));
    KINDS.forEach(function (kind) {
      var ticked = chosen(kind);
      var add = ticked.filter(function (i) { return !i.core; }).map(function (i) { return i.id; });
      var drop = data.items[kind].filter(function (i) { return i.core && ticked.indexOf(i) < 0; }).map(function (i) { return i.id; });
      out.push(kind + ":", "  core: true", "  add: [" + add.join(", ") + "]", "  drop: [" + drop.join(", ") + "]",
               "  own: [" + ownLines(kind).map(function (line) { return q(line); }).join(", ") + "]");
    });
    return out.join("\n") + "\n";
  }

  function copy(text) {
    var done = function () { exported(UI.copied); };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { fallbackCopy(text); done(); });
    } else {
      fallbackCopy(text);
      done();
    }
  }

  function fallbackCopy(text) {  // file:// and plain http have no async clipboard
    var area = el("textarea", {readonly: "", style: "position:absolute;left:-9999px", "aria-hidden": "true"});
    area.value = text;
    document.body.appendChild(area);
    area.select();
    document.execCommand("copy");
    area.remove();
  }

  function download(text, name, type) {
    var link = el("a", {href: URL.createObjectURL(new Blob([text], {type: type + ";charset=utf-8"})), download: name});
    document.body.appendChild(link);
    link.click();
    link.remove();
    exported(UI.downloaded + ": " + name);
  }

  function downloadJsonLd() {
    if (!value("organization") || !value("city")) {
      status.textContent = UI.needs;
      return;
    }
    var text = JSON.stringify(jsonLd(), null, 2).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");
    download(text + "\n", stem + ".jsonld", "application/ld+json");
  }

  // Every export says whether problems remain, so nothing biased leaves the page unnoticed.
  function exported(what) {
    var count = checkPieces(pieces(outline())).length;
    status.textContent = what + (count ? " — " + fill(UI.exported_with_problems, {n: count}) : "");
    status.classList.toggle("posting-warning", count > 0);
  }

  function findChars(hay, needle, from) {  // indexOf over code points
    for (var i = Math.max(from, 0); i + needle.length <= hay.length; i++) {
      if (hay.slice(i, i + needle.length).join("") === needle.join("")) return i;
    }
    return -1;
  }

  // Where each finding shows in a row: its place in the piece's text, else the first place after
  // the piece's start that reads the same (the plain-text view drops Markdown, which moves it).
  function marksOf(row, findings) {
    var chars = Array.from(row.text), marks = [];
    row.pieces.forEach(function (piece) {
      var shown = row.text.indexOf(piece.text) >= 0 ? piece.text : plainText(piece.text);
      var start = row.text.indexOf(shown) >= 0 ? Array.from(row.text.slice(0, row.text.indexOf(shown))).length : 0;
      findings.filter(function (f) { return f.piece === piece; }).forEach(function (f) {
        var text = Array.from(f.text), at = start + f.col - 1;
        if (f.line !== 1 || chars.slice(at, at + text.length).join("") !== f.text) at = findChars(chars, text, start);
        if (at >= 0) marks.push({at: at, end: at + text.length, finding: f});
      });
    });
    marks.sort(function (a, b) { return a.at - b.at; });
    return marks.filter(function (m, i) { return i === 0 || m.at >= marks[i - 1].end; });
  }

  // The draft with each flagged phrase in a <mark>, and the list of what is wrong, each naming the
  // field and line HR typed it in.
  function showDraft() {
    var o = outline(), list = rows(mode, o), findings = checkPieces(pieces(o)), marked = {};
    draft.textContent = "";
    list.forEach(function (row, index) {
      var chars = Array.from(row.text), at = 0;
      marksOf(row, findings).forEach(function (m) {
        var f = m.finding;
        draft.appendChild(document.createTextNode(chars.slice(at, m.at).join("")));
        draft.appendChild(el("mark", {class: "posting-flag", id: "posting-flag-" + f.n, "data-n": String(f.n), title: message(f),
                                      "aria-describedby": "posting-finding-" + f.n, text: f.text}));
        marked[f.n] = true;
        at = m.end;
      });
      draft.appendChild(document.createTextNode(chars.slice(at).join("") + "\n"));
    });
    summary.textContent = "";
    summary.classList.toggle("posting-warning", findings.length > 0);
    if (!findings.length) {
      summary.appendChild(el("p", {text: UI.clean}));
      return;
    }
    summary.appendChild(el("p", {text: fill(UI.problems, {n: findings.length})}));
    summary.appendChild(el("ol", {}, findings.map(function (f) {
      var place = marked[f.n] ? el("a", {href: "#posting-flag-" + f.n, text: f.piece.where}) : el("span", {text: f.piece.where});
      return el("li", {id: "posting-finding-" + f.n}, [place, document.createTextNode(COLON + message(f))]);
    })));
  }

  function update() {
    flagFields();
    Object.keys(modes).forEach(function (key) { modes[key].setAttribute("aria-pressed", String(key === mode)); });
    showDraft();
    status.textContent = "";
  }

  form.addEventListener("input", function (event) {
    if (event.target === filters.search) applyFilters();
    else update();
  });
  form.addEventListener("change", function (event) {
    if (event.target === filters.industry || event.target === filters.tag) applyFilters();
    else update();
  });
  window.postingBuilder = {markdown: renderMarkdown, text: renderText, jsonLd: jsonLd, config: renderConfig, check: checkText,
                          clean: clean, lineProblem: lineProblem,
                          findings: function () {
                            return checkPieces(pieces(outline())).map(function (f) { return {where: f.piece.where, message: message(f)}; });
                          }};
  applyFilters();
  update();
})();
