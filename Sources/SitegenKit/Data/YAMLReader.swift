import Yams

/// Reads YAML text into a ``DataNode`` tree with file positions (Yams does the parsing).
public struct YAMLReader: Sendable {
    public init() {}

    /// - Parameter source: the YAML text and where it starts in its file.
    /// - Returns: the document's root, or nil for an empty document.
    /// - Throws: a ``Diagnostic`` at the position of the first syntax error or duplicate key.
    public func read(_ source: SourceText) throws(Diagnostic) -> DataNode? {
        // A byte order mark (Notepad's "UTF-8 with BOM") is no part of the text: libyaml takes it for content, and
        // reads the file's second line as a second document.
        if source.text.hasPrefix("\u{FEFF}") {
            var source = source
            source.text.removeFirst()
            return try read(source)
        }
        // Most front matter is keys with one-line values, which need no parser.
        if let node = PlainYAML.read(source) { return node }
        return try readWithYams(source)
    }

    /// Reads any YAML with Yams (libyaml); ``read(_:)`` without its shortcut.
    func readWithYams(_ source: SourceText) throws(Diagnostic) -> DataNode? {
        let lines = Lines(source.text)
        let parser: Parser
        let node: Node?
        do {
            // The basic resolver: plain scalars are typed below (YAML 1.2 core schema), not by regular expressions.
            // UTF-8 said outright: Yams' default encoding reads the whole process environment on every call.
            parser = try Parser(yaml: source.text, resolver: .basic, constructor: .default, encoding: .utf8)
            node = try parser.singleRoot()
        } catch let error as YamlError {
            throw Self.diagnostic(for: error, in: source, lines: lines)
        } catch {
            throw Diagnostic.error(at: source.start, "invalid YAML: \(error)")
        }
        guard let node else { return nil }
        // The parser holds the anchors, which its nodes name weakly: an alias is an anchored node met a second time.
        return try withExtendedLifetime(parser) { () throws(Diagnostic) in
            var aliases = AliasCopies()
            return try convert(node, source: source, lines: lines, depth: 0, aliases: &aliases, isCopy: false)
        }
    }

    /// - Parameter isCopy: whether the node is inside an alias's copy of an anchored node (whose aliases are counted
    ///   with the copy).
    private func convert(
        _ node: Node, source: SourceText, lines: Lines, depth: Int, aliases: inout AliasCopies, isCopy: Bool
    ) throws(Diagnostic) -> DataNode {
        let location = Self.location(of: node.mark, in: source, lines: lines)
        guard depth < 200 else { throw Diagnostic.error(at: location, "YAML is nested too deeply") }
        let isCopy = isCopy ? true : try aliases.isCopy(node, after: aliases.lastMark, source: source, lines: lines)
        if !isCopy { aliases.lastMark = node.mark }
        switch node {
        case .scalar(let scalar):
            return DataNode(Self.scalarValue(scalar), at: location)
        case .sequence(let sequence):
            var items: [DataNode] = []
            for item in sequence {
                items.append(try convert(item, source: source, lines: lines, depth: depth + 1, aliases: &aliases, isCopy: isCopy))
            }
            return DataNode(.list(items), at: location)
        case .mapping(let mapping):
            var entries: [(key: String, keyLocation: SourceLocation, value: DataNode)] = []
            var seen: [String: SourceLocation] = [:]
            /// The mappings a merge key (`<<: *base`) takes entries from, in order, and whether each is an alias's copy.
            var merged: [(mapping: Node.Mapping, isCopy: Bool)] = []
            for (key, value) in mapping {
                var keyLocation = Self.location(of: key.mark, in: source, lines: lines)
                // An alias as a key (`*t : x`) is its anchor's node, as YAML reads it, whose position is the anchor's:
                // the key is said where the alias is.
                if !isCopy, try aliases.isCopy(key, after: aliases.lastMark, source: source, lines: lines) {
                    keyLocation = aliases.lastAlias.map { offset in
                        let (line, column) = lines.position(of: offset)
                        return source.location(line: line, column: column)
                    } ?? keyLocation
                } else if !isCopy {
                    aliases.lastMark = key.mark
                }
                guard let name = key.scalar?.string else {
                    throw Diagnostic.error(at: keyLocation, "a mapping key must be a plain string")
                }
                if name == "<<", key.scalar?.style == .plain {
                    if let one = value.mapping {
                        merged.append((one, isCopy ? true : try aliases.isCopy(value, after: key.mark, source: source, lines: lines)))
                        continue
                    }
                    if let list = value.sequence, case let mappings = list.compactMap(\.mapping), mappings.count == list.count {
                        for (item, one) in zip(list, mappings) {
                            merged.append((one, isCopy ? true : try aliases.isCopy(item, after: key.mark, source: source, lines: lines)))
                        }
                        continue
                    }
                }
                if let first = seen[name] {
                    throw Diagnostic.error(at: keyLocation, "duplicate key '\(name)' (first at \(first))", naming: [first.path])
                }
                seen[name] = keyLocation
                entries.append((name, keyLocation, try convert(value, source: source, lines: lines, depth: depth + 1, aliases: &aliases, isCopy: isCopy)))
            }
            // YAML's merge key, as pandoc and most readers apply it: the entries of the mappings it names that the
            // mapping does not give itself (the first of them that gives a key wins).
            for (mapping, isMergedCopy) in merged {
                for (key, value) in mapping {
                    guard let name = key.scalar?.string, seen[name] == nil else { continue }
                    seen[name] = Self.location(of: key.mark, in: source, lines: lines)
                    entries.append(
                        (name, seen[name]!, try convert(value, source: source, lines: lines, depth: depth + 1, aliases: &aliases, isCopy: isMergedCopy)))
                }
            }
            return DataNode(.map(entries), at: location)
        case .alias:
            throw Diagnostic.error(at: location, "YAML aliases are not supported")
        }
    }

