/// Templates that may include each other, each parsed once; partials and parents are resolved by name when the
/// set is made.
public struct TemplateSet: Sendable {
    private let templates: [Template]
    private let indexByName: [String: Int]
    /// The templates as the renderer reads them.
    private let program: Program

    /// Every template that failed to parse, by name; and the others, parsed, which may be checked for more.
    public struct Problems: Error, Sendable {
        public var errors: [(name: String, error: TemplateError)]
        public var parsed: [String: Template] = [:]
    }

    /// - Parameter sources: the name and text of each template; a later one replaces an earlier of the same name.
    public init(_ sources: [(name: String, text: String)]) throws(Problems) {
        var indexByName: [String: Int] = [:]
        var texts: [String] = []
        for (name, text) in sources {
            if let index = indexByName[name] {
                texts[index] = text
            } else {
                indexByName[name] = texts.count
                texts.append(text)
            }
        }
        var templates: [Template] = []
        var errors: [(name: String, error: TemplateError)] = []
        let names = indexByName.sorted { $0.value < $1.value }.map(\.key)
        for (index, text) in texts.enumerated() {
            do {
                templates.append(try TemplateParser(text) { indexByName[$0] }.parse())
            } catch {
                errors.append((names[index], error))
                templates.append(Template(nodes: [], hasText: false, tags: []))
            }
        }
        if !errors.isEmpty {
            let failed = Set(errors.map(\.name))
            throw Problems(errors: errors, parsed: Dictionary(uniqueKeysWithValues: zip(names, templates).filter { !failed.contains($0.0) }))
        }
        self.templates = templates
        self.indexByName = indexByName
        program = Program(templates)
    }

    private init(templates: [Template], indexByName: [String: Int], program: Program) {
        self.templates = templates
        self.indexByName = indexByName
        self.program = program
    }

    /// The set with the values of `constants` read once, now, in the templates `names` names, not on each page: there a
    /// tag whose name starts with a key of `constants` (`{{words.mode}}`) writes its value's text, and a section over
    /// one that is true, false or missing (`{{#words.en.mode}}`) its content or nothing; a section over a list, an
    /// object or text, and a name with transforms, are looked up on each page as before.
    ///
    /// Only for values every context holds at its bottom, in templates no section of which can hold one of those
    /// keys (nor any section around a place they are included at): there a page would find the same value.
    public func readingConstants(_ constants: TemplateObject, in names: Set<String>) -> TemplateSet {
        let indexes = Set(names.compactMap { indexByName[$0] })
        return TemplateSet(templates: templates, indexByName: indexByName, program: Program(templates, constants: constants, in: indexes))
    }

    public var names: some Collection<String> { indexByName.keys }

    public subscript(name: String) -> Template? {
        indexByName[name].map { templates[$0] }
    }

    /// Renders a context with the named template, or nil when there is no such template.
    public func render(_ name: String, _ context: TemplateValue) -> String? {
        renderUTF8(name, context).map { String(decoding: $0, as: UTF8.self) }
    }

    /// ``render(_:_:)``'s text as its UTF-8 bytes, for a page written as it is: the bytes come from strings and
    /// the template's text, so they are UTF-8 already, and making a `String` of them would check them all again.
    public func renderUTF8(_ name: String, _ context: TemplateValue) -> [UInt8]? {
        guard let index = indexByName[name] else { return nil }
        return program.text.withUnsafeBufferPointer { text in
            program.paths.withUnsafeBufferPointer { paths in
                var renderer = Renderer(program: program, text: text, paths: paths, indexByName: indexByName, context: context)
                renderer.render(program.templates[index], overrides: [])
                return renderer.output
            }
        }
    }
}

/// The set's templates as the renderer reads them: each template's nodes as ``Op``s, whose text and names are kept
/// here, in one array each, so that reading an op copies no reference (a page reads hundreds, and each reference
/// copied would be counted and then released).
private struct Program: Sendable {
    /// Each template's ops, by the template's index in the set.
    private(set) var templates: [[Op]] = []
    /// The text of every `.text` op, one after the other.
    private(set) var text: [UInt8] = []
    /// The names the ops look up.
    private(set) var paths: [Path] = []

    /// Values read when the program is made (``TemplateSet/readingConstants(_:in:)``), in the templates whose
    /// indexes `constantsIn` holds; empty while a template is compiled in which they are not.
    private var constants = TemplateObject()

    init(_ templates: [Template], constants: TemplateObject = [:], in constantsIn: Set<Int> = []) {
        for (index, template) in templates.enumerated() {
            self.constants = constantsIn.contains(index) ? constants : [:]
            let ops = compiled(template.nodes)
            self.templates.append(ops)
        }
        self.constants = [:]
    }

