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
      function connect() {
        var source = new EventSource("/_sitegen/events");
        source.addEventListener("hello", function (event) {
          var data = JSON.parse(event.data);
          if (data.build !== build) { location.reload(); return; }
          if (data.error) { showOverlay(data.error); } else { hideOverlay(); }
        });
        source.addEventListener("reload", function () { location.reload(); });
        source.addEventListener("css", function (event) {
          build = JSON.parse(event.data).build;
          hideOverlay();
          swapStylesheets(build);
        });
        source.addEventListener("failure", function (event) { showOverlay(JSON.parse(event.data).error); });
        source.addEventListener("ok", hideOverlay);
        // EventSource reconnects by itself when the server restarts; "hello" then reloads the page.
      }
      if (window.EventSource) { connect(); }
    })();

    """#
}
