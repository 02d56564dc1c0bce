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
    // What pages read of it first, where reading the object starts.
    /// What a page prints of the entry besides its number: its element id, its markers' label, its list HTML, its
    /// JSON-LD item.
    let pageText: EntryPageText
    /// Whether the element id is `ref-` and the key as written (every character of the key may be in an id): two
    /// such entries of one page never have the same id.
    let elementIdIsKey: Bool
    /// The hash values of ``identities``, in their order, 0 past their end: held in the object, where an article's first
    /// citation of the entry reads them (an array of them was a read of memory elsewhere, a cache miss a citation).
    let identityHashes: (Int, Int, Int)
    /// Who wrote the source as a sentence names them before its marker (`@key showed`: "O’Brien¹"), HTML-escaped:
    /// ``Reference/authorLabel(and:)``, made once, where each such citation had read a name with an apostrophe's markup.
    let authorLabelHTML: String
    /// The entry printed.
    public let reference: Reference
    public let formatted: FormattedReference
    public let doiURL: String?
    public let pubMedURL: String?
    /// The entry as the CSL processor takes it (``Reference/cslItem``), made once, for an author-date style: each
    /// article gives the processor its entries again, and the processor's cache tells one it knows from another by
    /// comparing them, at once when they are the same values in memory. Nil for a numeric style, which prints an
    /// entry once.
    let cslItem: CSLItem?
    /// The fingerprint of ``cslItem`` (``CSL/CSLItem/fingerprint``) when an author-date style's renderings are kept
    /// for the next build (``KeptReferenceTexts``), 0 otherwise.
    let itemHash: UInt64
    /// What tells the work apart from other entries (``CitationResolver``'s warning at a paper cited twice under two
    /// keys): its key in small letters, its DOI in small letters and its PMID, each after its kind (`DOI 10.1/x`); made
    /// once a build, where each article's first citation of the entry looks them up.
    let identities: [String]

    init(
        reference: Reference, formatted: FormattedReference, retractedMark: String, elementId: String, authorLabelHTML: String, markerLabel: String, links: [(beforeNumber: String, afterNumber: String)],
        doiURL: String?, pubMedURL: String?, jsonLDItem: String, cslItem: CSLItem?, itemHash: UInt64 = 0
    ) {
        self.cslItem = cslItem
        self.itemHash = itemHash
        self.authorLabelHTML = authorLabelHTML
        self.reference = reference
        self.formatted = formatted
        elementIdIsKey = elementId.utf8.count == reference.id.utf8.count + 4 && elementId.utf8.dropFirst(4).elementsEqual(reference.id.utf8)
        // A retracted source says so after its entry, outside the style's text (pandoc's): a reader is not to rely on
        // it, whether the answer cites it to explain the retraction or by mistake (which `check` says).
        // A link's two parts, each beside the number: the pieces are the text between two numbers.
        var pieces = [formatted.html + (reference.retractions.isEmpty ? "" : retractedMark)]
        for (index, link) in links.enumerated() {
            pieces[pieces.count - 1] += (index == 0 ? " <span class=\"ref-links\">" : " ") + link.beforeNumber
            pieces.append(link.afterNumber)
        }
        pieces[pieces.count - 1] += (links.isEmpty ? "" : "</span>") + " <span class=\"backlinks\">"
        pageText = EntryPageText(elementId: elementId, markerLabel: markerLabel, listPieces: pieces, jsonLDItem: jsonLDItem)
        self.doiURL = doiURL
        self.pubMedURL = pubMedURL
        var identities = ["key " + reference.id.lowercased()]
        if let doi = reference.bareDOI { identities.append("DOI " + doi.lowercased()) }
        if let pmid = reference.pubMedID { identities.append("PMID " + pmid) }
        self.identities = identities
        let hashes = identities.map { $0.hashValue == 0 ? 1 : $0.hashValue } + [0, 0]
        identityHashes = (hashes[0], hashes[1], hashes[2])
    }
}

/// An entry an article cites, with its number in the article.
public struct CitedReference: Sendable {
    public var number: Int
    public var printed: PrintedReference {
        didSet { text = printed.pageText }
    }
    /// ``printed``'s page text, read from it once: a page's markers and list read the parts from here.
    private(set) var text: EntryPageText
    /// The element id when another entry of the page has the entry's own (`ref-a-2`), nil when it is its own.
    private let otherId: String?
    /// The numbers of the markers that cite it, in document order (marker n's element id is `cite-n`).
    public var citedAt: [Int]

    init(number: Int, printed: PrintedReference, otherId: String?) {
        self.number = number
        self.printed = printed
        text = printed.pageText
        self.otherId = otherId
        citedAt = []
    }

    public var reference: Reference { printed.reference }
    public var formatted: FormattedReference { printed.formatted }
    /// The element id of the bibliography entry (the markers' link target).
    public var id: String { otherId ?? String(text.elementId) }

    /// Appends ``id``, without making a string of it.
    func appendId(to html: inout String) {
        if let otherId { html += otherId } else { html += text.elementId }
    }
}

/// The parts of an entry that every page citing it prints, in one string: its element id, its markers' label
/// (``PrintedReference`` says what each holds), the pieces of its list HTML around its number, its JSON-LD item.
///
/// Kept as strings of their own, a page read each from another place in memory, seldom still in the cache when an
/// entry is cited again many pages later: in `perf annotate`, most of the reference list's own time was spent
/// waiting on those reads. One string is one such wait, the rest read in order.
struct EntryPageText: Sendable {
    private let text: String
    /// Where each part ends in ``text``: the element id, the label, then each piece of the list HTML; the JSON-LD
    /// item is the rest. Indices of the text's Unicode scalars, which a slice takes as they are.
    private let ends: InlineArray<8, String.Index>
    /// How many pieces the list HTML has: the formatted entry, and one more for each of its links (at most four).
    let pieceCount: Int

    /// - Parameters:
    ///   - elementId: `ref-` and the key, before it is made unique in a page.
    ///   - markerLabel: a marker link's `aria-label` after "Reference N: ", HTML-escaped.
    ///   - listPieces: the entry's HTML in a page's list up to its back-links, in the pieces that go around its
    ///     number (`… <span class="ref-links"><a href="…" aria-label="DOI for reference `, `">DOI</a></span> <span
    ///     class="backlinks">`).
    ///   - jsonLDItem: the entry's item in the page's JSON-LD `citation` list, serialized.
    init(elementId: String, markerLabel: String, listPieces: [String], jsonLDItem: String) {
        precondition((1...6).contains(listPieces.count), "\(listPieces.count) pieces of an entry's list HTML")
        let parts = [elementId, markerLabel] + listPieces
        text = parts.joined() + jsonLDItem
        let scalars = text.unicodeScalars
        var ends = InlineArray<8, String.Index>(repeating: text.startIndex)
        var end = scalars.startIndex
        for (index, part) in parts.enumerated() {
            end = scalars.index(end, offsetBy: part.unicodeScalars.count)
            ends[index] = end
        }
        self.ends = ends
        pieceCount = listPieces.count
    }

    var elementId: Substring { text[..<ends[0]] }
    var markerLabel: Substring { text[ends[0]..<ends[1]] }
    /// The list HTML's piece `index` (0 up to ``pieceCount``): the text before the number's first place, between two
    /// places, after the last.
    func listPiece(_ index: Int) -> Substring { text[ends[1 + index]..<ends[2 + index]] }
    var jsonLDItem: Substring { text[ends[1 + pieceCount]...] }
}
