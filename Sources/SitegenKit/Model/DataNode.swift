/// A value read from YAML or JSON, with the file position it came from.
///
/// Front matter, `sitegen.yml`, CSL-JSON and CSL-YAML all arrive as this tree, so that one decoder per
/// model type can report problems at the right `path:line:column` whatever the file format.
public struct DataNode: Sendable {
    public indirect enum Value: Sendable {
        /// A scalar as written. `isQuoted` tells a YAML `"true"` from `true`; JSON strings are quoted.
        case scalar(String, isQuoted: Bool)
        case number(Double, text: String)
        /// A boolean, with its text as written (YAML's `True`).
        case bool(Bool, text: String)
        case null
        case list([DataNode])
        case map([(key: String, keyLocation: SourceLocation, value: DataNode)])
    }

    public var value: Value
    public var location: SourceLocation

    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }

    /// The entries of a map, or nil.
    public var entries: [(key: String, keyLocation: SourceLocation, value: DataNode)]? {
        if case .map(let entries) = value { return entries }
        return nil
    }

    /// The items of a list, or nil.
    public var items: [DataNode]? {
        if case .list(let items) = value { return items }
        return nil
    }

    /// The value of a map entry.
    public subscript(key: String) -> DataNode? {
        entries?.first { $0.key == key }?.value
    }

    /// A scalar's text (strings, numbers and booleans as written), or nil for lists, maps and null.
    public var text: String? {
        switch value {
        case .scalar(let text, _): return text
        case .number(_, let text): return text
        case .bool(_, let text): return text
        case .null, .list, .map: return nil
        }
    }

    public var isNull: Bool {
        if case .null = value { return true }
        return false
    }

    /// A short name of the kind of value, for messages.
    public var kindName: String {
        switch value {
        case .scalar: return "a string"
        case .number: return "a number"
        case .bool: return "a boolean"
        case .null: return "null"
        case .list: return "a list"
        case .map: return "a mapping"
        }
    }
}
