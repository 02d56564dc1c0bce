import Foundation

/// Formatted entries shared by the articles of one build, so that a source cited by many articles is
/// formatted once. Safe to use from the parallel rendering tasks.
public final class ReferenceFormats: @unchecked Sendable {
    private let formatter: VancouverFormatter
    private let lock = NSLock()
    /// By key and place (hashing a whole entry cost more than the lookup saved); the entry itself confirms a hit.
    private var formatted: [Place: (reference: Reference, formatted: VancouverFormatter.Formatted)] = [:]

    private struct Place: Hashable {
        var id: String
        var location: SourceLocation
    }

    public init(formatter: VancouverFormatter = VancouverFormatter()) {
        self.formatter = formatter
    }

    public func format(_ reference: Reference) -> VancouverFormatter.Formatted {
        let place = Place(id: reference.id, location: reference.location)
        if let known = lock.withLock({ formatted[place] }), known.reference == reference { return known.formatted }
        // Two tasks may format the same entry at once; both get the same result, one is kept.
        let result = formatter.format(reference)
        lock.withLock { formatted[place] = (reference, result) }
        return result
    }
}
