import Testing

@testable import SitegenKit
import TestSupport

/// The locator at the start of a cite's suffix, read as pandoc 3.9 reads one (``LocatorReader``).
struct LocatorReaderTests {
    /// The quick reading of the common locators (`p. 12`, `pp. 12-14`, `12`) reads what pandoc's tokens read, on every
    /// suffix of up to three pieces and on random longer ones made of the pieces that come near those forms, in two
    /// languages (English's `p.`, German's `S.`).
    @Test func theQuickReadingReadsWhatTheFullOneDoes() throws {
        let pieces = ["p", "P", "pp", "S", "vol", "c", "iv", "e", "x", ".", " ", "  ", ",", ";", "1", "12", "-", "–", "(", "\u{A0}"]
        var suffixes: [String] = [""]
        for _ in 1...3 { suffixes += suffixes.flatMap { suffix in pieces.map { suffix + $0 } } }
        var generator = SeededGenerator(state: 64)
        for _ in 0..<3_000 { suffixes.append((0..<Int.random(in: 4...7, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()) }
        var quick = 0
        for style in [CitationStyle.vancouver, try #require(try CitationStyle.builtIn("apa", language: "de-DE"))] {
            for suffix in Set(suffixes) {
                guard let read = LocatorReader.readQuickly(suffix, labels: style.locatorLabels) else { continue }
                quick += 1
                let full = LocatorReader.readFully(suffix, labels: style.locatorLabels)
                #expect(full.map { [$0.label, $0.locator, $0.rest] } == [read.label, read.locator, read.rest], "'\(suffix)' in \(style.name)")
            }
        }
        // The forms it is there for are read quickly.
        let labels = CitationStyle.vancouver.locatorLabels
        for (suffix, label, locator) in [("p. 12", "page", "12"), ("pp. 12-14", "page", "12-14"), ("12", "page", "12"), ("vol. 3", "volume", "3"), ("P.  7", "page", "7")] {
            let read = LocatorReader.readQuickly(suffix, labels: labels)
            #expect(read.map { [$0.label, $0.locator, $0.rest] } == [label, locator, ""], "\(suffix)")
        }
        // A comma after a space is no locator's (pandoc reads the one right after the key alone).
        #expect(LocatorReader.readQuickly(", p. 4", labels: labels) == nil)
        #expect(quick > 50, "\(quick) suffixes read quickly")
    }
}
