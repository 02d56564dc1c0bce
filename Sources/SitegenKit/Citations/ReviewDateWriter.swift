import CSL
import Synchronization

/// A review date as the site's locale writes a date in words, by its `<date form="text">` and month names: German's
/// `20. April 2026`, French's `20 avril 2026`. An English site's dates are ``ReviewDate/display`` (`April 20, 2026`).
final class ReviewDateWriter: Sendable {
    private let processor: CSLProcessor
    /// The dates written so far: a site's answers share few dates, and each list prints them again.
    private let written = Mutex<[ReviewDate: String]>([:])

    /// Nil for an English site, whose dates are written as they always were.
    init?(language: String) {
        guard !SiteWords.isEnglish(language) else { return nil }
        let locale = CitationStyle.builtInLocale(language, styleLocales: []).locale
        // The built-in style below is checked by the tests: one that did not read would be a defect of the build.
        guard let root = try? XMLReader.read(Self.style), let style = try? CSLStyle(root) else { return nil }
        processor = CSLProcessor(style: style, localeFiles: CitationStyle.locales(for: locale), language: locale)
    }

    /// A style that prints an item's date, in words, and nothing else.
    private static let style = """
        <style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
        <info><title>Review date</title><id>sitegen-review-date</id></info>
        <citation><layout><date variable="issued" form="text"/></layout></citation>
        <bibliography><layout><date variable="issued" form="text"/></layout></bibliography>
        </style>
        """

    /// The date in words in the locale's order (`20. April 2026`).
    func written(_ date: ReviewDate) -> String {
        if let known = written.withLock({ $0[date] }) { return known }
        let item = CSLItem(id: "reviewed", type: "webpage", dates: ["issued": CSLDate(parts: [[date.year, date.month, date.day]])])
        let text = processor.plainText(processor.entry(item)).trimmingWhitespace
        written.withLock { $0[date] = text }
        return text
    }
}