    /// The values a document's aliases copy (an alias is its anchor's value again, each time), counted so that the few
    /// lines of a "billion laughs" (an anchor of a list of nine aliases of an anchor of a list of nine aliases, nine
    /// times over) are an error at the alias that copies too much, instead of a tree of billions of values.
    struct AliasCopies {
        /// How many values a document's aliases may copy in all: far more than aliases repeat in front matter,
        /// `sitegen.yml` or a bibliography, and little beside the memory a billion would take.
        static let maximum = 1_000_000

        /// The anchors whose nodes were met where they are defined (once: their aliases give the same node again).
        private var defined = Set<ObjectIdentifier>()
        /// The values of each anchored node, by its anchor (up to one more than ``maximum``).
        private var sizes: [ObjectIdentifier: Int] = [:]
        /// The values copied so far.
        private var copied = 0
        /// Where the last alias found is in the text (a byte offset): the next one is after it.
        private var searchedTo = 0
        /// The position of the last node converted that is no copy: an alias met after it is written after it.
        var lastMark: Mark?
        /// Where the alias of the last copy found is in the text (a byte offset), nil when it was not found.
        private(set) var lastAlias: Int?

        /// Whether `node` is an anchored node met before, so an alias's copy of it (written after `mark`), counting the
        /// values it copies.
        /// - Throws: a ``Diagnostic`` at the alias when the document's aliases copy more than ``maximum`` values with it.
        mutating func isCopy(_ node: Node, after mark: Mark?, source: SourceText, lines: Lines) throws(Diagnostic) -> Bool {
            guard let anchor = node.anchor, !defined.insert(ObjectIdentifier(anchor)).inserted else { return false }
            let name = anchor.rawValue
            // The alias is the first `*name` after the node before it and after the alias before it.
            var from = searchedTo
            if let mark, mark.line >= 1, mark.line <= lines.starts.count, let column = lines.byteColumn(line: mark.line, scalarColumn: max(mark.column, 1)) {
                from = max(from, lines.starts[mark.line - 1] + column - 1)
            }
            let place = Self.alias(named: name, in: lines.bytes, from: from)
            if let place { searchedTo = place + 1 }
            lastAlias = place
            let size = size(of: node)
            copied += size
            guard copied > Self.maximum else { return true }
            let location = place.map { offset in
                let (line, column) = lines.position(of: offset)
                return source.location(line: line, column: column)
            } ?? YAMLReader.location(of: mark, in: source, lines: lines)
            throw .error(
                at: location,
                "the alias '*\(name)' copies \(size > Self.maximum ? "more than \(Self.maximum)" : String(size)) values, which with those"
                    + " the aliases before it copy is more than the \(Self.maximum) a YAML document's aliases may copy: aliases of lists of"
                    + " aliases multiply (a \"billion laughs\"); write the values out, or use fewer levels of aliases")
        }

