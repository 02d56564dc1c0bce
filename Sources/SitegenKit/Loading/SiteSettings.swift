import Foundation

/// The settings of `sitegen.yml`.
public struct SiteSettings: Sendable {
    public var title = "Evidence-based answers"
    /// The absolute URL the site is published at, ending in `/` (`https://example.org/` or `https://user.github.io/repo/`).
    public var baseURL = "/"
    public var language = "en"
    public var description = ""
    /// Whether raw HTML in Markdown is kept (`markdown: {unsafe: true}`).
    public var allowsRawHTML = false
    /// Every key of the file, for templates.
    public var values: [String: DataNode] = [:]

    public init() {}

    /// The path part of the base URL (`/` or `/repo/`): the prefix of every internal link.
    public var basePath: String {
        var rest = Substring(baseURL)
        if let scheme = rest.range(of: "://") {
            rest = rest[scheme.upperBound...]
            rest = rest.firstIndex(of: "/").map { rest[$0...] } ?? "/"
        }
        var path = String(rest)
        if !path.hasPrefix("/") { path = "/" + path }
        if !path.hasSuffix("/") { path += "/" }
        return path
    }

    /// The absolute URL of a site path such as `a/b/`, or the base-path-relative URL when no absolute base is set.
    public func absoluteURL(_ path: String) -> String {
        var base = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        if !base.contains("://") { base = basePath }
        return base + path
    }
}

/// A site's ``SiteSettings/basePath`` and absolute base, worked out once for the many links of a build.
struct SiteAddresses: Sendable {
    let basePath: String
    private let absoluteBase: String

    init(_ settings: SiteSettings) {
        basePath = settings.basePath
        absoluteBase = settings.absoluteURL("")
    }

    /// As ``SiteSettings/absoluteURL(_:)``.
    func absoluteURL(_ path: String) -> String { absoluteBase + path }
}

/// Reads and validates `sitegen.yml`.
public struct SiteSettingsLoader: Sendable {
    public init() {}

    /// - Parameter source: the file's text, or nil when the site has no `sitegen.yml`.
    public func load(_ source: SourceText?) -> (SiteSettings, [Diagnostic]) {
        var settings = SiteSettings()
        guard let source else { return (settings, []) }
        let root: DataNode?
        do {
            root = try YAMLReader().read(source)
        } catch {
            return (settings, [error])
        }
        guard let root else { return (settings, []) }
        guard let entries = root.entries else {
            return (settings, [.error(at: root.location, "sitegen.yml must be a mapping of settings, not \(root.kindName)")])
        }
        var diagnostics: [Diagnostic] = []
        func text(_ node: DataNode, _ key: String) -> String? {
            if case .scalar(let value, _) = node.value { return value }
            diagnostics.append(.error(at: node.location, "'\(key)' must be a string, not \(node.kindName)"))
            return nil
        }
        for (key, _, node) in entries {
            settings.values[key] = node
            switch key {
            case "title": if let value = text(node, key) { settings.title = value }
            case "description": if let value = text(node, key) { settings.description = value }
            case "language": if let value = text(node, key) { settings.language = value }
            case "baseURL", "base_url", "baseUrl":
                guard let value = text(node, key) else { break }
                if Self.isValidBaseURL(value) {
                    settings.baseURL = value.hasSuffix("/") ? value : value + "/"
                } else {
                    diagnostics.append(.error(at: node.location, "'\(key)' must be an http(s) URL or a path starting with '/', not '\(value)'"))
                }
            case "markdown":
                guard let entries = node.entries else {
                    diagnostics.append(.error(at: node.location, "'markdown' must be a mapping such as {unsafe: true}"))
                    break
                }
                for (option, optionLocation, value) in entries {
                    if option == "unsafe", case .bool(let flag) = value.value {
                        settings.allowsRawHTML = flag
                    } else if option == "unsafe" {
                        diagnostics.append(.error(at: value.location, "'markdown.unsafe' must be true or false"))
                    } else {
                        diagnostics.append(.error(at: optionLocation, "unknown markdown option '\(option)'"))
                    }
                }
            default: break
            }
        }
        return (settings, diagnostics)
    }

    static func isValidBaseURL(_ value: String) -> Bool {
        if value.hasPrefix("/") { return !value.contains(" ") }
        guard value.hasPrefix("https://") || value.hasPrefix("http://") else { return false }
        let host = value.split(separator: "/").dropFirst().first ?? ""
        return !host.isEmpty && !value.contains(" ")
    }
}
