import Foundation
import Synchronization

/// Formatted entries shared by the articles of one build, so that a source cited by many articles is
/// formatted once. Safe to use from the parallel rendering tasks.
public final class ReferenceFormats: Sendable {
    private let formatter: VancouverFormatter
    /// By key and place (hashing a whole entry cost more than the lookup saved); the entry itself confirms a hit.
    private let printed = Mutex<[Place: (reference: Reference, printed: PrintedReference)]>([:])

    private struct Place: Hashable {
        var id: String
        var location: SourceLocation
    }

    public init(formatter: VancouverFormatter = VancouverFormatter()) {
        self.formatter = formatter
    }

    public func format(_ reference: Reference) -> FormattedReference {
        printed(reference).formatted
    }

    public func printed(_ reference: Reference) -> PrintedReference {
        let place = Place(id: reference.id, location: reference.location)
        if let known = printed.withLock({ $0[place] }), known.reference == reference { return known.printed }
        // Two tasks may format the same entry at once; both get the same result, one is kept.
        let result = PrintedReference.make(reference, formatted: formatter.format(reference))
        printed.withLock { $0[place] = (reference, result) }
        return result
    }
}

extension PrintedReference {
    /// What pages print of an entry, with its links and JSON-LD made once.
    static func make(_ reference: Reference, formatted: FormattedReference) -> PrintedReference {
        var label = reference.shortLabel
        if let title = reference.title { label += ", " + title }
        let doi = reference.doiURL, pubMed = reference.pubMedURL, pmc = reference.pmcURL, web = reference.webURL
        var links: [(String, String, String)] = []
        if let doi { links.append((HTMLEscaping.escape(doi), "DOI", "DOI for reference")) }
        if let pubMed { links.append((HTMLEscaping.escape(pubMed), "PubMed", "PubMed record for reference")) }
        if let pmc { links.append((HTMLEscaping.escape(pmc), "PMC", "Full text in PubMed Central for reference")) }
        if let web, doi == nil { links.append((HTMLEscaping.escape(web), "Link", "Web page for reference")) }
        var item: [(String, JSONValue)] = [("@type", .string("ScholarlyArticle")), ("name", .string(formatted.text))]
        if let url = doi ?? web ?? pubMed { item.append(("url", .string(url))) }
        return PrintedReference(
            formatted: formatted, elementId: CitationResolver.elementId(for: reference.id), markerLabel: HTMLEscaping.escape(label),
            links: links, doiURL: doi, pubMedURL: pubMed, jsonLDItem: JSONValue.object(item).serialized)
    }
}
