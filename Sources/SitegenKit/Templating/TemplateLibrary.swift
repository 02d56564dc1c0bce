import Mustache

/// The compiled templates of a site: the built-in ones, replaced by name by `Templates/*.mustache`.
public struct TemplateLibrary: Sendable {
    private let library: MustacheLibrary
    public let names: Set<String>

    /// Every template starts with this pragma, so that `{{value}}` is escaped by `HTMLEscaping` (byte-wise, and
    /// so also a quote followed by a combining mark) rather than by swift-mustache's per-character default.
    private static let pragma: String = {
        MustacheContentTypes.register(EscapedHTML(), named: "SITEGEN_HTML")
        return "{{% CONTENT_TYPE: SITEGEN_HTML}}"
    }()

    private struct EscapedHTML: MustacheContentType {
        func escapeText(_ text: String) -> String { HTMLEscaping.escape(text) }
    }

    /// - Parameter siteTemplates: template name, site-relative path and text of each site template.
    public init(siteTemplates: [(name: String, source: SourceText)]) throws(Diagnostic) {
        let pragma = Self.pragma
        var library = MustacheLibrary()
        var names = Set<String>()
        for (name, text) in BuiltinTemplates.all {
            do {
                library.register(try MustacheTemplate(string: pragma + text), named: name)
            } catch {
                throw Diagnostic.error(at: SourceLocation(path: "<built-in>/\(name).mustache", line: 1, column: 1), "\(error)")
            }
            names.insert(name)
        }
        var problems: [Diagnostic] = []
        for (name, source) in siteTemplates {
            do {
                library.register(try MustacheTemplate(string: pragma + source.text), named: name)
                names.insert(name)
            } catch let error as MustacheTemplate.ParserError {
                problems.append(
                    .error(
                        at: source.location(
                            line: error.context.lineNumber,
                            column: error.context.columnNumber - (error.context.lineNumber == 1 ? pragma.count : 0)),
                        "template error: \(Self.describe(error.error))"))
            } catch {
                problems.append(.error(at: source.start, "template error: \(error)"))
            }
        }
        if let first = problems.first { throw first }
        self.library = library
        self.names = names
    }

    /// Renders a context with the named template, or nil when there is no such template.
    public func render(_ context: [String: Any], template name: String) -> String? {
        library.render(context, withTemplate: name)
    }

    private static func describe(_ error: any Error) -> String {
        guard let error = error as? MustacheTemplate.Error else { return "\(error)" }
        switch error {
        case .sectionCloseNameIncorrect: return "a section is closed with a name that does not match its opening tag"
        case .unfinishedName: return "a tag is not closed"
        case .expectedSectionEnd: return "a section is not closed"
        case .invalidSetDelimiter: return "invalid set-delimiter tag"
        case .transformAppliedToInheritanceSection: return "a transform cannot apply to an inheritance section"
        case .illegalTokenInsideInheritSection: return "only blocks may appear inside an inheritance section"
        case .textInsideInheritSection: return "text is not allowed inside an inheritance section"
        case .invalidConfigVariableSyntax: return "invalid configuration variable"
        case .unrecognisedConfigVariable: return "unknown configuration variable"
        @unknown default: return "\(error)"
        }
    }
}