        /// The values a node holds, itself included, up to one more than ``maximum`` (each anchored node counted once).
        private mutating func size(of node: Node) -> Int {
            let anchor = node.anchor.map(ObjectIdentifier.init)
            if let anchor, let known = sizes[anchor] { return known }
            var total = 1
            switch node {
            case .sequence(let sequence):
                for item in sequence where total <= Self.maximum { total += size(of: item) }
            case .mapping(let mapping):
                for (key, value) in mapping where total <= Self.maximum { total += size(of: key) + size(of: value) }
            case .scalar, .alias:
                break
            }
            total = min(total, Self.maximum + 1)
            if let anchor { sizes[anchor] = total }
            return total
        }

        /// The offset of the first `*name` at or after `start` that is the whole alias (no name character follows).
        private static func alias(named name: String, in bytes: [UInt8], from start: Int) -> Int? {
            let wanted = [UInt8(ascii: "*")] + Array(name.utf8)
            var index = start
            while index + wanted.count <= bytes.count {
                guard let star = bytes[index...].firstIndex(of: UInt8(ascii: "*")), star + wanted.count <= bytes.count else { return nil }
                let end = star + wanted.count
                if bytes[star..<end].elementsEqual(wanted), end == bytes.count || !Self.isAnchorByte(bytes[end]) { return star }
                index = star + 1
            }
            return nil
        }

        /// A byte of an anchor's name: anything but a space, a line break, a flow indicator or a comma.
        private static func isAnchorByte(_ byte: UInt8) -> Bool { !Lines.endsAnchor(byte) }
    }

    /// Resolves plain scalars by YAML 1.2's core schema (so `title: No` stays a string).
    private static func scalarValue(_ scalar: Node.Scalar) -> DataNode.Value {
        guard scalar.style == .plain || scalar.style == .any else {
            // A double-quoted escape (`"\a"`, `"\x01"`) of a control character, which no page or feed may hold: a space.
            // (And `"\uFFFE"`, `"\uFFFF"`: no characters at all, which no XML may hold.)
            let text = scalar.string
            guard text.utf8.contains(where: { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D || $0 == 0xEF }),
                text.unicodeScalars.contains(where: SourceText.isForbidden)
            else { return .scalar(text, isQuoted: true) }
            return .scalar(String(text.unicodeScalars.map { SourceText.isForbidden($0) ? " " : Character($0) }), isQuoted: true)
        }
        return plainValue(scalar.string)
    }