    /// The value a path names among ``constants``: `.some(nil)` for a name inside one that it does not hold (a page
    /// finds nothing either), nil for a path that is not a constant's.
    private func constant(_ path: Path) -> TemplateValue?? {
        guard !constants.isEmpty, !path.anchored, path.transforms.isEmpty, let first = path.names.first, let value = constants[first] else { return nil }
        var found: TemplateValue? = value
        for name in path.names.dropFirst() {
            guard case .object(let values) = found else { return .some(nil) }
            found = values[name]
        }
        return .some(found)
    }

    /// Whether a section over a value shows its content, when the value is one that is not pushed on the context: true,
    /// false, null or missing; nil for any other.
    private static func shows(_ value: TemplateValue?, inverted: Bool) -> Bool? {
        switch value {
        case .bool(let flag): flag != inverted
        case .null, nil: inverted
        case .int, .double, .text, .list, .object: nil
        }
    }

    private mutating func compiled(_ nodes: [Node]) -> [Op] {
        var ops: [Op] = []
        ops.reserveCapacity(nodes.count)
        for node in nodes {
            switch node {
            case .text(let string):
                ops.append(.text(start: Int32(text.count), count: Int32(string.utf8.count)))
                text += string.utf8
            case .variable(let path, let escaped):
                if let value = constant(path) {
                    var bytes: [UInt8] = []
                    let rendered = value?.renderedText ?? ""
                    if escaped { Renderer.appendEscaped(rendered, to: &bytes) } else { Renderer.append(rendered, to: &bytes) }
                    ops.append(.constant(start: Int32(text.count), count: Int32(bytes.count)))
                    text += bytes
                } else {
                    ops.append(.variable(path: pathIndex(path), escaped: escaped))
                }
            case .section(let path, let children, let inverted):
                let value = constant(path)
                if let value, let shows = Self.shows(value, inverted: inverted) {
                    ops.append(.shown(shows ? compiled(children) : []))
                } else {
                    // A constant list, object or text is pushed on the context, where its own keys may hide a constant's name.
                    let saved = constants
                    if value != nil { constants = [:] }
                    ops.append(.section(path: pathIndex(path), compiled(children), inverted: inverted))
                    constants = saved
                }
            case .partial(let index, let indentation):
                ops.append(.partial(index, indentation: indentation))
            case .dynamicPartial(let path, let indentation):
                ops.append(.dynamicPartial(path: pathIndex(path), indentation: indentation))
            case .block(let name, let definition, let standalone, let indentation):
                ops.append(.block(name, compiled(definition), standalone: standalone, indentation: indentation))
            case .parent(let index, let overrides, let indentation):
                var blocks: [String: Block] = [:]
                for (name, definition) in overrides { blocks[name] = compiled(definition) }
                ops.append(.parent(index, overrides: blocks, indentation: indentation))
            }
        }
        return ops
    }

    private mutating func compiled(_ definition: BlockDefinition) -> Block {
        Block(ops: compiled(definition.nodes), indentation: definition.indentation)
    }

    private mutating func pathIndex(_ path: Path) -> Int32 {
        paths.append(path)
        return Int32(paths.count - 1)
    }
}

/// A ``Node`` as the renderer reads it: text and names by their place in the ``Program``'s arrays.
private enum Op: Sendable {
    case text(start: Int32, count: Int32)
    case variable(path: Int32, escaped: Bool)
    /// A variable whose value was read when the program was made: its text, escaped where the tag escapes.
    case constant(start: Int32, count: Int32)
    case section(path: Int32, [Op], inverted: Bool)
    /// A section over a value read when the program was made: its content when the section shows, else none.
    case shown([Op])
    case partial(Int?, indentation: String?)
    case dynamicPartial(path: Int32, indentation: String?)
    indirect case block(String, Block, standalone: Bool, indentation: String)
    indirect case parent(Int?, overrides: [String: Block], indentation: String?)
}

/// A ``BlockDefinition`` as the renderer reads it.
private struct Block: Sendable {
    var ops: [Op]
    var indentation: String
}

/// Writes one page: the context stack, the place in the list being iterated, and how lines are indented where a
/// partial or block moves them.
private struct Renderer {
    let program: Program
    /// The program's text and names, for as long as the page is written.
    let text: UnsafeBufferPointer<UInt8>
    let paths: UnsafeBufferPointer<Path>
    let indexByName: [String: Int]
    /// The page's UTF-8 bytes: appending bytes skips the bookkeeping of a `String` on each of a page's many appends.
    var output: [UInt8] = []
    var stack: [TemplateValue]
    /// While a list is iterated: the index of the item and the list's length (`first()`, `last()`, `index()`).
    var sequence: (index: Int, count: Int)?
    /// Added at the start of each line of template text (a standalone partial's indentation).
    var indentation = ""
    /// Removed from the start of each line of template text (where a block was written).
    var removedIndentation = ""
    var atLineStart = true
    /// At the first line of a block expanded after other text on its line: that line is not indented again.
    var inlineStart = false
    /// How many partials and parents are open: a template that includes itself without end stops here.
    var depth = 0
    static let maximumDepth = 200

