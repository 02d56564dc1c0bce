import Foundation

/// The stylesheet and script every site gets, written to `assets/` unless `Public/` has a file of the same name.
enum BuiltinAssets {
    /// The files a site gets, its scripts saying its words (see ``SiteWords``): without search, no search script.
    static func files(search: Bool, words: SiteWords) -> [(path: String, content: String)] {
        var files = ["assets/sitegen.css": stylesheet, "assets/sitegen.js": script(words), "assets/favicon.svg": favicon]
        if search { files["assets/search.js"] = SearchScript.script(words) }
        return files.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// A plain cross on a rounded square, so browsers find an icon instead of logging a 404.
    static let favicon = #"""
    <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#0a58a8"/><path d="M13 6h6v7h7v6h-7v7h-6v-7H6v-6h7z" fill="#fff"/></svg>

    """#

    /// Runs in `<head>` before the first paint: applies the stored Mode and Text Size, or the system's theme.
    static let themeBootScript =
        #"(function(){var d=document.documentElement,t=null,s=null;try{t=localStorage.getItem("sitegen-theme");s=localStorage.getItem("sitegen-text-size")}catch(e){}if(t!=="light"&&t!=="dark"){t=window.matchMedia&&matchMedia("(prefers-color-scheme: dark)").matches?"dark":"light"}if(["normal","large","larger","largest"].indexOf(s)<0){s="normal"}d.setAttribute("data-theme",t);d.setAttribute("data-text-size",s);d.className+=" js"})();"#

    /// The light theme's colours: the page's, and every page's in print, whatever the theme on screen.
    private static let lightPalette = """
      --bg: #fbfaf7; --surface: #ffffff; --text: #1d2328; --muted: #4a5561; --border: #d5d9de;
      --link: #0a58a8; --link-visited: #6a3d9a; --accent: #0a58a8; --focus: #b34700;
      --high: #1f6b3a; --high-bg: #e7f4ec; --moderate: #7a4d00; --moderate-bg: #fdf2dc; --low: #9b1c1c; --low-bg: #fbe9e9;
      --target: #fff3bf;
    """

    static let stylesheet = #"""
    :root {
      color-scheme: light;
    \#(lightPalette)
    }
    @media (prefers-color-scheme: dark) {
      :root:not([data-theme="light"]) {
        color-scheme: dark;
        --bg: #15181c; --surface: #1d2126; --text: #e9e7e3; --muted: #b6bec7; --border: #3a4149;
        --link: #8cc2ff; --link-visited: #c9a8f0; --accent: #8cc2ff; --focus: #ffb870;
        --high: #8fd6a8; --high-bg: #163222; --moderate: #f1c36b; --moderate-bg: #352a12; --low: #f4a3a3; --low-bg: #3a1a1a;
        --target: #3d3615;
      }
    }
    :root[data-theme="dark"] {
      color-scheme: dark;
      --bg: #15181c; --surface: #1d2126; --text: #e9e7e3; --muted: #b6bec7; --border: #3a4149;
      --link: #8cc2ff; --link-visited: #c9a8f0; --accent: #8cc2ff; --focus: #ffb870;
      --high: #8fd6a8; --high-bg: #163222; --moderate: #f1c36b; --moderate-bg: #352a12; --low: #f4a3a3; --low-bg: #3a1a1a;
      --target: #3d3615;
    }
    html { font-size: 100%; -webkit-text-size-adjust: 100%; }
    html[data-text-size="large"] { font-size: 118.75%; }
    html[data-text-size="larger"] { font-size: 137.5%; }
    html[data-text-size="largest"] { font-size: 162.5%; }
    *, *::before, *::after { box-sizing: border-box; }
    body {
      margin: 0; background: var(--bg); color: var(--text);
      font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", sans-serif;
      font-size: 1.0625rem; line-height: 1.65; overflow-wrap: break-word;
    }
    a { color: var(--link); text-underline-offset: 0.15em; }
    a:visited { color: var(--link-visited); }
    a:hover { text-decoration-thickness: 0.12em; }
    :focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; border-radius: 2px; }
    main:focus { outline: none; }
    .visually-hidden { position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
    .skip-link { position: absolute; inset-inline-start: 0.5rem; top: -10rem; background: var(--surface); color: var(--link); padding: 0.5rem 1rem; z-index: 10; }
    .skip-link:focus { top: 0.5rem; }
    .site-header {
      display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center; justify-content: space-between;
      max-width: 46rem; margin: 0 auto; padding: 1rem 1.25rem; border-bottom: 1px solid var(--border);
    }
    /* A word longer than the line (a site's name in one word, a badge's "Vertrauenswürdigkeit:") breaks where it must:
       a flex item or an inline block is otherwise as wide as its longest word, and the page scrolls sideways at 320 px
       (WCAG 1.4.10). */
    .site-name { font-weight: 700; font-size: 1.125rem; color: var(--text); text-decoration: none; min-width: 0; overflow-wrap: anywhere; }
    .site-name:visited { color: var(--text); }
    .site-nav ul { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; list-style: none; margin: 0; padding: 0; }
    .site-nav a { display: inline-flex; align-items: center; min-height: 2.75rem; color: var(--link); }
    .controls { display: flex; flex-wrap: wrap; gap: 0.5rem; }
    html:not(.js) .controls { display: none; }
    .control {
      font: inherit; font-size: 0.9375rem; color: var(--text); background: var(--surface); border: 1px solid var(--muted);
      border-radius: 999px; padding: 0.35rem 0.9rem; min-height: 2.75rem; min-width: 2.75rem; cursor: pointer;
    }
    .control:hover { border-color: var(--accent); }
    .control[aria-pressed="true"] { border-width: 2px; }
    .icon-large { font-size: 1.25em; }
    main { display: block; max-width: 46rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
    h1 { font-size: 2rem; line-height: 1.25; margin: 0.5rem 0 0.75rem; }
    h2 { font-size: 1.375rem; line-height: 1.3; margin: 2.25rem 0 0.75rem; }
    h3 { font-size: 1.125rem; margin: 1.75rem 0 0.5rem; }
    .eyebrow { margin: 0; font-size: 0.9375rem; text-transform: uppercase; letter-spacing: 0.06em; }
    .meta { color: var(--muted); font-size: 0.9375rem; margin: 0 0 1rem; }
    .meta-sep { padding: 0 0.35rem; }
    /* A date moves to the next line whole, and breaks only when wider than the line ("November 30, 2026" in a list
       at 320 px in the Largest text). */
    .meta time { display: inline-block; max-width: 100%; }
    .badge {
      display: inline-block; max-width: 100%; overflow-wrap: anywhere; border: 1px solid currentColor; border-radius: 999px;
      padding: 0 0.6rem; font-weight: 600;
    }
    .badge-high { color: var(--high); background: var(--high-bg); }
    .badge-moderate { color: var(--moderate); background: var(--moderate-bg); }
    .badge-low { color: var(--low); background: var(--low-bg); }
    .confidence-help { margin: -0.5rem 0 1rem; font-size: 0.9375rem; }
    .confidence-help summary { cursor: pointer; color: var(--link); }
    .confidence-help p { margin: 0.5rem 0 0; }
    .summary { font-size: 1.1875rem; line-height: 1.6; margin: 0 0 1.5rem; }
    .article-body img { max-width: 100%; height: auto; }
    pre { overflow-x: auto; background: var(--surface); border: 1px solid var(--border); padding: 0.75rem; border-radius: 6px; }
    code { font-family: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, monospace; font-size: 0.9em; }
    blockquote { margin: 1rem 0; padding-inline-start: 1rem; border-inline-start: 4px solid var(--border); color: var(--muted); }
    table { border-collapse: collapse; display: block; overflow-x: auto; }
    th, td { border: 1px solid var(--border); padding: 0.35rem 0.6rem; }
    sup.citation { font-size: 0.75em; line-height: 0; white-space: nowrap; }
    sup.citation a { padding: 0 0.1em; text-decoration: none; font-weight: 600; }
    sup.citation a:hover, sup.citation a:focus-visible { text-decoration: underline; }
    .questions { background: var(--surface); border: 1px solid var(--border); border-radius: 8px; padding: 0.25rem 1.25rem 0.75rem; margin-top: 2.25rem; }
    .questions h2 { margin-top: 1rem; }
    .questions li { margin: 0.4rem 0; }
    .references ol { padding-inline-start: 2rem; font-size: 0.9375rem; }
    .references ol.unnumbered { list-style: none; padding-inline-start: 0; }
    .references ol.unnumbered li { padding-inline-start: 2rem; text-indent: -1.75rem; }
    /* An entry (and an author-date citation) is read in its own direction: an English one on a right-to-left page keeps
       its words' order. */
    .references li { margin: 0.6rem 0; padding: 0.15rem 0.25rem; border-radius: 4px; unicode-bidi: plaintext; }
    span.citation { unicode-bidi: plaintext; }
    .references li:target, .citation:target { background: var(--target); }
    .ref-links a, .backlinks a { margin-inline-start: 0.35em; white-space: nowrap; }
    /* An entry's link and its retracted mark move to the next line whole, and break only when wider than the line
       ("Retraction notice" at 320 px in the Largest text). */
    .ref-links a { display: inline-block; max-width: 100%; white-space: normal; overflow-wrap: anywhere; }
    /* A retracted source's mark, in the colours of low confidence: a contrast of 6.9:1 in the light theme, 7.9:1 in the dark. */
    .retracted {
      color: var(--low); background: var(--low-bg); border: 1px solid currentColor; border-radius: 4px; padding: 0 0.35em;
      font-weight: 700; display: inline-block; max-width: 100%; overflow-wrap: anywhere;
    }
    .backlinks a {
      display: inline-block; min-width: max(1.5rem, 24px); min-height: max(1.5rem, 24px); line-height: max(1.5rem, 24px);
      text-align: center; text-decoration: none; font-weight: 600; padding: 0 0.15em;
    }
    .article-list { list-style: none; padding: 0; }
    .article-list li { border-top: 1px solid var(--border); padding: 0.75rem 0; }
    .article-list h2 { font-size: 1.25rem; margin: 0.5rem 0 0.25rem; }
    .article-list p { margin: 0.25rem 0; }
    .topic-nav ul, .topic-list { display: flex; flex-wrap: wrap; gap: 0.5rem 1.25rem; list-style: none; padding: 0; }
    .site-header { position: relative; }
    .site-search { display: flex; gap: 0.5rem; align-items: center; flex: 1 1 14rem; max-width: 24rem; }
    .site-search input, .search-form input {
      font: inherit; font-size: 1rem; color: var(--text); background: var(--surface); border: 1px solid var(--muted);
      border-radius: 6px; padding: 0.4rem 0.6rem; min-height: 2.75rem; width: 100%; min-width: 0;
    }
    .search-form label { display: block; margin-bottom: 0.35rem; }
    .search-row { display: flex; gap: 0.5rem; }
    .site-search input::placeholder, .search-form input::placeholder { color: var(--muted); opacity: 1; }
    .site-search .control, .search-row .control { flex: none; white-space: nowrap; }
    .search-panel {
      position: absolute; left: 1.25rem; right: 1.25rem; top: 100%; z-index: 5; max-height: 70vh; overflow-y: auto;
      background: var(--surface); border: 1px solid var(--border); border-radius: 8px; padding: 0.25rem 1rem; box-shadow: 0 6px 24px rgba(0, 0, 0, 0.2);
    }
    .search-results.search-closed {
      position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0);
      white-space: nowrap; border: 0; box-shadow: none;
    }
    .search-status { margin: 0.5rem 0; color: var(--muted); font-size: 0.9375rem; }
    .search-status:focus { outline: none; }
    .search-list { list-style: none; padding: 0; margin: 0; }
    .search-list li { border-top: 1px solid var(--border); padding: 0.6rem 0; }
    .search-title { margin: 0; font-weight: 600; }
    /* A result's title breaks inside a word longer than the line ("immunotherapy" in the search box's results at 390 px in
       the Largest text): an inline block is otherwise as wide as its longest word, and the results scroll sideways. */
    .search-title a { display: inline-block; max-width: 100%; overflow-wrap: anywhere; padding: 0.15rem 0; }
    .search-list .meta { margin: 0.15rem 0; }
    .search-snippet { margin: 0.15rem 0 0; font-size: 0.9375rem; }
    mark { background: var(--target); color: inherit; border-radius: 2px; padding: 0 0.1em; }
    .no-js-note { display: none; color: var(--muted); }
    html:not(.js) .no-js-note { display: block; }
    .question-index li { margin: 0.4rem 0; }
    .pagination ul { display: flex; flex-wrap: wrap; gap: 0.5rem; list-style: none; padding: 0; margin: 1.5rem 0 0.5rem; }
    .letter-index ul { display: flex; flex-wrap: wrap; gap: 0.35rem; list-style: none; padding: 0; margin: 0.75rem 0 1rem; }
    .pagination a, .pagination-gap, .letter-index a {
      display: inline-block; box-sizing: border-box; min-width: 2.75rem; min-height: 2.75rem; padding: 0.6rem 0.8rem;
      text-align: center; border: 1px solid var(--border); border-radius: 6px; text-decoration: none;
    }
    .pagination-gap { border-color: transparent; }
    .pagination a[aria-current="page"], .pagination a[aria-current="page"]:visited { background: var(--accent); color: var(--bg); border-color: var(--accent); font-weight: 700; }
    .pagination-status { color: var(--muted); font-size: 0.9375rem; margin: 0.25rem 0 0; }
    .site-footer { max-width: 46rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; border-top: 1px solid var(--border); color: var(--muted); font-size: 0.9375rem; }
    .citation-preview {
      position: absolute; z-index: 20; max-width: min(28rem, calc(100vw - 1rem)); background: var(--surface); color: var(--text);
      border: 1px solid var(--muted); border-radius: 8px; padding: 0.6rem 0.8rem; font-size: 0.875rem; line-height: 1.5;
      box-shadow: 0 6px 24px rgba(0, 0, 0, 0.18);
    }
    @media (max-width: 30rem) {
      h1 { font-size: 1.625rem; }
      .control { padding: 0.3rem 0.7rem; }
    }
    @media print {
      :root, :root[data-theme="dark"], :root:not([data-theme="light"]) {
        color-scheme: light;
    \#(lightPalette)
      }
      .controls, .skip-link, .citation-preview, .backlinks, .site-search, .search-results { display: none !important; }
      body { background: #fff; color: #000; }
      a { color: #000; }
      .references a[href^="http"]::after { content: " <" attr(href) ">"; font-size: 0.85em; word-break: break-all; white-space: normal; }
      /* Each address once: after the entry's own links (DOI, PubMed, Link), not after its title's link or an address the
         style prints as text too. */
      .references li:has(.ref-links a[href^="http"]) a[href^="http"]:not(.ref-links a)::after { content: none; }
      /* A closed <details> (what a confidence level means) prints what it says, not only its summary. */
      details::details-content { content-visibility: visible; display: block; }
    }

    """#

    /// The words `sitegen.js` says: the Mode button's state, each text size's name and the Text Size button's hint.
    static let scriptWords = ["darkModeOn", "lightModeOn", "normalText", "largeText", "largerText", "largestText", "nextSize"]

    /// `sitegen.js`, saying the site's words: they are written into the script, so that a page is no larger for them
    /// and a site in English gets the script it always had.
    static func script(_ words: SiteWords) -> String {
        scriptTemplate.replacingOccurrences(of: "__WORDS__", with: json(words, scriptWords))
    }

    /// The words of `keys` as a script reads them, a JSON object: each key's text, and under `en` `true` for each
    /// that stays English on a site in another language (the script marks the element that says it `lang="en"`).
    static func json(_ words: SiteWords, _ keys: [String]) -> String {
        let english = keys.filter(words.staysEnglish).map { ($0, JSONValue.serialized("true")) }
        return JSONValue.object(keys.map { ($0, .string(words[$0])) } + [("en", .object(english))]).serialized
    }

    private static let scriptTemplate = #"""
    (function () {
      "use strict";
      var root = document.documentElement;
      // The site's words (`words:` in sitegen.yml), and under en those that stay English on a site in another language.
      var WORDS = __WORDS__;
      // A word with its placeholders ({size}) filled in one pass, so that a value holding braces stays as it is.
      function word(key, values) {
        return WORDS[key].replace(/\{([A-Za-z]+)\}/g, function (all, name) { return values && name in values ? values[name] : all; });
      }
      // An element says a word: marked lang="en" while the word stays English on a site in another language.
      function say(element, key, text) {
        element.textContent = text;
        if (WORDS.en[key]) { element.setAttribute("lang", "en"); } else { element.removeAttribute("lang"); }
      }
      var sizes = ["normal", "large", "larger", "largest"];
      var sizeKeys = { normal: "normalText", large: "largeText", larger: "largerText", largest: "largestText" };
      var media = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
      function stored(key) { try { return localStorage.getItem(key); } catch (e) { return null; } }
      function store(key, value) { try { localStorage.setItem(key, value); } catch (e) {} }
      function applyTheme(theme) {
        root.setAttribute("data-theme", theme);
        var button = document.getElementById("theme-toggle");
        if (button) {
          button.setAttribute("aria-pressed", theme === "dark" ? "true" : "false");
          button.title = word(theme === "dark" ? "darkModeOn" : "lightModeOn");
        }
      }
      function applySize(size) {
        root.setAttribute("data-text-size", size);
        var state = document.getElementById("text-size-state");
        if (state) { say(state, sizeKeys[size], word(sizeKeys[size])); }
        var button = document.getElementById("text-size-toggle");
        if (button) { button.title = word("nextSize", { size: word(sizeKeys[size]) }); }
      }
      function init() {
        applyTheme(root.getAttribute("data-theme") === "dark" ? "dark" : "light");
        applySize(sizes.indexOf(root.getAttribute("data-text-size")) >= 0 ? root.getAttribute("data-text-size") : "normal");
        var theme = document.getElementById("theme-toggle");
        if (theme) {
          theme.addEventListener("click", function () {
            var next = root.getAttribute("data-theme") === "dark" ? "light" : "dark";
            store("sitegen-theme", next);
            applyTheme(next);
          });
        }
        var size = document.getElementById("text-size-toggle");
        if (size) {
          size.addEventListener("click", function () {
            var index = sizes.indexOf(root.getAttribute("data-text-size"));
            var next = sizes[(index + 1) % sizes.length];
            store("sitegen-text-size", next);
            applySize(next);
          });
        }
        if (media) {
          var follow = function (event) {
            var choice = stored("sitegen-theme");
            if (choice !== "light" && choice !== "dark") { applyTheme(event.matches ? "dark" : "light"); }
          };
          if (media.addEventListener) { media.addEventListener("change", follow); } else if (media.addListener) { media.addListener(follow); }
        }
        window.addEventListener("storage", function (event) {
          if (event.key === "sitegen-theme" && (event.newValue === "light" || event.newValue === "dark")) { applyTheme(event.newValue); }
          if (event.key === "sitegen-text-size" && sizes.indexOf(event.newValue) >= 0) { applySize(event.newValue); }
        });
        setUpPreviews();
        // A code block or table wider than the page scrolls: focusable, so that the keyboard scrolls it in every browser.
        var scrollers = function () {
          var boxes = document.querySelectorAll(".article-body pre, .article-body table");
          for (var i = 0; i < boxes.length; i++) {
            if (boxes[i].scrollWidth > boxes[i].clientWidth && !boxes[i].hasAttribute("tabindex")) { boxes[i].setAttribute("tabindex", "0"); }
          }
        };
        scrollers();
        window.addEventListener("resize", scrollers);
        // Printed, a closed <details> says what it holds, in browsers whose print stylesheet cannot open it
        // (::details-content); it closes again after.
        var opened = [];
        window.addEventListener("beforeprint", function () {
          opened = Array.prototype.filter.call(document.querySelectorAll("details:not([open])"), function (details) { details.open = true; return true; });
        });
        window.addEventListener("afterprint", function () {
          opened.forEach(function (details) { details.open = false; });
          opened = [];
        });
      }
      var preview = null, hideTimer = null;
      function hidePreview() {
        clearTimeout(hideTimer);
        if (preview) { preview.remove(); preview = null; }
      }
      // Leaving the marker hides the preview a moment later, so the pointer can move onto it (WCAG 1.4.13).
      function hideSoon() {
        clearTimeout(hideTimer);
        hideTimer = setTimeout(hidePreview, 300);
      }
      function showPreview(link) {
        var id = decodeURIComponent(link.getAttribute("href").slice(1));
        var entry = document.getElementById(id);
        if (!entry) { return; }
        hidePreview();
        var content = entry.cloneNode(true);
        var extras = content.querySelectorAll(".backlinks");
        for (var i = 0; i < extras.length; i++) { extras[i].remove(); }
        preview = document.createElement("div");
        preview.className = "citation-preview";
        preview.id = "citation-preview";
        preview.setAttribute("role", "tooltip");
        preview.innerHTML = "<strong>" + link.textContent + ".</strong> " + content.innerHTML;
        preview.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
        preview.addEventListener("mouseleave", hideSoon);
        // Within the page's width without its scrollbar, which 100vw counts.
        preview.style.maxWidth = "min(28rem, " + (document.documentElement.clientWidth - 16) + "px)";
        document.body.appendChild(preview);
        var box = link.getBoundingClientRect();
        var width = preview.offsetWidth;
        var left = Math.max(8, Math.min(window.scrollX + box.left - width / 2, window.scrollX + document.documentElement.clientWidth - width - 8));
        preview.style.left = left + "px";
        preview.style.top = (window.scrollY + box.bottom + 8) + "px";
        link.setAttribute("aria-describedby", "citation-preview");
      }
      function setUpPreviews() {
        var links = document.querySelectorAll(".citation a");
        for (var i = 0; i < links.length; i++) {
          (function (link) {
            link.addEventListener("mouseenter", function () { showPreview(link); });
            link.addEventListener("focus", function () { showPreview(link); });
            link.addEventListener("mouseleave", hideSoon);
            link.addEventListener("blur", function () { hidePreview(); link.removeAttribute("aria-describedby"); });
          })(links[i]);
        }
        document.addEventListener("keydown", function (event) { if (event.key === "Escape") { hidePreview(); } });
      }
      if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
    })();

    """#
}
