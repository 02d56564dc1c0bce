/// A value in a template's context: a closed set of cases, so that rendering never asks a value what it is
/// beyond one `switch`.
public enum TemplateValue: Sendable {
    /// A key that is there without a value. Looking its name up finds it, so the lookup stops there instead of
    /// going on to an outer context that has the same name; it renders as nothing and is false in sections.
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    /// Text, escaped by `{{name}}` and written as it is by `{{{name}}}`.
    case text(String)
    case list([TemplateValue])
    case object(TemplateObject)

    /// A key from a Swift value: nil becomes ``null``.
    public static func text(_ value: String?) -> TemplateValue {
        value.map(TemplateValue.text) ?? .null
    }

    public static func texts(_ values: [String]) -> TemplateValue {
        .list(values.map(TemplateValue.text))
    }

    /// The value of a key of an object, or nil for any other value or a missing key.
    public subscript(key: String) -> TemplateValue? {
        if case .object(let values) = self { return values[key] }
        return nil
    }

    /// How `{{name}}` writes a value: lists and objects write nothing.
    var renderedText: String {
        switch self {
        case .null, .list, .object: ""
        case .bool(let flag): flag ? "true" : "false"
        case .int(let number): String(number)
        case .double(let number): String(describing: number)
        case .text(let text): text
        }
    }

    /// The name of every transform ``transformed(by:)`` knows.
    public static let transformNames: [String] = [
        "empty", "uppercased", "lowercased", "capitalized", "reversed", "first", "last", "count", "sorted", "plusone", "minusone", "even",
        "odd", "equalzero",
    ]

    /// The transforms of `{{name(value)}}`: `uppercased`, `lowercased`, `capitalized`, `reversed` and `empty`
    /// on text; `first`, `last`, `count`, `empty`, `reversed` and `sorted` on lists; `count` and `empty` on
    /// objects; `plusone`, `minusone`, `even`, `odd` and `equalzero` on integers. Nil for any other.
    func transformed(by name: String) -> TemplateValue? {
        switch self {
        case .text(let text):
            switch name {
            case "empty": return .bool(text.isEmpty)
            case "uppercased": return .text(text.uppercased())
            case "lowercased": return .text(text.lowercased())
            case "capitalized": return .text(Self.capitalized(text))
            case "reversed": return .text(String(text.reversed()))
            default: return nil
            }
        case .list(let items):
            switch name {
            case "first": return items.first
            case "last": return items.last
            case "count": return .int(items.count)
            case "empty": return .bool(items.isEmpty)
            case "reversed": return .list(items.reversed())
            case "sorted": return Self.sorted(items).map(TemplateValue.list)
            default: return nil
            }
        case .object(let values):
            switch name {
            case "count": return .int(values.count)
            case "empty": return .bool(values.isEmpty)
            default: return nil
            }
        case .int(let number):
            switch name {
            case "plusone": return .int(number &+ 1)
            case "minusone": return .int(number &- 1)
            case "even": return .bool(number & 1 == 0)
            case "odd": return .bool(number & 1 == 1)
            case "equalzero": return .bool(number == 0)
            default: return nil
            }
        case .null, .bool, .double:
            return nil
        }
    }

    /// A list of texts or of numbers in ascending order; nil for a list that mixes kinds or holds others.
    private static func sorted(_ items: [TemplateValue]) -> [TemplateValue]? {
        var texts: [String] = [], ints: [Int] = [], doubles: [Double] = []
        for item in items {
            switch item {
            case .text(let text): texts.append(text)
            case .int(let number): ints.append(number)
            case .double(let number): doubles.append(number)
            default: return nil
            }
        }
        if texts.count == items.count { return texts.sorted().map(TemplateValue.text) }
        if ints.count == items.count { return ints.sorted().map(TemplateValue.int) }
        if doubles.count == items.count { return doubles.sorted().map(TemplateValue.double) }
        return nil
    }

    /// Each word's first letter in upper case and the rest in lower case, as Foundation's `capitalized` does: a
    /// word starts after any character that is not a letter, digit, mark or apostrophe.
    private static func capitalized(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var startsWord = true
        for character in text {
            let isWordCharacter =
                character.isLetter || character.isNumber || character == "'" || character == "\u{2019}"
                || character.unicodeScalars.first?.properties.generalCategory == .nonspacingMark
            if isWordCharacter {
                result += startsWord ? character.uppercased() : character.lowercased()
                startsWord = false
            } else {
                result.append(character)
                startsWord = true
            }
        }
        return result
    }
}

/// The keys and values of an object, in the order they were set. A page's context has a few dozen keys with short
/// names: a scan that compares them is cheaper than hashing each name, both to build the context and to look up.
public struct TemplateObject: Sendable, ExpressibleByDictionaryLiteral {
    public private(set) var keys: [String] = []
    private var values: [TemplateValue] = []

    public init() {}

    /// Keys in a literal are distinct (as in a `Dictionary` literal): they are kept in order without a search.
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        keys.reserveCapacity(elements.count)
        values.reserveCapacity(elements.count)
        for (key, value) in elements {
            assert(!keys.contains(key), "duplicate key '\(key)' in a template object literal")
            keys.append(key)
            values.append(value)
        }
    }

    /// An object of distinct `keys` (one array, which objects of the same shape can share) and their `values`.
    public init(keys: [String], values: [TemplateValue]) {
        precondition(keys.count == values.count, "\(keys.count) keys for \(values.count) values")
        assert(Set(keys).count == keys.count, "duplicate keys in a template object")
        self.keys = keys
        self.values = values
    }

    public init(_ dictionary: [String: TemplateValue]) {
        keys.reserveCapacity(dictionary.count)
        values.reserveCapacity(dictionary.count)
        for (key, value) in dictionary {
            keys.append(key)
            values.append(value)
        }
    }

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }

    public subscript(key: String) -> TemplateValue? {
        get { index(of: key).map { values[$0] } }
        set {
            if let index = index(of: key) {
                if let newValue {
                    values[index] = newValue
                } else {
                    keys.remove(at: index)
                    values.remove(at: index)
                }
            } else if let newValue {
                keys.append(key)
                values.append(newValue)
            }
        }
    }

    /// Where a key is: its length in bytes compared first, which tells most keys apart without comparing their text
    /// (every tag of a page looks its name up, in each object of the context stack until one has it).
    private func index(of key: String) -> Int? {
        let length = key.utf8.count
        for index in keys.indices where keys[index].utf8.count == length && keys[index] == key { return index }
        return nil
    }

    /// Sets every key of another object, replacing the values of keys this one has.
    public mutating func merge(_ other: TemplateObject) {
        for (key, value) in zip(other.keys, other.values) { self[key] = value }
    }
}
