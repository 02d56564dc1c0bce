/// A template parsed into a tree: names split, partials and parents resolved to the templates they name.
public struct Template: Sendable {
    let nodes: [Node]
    /// Whether the template has text of its own outside its tags (not only spaces and line breaks).
    public let hasText: Bool
    /// Every tag, in template order, with its place: what build-time checks read.
    public let tags: [Tag]
    /// Each parent (`{{<base}}`) that holds text or tags outside its blocks, which the specification drops.
    public var ignoredInParents: [Ignored] = []
    /// Whether text or tags follow the last parent of the template's top level, which print after the parent's page.
    public var printsAfterParent = false

    /// Text or a tag in a parent outside its blocks: the parent's tag, and the first such text (or `{{…}}`).
    public struct Ignored: Sendable, Equatable {
        public var line: Int
        public var column: Int
        public var parent: String
        public var example: String
    }
}

/// A tag of a template as written.
public struct Tag: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// `{{name}}`, or `{{{name}}}` and `{{&name}}` when not escaped.
        case variable(escaped: Bool)
        case section, invertedSection, close, partial, parent, block, comment, setDelimiters
    }

    public var kind: Kind
    /// The name as written, without sigil or spaces (`sorted(tags)`, `site.title`, `*dynamic`).
    public var name: String
    /// Line and column of the tag's opening delimiter (both 1-based; columns count characters).
    public var line: Int
    public var column: Int
}

/// A name looked up in the context: `.`, `a.b.c`, or one wrapped in transforms (`sorted(tags)`).
struct Path: Sendable {
    /// Empty for `.` (the current value), and for `first()` (the place in the list being iterated).
    var names: [String]
    /// Applied last to first: `a(b(x))` applies `b`, then `a`.
    var transforms: [String]
    /// `.a.b`: looked up in the current value only.
    var anchored: Bool
    /// `first()` and the like: no name, only a transform of the place in the list being iterated.
    var isPlaceInList: Bool

    init(_ text: String) {
        let (rest, transforms) = Self.unwrapped(text)
        self.transforms = transforms
        anchored = rest.first == "." && rest != "."
        isPlaceInList = rest.isEmpty && !transforms.isEmpty
        names = rest == "." ? [] : rest.split(separator: ".").map(String.init)
    }

    /// The name inside a name's transforms, and the transforms, outermost first: `a(b(x))` is `x`, `[a, b]`.
    static func unwrapped(_ text: String) -> (name: Substring, transforms: [String]) {
        var rest = Substring(text)
        var transforms: [String] = []
        while rest.hasSuffix(")"), let open = rest.firstIndex(of: "(") {
            transforms.append(String(rest[..<open]))
            rest = rest[rest.index(after: open)..<rest.index(before: rest.endIndex)]
        }
        return (rest, transforms)
    }
}

extension Tag {
    /// The name the tag looks up in the context, without its transforms: `tags` in `sorted(tags)`, empty in
    /// `first()`.
    public var lookedUpName: String { String(Path.unwrapped(name).name) }

    /// The transforms the tag applies, outermost first: `[sorted]` in `sorted(tags)`.
    public var transforms: [String] { Path.unwrapped(name).transforms }
}

/// Where a block's lines start: used to move its lines from where it is written to where it is expanded.
struct BlockDefinition: Sendable {
    var nodes: [Node]
    /// The indentation its lines share when its opening tag stands alone on its line, else empty.
    var indentation: String
}

indirect enum Node: Sendable {
    case text(String)
    case variable(Path, escaped: Bool)
    case section(Path, [Node], inverted: Bool)
    /// A partial, the index of its template in the set (nil when none has its name): with its indentation when
    /// it stands alone on its line.
    case partial(Int?, indentation: String?)
    case dynamicPartial(Path, indentation: String?)
    /// `{{$name}}` with its own content. Where it is expanded, an override's lines after the first get
    /// `indentation`, and its first line too when the opening tag stood alone on its line (`standalone`).
    case block(String, BlockDefinition, standalone: Bool, indentation: String)
    /// `{{<name}}…{{/name}}`: the blocks it overrides.
    case parent(Int?, overrides: [String: BlockDefinition], indentation: String?)
}
