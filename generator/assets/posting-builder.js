// Posting builder: builds the form from the page's JSON and writes the same Markdown, text, JSON-LD
// and posting.yml as generator/posting/document.py and the CLI. Every line of the draft is checked
// with the rule table of generator/posting/wording.py, handed over in the page's JSON (data.check).
// Content reaches the page only through textContent and input values, never innerHTML, so item
// text and what HR types cannot become markup. Control and text-direction characters that HR types
// or pastes (the set of generator/characters.py, data.check.refused) are flagged at their field and
// left out of the draft and of every export, as the command line refuses them.
(function () {
  "use strict";
  var root = document.getElementById("posting-builder");
  var source = document.getElementById("posting-data");
  if (!root || !source) return;
  var data = JSON.parse(source.textContent);
  var L = data.labels, UI = data.ui, D = data.defaults;
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

  function splitLines(text) {  // str.splitlines()
    var lines = text.split(/\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/);
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
        box, el("label", {for: box.id, text: item.text + " "}, [el("small", {text: "(" + notes.join(" · ") + " · " + item.source + ")"})]),
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

  function value(name) { return clean(inputs[name].value).trim(); }

  function lines(name) {
    return clean(inputs[name].value).split("\n").map(function (line) { return line.trim(); }).filter(Boolean);
  }

  // Each field holding refused characters is marked invalid and named in the note above the draft.
  function flagRefused() {
    refusedNote.textContent = "";
    Object.keys(inputs).forEach(function (name) {
      var input = inputs[name], found = input.value.match(REFUSED) || [];
      var codes = found.filter(function (c, i) { return found.indexOf(c) === i; }).map(function (c) {
        return "U+" + c.codePointAt(0).toString(16).toUpperCase().padStart(4, "0");
      });
      var label = form.querySelector('label[for="' + input.id + '"]').textContent;
      var note = codes.length ? fill(UI.refused, {field: label, chars: codes.join(", ")}) : "";
      input.setCustomValidity(note);
      if (codes.length) {
        input.setAttribute("aria-invalid", "true");
        refusedNote.appendChild(el("p", {text: note}));
      } else {
        input.removeAttribute("aria-invalid");
      }
    });
    refusedNote.hidden = !refusedNote.childNodes.length;
  }

  function chosen(kind) {
    var ticked = {};
    form.querySelectorAll('input[data-kind="' + kind + '"]').forEach(function (box) { ticked[box.value] = box.checked; });
    return data.items[kind].filter(function (item) { return ticked[item.id]; });
  }

  function ownLines(kind) {
    return lines(kind === "responsibilities" ? "ownResponsibilities" : "ownRequirements");
  }

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

  // Mirrors document.outline: items as {text, plain}.
  function outline() {
    var headcount = value("headcount");
    var facts = [
      [L.organization, value("organization")], [L.location, value("city")], [L.pay, formatPay(salary())],
      [L.employment_type, data.employmentTypes[inputs.employmentType.value]],
      [L.headcount, headcount ? headcount + L.headcount_unit : null], [L.hours, data.hours],
      [L.valid_through, value("validThrough")],
    ].filter(function (fact) { return fact[1]; });
    return {
      facts: facts,
      introduction: lines("introduction"),
      sections: KINDS.map(function (kind) {
        var own = ownLines(kind).map(function (text) { return {text: text, plain: plainText(text)}; });
        return {heading: L[kind], items: chosen(kind).concat(own)};
      }),
      contact: value("contact"),
    };
  }

  // Mirrors document.plain: inline Markdown as plain text.
  function plainText(text) {
    return text.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, "$1 ($2)").replace(/(\*\*|__|\*|_|`)(\S(?:.*?\S)?)\1/g, "$2");
  }

  function renderMarkdown() {
    var o = outline();
    var out = ["# " + data.title, "", data.summary, ""];
    o.facts.forEach(function (f) { out.push("- **" + f[0] + "**" + L.separator + f[1]); });
    if (o.introduction.length) {
      out.push("", "## " + L.introduction);
      o.introduction.forEach(function (p) { out.push("", p); });
    }
    o.sections.forEach(function (s) {
      out.push("", "## " + s.heading, "");
      s.items.forEach(function (item) { out.push("- " + item.text); });
    });
    if (o.contact) out.push("", "## " + L.contact, "", o.contact);
    return out.join("\n") + "\n";
  }

  function renderText() {
    var o = outline();
    var out = [data.title, "", data.summaryPlain, ""];
    o.facts.forEach(function (f) { out.push(f[0] + L.separator + f[1]); });
    if (o.introduction.length) out.push("", L.introduction);
    o.introduction.forEach(function (p) { out.push(plainText(p)); });
    o.sections.forEach(function (s) {
      out.push("", s.heading);
      s.items.forEach(function (item, n) { out.push((n + 1) + ". " + item.plain); });
    });
    if (o.contact) out.push("", L.contact, o.contact);
    return out.join("\n") + "\n";
  }

  function escapeHtml(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  // Mirrors document.render_jsonld.
  function jsonLd() {
    var o = outline();
    var description = "<p>" + escapeHtml(data.summaryPlain) + "</p>";
    if (o.introduction.length) {
      description += "<h2>" + escapeHtml(L.introduction) + "</h2>" +
        o.introduction.map(function (p) { return "<p>" + escapeHtml(plainText(p)) + "</p>"; }).join("");
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
    var count = checkText(renderMarkdown()).length;
    status.textContent = what + (count ? " — " + fill(UI.exported_with_problems, {n: count}) : "");
    status.classList.toggle("posting-warning", count > 0);
  }

  // The draft as text with each flagged phrase in a <mark>, and the list of what is wrong.
  function showDraft(text) {
    var findings = checkText(text);
    draft.textContent = "";
    var byLine = {};
    findings.forEach(function (f, n) { f.n = n + 1; (byLine[f.line] = byLine[f.line] || []).push(f); });
    text.split("\n").forEach(function (line, index) {
      var chars = Array.from(line), at = 0;
      (byLine[index + 1] || []).forEach(function (f) {
        draft.appendChild(document.createTextNode(chars.slice(at, f.col - 1).join("")));
        var mark = el("mark", {class: "posting-flag", id: "posting-flag-" + f.n, "data-n": String(f.n),
                               title: message(f), "aria-describedby": "posting-finding-" + f.n, text: f.text});
        draft.appendChild(mark);
        at = f.col - 1 + Array.from(f.text).length;
      });
      draft.appendChild(document.createTextNode(chars.slice(at).join("") + (index < text.split("\n").length - 1 ? "\n" : "")));
    });
    summary.textContent = "";
    summary.classList.toggle("posting-warning", findings.length > 0);
    if (!findings.length) {
      summary.appendChild(el("p", {text: UI.clean}));
      return;
    }
    summary.appendChild(el("p", {text: fill(UI.problems, {n: findings.length})}));
    summary.appendChild(el("ol", {}, findings.map(function (f) {
      return el("li", {id: "posting-finding-" + f.n}, [
        el("a", {href: "#posting-flag-" + f.n, text: fill(UI.line, {line: f.line, col: f.col})}),
        document.createTextNode(" " + message(f)),
      ]);
    })));
  }

  function update() {
    flagRefused();
    Object.keys(modes).forEach(function (key) { modes[key].setAttribute("aria-pressed", String(key === mode)); });
    showDraft(mode === "markdown" ? renderMarkdown() : renderText());
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
                          clean: clean};
  applyFilters();
  update();
})();
