// How long the CSL module takes to print bibliography entries, without the rest of a build: each item of a CSL-JSON
// file is rendered alone (as a site prints each cited entry once) to HTML and plain text, in one or more styles.
//
//     swift build -c release --product csl-bench
//     .build/release/csl-bench FILE.json [STYLE …]     # built-in style names; vancouver by default
//
// Prints, for each style, the microseconds per entry (the best of five passes over every item); then per document:
// 2,000 documents, each citing 4 to 10 of the items in 4 to 10 citations of one to three cites, some with a page,
// rendered by one processor as a site's articles are (citations, bibliography, disambiguation, sorting), printed to
// HTML; the same documents on every run; and the same documents printed again by a processor that has printed them
// once (what a document costs a site once its sources are rendered).
import CSL
import Foundation

let arguments = CommandLine.arguments.dropFirst()
guard let path = arguments.first, let data = FileManager.default.contents(atPath: path),
      let list = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] else {
    FileHandle.standardError.write(Data("usage: csl-bench FILE.json [STYLE …]  (a CSL-JSON list)\n".utf8))
    exit(2)
}

/// The CSL-JSON variables the benchmark corpus and most exports use: text, names and dates.
func item(_ object: [String: Any]) -> CSLItem {
    var item = CSLItem(id: object["id"] as? String ?? "", type: object["type"] as? String ?? "article")
    for (key, value) in object where key != "id" && key != "type" {
        switch value {
        case let text as String: item.fields[key.lowercased()] = text
        case let number as NSNumber: item.fields[key.lowercased()] = number.stringValue
        case let names as [[String: Any]]:
            item.names[key] = names.map { CSLName(family: $0["family"] as? String, given: $0["given"] as? String, literal: $0["literal"] as? String) }
        case let date as [String: Any]:
            let parts = (date["date-parts"] as? [[Any]] ?? []).map { $0.compactMap { ($0 as? NSNumber)?.intValue ?? Int("\($0)") } }
            item.dates[key] = CSLDate(parts: parts, literal: date["literal"] as? String)
        default: break
        }
    }
    // As a site prints it: the title linked to the source.
    item.link = item.fields["doi"].map { "https://doi.org/" + $0 }
    return item
}

let items = list.map(item)
let styles = arguments.count > 1 ? Array(arguments.dropFirst()) : ["vancouver"]
var locales: [String: CSLLocale] = [:]
for (name, text) in CSLBuiltins.locales { locales[name] = try CSLLocale(XMLReader.read(text)) }
for name in styles {
    guard let text = CSLBuiltins.styles[name] else {
        FileHandle.standardError.write(Data("unknown style \(name); built in: \(CSLBuiltins.styleNames.joined(separator: ", "))\n".utf8))
        exit(2)
    }
    let style = try CSLStyle(XMLReader.read(text))
    var best = Double.infinity
    var printed = 0
    for _ in 0..<5 {
        // Entries as a site prints each cited one: once, alone (the processor keeps none of them).
        let processor = CSLProcessor(style: style, localeFiles: locales, language: "en-US")
        let start = ContinuousClock.now
        for item in items {
            let texts = processor.entry(item)
            printed &+= processor.html(texts, escaping: .named).utf8.count &+ processor.plainText(texts).utf8.count
        }
        let elapsed = ContinuousClock.now - start
        best = min(best, Double(elapsed.components.seconds) * 1e6 + Double(elapsed.components.attoseconds) / 1e12)
    }
    print(String(format: "%@: %.1f µs per entry (%d entries, best of 5; %d bytes printed)", name, best / Double(items.count), items.count, printed / 5))

    best = .infinity
    printed = 0
    let documents = makeDocuments(count: 2_000, from: items)
    for _ in 0..<5 {
        let processor = CSLProcessor(style: style, localeFiles: locales, language: "en-US")
        let start = ContinuousClock.now
        for (cited, citations) in documents {
            let result = processor.render(items: cited, citations: citations)
            for citation in result.citations { printed &+= processor.html(citation, escaping: .named).utf8.count }
            for entry in result.bibliography { printed &+= processor.html(entry.text, escaping: .named).utf8.count }
        }
        let elapsed = ContinuousClock.now - start
        best = min(best, Double(elapsed.components.seconds) * 1e6 + Double(elapsed.components.attoseconds) / 1e12)
    }
    print(String(format: "%@: %.1f µs per document (%d documents, best of 5; %d bytes printed)", name, best / Double(documents.count), documents.count, printed / 5))

    // The documents again, as a site's articles are after its first ones: with the processor's cache warm (every
    // item and cite rendered before), printed as a site prints them (`renderHTML`, each cite linked to its entry).
    let linked = documents.map { cited, citations in
        (cited, citations.map { citation in
            var citation = citation
            for index in citation.cites.indices { citation.cites[index].link = "#ref-" + citation.cites[index].id }
            return citation
        })
    }
    let warm = CSLProcessor(style: style, localeFiles: locales, language: "en-US")
    for (cited, citations) in linked { _ = warm.renderHTML(items: cited, citations: citations, escaping: .named) }
    best = .infinity
    printed = 0
    for _ in 0..<5 {
        let start = ContinuousClock.now
        for (cited, citations) in linked {
            let result = warm.renderHTML(items: cited, citations: citations, escaping: .named)
            for citation in result.citations { printed &+= citation.utf8.count }
            for entry in result.bibliography { printed &+= warm.html(entry.text, escaping: .named).utf8.count }
        }
        let elapsed = ContinuousClock.now - start
        best = min(best, Double(elapsed.components.seconds) * 1e6 + Double(elapsed.components.attoseconds) / 1e12)
    }
    print(String(format: "%@: %.1f µs per warm document (%d documents, best of 5; %d bytes printed)", name, best / Double(linked.count), linked.count, printed / 5))
}

/// The benchmark's documents: the items each cites, and its citations, drawn from a fixed sequence.
func makeDocuments(count: Int, from items: [CSLItem]) -> [(items: [CSLItem], citations: [CSLCitation])] {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }
    return (0..<count).map { _ in
        var cited: [CSLItem] = []
        for _ in 0..<(4 + next(7)) {
            let item = items[next(items.count)]
            if !cited.contains(where: { $0.id == item.id }) { cited.append(item) }
        }
        let citations = (0..<(4 + next(7))).map { _ in
            CSLCitation(cites: (0..<(1 + next(3))).map { _ in
                let item = cited[next(cited.count)]
                return next(10) < 3 ? CSLCite(id: item.id, locator: String(1 + next(300)), label: "page") : CSLCite(id: item.id)
            })
        }
        return (cited, citations)
    }
}