    init(program: Program, text: UnsafeBufferPointer<UInt8>, paths: UnsafeBufferPointer<Path>, indexByName: [String: Int], context: TemplateValue) {
        self.program = program
        self.text = text
        self.paths = paths
        self.indexByName = indexByName
        stack = [context]
        output.reserveCapacity(32_768)
    }

    /// - Parameter overrides: the blocks of the parents being expanded, outermost first; the first that
    ///   names a block wins.
    mutating func render(_ ops: [Op], overrides: [[String: Block]]) {
        for op in ops {
            switch op {
            case .text(let start, let count):
                write(UnsafeBufferPointer(rebasing: text[Int(start)..<Int(start) + Int(count)]))
            case .variable(let path, let escaped):
                startLine()
                guard let text = lookUp(at: path)?.renderedText else { continue }
                if escaped { Self.appendEscaped(text, to: &output) } else { Self.append(text, to: &output) }
            case .constant(let start, let count):
                startLine()
                output.append(contentsOf: UnsafeBufferPointer(rebasing: text[Int(start)..<Int(start) + Int(count)]))
            case .section(let path, let children, let inverted):
                startLine()
                renderSection(lookUp(at: path), children, inverted: inverted, overrides: overrides)
            case .shown(let children):
                startLine()
                render(children, overrides: overrides)
            case .partial(let index, let indentation):
                guard let index else {
                    if indentation == nil { startLine() }
                    continue
                }
                include(program.templates[index], indentation: indentation, overrides: overrides)
            case .dynamicPartial(let path, let indentation):
                guard case .text(let name) = lookUp(at: path), let index = indexByName[name] else {
                    if indentation == nil { startLine() }
                    continue
                }
                include(program.templates[index], indentation: indentation, overrides: overrides)
            case .parent(let index, let blocks, let indentation):
                guard let index else { continue }
                include(program.templates[index], indentation: indentation, overrides: overrides + [blocks])
            case .block(let name, let own, let standalone, let blockIndentation):
                guard let override = overrides.first(where: { $0[name] != nil })?[name] else {
                    render(own.ops, overrides: overrides)
                    continue
                }
                if !standalone { startLine() }
                let saved = (indentation, removedIndentation)
                indentation += Self.removingPrefix(removedIndentation, from: blockIndentation)
                removedIndentation = override.indentation
                atLineStart = true
                inlineStart = !standalone
                render(override.ops, overrides: overrides)
                (indentation, removedIndentation) = saved
            }
        }
    }

    /// A partial or parent: standalone, each of its lines gets the indentation it was written with; inline, none.
    private mutating func include(_ ops: [Op], indentation partialIndentation: String?, overrides: [[String: Block]]) {
        guard depth < Self.maximumDepth else { return }
        let saved = (indentation, removedIndentation)
        if let partialIndentation {
            indentation += Self.removingPrefix(removedIndentation, from: partialIndentation)
            atLineStart = true
        } else {
            startLine()
            indentation = ""
        }
        removedIndentation = ""
        depth += 1
        render(ops, overrides: overrides)
        depth -= 1
        (indentation, removedIndentation) = saved
    }

    private mutating func renderSection(_ value: TemplateValue?, _ children: [Op], inverted: Bool, overrides: [[String: Block]]) {
        switch value {
        case .list(let items):
            if inverted {
                if items.isEmpty { render(children, overrides: overrides) }
                return
            }
            let saved = sequence
            for (index, item) in items.enumerated() {
                stack.append(item)
                sequence = (index, items.count)
                render(children, overrides: overrides)
                stack.removeLast()
            }
            sequence = saved
        case .bool(let flag):
            if flag != inverted { render(children, overrides: overrides) }
        case .null, nil:
            if inverted { render(children, overrides: overrides) }
        case .some(let value):
            guard !inverted else { return }
            stack.append(value)
            render(children, overrides: overrides)
            stack.removeLast()
        }
    }

