import CSL
import Foundation
import SitegenKit

/// The readers that take text an author (or a reference manager) wrote. Fed any bytes, each must return or
/// report a diagnostic: a crash, a hang or a sanitizer report is a bug.
enum FuzzTarget: String, CaseIterable, Sendable {
    case frontMatter = "front-matter"
    case bibtex
    case cslJSON = "csl-json"
    case cslYAML = "csl-yaml"
    case ris
    case medline
    case citations
    case settings
    case cslStyle = "csl-style"

    func run(_ bytes: UnsafeRawBufferPointer) {
        // Files that are not UTF-8 are rejected when read (`TextFileReader`); the readers only ever see text.
        guard let text = String(validating: bytes, as: UTF8.self) else { return }
        switch self {
        case .frontMatter:
            // As the build loads an article: split, read the YAML header, check every field.
            let source = SourceText(path: "fuzz.md", text: text)
            guard let split = try? FrontMatterSplitter().split(source) else { return }
            guard let header = split.header else {
                _ = FrontMatterSplitter.missingHeader(in: source)
                return
            }
            let tree = try? YAMLReader().read(header)
            _ = FrontMatterDecoder().decode(tree ?? DataNode(.null, at: header.start))
        case .bibtex:
            _ = try? BibTeXReader().read(SourceText(path: "fuzz.bib", text: text))
        case .cslJSON:
            _ = try? BibliographyReader().read(SourceText(path: "fuzz.json", text: text))
        case .cslYAML:
            _ = try? BibliographyReader().read(SourceText(path: "fuzz.yaml", text: text))
        case .ris:
            // Every record, read or broken, then each reference as a page prints it.
            let file = RISReader().readFile(SourceText(path: "fuzz.ris", text: text))
            for reference in file.references { _ = CitationStyle.vancouver.entry(reference) }
        case .medline:
            let file = MedlineReader().readFile(SourceText(path: "fuzz.nbib", text: text))
            for reference in file.references { _ = CitationStyle.vancouver.entry(reference) }
        case .citations:
            // The scanner on its own, then inside cmark's tree with numbering, formatting and back-links.
            let utf8 = Array(text.utf8)
            _ = CitationScanner().scan(utf8, isLiteral: Array(repeating: true, count: utf8.count))
            var resolver = CitationResolver(bibliographies: [Self.bibliography])
            _ = MarkdownRenderer().render(SourceText(path: "fuzz.md", text: text)) { resolver.resolve($0) }
        case .settings:
            _ = SiteSettingsLoader().load(SourceText(path: "sitegen.yml", text: text))
        case .cslStyle:
            // A style or a locale, as a site's `citation-style:` file or a locale would be read; a style that reads
            // renders a bibliography and citations of varied items, and a locale serves a fixed style.
            guard let root = try? XMLReader.read(text) else { return }
            if root.name == "locale" {
                guard let locale = try? CSLLocale(root), let style = try? CSLStyle(XMLReader.read(Self.plainStyle)) else { return }
                Self.render(CSLProcessor(style: style, localeFiles: [locale.language ?? "en-US": locale]))
            } else if let style = try? CSLStyle(root) {
                Self.render(CSLProcessor(style: style, localeFiles: [:]))
            }
        }
    }

    /// Items with every kind of variable, cited alone, together, again (ibid) and with locators.
    private static let items: [CSLItem] = [
        CSLItem(id: "a", type: "article-journal", fields: ["title": "A \"quoted\" <i>title</i>", "page": "12-19", "volume": "3", "issue": "2"],
                names: ["author": [CSLName(family: "Doe", given: "John Q."), CSLName(family: "others")]],
                dates: ["issued": CSLDate(parts: [[2001, 5, 2], [2001, 6]])]),
        CSLItem(id: "b", type: "book", language: "de", fields: ["title": "Buch", "edition": "2", "publisher": "P"],
                names: ["editor": [CSLName(family: "Gaulle", given: "Jean-Luc", nonDroppingParticle: "de")], "translator": [CSLName(literal: "WHO")]],
                dates: ["issued": CSLDate(parts: [[-44]])]),
        CSLItem(id: "c", type: "chapter", fields: ["title": "c", "container-title": "C", "page": "iv–x"],
                names: ["author": [CSLName(family: "Doe", given: "J."), CSLName(family: "Roe", given: "R", suffix: "Jr.")]],
                dates: ["issued": CSLDate(season: "2", circa: true, literal: "spring")]),
        CSLItem(id: "d", type: "webpage"),
    ]

    private static func render(_ processor: CSLProcessor) {
        let citations = [
            CSLCitation(cites: [CSLCite(id: "a"), CSLCite(id: "b", locator: "3-5", label: "chapter")], noteNumber: 1),
            CSLCitation(cites: [CSLCite(id: "b", prefix: "see ", suffix: ", too"), CSLCite(id: "c", suppressAuthor: true)], noteNumber: 2),
            CSLCitation(cites: [CSLCite(id: "c", authorOnly: true), CSLCite(id: "d"), CSLCite(id: "a", locator: "7")], noteNumber: 3),
        ]
        let result = processor.render(items: items, citations: citations)
        for texts in result.citations + result.bibliography.map(\.text) { _ = processor.html(texts) }
    }

    private static let plainStyle = #"""
    <style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><citation><layout delimiter="; ">
    <names variable="author"><name/><label prefix=" "/></names><date variable="issued" form="text"/>
    <number variable="edition" form="ordinal"/><text term="page" form="short"/></layout></citation></style>
    """#

    /// Keys the citation target can hit: short ones, so that the fuzzer finds them.
    private static let bibliography: Bibliography = {
        var bibliography = Bibliography()
        var diagnostics: [Diagnostic] = []
        let references = ["a", "b", "c", "k1", "x:y"].enumerated().map { index, key in
            var reference = Reference(id: key, type: index % 2 == 0 ? "article-journal" : "book", location: SourceLocation(path: "refs.json", line: index + 1, column: 1))
            reference.title = "Title \(key)"
            reference.authors = [Reference.Name(family: "Family\(index)", given: "G")]
            reference.issued = Reference.DateParts(year: 2000 + index)
            reference.doi = "10.1/\(key)"
            return reference
        }
        bibliography.add(references, diagnostics: &diagnostics)
        return bibliography
    }()

    static var selected: FuzzTarget {
        let name = ProcessInfo.processInfo.environment["SITEGEN_FUZZ_TARGET"] ?? ""
        guard let target = FuzzTarget(rawValue: name) else {
            let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
            FileHandle.standardError.write(Data("set SITEGEN_FUZZ_TARGET to one of: \(names)\n".utf8))
            exit(2)
        }
        return target
    }
}

#if FUZZING
// Built with `-sanitize=fuzzer,address -DFUZZING` (Fuzz/run). SwiftPM makes `main` an alias of this module's
// entry point, so libFuzzer's own `main` is not linked: the entry point hands over to libFuzzer's driver.
private let target = FuzzTarget.selected

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    target.run(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
private func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

@main
struct Fuzz {
    static func main() {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(runFuzzerDriver(&argc, &argv, fuzzOneInput))
    }
}
#else
/// Without the fuzzer: runs the selected target over files, e.g. a crash the fuzzer saved.
@main
struct Replay {
    static func main() {
        let target = FuzzTarget.selected
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
                exit(1)
            }
            data.withUnsafeBytes { target.run($0) }
            print("\(target.rawValue): \(path) ok")
        }
    }
}
#endif
