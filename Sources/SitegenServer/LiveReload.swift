import Foundation

/// Tells open preview pages what happened, over Server-Sent Events: a new build (reload), a stylesheet-only
/// change (swap stylesheets), a failed build (show the overlay) or a fixed one (hide it).
public actor LiveReload {
    /// Names the current build; a page from an older build (or an earlier server) reloads when it reconnects.
    public private(set) var build: String
    /// The diagnostics of the failed latest build, shown by every page until a build succeeds.
    public private(set) var failure: String?
    /// Whether a build has succeeded since the server started: until then there is no site to serve, only errors.
    public private(set) var hasBuilt = false
    private var clients: [UUID: AsyncStream<String>.Continuation] = [:]
    private let session = String(UInt64(Date().timeIntervalSince1970 * 1000), radix: 36)
    private var counter = 0

    public init() {
        build = session + "-0"
    }

    public var clientCount: Int { clients.count }

    /// A stream of SSE messages for one page, starting with the current state.
    public func subscribe() -> AsyncStream<String> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(16))
        continuation.onTermination = { _ in Task { await self.remove(id) } }
        clients[id] = continuation
        continuation.yield(Self.message("hello", ["build": build, "error": failure ?? ""]))
        return stream
    }

    private func remove(_ id: UUID) { clients[id] = nil }

    /// Ends every event stream (the server is shutting down).
    public func closeAll() {
        for client in clients.values { client.finish() }
        clients.removeAll()
    }

    /// A build finished and its files are in place: pages reload, or swap stylesheets when only CSS changed.
    public func built(changedPaths: [String]) {
        let wasFailing = failure != nil
        failure = nil
        hasBuilt = true
        guard !changedPaths.isEmpty else {
            if wasFailing { send("ok", ["build": build]) }
            return
        }
        counter += 1
        build = "\(session)-\(counter)"
        let cssOnly = changedPaths.allSatisfy { $0.hasSuffix(".css") }
        send(cssOnly ? "css" : "reload", ["build": build])
    }

    /// A build failed: the last good site stays; pages show the diagnostics.
    public func failed(_ diagnostics: String) {
        failure = diagnostics
        send("failure", ["build": build, "error": diagnostics])
    }

    private func send(_ event: String, _ data: [String: String]) {
        let message = Self.message(event, data)
        for client in clients.values { client.yield(message) }
    }

    static func message(_ event: String, _ data: [String: String]) -> String {
        let json = (try? JSONSerialization.data(withJSONObject: data, options: [.sortedKeys])).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return "event: \(event)\ndata: \(json)\n\n"
    }

    /// The tag added before `</body>` of every HTML page the preview serves (never to built files).
    public func scriptTag() -> String {
        "<script src=\"/_sitegen/live.js\" data-build=\"\(build)\"></script>"
    }

    public static let script = #"""
    (function () {
      "use strict";
      var tag = document.currentScript;
      var build = tag ? tag.getAttribute("data-build") : "";
      var overlay = null;
      var scrollKey = "sitegen-scroll";
      function hideOverlay() { if (overlay) { overlay.remove(); overlay = null; } }
      function showOverlay(text) {
        hideOverlay();
        overlay = document.createElement("div");
        overlay.id = "sitegen-error-overlay";
        overlay.setAttribute("role", "alert");
        overlay.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;" +
          "background:#2b0b0b;color:#ffe9e9;font:14px/1.5 ui-monospace,monospace;padding:1rem 1.25rem;" +
          "border-top:4px solid #ff6b6b;box-shadow:0 -4px 24px rgba(0,0,0,.4)";
        var title = document.createElement("strong");
        title.textContent = document.getElementById("sitegen-build-failed") ?
          "sitegen: the site did not build yet. Fix the errors below; the page reloads when it builds." :
          "sitegen: the last change did not build. This page shows the last good version.";
        var pre = document.createElement("pre");
        pre.style.cssText = "white-space:pre-wrap;margin:.5rem 0 0";
        pre.textContent = text;
        overlay.appendChild(title);
        overlay.appendChild(pre);
        document.body.appendChild(overlay);
      }
      function swapStylesheets(stamp) {
        var links = document.querySelectorAll('link[rel="stylesheet"]');
        for (var i = 0; i < links.length; i++) {
          var url = new URL(links[i].href);
          if (url.origin !== location.origin) { continue; }
          url.searchParams.set("sitegen", stamp);
          links[i].href = url.toString();
        }
      }

      // A full reload keeps the scroll position through sessionStorage.
      function reload() {
        try { sessionStorage.setItem(scrollKey, JSON.stringify({ url: location.href, x: window.scrollX, y: window.scrollY })); } catch (e) {}
        location.reload();
      }
      (function restoreScroll() {
        var saved = null;
        try {
          saved = JSON.parse(sessionStorage.getItem(scrollKey));
          sessionStorage.removeItem(scrollKey);
        } catch (e) {}
        if (!saved || saved.url !== location.href) { return; }
        var restore = function () { window.scrollTo(saved.x, saved.y); };
        restore();
        window.addEventListener("load", restore);
      })();

      // The page as served (head and body, without this script), each node paired with the live one, taken
      // before the page's deferred scripts run. A new build is patched in three ways: what changed from the
      // served page to the new one is done to the live page, so what the page's scripts did (the theme and
      // text size on <html>, button states, listeners) stays. A script in the body may have changed it
      // before the copy: such pages reload.
      var served = null;
      var twins = new WeakMap();
      function pair(copy, live) {
        twins.set(copy, live);
        for (var a = copy.firstChild, b = live.firstChild; a && b; a = a.nextSibling, b = b.nextSibling) { pair(a, b); }
      }
      function snapshot() {
        if (served || !tag || !document.head || !document.body) { return; }
        served = { head: document.head.cloneNode(true), body: document.body.cloneNode(true) };
        pair(served.head, document.head);
        pair(served.body, document.body);
        withoutThisScript(served.body);
        if (hasCode(served.body)) { served = null; }
      }
      function withoutThisScript(root) {
        var own = root.querySelector('script[src="/_sitegen/live.js"]');
        if (own) { own.remove(); }
        return own;
      }
      if (document.readyState === "loading") {
        document.addEventListener("readystatechange", snapshot);
      } else {
        snapshot();
      }

      // A script that ran cannot be patched: removing it does not undo it, and an inserted one would not run.
      function isCode(node) {
        if (node.nodeName !== "SCRIPT") { return false; }
        var type = (node.getAttribute("type") || "").trim().toLowerCase();
        return type === "" || type === "module" || /^(text|application)\/(x-)?(javascript|ecmascript)$/.test(type);
      }
      function hasCode(node) {
        if (node.nodeType !== 1) { return false; }
        if (isCode(node)) { return true; }
        var scripts = node.getElementsByTagName("script");
        for (var i = 0; i < scripts.length; i++) { if (isCode(scripts[i])) { return true; } }
        return false;
      }
      // Elements the page's scripts may have bound when it loaded: a new one would lack its handlers.
      var bindable = 'button, input, select, textarea, a[href^="#"]';
      function needsScripts(node) {
        return node.nodeType === 1 && (hasCode(node) || node.matches(bindable) || node.querySelector(bindable) !== null);
      }
      function twin(copy, parent) {
        var live = twins.get(copy);
        if (!live || live.parentNode !== parent) { throw new Error("sitegen: the page no longer matches its copy"); }
        return live;
      }
      function insert(parent, copyParent, next, before) {
        if (needsScripts(next)) { throw new Error("sitegen: a new element may need the page's scripts"); }
        var copy = next.cloneNode(true);
        var live = document.importNode(next, true);
        copyParent.insertBefore(copy, before);
        parent.insertBefore(live, before ? twin(before, parent) : null);
        pair(copy, live);
      }
      function remove(parent, copy) {
        if (hasCode(copy)) { throw new Error("sitegen: a script went away"); }
        twin(copy, parent).remove();
        copy.remove();
      }
      function patchAttributes(live, copy, next) {
        var i, attribute;
        for (i = 0; i < next.attributes.length; i++) {
          attribute = next.attributes[i];
          if (copy.getAttributeNS(attribute.namespaceURI, attribute.localName) !== attribute.value) {
            live.setAttributeNS(attribute.namespaceURI, attribute.name, attribute.value);
            copy.setAttributeNS(attribute.namespaceURI, attribute.name, attribute.value);
          }
        }
        for (i = copy.attributes.length - 1; i >= 0; i--) {
          attribute = copy.attributes[i];
          if (!next.hasAttributeNS(attribute.namespaceURI, attribute.localName)) {
            live.removeAttributeNS(attribute.namespaceURI, attribute.localName);
            copy.removeAttributeNS(attribute.namespaceURI, attribute.localName);
          }
        }
      }
      // Keeps the unchanged children at both ends, patches the ones between pairwise, then removes or adds the rest.
      function patchChildren(live, copy, next) {
        var old = Array.prototype.slice.call(copy.childNodes);
        var now = Array.prototype.slice.call(next.childNodes);
        var start = 0, oldEnd = old.length, newEnd = now.length;
        while (start < oldEnd && start < newEnd && old[start].isEqualNode(now[start])) { start++; }
        while (oldEnd > start && newEnd > start && old[oldEnd - 1].isEqualNode(now[newEnd - 1])) { oldEnd--; newEnd--; }
        var paired = Math.min(oldEnd, newEnd) - start;
        var i;
        for (i = start; i < start + paired; i++) { patch(twin(old[i], live), old[i], now[i]); }
        for (i = start + paired; i < oldEnd; i++) { remove(live, old[i]); }
        var before = oldEnd < old.length ? old[oldEnd] : null;
        for (i = start + paired; i < newEnd; i++) { insert(live, copy, now[i], before); }
      }
      function patch(live, copy, next) {
        if (copy.isEqualNode(next) || copy.nodeName === "NOSCRIPT") { return; }
        if (copy.nodeType !== next.nodeType || copy.nodeName !== next.nodeName || isCode(copy) || isCode(next)) {
          if (hasCode(copy) || needsScripts(next)) { throw new Error("sitegen: a script or a new element in the change"); }
          var newCopy = next.cloneNode(true);
          var newLive = document.importNode(next, true);
          copy.parentNode.replaceChild(newCopy, copy);
          live.parentNode.replaceChild(newLive, live);
          pair(newCopy, newLive);
          return;
        }
        if (copy.nodeType !== 1) {
          live.data = next.data;
          copy.data = next.data;
          return;
        }
        patchAttributes(live, copy, next);
        patchChildren(live, copy, next);
      }
      // Applies a fetched page; throws when it cannot be done in place.
      function apply(page) {
        var own = withoutThisScript(page.body);
        if (!own || !served) { throw new Error("sitegen: not a page of this server"); }
        var x = window.scrollX, y = window.scrollY;
        ["lang", "dir"].forEach(function (name) {
          var value = page.documentElement.getAttribute(name);
          if (value === null) { document.documentElement.removeAttribute(name); } else { document.documentElement.setAttribute(name, value); }
        });
        patch(document.head, served.head, page.head);
        patch(document.body, served.body, page.body);
        build = own.getAttribute("data-build") || build;
        tag.setAttribute("data-build", build);
        if (window.scrollX !== x || window.scrollY !== y) { window.scrollTo(x, y); }
        document.documentElement.setAttribute("data-sitegen-build", build);
        document.dispatchEvent(new CustomEvent("sitegen:updated", { detail: { build: build } }));
      }
      var updating = false, again = false;
      // Patches the page in place with the new build of it, or reloads it when that cannot be done.
      function update() {
        if (updating) { again = true; return; }
        if (!served || !window.fetch || !window.DOMParser) { reload(); return; }
        updating = true;
        fetch(location.href, { cache: "no-store" }).then(function (response) {
          if (response.redirected || (response.headers.get("Content-Type") || "").indexOf("text/html") !== 0) {
            throw new Error("sitegen: not a page");
          }
          return response.text();
        }).then(function (text) {
          apply(new DOMParser().parseFromString(text, "text/html"));
          updating = false;
          if (again) {
            again = false;
            update();
          }
        }).catch(reload);
      }

      function connect() {
        var source = new EventSource("/_sitegen/events");
        source.addEventListener("hello", function (event) {
          var data = JSON.parse(event.data);
          if (data.build !== build) { update(); }
          if (data.error) { showOverlay(data.error); } else { hideOverlay(); }
        });
        source.addEventListener("reload", function (event) {
          hideOverlay();
          if (JSON.parse(event.data).build !== build) { update(); }
        });
        source.addEventListener("css", function (event) {
          build = JSON.parse(event.data).build;
          hideOverlay();
          swapStylesheets(build);
        });
        source.addEventListener("failure", function (event) { showOverlay(JSON.parse(event.data).error); });
        source.addEventListener("ok", hideOverlay);
        // EventSource reconnects by itself when the server restarts; "hello" then updates the page.
      }
      if (window.EventSource) { connect(); }
    })();

    """#
}
