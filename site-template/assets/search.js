// The default theme's search, which commons.js loads when a reader first searches, so that the pages
// that are only read never download it: the query's words, their stems, the pieces of the index that
// hold them (search/), the ranking `commons mcp` gives, and the snippets.
"use strict";
(function () {
  // Snowball's English stemmer (Porter2), as libstemmer stems the index at build time, so that a query
  // finds every word of its stem ("callouts" finds "callout"). Words come folded (lowercase, without
  // accents); the index holds no apostrophes. Written from the algorithm's definition, as libstemmer 2.2
  // has it; Tests/site/check_stemmer.py holds it to libstemmer word for word.
  const stem = (() => {
    const exceptions = { skis: "ski", skies: "sky", dying: "die", lying: "lie", tying: "tie", idly: "idl", gently: "gentl",
      ugly: "ugli", early: "earli", only: "onli", singly: "singl", sky: "sky", news: "news", howe: "howe", atlas: "atlas",
      cosmos: "cosmos", bias: "bias", andes: "andes" };
    const afterStep1a = new Set(["inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed"]);
    const step2 = { tional: "tion", enci: "ence", anci: "ance", abli: "able", entli: "ent", izer: "ize", ization: "ize",
      ational: "ate", ation: "ate", ator: "ate", alism: "al", aliti: "al", alli: "al", fulness: "ful", ousli: "ous",
      ousness: "ous", iveness: "ive", iviti: "ive", biliti: "ble", bli: "ble", ogi: "og", fulli: "ful", lessli: "less", li: "" };
    const step3 = { tional: "tion", ational: "ate", alize: "al", icate: "ic", iciti: "ic", ical: "ic", ful: "", ness: "", ative: "" };
    const step4 = ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate", "iti", "ous", "ive", "ize", "ion"];
    const doubles = ["bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"];
    const isVowel = (c) => c !== undefined && "aeiouy".includes(c);

    return function (word) {
      if (Object.hasOwn(exceptions, word)) return exceptions[word];
      const w = Array.from(word);
      if (w.length < 3) return word;
      // Prelude: a y that acts as a consonant is Y, which no step takes for a vowel.
      if (w[0] === "y") w[0] = "Y";
      for (let i = 1; i < w.length; i++) if (w[i] === "y" && isVowel(w[i - 1])) w[i] = "Y";
      // R1 starts after the first non-vowel that follows a vowel, R2 likewise within R1.
      const pastVowelAndConsonant = (from) => {
        let i = from;
        while (i < w.length && !isVowel(w[i])) i++;
        if (i++ >= w.length) return null;
        while (i < w.length && isVowel(w[i])) i++;
        return i < w.length ? i + 1 : null;
      };
      const joined = w.join("");
      const prefix = ["gener", "commun", "arsen"].find((start) => joined.startsWith(start));
      let p1 = w.length, p2 = w.length;
      const r1 = prefix ? prefix.length : pastVowelAndConsonant(0);
      if (r1 !== null) {
        p1 = r1;
        const r2 = pastVowelAndConsonant(r1);
        if (r2 !== null) p2 = r2;
      }
      const endsWith = (suffix) => suffix.length <= w.length && w.slice(w.length - suffix.length).join("") === suffix;
      const longest = (suffixes) => suffixes.filter(endsWith).reduce((best, suffix) => (best === undefined || suffix.length > best.length ? suffix : best), undefined);
      const replace = (suffix, by) => { w.splice(w.length - suffix.length, suffix.length, ...Array.from(by)); };
      // A short syllable ends at `end`: non-vowel, vowel, then a non-vowel other than w, x or Y; or, at
      // the start of the word, a vowel then a non-vowel.
      const shortSyllable = (end) => (end >= 3 && !"aeiouywxY".includes(w[end - 1]) && isVowel(w[end - 2]) && !isVowel(w[end - 3]))
        || (end === 2 && !isVowel(w[1]) && isVowel(w[0]));

      // Step 1a.
      let suffix = longest(["sses", "ied", "ies", "s", "us", "ss"]);
      if (suffix === "sses") replace(suffix, "ss");
      else if (suffix === "ied" || suffix === "ies") replace(suffix, w.length - 3 >= 2 ? "i" : "ie");
      else if (suffix === "s" && w.slice(0, w.length - 2).some(isVowel)) w.pop();

      if (!afterStep1a.has(w.join(""))) {
        // Step 1b.
        suffix = longest(["eed", "eedly", "ed", "edly", "ing", "ingly"]);
        if (suffix === "eed" || suffix === "eedly") {
          if (w.length - suffix.length >= p1) replace(suffix, "ee");
        } else if (suffix !== undefined && w.slice(0, w.length - suffix.length).some(isVowel)) {
          replace(suffix, "");
          const ending = longest(["at", "bl", "iz", ...doubles]);
          if (ending === "at" || ending === "bl" || ending === "iz") w.push("e");
          else if (ending !== undefined) w.pop();
          else if (w.length === p1 && shortSyllable(w.length)) w.push("e");
        }
        // Step 1c.
        if ((w[w.length - 1] === "y" || w[w.length - 1] === "Y") && w.length >= 3 && !isVowel(w[w.length - 2])) w[w.length - 1] = "i";
        // Step 2.
        suffix = longest(Object.keys(step2));
        if (suffix !== undefined && w.length - suffix.length >= p1) {
          const before = w[w.length - suffix.length - 1];
          if (suffix === "ogi") { if (before === "l") replace(suffix, "og"); }
          else if (suffix === "li") { if (before !== undefined && "cdeghkmnrt".includes(before)) replace(suffix, ""); }
          else replace(suffix, step2[suffix]);
        }
        // Step 3.
        suffix = longest(Object.keys(step3));
        if (suffix !== undefined && w.length - suffix.length >= p1) {
          if (suffix !== "ative") replace(suffix, step3[suffix]);
          else if (w.length - suffix.length >= p2) replace(suffix, "");
        }
        // Step 4.
        suffix = longest(step4);
        if (suffix !== undefined && w.length - suffix.length >= p2) {
          if (suffix !== "ion") replace(suffix, "");
          else if (w[w.length - 4] === "s" || w[w.length - 4] === "t") replace(suffix, "");
        }
        // Step 5.
        const last = w.length - 1;
        if (w[last] === "e") {
          if (last >= p2 || (last >= p1 && !shortSyllable(last))) w.pop();
        } else if (w[last] === "l") {
          if (last >= p2 && w[last - 1] === "l") w.pop();
        }
      }
      return w.join("").replaceAll("Y", "y");
    };
  })();
  window.commonsStem = stem;

  // The search, given the site's root and commons.js's helpers: `json` fetches a file once a visit,
  // `element` makes one.
  window.commonsSearch = (root, json, element) => {
    // Search: the words as commons splits them (letters and digits, without case or accents), each
    // looked up by its stem in the pieces of the index that hold it. Every word must match; a word being
    // typed (two letters, or more that are no stem) also matches the stems it starts, which count half.
    const searchRoot = new URL("search/", root);

    function words(text) {
      return (text.match(/[\p{L}\p{N}\p{M}]+/gu) || []).map(fold).filter((word) => word.length > 0);
    }

    function fold(word) {
      return word.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
    }

    // Whether a word of the text is one the term found: its stem is the term's, or starts with a term
    // that stands for the stems it starts (`prefix`).
    function matches(word, term, prefix) {
      const stemmed = stem(word);
      return stemmed === stem(term) || (prefix && stemmed.startsWith(term));
    }

    async function scoresOf(term, manifest) {
      const pieces = manifest.pieces;
      const pieceOf = (key) => {
        let low = 0, high = pieces.length;
        while (low < high) {
          const middle = (low + high) >> 1;
          if (pieces[middle] <= key) low = middle + 1; else high = middle;
        }
        return low;
      };
      const termStem = stem(term);
      const wanted = new Set([Math.max(0, pieceOf(termStem) - 1)]);
      if (term.length >= 2) {
        const start = pieceOf(term);
        wanted.add(Math.max(0, start - 1));
        for (let next = start; next < pieces.length && pieces[next].startsWith(term); next++) wanted.add(next);
      }
      const scores = new Map();
      const load = (pieceNumbers) => Promise.all([...pieceNumbers].map((piece) => json(new URL("words/" + piece + ".json", searchRoot))));
      // Keeps, for each note, the best score of the pieces' stems that `weightOf` weighs (0 for the
      // others): a word counts once in a note, as `commons mcp` counts it, so that the many stems two
      // typed letters start cannot outweigh a whole word.
      function add(loaded, weightOf) {
        for (const entries of loaded) {
          for (const [word, flat] of Object.entries(entries)) {
            const weight = weightOf(word);
            if (weight === 0) continue;
            let note = 0;
            for (let index = 0; index < flat.length; index += 3) {
              note += flat[index];
              const score = weight * flat[index + 2];
              const current = scores.get(note);
              if (!current || score > current.score) scores.set(note, { score, section: flat[index + 1] });
            }
          }
        }
      }
      // A word that is no stem of the commons (one being typed) stands for the stems it starts, as
      // `commons mcp` has it (NoteSearch.expansions); a whole word stands for its own stem only.
      const loaded = await load(wanted);
      // Two letters are most often a word's start even where the commons has them as a word, unless
      // they are one of a question's small words (NoteSearch.standsForPrefix).
      const prefix = term.length >= 2 && (!loaded.some((entries) => Object.hasOwn(entries, termStem))
        || (term.length === 2 && !(manifest.optional || []).includes(term)));
      add(loaded, (word) => (word === termStem ? 1 : prefix && word.startsWith(term) ? 0.5 : 0));
      // A word that finds no stem finds those a typing slip away that begin as it does, as `commons mcp`
      // does (Typos.swift): from the list of the stems of its first two letters.
      const letters = Array.from(termStem);
      if (scores.size === 0 && letters.length >= 4) {
        const near = await json(new URL("near/" + encodeURIComponent(letters.slice(0, 2).join("")) + ".json", searchRoot)).catch(() => []);
        const found = new Set(near.filter((candidate) => isNear(letters, Array.from(candidate))));
        add(await load(new Set([...found].map((candidate) => Math.max(0, pieceOf(candidate) - 1)))), (word) => (found.has(word) ? 0.5 : 0));
      }
      return { scores, prefix };
    }

    // Within one edit of a stem of four letters or more, two from eight (Levenshtein, by code points).
    function isNear(word, other) {
      const allowed = word.length >= 8 ? 2 : 1;
      if (Math.abs(word.length - other.length) > allowed) return false;
      let previous = Array.from({ length: other.length + 1 }, (_, index) => index);
      for (let row = 0; row < word.length; row++) {
        const current = [row + 1];
        for (let column = 0; column < other.length; column++) {
          current.push(Math.min(previous[column + 1] + 1, current[column] + 1, previous[column] + (word[row] === other[column] ? 0 : 1)));
        }
        if (Math.min(...current) > allowed) return false;
        previous = current;
      }
      return previous[other.length] <= allowed;
    }

    async function search(query) {
      const terms = [...new Set(words(query))].sort();
      if (terms.length === 0) return [];
      const manifest = await json(new URL("index.json", searchRoot));
      const found = await Promise.all(terms.map((term) => scoresOf(term, manifest)));
      const perTerm = found.map((term) => term.scores), prefixes = found.map((term) => term.prefix);
      // Every word but the small ones a question is made of must match; when no note has them all, the
      // notes with any rank, as `commons mcp` answers.
      const optional = new Set(manifest.optional || []);
      const required = perTerm.filter((_, index) => !optional.has(terms[index]));
      const must = required.length > 0 ? required : perTerm;
      const notes = new Set(perTerm.flatMap((scores) => [...scores.keys()]));
      const all = [...notes].filter((note) => must.every((scores) => scores.has(note)));
      const hits = [];
      for (const note of all.length > 0 ? all : notes) {
        let score = 0, section = 0, best = -1;
        for (const scores of perTerm) {
          const found = scores.get(note);
          if (!found) continue;
          score += found.score;
          if (found.score > best) ({ section, score: best } = found);
        }
        hits.push({ note, score, section, terms, prefixes, manifest });
      }
      // Equal scores keep the index's order, the order of the notes' ids, as `commons mcp` ranks them.
      return hits.sort((a, b) => b.score - a.score || a.note - b.note);
    }

    async function describe(hit) {
      const table = await json(new URL("notes/" + Math.floor(hit.note / hit.manifest.notesPerTable) + ".json", searchRoot));
      const [path, title, folder = ""] = table[hit.note % hit.manifest.notesPerTable];
      const page = new URL(path, root);
      const fragment = await json(new URL("index.json", page)).catch(() => null);
      const section = fragment && (fragment.sections[hit.section - 1] || fragment.sections[0]);
      if (section && section.anchor && hit.section > 0) page.hash = section.anchor;
      // The folders the note is in, as the commons names them, so that notes of one title tell apart.
      const folders = folder.split("/").join(" › ");
      return { url: page.href, title, folders, heading: hit.section > 0 && section ? section.heading : null,
               snippet: section ? snippet(section.text, hit.terms, hit.prefixes) : [] };
    }

    // About thirty words around the first match, as `commons mcp` cuts its snippets, with matches marked.
    function snippet(text, terms, prefixes) {
      const ranges = [...text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)].map((match) => [match.index, match.index + match[0].length]);
      if (ranges.length === 0) return [];
      const isMatch = ([start, end]) => terms.some((term, index) => matches(fold(text.slice(start, end)), term, prefixes[index]));
      const first = Math.max(0, ranges.findIndex(isMatch));
      const start = Math.max(0, first - 10), end = Math.min(ranges.length - 1, first + 20);
      const parts = start > 0 ? ["…"] : [];
      let position = start === 0 ? 0 : ranges[start][0];
      for (const range of ranges.slice(start, end + 1)) {
        parts.push(text.slice(position, range[0]).replace(/\s+/g, " "));
        parts.push(isMatch(range) ? element("mark", {}, text.slice(range[0], range[1])) : text.slice(range[0], range[1]));
        position = range[1];
      }
      if (end === ranges.length - 1) parts.push(text.slice(position).replace(/\s+/g, " ")); else parts.push("…");
      return parts;
    }

    return { search, describe };
  };
})();
