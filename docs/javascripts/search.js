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
// position among the page's words, and begin it with what it is (see matchedPart). Elsewhere, the
// matching section's heading and sentence.
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
  // Said when more pages match than are shown: Material's words count the shown ones as all there are.
  const TOP = { zh: "前 # 个符合条件的结果", en: "Top # matching documents" };
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
  // English inflections stemOf takes off, longest first, each with what it leaves (batteries → battery).
  const ENDINGS = [["ies", "y"], ["ied", "y"], ["ing", ""], ["ed", ""], ["es", ""], ["s", ""], ["e", ""]];
  const WORD = /[^\u200b\s]+/g;  // a word of a page's indexed content (Pagefind's locations count these)
  const HAN = /\p{Script=Han}/u;
  const HAN_OR_NOT = /\p{Script=Han}+|[^\p{Script=Han}]+/gu;
  const LETTER = /[\p{L}\p{N}]/u;
  const SENTENCE_END = /[。！？.!?]$/;
  const COLON = { zh: "：", en: ": " };

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
  // A result may be on this very page: the dialog closes so its part shows.
  list.addEventListener("click", (event) => { if (event.target.closest("a")) dialog.close(); });
  input.addEventListener("input", () => run(input.value));
  // Enter (a phone keyboard's search key) submits the form, which a dialog form answers by closing:
  // instead it opens the first result once the query is searched, or keeps the list and lowers the keyboard.
  dialog.querySelector(".kb-search__form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const query = input.value;
    if (list.dataset.query !== query) await run(query);
    const first = list.dataset.query === query && list.querySelector(".kb-search__page");
    if (first) first.click();
    else input.blur();
  });
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
      const entry = await fetchJson("pagefind/pagefind-entry.json");
      pageCount = Object.values(entry.languages).reduce((sum, l) => sum + l.page_count, 0);
      return module;
    })().catch((error) => { pagefind = null; throw error; });
    dictionary ??= lang === "zh"
      ? fetchJson("search-words.json").then(makeDictionary).catch((error) => { dictionary = null; throw error; })
      : Promise.resolve(null);
    return Promise.all([pagefind, dictionary]);
  }

  // A phone on a poor network may get a file cut short: fetched again (three tries) rather than
  // leaving search dead until the page is reloaded; a load that still fails is tried again on the
  // next keystroke (load() forgets it).
  async function fetchJson(path) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await (await fetch(new URL(path, root), attempt > 1 ? { cache: "reload" } : {})).json();
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
  }

  async function run(query) {
    const id = ++latest;
    const [engine, dict] = await load();
    const terms = toTerms(query, dict);
    if (id !== latest) return;
    if (!terms.length) return show(id, query, [], terms);
    const found = await Promise.all(terms.map((t) => searchTerm(engine, t)));
    // A word fewer than RARE of the pages hold names what the question is about.
    const rare = terms.filter((t, i) => new Set(found[i].flatMap((s) => s.results.map((r) => r.id))).size < RARE * pageCount);
    const together = await Promise.all(pairs(query, terms).map((pair) => engine.search(`"${pair}"`)));
    if (id !== latest) return;
    const pages = new Map();
    found.forEach((searches, i) => {
      for (const { results, weight } of searches) {
        for (const result of results) {
          const page = pages.get(result.id) ?? { result, score: 0, held: 0, words: new Set(), terms: new Set() };
          page.score += result.score * weight;
          page.held += weight;
          result.words.forEach((w) => page.words.add(w));  // where each query word is, for matchedPart
          page.terms.add(terms[i]);
          pages.set(result.id, page);
        }
      }
    });
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
    const data = await Promise.all(ranked.map(async (p) => ({ ...(await p.result.data()), locations: [...p.words], rank: p.rank, terms: p.terms })));
    if (id !== latest) return;
    // Pagefind answers a word no page holds with the longest word of the index that it starts with
    // (asdfgh → "as", 123456 → "1"): a page found by nothing else is not found.
    const held = data.filter((page) => [...page.terms].some((t) => (HAN.test(t.text) ? beside(page, t) : holds(page, t.text))));
    // A page whose title names the question's rare words is the page about them (信息员 → the clerk's role).
    for (const page of held) page.rank *= 1 + TITLE * named(page.meta.title, rare) / total;
    show(id, query, held.sort((a, b) => b.rank - a.rank).slice(0, SHOWN), terms, pages.size - (data.length - held.length));
  }

  // Whether `page` holds the Chinese term `t` next to a lone neighbour it was typed with, if it has one (see near).
  function beside(page, t) {
    if (!t.near?.length) return true;
    const text = normalise(page.content);
    return t.near.some((pair) => text.includes(pair));
  }

  // Whether `page` holds `word` (letters or digits) as typed: a word with the same stem (Pagefind
  // searches stems: apologised finds apologising, running finds run), a word that starts with most of
  // it (diagnosis finds diagnose), or one that it starts with and that is at least half of it
  // (customerservice finds customer; asdfgh does not find "as"). Cutting a fixed four letters off
  // instead let short words find others: hello → "hel" found help on a page Pagefind matched by "he".
  function holds(page, word) {
    const stem = stemOf(word);
    const start = word.slice(0, Math.max(3, Math.ceil(0.7 * word.length)));
    const text = normalise(page.content).replace(/\p{Script=Han}+/gu, " ");
    return [...text.split(/[^\p{L}\p{N}'-]+/u), ...text.split(/[^\p{L}\p{N}]+/u)].map(english)
      .some((w) => stemOf(w) === stem || w.startsWith(start) || (w && word.startsWith(w) && 2 * w.length >= word.length));
  }

  // An English word without its inflection (apologising, apologise → apologis; running → run;
  // batteries → battery), kept at three letters or more.
  function stemOf(word) {
    const cut = ENDINGS.find(([end, put]) => word.endsWith(end) && word.length - end.length + put.length >= 3);
    if (!cut) return word;
    const base = word.slice(0, word.length - cut[0].length) + cut[1];
    // A consonant doubled before -ing or -ed (running, stopped) is single in the word itself.
    return /^(ing|ed)$/.test(cut[0]) && /([^aeiouls])\1$/.test(base) ? base.slice(0, -1) : base;
  }

  // A word the index holds in pieces is searched as all of its pieces, and as all of its characters
  // (Pagefind matches each as the start of a word): the indexer does not cut the same characters the
  // same way in every sentence (没人开门 is 没/人/开门, 家里没人 is 家里/没人), so a page holding the
  // word either way is found. If neither finds a page, the word is searched as any of its pieces.
  async function searchTerm(engine, t) {
    if (t.also) return [{ results: best(await Promise.all([t.text, ...t.also].map((w) => find(engine, w)))), weight: t.weight }];
    if (t.pieces.length < 2) return [{ results: await find(engine, t.pieces[0]), weight: t.weight }];
    const [whole, chars] = await Promise.all([t.pieces.join(" "), [...t.text].join(" ")].map((q) => find(engine, q)));
    if (whole.length || chars.length) {
      // Single characters also match words that merely start with them: such a page counts for less.
      const seen = new Set(whole.map((r) => r.id));
      return [{ results: whole, weight: t.weight }, { results: chars.filter((r) => !seen.has(r.id)), weight: t.weight * CHARS }];
    }
    return Promise.all(t.pieces.map(async (piece) => ({
      results: await find(engine, piece),
      weight: (t.weight * (piece.length > 1 ? 1 : SINGLE)) / t.pieces.length,
    })));
  }

  // Pagefind's results for `query`, less the pages it finds only by words that weigh nothing there
  // (a part's label, which the page templates give weight 0: "checklist" is not every checklist item).
  async function find(engine, query) {
    return (await engine.search(query)).results.filter((r) => r.score > 0);
  }

  // One result per page out of several searches for the same word's forms: its best scoring one.
  function best(searches) {
    const pages = new Map();
    for (const result of searches.flat()) {
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
      // Only Chinese is cut: a run of letters or digits in a Chinese query (xyzzy123, app, 15) is one
      // word, found as itself or not at all, never as its letters.
      const words = dict ? chunk.match(HAN_OR_NOT).flatMap((run) => (HAN.test(run) ? cut(run, dict.all, dict.longest) : [english(run)]))
        : [english(chunk)];
      words.forEach((typed, i) => {
        const piece = synonym(typed);
        if (stop.has(piece) || seen.has(piece)) return;
        const han = dict && HAN.test(piece);
        const pieces = !han || dict.words.has(piece) || piece.length === 1 ? [piece] : cut(piece, dict.words, dict.longest);
        seen.set(piece, { pieces, text: piece, weight: han && piece.length === 1 ? SINGLE : 1, near: han && near(words, i) });
      });
    }
    return [...seen.values()];
  }

  // A character the dictionary cut alone between other lone characters (天气预报 → 天/气/预/报: no word
  // of the content) is a word of another subject: it holds a page only beside one of its neighbours as
  // typed (天气 or 气预), not as the start of any word (天 of 当天, 报 of 报告). [] when it stands alone.
  function near(words, i) {
    if (words[i].length !== 1) return [];
    const lone = (j) => words[j]?.length === 1 && HAN.test(words[j]);
    return [lone(i - 1) && words[i - 1] + words[i], lone(i + 1) && words[i] + words[i + 1]].filter(Boolean);
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

  // `found`: how many pages hold any of the query's words; the best SHOWN of them are listed.
  function show(id, query, pages, terms, found = pages.length) {
    if (id !== latest) return;
    list.replaceChildren(...pages.map((page) => item(page, terms)));
    status.textContent = !query.trim() ? say("search.result.placeholder")
      : pages.length === 0 ? say("search.result.none")
      : found > pages.length ? TOP[lang].replace("#", pages.length)
      : pages.length === 1 ? say("search.result.one") : say("search.result.other", pages.length);
    list.dataset.query = query;  // what the list shows now (the tests and the bench wait for it)
  }

  function item(page, terms) {
    const li = document.createElement("li");
    li.append(link(page.url, page.meta.title, "kb-search__page"));
    const where = matchedPart(page, terms);
    const snippet = where ? link(`${page.url}#${where.id}`, "", "kb-search__part") : document.createElement("p");
    snippet.classList.add("kb-search__part");
    // A page matched only by its summary or its (never shown) search terms shows its summary.
    const text = where ? where.text : page.meta.summary ?? "";
    snippet.append(...marked(shorten(text, terms), terms));
    if (text) li.append(snippet);
    return li;
  }

  function link(href, text, className) {
    const a = document.createElement("a");
    a.href = href;
    a.className = className;
    a.textContent = text;
    return a;
  }

  // Where on the page the query matched, as {id, text}: the step, exception or rule (an element with
  // an id and text, outermost first) that holds the most of the query's words (by weight), then the
  // most matches; else the section (a heading down to the next one) that does, as its heading and its
  // sentence that does (a role's duty, a glossary entry). Each says what it is: a part begins with
  // its label (如果 / When, 绝对不做 / Never, 第3步 / Step 3: the page templates), a section with its heading.
  function matchedPart(page, terms) {
    const content = page.raw_content ?? page.content;
    const words = [...content.matchAll(WORD)];
    const starts = terms.map((t) => ({ weight: t.weight, starts: [...t.pieces, ...t.text].filter((p) => p.length) }));
    const heldWeight = (locations) => starts
      .filter((t) => locations.some((l) => t.starts.some((p) => (words[l]?.[0] ?? "").toLocaleLowerCase().startsWith(p))))
      .reduce((sum, t) => sum + t.weight, 0);
    const bestOf = (candidates, locations) => candidates
      .map((c) => ({ ...c, inside: locations.filter((l) => c.start <= l && l < c.end) }))
      .filter((c) => c.inside.length)
      .map((c) => ({ ...c, score: heldWeight(c.inside) * 1000 + c.inside.length }))
      .reduce((a, b) => (a && a.score >= b.score ? a : b), null);

    const anchors = page.anchors.filter((a) => a.id && a.text?.trim());
    const parts = anchors.filter((a) => !/^h\d$/i.test(a.element))
      .map((a) => ({ id: a.id, text: a.text, start: a.location, end: a.location + span(words, a.location, a.text) }));
    const within = (inner, outer) => inner.id !== outer.id && outer.start <= inner.start && inner.end <= outer.end;
    const outermost = parts.filter((p) => !parts.some((outer) => within(p, outer) && outer.end - outer.start > p.end - p.start));
    const part = bestOf(outermost, page.locations);
    if (part) {
      // Less what its inner parts (a step's times and counts) add at its end: "…再进门。1副".
      const text = parts.filter((inner) => within(inner, part)).map((inner) => inner.text.trim()).reverse()
        .reduce((text, inner) => (text.endsWith(inner) ? text.slice(0, -inner.length).trimEnd() : text), part.text.trim());
      return { id: part.id, text };
    }
    const headings = anchors.filter((a) => /^h[2-6]$/i.test(a.element));
    const sections = headings.map((h, i) => ({
      id: h.id, title: h.text.trim(), start: h.location, body: h.location + span(words, h.location, h.text),
      end: headings[i + 1]?.location ?? words.length,
    }));
    const outside = page.locations.filter((l) => !parts.some((p) => p.start <= l && l < p.end));
    const section = bestOf(sections, outside);
    if (!section) return null;
    const sentences = sentencesOf(words, section.body, section.end);
    const sentence = bestOf(sentences, section.inside) ?? sentences[0];
    const text = sentence ? content.slice(words[sentence.start].index, words[sentence.end - 1].index + words[sentence.end - 1][0].length) : "";
    return { id: section.id, text: section.title + (text ? COLON[lang] + text.replace(/\u200b/g, "") : "") };
  }

  // The sentences of words [from, to), as word ranges: each ends with a word that ends one. Pagefind
  // ends a heading or a list item with "." of its own: a "sentence" without a letter or digit is none.
  function sentencesOf(words, from, to) {
    const sentences = [];
    for (let start = from, i = from; i < to; i++) {
      if (!SENTENCE_END.test(words[i][0]) && i < to - 1) continue;
      if (words.slice(start, i + 1).some((w) => LETTER.test(w[0]))) sentences.push({ start, end: i + 1 });
      start = i + 1;
    }
    return sentences;
  }

  // How many of the page's words, from `start`, make up `text`.
  function span(words, start, text) {
    const length = text.replace(/\s+/g, "").length;
    let n = 0;
    for (let seen = 0; seen < length && start + n < words.length; n++) seen += words[start + n][0].length;
    return n;
  }

  // At most LIMIT characters of `text`. Where the first query word is far in, its beginning (which
  // says what the text is) is kept, then "…" and the words around that one. Cut between words,
  // never inside a run of letters or digits ("…ther mishap").
  function shorten(text, terms) {
    const LIMIT = lang === "zh" ? 60 : 140;
    const HEAD = lang === "zh" ? 12 : 30;
    if (text.length <= LIMIT) return text;
    const lower = text.toLocaleLowerCase();
    const first = Math.min(...terms.map((t) => lower.indexOf(t.text)).filter((i) => i >= 0));
    // A cut end, less the comma or colon it may end with: "With their agreement…".
    const upTo = (from, to) => text.slice(from, to).trim().replace(/[，、；：,;:]$/u, "");
    if (first === Infinity || first + 10 <= LIMIT) return upTo(0, cutAt(text, LIMIT)) + "…";
    const head = upTo(0, cutAt(text, HEAD));
    const from = cutAt(text, Math.max(first - Math.floor((LIMIT - HEAD) / 4), head.length), true);
    const to = cutAt(text, from + LIMIT - head.length);
    return head + (lang === "zh" ? "…" : " … ") + (to < text.length ? upTo(from, to) + "…" : text.slice(from).trim());
  }

  // The nearest place at or before `i` that is not inside a run of letters or digits (Chinese may be
  // cut between any two characters); where text starts there, just after a punctuation mark if one is near.
  function cutAt(text, i, starts = false) {
    if (i >= text.length) return text.length;
    const glued = (c) => LETTER.test(c) && !HAN.test(c);
    let at = i;
    while (at > 0 && glued(text[at - 1]) && glued(text[at])) at--;
    if (starts) {
      const mark = text.slice(Math.max(0, at - 8), at).search(/[，。；：、,.;:](?!\d)[^，。；：、,.;:]*$/u);
      if (mark >= 0) at = Math.max(0, at - 8) + mark + 1;
    }
    return at > 0 ? at : i;
  }

  // Text nodes and <mark>s for the query words in `text`: built as nodes, so content stays text. A
  // word is marked where a word starts with it (as it was found: "late" in "later", not in "chocolate").
  function marked(text, terms) {
    const words = terms.map((t) => t.text).filter((w) => w.length > 1 || lang === "zh").sort((a, b) => b.length - a.length);
    if (!words.length) return [document.createTextNode(text)];
    const start = lang === "zh" ? "" : "(?<![\\p{L}\\p{N}])";
    const pattern = new RegExp(`${start}(${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})`, "giu");
    return text.split(pattern).map((part, i) => {
      if (i % 2 === 0) return document.createTextNode(part);
      const mark = document.createElement("mark");
      mark.textContent = part;
      return mark;
    });
  }
})();
