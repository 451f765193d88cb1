// The site's search box (overrides/partials/kb-search.html) over Pagefind, the index each language
// build gets (generator/site/search.py). Pagefind loads its index in chunks as words are looked up,
// so nothing is fetched until the box is opened.
//
// Trainees type questions, not keywords: 鞋套脏了怎么办, "customer refuses to pay". Pagefind
// returns only pages that hold every word, so the query is cut into words, question words are
// dropped, each word is searched on its own and a page's scores are added up, weighted by how many
// of the words it holds. Chinese queries are cut along the words the index itself was cut into
// (search-words.json), longest first; a domain word the index holds in pieces (拉修 → 拉/修) is
// searched as all of those pieces (see searchTerm). Before that the query is written the content's
// way (normalise, synonym: full-width, traditional characters, trainees' words such as 客户 for 用户). A
// page holding a split word's pieces in a row, or whose title names the question's rare words, ranks
// higher.
//
// Under each page the matching step, exception or rule is shown and linked to its anchor: the
// procedure templates wrap each of them in an element with an id, which Pagefind records with its
// position among the page's words.
(() => {
  const opener = document.querySelector(".kb-search-open");
  const dialog = document.querySelector("dialog.kb-search");
  if (!opener || !dialog || typeof dialog.showModal !== "function") return;
  const input = dialog.querySelector(".kb-search__input");
  const status = dialog.querySelector(".kb-search__status");
  const list = dialog.querySelector(".kb-search__results");
  const config = JSON.parse(document.getElementById("__config").textContent);
  const root = new URL(config.base + "/", location.href);
  const lang = (document.documentElement.lang || "en").slice(0, 2);
  const say = (key, n) => (config.translations[key] || "").replace("#", n);
  const SHOWN = 8;
  const SINGLE = 0.3;  // a single Chinese character matches every word starting with it: worth less
  const CHARS = 0.5;  // a word found only as its characters, each the start of some word: worth less
  // How much more a page holding all the typed word pairs ranks (see pairs); a Chinese domain word the
  // index cut into pieces, found with its pieces in a row, is surer evidence than two English neighbours.
  const TOGETHER = { zh: 2, en: 1 };
  const TITLE = 1;  // how much more a page whose title names all the question's rare words ranks
  const RARE = 0.3;  // a word on fewer than this share of the pages is rare
  const TITLED = 4;  // how many pages below the shown ones may rise by their title
  // How much an exact word outranks longer words it starts: English words are whole ("out" should
  // not find "outlet"); Chinese pieces need their longer words (监督 → 监督卡), so Pagefind's default.
  const SIMILARITY = { en: 6 };
  const WORDS_BETWEEN = /[\u200b\s]+/;

  // Words that carry no subject in a question. Chinese ones are cut out as whole words first.
  const STOP = {
    zh: ["怎么办", "怎么样", "怎么弄", "怎么处理", "怎么搞", "怎么做", "怎么", "怎样", "如何", "什么", "为什么", "为啥",
      "干什么", "干啥", "咋办", "咋整", "咋", "哪里", "哪儿", "哪些", "哪个", "在哪", "是不是", "能不能", "可不可以",
      "要不要", "该不该", "有没有", "行不行", "好不好", "对不对", "是否", "能否", "可以", "应该", "需要", "时候", "的话",
      "还是", "这个", "那个", "这样", "那样", "这里", "那里", "一下", "有点", "已经", "非要", "总是", "老是", "一直",
      "到底", "自己", "请问", "万一", "如果", "遇到", "碰到", "然后", "真的", "特别", "非常",
      "吗", "呢", "吧", "啊", "呀", "了", "的", "得", "地", "么", "我", "你", "他", "她", "咱", "该", "要", "能", "会", "是",
      "就", "还", "都", "被", "把", "给", "又", "很", "太", "在", "这", "那", "行", "好", "老"],
    en: ["a", "an", "the", "i", "im", "i'm", "ive", "me", "my", "we", "us", "our", "you", "your", "he", "she", "they",
      "them", "their", "theyre", "it", "its", "is", "are", "am", "was", "be", "been", "do", "does", "did", "have", "has",
      "had", "what", "whats", "how", "why", "when", "where", "who", "which", "should", "shall", "can", "could", "would",
      "will", "must", "to", "of", "for", "in", "on", "at", "by", "with", "from", "if", "and", "or", "so", "then", "this",
      "that", "there", "get", "got", "about", "up", "just", "really", "any", "some", "ok", "okay", "please",
      "want", "wants", "wanted", "need", "needs", "needed", "gonna", "wanna", "pls", "plz", "u", "ur"],
  };
  // A negation, typed out or contracted as on a phone (won't, cant, doesn't; the verb in it is a
  // question word): one term, searched as the content's "not", "cannot" or "no", or as the contraction
  // itself (search terms such as "won't sign"). Apostrophes are optional on a phone keyboard.
  const NEGATION = /^(not|cannot|(wo|ca|do|does|did|is|are|was|were|has|have|had|should|could|would|must|need)n'?t)$/;
  const NOT = ["not", "cannot", "no"];
  const NEGATED = 0.5;  // a negation is on most pages: it tells which page a question is about less than its other words
  // The words trainees use for the content's own words (客户 for 用户, "client" for "customer"), and
  // single characters that stand for a word (装 for 安装): each is searched as the content's word.
  // Whole words only: a Chinese query is cut with these among the index's words.
  const SYNONYMS = {
    zh: { 客户: "用户", 顾客: "用户", 客人: "用户", 业主: "用户", 户主: "用户", 师傅: "工程师", 维修员: "工程师",
      技术员: "工程师", 保修卡: "保修证", 老板: "经理", 机器: "产品", 装: "安装",
      没电: "停电", 午饭: "吃饭", 晚饭: "吃饭" },
    en: { client: "customer", clients: "customers", homeowner: "customer", owner: "customer", resident: "customer",
      tech: "engineer", technician: "engineer", repairman: "engineer", boss: "manager",
      lunch: "meal", dinner: "meal", breakfast: "meal",
      broken: "faulty", machine: "unit", appliance: "unit", cell: "mobile", cellphone: "mobile", shop: "workshop",
      babysitter: "nanny", maid: "nanny", housekeeper: "nanny",
      swearing: "abusive", swears: "abusive", swore: "abusive", cursing: "abusive", insulting: "abusive",
      insults: "abusive" },
  };
  // Trainees' phrases for the content's words, put the content's way before the query is cut into words.
  const PHRASES = {
    en: [[/\bget hold of\b/g, "reach"], [/\bmoney back\b/g, "refund"], [/\bnew one\b/g, "replacement"],
      [/\bover (the )?warranty\b/g, "out of warranty"], [/\b(show|turn) up\b/g, "arrive"],
      [/\bwalk(ed|ing)? in\b/g, "enter"],
      [/\b(didn'?t|doesn'?t|don'?t|isn'?t|wasn'?t|not) (like|happy with|happy|pleased)\b/g, "dissatisfied"]],
  };
  // Traditional characters of everyday words, searched as the simplified ones the content is in.
  const TRADITIONAL = new Map([..."戶户門门費费錢钱機机維维換换裝装電电話话簽签單单務务遲迟經经師师來来還还錯错壞坏賠赔償偿貨货進进開开發发據据鐘钟時时間间"
    + "請请說说讓让這这麼么個个沒没應应該该會会過过報报價价貴贵給给對对嗎吗們们帶带東东淨净髒脏罵骂嚇吓脅胁車车趕赶線线聯联繫系"
    + "約约號号碼码鈴铃問问題题檢检試试測测軟软體体調调員员寵宠紅红禮礼廁厕衛卫煙烟飯饭擺摆動动傷伤聽听氣气護护養养遙遥舊旧證证"
    + "辦办處处帳账計计復复圍围蓋盖墊垫託托拋抛壓压難难讀读認认識识準准辭辞幫帮當当場场內内邊边樣样點点幾几後后歲岁熱热飲饮煩烦"
    + "罰罚滿满遠远聲声"]
    .reduce((pairs, c, i, all) => (i % 2 ? pairs : [...pairs, [c, all[i + 1]]]), []));

  let pagefind = null;
  let pageCount = 0;  // pages in this language's index
  let dictionary = null;
  let latest = 0;

  opener.hidden = false;
  opener.addEventListener("click", openSearch);
  dialog.querySelector(".kb-search__close").addEventListener("click", () => dialog.close());
  dialog.addEventListener("click", (event) => { if (event.target === dialog) dialog.close(); });
  input.addEventListener("input", () => run(input.value));
  // Material's keyboard handler swallows Escape, which would otherwise close a modal dialog.
  dialog.addEventListener("keydown", (event) => { if (event.key === "Escape") dialog.close(); });
  // Material's search keys (/, s, f) open this search; caught before Material's own handler sees them.
  addEventListener("keydown", (event) => {
    if (["/", "s", "f"].includes(event.key) && !dialog.open && !event.ctrlKey && !event.metaKey && !event.altKey
        && !/^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName) && !document.activeElement.isContentEditable) {
      event.preventDefault();
      event.stopImmediatePropagation();
      openSearch();
    }
  }, true);

  function openSearch() {
    dialog.showModal();
    input.focus();
    input.select();
    load();
  }

  function load() {
    pagefind ??= (async () => {
      const module = await import(new URL("pagefind/pagefind.js", root).href);
      await module.options({ baseUrl: root.pathname, excerptLength: 30, ranking: { termSimilarity: SIMILARITY[lang] ?? 1 } });
      await module.init();
      const entry = await fetch(new URL("pagefind/pagefind-entry.json", root)).then((r) => r.json());
      pageCount = Object.values(entry.languages).reduce((sum, l) => sum + l.page_count, 0);
      return module;
    })();
    dictionary ??= lang === "zh"
      ? fetch(new URL("search-words.json", root)).then((r) => r.json()).then(makeDictionary)
      : Promise.resolve(null);
    return Promise.all([pagefind, dictionary]);
  }

  async function run(query) {
    const id = ++latest;
    const [engine, dict] = await load();
    const terms = toTerms(query, dict);
    if (id !== latest) return;
    if (!terms.length) return show(id, query, [], terms);
    const found = await Promise.all(terms.map((t) => searchTerm(engine, t)));
    const searches = found.flat();
    // A word fewer than RARE of the pages hold names what the question is about.
    const rare = terms.filter((t, i) => new Set(found[i].flatMap((s) => s.results.map((r) => r.id))).size < RARE * pageCount);
    const together = await Promise.all(pairs(query, terms).map((pair) => engine.search(`"${pair}"`)));
    if (id !== latest) return;
    const pages = new Map();
    for (const { results, weight } of searches) {
      for (const result of results) {
        const page = pages.get(result.id) ?? { result, score: 0, held: 0, words: new Set() };
        page.score += result.score * weight;
        page.held += weight;
        result.words.forEach((w) => page.words.add(w));  // where each query word is, for matchedPart
        pages.set(result.id, page);
      }
    }
    for (const { results } of together) {
      for (const result of results) {
        const page = pages.get(result.id);
        if (page) page.together = (page.together ?? 0) + 1 / together.length;
      }
    }
    const total = terms.reduce((sum, t) => sum + t.weight, 0);
    const ranked = [...pages.values()]
      .map((p) => ({ ...p, rank: p.score * (p.held / total) * (1 + (TOGETHER[lang] ?? 1) * (p.together ?? 0)) }))
      .sort((a, b) => b.rank - a.rank)
      .slice(0, SHOWN + TITLED);
    const data = await Promise.all(ranked.map(async (p) => ({ ...(await p.result.data()), locations: [...p.words], rank: p.rank })));
    if (id !== latest) return;
    // A page whose title names the question's rare words is the page about them (信息员 → the clerk's role).
    for (const page of data) page.rank *= 1 + TITLE * named(page.meta.title, rare) / total;
    show(id, query, data.sort((a, b) => b.rank - a.rank).slice(0, SHOWN), terms);
  }

  // A word the index holds in pieces is searched as all of its pieces, and as all of its characters
  // (Pagefind matches each as the start of a word): the indexer does not cut the same characters the
  // same way in every sentence (没人开门 is 没/人/开门, 家里没人 is 家里/没人), so a page holding the
  // word either way is found. If neither finds a page, the word is searched as any of its pieces.
  async function searchTerm(engine, t) {
    if (t.also) return [{ results: best(await Promise.all([t.text, ...t.also].map((w) => engine.search(w)))), weight: t.weight }];
    if (t.pieces.length < 2) return [{ results: (await engine.search(t.pieces[0])).results, weight: t.weight }];
    const [whole, chars] = await Promise.all([t.pieces.join(" "), [...t.text].join(" ")].map((q) => engine.search(q)));
    if (whole.results.length || chars.results.length) {
      // Single characters also match words that merely start with them: such a page counts for less.
      const seen = new Set(whole.results.map((r) => r.id));
      return [{ results: whole.results, weight: t.weight },
              { results: chars.results.filter((r) => !seen.has(r.id)), weight: t.weight * CHARS }];
    }
    return Promise.all(t.pieces.map(async (piece) => ({
      results: (await engine.search(piece)).results,
      weight: (t.weight * (piece.length > 1 ? 1 : SINGLE)) / t.pieces.length,
    })));
  }

  // One result per page out of several searches for the same word's forms: its best scoring one.
  function best(searches) {
    const pages = new Map();
    for (const result of searches.flatMap((s) => s.results)) {
      if (!pages.has(result.id) || pages.get(result.id).score < result.score) pages.set(result.id, result);
    }
    return [...pages.values()];
  }

  // The weight of `terms` that `title` names: as part of it in Chinese, as the start of one of its words in English.
  function named(title, terms) {
    const text = normalise(title);
    const words = text.split(/[^\p{L}\p{N}]+/u);
    return terms
      .filter((t) => t.weight === 1 && (lang === "zh" ? text.includes(t.text) : words.some((w) => w.startsWith(t.text))))
      .reduce((sum, t) => sum + t.weight, 0);
  }

  // Neighbouring words as typed ("refuses to pay" → "refuses to", "to pay"), in languages written
  // with spaces, leaving out pairs of two question words: a page that holds them side by side ranks higher.
  // Chinese: each word the index holds in pieces (没修过 → 没/修过), as those pieces in a row; pairs of
  // neighbouring Chinese words would reward every page that repeats 用户 next to a common verb.
  function pairs(query, terms) {
    if (lang === "zh") {
      return terms.filter((t) => t.pieces.length > 1).map((t) => t.pieces.join(" "));
    }
    const stop = new Set(STOP[lang] || []);
    const words = rephrase(query).split(/[^\p{L}\p{N}'-]+/u).filter(Boolean)
      .map((w) => (NEGATION.test(w) ? "not" : english(w))).map(synonym);
    return words.slice(1).map((w, i) => [words[i], w]).filter(([a, b]) => !(stop.has(a) && stop.has(b))).map((p) => p.join(" "));
  }

  // ---- the query -----------------------------------------------------------------------------

  function makeDictionary({ words, phrases }) {
    const all = new Set([...words, ...phrases, ...STOP.zh, ...Object.keys(SYNONYMS.zh)]);
    return { words: new Set(words), all, longest: Math.max(...[...all].map((w) => w.length)) };
  }

  // The query as the content writes it: full-width letters and digits as ASCII (NFKC), lower case,
  // simplified characters. Its words are then put the content's way one by one (see synonym).
  function normalise(query) {
    return [...query.normalize("NFKC").toLocaleLowerCase()].map((c) => TRADITIONAL.get(c) ?? c).join("");
  }

  // The query written the content's way (normalise), with trainees' phrases replaced (PHRASES).
  function rephrase(query) {
    return (PHRASES[lang] ?? []).reduce((text, [pattern, words]) => text.replace(pattern, words), normalise(query));
  }

  function synonym(word) {
    return SYNONYMS[lang]?.[word] ?? word;
  }

  // [{pieces, weight, text}]: `pieces` are index words, `text` the word as searched, normalised and in the
  // content's words (to mark it in the results, which are in the content's words too).
  function toTerms(query, dict) {
    const stop = new Set(STOP[lang] || []);
    const seen = new Map();
    const chunks = rephrase(query).split(/[^\p{L}\p{N}'-]+/u).filter(Boolean);
    for (const chunk of chunks) {
      const negation = lang === "en" && chunk.match(NEGATION);
      if (negation) {
        const typed = chunk.replace(/'/g, "");
        const not = seen.get("not") ?? { pieces: ["not"], text: "not", weight: NEGATED, also: NOT.slice(1) };
        if (typed !== "not" && !not.also.includes(typed)) not.also.push(typed);
        seen.set("not", not);
        continue;
      }
      const pieces = dict && /\p{Script=Han}/u.test(chunk) ? cut(chunk, dict.all, dict.longest) : [english(chunk)];
      for (const piece of pieces.map(synonym)) {
        if (stop.has(piece) || seen.has(piece)) continue;
        const inIndex = !dict || dict.words.has(piece) || piece.length === 1;
        const pieces = inIndex ? [piece] : cut(piece, dict.words, dict.longest);
        seen.set(piece, { pieces, text: piece, weight: dict && piece.length === 1 ? SINGLE : 1 });
      }
    }
    return [...seen.values()];
  }

  // An English word without its apostrophe, and without a possessive 's (the dispatcher's job).
  function english(word) {
    return word.replace(/'s$/, "").replace(/'/g, "");
  }

  // Longest match first, left to right; a character no word starts with stands alone.
  function cut(text, words, longest) {
    const out = [];
    for (let i = 0; i < text.length;) {
      let n = Math.min(longest, text.length - i);
      while (n > 1 && !words.has(text.slice(i, i + n))) n--;
      out.push(text.slice(i, i + n));
      i += n;
    }
    return out;
  }

  // ---- the results ---------------------------------------------------------------------------

  function show(id, query, pages, terms) {
    if (id !== latest) return;
    list.replaceChildren(...pages.map((page) => item(page, terms)));
    status.textContent = !query.trim() ? say("search.result.placeholder")
      : pages.length === 0 ? say("search.result.none")
      : pages.length === 1 ? say("search.result.one") : say("search.result.other", pages.length);
    list.dataset.query = query;  // what the list shows now (the tests and the bench wait for it)
  }

  function item(page, terms) {
    const li = document.createElement("li");
    const title = link(page.url, page.meta.title, "kb-search__page");
    li.append(title);
    const where = matchedPart(page, terms);
    const text = where ? where.text : page.meta.summary || page.meta.title;
    const snippet = where ? link(`${page.url}#${where.id}`, "", "kb-search__part") : document.createElement("p");
    if (!where) snippet.className = "kb-search__part";
    snippet.append(...marked(shorten(text, terms), terms));
    li.append(snippet);
    return li;
  }

  function link(href, text, className) {
    const a = document.createElement("a");
    a.href = href;
    a.className = className;
    a.textContent = text;
    return a;
  }

  // The step, exception or rule (an element with an id and text, outermost first) that holds the
  // most of the query's words (by weight), then the most matches; else a heading sub-result
  // (glossary and kit entries).
  function matchedPart(page, terms) {
    const words = (page.raw_content ?? page.content).split(WORDS_BETWEEN);
    const starts = terms.map((t) => ({ weight: t.weight, starts: [...t.pieces, ...t.text].filter((p) => p.length) }));
    const heldWeight = (locations) => starts
      .filter((t) => locations.some((l) => t.starts.some((p) => (words[l] || "").toLocaleLowerCase().startsWith(p))))
      .reduce((sum, t) => sum + t.weight, 0);
    const parts = page.anchors
      .filter((a) => !/^h\d$/i.test(a.element) && a.id && a.text && a.text.trim())
      .map((a) => ({ id: a.id, text: a.text.trim(), start: a.location, end: a.location + span(words, a.location, a.text) }));
    let best = null;
    for (const part of parts) {
      if (parts.some((outer) => outer !== part && outer.start <= part.start && part.end <= outer.end && outer.end - outer.start > part.end - part.start)) continue;
      const inside = page.locations.filter((l) => part.start <= l && l < part.end);
      const score = heldWeight(inside) * 1000 + inside.length;
      if (inside.length && (!best || score > best.score)) best = { ...part, score };
    }
    if (best) return best;
    const headings = page.sub_results.filter((s) => s.anchor && s.anchor.element !== "h1" && s.anchor.id);
    const heading = headings.sort((a, b) => b.locations.length - a.locations.length)[0];
    return heading ? { id: heading.anchor.id, text: `${heading.title}: ${plain(heading.excerpt)}` } : null;
  }

  // How many of the page's words, from `start`, make up `text`.
  function span(words, start, text) {
    const length = text.replace(/\s+/g, "").length;
    let n = 0;
    for (let seen = 0; seen < length && start + n < words.length; n++) seen += words[start + n].replace(/\s+/g, "").length;
    return n;
  }

  // Pagefind's excerpts are the page's text with <mark> around the matches: the text, never parsed as HTML.
  function plain(excerpt) {
    return excerpt.replace(/<\/?mark>/g, "");
  }


  function shorten(text, terms) {
    const LIMIT = lang === "zh" ? 60 : 140;
    if (text.length <= LIMIT) return text;
    const lower = text.toLocaleLowerCase();
    const first = Math.min(...terms.map((t) => lower.indexOf(t.text)).filter((i) => i >= 0), text.length);
    const start = first > LIMIT / 2 ? first - Math.floor(LIMIT / 4) : 0;
    return (start ? "…" : "") + text.slice(start, start + LIMIT) + (start + LIMIT < text.length ? "…" : "");
  }

  // Text nodes and <mark>s for the query words in `text`: built as nodes, so content stays text.
  function marked(text, terms) {
    const words = terms.map((t) => t.text).filter((w) => w.length > 1 || lang === "zh").sort((a, b) => b.length - a.length);
    if (!words.length) return [document.createTextNode(text)];
    const pattern = new RegExp(`(${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})`, "giu");
    return text.split(pattern).map((part, i) => {
      if (i % 2 === 0) return document.createTextNode(part);
      const mark = document.createElement("mark");
      mark.textContent = part;
      return mark;
    });
  }
})();