    /// ``lookUp(_:)`` of the program's path at `index`: one of a single name without transforms (most are) read in
    /// place, without a copy of the path.
    private func lookUp(at index: Int32) -> TemplateValue? {
        let path = paths.baseAddress! + Int(index)
        guard path.pointee.names.count == 1, path.pointee.transforms.isEmpty, !path.pointee.anchored else { return lookUp(path.pointee) }
        let name = path.pointee.names[0]
        for level in stack.indices.reversed() {
            if let found = stack[level][name] { return found }
        }
        return nil
    }

    /// Looks a name up: its first part in the innermost value that has it, the rest inside that; then the
    /// transforms, innermost first.
    private func lookUp(_ path: Path) -> TemplateValue? {
        var value: TemplateValue?
        var transforms = path.transforms[...]
        if path.names.isEmpty {
            if path.isPlaceInList {
                // `first()`, `last()`, `index()`, `even()`, `odd()`: the place of the current item in its list.
                guard let sequence, let name = transforms.popLast() else { return nil }
                switch name {
                case "first": value = .bool(sequence.index == 0)
                case "last": value = .bool(sequence.index == sequence.count - 1)
                case "index": value = .int(sequence.index)
                case "even": value = .bool(sequence.index & 1 == 0)
                case "odd": value = .bool(sequence.index & 1 == 1)
                default: return nil
                }
            } else {
                value = stack.last
            }
        } else if path.anchored {
            value = Self.descend(stack.last, path.names[...])
        } else {
            let first = path.names[0]
            // Each context looked at in place (a copy of it would retain what it holds).
            for index in stack.indices.reversed() {
                if let found = stack[index][first] {
                    value = Self.descend(found, path.names.dropFirst())
                    break
                }
            }
        }
        while let name = transforms.popLast() {
            guard let current = value, let next = current.transformed(by: name) else { return nil }
            value = next
        }
        return value
    }

    private static func descend(_ value: TemplateValue?, _ names: ArraySlice<String>) -> TemplateValue? {
        var value = value
        for name in names {
            guard case .object(let values) = value else { return nil }
            value = values[name]
        }
        return value
    }

    // MARK: Text and lines

    /// Before a tag: a line that starts with it gets its indentation.
    private mutating func startLine() {
        guard atLineStart else { return }
        if !inlineStart { Self.append(indentation, to: &output) }
        atLineStart = false
        inlineStart = false
    }

    /// Template text: as it is, or line by line where lines are indented (``writeIndented(_:)``).
    private mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard indentation.isEmpty && removedIndentation.isEmpty else { return writeIndented(String(decoding: bytes, as: UTF8.self)) }
        output.append(contentsOf: bytes)
        atLineStart = !bytes.isEmpty && output.last == 0x0A
    }

    /// Template text whose lines get ``indentation`` and lose ``removedIndentation``, read by characters (a CR LF is
    /// one, which a line does not end inside).
    private mutating func writeIndented(_ text: String) {
        var rest = Substring(text)
        while !rest.isEmpty {
            let end = rest.firstIndex(of: "\n").map { rest.index(after: $0) } ?? rest.endIndex
            var line = rest[..<end]
            rest = rest[end...]
            if atLineStart {
                line = Self.removingPrefix(removedIndentation, from: line)
                if line.isEmpty { continue }
                if line != "\n" && line != "\r\n" && !inlineStart { Self.append(indentation, to: &output) }
                atLineStart = false
                inlineStart = false
            }
            Self.append(line, to: &output)
            atLineStart = line.utf8.last == 0x0A
        }
    }

    /// The text without as much of `prefix` as it starts with.
    private static func removingPrefix<S: StringProtocol>(_ prefix: String, from text: S) -> S.SubSequence {
        var index = text.startIndex
        for character in prefix {
            guard index < text.endIndex, text[index] == character else { break }
            index = text.index(after: index)
        }
        return text[index...]
    }

    static func append(_ text: String, to output: inout [UInt8]) {
        var text = text
        text.withUTF8 { output.append(contentsOf: $0) }
    }

    static func append(_ text: Substring, to output: inout [UInt8]) {
        var text = text
        text.withUTF8 { output.append(contentsOf: $0) }
    }

    static func appendEscaped(_ text: String, to output: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            // Most text has nothing to escape: it is appended whole, and the rest in runs between the characters escaped.
            var runStart = 0
            for index in bytes.indices {
                let entity: StaticString
                switch bytes[index] {
                case 0x26: entity = "&amp;"
                case 0x3C: entity = "&lt;"
                case 0x3E: entity = "&gt;"
                case 0x22: entity = "&quot;"
                case 0x27: entity = "&#39;"
                default: continue
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                output.append(contentsOf: UnsafeBufferPointer(start: entity.utf8Start, count: entity.utf8CodeUnitCount))
                runStart = index + 1
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
    }
}
