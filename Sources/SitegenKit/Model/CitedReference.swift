import CSL

/// An entry as a citation style prints it: plain text and HTML.
public struct FormattedReference: Sendable, Hashable {
    public var text: String
    public var html: String

    public init(text: String, html: String) {
        self.text = text
        self.html = html
    }
}

/// What every page citing an entry prints of it: worked out once per build, whichever article cites it first.
/// A class, so that the many articles citing an entry share it rather than copy it.
public final class PrintedReference: Sendable {
    /// The entry printed.
    public let reference: Reference
    public let formatted: FormattedReference
    /// The element id of the entry in a bibliography (`ref-` and the key), before it is made unique in a page.
    let elementId: String
    /// Whether ``elementId`` is `ref-` and the key as written (every character of the key may be in an id): two such
    /// entries of one page never have the same id.
    let elementIdIsKey: Bool
    /// A marker link's `aria-label` after "Reference N: ": the short label and the title, HTML-escaped.
    let markerLabel: String
    /// The entry's HTML in a page's list up to its back-links, in the pieces that go around its number in the article:
    /// the formatted entry and the links under it (`… <span class="ref-links"><a href="…" aria-label="DOI for
    /// reference `, `">DOI</a></span> <span class="backlinks">`), made once for every page that lists it.
    let numberedHTML: [String]
    public let doiURL: String?
    public let pubMedURL: String?
    /// The entry's item in the page's JSON-LD `citation` list, serialized.
    let jsonLDItem: String
    /// The entry as the CSL processor takes it (``Reference/cslItem``), made once, for an author-date style: each
    /// article gives the processor its entries again, and the processor's cache tells one it knows from another by
    /// comparing them, at once when they are the same values in memory. Nil for a numeric style, which prints an
    /// entry once.
    let cslItem: CSLItem?

    init(
        reference: Reference, formatted: FormattedReference, elementId: String, markerLabel: String, links: [(beforeNumber: String, afterNumber: String)],
        doiURL: String?, pubMedURL: String?, jsonLDItem: String, cslItem: CSLItem?
    ) {
        self.cslItem = cslItem
        self.reference = reference
        self.formatted = formatted
        self.elementId = elementId
        elementIdIsKey = elementId.utf8.count == reference.id.utf8.count + 4 && elementId.utf8.dropFirst(4).elementsEqual(reference.id.utf8)
        self.markerLabel = markerLabel
        // A link's two parts, each beside the number: the pieces are the text between two numbers.
        var pieces = [formatted.html]
        for (index, link) in links.enumerated() {
            pieces[pieces.count - 1] += (index == 0 ? " <span class=\"ref-links\">" : " ") + link.beforeNumber
            pieces.append(link.afterNumber)
        }
        pieces[pieces.count - 1] += (links.isEmpty ? "" : "</span>") + " <span class=\"backlinks\">"
        numberedHTML = pieces
        self.doiURL = doiURL
        self.pubMedURL = pubMedURL
        self.jsonLDItem = jsonLDItem
    }
}

/// An entry an article cites, with its number in the article.
public struct CitedReference: Sendable {
    public var number: Int
    /// The element id of the bibliography entry (the markers' link target).
    public var id: String
    public var printed: PrintedReference
    public var reference: Reference { printed.reference }
    public var formatted: FormattedReference { printed.formatted }
    /// The numbers of the markers that cite it, in document order (marker n's element id is `cite-n`).
    public var citedAt: [Int]
}
