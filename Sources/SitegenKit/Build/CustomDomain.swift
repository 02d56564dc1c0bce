import Foundation

/// GitHub Pages' `CNAME`: the one host name that a site published from a branch is served at, at its root. A site
/// deployed by a GitHub Actions workflow (`actions/deploy-pages`, as the shipped workflows do) has its domain set in
/// the repository's Settings → Pages instead, and the file is ignored there: `configure-pages` gives the build that
/// domain's address, which the workflows pass as `--base-url`.
enum CustomDomain {
    /// The advice for a deploy by GitHub Actions, which ignores the file.
    static let actionsAdvice = "a GitHub Actions deploy (actions/deploy-pages, as in sitegen's workflows) ignores this file: remove it, and set the domain"
        + " in the repository's Settings → Pages, whose address configure-pages passes to --base-url"

    /// The warning for a `CNAME` that is published at the output's root, with a base URL that is not the host's root.
    /// - Parameters:
    ///   - text: the file's text.
    ///   - path: its site-relative path (`Public/CNAME`).
    ///   - settings: the settings in force, their base URL absolute and no placeholder.
    ///   - isOption: whether the base URL is `--base-url`'s rather than `sitegen.yml`'s.
    static func warnings(_ text: String, at path: String, settings: SiteSettings, isOption: Bool) -> [Diagnostic] {
        let written = text.trimmingWhitespace
        guard !written.isEmpty, !written.contains(where: \.isWhitespace) else { return [] }
        let scheme = settings.baseURL.hasPrefix("http://") ? "http" : "https"
        let served = "\(scheme)://\(written.lowercased())/"
        guard settings.baseURL.lowercased() != served else { return [] }
        let fix = isOption ? "build with --base-url \(served)" : "set baseURL: \(served)"
        return [
            .warning(at: .file(path),
                "GitHub Pages publishing from a branch serves the site at this CNAME's \(served), but \(isOption ? "--base-url" : "its baseURL") is"
                    + " \(settings.baseURL), so every link and address of the pages would lead there instead: \(fix); \(actionsAdvice)")
        ]
    }
}
