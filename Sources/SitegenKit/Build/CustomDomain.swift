import Foundation

/// GitHub Pages' `CNAME`: the one host name that a site published from a branch is served at, at its root. A site
/// deployed by a GitHub Actions workflow (`actions/deploy-pages`, as the shipped workflows do) has its domain set in
/// the repository's Settings → Pages instead, and the file is ignored there: `configure-pages` gives the build that
/// domain's address, which the workflows pass as `--base-url`.
enum CustomDomain {
    /// The advice for a deploy by GitHub Actions, which ignores the file.
    static let actionsAdvice = "a GitHub Actions deploy (actions/deploy-pages, as in sitegen's workflows) ignores this file: remove it, and set the domain"
        + " in the repository's Settings → Pages, whose address configure-pages passes to --base-url"

    /// The warnings for a `CNAME` that is published at the output's root: a host written with more than the host
    /// (`https://answers.example.com/`, a port), a wildcard, and a base URL that is not the host's root.
    /// - Parameters:
    ///   - text: the file's text.
    ///   - path: its site-relative path (`Public/CNAME`, or `Content/CNAME`, which is published there too).
    ///   - settings: the settings in force, their base URL absolute and no placeholder.
    ///   - isOption: whether the base URL is `--base-url`'s rather than `sitegen.yml`'s.
    static func warnings(_ text: String, at path: String, settings: SiteSettings, isOption: Bool) -> [Diagnostic] {
        let written = text.trimmingWhitespace
        guard !written.isEmpty else { return [] }
        let location = SourceLocation.file(path)
        if let first = written.split(whereSeparator: \.isWhitespace).first, first.count < written.count {
            return [.warning(at: location, "GitHub Pages reads one host name from a CNAME, and this one holds more: keep only the host the site is served at (\(first))")]
        }
        // What a browser's address bar shows, copied whole: the host is what is left without the scheme, path and port.
        var host = Substring(written)
        if let scheme = host.range(of: "://") { host = host[scheme.upperBound...] }
        host = host.prefix { $0 != "/" }
        if let colon = host.lastIndex(of: ":"), host[host.index(after: colon)...].allSatisfy(\.isNumber) { host = host[..<colon] }
        // (A name's final dot, `answers.example.org.`, as DNS records write it.)
        if host.hasSuffix(".") { host = host.dropLast() }
        if host != written, !host.isEmpty {
            return [.warning(at: location, "this CNAME holds '\(written)', but the file holds only the host name, without a scheme, path, port or final dot: write \(host)")]
        }
        if written.contains("*") {
            let meant = written.hasPrefix("*.") ? "www" + written.dropFirst() : "www.example.com"
            return [.warning(at: location, "GitHub Pages serves one host name, not a wildcard ('\(written)'): write the host the site is served at, such as \(meant)")]
        }
        // The base URL holds a name beyond ASCII as browsers send it (`bücher.example`: `xn--bcher-kva.example`).
        let scheme = settings.baseURL.hasPrefix("http://") ? "http" : "https"
        let served = "\(scheme)://\(written.lowercased())/"
        guard settings.baseURL.lowercased() != "\(scheme)://\(Punycode.asciiHost(written))/" else { return [] }
        let fix = isOption ? "build with --base-url \(served)" : "set baseURL: \(served)"
        return [
            .warning(at: location,
                "GitHub Pages publishing from a branch serves the site at this CNAME's \(served), but \(isOption ? "--base-url" : "its baseURL") is"
                    + " \(settings.baseURL), so every link and address of the pages would lead there instead: \(fix); \(actionsAdvice)")
        ]
    }

    /// The warning for a `CNAME` beside `sitegen.yml` (where a branch published as it is, or Jekyll, keeps it), which is
    /// not published: only the files of `Public/` are copied to the site's root as they are.
    static func unpublishedWarning(at path: String) -> Diagnostic {
        .warning(at: .file(path),
            "this file is not published: files published as they are go in \(SiteLayout.public)/, so GitHub Pages publishing from a branch"
                + " would not find this CNAME at the site's root: move it to \(SiteLayout.public)/CNAME to publish from a branch; \(actionsAdvice)")
    }
}
