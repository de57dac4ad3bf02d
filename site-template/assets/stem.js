// The default theme's stemmer: Snowball's English stemmer (Porter2), as libstemmer stems the search
// index at build time, so that a reader's query finds every word of its stem ("callouts" finds
// "callout"). Words come folded (lowercase, without accents); the index holds no apostrophes. Written
// from the algorithm's definition, as libstemmer 2.2 has it; Tests/site/check_stemmer.py holds it to
// libstemmer word for word. commons.js loads it when a reader first searches.
"use strict";
window.commonsStem = (() => {
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
