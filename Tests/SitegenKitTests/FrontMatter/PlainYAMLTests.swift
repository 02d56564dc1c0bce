import Foundation
import Testing

@testable import SitegenKit
import TestSupport

/// ``PlainYAML`` reads the common front matter without libyaml; whatever it reads must be the tree Yams gives for the
/// same text, values, types and positions alike, and whatever it does not read goes to Yams.
struct PlainYAMLTests {
    /// A tree as text: every value with its type and position, every key with its position.
    static func dump(_ node: DataNode?) -> String {
        guard let node else { return "nil" }
        let at = "@\(node.location.line):\(node.location.column)"
        switch node.value {
        case .scalar(let text, let isQuoted): return "\(isQuoted ? "quoted" : "plain")(\(text.debugDescription))\(at)"
        case .number(let number, let text): return "number(\(number), \(text))\(at)"
        case .bool(let flag, _): return "bool(\(flag))\(at)"
        case .null: return "null\(at)"
        case .list(let items): return "[\(items.map { dump($0) }.joined(separator: ", "))]\(at)"
        case .map(let entries):
            return "{\(entries.map { "\($0.key)@\($0.keyLocation.line):\($0.keyLocation.column): \(dump($0.value))" }.joined(separator: ", "))}\(at)"
        }
    }

    /// What Yams makes of the text: its tree, or its error.
    static func yams(_ source: SourceText) -> String {
        do { return dump(try YAMLReader().readWithYams(source)) } catch { return "error: \(error)" }
    }

    /// The random-edit test's deterministic generator.
    typealias Generator = IncrementalBuildTests.Generator

    /// Pieces of values, plain and tricky: YAML's special words and numbers, indicators, quotes, escapes, comments,
    /// characters outside ASCII and the ones YAML treats as breaks or refuses.
    static let words = [
        "statins", "Should I take it?", "2026-04-20", "1.5", "-5", "+3", "1e3", "0x1F", ".5", "12", "true", "False", "TRUE",
        "yes", "No", "null", "Null", "~", "", " ", "a: b", "a:b", "https://example.org/a", "a #b", "#c", "it's", "say \"hi\"",
        "back\\slash", "Ménière’s disease", "心臓", "a, b", "[x]", "{y}", "*star", "&amp", "!tag", "|", ">", "%d", "@at", "`tick`",
        "- item", "? q", "tab\there", "line\u{2028}sep", "nel\u{85}x", "\u{FEFF}bom", "ctl\u{7F}", "end:", "a  b", "x ", "é",
    ]

    static func value(_ rng: inout Generator) -> String {
        let word = words.randomElement(using: &rng)!
        switch Int.random(in: 0..<8, using: &rng) {
        case 0, 1: return " " + word
        case 2: return " \"" + word + "\""
        case 3: return " '" + word + "'"
        case 4: return " [" + (0..<Int.random(in: 0...3, using: &rng)).map { _ in words.randomElement(using: &rng)! }.joined(separator: ", ") + "]"
        case 5:
            let indent = String(repeating: " ", count: Int.random(in: 0...3, using: &rng))
            return "\n" + (0..<Int.random(in: 1...3, using: &rng)).map { _ in
                let item = words.randomElement(using: &rng)!
                // Now and then an item indented unlike the others.
                let own = Int.random(in: 0..<5, using: &rng) == 0 ? String(repeating: " ", count: Int.random(in: 0...4, using: &rng)) : indent
                return own + "- " + (Bool.random(using: &rng) ? "\"\(item)\"" : item)
            }.joined(separator: "\n")
        case 6: return ""
        default: return "  " + word + "   "
        }
    }

    static func document(_ rng: inout Generator) -> String {
        let keys = ["title", "summary", "topic", "tags", "questions", "reviewed", "draft", "layout", "citation-style", "x_1", "2x", "Title", "a b"]
        var text = ""
        for _ in 0..<Int.random(in: 1...6, using: &rng) {
            if Int.random(in: 0..<12, using: &rng) == 0 { text += ["\n", "# note\n", "  \n", "\r\n", "---\n"].randomElement(using: &rng)! }
            text += keys.randomElement(using: &rng)! + ":" + value(&rng) + (Int.random(in: 0..<20, using: &rng) == 0 ? "\r\n" : "\n")
        }
        return text
    }

    /// Random documents: every one PlainYAML reads is what Yams reads, and it reads a good share of them (so the
    /// comparison is not empty).
    /// A byte order mark before the text (Notepad's "UTF-8 with BOM") is read past, by either reader, in a file of one
    /// line or many, in a block list too (a CSL-YAML file).
    @Test func aByteOrderMarkIsNoPartOfTheText() throws {
        for text in ["title: T\n", "title: T\nbaseURL: https://example.org/\n", "- id: x\n  type: book\n  title: T\n", "nav: [{title: A, url: /a/}]\ntitle: T\n"] {
            let read = try YAMLReader().read(SourceText(path: "a.yml", text: "\u{FEFF}" + text))
            #expect(Self.dump(read) == Self.dump(try YAMLReader().read(SourceText(path: "a.yml", text: text))), "\(text)")
        }
    }

    @Test func whatItReadsIsWhatYamsReads() {
        var rng = Generator(state: 15)
        var read = 0
        for index in 0..<4000 {
            let source = SourceText(path: "a.md", text: Self.document(&rng), firstLine: 2)
            guard let node = PlainYAML.read(source) else { continue }
            read += 1
            #expect(Self.dump(node) == Self.yams(source), "document \(index):\n\(source.text)")
        }
        #expect(read > 300, "PlainYAML read \(read) of 4000")
    }

    /// The shipped articles, the benchmark corpus's kind of front matter and the readers' own examples: the same
    /// tree through `read` as through Yams, read here or not.
    @Test func theShippedFrontMatterReadsAsYamsReadsIt() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        var headers: [String] = [
            "title: \"Result sugar harm week?\"\nsummary: \"Liver vitamin statin.\"\ntopic: \"Neurology\"\nconfidence: moderate\nreviewed: 2026-12-27\ntags: [life, effect, pain]\nquestions:\n  - \"Smoking event dose?\"\n  - \"Result bowel tablet clinic?\"\n",
            "title: A question?\nreferences: []\nbibliography: [a.bib, b.json]\ndraft: false\n",
            // Items indented unlike the first, at the end of the text and before it.
            "tags:\n   - a\n- b", "tags:\n - a\n   - b\n", "tags:\n  - a\n  -b\n", "tags:\n- a\n  - b\ntitle: T",
        ]
        let content = root.appendingPathComponent("Content")
        let files = FileManager.default.enumerator(at: content, includingPropertiesForKeys: nil)
        while let url = files?.nextObject() as? URL {
            guard url.pathExtension == "md", let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            let parts = text.components(separatedBy: "\n---\n")
            if text.hasPrefix("---\n"), parts.count > 1 { headers.append(String(parts[0].dropFirst(4)) + "\n") }
        }
        #expect(headers.count > 5)
        var read = 0
        for header in headers {
            let source = SourceText(path: "a.md", text: header, firstLine: 2)
            if PlainYAML.read(source) != nil { read += 1 }
            let direct: String
            do { direct = Self.dump(try YAMLReader().read(source)) } catch { direct = "error: \(error)" }
            #expect(direct == Self.yams(source), "\(header)")
        }
        #expect(read >= 2)
    }
}
