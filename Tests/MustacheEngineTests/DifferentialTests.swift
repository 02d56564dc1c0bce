import Foundation
import Mustache
import MustacheEngine
import TestSupport
import Testing

/// Random templates and contexts rendered by our engine and by swift-mustache: the output must be the same
/// wherever both support what the template does.
///
/// What is left out, because the two differ on purpose: `{{name}}` on a list or an object (swift-mustache prints
/// Swift's description of it, we print nothing), lambdas and pragmas (we have neither).
struct DifferentialTests {
    /// A seeded generator: the same run every time, and a failure names its seed.
    typealias SplitMix = SeededGenerator

    enum Kind { case text, number, flag, texts, numbers, objects, object }

    /// Names by the kind of value they hold in every context, so a template never prints a list or an object.
    static let names: [(String, Kind)] = [
        ("title", .text), ("summary", .text), ("empty", .text), ("count", .number), ("zero", .number), ("on", .flag), ("off", .flag),
        ("tags", .texts), ("none", .texts), ("numbers", .numbers), ("items", .objects), ("site", .object),
    ]
    static let words = ["a", "Statins", "<b>", "Tom & Jerry", "\"quoted\"", "it's", "héllo wörld", "x-ray", "ÉCOLE", "  ", "\n", "日本"]

    struct Generated {
        var ours: TemplateValue
        var theirs: Any
    }

    static func value(_ kind: Kind, _ random: inout SplitMix, depth: Int) -> Generated {
        func word() -> String { words.randomElement(using: &random)! + (Bool.random(using: &random) ? "" : " " + words.randomElement(using: &random)!) }
        switch kind {
        case .text:
            let text = Int.random(in: 0..<6, using: &random) == 0 ? "" : word()
            return Generated(ours: .text(text), theirs: text)
        case .number:
            let number = Int.random(in: -3...20, using: &random)
            return Generated(ours: .int(number), theirs: number)
        case .flag:
            let flag = Bool.random(using: &random)
            return Generated(ours: .bool(flag), theirs: flag)
        case .texts:
            let texts = (0..<Int.random(in: 0...4, using: &random)).map { _ in word() }
            return Generated(ours: .list(texts.map(TemplateValue.text)), theirs: texts)
        case .numbers:
            let numbers = (0..<Int.random(in: 0...4, using: &random)).map { _ in Int.random(in: 0...9, using: &random) }
            return Generated(ours: .list(numbers.map(TemplateValue.int)), theirs: numbers)
        case .objects:
            let items = (0..<Int.random(in: 0...3, using: &random)).map { _ in object(&random, depth: depth + 1) }
            return Generated(ours: .list(items.map(\.ours)), theirs: items.map { $0.theirs as! [String: Any] })
        case .object:
            return object(&random, depth: depth + 1)
        }
    }

    /// An object holding some of the names (deeper ones fewer), so lookups fall through to outer contexts.
    static func object(_ random: inout SplitMix, depth: Int) -> Generated {
        var ours: [String: TemplateValue] = [:], theirs: [String: Any] = [:]
        for (name, kind) in names where Int.random(in: 0...depth, using: &random) == 0 {
            if depth > 2 && (kind == .objects || kind == .object) { continue }
            let generated = value(kind, &random, depth: depth)
            ours[name] = generated.ours
            theirs[name] = generated.theirs
        }
        return Generated(ours: .object(TemplateObject(ours)), theirs: theirs)
    }

