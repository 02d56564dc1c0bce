import MustacheEngine

/// The compiled templates of a site: the built-in ones, replaced by name by `Templates/*.mustache`, each parsed
/// once per build by our Mustache engine.
struct TemplateLibrary: Sendable {
    private let set: TemplateSet
    let names: Set<String>

    /// Every problem found in a site's templates, in file order.
    struct Problems: Error {
        var diagnostics: [Diagnostic]
    }

    /// - Parameter siteTemplates: template name, site-relative path and text of each site template.
    init(siteTemplates: [(name: String, source: SourceText)]) throws(Problems) {
        let sources = BuiltinTemplates.all.sorted { $0.key < $1.key }.map { (name: $0.key, text: $0.value) }
            + siteTemplates.map { (name: $0.name, text: $0.source.text) }
        let sourceByName = Dictionary(siteTemplates.map { ($0.name, $0.source) }) { first, _ in first }
        func location(_ name: String, line: Int, column: Int) -> SourceLocation {
            sourceByName[name]?.location(line: line, column: column) ?? SourceLocation(path: "<built-in>/\(name).mustache", line: line, column: column)
        }
        let set: TemplateSet
        do {
            set = try TemplateSet(sources)
        } catch {
            throw Problems(diagnostics: error.errors.map { .error(at: location($0.name, line: $0.error.line, column: $0.error.column), "template error: \($0.error.message)") })
        }
        let names = Set(set.names)
        var problems: [Diagnostic] = []
        for (name, _) in siteTemplates {
            guard let template = set[name] else { continue }
            problems += Self.unknownTemplates(in: template, known: names) { location(name, line: $0, column: $1) }
        }
        if !problems.isEmpty { throw Problems(diagnostics: problems) }
        self.set = set
        self.names = names
    }

    /// Renders a context with the named template, or nil when there is no such template.
    func render(_ context: TemplateObject, template name: String) -> String? {
        set.render(name, .object(context))
    }

    /// The names of the templates a site template includes as partials or parents.
    static func includedNames(_ text: String) -> Set<String> {
        guard let template = try? TemplateSet([(name: "", text: text)])[""] else { return [] }
        return Set(template.tags.filter { $0.kind == .partial || $0.kind == .parent }.map(\.name))
    }

    /// Whether a template has text of its own outside its tags (not only spaces and line breaks).
    static func hasText(_ text: String) -> Bool {
        (try? TemplateSet([(name: "", text: text)])[""]?.hasText) ?? true
    }

    /// Partials and parents that name no template: the Mustache specification renders them as nothing, which
    /// would publish a page without a word.
    private static func unknownTemplates(in template: Template, known: Set<String>, at location: (Int, Int) -> SourceLocation) -> [Diagnostic] {
        template.tags.filter { ($0.kind == .partial || $0.kind == .parent) && !$0.name.hasPrefix("*") && !known.contains($0.name) }.map { tag in
            var message = "template error: no template named '\(tag.name)'"
            if let near = Suggestion.nearest(to: tag.name, among: known) { message += "; did you mean '\(near)'?" }
            return .error(at: location(tag.line, tag.column), message + " (add Templates/\(tag.name).mustache to make one)")
        }
    }
}
