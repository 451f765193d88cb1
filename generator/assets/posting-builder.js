// Posting builder: builds the form from the page's JSON and writes the same Markdown, text and
// JSON-LD as generator/posting/document.py. Content reaches the page only through textContent and
// input values, never innerHTML, so item text cannot become markup.
(function () {
  "use strict";
  var root = document.getElementById("posting-builder");
  var source = document.getElementById("posting-data");
  if (!root || !source) return;
  var data = JSON.parse(source.textContent);
  var L = data.labels, UI = data.ui, D = data.defaults;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") node.textContent = attrs[key];
      else node.setAttribute(key, attrs[key]);
    });
    (children || []).forEach(function (child) { node.appendChild(child); });
    return node;
  }

  function field(id, label, input) {
    input.id = "posting-" + id;
    input.name = id;
    return el("p", {class: "posting-field"}, [el("label", {for: input.id, text: label}), input]);
  }

  function select(options, chosen) {
    var node = el("select");
    Object.keys(options).forEach(function (key) {
      var option = el("option", {value: key, text: options[key]});
      if (key === chosen) option.selected = true;
      node.appendChild(option);
    });
    return node;
  }

  function isoDate(date) {
    return date.getFullYear() + "-" + String(date.getMonth() + 1).padStart(2, "0") + "-" + String(date.getDate()).padStart(2, "0");
  }

  // The form: one fieldset of checkboxes per kind, then the vacancy's details.
  var form = el("form", {class: "posting-form"});
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  ["responsibilities", "requirements"].forEach(function (kind) {
    var set = el("fieldset", {id: "posting-" + kind}, [el("legend", {text: L[kind]})]);
    data.items[kind].forEach(function (item) {
      var box = el("input", {type: "checkbox", value: item.id, "data-kind": kind, id: "item-" + kind + "-" + item.id});
      box.checked = item.core;
      var note = item.core ? UI.core : UI.library + " · " + item.industries.concat(item.tags).join(", ");
      set.appendChild(el("p", {class: "posting-item"}, [
        box, el("label", {for: box.id, text: item.text + " "}, [el("small", {text: "(" + note + " · " + item.source + ")"})]),
      ]));
    });
    form.appendChild(set);
  });

  var today = new Date();
  var until = new Date(today.getTime() + D.daysOpen * 86400000);
  var inputs = {
    organization: el("input", {type: "text"}),
    city: el("input", {type: "text", value: D.city || ""}),
    salaryMin: el("input", {type: "number", min: "1", value: D.salaryMin || ""}),
    salaryMax: el("input", {type: "number", min: "1", value: D.salaryMax || ""}),
    currency: el("input", {type: "text", value: D.currency, maxlength: "3", size: "4"}),
    period: select(data.periods, D.period),
    employmentType: select(data.employmentTypes, D.employmentType),
    headcount: el("input", {type: "number", min: "1"}),
    datePosted: el("input", {type: "date", value: isoDate(today)}),
    validThrough: el("input", {type: "date", value: isoDate(until)}),
    contact: el("input", {type: "text"}),
  };
  var details = el("fieldset", {id: "posting-details"}, [el("legend", {text: UI.details})]);
  [["organization", L.organization], ["city", L.location], ["salaryMin", UI.salary_min], ["salaryMax", UI.salary_max],
   ["currency", UI.currency], ["period", UI.period], ["employmentType", L.employment_type], ["headcount", L.headcount],
   ["datePosted", UI.date_posted], ["validThrough", L.valid_through], ["contact", L.contact]].forEach(function (pair) {
    details.appendChild(field(pair[0], pair[1], inputs[pair[0]]));
  });
  form.appendChild(details);

  var mode = "markdown";
  var draft = el("pre", {id: "posting-draft", "aria-live": "polite"});
  var status = el("p", {id: "posting-status", role: "status"});
  function button(id, text, action) {
    var node = el("button", {type: "button", id: id, class: "md-button", text: text});
    node.addEventListener("click", action);
    return node;
  }
  var tabs = el("p", {class: "posting-modes"}, [
    button("posting-show-markdown", UI.markdown, function () { mode = "markdown"; update(); }),
    button("posting-show-text", UI.text, function () { mode = "text"; update(); }),
  ]);
  var actions = el("p", {class: "posting-actions"}, [
    button("posting-copy-text", UI.copy_text, function () { copy(renderText()); }),
    button("posting-copy-markdown", UI.copy_markdown, function () { copy(renderMarkdown()); }),
    button("posting-download-jsonld", UI.download_jsonld, downloadJsonLd),
  ]);
  root.appendChild(form);
  root.appendChild(el("h2", {text: UI.draft}));
  root.appendChild(tabs);
  root.appendChild(draft);
  root.appendChild(actions);
  root.appendChild(status);

  function value(name) { return inputs[name].value.trim(); }

  function chosen(kind) {
    var ticked = {};
    form.querySelectorAll('input[data-kind="' + kind + '"]').forEach(function (box) { ticked[box.value] = box.checked; });
    return data.items[kind].filter(function (item) { return ticked[item.id]; });
  }

  function salary() {
    var low = parseInt(value("salaryMin"), 10), high = parseInt(value("salaryMax"), 10);
    if (!(low > 0)) return null;
    if (!(high >= low)) high = low;
    return {min: low, max: high, currency: (value("currency") || "CNY").toUpperCase(), period: inputs.period.value};
  }

  // Mirrors document.format_pay; the pay data's inclusions hold only while the role's own figure is used.
  function formatPay(pay) {
    if (!pay) return null;
    var amount = pay.min === pay.max ? String(pay.min) : pay.min + "–" + pay.max;
    var text = data.lang === "zh"
      ? amount + (pay.currency === "CNY" ? "元" : " " + pay.currency) + "/" + data.periods[pay.period]
      : amount + " " + pay.currency + " " + data.periods[pay.period];
    var own = pay.min === D.salaryMin && pay.max === D.salaryMax && pay.currency === D.currency && pay.period === D.period;
    if (own && D.includes.length) text += L.includes_open + D.includes.join(L.includes_join) + L.includes_close;
    return text;
  }

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
      sections: ["responsibilities", "requirements"].map(function (kind) { return {heading: L[kind], items: chosen(kind)}; }),
      contact: value("contact"),
    };
  }

  function renderMarkdown() {
    var o = outline();
    var lines = ["# " + data.title, "", data.summary, ""];
    o.facts.forEach(function (f) { lines.push("- **" + f[0] + "**" + L.separator + f[1]); });
    o.sections.forEach(function (s) {
      lines.push("", "## " + s.heading, "");
      s.items.forEach(function (item) { lines.push("- " + item.text); });
    });
    if (o.contact) lines.push("", "## " + L.contact, "", o.contact);
    return lines.join("\n") + "\n";
  }

  function renderText() {
    var o = outline();
    var lines = [data.title, "", data.summaryPlain, ""];
    o.facts.forEach(function (f) { lines.push(f[0] + L.separator + f[1]); });
    o.sections.forEach(function (s) {
      lines.push("", s.heading);
      s.items.forEach(function (item, n) { lines.push((n + 1) + ". " + item.plain); });
    });
    if (o.contact) lines.push("", L.contact, o.contact);
    return lines.join("\n") + "\n";
  }

  function escapeHtml(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  // Mirrors document.render_jsonld.
  function jsonLd() {
    var o = outline();
    var description = "<p>" + escapeHtml(data.summaryPlain) + "</p>" + o.sections.map(function (s) {
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

  function copy(text) {
    var done = function () { status.textContent = UI.copied; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { fallbackCopy(text); done(); });
    } else {
      fallbackCopy(text);
      done();
    }
  }

  function fallbackCopy(text) {  // file:// and plain http have no async clipboard
    var area = el("textarea", {readonly: "", style: "position:absolute;left:-9999px"});
    area.value = text;
    document.body.appendChild(area);
    area.select();
    document.execCommand("copy");
    area.remove();
  }

  function downloadJsonLd() {
    if (!value("organization") || !value("city")) {
      status.textContent = UI.needs;
      return;
    }
    var text = JSON.stringify(jsonLd(), null, 2).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");
    var link = el("a", {href: URL.createObjectURL(new Blob([text + "\n"], {type: "application/ld+json"})),
                        download: data.roleId + "-posting-" + data.lang + ".jsonld"});
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  function update() {
    draft.textContent = mode === "markdown" ? renderMarkdown() : renderText();
    status.textContent = "";
  }

  form.addEventListener("input", update);
  form.addEventListener("change", update);
  window.postingBuilder = {markdown: renderMarkdown, text: renderText, jsonLd: jsonLd};
  update();
})();