    /// A template whose `{{.}}` and variables only ever name text, numbers and flags.
    static func template(_ random: inout SplitMix, depth: Int = 0, dotIsScalar: Bool = false) -> String {
        var text = ""
        for _ in 0..<Int.random(in: 1...5, using: &random) {
            let (name, kind) = names.randomElement(using: &random)!
            switch Int.random(in: 0..<12, using: &random) {
            case 0: text += ["\n", " ", "  \n", "x", "<p>", "\n  ", "&"].randomElement(using: &random)!
            case 1: text += words.randomElement(using: &random)!
            case 2 where kind == .text || kind == .number || kind == .flag:
                text += ["{{\(name)}}", "{{{\(name)}}}", "{{& \(name) }}", "{{site.\(name)}}", "{{missing}}"].randomElement(using: &random)!
            case 3 where dotIsScalar: text += ["{{.}}", "{{{.}}}"].randomElement(using: &random)!
            case 4 where kind == .text:
                let transform = ["uppercased", "lowercased", "capitalized", "reversed", "empty"].randomElement(using: &random)!
                text += "{{\(transform)(\(name))}}"
            case 5 where kind == .texts || kind == .numbers:
                let transform = ["count", "empty", "first", "last"].randomElement(using: &random)!
                text += "{{\(transform)(\(name))}}"
            case 6 where kind == .number:
                text += "{{\(["plusone", "minusone", "even", "odd", "equalzero"].randomElement(using: &random)!)(\(name))}}"
            case 7, 8 where depth < 3:
                let inverted = Bool.random(using: &random)
                let standalone = Bool.random(using: &random)
                // In an inverted section over an empty list swift-mustache makes the list the current value.
                let dot =
                    switch kind {
                    case .flag: dotIsScalar
                    case .text, .number: inverted ? dotIsScalar : true
                    case .texts, .numbers: !inverted
                    case .objects, .object: false
                    }
                let inner = template(&random, depth: depth + 1, dotIsScalar: dot)
                let open = "{{\(inverted ? "^" : "#")\(name)}}", close = "{{/\(name)}}"
                // Text around an inline section's closing tag: swift-mustache decides whether a tag stands alone on
                // its line from the text since the tag before it, so it takes `x{{/a}}{{#b}}` + line break as a
                // standalone `{{#b}}` line, and a closing tag alone on its line as standalone only when its
                // opening tag was too. The specification looks at the whole line.
                text += standalone ? "\n\(open)\n\(inner)\n\(close)\n" : open + inner + "." + close + "."
            case 9 where depth < 3 && (kind == .texts || kind == .numbers):
                let transform = ["sorted", "reversed"].randomElement(using: &random)!
                text += "{{#\(transform)(\(name))}}\(template(&random, depth: depth + 1, dotIsScalar: true)).{{/\(transform)(\(name))}}."
            case 10: text += ["{{! a comment }}", "\n{{! standalone }}\n", "{{>part}}", ".{{> missing }}"].randomElement(using: &random)!
            case 11 where depth < 3 && kind == .objects:
                text += "{{#\(name)}}\(template(&random, depth: depth + 1)).{{#first()}}F{{/first()}}{{^last()}},{{/last()}}{{/\(name)}}."
            default: text += "{{\(["title", "count", "on", "site.title", "site.site.count"].randomElement(using: &random)!)}}"
            }
        }
        return text
    }

    @Test func tenThousandRandomTemplatesRenderAsSwiftMustacheDoes() throws {
        var random = SplitMix(state: 2026)
        var differences: [String] = []
        for run in 0..<10_000 {
            // Ends with a letter: swift-mustache drops the spaces of a last line that has no tag and no line
            // break, which is text that the Mustache specification keeps.
            let text = Self.template(&random) + "|"
            // The partial does not include itself: swift-mustache would recurse without end.
            let partial = "(" + Self.template(&random, depth: 2).replacingOccurrences(of: "{{>part}}", with: "") + ")"
            let context = Self.object(&random, depth: 0)
            let ours = try TemplateSet([(name: "part", text: partial), (name: "page", text: text)]).render("page", context.ours)
            var library = MustacheLibrary()
            library.register(try MustacheTemplate(string: partial), named: "part")
            library.register(try MustacheTemplate(string: text), named: "page")
            let theirs = library.render(context.theirs, withTemplate: "page")
            if ours != theirs, differences.count < 8 {
                differences.append("run \(run): \(text.debugDescription)\npartial: \(partial.debugDescription)\nours:   \(ours.debugDescription)\ntheirs: \(theirs.debugDescription)")
            }
        }
        #expect(differences.isEmpty, "\(differences.joined(separator: "\n\n"))")
    }
}