    /// A plain scalar's value: null, a bool or a number by YAML 1.2's core schema, or else the text.
    static func plainValue(_ text: String) -> DataNode.Value {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true, text: text)
        case "false", "False", "FALSE": return .bool(false, text: text)
        default: break
        }
        // By bytes: a character outside ASCII (or with a mark on it) is never one of these.
        let isNumeric = text.utf8.allSatisfy { Self.numberBytes.contains($0) } && text.utf8.contains { (0x30...0x39).contains($0) }
        if isNumeric, let number = Double(text) { return .number(number, text: text) }
        return .scalar(text, isQuoted: false)
    }

    private static let numberBytes = Set("0123456789+-.eE".utf8)

    /// A line of `key: value` or `- value` whose unquoted value holds a colon and a space (`title: Statins: a review`),
    /// written with the value in quotes; nil for another line.
    static func quotedValue(_ line: String) -> String? {
        guard let (lead, value) = leadAndValue(line), value.contains(": "), let first = value.first, !"\"'[{|>&*!%@`#".contains(first) else {
            return nil
        }
        return lead + quoted(value)
    }

    /// A line of `key: value` or `- value` whose value in quotes holds its own quote (`title: 'It's here'`, which
    /// ends at the apostrophe), written in the other quotes, and the quote it had; nil for another line.
    static func requotedValue(_ line: String) -> (line: String, quote: Character)? {
        guard let (lead, value) = leadAndValue(line), value.count > 2, let quote = value.first, quote == "'" || quote == "\"",
            value.last == quote
        else { return nil }
        let inner = value.dropFirst().dropLast()
        guard inner.contains(quote) else { return nil }
        return (lead + (quote == "'" ? quoted(inner) : "'" + inner.replacing("'", with: "''") + "'"), quote)
    }

    /// A value in double quotes, or in single ones when it holds a double quote or a backslash (double quotes read a
    /// backslash as an escape; single quotes read everything but a doubled quote as written).
    static func quoted(_ value: some StringProtocol) -> String {
        value.contains("\"") || value.contains("\\") ? "'" + String(value).replacing("'", with: "''") + "'" : "\"" + value + "\""
    }

    /// A line's `key: ` or `- ` and its value without the spaces around it; nil for a line of neither kind.
    static func leadAndValue(_ line: String) -> (lead: Substring, value: Substring)? {
        let rest = line.drop { $0 == " " }
        let lead: Substring
        if rest.hasPrefix("- ") {
            lead = rest.prefix(2)
        } else if let colon = rest.firstRange(of: ": "), !rest[..<colon.lowerBound].isEmpty,
            !rest[..<colon.lowerBound].contains(where: { $0 == " " || $0 == "\"" || $0 == "'" })
        {
            lead = rest[..<colon.upperBound]
        } else {
            return nil
        }
        var value = rest.dropFirst(lead.count).drop { $0 == " " }
        while value.last == " " { value = value.dropLast() }
        return (lead, value)
    }

    /// libyaml counts columns in Unicode scalars; sitegen counts UTF-8 bytes, like cmark.
    static func location(of mark: Mark?, in source: SourceText, lines: Lines) -> SourceLocation {
        guard let mark else { return source.start }
        let line = max(mark.line, 1)
        var column = max(mark.column, 1)
        if let byteColumn = lines.byteColumn(line: line, scalarColumn: column) { column = byteColumn }
        return source.location(line: line, column: column)
    }

    /// The text's bytes and where its lines start, to turn libyaml's columns into byte columns (and byte columns into
    /// the characters an editor counts, ``CharacterColumns``).
    struct Lines {
        let bytes: [UInt8]
        let starts: [Int]

        init(_ text: String) {
            bytes = Array(text.utf8)
            var starts = [0]
            for (index, byte) in bytes.enumerated() where byte == 0x0A { starts.append(index + 1) }
            self.starts = starts
        }

        /// The first tab among the spaces that start a line, up to a line (1-based line and byte column).
        func firstIndentationTab(throughLine last: Int) -> (line: Int, column: Int)? {
            for (index, start) in starts.enumerated() where index < last {
                var offset = start
                while offset < bytes.count, bytes[offset] == 0x20 || bytes[offset] == 0x09 {
                    if bytes[offset] == 0x09 { return (index + 1, offset - start + 1) }
                    offset += 1
                }
            }
            return nil
        }

        /// The lines from `first` on that start with `key:` after `indentation` spaces, up to the first line indented
        /// less (where the mapping ends); nil when none does.
        /// The last `[` or `{` before line `end` (1-based, not read) that none of the lines closes, outside quotes and
        /// comments; its line, column and bracket.
        func lastOpenBracket(before end: Int) -> (line: Int, column: Int, bracket: String)? {
            var open: [(line: Int, column: Int, bracket: UInt8)] = []
            for line in 1..<min(max(end, 1), starts.count + 1) {
                let start = starts[line - 1], stop = line < starts.count ? starts[line] - 1 : bytes.count
                var quote: UInt8?
                for offset in start..<stop {
                    let byte = bytes[offset]
                    if let current = quote {
                        if byte == current { quote = nil }
                        continue
                    }
                    // A comment ends what the line holds.
                    if byte == UInt8(ascii: "#"), offset == start || bytes[offset - 1] == UInt8(ascii: " ") { break }
                    switch byte {
                    case UInt8(ascii: "'"), UInt8(ascii: "\""): quote = byte
                    case UInt8(ascii: "["), UInt8(ascii: "{"): open.append((line, offset - start + 1, byte))
                    case UInt8(ascii: "]"), UInt8(ascii: "}"): _ = open.popLast()
                    default: break
                    }
                }
            }
            return open.last.map { ($0.line, $0.column, $0.bracket == UInt8(ascii: "[") ? "[" : "{") }
        }

        /// A key's line may give it with an anchor (`&k title:`), or as an alias of an anchor of its text (`*k :`, where
        /// `&k title` is written anywhere).
        func keyLines(_ key: String, indentation: Int, from first: Int) -> [Int]? {
            guard first >= 1, first <= starts.count else { return nil }
            let name = Array(key.utf8)
            let prefix = Array(String(repeating: " ", count: indentation).utf8) + name + [UInt8(ascii: ":")]
            /// The anchor written before it, when `key` and a `:` or the end of the value follow.
            func anchor(_ text: ArraySlice<UInt8>) -> (name: ArraySlice<UInt8>, rest: ArraySlice<UInt8>)? {
                guard text.first == UInt8(ascii: "&") || text.first == UInt8(ascii: "*") else { return nil }
                let anchor = text.dropFirst().prefix { !Self.endsAnchor($0) }
                return anchor.isEmpty ? nil : (anchor, text[anchor.endIndex...].drop { $0 == 0x20 })
            }
            // The anchors of the key's text (`&k title`), which an alias as a key stands for.
            var anchors: Set<ArraySlice<UInt8>> = []
            for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "&") {
                guard let (anchor, rest) = anchor(bytes[index...]), rest.starts(with: name) else { continue }
                let after = rest.dropFirst(name.count).first
                if after == nil || after == UInt8(ascii: ":") || after == 0x20 || after == 0x0A { anchors.insert(anchor) }
            }
            var found: [Int] = []
            for line in first...starts.count {
                let start = starts[line - 1], end = line < starts.count ? starts[line] - 1 : bytes.count
                let text = bytes[start..<end]
                let spaces = text.prefix { $0 == 0x20 }.count
                if spaces < indentation, spaces < text.count, text[start + spaces] != UInt8(ascii: "#"), line > first { break }
                if text.starts(with: prefix) {
                    found.append(line)
                } else if spaces == indentation, let (anchor, rest) = anchor(text.dropFirst(spaces)) {
                    let isAlias = text[start + spaces] == UInt8(ascii: "*")
                    if isAlias ? anchors.contains(anchor) && rest.first == UInt8(ascii: ":") : rest.starts(with: name + [UInt8(ascii: ":")]) { found.append(line) }
                }
            }
            return found.isEmpty ? nil : found
        }

        /// A byte that ends an anchor's or an alias's name: a space, a line break, a flow indicator or a comma.
        static func endsAnchor(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == UInt8(ascii: ",") || byte == UInt8(ascii: "[")
                || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "{") || byte == UInt8(ascii: "}")
        }

        /// The line and byte column (both 1-based) of a byte offset: the last line that starts at or before it.
        static func position(of offset: Int, lineStarts starts: [Int]) -> (line: Int, column: Int) {
            var low = 0, high = starts.count - 1
            while low < high {
                let middle = (low + high + 1) / 2
                if starts[middle] <= offset { low = middle } else { high = middle - 1 }
            }
            return (low + 1, offset - starts[low] + 1)
        }

        func position(of offset: Int) -> (line: Int, column: Int) { Self.position(of: offset, lineStarts: starts) }

        /// A line's text, without its line break; nil for a line the text does not have.
        func text(line: Int) -> String? {
            guard line >= 1, line <= starts.count else { return nil }
            let start = starts[line - 1], end = line < starts.count ? starts[line] - 1 : bytes.count
            return String(decoding: bytes[start..<end], as: UTF8.self)
        }

        /// The byte column of a column counted in Unicode scalars (both 1-based), stopping at the line's end;
        /// nil for a line the text does not have.
        func byteColumn(line: Int, scalarColumn: Int) -> Int? {
            guard line >= 1, line <= starts.count else { return nil }
            let start = starts[line - 1], end = line < starts.count ? starts[line] - 1 : bytes.count
            var offset = start, scalars = 0
            while scalars < scalarColumn - 1, offset < end {
                let lead = bytes[offset]
                offset += lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
                scalars += 1
            }
            return min(offset, end) - start + 1
        }

        /// The column in Unicode scalars of a byte column (both 1-based): the scalars before it, each counted once;
        /// past the line's end, each byte one more. Nil for a line the text does not have.
        func scalarColumn(line: Int, byteColumn: Int) -> Int? {
            guard line >= 1, line <= starts.count else { return nil }
            let start = starts[line - 1], end = line < starts.count ? starts[line] - 1 : bytes.count
            let before = bytes[start..<min(start + byteColumn - 1, end)]
            return before.count { $0 & 0xC0 != 0x80 } + (byteColumn - 1 - before.count) + 1
        }
    }

    /// The error at its cause: a tab in an indentation up to the line of the error (libyaml reports what follows
    /// it), a value's quote inside it, an opening quote never closed (libyaml reports the end of the text), or else
    /// libyaml's own words.
    /// A `[` or `{` that no `]` or `}` closes.
    private static func unclosed(_ open: String, at location: SourceLocation) -> Diagnostic {
        let (close, what) = open == "[" ? ("]", "list") : ("}", "mapping")
        return .error(at: location, "this '\(open)' is never closed (or an item in it lacks a comma): end the \(what) with '\(close)', or put a value that starts with '\(open)' in quotes")
    }

    private static func diagnostic(for error: YamlError, in source: SourceText, lines: Lines) -> Diagnostic {
        let errorMark: Mark? =
            switch error {
            case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark
            default: nil
            }
        let errorLine = errorMark?.line
        if let errorLine, let tab = lines.firstIndentationTab(throughLine: errorLine) {
            return .error(at: source.location(line: tab.line, column: tab.column), "YAML does not allow tabs in indentation; indent with spaces")
        }
        // A quote inside a value in the same quotes ends the value there, and libyaml reports what follows it.
        if let errorLine, let (line, quote) = requotedValue(lines.text(line: max(errorLine, 1)) ?? "") {
            return .error(
                at: location(of: errorMark, in: source, lines: lines),
                "a \(quote) inside a value in \(quote == "'" ? "single" : "double") quotes ends the value there; write the line as \(line)")
        }
        switch error {
        case .scanner(let context?, let problem, _, _) where context.text.contains("quoted scalar") && problem.contains("end of stream"):
            return .error(at: location(of: context.mark, in: source, lines: lines), "this quote is never closed; end the value with the same quote")
        case .scanner(_, let problem, let mark, _) where problem.hasPrefix("mapping values are not allowed"):
            let at = location(of: mark, in: source, lines: lines)
            guard let quoted = quotedValue(lines.text(line: max(mark.line, 1)) ?? "") else {
                return YAMLReadings.cause(near: max(mark.line, 1), lines: lines, in: source) ?? .error(at: at, "invalid YAML: \(problem)")
            }
            return .error(at: at, "a colon and a space inside a value end its key in YAML; put the value in quotes: \(quoted)")
        case .parser(let context?, _, _, _) where context.text.contains("flow sequence") || context.text.contains("flow mapping"):
            // libyaml reports where it gave up (the next key, or the end of the file); the bracket is where to look, and a
            // `#` in the list (`tags: [#lipids, statins]`) what cut it short.
            if let cause = YAMLReadings.commentInList(near: max(context.mark.line, 1), lines: lines, in: source) { return cause }
            return unclosed(context.text.contains("sequence") ? "[" : "{", at: location(of: context.mark, in: source, lines: lines))
        case .parser(let context?, let problem, let mark, _) where context.text.contains("flow node") && problem.contains("node content"):
            // `nav: [` at the end of the file: the last bracket left open before it (a comment's, `[#lipids, …`, aside).
            if let cause = YAMLReadings.commentInList(near: max(mark.line, 1), lines: lines, in: source) { return cause }
            if let (line, column, bracket) = lines.lastOpenBracket(before: mark.line) {
                return unclosed(bracket, at: source.location(line: line, column: column))
            }
            let detail = "\(problem) \(context.text)"
            return .error(at: location(of: mark, in: source, lines: lines), "invalid YAML: \(detail)")
        case .composer(let context?, _, let mark, _) where context.text.contains("single document"):
            return .error(
                at: location(of: mark, in: source, lines: lines),
                "a second YAML document starts here; the file holds one: remove this line (or end the one above it with '...')")
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            if let cause = YAMLReadings.cause(near: max(mark.line, 1), lines: lines, in: source) { return cause }
            let detail = context.map { "\(problem) \($0.text)" } ?? problem
            return .error(at: location(of: mark, in: source, lines: lines), "invalid YAML: \(detail)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            // libyaml points at the mapping; the second key of the mapping's indentation is the one to remove.
            let mapping = location(of: context.mark, in: source, lines: lines)
            if duplicates.count == 1, let places = lines.keyLines(duplicates[0], indentation: mapping.column - 1, from: max(context.mark.line, 1)),
                places.count > 1
            {
                return .error(
                    at: source.location(line: places[1], column: mapping.column),
                    "duplicate key '\(duplicates[0])' (first at line \(source.location(line: places[0], column: 1).line)); keep one of them")
            }
            return .error(at: mapping, "duplicate key '\(duplicates.joined(separator: "', '"))'")
        case .reader(let problem, _, _, _):
            return .error(at: source.start, "invalid YAML: \(problem)")
        default:
            return .error(at: source.start, "invalid YAML: \(error)")
        }
    }
}
