// How long the CSL module takes to print bibliography entries, without the rest of a build: each item of a CSL-JSON
// file is rendered alone (as a site prints each cited entry once) to HTML and plain text, in one or more styles.
//
//     swift build -c release --product csl-bench
//     .build/release/csl-bench FILE.json [STYLE …]     # built-in style names; vancouver by default
//
// Prints, for each style, the microseconds per entry (the best of five passes over every item).
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
}
