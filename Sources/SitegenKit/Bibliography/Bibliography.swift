/// A set of references by key, read from one or more files.
public struct Bibliography: Sendable {
    public private(set) var references: [String: Reference] = [:]

    public init() {}

    /// Adds references, reporting a key that is already present as an error naming both places.
    public mutating func add(_ newReferences: [Reference], diagnostics: inout [Diagnostic]) {
        for reference in newReferences {
            if let existing = references[reference.id] {
                diagnostics.append(
                    .error(at: reference.location, "duplicate bibliography key '\(reference.id)' (also defined at \(existing.location))"))
            } else {
                references[reference.id] = reference
            }
        }
    }

    public subscript(key: String) -> Reference? { references[key] }

    public var isEmpty: Bool { references.isEmpty }
}

/// Reads a bibliography file of any supported format.
public struct BibliographyReader: Sendable {
    public init() {}

    public static let extensions: Set = ["bib", "bibtex", "json", "yaml", "yml"]

    /// - Parameter source: the file's text; its path's extension picks the format.
    public func read(_ source: SourceText) throws(Diagnostic) -> [Reference] {
        let ext = source.path.split(separator: ".").last.map { $0.lowercased() } ?? ""
        switch ext {
        case "bib", "bibtex":
            return try BibTeXReader().read(source)
        case "json":
            return try items(JSONReader().read(source), source: source)
        case "yaml", "yml":
            guard let root = try YAMLReader().read(source) else { return [] }
            // CSL-YAML files hold either a list of items or a mapping with `references:`.
            return try items(root["references"] ?? root, source: source)
        default:
            throw Diagnostic.error(at: source.start, "unsupported bibliography format '.\(ext)' (use .bib, .json or .yaml)")
        }
    }

    /// Decodes a list of CSL items.
    public func items(_ root: DataNode, source: SourceText) throws(Diagnostic) -> [Reference] {
        guard let list = root.items else {
            throw Diagnostic.error(at: root.location, "a CSL bibliography must be a list of items, not \(root.kindName)")
        }
        var references: [Reference] = []
        for item in list { references.append(try CSLItemDecoder().decode(item)) }
        return references
    }
}
