import Mustache

/// The compiled templates of a site: the built-in ones, replaced by name by `Templates/*.mustache`.
struct TemplateLibrary: Sendable {
    private let library: MustacheLibrary
    let names: Set<String>

    /// Every template starts with this pragma, so that `{{value}}` is escaped by `HTMLEscaping` (byte-wise, and
    /// so also a quote followed by a combining mark) rather than by swift-mustache's per-character default.
    private static let pragma: String = {
        MustacheContentTypes.register(EscapedHTML(), named: "SITEGEN_HTML")
        return "{{% CONTENT_TYPE: SITEGEN_HTML}}"
    }()

    private struct EscapedHTML: MustacheContentType {
        func escapeText(_ text: String) -> String { HTMLEscaping.escape(text) }
    }

    /// Every problem found in a site's templates, in file order.
    struct Problems: Error {
        var diagnostics: [Diagnostic]
    }

    /// - Parameter siteTemplates: template name, site-relative path and text of each site template.
    init(siteTemplates: [(name: String, source: SourceText)]) throws(Problems) {
        let pragma = Self.pragma
        var library = MustacheLibrary()
        var names = Set<String>()
        for (name, text) in BuiltinTemplates.all {
            do {
                library.register(try MustacheTemplate(string: pragma + text), named: name)
            } catch {
                throw Problems(diagnostics: [.error(at: SourceLocation(path: "<built-in>/\(name).mustache", line: 1, column: 1), "\(error)")])
            }
            names.insert(name)
        }
        let known = names.union(siteTemplates.map(\.name))
        var problems: [Diagnostic] = []
        for (name, source) in siteTemplates {
            // Our own reading first: it says which name a section expected and suggests template names.
            let found = TemplateTags(source.text).problems(known: known) { source.location(line: $0, column: $1) }
            guard found.isEmpty else {
                problems += found
                continue
            }
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
        if !problems.isEmpty { throw Problems(diagnostics: problems) }
        self.library = library
        self.names = names
    }

    /// Renders a context with the named template, or nil when there is no such template.
    func render(_ context: [String: Any], template name: String) -> String? {
        library.render(Self.templateValues(context), withTemplate: name)
    }

    /// Renders a context whose strings are already ``TemplateText``s (as ``templateValues(_:)`` makes them).
    func render(ready context: [String: Any], template name: String) -> String? {
        library.render(context, withTemplate: name)
    }

    /// The context with every string as a ``TemplateText``. swift-mustache renders a `String` through a chain of
    /// failing dynamic casts and `String(describing:)`; a value that says it is custom-renderable is rendered by
    /// the second cast. This made the build of 10,000 articles spend about 11 % less CPU.
    static func templateValues(_ context: [String: Any]) -> [String: Any] {
        context.mapValues(templateValue)
    }

    static func templateValue(_ value: Any) -> Any {
        switch value {
        case let text as String: return TemplateText(text)
        // Typed arrays stay typed: `sorted(tags)` needs comparable elements.
        case let texts as [String]: return texts.map(TemplateText.init)
        case let map as [String: Any]: return templateValues(map)
        case let maps as [[String: Any]]: return maps.map(templateValues)
        case let values as [Any]: return values.map(templateValue)
        default: return value
        }
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

/// A string in a template context: rendered as itself (escaped unless in triple braces), with no children,
/// and with swift-mustache's string transforms (`uppercased(title)`, `sorted(tags)` …).
struct TemplateText: MustacheCustomRenderable, MustacheParent, MustacheTransformable, Comparable, CustomStringConvertible,
    CustomDebugStringConvertible
{
    let text: String

    init(_ text: String) { self.text = text }

    var renderText: String { text }
    var isNull: Bool { false }
    var description: String { text }
    /// Inside a printed list or map (`{{.}}` on one), quoted as a `String` is.
    var debugDescription: String { text.debugDescription }
    /// Like a `String`: looking a name up in it finds nothing, and the lookup goes on down the context stack.
    func child(named: String) -> Any? { nil }
    func transform(_ name: String) -> Any? { text.transform(name) }
    static func < (lhs: Self, rhs: Self) -> Bool { lhs.text < rhs.text }
}

/// A key a context holds without a value. Looking the name up finds it, so the lookup stops there instead of going
/// on down the context stack to an outer value of the same name; it then renders as a missing key does (nothing,
/// and `{{^name}}` sections).
struct TemplateNull: MustacheCustomRepresentation {
    var representation: Any? { nil }
}
