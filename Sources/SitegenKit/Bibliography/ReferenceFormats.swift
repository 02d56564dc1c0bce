import Foundation

/// What every page citing an entry prints of it: worked out once per build, whichever article cites it first.
/// A class, so that the many articles citing an entry share it rather than copy it.
public final class PrintedReference: Sendable {
    public let formatted: VancouverFormatter.Formatted
    /// The element id of the entry in a bibliography (`ref-` and the key), before it is made unique in a page.
    let elementId: String
    /// A marker link's `aria-label` after "Reference N: ": the short label and the title, HTML-escaped.
    let markerLabel: String
    /// The links under the entry, HTML-escaped, each with what its label calls it ("DOI", "PubMed" …).
    let links: [(url: String, text: String, label: String)]
    public let doiURL: String?
    public let pubMedURL: String?
    /// The entry's item in the page's JSON-LD `citation` list, serialized.
    let jsonLDItem: String

    init(_ reference: Reference, formatted: VancouverFormatter.Formatted) {
        self.formatted = formatted
        elementId = CitationResolver.elementId(for: reference.id)
        var label = reference.shortLabel
        if let title = reference.title { label += ", " + title }
        markerLabel = HTMLEscaping.escape(label)
        let doi = reference.doiURL, pubMed = reference.pubMedURL, pmc = reference.pmcURL, web = reference.webURL
        var links: [(String, String, String)] = []
        if let doi { links.append((HTMLEscaping.escape(doi), "DOI", "DOI for reference")) }
        if let pubMed { links.append((HTMLEscaping.escape(pubMed), "PubMed", "PubMed record for reference")) }
        if let pmc { links.append((HTMLEscaping.escape(pmc), "PMC", "Full text in PubMed Central for reference")) }
        if let web, doi == nil { links.append((HTMLEscaping.escape(web), "Link", "Web page for reference")) }
        self.links = links
        doiURL = doi
        pubMedURL = pubMed
        var item: [(String, JSONValue)] = [("@type", .string("ScholarlyArticle")), ("name", .string(formatted.text))]
        if let url = doi ?? web ?? pubMed { item.append(("url", .string(url))) }
        jsonLDItem = JSONValue.object(item).serialized
    }
}

/// Formatted entries shared by the articles of one build, so that a source cited by many articles is
/// formatted once. Safe to use from the parallel rendering tasks.
public final class ReferenceFormats: @unchecked Sendable {
    private let formatter: VancouverFormatter
    private let lock = NSLock()
    /// By key and place (hashing a whole entry cost more than the lookup saved); the entry itself confirms a hit.
    private var printed: [Place: (reference: Reference, printed: PrintedReference)] = [:]

    private struct Place: Hashable {
        var id: String
        var location: SourceLocation
    }

    public init(formatter: VancouverFormatter = VancouverFormatter()) {
        self.formatter = formatter
    }

    public func format(_ reference: Reference) -> VancouverFormatter.Formatted {
        printed(reference).formatted
    }

    public func printed(_ reference: Reference) -> PrintedReference {
        let place = Place(id: reference.id, location: reference.location)
        if let known = lock.withLock({ printed[place] }), known.reference == reference { return known.printed }
        // Two tasks may format the same entry at once; both get the same result, one is kept.
        let result = PrintedReference(reference, formatted: formatter.format(reference))
        lock.withLock { printed[place] = (reference, result) }
        return result
    }
}
